#!/bin/bash
# No triage on an unproved rule set: with saddle numbness dropped from E1, eval, score and ask
# refuse the rule directory (exit 78, naming the invariant and its counterexample), and run it
# with --unchecked (a warning, "checked": false in JSON). A proved directory is remembered,
# compiled, in $XDG_CACHE_HOME until it is edited; a cache that cannot be written or is damaged
# is no error.
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

# A proved directory: JSON says checked, and it is remembered (proved and compiled) for its
# exact content, region and version; later runs read the compiled set and say the same.
cp -r "$src/rules" "$tmp/good"
cache="$XDG_CACHE_HOME/backtriage"
entries() { find "$cache" -name 'rules-*' 2>/dev/null | wc -l; }
"$bin" eval --rules "$tmp/good" --format json "${case_args[@]}" >"$tmp/out.json" 2>"$tmp/err"
expect_eq "exit code of eval on a proved copy" 0 "$?"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['ruleset']['checked'] is True and d['urgency'] == 'emergency', d" \
  "$tmp/out.json" || fail "eval on a proved copy: $(cat "$tmp/out.json")"
remembered=$(entries)
[ "$remembered" -ge 1 ] || fail "no proved rule set remembered in $cache"
"$bin" eval --rules "$tmp/good" --format json "${case_args[@]}" >"$tmp/again.json" 2>"$tmp/err"
cmp -s "$tmp/out.json" "$tmp/again.json" || fail "eval from the remembered rule set differs: $(diff "$tmp/out.json" "$tmp/again.json")"
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/first.txt" 2>&1
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/second.txt" 2>&1
cmp -s "$tmp/first.txt" "$tmp/second.txt" || fail "the clinician report differs from the remembered rule set"
expect_eq "entries after running the same rule set again" "$remembered" "$(entries)"

# An edit is never answered from the cache: the new title shows at once.
sed -i 's/title: Possible pressure on the nerves at the bottom of the spine (cauda equina syndrome)/title: Edited E1 title/' \
  "$tmp/good/40-emergency.yaml"
grep -q "title: Edited E1 title" "$tmp/good/40-emergency.yaml" || fail "the E1 title was not edited"
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/edited.txt" 2>&1
grep -q "Edited E1 title" "$tmp/edited.txt" || fail "an edited rule set was answered from the cache: $(cat "$tmp/edited.txt")"
expect_eq "entries after an edit" "$((remembered + 1))" "$(entries)"

# A damaged entry is ignored: the rule set is proved and parsed again, with the same result.
for entry in "$cache"/rules-*; do printf 'damaged' >"$entry"; done
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/repaired.txt" 2>&1
expect_eq "exit code with damaged cache entries" 0 "$?"
cmp -s "$tmp/edited.txt" "$tmp/repaired.txt" || fail "a damaged cache entry changed the report: $(cat "$tmp/repaired.txt")"

# An entry another user could have written is not trusted: with the cache directory group-
# writable, the edited set's entry put under the original set's name is ignored.
sed -i 's/title: Edited E1 title/title: Possible pressure on the nerves at the bottom of the spine (cauda equina syndrome)/' \
  "$tmp/good/40-emergency.yaml"
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/original.txt" 2>&1
edited_entry=$(ls -t "$cache"/rules-* | sed -n 2p)  # the newest is the original set's again
original_entry=$(ls -t "$cache"/rules-* | sed -n 1p)
cp "$edited_entry" "$original_entry"
chmod 0770 "$cache"
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/planted.txt" 2>&1
chmod 0700 "$cache"
grep -q "Edited E1 title" "$tmp/planted.txt" && fail "an entry in a group-writable cache was used: $(cat "$tmp/planted.txt")"
cmp -s "$tmp/original.txt" "$tmp/planted.txt" || fail "a group-writable cache changed the report: $(cat "$tmp/planted.txt")"
# In a private cache the same entry is trusted (what the permission check is for).
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/trusted.txt" 2>&1
grep -q "Edited E1 title" "$tmp/trusted.txt" || fail "the planted entry was not read from a private cache, so the check above proves nothing"

# The weakened set is never remembered, with or without --unchecked.
before=$(entries)
"$bin" eval --rules "$tmp/weak" "${case_args[@]}" >/dev/null 2>&1
"$bin" eval --unchecked --rules "$tmp/weak" "${case_args[@]}" >/dev/null 2>&1
expect_eq "entries after the weakened set" "$before" "$(entries)"

# A cache that cannot be written costs only the proof again.
XDG_CACHE_HOME=/proc/no-such-cache "$bin" eval --rules "$tmp/good" "${case_args[@]}" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code with an unwritable cache" 0 "$?"
[ -s "$tmp/err" ] && fail "an unwritable cache printed: $(cat "$tmp/err")"

# rules check remembers what it proves, in every region, for triage to use as it is: a set
# proved with `rules check --max-memory` needs no proof within eval's own budget. A broken set
# is not remembered.
export XDG_CACHE_HOME="$tmp/check-cache"
cache="$XDG_CACHE_HOME/backtriage"
"$bin" rules check --rules "$tmp/weak" >/dev/null 2>&1
expect_eq "entries after rules check of the weakened set" 0 "$(entries)"
"$bin" rules check --rules "$tmp/good" >/dev/null 2>&1
expect_eq "entries after rules check (regions uk and us)" 2 "$(entries)"
"$bin" eval --rules "$tmp/good" --view clinician "${case_args[@]}" >"$tmp/checked.txt" 2>&1
cmp -s "$tmp/original.txt" "$tmp/checked.txt" || fail "eval from what rules check remembered differs: $(cat "$tmp/checked.txt")"
"$bin" eval --rules "$tmp/good" --region us "${case_args[@]}" >/dev/null 2>&1
expect_eq "entries after eval in each region rules check proved" 2 "$(entries)"

# An invariant that no intake meets proves nothing: cancer asked about only past 120 leaves I6
# and I14 without a single patient, and triage refuses the set.
cp -r "$src/rules" "$tmp/vacuous"
python3 - "$tmp/vacuous/10-questions.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
at = text.index("  - id: cancer_history\n")
end = text.index("\n", text.index("type:", at)) + 1
open(path, "w").write(text[:end] + "    asked_if: age > 120\n" + text[end:])
PY
"$bin" rules check --rules "$tmp/vacuous" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of rules check with invariants no intake meets" 78 "$?"
grep -q "error: invariant 'I14' proves nothing" "$tmp/err" || fail "rules check does not say I14 proves nothing: $(cat "$tmp/err")"
"$bin" eval --rules "$tmp/vacuous" "${case_args[@]}" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of eval on invariants no intake meets" 78 "$?"
grep -q "invariant 'I6' proves nothing" "$tmp/err" || fail "eval does not say I6 proves nothing: $(cat "$tmp/err")"

[ "$failures" -eq 0 ] || exit 1
echo "ok: eval, score and ask refuse an unproved rule set and run it with --unchecked"
