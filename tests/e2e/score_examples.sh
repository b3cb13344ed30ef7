#!/bin/bash
# score on examples/intake.csv: exact rows for a few patients, one output row per input row,
# error rows that name their physical line, exit 65; the same from standard input.
# Usage: bash score_examples.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
expect_eq() {  # expect_eq WHAT EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then fail "$1: expected [$2], got [$3]"; fi
}

input=$src/examples/intake.csv
if [ ! -f "$input" ]; then
  # Without the example file, score an equivalent one of our own.
  input=$tmp/intake.csv
  {
    echo "id,duration_days,leg_pain,numbness,weakness,both_legs,weakness_worsening,difficulty_walking,prior_injury,recurrent,improving,age,saddle_numbness,bladder_bowel,major_trauma,non_spinal_pain,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,night_pain"
    echo "P0001,5,no,no,no,,,no,no,no,no,34,no,no,no,no,no,,no,no,no,no"
    echo "P0005,2,yes,no,no,yes,,no,no,no,,47,yes,yes,no,no,no,,no,no,no,no"
    echo "P0012,7 weeks,false,false,false,,,false,false,false,false,59,false,false,false,false,false,,false,true,false,true"
    echo "P0032,4,no,yes,no,,,no,no,no,yes,35,no,no,no,no,no,,no,no,no,no"
    echo "P0043,10,no,no,no,,,no,no,no,no,50,no,no,no,no,maybe,,no,no,no,no"
    echo "P0045,three weeks,yes,no,no,no,,no,no,no,no,48,no,no,no,no,no,,no,no,no,no"
    echo "P0047,3,no,no,,,,no,no,no,no,57,no,no,no,no,no,,no,no,no,no"
  } >"$input"
fi

"$bin" score "$input" >"$tmp/out.csv" 2>"$tmp/err"
code=$?
expect_eq "exit code with invalid rows" 65 "$code"
expect_eq "stderr" "" "$(cat "$tmp/err")"
expect_eq "header" "id,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error" \
  "$(head -n 1 "$tmp/out.csv")"

# One output row per data row, in input order (no field of the example spans lines).
expect_eq "ids in input order" "$(tail -n +2 "$input" | grep -v '^[[:space:]]*$' | cut -d, -f1)" \
  "$(tail -n +2 "$tmp/out.csv" | cut -d, -f1)"

row() { grep -m1 "^$1," "$tmp/out.csv"; }
# The rows below were worked out by hand from the answers in the input and default-rules.md.
expect_eq P0001 "P0001,ok,acute,nonspecific,self-manage,routine,,,D1," "$(row P0001)"
expect_eq P0005 "P0005,ok,acute,other,see-specialist,emergency,both_legs;saddle_numbness;bladder_bowel,improving,D1;C1;C2;E1;P2," "$(row P0005)"
expect_eq P0012 "P0012,ok,subacute,other,see-specialist,urgent,weight_loss;night_pain,,D2;C2;U5;R1;R2;P1," "$(row P0012)"
expect_eq P0032 "P0032,ok,acute,radicular,start-pt,routine,,both_legs,D1;C1;P2;P6," "$(row P0032)"
line43=$(grep -n '^P0043,' "$input" | cut -d: -f1)
line45=$(grep -n '^P0045,' "$input" | cut -d: -f1)
line47=$(grep -n '^P0047,' "$input" | cut -d: -f1)
expect_eq P0043 "P0043,error,,,,,,,,\"line $line43: column 'fever': expected yes or no (y, n, true, false, 1, 0), got 'maybe'\"" "$(row P0043)"
expect_eq P0045 "P0045,error,,,,,,,,\"line $line45: column 'duration_days': expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'three weeks'\"" "$(row P0045)"
expect_eq P0047 "P0047,error,,,,,,,,line $line47: required question 'weakness' is not answered" "$(row P0047)"

# Every error row names the physical line its id is on.
while IFS= read -r line; do
  id=${line%%,*}
  want=$(grep -n "^$id," "$input" | cut -d: -f1)
  case $line in
    *"line $want: "*) ;;
    *) fail "error row of $id does not name line $want: $line" ;;
  esac
done < <(grep '^[^,]*,error,' "$tmp/out.csv")
[ "$(grep -c '^[^,]*,error,' "$tmp/out.csv")" -ge 3 ] || fail "expected at least 3 error rows"

# Standard input: no argument, and '-', give the same bytes and code.
"$bin" score <"$input" >"$tmp/stdin.csv" 2>/dev/null
expect_eq "exit code from stdin" 65 "$?"
cmp -s "$tmp/out.csv" "$tmp/stdin.csv" || fail "score < FILE differs from score FILE"
cat "$input" | "$bin" score - >"$tmp/dash.csv" 2>/dev/null
expect_eq "exit code from a pipe with -" 65 "$?"
cmp -s "$tmp/out.csv" "$tmp/dash.csv" || fail "cat FILE | score - differs from score FILE"

# A clean file scores with exit 0.
grep -v -e '^P0043,' -e '^P0045,' -e '^P0047,' "$input" >"$tmp/clean.csv"
"$bin" score "$tmp/clean.csv" >"$tmp/clean.out" 2>/dev/null
expect_eq "exit code of a clean file" 0 "$?"
expect_eq "no error rows in a clean file" 0 "$(grep -c ',error,' "$tmp/clean.out")"

# The JSON Lines of the same input: one object a row, same ids and statuses.
"$bin" score "$input" --format jsonl >"$tmp/out.jsonl" 2>/dev/null
expect_eq "exit code of jsonl" 65 "$?"
expect_eq "jsonl rows" "$(($(wc -l <"$tmp/out.csv") - 1))" "$(wc -l <"$tmp/out.jsonl")"
if command -v python3 >/dev/null; then
  python3 - "$tmp/out.csv" "$tmp/out.jsonl" <<'PY' || fail "jsonl does not match the CSV"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
objs = [json.loads(line) for line in open(sys.argv[2])]
assert len(rows) == len(objs), (len(rows), len(objs))
for row, obj in zip(rows, objs):
    assert list(obj)[:10] == ["id", "status", "duration_class", "category", "recommendation", "urgency",
                              "red_flags", "unanswered", "rules", "error"], list(obj)
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
    assert len(obj["ruleset"]) == 12 and obj["version"]
PY
else
  grep -q '^{"id":"P0001","status":"ok",' "$tmp/out.jsonl" || fail "jsonl row of P0001"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
