#!/bin/bash
# The bash completion, driven as bash drives it: COMP_WORDS and COMP_CWORD set, the
# completion function called, COMPREPLY checked. Commands, nested rule tools, options,
# option values, files, directories, and question ids for `eval NAME=`.
# Usage: bash bash_completion.sh BINARY SOURCE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
script=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
unset BACKTRIAGE_RULES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# With WITH_BASH_COMPLETION=1 (the second run below), as users of the bash-completion
# package have it: its helpers loaded first.
if [ "${WITH_BASH_COMPLETION-}" = 1 ]; then
  set +u  # bash-completion itself is not written for set -u
  # shellcheck disable=SC1091
  source /usr/share/bash-completion/bash_completion || { echo "FAIL: bash-completion does not load" >&2; exit 1; }
  declare -F _init_completion >/dev/null || { echo "FAIL: bash-completion has no _init_completion" >&2; exit 1; }
fi
# shellcheck source=../../man/completion/backtriage.bash
source "$src/man/completion/backtriage.bash" || { echo "FAIL: the completion does not load" >&2; exit 1; }
[ "$(complete -p backtriage)" = "complete -F _backtriage backtriage" ] || fail "no completion for backtriage"

# complete WORD...: the completions, sorted, on one line, for the command line
# `backtriage WORD...`, the cursor at the end of the last word ('' is an empty word). bash
# splits at '=', and so does this: give "name" "=" "value".
complete_words() {
  local word
  COMP_WORDS=("$bin")
  for word in "$@"; do
    [ "$word" = "''" ] && word=""
    COMP_WORDS+=("$word")
  done
  COMP_CWORD=$#
  # The line as typed: no blanks around a '=' word.
  COMP_LINE=$bin
  local i
  for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
    if [ "${COMP_WORDS[i]}" = "=" ] || [ "${COMP_WORDS[i - 1]}" = "=" ]; then
      COMP_LINE+=${COMP_WORDS[i]}
    else
      COMP_LINE+=" ${COMP_WORDS[i]}"
    fi
  done
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _backtriage 2>"$tmp/stderr"
  [ -s "$tmp/stderr" ] && fail "completing [$*] wrote to stderr: $(cat "$tmp/stderr")"
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() {  # expect "WORDS" EXPECTED
  local words=$1 expected=$2 actual
  # shellcheck disable=SC2086
  actual=$(complete_words $words)
  [ "$actual" = "$expected" ] || fail "backtriage $words<TAB>: expected [$expected], got [$actual]"
}
expect_has() {  # expect_has "WORDS" ITEM...: every ITEM among the completions
  local words=$1 actual item
  shift
  # shellcheck disable=SC2086
  actual=" $(complete_words $words) "
  for item in "$@"; do
    [[ $actual == *" $item "* ]] || fail "backtriage $words<TAB>: no [$item] in [$actual]"
  done
}
expect_not() {  # expect_not "WORDS" ITEM...
  local words=$1 actual item
  shift
  # shellcheck disable=SC2086
  actual=" $(complete_words $words) "
  for item in "$@"; do
    [[ $actual == *" $item "* ]] && fail "backtriage $words<TAB>: [$item] should not be offered"
  done
}

mkdir "$tmp/work"
cd "$tmp/work" || exit 1
mkdir -p clinic-rules data
touch intake.csv case.json data/more.csv

# Commands.
expect "''" "ask audit eval rules score"
expect "s" "score"
# The rule tools the program lists (all four of the manual, once they exist).
tools=$("$bin" rules --help 2>/dev/null | awk '/^[^ ]/ { s = $0; next } s ~ /^Subcommands:/ && /^ +[a-z]/ { print $1 }' |
  sort | tr '\n' ' ' | sed 's/ $//')
expect "rules ''" "${tools:-check diff list test}"
expect "--rules clinic-rules rules ''" "${tools:-check diff list test}"
expect "rules ch" "check"
expect "audit ''" "summary"

# Options, from each command's --help.
expect_has "--" --help --version --rules --color
expect_has "score --" --output --format --rules --help
expect_has "eval --" --json --format --rules
expect_has "rules check --" --rules
expect_has "ask --" --save --force --id --no-pager --audit --answered-by
expect_has "eval --" --id --audit --answered-by
expect_has "score --" --audit --answered-by
expect_not "score --" --version --json
expect "score --fo" "--format"

# Option values.
expect "score --format ''" "csv jsonl"
expect "eval --format ''" "json text"
expect "--color ''" "always auto never"
expect "eval --color a" "always auto"
expect "eval --region ''" "uk us"
expect "eval --view ''" "clinician patient"
expect "ask --view p" "patient"
expect "--rules ''" "clinic-rules data"
expect "--rules = ''" "clinic-rules data"
expect "score --rules cl" "clinic-rules"
expect "score -o ''" "case.json clinic-rules data intake.csv"
expect "eval --json ''" "case.json clinic-rules data intake.csv"
expect "ask --answered-by ''" "clinician patient"
expect "score --audit ''" "case.json clinic-rules data intake.csv"

# Files and directories as arguments.
expect "score ''" "case.json clinic-rules data intake.csv"
expect "score i" "intake.csv"
expect "score data/" "data/more.csv"
expect "audit summary ''" "case.json clinic-rules data intake.csv"
if "$bin" rules --help 2>/dev/null | grep -q '^  diff '; then
  expect "rules diff ''" "clinic-rules data"
fi

# Question ids for eval NAME=, with the rule set the command line names.
expect_has "eval --rules $src/rules ''" duration_days= leg_pain= numbness= weakness= night_pain=
expect "eval --rules $src/rules le" "leg_pain="
expect "--rules $src/rules eval weakness_" "weakness_worsening="
expect_not "eval --rules $src/rules leg_pain=yes ''" leg_pain=
expect_has "eval --rules $src/rules leg_pain=yes ''" numbness=
expect "eval --rules $src/rules leg_pain = ''" "no yes"
expect "eval --rules $src/rules leg_pain = y" "yes"
expect "eval --rules $src/rules duration_days = ''" ""
# A rule directory of one's own changes the ids.
cat >clinic-rules/rules.yaml <<'EOF'
outputs:
  duration_class: {values: [acute]}
  category: {values: [nonspecific]}
  recommendation: {values: [self-manage, see-specialist]}
  urgency: {values: [routine]}
questions:
  - id: pain_score
    type: number
    min: 0
    max: 10
    prompt: How bad is the pain, 0 to 10?
  - id: pins_and_needles
    type: yes_no
    prompt: Pins and needles?
rules:
  - id: S1
    title: Severe pain
    when: pain_score >= 8
    recommendation: see-specialist
    source: example
EOF
expect "eval --rules clinic-rules ''" "pain_score= pins_and_needles="
BACKTRIAGE_RULES=clinic-rules expect "eval p" "pain_score= pins_and_needles="
# Without --rules: the built-in questions (from the program, or the rules beside it).
expect_has "eval ''" duration_days= saddle_numbness=

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)${WITH_BASH_COMPLETION:+ with bash-completion loaded}" >&2
  exit 1
fi
echo "ok: bash completion${WITH_BASH_COMPLETION:+ with bash-completion loaded}"
if [ -z "${WITH_BASH_COMPLETION-}" ] && [ -f /usr/share/bash-completion/bash_completion ]; then
  cd / && WITH_BASH_COMPLETION=1 exec bash "$script" "$bin" "$src"
fi
