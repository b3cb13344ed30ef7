#!/usr/bin/env bash
# An invalid answer is re-asked with a short reason and the accepted forms; a required
# question refuses an empty answer; nothing typed is echoed back raw.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

start ask
wait_for "Question 1 of up to 34"
answer "three weeks" "Not accepted: expected a number of days or a number with a unit (e.g. 10, 3"
shows "got 'three weeks'. Please try again."
shows "Question 1 of up to 34"
answer "" "Not accepted: this question needs an answer and cannot be skipped."
shows "Question 1 of up to 34"
answer "-2" "Not accepted: a duration cannot be negative, got '-2'. Please try again."
answer "2.5 weeks" "Question 1 answered: 17 days."
lacks "Not accepted"
shows "Question 2 of up to 34"
answer "maybe" "Not accepted: expected yes or no (y, n, true, false, 1, 0), got 'maybe'."
shows "Question 2 of up to 34"
# An arrow key sends an escape sequence: shown as \e, never sent to the terminal raw.
press y Left
type_line ""
wait_for "got 'y\\e[D'"
answer " Yes " "Question 2 answered: yes."
for n in 3 4; do answer "n" "Question $((n + 1)) of up to"; done
for n in 5 6 7 8 9; do answer "n" "Question $((n + 1)) of up to"; done
shows "[whole number, 0 to 120] (an answer is needed)"   # age
answer "130" "Not accepted: expected a whole number from 0 to 120, got '130'."
answer "forty" "got 'forty'"
answer "" "Not accepted: this question needs an answer and cannot be skipped."
shows "Question 10 of up to"
answer "40" "Question 10 answered: 40."
press C-c
wait_exit 130
terminal_sane
echo "ok"
