#!/bin/bash
# eval --format json and --json FILE|-: the JSON result's fields, JSON answers (booleans,
# numbers, null), the error object, and the exit codes 0, 65, 66.
# Usage: bash eval_json.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
have_python=1
# check_json FILE PYTHON-ASSERTIONS (d is the parsed object); skipped without python3
check_json() {
  [ $have_python = 1 ] || return 0
  python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1" || fail "JSON check failed on $(cat "$1")"
}

# W17 as a JSON object: booleans, a number, null for unknown and not applicable.
cat >"$tmp/w17.json" <<'JSON'
{"duration_days": 40, "leg_pain": false, "numbness": true, "weakness": false, "both_legs": false,
 "weakness_worsening": null, "difficulty_walking": false, "prior_injury": false, "recurrent": false,
 "improving": false, "age": 60, "saddle_numbness": false, "bladder_bowel": false, "sexual_dysfunction": false,
 "fall_or_injury": false, "major_trauma": null, "non_spinal_pain": false, "known_aneurysm": false,
 "sudden_severe": null, "pregnant": null, "pregnancy_warning": null, "fever": false, "infection_risk": false,
 "cancer_history": true, "weight_loss": false, "osteoporosis_steroids": false, "deformity": false,
 "night_pain": false, "thoracic_pain": false, "loin_pain": false, "spa_night_waking": null,
 "spa_better_moving": null, "spa_nsaid_response": null, "spa_linked_condition": null}
JSON
"$bin" eval --json "$tmp/w17.json" --format json >"$tmp/out.json" 2>"$tmp/err"
expect_eq "exit code of --json FILE" 0 "$?"
expect_eq "stderr of --json FILE" "" "$(cat "$tmp/err")"
check_json "$tmp/out.json" '
assert list(d)[:8] == ["status", "duration_class", "category", "recommendation", "urgency", "red_flags", "unanswered", "rules"], list(d)
assert d["status"] == "ok"
assert (d["duration_class"], d["category"], d["recommendation"], d["urgency"]) == ("subacute", "other", "see-specialist", "emergency"), d
assert d["red_flags"] == ["cancer_history"], d["red_flags"]
assert d["unanswered"] == [], d["unanswered"]
assert [r["id"] for r in d["rules"]] == ["D2", "C1", "C2", "E3", "U3", "R8", "P1", "P2"], d["rules"]
assert all(set(r) == {"id", "title", "source"} and r["title"] and r["source"] for r in d["rules"])
assert d["rules"][3]["title"] == "Possible pressure on the spinal cord from cancer (metastatic spinal cord compression)", d["rules"][3]
assert ("seed" + " article") not in json.dumps(d)
assert isinstance(d["advice"], list) and d["advice"] and isinstance(d["warnings"], list)
assert d["decided_by"]["urgency"] == ["E3"], d["decided_by"]
assert d["ruleset"]["name"] == "backtriage default rules" and len(d["ruleset"]["hash"]) == 32
assert d["ruleset"]["version"] == "2027.1" and d["ruleset"]["region"] == "uk", d["ruleset"]
assert "999" in d["safety_net"] and "physiotherapy" not in d["safety_net"], d["safety_net"]
assert d["version"]
'
# Under the US region: its name in the result, its terms in the texts.
"$bin" eval --json "$tmp/w17.json" --format json --region us >"$tmp/us.json" 2>/dev/null
expect_eq "exit code of --region us" 0 "$?"
check_json "$tmp/us.json" '
assert d["ruleset"]["region"] == "us", d["ruleset"]
text = json.dumps(d["advice"]) + d["safety_net"]
assert "911" in text and "999" not in text and "A&E" not in text, text
'
# The same answers from standard input, and as text.
"$bin" eval --json - --format json <"$tmp/w17.json" >"$tmp/stdin.json" 2>/dev/null
expect_eq "exit code of --json -" 0 "$?"
cmp -s "$tmp/out.json" "$tmp/stdin.json" || fail "--json - differs from --json FILE"
"$bin" eval --json "$tmp/w17.json" >"$tmp/out.txt" 2>/dev/null
expect_eq "exit code of --json as text" 0 "$?"
grep -q '^!!  EMERGENCY: GET EMERGENCY HELP NOW$' "$tmp/out.txt" || fail "text of W17 lacks the banner"
# The same as name=value arguments gives the same JSON.
"$bin" eval duration_days=40 leg_pain=no numbness=yes weakness=no both_legs=no difficulty_walking=no prior_injury=no \
  recurrent=no improving=no age=60 saddle_numbness=no bladder_bowel=no sexual_dysfunction=no fall_or_injury=no \
  non_spinal_pain=no known_aneurysm=no fever=no infection_risk=no cancer_history=yes weight_loss=no \
  osteoporosis_steroids=no deformity=no night_pain=no thoracic_pain=no loin_pain=no --format json >"$tmp/args.json" 2>/dev/null
cmp -s "$tmp/out.json" "$tmp/args.json" || fail "name=value and JSON answers give different results"

# W2 with JSON nulls: every warning sign unknown is urgent (U6), never physiotherapy.
cat >"$tmp/w2.json" <<'JSON'
{"duration_days": "5", "leg_pain": "no", "numbness": false, "weakness": 0, "difficulty_walking": "N",
 "prior_injury": false, "recurrent": false, "improving": false, "age": 30, "saddle_numbness": null,
 "bladder_bowel": null, "sexual_dysfunction": null, "fall_or_injury": null, "major_trauma": null,
 "non_spinal_pain": null, "pregnant": false, "fever": null, "infection_risk": null, "cancer_history": null,
 "weight_loss": null, "osteoporosis_steroids": null, "night_pain": null, "thoracic_pain": null, "loin_pain": null}
