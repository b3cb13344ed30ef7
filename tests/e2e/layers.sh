#!/bin/bash
# The layers of src/ (base < rules < intake, decision < output, check < cli) are enforced by
# cmake/check_layers.cmake, which every layer's library waits for: the tree as it is passes,
# and a copy with an include against the order fails, naming the file and the two layers.
# Usage: bash layers.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
check() { cmake -DSRC_DIR="$1" -P "$src/cmake/check_layers.cmake" >"$tmp/out" 2>&1; }

check "$src/src" || fail "the tree fails its own layer check: $(cat "$tmp/out")"

# against_order FILE HEADER: a copy of src/ where FILE includes HEADER must fail the check.
against_order() {
  rm -rf "$tmp/src" && cp -r "$src/src" "$tmp/src"
  printf '#include "%s"\n' "$2" >>"$tmp/src/$1"
  if check "$tmp/src"; then
    fail "$1 including $2 passes the layer check"
  else
    grep -qF "$1: includes \"$2\"" "$tmp/out" || fail "the message does not name $1 and $2: $(cat "$tmp/out")"
  fi
}
against_order rules/expr.h intake/intake.h            # up: the rule model knows no intake file
against_order check/rule_check.cpp output/report.h     # across: the prover knows no printer
against_order decision/evaluate.cpp intake/csv_reader.h
against_order base/text.cpp rules/ruleset.h
against_order output/report.cpp cli/common.h

# The build waits for the check.
grep -q 'add_dependencies(backtriage_${name} backtriage_layers)' "$src/CMakeLists.txt" ||
  fail "the layer libraries do not depend on the layer check"

[ "$failures" = 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "ok"
