#!/usr/bin/env bash
# Leaving before the end: Ctrl-D (end of input) exits 1 and Ctrl-C exits 130, each with a clear
# message, no recommendation, no --save file (nor its temporary), and the terminal left sane.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

no_result() {
  local history
  history=$(tmx capture-pane -p -S - -t ask)
  ! grep -qE "Recommendation:|Result:|EMERGENCY" <<<"$history" || fail "a recommendation was shown"
  [[ ! -e "$WORK/answers.csv" ]] || fail "--save wrote a file"
  [[ -z "$(find "$WORK" -name '.answers.csv.tmp*')" ]] || fail "a temporary file was left behind"
}

# Ctrl-D at question 3.
start ask --save answers.csv
wait_for "Question 1 of up to 34"
answer "10" "Question 2 of up to 34"
answer "n" "Question 3 of up to 34"
press C-d
wait_exit 1
wait_for "Stopped at question 3, before the end (end of input). No recommendation was"
shows "made and nothing was saved. Run backtriage ask to start again."
no_result
terminal_sane

# Text typed before Ctrl-D is not taken as an answer: Ctrl-D twice stops.
start ask --save answers.csv
wait_for "Question 1 of up to 34"
press 1 0 C-d C-d
wait_exit 1
wait_for "Stopped at question 1, before the end (end of input)."
no_result

# Ctrl-C while typing an answer.
start ask --save answers.csv
wait_for "Question 1 of up to 34"
answer "3 weeks" "Question 2 of up to 34"
press y C-c
wait_exit 130
wait_for "Stopped at question 2, before the end (Ctrl-C). No recommendation was made"
no_result
terminal_sane

# Documented in --help.
"$BINARY" ask --help >"$WORK/help.txt"
grep -qF "1 when input ends (Ctrl-D) before the end and 130 on Ctrl-C" "$WORK/help.txt" ||
  fail "ask --help does not document Ctrl-D and Ctrl-C: $(cat "$WORK/help.txt")"
echo "ok"
