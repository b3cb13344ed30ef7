#!/bin/bash
# Both manual pages format without a single groff warning (groff -man -ww -z), render with
# man -l at several widths with nothing on stderr, and have the sections a reader expects.
# The example rule set of backtriage-rules(5) is a valid rule set whose stated outcome holds.
# Usage: bash man_lint.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
export MAN_DISABLE_SECCOMP=1  # man-db's sandbox can fail inside containers

command -v groff >/dev/null || { echo "FAIL: groff is not installed (apt-get install groff-base)" >&2; exit 1; }

pages=("$src/man/backtriage.1" "$src/man/backtriage-rules.5")
for page in "${pages[@]}"; do
  name=${page##*/}
  [ -f "$page" ] || { fail "$name: missing"; continue; }
  groff -man -ww -z "$page" 2>"$tmp/warnings" || fail "$name: groff failed"
  [ -s "$tmp/warnings" ] && fail "$name: groff warnings:
$(cat "$tmp/warnings")"
  if command -v man >/dev/null; then
    for width in 60 80 132; do
      MANWIDTH=$width man -l "$page" >"$tmp/rendered" 2>"$tmp/warnings" || fail "$name: man -l failed at width $width"
      [ -s "$tmp/warnings" ] && fail "$name: man -l at width $width:
$(cat "$tmp/warnings")"
    done
  else
    groff -man -Tutf8 "$page" >"$tmp/rendered" 2>/dev/null
  fi
  case $name in
    backtriage.1)
      sections=(NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "INTAKE FILES" OUTPUT "EXIT STATUS" ENVIRONMENT
                FILES EXAMPLES "SEE ALSO")
      words=(BACKTRIAGE_RULES NO_COLOR 64 65 66 70 73 78 /usr/share/backtriage/rules) ;;
    backtriage-rules.5)
      sections=(NAME DESCRIPTION CONDITIONS ASKED-IF DIAGNOSTICS EXAMPLES "SEE ALSO")
      words=(ruleset outputs safety_net questions rules invariants tests asked_if red_flag any_yes any_unknown
             count unknown known emergency_flags unlisted expect) ;;
  esac
  for section in "${sections[@]}"; do
    grep -qx "$section" "$tmp/rendered" || fail "$name: no section $section"
  done
  for word in "${words[@]}"; do
    grep -qw -- "$word" "$tmp/rendered" || fail "$name: never mentions $word"
  done
done

# The example rule set, taken from the page source between its markers.
mkdir -p "$tmp/example"
sed -n '/^\.\\" example-begin/,/^\.\\" example-end/p' "$src/man/backtriage-rules.5" |
  sed '/^\./d; s/\\-/-/g; s/\\(aq/'"'"'/g; s/\\e/\\/g' >"$tmp/example/rules.yaml"
if ! grep -q '^questions:' "$tmp/example/rules.yaml"; then
  fail "backtriage-rules.5: no example rule set between the example-begin and example-end markers"
elif grep -q '\\' "$tmp/example/rules.yaml"; then
  fail "backtriage-rules.5: the example keeps a roff escape: $(grep '\\' "$tmp/example/rules.yaml" | head -1)"
else
  (cd "$tmp" && "$bin" eval --rules example --format json duration_days=3d leg_pain=yes both_legs=yes) \
    >"$tmp/out.json" 2>"$tmp/err"
  code=$?
  [ "$code" = 0 ] || fail "the example rule set does not evaluate (exit $code): $(cat "$tmp/err")"
  grep -q '"urgency": "emergency"' "$tmp/out.json" || fail "the example's both_legs case is not an emergency"
  grep -q '"red_flags": \[ *"both_legs"\|"both_legs"' "$tmp/out.json" || fail "the example's both_legs is not a red flag"
  # The rule tools, once the program has them, pass on it.
  for tool in check test; do
    if "$bin" rules --help 2>/dev/null | grep -q "^  $tool "; then
      (cd "$tmp" && "$bin" rules "$tool" --rules example) >"$tmp/out" 2>&1 ||
        fail "rules $tool on the example rule set failed (exit $?):
$(cat "$tmp/out")"
    fi
  done
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: the manual pages format cleanly"
