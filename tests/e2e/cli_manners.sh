#!/bin/bash
# The command line as a person meets it: did-you-mean for commands, --help ending with two
# examples and the manual, --version naming the licence, `-` for every file argument, JSON
# errors in plain words, exit 73 whenever standard output cannot be written, quiet on a
# closed pipe, and no internal error (70) for odd input.
# Usage: bash cli_manners.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
cd "$src" || exit 1

"$bin" scor examples/intake.csv >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of a misspelt command" 64 "$?"
expect_eq "stderr of a misspelt command" "backtriage: error: unknown command 'scor' (did you mean 'score'?); the commands are ask, score, eval, rules, audit (see --help)" "$(cat "$tmp/err")"
"$bin" --rules rules rules lst >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of a misspelt rules command" 64 "$?"
expect_eq "stderr of a misspelt rules command" "backtriage: error: unknown command 'lst' of 'rules' (did you mean 'list'?); the commands are check, test, list, diff (see --help)" "$(cat "$tmp/err")"
"$bin" rules lsit >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of swapped letters" 64 "$?"
expect_eq "stderr of swapped letters" "backtriage: error: unknown command 'lsit' of 'rules' (did you mean 'list'?); the commands are check, test, list, diff (see --help)" "$(cat "$tmp/err")"

# Every --help ends with two examples and where the manual is.
for command in "" ask score eval rules "rules check" "rules test" "rules list" "rules diff" audit "audit summary"; do
  # shellcheck disable=SC2086
  "$bin" $command --help >"$tmp/help" 2>&1
  expect_eq "exit code of '$command --help'" 0 "$?"
  expect_eq "end of '$command --help'" "Full documentation: man backtriage" "$(tail -n 1 "$tmp/help")"
  expect_eq "examples in '$command --help'" 2 "$(sed -n '/^Examples:$/,/^$/p' "$tmp/help" | grep -c '^  backtriage \|^  echo \|^  printf \|^  grep ')"
done

# The scripted example of ask --help answers the whole questionnaire of the built-in rules.
example=$("$bin" ask --help | sed -n 's/^  \(printf .*\)$/\1/p')
[ -n "$example" ] || fail "ask --help lacks its printf example"
PATH="$(dirname "$bin"):$PATH" bash -c "$example" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of the example in ask --help" 0 "$?"
grep -q "A triage aid, not a diagnosis" "$tmp/out" || fail "the example in ask --help printed no report: $(tail -n 2 "$tmp/err")"

"$bin" --version >"$tmp/out"
expect_eq "--version" "backtriage $(head -n 1 "$tmp/out" | cut -d' ' -f2)
Licence: MIT (free software: you may use, change and share it; no warranty)" "$(cat "$tmp/out")"
grep -q "^MIT License" LICENSE || fail "--version names a licence the LICENSE file does not hold"

# Standard output that cannot be written is exit 73, for every command.
if [ -w /dev/full ]; then
  while IFS= read -r args; do
    # shellcheck disable=SC2086
    "$bin" $args >/dev/full 2>"$tmp/err"
    code=$?
    [ "$code" = 73 ] || fail "'$args' >/dev/full: exit $code, $(cat "$tmp/err")"
    grep -q "cannot write to standard output: No space left on device" "$tmp/err" ||
      fail "'$args' >/dev/full: stderr $(cat "$tmp/err")"
  done <<'ARGS'
--help
--version
score --help
rules list
rules list --format json
rules check
rules test
rules diff rules rules
rules diff rules rules --intake examples/intake-clean.csv
eval duration_days=5 numbness=no weakness=no difficulty_walking=no prior_injury=no age=40
eval duration_days=5 numbness=no weakness=no difficulty_walking=no prior_injury=no age=40 --format json
score examples/intake-clean.csv
score examples/intake-clean.csv --format jsonl
ARGS
fi

# A closed pipe ends the command quietly: no message, no partial-write error.
"$bin" score examples/intake-clean.csv 2>"$tmp/err" | head -n 1 >/dev/null
expect_eq "stderr of score into a closed pipe" "" "$(grep -v '^scored ' "$tmp/err")"
{ for _ in $(seq 300); do tail -n +2 examples/intake-clean.csv; done; } | sed '1i\'"$(head -n 1 examples/intake-clean.csv)" >"$tmp/big.csv"
"$bin" score "$tmp/big.csv" --format jsonl 2>"$tmp/err" | head -c 100 >/dev/null
expect_eq "stderr of a long score into a closed pipe" "" "$(cat "$tmp/err")"
"$bin" rules list 2>"$tmp/err" | head -n 1 >/dev/null
expect_eq "stderr of rules list into a closed pipe" "" "$(cat "$tmp/err")"

