#!/bin/bash
# The examples/ files, for the rule set they ship with: intake.csv has a column for every
# question in asking order, its rows together match every rule, it ends with exactly 3 invalid
# rows whose error rows name their physical lines (exit 65); exact rows for a few patients; the
# same from standard input; intake-clean.csv is intake.csv without the invalid rows; JSON Lines
# agree with the CSV; emergencies.sh lists exactly the emergencies; case.json answers every
# question.
# Usage: bash score_examples.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"

input=$src/examples/intake.csv
clean=$src/examples/intake-clean.csv
for file in "$input" "$clean" "$src/examples/case.json" "$src/examples/emergencies.sh"; do
  [ -f "$file" ] || { echo "FAIL: $file is missing" >&2; exit 1; }
done

# The question and rule ids of the built-in rule set, from the binary itself.
"$bin" rules list --format json >"$tmp/list.json" || { echo "FAIL: rules list --format json" >&2; exit 1; }
json_ids() {  # json_ids questions|rules: the ids, comma-separated, in rule-set order
  python3 -c 'import json, sys; print(",".join(x["id"] for x in json.load(open(sys.argv[1]))[sys.argv[2]]))' \
    "$tmp/list.json" "$1"
}
if command -v python3 >/dev/null; then
  questions=$(json_ids questions)
  rules=$(json_ids rules)
  expect_eq "number of questions" 34 "$(tr ',' '\n' <<<"$questions" | wc -l)"
  expect_eq "number of rules" 45 "$(tr ',' '\n' <<<"$rules" | wc -l)"
  expect_eq "intake.csv header: id and every question, in asking order" "id,$questions" "$(head -n 1 "$input")"
fi

"$bin" score "$input" --quiet >"$tmp/out.csv" 2>"$tmp/err"
expect_eq "exit code with invalid rows" 65 "$?"
# Every question has its column: no note about missing columns, and nothing else.
expect_eq "stderr" "" "$(cat "$tmp/err")"
expect_eq "header" "id,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error" \
  "$(head -n 1 "$tmp/out.csv")"

# One output row per data row, in input order (no field of the example spans lines).
expect_eq "ids in input order" "$(tail -n +2 "$input" | cut -d, -f1)" "$(tail -n +2 "$tmp/out.csv" | cut -d, -f1)"
expect_eq "data rows" 50 "$(tail -n +2 "$tmp/out.csv" | wc -l)"

row() { grep -m1 "^$1," "$tmp/out.csv"; }
# The rows below were worked out by hand from the answers in the input and rules/*.yaml.
expect_eq P0001 "P0001,ok,acute,nonspecific,self-manage,routine,,,D1," "$(row P0001)"
expect_eq P0004 "P0004,ok,chronic,nonspecific,see-specialist,routine,,,D3;R8;P1;P4;P5," "$(row P0004)"
expect_eq P0005 "P0005,ok,acute,other,see-specialist,emergency,both_legs;saddle_numbness;bladder_bowel,improving,D1;C1;C2;E1;P2," "$(row P0005)"
expect_eq P0011 "P0011,ok,acute,other,see-specialist,emergency,pregnancy_warning,,D1;C2;E7," "$(row P0011)"
expect_eq P0012 "P0012,ok,subacute,other,see-specialist,urgent,weight_loss;night_pain,,D2;C2;U5;R1;R2;R8;P1," "$(row P0012)"
expect_eq P0017 "P0017,ok,acute,nonspecific,see-specialist,urgent,,saddle_numbness;bladder_bowel;sexual_dysfunction;fall_or_injury;major_trauma;non_spinal_pain;pregnant;pregnancy_warning;fever;infection_risk;cancer_history;weight_loss;osteoporosis_steroids;night_pain;thoracic_pain;loin_pain,D1;U6;P6," "$(row P0017)"
expect_eq P0022 "P0022,ok,chronic,nonspecific,start-pt,routine,,,D3;P1;P4;P5," "$(row P0022)"
expect_eq P0024 "P0024,ok,acute,other,see-specialist,urgent,,,D1;U10," "$(row P0024)"
expect_eq P0029 "P0029,ok,chronic,other,see-specialist,routine,,,D3;R12;P1;P5," "$(row P0029)"
expect_eq P0030 "P0030,ok,subacute,nonspecific,start-pt,routine,,fall_or_injury,D2;P6," "$(row P0030)"
expect_eq P0034 "P0034,ok,acute,radicular,see-specialist,urgent,,,D1;C1;U1;R4;P2;P3," "$(row P0034)"
expect_eq P0037 "P0037,ok,acute,radicular,self-manage,routine,,,D1;C1," "$(row P0037)"

# It ends with exactly 3 invalid rows, each naming its physical line, column and value.
expect_eq "error rows" "P0048
P0049
P0050" "$(grep '^[^,]*,error,' "$tmp/out.csv" | cut -d, -f1)"
expect_eq "last 3 rows are the error rows" "$(grep '^[^,]*,error,' "$tmp/out.csv")" "$(tail -n 3 "$tmp/out.csv")"
line48=$(grep -n '^P0048,' "$input" | cut -d: -f1)
line49=$(grep -n '^P0049,' "$input" | cut -d: -f1)
line50=$(grep -n '^P0050,' "$input" | cut -d: -f1)
expect_eq "line numbers of the invalid rows" "49 50 51" "$line48 $line49 $line50"
expect_eq P0048 "P0048,error,,,,,,,,\"line 49: column 'duration_days': expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'three weeks'\"" "$(row P0048)"
expect_eq P0049 "P0049,error,,,,,,,,\"line 50: column 'age': expected a whole number from 0 to 120, got '130'\"" "$(row P0049)"
expect_eq P0050 "P0050,error,,,,,,,,\"line 51: column 'fever': expected yes or no (y, n, true, false, 1, 0), got 'maybe'\"" "$(row P0050)"

