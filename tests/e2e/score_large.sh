#!/bin/bash
# A generated 100,000-row intake with some invalid rows: exactly 100,000 output rows plus the
# header, in input order; each invalid row's error names its physical line; exit 65.
# Usage: bash score_large.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"

rows=100000
# Invalid rows: a bad yes/no (every 997th), a missing field (every 1499th), a blank required
# answer (every 2003rd). Empty lines every 5000 rows and a three-line quoted note every 3001
# rows make physical lines differ from row numbers. expected.txt: "ID LINE KIND" per invalid row.
questions="duration_days,leg_pain,numbness,weakness,both_legs,weakness_worsening,difficulty_walking,prior_injury,recurrent,improving,age,saddle_numbness,bladder_bowel,sexual_dysfunction,fall_or_injury,major_trauma,non_spinal_pain,known_aneurysm,sudden_severe,pregnant,pregnancy_warning,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,deformity,night_pain,thoracic_pain,loin_pain,spa_night_waking,spa_better_moving,spa_nsaid_response,spa_linked_condition"
# Every question has a column (36 fields with id and notes): most answers no, night_pain blank.
awk -v rows=$rows -v expected="$tmp/expected.txt" -v questions="$questions" 'BEGIN {
  srand(42)
  split("yes no y n true false 1 0 Yes NO", yn, " ")
  split("5|12|3 weeks|2 months|1 year|2.5 weeks|90 days|400|40|1 d", dur, "|")
  nq = split(questions, q, ",")
  print "id," questions ",notes"
  line = 1
  for (i = 1; i <= rows; i++) {
    if (i % 5000 == 0) { print ""; line++ }
    id = "r" i
    for (k = 1; k <= nq; k++) v[q[k]] = "no"
    v["duration_days"] = dur[1 + i % 10]
    v["leg_pain"] = yn[1 + i % 10]
    v["numbness"] = yn[1 + int(rand() * 10)]
    v["weakness"] = yn[1 + int(rand() * 10)]
    v["age"] = i % 121
    v["saddle_numbness"] = yn[1 + (i * 7) % 10]
    v["fever"] = yn[1 + (i * 3) % 10]
    v["night_pain"] = ""
    notes = "plain"
    kind = ""
    if (i % 997 == 0) { v["numbness"] = "maybe"; kind = "value" }
    else if (i % 2003 == 0) { v["weakness"] = ""; kind = "required" }
    if (i % 3001 == 0) notes = "\"three\nline\nnote\""
    record = id
    for (k = 1; k <= nq; k++) record = record "," v[q[k]]
    record = record "," notes
    if (i % 1499 == 0 && kind == "") { record = id "," v["duration_days"] ",no,no"; kind = "fields" }
    print record
    line++
    if (kind != "") print id, line, kind > expected
    if (i % 3001 == 0) line += 2
  }
}' >"$tmp/big.csv"
invalid=$(wc -l <"$tmp/expected.txt")
[ "$invalid" -gt 150 ] || fail "the generator made only $invalid invalid rows"

start=$(date +%s)
"$bin" score "$tmp/big.csv" -o "$tmp/out.csv" --quiet 2>"$tmp/err"
code=$?
end=$(date +%s)
expect_eq "exit code" 65 "$code"
expect_eq "stderr" "" "$(cat "$tmp/err")"
expect_eq "output lines" $((rows + 1)) "$(wc -l <"$tmp/out.csv")"
expect_eq "first id" "r1" "$(sed -n 2p "$tmp/out.csv" | cut -d, -f1)"
expect_eq "last id" "r$rows" "$(tail -n 1 "$tmp/out.csv" | cut -d, -f1)"
# Every row in input order.
awk -F, -v rows=$rows 'NR > 1 && $1 != "r" (NR - 1) { print "row " NR - 1 " has id " $1; bad++ }
  END { exit bad > 0 }' "$tmp/out.csv" | head -5 | while read -r l; do echo "FAIL: $l" >&2; done
awk -F, 'NR > 1 && $1 != "r" (NR - 1) { bad++ } END { exit bad > 0 }' "$tmp/out.csv" || fail "rows out of order"
expect_eq "error rows" "$invalid" "$(grep -c '^r[0-9]*,error,' "$tmp/out.csv")"
expect_eq "ok rows" $((rows - invalid)) "$(grep -c '^r[0-9]*,ok,' "$tmp/out.csv")"

# Each error row names the physical line and, for a bad value, the column and the value.
awk -v out="$tmp/out.csv" 'BEGIN {
  while ((getline l < out) > 0) if (l ~ /^r[0-9]+,error,/) { split(l, f, ","); err[f[1]] = l }
}
{
  id = $1; line = $2; kind = $3; e = err[id]
  if (kind == "value") want = id ",error,,,,,,,,\"line " line ": column '\''numbness'\'': expected yes or no (y, n, true, false, 1, 0), got '\''maybe'\''\""
  else if (kind == "required") want = id ",error,,,,,,,,line " line ": required question '\''weakness'\'' is not answered"
  else want = id ",error,,,,,,,,\"line " line ": expected 36 fields, found 4\""
  if (e != want) { printf "FAIL: %s: expected [%s], got [%s]\n", id, want, e > "/dev/stderr"; bad++ }
}
END { exit bad > 0 }' "$tmp/expected.txt" || fail "error rows do not name their lines"

# The same as JSON Lines: 100,000 objects, every one parses.
"$bin" score "$tmp/big.csv" --format jsonl >"$tmp/out.jsonl" 2>/dev/null
expect_eq "jsonl exit code" 65 "$?"
expect_eq "jsonl lines" "$rows" "$(wc -l <"$tmp/out.jsonl")"
if command -v python3 >/dev/null; then
  python3 - "$tmp/out.jsonl" "$invalid" <<'PY' || fail "jsonl does not parse"
import json, sys
errors = 0
for n, line in enumerate(open(sys.argv[1]), 1):
    row = json.loads(line)
    assert row["id"] == "r%d" % n, (n, row["id"])
    if row["status"] == "error":
        errors += 1
        assert row["error"].startswith("line "), row
    else:
        assert row["status"] == "ok" and row["error"] is None and row["rules"], row
assert errors == int(sys.argv[2]), errors
PY
else
  expect_eq "jsonl error rows" "$invalid" "$(grep -c '"status":"error"' "$tmp/out.jsonl")"
fi
echo "scored $rows rows in about $((end - start)) s"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