# `-` is standard input or output for every file argument.
"$bin" rules diff rules rules --intake - <examples/intake-clean.csv >"$tmp/out" 2>&1
expect_eq "exit code of rules diff --intake -" 0 "$?"
grep -q "^intake standard input: 0 of 47 rows change" "$tmp/out" || grep -q "0 of 47 rows change" "$tmp/out" ||
  fail "rules diff --intake -: $(cat "$tmp/out")"
"$bin" score - -o - <examples/intake-clean.csv >"$tmp/out" 2>/dev/null
expect_eq "score - -o -" 48 "$(wc -l <"$tmp/out")"
answers=$(printf '%s\n' 5 no no no no no '' '' 40 no no no no no no no no no no no no no no no no no no no no no no no no no)
printf '%s\n' "$answers" | "$bin" ask --save - >"$tmp/out" 2>/dev/null
expect_eq "exit code of ask --save -" 0 "$?"
grep -q '^id,duration_days,' "$tmp/out" || fail "ask --save - wrote no intake row: $(head -c 300 "$tmp/out")"
# A device is written, never replaced by a file (as root, rename would succeed).
if [ -c /dev/null ] && [ -w /dev/null ]; then
  printf '%s\n' "$answers" | "$bin" ask --save /dev/null >/dev/null 2>&1
  expect_eq "exit code of ask --save /dev/null" 0 "$?"
  [ -c /dev/null ] || fail "ask --save /dev/null replaced the device"
fi

# JSON errors in plain words, with the line and column; odd JSON is invalid input (65),
# never an internal error (70).
printf '{\n  "age": tru,\n}' >"$tmp/case.json"
"$bin" eval --json "$tmp/case.json" 2>"$tmp/err"
expect_eq "exit code of invalid JSON" 65 "$?"
expect_eq "stderr of invalid JSON" "backtriage: error: $tmp/case.json: invalid JSON: line 2, column 13: invalid literal at 'tru,'" "$(cat "$tmp/err")"
echo '{"age": 1e400}' | "$bin" eval --json - 2>"$tmp/err"
expect_eq "exit code of 1e400" 65 "$?"
expect_eq "stderr of 1e400" "backtriage: error: standard input: invalid JSON: number overflow parsing '1e400'" "$(cat "$tmp/err")"
"$bin" eval --json "$tmp" 2>"$tmp/err"
expect_eq "exit code of eval --json DIR" 66 "$?"
expect_eq "stderr of eval --json DIR" "backtriage: error: cannot read '$tmp': it is a directory" "$(cat "$tmp/err")"
printf '{"id": "X\xe9", "age": 40}' | "$bin" eval --json - --format json >"$tmp/out" 2>/dev/null
code=$?
[ "$code" = 65 ] || [ "$code" = 0 ] || fail "exit code of invalid UTF-8 in JSON: $code"
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$tmp/out" 2>/dev/null ||
    [ ! -s "$tmp/out" ] || fail "eval --format json printed invalid JSON: $(cat "$tmp/out")"
fi

# Result CSV on a terminal shows an escape sequence from the input as text ("\e"), never acts
# on it; written to a file it stays byte for byte.
printf 'id,duration_days,age,numbness,weakness,difficulty_walking,prior_injury\n"x\033[31mred",3,40,no,no,no,no\n' >"$tmp/esc.csv"
script -qec "'$bin' score -q '$tmp/esc.csv'" /dev/null >"$tmp/tty.out" </dev/null
grep -q 'x\\e\[31mred,ok,' "$tmp/tty.out" || fail "score on a terminal does not escape ESC: $(cat -v "$tmp/tty.out")"
grep -q $'\033' "$tmp/tty.out" && fail "score on a terminal passes a raw ESC: $(cat -v "$tmp/tty.out")"
"$bin" score -q "$tmp/esc.csv" >"$tmp/file.out" 2>/dev/null
grep -q $'^x\033\\[31mred,ok,' "$tmp/file.out" || fail "score to a file changed the id: $(cat -v "$tmp/file.out")"

# A rule directory's name from the command line is escaped in every message about it.
esc_dir="$tmp/rules"$'\033[31mred'
mkdir "$esc_dir" && echo "bogus: 1" >"$esc_dir/a.yaml"
for command in "rules check" "rules list" "eval"; do
  # shellcheck disable=SC2086
  "$bin" $command --rules "$esc_dir" >"$tmp/esc.out" 2>"$tmp/esc.err" </dev/null
  grep -q $'\033' "$tmp/esc.out" "$tmp/esc.err" && fail "$command passes the ESC of a directory name: $(cat -v "$tmp/esc.err")"
  grep -q 'rules\\e\[31mred' "$tmp/esc.out" "$tmp/esc.err" || fail "$command does not name the directory: $(cat -v "$tmp/esc.err")"
done
"$bin" eval --rules "$tmp/none"$'\033[31m' >/dev/null 2>"$tmp/esc.err"
grep -q $'\033' "$tmp/esc.err" && fail "a missing rule directory's ESC reached stderr: $(cat -v "$tmp/esc.err")"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