JSON
"$bin" eval --json "$tmp/w2.json" --format json >"$tmp/out.json" 2>/dev/null
expect_eq "exit code of W2" 0 "$?"
check_json "$tmp/out.json" '
assert (d["recommendation"], d["urgency"]) == ("see-specialist", "urgent"), d
assert [r["id"] for r in d["rules"]] == ["D1", "U6", "P6"], d["rules"]
assert d["unanswered"] == ["saddle_numbness", "bladder_bowel", "sexual_dysfunction", "fall_or_injury", "major_trauma",
                           "non_spinal_pain", "fever", "infection_risk", "cancer_history", "weight_loss",
                           "osteoporosis_steroids", "night_pain", "thoracic_pain", "loin_pain"], d["unanswered"]
assert d["red_flags"] == []
assert "left blank" in d["safety_net"] and "physiotherapy" not in d["safety_net"], d["safety_net"]
'

# The example case, when it is there.
if [ -f "$src/examples/case.json" ]; then
  "$bin" eval --json "$src/examples/case.json" --format json >"$tmp/example.json" 2>/dev/null
  expect_eq "exit code of examples/case.json" 0 "$?"
  check_json "$tmp/example.json" 'assert d["status"] == "ok"'
fi

# 65: invalid answers give the error object on stdout and every problem on stderr, the blank
# required answer (age) too.
echo '{"duration_days": 2.5, "numbness": "maybe", "weakness": [true], "numbess": true,
       "difficulty_walking": false, "prior_injury": false}' >"$tmp/bad.json"
"$bin" eval --json "$tmp/bad.json" --format json >"$tmp/out.json" 2>"$tmp/err"
expect_eq "exit code of bad JSON answers" 65 "$?"
check_json "$tmp/out.json" '
assert list(d) == ["status", "error", "ruleset", "version"], list(d)
assert d["status"] == "error"
assert d["error"] == ("weakness: expected a boolean, number, text or null, got array; "
                      "duration_days: a decimal needs a unit (e.g. 2.5 weeks), got \x272.5\x27; "
                      "unknown question \x27numbess\x27 (did you mean \x27numbness\x27?); "
                      "numbness: expected yes or no (y, n, true, false, 1, 0), got \x27maybe\x27; "
                      "required question \x27age\x27 is not answered"), d["error"]
'

expect_eq "stderr of bad JSON answers" "backtriage: error: weakness: expected a boolean, number, text or null, got array
backtriage: error: duration_days: a decimal needs a unit (e.g. 2.5 weeks), got '2.5'
backtriage: error: unknown question 'numbess' (did you mean 'numbness'?)
backtriage: error: numbness: expected yes or no (y, n, true, false, 1, 0), got 'maybe'
backtriage: error: required question 'age' is not answered" "$(cat "$tmp/err")"
# A missing required answer: the error object, 65.
echo '{"duration_days": 3, "numbness": false, "weakness": false, "difficulty_walking": null, "prior_injury": false, "age": 30}' >"$tmp/missing.json"
"$bin" eval --json "$tmp/missing.json" --format json >"$tmp/out.json" 2>"$tmp/err"
expect_eq "exit code of a missing required JSON answer" 65 "$?"
check_json "$tmp/out.json" 'assert d["status"] == "error" and d["error"] == "required question '"'"'difficulty_walking'"'"' is not answered", d'
# Not JSON, or not an object.
echo '{"duration_days": 3,' >"$tmp/broken.json"
"$bin" eval --json "$tmp/broken.json" >/dev/null 2>"$tmp/err"
expect_eq "exit code of broken JSON" 65 "$?"
grep -qF "backtriage: error: $tmp/broken.json: invalid JSON: " "$tmp/err" || fail "broken JSON message: $(cat "$tmp/err")"
echo '[1, 2]' | "$bin" eval --json - >/dev/null 2>"$tmp/err"
expect_eq "exit code of a JSON array" 65 "$?"
expect_eq "stderr of a JSON array" "backtriage: error: expected a JSON object of answers by question id, got array" "$(cat "$tmp/err")"
"$bin" eval --json - </dev/null >/dev/null 2>"$tmp/err"
expect_eq "exit code of empty standard input" 65 "$?"
grep -qF "backtriage: error: standard input: invalid JSON: " "$tmp/err" || fail "empty stdin message: $(cat "$tmp/err")"

# 66: a JSON file that cannot be opened.
"$bin" eval --json "$tmp/none.json" >/dev/null 2>"$tmp/err"
expect_eq "exit code of a missing JSON file" 66 "$?"
expect_eq "stderr of a missing JSON file" "backtriage: error: cannot open '$tmp/none.json': No such file or directory" "$(cat "$tmp/err")"

# A case of 500 unknown names gets the first 100 problems and a count, not 500 lines.
python3 -c 'import json; print(json.dumps({**{"duration_days": 5, "age": 40}, **{f"zz{n}": 1 for n in range(500)}}))' >"$tmp/many.json"
"$bin" eval --json "$tmp/many.json" >/dev/null 2>"$tmp/err"
expect_eq "exit code of 500 unknown names" 65 "$?"
expect_eq "lines for 500 unknown names (and the blank required answers)" 102 "$(wc -l <"$tmp/err")"
expect_eq "the count of the rest" "backtriage: error: ... and 400 more problems" "$(sed -n 101p "$tmp/err")"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