# Together the rows match every rule of the rule set at least once.
if [ -n "${rules:-}" ]; then
  matched=$(tail -n +2 "$tmp/out.csv" | awk -F, '$2 == "ok" { print $9 }' | tr ';' '\n' | sort -u)
  for rule in ${rules//,/ }; do
    grep -qx "$rule" <<<"$matched" || fail "no row of examples/intake.csv matches rule $rule"
  done
fi
# Every recommendation and every urgency occurs.
for value in self-manage start-pt see-specialist; do
  [ "$(awk -F, -v v=$value '$5 == v' "$tmp/out.csv" | wc -l)" -ge 3 ] || fail "fewer than 3 rows of $value"
done
for value in routine urgent emergency; do
  [ "$(awk -F, -v v=$value '$6 == v' "$tmp/out.csv" | wc -l)" -ge 3 ] || fail "fewer than 3 rows of $value"
done

# Standard input: no argument, and '-', give the same bytes and code.
"$bin" score <"$input" >"$tmp/stdin.csv" 2>/dev/null
expect_eq "exit code from stdin" 65 "$?"
cmp -s "$tmp/out.csv" "$tmp/stdin.csv" || fail "score < FILE differs from score FILE"
cat "$input" | "$bin" score - >"$tmp/dash.csv" 2>/dev/null
expect_eq "exit code from a pipe with -" 65 "$?"
cmp -s "$tmp/out.csv" "$tmp/dash.csv" || fail "cat FILE | score - differs from score FILE"

# intake-clean.csv is intake.csv without its 3 invalid rows, and scores with exit 0 to the
# same rows.
cmp -s <(head -n -3 "$input") "$clean" || fail "examples/intake-clean.csv is not intake.csv without its last 3 rows"
"$bin" score "$clean" -q >"$tmp/clean.out" 2>"$tmp/err"
expect_eq "exit code of intake-clean.csv" 0 "$?"
expect_eq "stderr of intake-clean.csv" "" "$(cat "$tmp/err")"
expect_eq "rows of intake-clean.csv" "$(head -n -3 "$tmp/out.csv")" "$(cat "$tmp/clean.out")"

# The JSON Lines of the same input: one object a row, the same fields as the CSV.
"$bin" score "$input" --format jsonl >"$tmp/out.jsonl" 2>/dev/null
expect_eq "exit code of jsonl" 65 "$?"
expect_eq "jsonl rows" "$(($(wc -l <"$tmp/out.csv") - 1))" "$(wc -l <"$tmp/out.jsonl")"
if command -v python3 >/dev/null; then
  python3 - "$tmp/out.csv" "$tmp/out.jsonl" "$tmp/list.json" <<'PY' || fail "jsonl does not match the CSV"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
objs = [json.loads(line) for line in open(sys.argv[2])]
ruleset = json.load(open(sys.argv[3]))["ruleset"]
assert len(rows) == len(objs), (len(rows), len(objs))
for row, obj in zip(rows, objs):
    assert list(obj) == ["id", "status", "duration_class", "category", "recommendation", "urgency",
                         "red_flags", "unanswered", "rules", "error", "errors", "ruleset", "region", "version"], list(obj)
    for key in ("id", "status"):
        assert row[key] == obj[key], (row, obj)
    if obj["status"] == "ok":
        for key in ("duration_class", "category", "recommendation", "urgency"):
            assert row[key] == obj[key], (key, row, obj)
        for key in ("red_flags", "unanswered", "rules"):
            assert (row[key].split(";") if row[key] else []) == obj[key], (key, row, obj)
        assert obj["error"] is None
    else:
        assert row["error"] == obj["error"], (row, obj)
        assert obj["recommendation"] is None and obj["rules"] == []
    assert obj["ruleset"] == ruleset["hash"] and len(obj["ruleset"]) == 32, (obj["ruleset"], ruleset)
    assert obj["region"] == "uk" and obj["version"], obj
PY
else
  grep -q '^{"id":"P0001","status":"ok",' "$tmp/out.jsonl" || fail "jsonl row of P0001"
fi

# emergencies.sh lists exactly the rows whose urgency is emergency, with their red flags, and
# passes on score's exit code.
want=$(awk -F, '$6 == "emergency" { flags = $7; gsub(/;/, ", ", flags); print $1 "\t" flags }' "$tmp/out.csv")
[ "$(wc -l <<<"$want")" -ge 9 ] || fail "fewer than 9 emergencies in examples/intake.csv"
BACKTRIAGE=$bin sh "$src/examples/emergencies.sh" >"$tmp/emergencies" 2>"$tmp/err"
expect_eq "exit code of emergencies.sh" 65 "$?"
expect_eq "emergencies.sh" "$want" "$(cat "$tmp/emergencies")"
BACKTRIAGE=$bin sh "$src/examples/emergencies.sh" "$clean" >"$tmp/emergencies" 2>"$tmp/err"
expect_eq "exit code of emergencies.sh on intake-clean.csv" 0 "$?"
expect_eq "emergencies.sh on intake-clean.csv" "$want" "$(cat "$tmp/emergencies")"

# case.json answers every question by its id, and is a valid case.
if command -v python3 >/dev/null; then
  expect_eq "keys of case.json" "$questions" \
    "$(python3 -c 'import json, sys; print(",".join(json.load(open(sys.argv[1]))))' "$src/examples/case.json")"
fi
"$bin" eval --json "$src/examples/case.json" >"$tmp/case.txt" 2>"$tmp/err"
expect_eq "exit code of eval --json examples/case.json" 0 "$?"
expect_eq "report of examples/case.json" "Recommendation: see-specialist" "$(head -n 1 "$tmp/case.txt")"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
