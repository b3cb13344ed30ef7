#!/bin/bash
# Intake files in the dialects spreadsheets and record systems export (tests/data/dialects/)
# score to exactly the results of the clean file, names copied with --keep, and say what was
# detected on stderr.
# Usage: bash score_dialects.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
dir=$src/tests/data/dialects

"$bin" score "$dir/clean.csv" --keep name >"$tmp/clean.out" 2>"$tmp/err"
expect_eq "exit code of clean.csv" 0 "$?"
expect_eq "rows of clean.csv" 13 "$(wc -l <"$tmp/clean.out")"
grep -q '^P0001,Zoë Müller,ok,' "$tmp/clean.out" || fail "clean.csv: the first row: $(sed -n 2p "$tmp/clean.out")"

# score_as FILE EXPECTED_NOTES [OPTIONS...]: the same rows as the clean file, these notes.
score_as() {
  local file=$1 notes=$2
  shift 2
  "$bin" score "$dir/$file" --keep name "$@" >"$tmp/out" 2>"$tmp/err"
  expect_eq "exit code of $file" 0 "$?"
  if ! cmp -s "$tmp/clean.out" "$tmp/out"; then
    fail "$file does not score as clean.csv: $(diff "$tmp/clean.out" "$tmp/out" | head -n 6)"
  fi
  expect_eq "notes for $file" "$notes" "$(grep -v '^scored ' "$tmp/err")"
}
semicolons="backtriage: note: the intake's fields are separated by semicolons (detected from the header; --delimiter overrides)"
tabs="backtriage: note: the intake's fields are separated by tabs (detected from the header; --delimiter overrides)"
score_as semicolon-excel.csv "$semicolons"
score_as semicolon-windows-1252.csv "$semicolons" --encoding cp1252
score_as windows-1252.csv "" --encoding cp1252
score_as windows-1252.csv "" --encoding=WINDOWS-1252
score_as tab-separated.tsv "$tabs"
score_as excel-unicode-text.txt "backtriage: note: the intake is UTF-16LE (byte-order mark); converted to UTF-8
$tabs"
score_as utf16be-bom.csv "backtriage: note: the intake is UTF-16BE (byte-order mark); converted to UTF-8"
score_as old-mac-cr.csv ""
score_as excel-trailing-columns.csv ""
score_as quoted-newlines.csv ""
# Standard input reads the same way, and --delimiter says it outright.
"$bin" score - --keep name <"$dir/excel-unicode-text.txt" >"$tmp/out" 2>/dev/null
cmp -s "$tmp/clean.out" "$tmp/out" || fail "excel-unicode-text.txt from standard input"
"$bin" score "$dir/semicolon-excel.csv" --keep name --delimiter semicolon >"$tmp/out" 2>"$tmp/err"
cmp -s "$tmp/clean.out" "$tmp/out" || fail "--delimiter semicolon"
expect_eq "no note with --delimiter" "" "$(grep -v '^scored ' "$tmp/err")"
"$bin" score "$dir/semicolon-excel.csv" --delimiter ';' -q >/dev/null 2>&1
expect_eq "--delimiter ';'" 0 "$?"
"$bin" score "$dir/clean.csv" --delimiter colon 2>"$tmp/err"
expect_eq "exit code of an unknown delimiter" 64 "$?"
expect_eq "stderr of an unknown delimiter" "backtriage: error: --delimiter: expected comma, semicolon, tab or pipe (or the character), got 'colon' (see 'backtriage score --help')" "$(cat "$tmp/err")"

# rules diff --intake reads the same dialects without options: each file's rows change exactly
# as the clean file's do (v1 -> v2 rules).
"$bin" rules diff "$src/tests/data/rules-v1" "$src/rules" --intake "$dir/clean.csv" 2>/dev/null |
  sed -n '/^intake /,$p' | tail -n +2 >"$tmp/diff.clean"
[ -s "$tmp/diff.clean" ] || fail "rules diff --intake clean.csv lists no changed row"
for file in semicolon-excel.csv tab-separated.tsv excel-unicode-text.txt utf16be-bom.csv old-mac-cr.csv; do
  "$bin" rules diff "$src/tests/data/rules-v1" "$src/rules" --intake "$dir/$file" 2>/dev/null |
    sed -n '/^intake /,$p' | tail -n +2 >"$tmp/diff.out"
  cmp -s "$tmp/diff.clean" "$tmp/diff.out" || fail "rules diff --intake $file: $(diff "$tmp/diff.clean" "$tmp/diff.out" | head -n 4)"
done

