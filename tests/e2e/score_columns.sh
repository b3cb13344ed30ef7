#!/bin/bash
# What a clinic's data engineer sees of columns: --id-column and its warning, did-you-mean
# for a misspelt question column, --strict, --keep, formula neutralisation, every error of a
# row (structured in JSON Lines), and score --input jsonl.
# Usage: bash score_columns.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
required="duration_days,numbness,weakness,difficulty_walking,prior_injury,age"

printf 'patient_id,%s,saddle_numbnes,clinic\nP1,5,no,no,no,no,40,yes,North\nP2,5,no,no,no,no,41,no,South\n' "$required" >"$tmp/in.csv"
"$bin" score "$tmp/in.csv" -q >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code without an id column" 0 "$?"
expect_eq "ids without an id column" "1
2" "$(tail -n +2 "$tmp/out" | cut -d, -f1)"
expect_eq "warnings without an id column" "backtriage: warning: column 'saddle_numbnes' (field 8) is not a question and is ignored (did you mean 'saddle_numbness'?)
backtriage: warning: the header has no 'id' column: results are numbered by data row (1, 2, ...); if 'patient_id' holds them, give --id-column patient_id" "$(grep -v '^backtriage: note:' "$tmp/err")"
"$bin" score "$tmp/in.csv" -q --id-column PATIENT_ID --keep clinic >"$tmp/out" 2>"$tmp/err"
expect_eq "--id-column and --keep" "id,clinic,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error
P1,North,ok" "$(head -n 2 "$tmp/out" | cut -d, -f1-11 | sed '2s/,ok,.*/,ok/')"
"$bin" score "$tmp/in.csv" --strict --id-column patient_id -o "$tmp/strict.out" 2>"$tmp/err"
expect_eq "exit code with --strict" 65 "$?"
expect_eq "stderr with --strict" "backtriage: error: line 1: column 'clinic' (field 9) is not a question, the id column or a --keep column; column 'saddle_numbnes' (field 8) is not a question and is ignored (did you mean 'saddle_numbness'?) (--strict); nothing was scored" "$(cat "$tmp/err")"
[ -e "$tmp/strict.out" ] && fail "--strict wrote an output"
"$bin" score "$tmp/in.csv" --keep clinik 2>"$tmp/err" >/dev/null
expect_eq "exit code of an unknown --keep column" 65 "$?"
grep -q "the header has no column 'clinik' (did you mean 'clinic'?) to keep; nothing was scored" "$tmp/err" || fail "unknown --keep: $(cat "$tmp/err")"
"$bin" score "$tmp/in.csv" --keep status 2>"$tmp/err" >/dev/null
expect_eq "exit code of --keep status" 64 "$?"
# Names JSON Lines rows use, and a name given twice, would make two members of one name.
for keep in version ruleset errors checked region clinic,Clinic ''; do
  "$bin" score "$tmp/in.csv" --format jsonl --keep "$keep" 2>"$tmp/err" >/dev/null
  expect_eq "exit code of --keep '$keep'" 64 "$?"
done
"$bin" score "$tmp/in.csv" --keep clinic,Clinic 2>"$tmp/err" >/dev/null
expect_eq "stderr of --keep given twice" "backtriage: error: --keep 'Clinic': given twice" "$(cat "$tmp/err")"
"$bin" score "$tmp/in.csv" -q --id-column patient_id --keep 'clinic, saddle_numbnes' >"$tmp/out" 2>/dev/null
expect_eq "--keep names are trimmed" "id,clinic,saddle_numbnes,status" "$(head -n 1 "$tmp/out" | cut -d, -f1-4)"
# With JSON Lines input, --keep copies members that are not questions (and they are no error).
printf '{"id":"J1","name":"Zoë","clinic":7,"duration_days":5,"numbness":"no","weakness":"no","difficulty_walking":"no","prior_injury":"no","age":40}\n' |
  "$bin" score - --input jsonl --keep name,clinic,age -q >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of --keep with JSON Lines input" 0 "$?"
