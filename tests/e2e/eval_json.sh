#!/bin/bash
# eval --format json and --json FILE|-: the JSON result's fields, JSON answers (booleans,
# numbers, null), the error object, and the exit codes 0, 65, 66.
# Usage: bash eval_json.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
have_python=0
command -v python3 >/dev/null && have_python=1
# check_json FILE PYTHON-ASSERTIONS (d is the parsed object); skipped without python3
check_json() {
  [ $have_python = 1 ] || return 0
  python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1" || fail "JSON check failed on $(cat "$1")"
}

# Worked case 13 as a JSON object: booleans, a number, null for unknown and not applicable.
cat >"$tmp/case13.json" <<'JSON'
{"duration_days": 40, "leg_pain": false, "numbness": true, "weakness": false, "both_legs": false,
 "weakness_worsening": null, "difficulty_walking": false, "prior_injury": false, "recurrent": false,
 "improving": false, "age": 61, "saddle_numbness": false, "bladder_bowel": false, "major_trauma": false,
 "non_spinal_pain": false, "fever": false, "infection_risk": null, "cancer_history": true,
 "weight_loss": false, "osteoporosis_steroids": false, "night_pain": false}
JSON
"$bin" eval --json "$tmp/case13.json" --format json >"$tmp/out.json" 2>"$tmp/err"
expect_eq "exit code of --json FILE" 0 "$?"
expect_eq "stderr of --json FILE" "" "$(cat "$tmp/err")"
check_json "$tmp/out.json" '
assert list(d)[:8] == ["status", "duration_class", "category", "recommendation", "urgency", "red_flags", "unanswered", "rules"], list(d)
assert d["status"] == "ok"
assert (d["duration_class"], d["category"], d["recommendation"], d["urgency"]) == ("subacute", "other", "see-specialist", "emergency"), d
assert d["red_flags"] == ["cancer_history"], d["red_flags"]
assert d["unanswered"] == [], d["unanswered"]
assert [r["id"] for r in d["rules"]] == ["D2", "C1", "C2", "E3", "U3", "P1", "P2"], d["rules"]
assert all(set(r) == {"id", "title", "source"} and r["title"] and r["source"] for r in d["rules"])
assert d["rules"][3]["title"] == "Possible spinal cord compression from cancer"
assert isinstance(d["advice"], list) and d["advice"] and isinstance(d["warnings"], list)
assert d["ruleset"]["name"] == "backtriage default rules" and len(d["ruleset"]["hash"]) == 12
assert d["version"]
'
# The same answers from standard input, and as text.
"$bin" eval --json - --format json <"$tmp/case13.json" >"$tmp/stdin.json" 2>/dev/null
expect_eq "exit code of --json -" 0 "$?"
cmp -s "$tmp/out.json" "$tmp/stdin.json" || fail "--json - differs from --json FILE"
"$bin" eval --json "$tmp/case13.json" >"$tmp/out.txt" 2>/dev/null
expect_eq "exit code of --json as text" 0 "$?"
grep -q '^!!  EMERGENCY: SEEK EMERGENCY CARE NOW$' "$tmp/out.txt" || fail "text of case 13 lacks the banner"
# The same as name=value arguments gives the same JSON.
"$bin" eval duration_days=40 leg_pain=no numbness=yes weakness=no both_legs=no difficulty_walking=no prior_injury=no \
  recurrent=no improving=no age=61 saddle_numbness=no bladder_bowel=no major_trauma=no non_spinal_pain=no fever=no \
  cancer_history=yes weight_loss=no osteoporosis_steroids=no night_pain=no --format json >"$tmp/args.json" 2>/dev/null
cmp -s "$tmp/out.json" "$tmp/args.json" || fail "name=value and JSON answers give different results"

# Worked case 2 with JSON nulls: red flags unknown give P6 and list them as unanswered.
cat >"$tmp/case2.json" <<'JSON'
{"duration_days": "5", "leg_pain": "no", "numbness": false, "weakness": 0, "difficulty_walking": "N",
 "prior_injury": false, "recurrent": false, "improving": false, "age": null, "saddle_numbness": null,
 "bladder_bowel": null, "major_trauma": null, "non_spinal_pain": null, "fever": null, "cancer_history": null,
 "weight_loss": null, "osteoporosis_steroids": null, "night_pain": null}
JSON
"$bin" eval --json "$tmp/case2.json" --format json >"$tmp/out.json" 2>/dev/null
expect_eq "exit code of case 2" 0 "$?"
check_json "$tmp/out.json" '
assert (d["recommendation"], d["urgency"]) == ("start-pt", "routine"), d
assert [r["id"] for r in d["rules"]] == ["D1", "P6"], d["rules"]
assert d["unanswered"] == ["age", "saddle_numbness", "bladder_bowel", "major_trauma", "non_spinal_pain", "fever",
                           "cancer_history", "weight_loss", "osteoporosis_steroids", "night_pain"], d["unanswered"]
assert d["red_flags"] == []
'

# The example case, when it is there.
if [ -f "$src/examples/case.json" ]; then
  "$bin" eval --json "$src/examples/case.json" --format json >"$tmp/example.json" 2>/dev/null
  expect_eq "exit code of examples/case.json" 0 "$?"
  check_json "$tmp/example.json" 'assert d["status"] == "ok"'
fi

# 65: invalid answers give the error object on stdout and every problem on stderr.
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
                      "numbness: expected yes or no (y, n, true, false, 1, 0), got \x27maybe\x27"), d["error"]
'

expect_eq "stderr of bad JSON answers" "backtriage: error: weakness: expected a boolean, number, text or null, got array
backtriage: error: duration_days: a decimal needs a unit (e.g. 2.5 weeks), got '2.5'
backtriage: error: unknown question 'numbess' (did you mean 'numbness'?)
backtriage: error: numbness: expected yes or no (y, n, true, false, 1, 0), got 'maybe'" "$(cat "$tmp/err")"
# A missing required answer: the error object, 65.
echo '{"duration_days": 3, "numbness": false, "weakness": false, "difficulty_walking": null, "prior_injury": false}' >"$tmp/missing.json"
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

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
