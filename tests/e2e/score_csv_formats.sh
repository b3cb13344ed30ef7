#!/bin/bash
# score reads RFC 4180 as backtriage(1) says: a byte-order mark, CRLF line ends, quoted fields with
# commas, quotes and line breaks, empty lines skipped, a last line without a line break; and
# error messages name physical lines. JSON Lines of the same input parse line by line.
# Usage: bash score_csv_formats.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"

# 36 fields: id, the 34 questions (in another order, with both_legs 7th; age 40, all else no)
# and notes.
head='ID , Duration_Days,NUMBNESS,weakness,difficulty_walking,prior_injury,both_legs,leg_pain,weakness_worsening,recurrent,improving,Age,saddle_numbness,bladder_bowel,sexual_dysfunction,fall_or_injury,major_trauma,non_spinal_pain,known_aneurysm,sudden_severe,pregnant,pregnancy_warning,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,deformity,night_pain,thoracic_pain,loin_pain,spa_night_waking,spa_better_moving,spa_nsaid_response,spa_linked_condition,notes'
rest='no,no,no,no,40,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no,no'
{
  printf '\xef\xbb\xbf%s\r\n' "$head"                                         # line 1
  printf '"a, 1",5,no,no,no,no,,%s,"multi\r\nline, with ""quotes"""\r\n' "$rest"  # lines 2-3
  printf '\r\n'                                                                 # line 4
  printf 'b,5,maybe,no,no,no,,%s,x\r\n' "$rest"                                 # line 5
  printf '\n'                                                                   # line 6
  printf 'c,3 weeks,yes,no,no,no,,%s,"x\ny\nz"\r\n' "$rest"                     # lines 7-9 (both_legs blank)
  printf 'd,5,no,no,no\r\n'                                                     # line 10
  printf '"e ""5""",5,no,no,no,no,no,%s,last' "$rest"                           # line 11, no line break
} >"$tmp/in.csv"

expected='id,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error
"a, 1",ok,acute,nonspecific,self-manage,routine,,,D1,
b,error,,,,,,,,"line 5: column '\''NUMBNESS'\'': expected yes or no (y, n, true, false, 1, 0), got '\''maybe'\''"
c,ok,acute,radicular,see-specialist,urgent,,both_legs,D1;C1;U6;P1;P2;P6,
d,error,,,,,,,,"line 10: expected 36 fields, found 5"
"e ""5""",ok,acute,nonspecific,self-manage,routine,,,D1,'

"$bin" score "$tmp/in.csv" >"$tmp/out.csv" 2>"$tmp/err"
expect_eq "exit code" 65 "$?"
expect_eq "output" "$expected" "$(cat "$tmp/out.csv")"
# Off a terminal too, the summary line is on stderr: a cron job's log says how many rows failed.
expect_eq "stderr" "scored 5 rows: 2 self-manage, 0 start-pt, 1 see-specialist, 0 emergency, 2 errors (rules $("$bin" rules list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["ruleset"]["hash"])'), region uk, backtriage $("$bin" --version | head -n 1 | cut -d' ' -f2))" "$(cat "$tmp/err")"
"$bin" score "$tmp/in.csv" --quiet >/dev/null 2>"$tmp/err"
expect_eq "stderr with --quiet" "" "$(cat "$tmp/err")"
# Output lines end with LF only, and the output ends with a line break.
[ "$(tr -cd '\r' <"$tmp/out.csv" | wc -c)" -eq 0 ] || fail "CR in the output"
[ "$(tail -c 1 "$tmp/out.csv" | od -An -c | tr -d ' ')" = '\n' ] || fail "output does not end with a line break"

# The same from standard input.
"$bin" score - <"$tmp/in.csv" >"$tmp/stdin.csv" 2>/dev/null
expect_eq "exit code from stdin" 65 "$?"
cmp -s "$tmp/out.csv" "$tmp/stdin.csv" || fail "stdin output differs"

# Without id column the id is the data row number (1 for the first data row).
{
  printf 'duration_days,numbness,weakness,difficulty_walking,prior_injury,age\r\n'
  printf '\r\n'
  printf '5,no,no,no,no,30\r\n'
  printf '5,no,no,no,,30\r\n'
  printf '5,no,no,no,no,30\r\n'
} >"$tmp/noid.csv"
"$bin" score "$tmp/noid.csv" >"$tmp/noid.out" 2>/dev/null
expect_eq "exit code without id" 65 "$?"
expect_eq "ids without an id column" "1
2
3" "$(tail -n +2 "$tmp/noid.out" | cut -d, -f1)"
expect_eq "missing required answer" "2,error,,,,,,,,line 4: required question 'prior_injury' is not answered" \
  "$(sed -n 3p "$tmp/noid.out")"

# A quote never closed: an error row for the record, not a crash or a silent skip.
{
  printf 'id,duration_days,numbness,weakness,difficulty_walking,prior_injury,age\n'
  printf 'a,5,no,no,no,no,30\n'
  printf 'b,5,no,"no,no,no,30\n'
} >"$tmp/open-quote.csv"
"$bin" score "$tmp/open-quote.csv" >"$tmp/open.out" 2>/dev/null
expect_eq "exit code with an open quote" 65 "$?"
expect_eq "rows with an open quote" 3 "$(wc -l <"$tmp/open.out")"
sed -n 3p "$tmp/open.out" | grep -q '^2,error,,,,,,,,"\?line 3: ' || fail "open quote row: $(sed -n 3p "$tmp/open.out")"

# JSON Lines of the tricky input: every line is one JSON object.
"$bin" score "$tmp/in.csv" --format jsonl >"$tmp/out.jsonl" 2>/dev/null
expect_eq "exit code of jsonl" 65 "$?"
expect_eq "jsonl lines" 5 "$(wc -l <"$tmp/out.jsonl")"
if command -v python3 >/dev/null; then
  python3 - "$tmp/out.jsonl" <<'PY' || fail "jsonl does not parse as expected"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert [r["id"] for r in rows] == ["a, 1", "b", "c", "d", 'e "5"'], rows
assert [r["status"] for r in rows] == ["ok", "error", "ok", "error", "ok"]
assert rows[0]["rules"] == ["D1"] and rows[0]["red_flags"] == [] and rows[0]["error"] is None
assert rows[1]["error"] == "line 5: column 'NUMBNESS': expected yes or no (y, n, true, false, 1, 0), got 'maybe'"
assert rows[1]["urgency"] is None and rows[1]["rules"] == []
assert rows[2]["unanswered"] == ["both_legs"] and rows[2]["rules"] == ["D1", "C1", "U6", "P1", "P2", "P6"]
assert rows[2]["urgency"] == "urgent" and rows[2]["recommendation"] == "see-specialist"
assert rows[3]["error"] == "line 10: expected 36 fields, found 5"
assert all(r["region"] == "uk" for r in rows), [r["region"] for r in rows]
PY
else
  grep -q '^{"id":"a, 1","status":"ok","duration_class":"acute"' "$tmp/out.jsonl" || fail "jsonl row a"
  grep -q '^{"id":"e \\"5\\"","status":"ok"' "$tmp/out.jsonl" || fail "jsonl row e"
  grep -q '"error":"line 10: expected 36 fields, found 5"' "$tmp/out.jsonl" || fail "jsonl row d"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