expect_eq "--keep with JSON Lines input" "id,name,clinic,age,status
J1,Zoë,7,40,ok" "$(cut -d, -f1-5 "$tmp/out")"
# A header that lacks required columns says what may have been meant: a near-miss column, a
# separator that was not recognised, UTF-16 without its byte-order mark.
printf 'id,duration_days,numbness,weakness,difficulty_walking,prior_injury,agee\nP,5,no,no,no,no,40\n' >"$tmp/agee.csv"
"$bin" score "$tmp/agee.csv" 2>"$tmp/err" >/dev/null
expect_eq "a misspelt required column" "backtriage: error: line 1: the header lacks the column of required question: age (is column 'agee' meant?); nothing was scored" "$(tail -n 1 "$tmp/err")"
printf 'id|duration_days|numbness|weakness|difficulty_walking|prior_injury|age\nP|5|no|no|no|no|40\n' >"$tmp/pipes.csv"
"$bin" score "$tmp/pipes.csv" 2>"$tmp/err" >/dev/null
grep -qF "(the header is one column holding '|' characters: if they separate its fields, give --delimiter pipe)" "$tmp/err" ||
  fail "no hint at a pipe separator: $(cat "$tmp/err")"
"$bin" score "$tmp/pipes.csv" --delimiter pipe -q >/dev/null 2>&1
expect_eq "exit code of --delimiter pipe" 0 "$?"
printf 'id,duration_days,numbness,weakness,difficulty_walking,prior_injury,age\r\nP,5,no,no,no,no,40\r\n' | iconv -t UTF-16LE >"$tmp/nobom.csv"
"$bin" score "$tmp/nobom.csv" 2>"$tmp/err" >/dev/null
grep -qF "(the header holds NUL bytes: if the file is UTF-16 without a byte-order mark, give --encoding UTF-16LE or UTF-16BE)" "$tmp/err" ||
  fail "no hint at UTF-16 without a byte-order mark: $(cat "$tmp/err")"
"$bin" score "$tmp/nobom.csv" --encoding UTF-16LE -q >/dev/null 2>&1
expect_eq "exit code of UTF-16 named with --encoding" 0 "$?"
# Old Mac line ends with a quoted line break: later rows keep their physical line numbers.
printf 'id,duration_days,numbness,weakness,difficulty_walking,prior_injury,age,note\rP1,5,no,no,no,no,40,"a\rb"\rP2,bad,no,no,no,no,40,x\r' >"$tmp/cr.csv"
"$bin" score "$tmp/cr.csv" -q 2>/dev/null | grep -q '^P2,error,.*"line 4: column' || fail "a row after a quoted CR has the wrong line: $("$bin" score "$tmp/cr.csv" -q 2>&1 | tail -n 1)"

# An empty --delimiter or --id-column is a usage error; delimiter names ignore case.
"$bin" score "$tmp/in.csv" --delimiter '' 2>"$tmp/err" >/dev/null
expect_eq "exit code of an empty --delimiter" 64 "$?"
"$bin" score "$tmp/in.csv" --id-column ' ' 2>"$tmp/err" >/dev/null
expect_eq "exit code of an empty --id-column" 64 "$?"
"$bin" score "$tmp/in.csv" -q --delimiter COMMA --id-column patient_id >"$tmp/out" 2>/dev/null
expect_eq "exit code of --delimiter COMMA" 0 "$?"

# Every error of a row, in one message; in JSON Lines also as structured fields.
printf 'id,%s,fever\nP1,soon,maybe,no,no,no,150,\033[31mx\n' "$required" >"$tmp/bad.csv"
"$bin" score "$tmp/bad.csv" -q >"$tmp/out" 2>/dev/null
expect_eq "exit code of a row with four bad cells" 65 "$?"
expect_eq "a row with four bad cells" "P1,error,,,,,,,,\"line 2: column 'duration_days': expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'soon'; column 'numbness': expected yes or no (y, n, true, false, 1, 0), got 'maybe'; column 'age': expected a whole number from 0 to 120, got '150'; column 'fever': expected yes or no (y, n, true, false, 1, 0), got '\\e[31mx'\"" "$(sed -n 2p "$tmp/out")"
"$bin" score "$tmp/bad.csv" -q --format jsonl >"$tmp/out.jsonl" 2>/dev/null
if command -v python3 >/dev/null; then
  python3 - "$tmp/out.jsonl" <<'PY' || fail "structured errors in JSON Lines"
import json, sys
row = json.loads(open(sys.argv[1]).read())
errors = row["errors"]
assert [e["column"] for e in errors] == ["duration_days", "numbness", "age", "fever"], errors
assert errors[3] == {"line": 2, "column": "fever", "value": "\\e[31mx",
                     "message": "expected yes or no (y, n, true, false, 1, 0), got '\\e[31mx'"}, errors[3]
PY
fi

