#!/bin/bash
# `cmake --install` into a temporary prefix lays out the Debian-style tree, and the installed
# binary works from another directory: on the installed examples, and with --rules (and
# BACKTRIAGE_RULES) naming the installed rule directory, which scores like the built-in set.
# Usage: bash install_prefix.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
export MAN_DISABLE_SECCOMP=1  # man-db's sandbox can fail inside containers

# The build directory is the one above the binary that holds cmake_install.cmake.
build=$(cd "$(dirname "$bin")" && pwd)
while [ ! -f "$build/cmake_install.cmake" ] || [ ! -f "$build/CMakeCache.txt" ]; do
  [ "$build" = / ] && { echo "FAIL: no build directory above $bin" >&2; exit 1; }
  build=$(dirname "$build")
done

prefix=$tmp/prefix
if ! cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then
  echo "FAIL: cmake --install failed:" >&2
  cat "$tmp/install.log" >&2
  exit 1
fi

# The layout.
expect_file() { [ -f "$prefix/$1" ] || fail "not installed: $1"; }
[ -x "$prefix/bin/backtriage" ] || fail "not installed: bin/backtriage"
for page in man1/backtriage.1 man5/backtriage-rules.5; do
  [ -f "$prefix/share/man/$page.gz" ] || [ -f "$prefix/share/man/$page" ] || fail "not installed: share/man/$page(.gz)"
done
for rule_file in "$src"/rules/*.yaml "$src/rules/README.md"; do
  expect_file "share/backtriage/rules/${rule_file##*/}"
done
# The United States terms, named on their own so that a lost glob cannot hide them.
expect_file share/backtriage/rules/terms-us.yaml
for example in "$src"/examples/*; do
  expect_file "share/doc/backtriage/examples/${example##*/}"
done
expect_file share/doc/backtriage/copyright
cmp -s "$src/LICENSE" "$prefix/share/doc/backtriage/copyright" || fail "share/doc/backtriage/copyright is not LICENSE"
expect_file share/bash-completion/completions/backtriage
stray=$(cd "$prefix" && find . -type f | grep -v -e '^\./bin/' -e '^\./share/')
[ -z "$stray" ] && [ -z "$(ls -A "$prefix" | grep -v -x -e bin -e share)" ] || fail "installed outside bin/ and share/: $stray"

# The installed binary, from a directory that is neither the source nor the build tree.
installed=$prefix/bin/backtriage
examples=$prefix/share/doc/backtriage/examples
rules=$prefix/share/backtriage/rules
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1

expect_eq() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
expect_eq "--version" "$("$bin" --version)" "$("$installed" --version)"

"$installed" score "$examples/intake.csv" >builtin.csv 2>err
code=$?
expect_eq "score on the installed examples/intake.csv: exit (it ends with invalid rows)" 65 "$code"
"$bin" score "$examples/intake.csv" >build-tree.csv 2>/dev/null
cmp -s build-tree.csv builtin.csv || fail "the installed binary scores examples/intake.csv unlike the built one"
if [ -f "$examples/intake-clean.csv" ]; then
  "$installed" score "$examples/intake-clean.csv" -o clean.csv 2>err
  expect_eq "score on examples/intake-clean.csv: exit" 0 "$?"
  grep -q ',error,' clean.csv && fail "examples/intake-clean.csv has error rows"
fi

"$installed" --rules "$rules" score "$examples/intake.csv" >installed-rules.csv 2>err
expect_eq "score --rules INSTALLED_RULES: exit" 65 "$?"
cmp -s builtin.csv installed-rules.csv || fail "the installed rule directory does not score like the built-in rules:
$(diff builtin.csv installed-rules.csv | head -5)"
BACKTRIAGE_RULES=$rules "$installed" score "$examples/intake.csv" >env-rules.csv 2>err
cmp -s builtin.csv env-rules.csv || fail "BACKTRIAGE_RULES=INSTALLED_RULES does not score like the built-in rules"
# The installed rule directory carries both regions: --region us through it gives the JSON Lines
# of the built-in rules in region us, with the same US hash.
"$installed" score --region us --format jsonl "$examples/intake.csv" >builtin-us.jsonl 2>/dev/null
"$installed" --rules "$rules" score --region us --format jsonl "$examples/intake.csv" >installed-us.jsonl 2>err
expect_eq "score --rules INSTALLED_RULES --region us: exit" 65 "$?"
cmp -s builtin-us.jsonl installed-us.jsonl || fail "the installed rule directory in region us differs from the built-in rules:
$(diff builtin-us.jsonl installed-us.jsonl | head -5)"
grep -q '"region":"us"' installed-us.jsonl || fail "no region us in: $(head -n 1 installed-us.jsonl)"
grep -q '"region":"uk"' installed-us.jsonl && fail "region uk under --region us: $(head -n 1 installed-us.jsonl)"

case_args=(duration_days=5 numbness=no weakness=no difficulty_walking=no prior_injury=no age=40)
"$installed" eval --rules "$rules" "${case_args[@]}" >report.txt 2>err
expect_eq "eval --rules INSTALLED_RULES: exit" 0 "$?"
grep -q '^Recommendation:' report.txt || fail "eval --rules INSTALLED_RULES printed no report: $(cat err)"
"$installed" eval --rules "$rules" --region us "${case_args[@]}" >report-us.txt 2>err
grep -q '911' report-us.txt || fail "eval --rules INSTALLED_RULES --region us does not use the US terms: $(cat err)"
if "$installed" rules --help 2>/dev/null | grep -q '^  check '; then
  "$installed" rules check --rules "$rules" >check.txt 2>&1 || fail "rules check on the installed rules failed: $(cat check.txt)"
fi

# man finds the installed pages by name.
if command -v man >/dev/null; then
  for page in backtriage backtriage-rules; do
    MANPATH=$prefix/share/man MANWIDTH=80 man "$page" >page.txt 2>err || fail "man $page: $(cat err)"
    grep -q '^NAME' page.txt || fail "man $page shows no NAME section"
  done
fi

# The installed completion defines completion for the command.
bash -c 'source "$1" && complete -p backtriage' _ "$prefix/share/bash-completion/completions/backtriage" \
  >complete.txt 2>&1 || fail "the installed completion does not load: $(cat complete.txt)"
grep -q -- '-F _backtriage backtriage' complete.txt || fail "the installed completion does not complete backtriage"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: installed into a prefix and ran from $(pwd)"