# Windows-1252 read as UTF-8: every row is an error naming the line and column, and no raw
# byte reaches the output, which stays valid UTF-8 (JSON Lines too).
"$bin" score "$dir/windows-1252.csv" --keep name >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of cp1252 read as UTF-8" 65 "$?"
expect_eq "first row of cp1252 read as UTF-8" "P0001,Zo� M�ller,error,,,,,,,,\"line 2: column 'name': not UTF-8 (byte 0xeb at byte 3 of the cell); give the file's encoding with --encoding, e.g. --encoding cp1252\"" "$(sed -n 2p "$tmp/out")"
iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 || fail "CSV output of cp1252 read as UTF-8 is not UTF-8"
"$bin" score "$dir/windows-1252.csv" --keep name --format jsonl >"$tmp/out.jsonl" 2>/dev/null
if command -v python3 >/dev/null; then
  python3 - "$tmp/out.jsonl" <<'PY' || fail "JSON Lines of cp1252 read as UTF-8"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 12, len(rows)
assert rows[0]["name"] == "Zo\ufffd M\ufffdller", rows[0]
assert rows[0]["errors"] == [{"line": 2, "column": "name", "value": "Zo\\xeb M\\xfcller",
    "message": "not UTF-8 (byte 0xeb at byte 3 of the cell); give the file's encoding with --encoding, e.g. --encoding cp1252"}], rows[0]["errors"]
PY
fi
"$bin" score "$dir/clean.csv" --encoding no-such-encoding 2>"$tmp/err"
expect_eq "exit code of an unknown encoding" 64 "$?"
expect_eq "stderr of an unknown encoding" "backtriage: error: unknown encoding 'no-such-encoding' (\`iconv -l\` lists the names, e.g. cp1252, ISO-8859-1, UTF-16)" "$(cat "$tmp/err")"

# A byte with no character in the named encoding, or a lone UTF-16 surrogate, makes its own row
# an error (two ids must never become the same "P\ufffd") and the rows after it are read.
printf 'id,duration_days,numbness,weakness,difficulty_walking,prior_injury,age\nP\x81,5,no,no,no,no,40\nP\x8d,5,no,no,no,no,40\nP3,5,no,no,no,no,40\n' >"$tmp/undefined.csv"
"$bin" score -q "$tmp/undefined.csv" --encoding cp1252 -o "$tmp/out" 2>/dev/null
expect_eq "exit code of bytes cp1252 lacks" 65 "$?"
expect_eq "rows of bytes cp1252 lacks" "error
error
ok" "$(tail -n +2 "$tmp/out" | cut -d, -f2)"
expect_eq "message of a byte cp1252 lacks" "line 3: column 'id': not valid cp1252 (at character 2 of the cell)" "$(sed -n 3p "$tmp/out" | cut -d, -f10-)"
python3 - "$tmp/surrogate.csv" <<'PY'
import sys
rows = ["id,duration_days,numbness,weakness,difficulty_walking,prior_injury,age"] + [f"Q{n},5,no,no,no,no,40" for n in range(2, 6)]
data = "\r\n".join(rows).encode("utf-16-le")
lone = "\r\nP".encode("utf-16-le") + b"\x00\xd8" + ",5,no,no,no,no,40".encode("utf-16-le")
cut = len(rows[0].encode("utf-16-le"))
open(sys.argv[1], "wb").write(b"\xff\xfe" + data[:cut] + lone + data[cut:])
PY
"$bin" score -q "$tmp/surrogate.csv" -o "$tmp/out" 2>/dev/null
expect_eq "exit code of a lone UTF-16 surrogate" 65 "$?"
expect_eq "rows after a lone UTF-16 surrogate" "error Q2:ok Q3:ok Q4:ok Q5:ok" "$(tail -n +2 "$tmp/out" | awk -F, '{printf "%s%s", sep, ($2 == "error" ? "error" : $1 ":" $2); sep=" "}')"

# Old Mac line ends are quick: 2,000 rows with CR line ends, not one record of them all.
{ head -n 1 "$dir/clean.csv"; for _ in $(seq 170); do tail -n +2 "$dir/clean.csv"; done; } | tr '\n' '\r' >"$tmp/cr.csv"
"$bin" score "$tmp/cr.csv" -o "$tmp/cr.out" 2>"$tmp/err"
expect_eq "exit code of a long CR file" 0 "$?"
expect_eq "rows of a long CR file" 2041 "$(wc -l <"$tmp/cr.out")"

# A header of 4,000 empty names (Excel's trailing columns) is read at once.
{ printf 'id,duration_days,numbness,weakness,difficulty_walking,prior_injury,age'; printf ',%.0s' $(seq 4000); echo
  printf 'a,5,no,no,no,no,40'; printf ',%.0s' $(seq 4000); echo; } >"$tmp/wide.csv"
"$bin" score -q "$tmp/wide.csv" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of 4,000 trailing empty header cells" 0 "$?"
expect_eq "stderr of 4,000 trailing empty header cells" "" "$(grep -v '^backtriage: note: the intake has no column' "$tmp/err")"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