# A bad cell and blank required answers in the same row: all in one message, the bad answer
# not named again as blank; the same from a JSON Lines case, and never for a malformed record.
printf 'id,%s\nP2,soon,,no,,no,40\nP3,5,no,no\n' "$required" >"$tmp/mixed.csv"
"$bin" score "$tmp/mixed.csv" -q >"$tmp/out" 2>/dev/null
expect_eq "exit code of a bad cell with blank answers" 65 "$?"
expect_eq "a bad cell with blank answers" "P2,error,,,,,,,,\"line 2: column 'duration_days': expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'soon'; required questions 'numbness' and 'difficulty_walking' are not answered\"
P3,error,,,,,,,,\"line 3: expected 7 fields, found 4\"" "$(tail -n +2 "$tmp/out")"
printf '{"id": "J9", "duration_days": "soon", "numbness": [1], "weakness": "no", "age": 40}\n' |
  "$bin" score --input jsonl - -q >"$tmp/out" 2>/dev/null
expect_eq "a JSON case with bad and blank answers" "J9,error,,,,,,,,\"line 1: numbness: expected a boolean, number, text or null, got array; duration_days: expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'soon'; required questions 'difficulty_walking' and 'prior_injury' are not answered\"" "$(tail -n +2 "$tmp/out")"

# Cells a spreadsheet would run as formulas get a leading quote, unless --raw-csv.
printf 'id,%s\n"=HYPERLINK(""http://x"")",5,no,no,no,no,40\n@cmd,5,no,no,no,no,40\n' "$required" >"$tmp/formula.csv"
"$bin" score "$tmp/formula.csv" -q >"$tmp/out" 2>/dev/null
expect_eq "neutralised ids" "\"'=HYPERLINK(\"\"http://x\"\")\"
'@cmd" "$(tail -n +2 "$tmp/out" | sed 's/,ok,.*//')"
"$bin" score "$tmp/formula.csv" -q --raw-csv >"$tmp/out" 2>/dev/null
expect_eq "raw ids" "\"=HYPERLINK(\"\"http://x\"\")\"
@cmd" "$(tail -n +2 "$tmp/out" | sed 's/,ok,.*//')"

# A stream of JSON cases, one process: ids from the objects, row numbers otherwise, errors
# with their line and column.
cat >"$tmp/cases.jsonl" <<'JSON'
{"id": "J1", "duration_days": "3 weeks", "numbness": false, "weakness": false, "difficulty_walking": false, "prior_injury": false, "age": 45}

{"duration_days": 5, "numbness": "no", "weakness": "no", "difficulty_walking": "no", "prior_injury": "no", "age": 30}
{"id": 7, "duration_days": 5, "numbness": tru}
{"id": "J4", "age": 1e400}
[1, 2]
JSON
"$bin" score --input jsonl "$tmp/cases.jsonl" -q >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of JSON Lines input" 65 "$?"
expect_eq "JSON Lines input" "J1,ok
2,ok
3,error,,,,,,,,line 4: invalid JSON: column 46: invalid literal at 'tru}'
4,error,,,,,,,,line 5: invalid JSON: number overflow parsing '1e400'
5,error,,,,,,,,\"line 6: expected a JSON object of answers by question id, got array\"" "$(tail -n +2 "$tmp/out" | sed 's/,ok,.*/,ok/')"
expect_eq "stderr of JSON Lines input" "" "$(cat "$tmp/err")"
# The same cases through eval, one by one, give the same results as score --input jsonl.
head -n 1 "$tmp/cases.jsonl" | "$bin" eval --json - --format json >"$tmp/eval.json"
expect_eq "eval --json with an id" '"id": "J1",' "$(sed -n 2p "$tmp/eval.json" | tr -d ' ' | sed 's/:/: /')"
"$bin" score --input jsonl --format jsonl -q <"$tmp/cases.jsonl" | head -n 1 >"$tmp/score.jsonl"
if command -v python3 >/dev/null; then
  python3 - "$tmp/eval.json" "$tmp/score.jsonl" <<'PY' || fail "eval --json and score --input jsonl differ"
import json, sys
e = json.load(open(sys.argv[1]))
s = json.loads(open(sys.argv[2]).read())
assert e["id"] == s["id"] == "J1"
for key in ("recommendation", "urgency", "category", "duration_class"):
    assert e[key] == s[key], key
assert [r["id"] for r in e["rules"]] == s["rules"]
PY
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
