#!/bin/bash
# Exit codes of backtriage(1) for score (and the command line as a whole): 0, 64, 65, 66, 73, 78.
# Command-line errors are 64, never CLI11's own 100-127.
# Usage: bash score_exit_codes.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
# expect_code CODE STDERR_NEEDLE ARGS... (stdin from /dev/null)
expect_code() {
  local want=$1 needle=$2
  shift 2
  "$bin" "$@" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
  local code=$?
  expect_eq "exit code of: $*" "$want" "$code"
  if [ -n "$needle" ] && ! grep -qF -- "$needle" "$tmp/stderr"; then
    fail "stderr of '$*' lacks [$needle]: $(cat "$tmp/stderr")"
  fi
}

header="id,duration_days,numbness,weakness,difficulty_walking,prior_injury,age"
printf '%s\n%s\n' "$header" "a,5,no,no,no,no,40" >"$tmp/good.csv"
printf '%s\n%s\n%s\n' "$header" "a,5,no,no,no,no,40" "b,5,no,maybe,no,no,40" >"$tmp/bad.csv"
# Without the age column (an intake written for rule set v1): refused, naming the column.
printf '%s\n%s\n' "${header%,age}" "a,5,no,no,no,no" >"$tmp/no-age.csv"

# 0 and 65
expect_code 0 "" score "$tmp/good.csv"
expect_code 65 "" score "$tmp/bad.csv"
expect_code 65 "nothing was scored" score "$src/rules/README.md"
expect_code 65 "line 1: the header lacks the column of required question: age; nothing was scored" score "$tmp/no-age.csv"
expect_eq "stdout of a refused header" "" "$(cat "$tmp/stdout")"

# 64: every kind of command-line mistake
expect_code 64 "backtriage: error: the following argument was not expected: --bogus (see 'backtriage score --help')" score --bogus "$tmp/good.csv"
expect_code 64 "--format: xml not in {csv,jsonl}" score --format xml "$tmp/good.csv"
expect_code 64 "--format" score "$tmp/good.csv" --format
expect_code 64 "--output" score "$tmp/good.csv" -o
expect_code 64 "the following argument was not expected: b" score a b
expect_code 64 "--color: sometimes not in {auto,always,never}" --color sometimes score "$tmp/good.csv"
expect_code 64 "backtriage: error: a command is needed after 'backtriage': ask, score, eval, rules, audit (see 'backtriage --help')"
expect_code 64 "" frobnicate
expect_code 64 "--rules" score --rules
expect_code 64 "" --bogus
expect_code 64 "" eval --json
expect_code 64 "" eval --format yaml duration_days=3
expect_code 64 "" rules --bogus
expect_code 64 "" ask --bogus
# A region the rule set has no terms for, from the option or the environment.
expect_code 64 "unknown region 'fr': this rule set has uk, us" score --region fr "$tmp/good.csv"
expect_code 64 "unknown region 'fr': this rule set has uk, us" --region fr score "$tmp/good.csv"
BACKTRIAGE_REGION=fr expect_code 64 "unknown region 'fr'" score "$tmp/good.csv"
expect_eq "stdout of an unknown region" "" "$(cat "$tmp/stdout")"
expect_code 0 "" score --region us "$tmp/good.csv"
BACKTRIAGE_REGION=us expect_code 0 "" score "$tmp/good.csv"
# CLI11 never leaks its own codes, whatever the mistake.
for args in "score -x" "score --format" "eval --json" "--rules" "score --color never" "--version extra" "-h extra junk --bogus" \
            "score --output" "score a b c" "eval --bogus=1" "rules check --bogus"; do
  # shellcheck disable=SC2086
  "$bin" $args </dev/null >/dev/null 2>&1
  code=$?
  if [ "$code" -ge 100 ] && [ "$code" -le 127 ]; then fail "'$args' exited $code (a CLI11 code)"; fi
done

# --help and --version are not errors
expect_code 0 "" --help
grep -q "score" "$tmp/stdout" || fail "--help does not list score"
expect_code 0 "" score --help
grep -q -- "--format" "$tmp/stdout" || fail "score --help does not list --format"
expect_code 0 "" --version
grep -Eq '^backtriage [0-9]+\.[0-9]+\.[0-9]+' "$tmp/stdout" || fail "--version: $(cat "$tmp/stdout")"

# 66: input that cannot be opened or read
expect_code 66 "cannot open '$tmp/missing.csv': No such file or directory" score "$tmp/missing.csv"
expect_code 66 "it is a directory" score "$tmp"

# 73: output that cannot be created
expect_code 73 "cannot write '$tmp/nowhere/out.csv'" score "$tmp/good.csv" -o "$tmp/nowhere/out.csv"

# 78: a rule directory that does not load, with every diagnostic on stderr
mkdir "$tmp/bad-rules" "$tmp/empty-rules" "$tmp/good-rules"
cp "$src"/rules/*.yaml "$tmp/good-rules/"
cp "$src"/rules/*.yaml "$tmp/bad-rules/"
sed -i 's/when: weakness_worsening$/when: weakness_worsenin/' "$tmp/bad-rules/40-emergency.yaml"
grep -q 'when: weakness_worsenin$' "$tmp/bad-rules/40-emergency.yaml" || fail "could not break the rule set"
line=$(grep -n 'when: weakness_worsenin$' "$tmp/bad-rules/40-emergency.yaml" | cut -d: -f1)
expect_code 78 "$tmp/bad-rules/40-emergency.yaml:$line:11: error: unknown question 'weakness_worsenin' (did you mean 'weakness_worsening'?)" \
  score "$tmp/good.csv" --rules "$tmp/bad-rules"
grep -qF "rule directory '$tmp/bad-rules' is invalid" "$tmp/stderr" || fail "78 does not say which rule set: $(cat "$tmp/stderr")"
grep -qF "    when: weakness_worsenin" "$tmp/stderr" || fail "78 does not quote the line: $(cat "$tmp/stderr")"
expect_eq "stdout of a bad rule set" "" "$(cat "$tmp/stdout")"
expect_code 78 "holds no rule files" score "$tmp/good.csv" --rules "$tmp/empty-rules"
printf 'rules:\n  - id: X\n' >"$tmp/empty-rules/00.yaml"
expect_code 78 "" --rules "$tmp/empty-rules" score "$tmp/good.csv"
# The global --rules before the subcommand works as well as after it.
expect_code 0 "" --rules "$tmp/good-rules" score "$tmp/good.csv"
expect_code 0 "" score --rules "$tmp/good-rules" "$tmp/good.csv"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
