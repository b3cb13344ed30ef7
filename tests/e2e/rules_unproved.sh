#!/bin/bash
# No triage on an unproved rule set: with saddle numbness dropped from E1, eval, score and ask
# refuse the rule directory (exit 78, naming the invariant and its counterexample), and run it
# with --unchecked (a warning, "checked": false in JSON). A proved directory is remembered in
# $XDG_CACHE_HOME; a cache that cannot be written is no error.
# Usage: bash rules_unproved.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"

cp -r "$src/rules" "$tmp/weak"
sed -i 's/    when: saddle_numbness or bladder_bowel/    when: bladder_bowel/' "$tmp/weak/40-emergency.yaml"
grep -q '    when: bladder_bowel or both_legs' "$tmp/weak/40-emergency.yaml" || fail "the E1 condition was not weakened"
case_args=(duration_days=3 age=40 numbness=no weakness=no difficulty_walking=no prior_injury=no saddle_numbness=yes)

# eval refuses, naming the broken invariants and a counterexample eval itself accepts.
"$bin" eval --rules "$tmp/weak" "${case_args[@]}" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of eval on the weakened rules" 78 "$?"
[ -s "$tmp/out" ] && fail "eval printed a triage for an unproved rule set: $(cat "$tmp/out")"
grep -q "invariant 'I2' does not hold" "$tmp/err" || fail "eval does not name I2: $(cat "$tmp/err")"
grep -q "counterexample: .*saddle_numbness=yes" "$tmp/err" || fail "eval shows no counterexample: $(cat "$tmp/err")"
grep -q "add --unchecked" "$tmp/err" || fail "eval does not say how to run it anyway: $(cat "$tmp/err")"

# score and ask refuse too, before reading a row or asking a question.
printf 'id,duration_days,age,numbness,weakness,difficulty_walking,prior_injury,saddle_numbness\np1,3,40,no,no,no,no,yes\n' >"$tmp/in.csv"
"$bin" score --rules "$tmp/weak" "$tmp/in.csv" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of score on the weakened rules" 78 "$?"
[ -s "$tmp/out" ] && fail "score wrote rows for an unproved rule set: $(cat "$tmp/out")"
grep -q "invariant 'I2' does not hold" "$tmp/err" || fail "score does not name I2: $(cat "$tmp/err")"
"$bin" ask --rules "$tmp/weak" </dev/null >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of ask on the weakened rules" 78 "$?"
grep -q "invariant 'I2' does not hold" "$tmp/err" || fail "ask does not name I2: $(cat "$tmp/err")"

# --unchecked runs it, says so on stderr, and marks JSON output.
"$bin" eval --unchecked --rules "$tmp/weak" --format json "${case_args[@]}" >"$tmp/out.json" 2>"$tmp/err"
expect_eq "exit code of eval --unchecked" 0 "$?"
grep -q "without proving its invariants (--unchecked)" "$tmp/err" || fail "eval --unchecked gives no warning: $(cat "$tmp/err")"
python3 - "$tmp/out.json" <<'PY' || fail "eval --unchecked JSON: $(cat "$tmp/out.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ruleset"]["checked"] is False, d["ruleset"]
assert d["urgency"] == "urgent", d["urgency"]  # the under-triage the proof would have stopped
PY
"$bin" score --unchecked --rules "$tmp/weak" --format jsonl "$tmp/in.csv" >"$tmp/out.jsonl" 2>"$tmp/err"
expect_eq "exit code of score --unchecked" 0 "$?"
grep -q '"checked":false' "$tmp/out.jsonl" || fail "score --unchecked JSONL is not marked: $(cat "$tmp/out.jsonl")"
printf '3\n40\nno\nno\nno\nno\n' | "$bin" ask --unchecked --rules "$tmp/weak" >"$tmp/out" 2>"$tmp/err"
grep -q "without proving its invariants" "$tmp/err" || fail "ask --unchecked gives no warning: $(cat "$tmp/err")"

# A proved directory: JSON says checked, the proof is remembered for this rule set and version.
cp -r "$src/rules" "$tmp/good"
"$bin" eval --rules "$tmp/good" --format json "${case_args[@]}" >"$tmp/out.json" 2>"$tmp/err"
expect_eq "exit code of eval on a proved copy" 0 "$?"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['ruleset']['checked'] is True and d['urgency'] == 'emergency', d" \
  "$tmp/out.json" || fail "eval on a proved copy: $(cat "$tmp/out.json")"
ls "$XDG_CACHE_HOME/backtriage"/proved-* >/dev/null 2>&1 || fail "no proof remembered in $XDG_CACHE_HOME/backtriage"
# The weakened set was never remembered as proved.
hash=$("$bin" eval --unchecked --rules "$tmp/weak" --format json "${case_args[@]}" 2>/dev/null |
  python3 -c "import json,sys; print(json.load(sys.stdin)['ruleset']['hash'])")
ls "$XDG_CACHE_HOME/backtriage"/proved-"$hash"-* >/dev/null 2>&1 && fail "the weakened rule set was remembered as proved"

# A cache that cannot be written costs only the proof again.
XDG_CACHE_HOME=/proc/no-such-cache "$bin" eval --rules "$tmp/good" "${case_args[@]}" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code with an unwritable cache" 0 "$?"
[ -s "$tmp/err" ] && fail "an unwritable cache printed: $(cat "$tmp/err")"

[ "$failures" -eq 0 ] || exit 1
echo "ok: eval, score and ask refuse an unproved rule set and run it with --unchecked"
