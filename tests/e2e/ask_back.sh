#!/usr/bin/env bash
# 'back' (or 'b') returns to the previous question that was asked, shows the earlier answer,
# keeps later answers where they still apply, and a changed answer changes what is asked next.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

start ask --save answers.csv
wait_for "Question 1 of up to 34"
answer "b" "This is the first question: there is none before it."
shows "Question 1 of up to 34"
answer "10" "Question 2 of up to 34"
answer "y" "Question 3 of up to 34"
answer "n" "Question 4 of up to 34"
answer "n" "Question 5 of up to 33"          # both_legs: asked because of leg pain
shows "[y/n, Enter to skip]"
answer "n" "Question 6 of up to 33"
answer "back" "Back to the previous question: Enter keeps your answer, or type a new one."
shows "Question 5 of up to 33"
shows "[y/n, Enter to keep: no, type skip to clear it]"
answer "b" "Question 4 of up to 34"
shows "[y/n, Enter to keep: no]"             # required: no "skip"
answer "B" "Question 3 of up to 34"
answer "b" "Question 2 of up to 34"
shows "[y/n, Enter to keep: yes, type skip to clear it]"
# No leg pain after all: both_legs no longer applies and is not asked.
answer "n" "Question 2 answered: no."
shows "Question 3 of up to 34"
shows "[y/n, Enter to keep: no]"
answer "" "Question 3 answered: no."
answer "" "Question 4 answered: no."
shows "Question 5 of up to 32"
shows "[y/n] (an answer is needed)"          # difficulty_walking, never answered before
answer "n" "Question 6 of up to 32"
answer "b" "Question 5 of up to 32"
answer "" "Question 6 of up to 32"
# Back then forward: a skipped answer is kept as skipped.
answer "n" "Question 7 of up to 32"
answer "" "Question 7 skipped."
answer "b" "[y/n, Enter to leave it skipped]"
answer "" "Question 7 skipped."
answer "n" "Question 9 of up to 32"
answer "" "Not accepted: this question needs an answer and cannot be skipped."   # age is required
answer "30" "Question 10 of up to 25"
for n in 10 11 12; do answer "n" "Question $((n + 1)) of up to 25"; done
# A fall brings in the serious-accident question; going back and saying no takes it out again.
answer "y" "Question 14 of up to 25"
shows "Did your back pain start just after a serious accident or fall?"
answer "b" "Question 13 of up to 25"
shows "[y/n, Enter to keep: yes, type skip to clear it]"
answer "n" "Question 14 of up to 24"
shows "chest pain"                           # non_spinal_pain
answer "n" "Question 15 of up to 24"
answer "n" "Question 16 of up to 23"
for n in 16 17 18 19 20 21 22; do answer "n" "Question $((n + 1)) of"; done
shows "Question 23 of 23"
type_line "n"
wait_exit 0
wait_for "Result: Look after your back yourself. How soon: Not urgent (a booked appointment if you need one)."
IFS=, read -r -a names < <(sed -n 1p "$WORK/answers.csv")
IFS=, read -r -a values < <(sed -n 2p "$WORK/answers.csv")
saved() {
  local i
  for i in "${!names[@]}"; do
    if [[ "${names[i]}" == "$1" ]]; then
      [[ "${values[i]:-}" == "$2" ]] || fail "$1 saved as '${values[i]:-}', expected '$2' ($3)"
      return 0
    fi
  done
  fail "no column $1 in the saved file"
}
saved leg_pain no "the changed answer"
saved both_legs "" "blank: it no longer applies"
saved difficulty_walking no "kept after back"
saved recurrent "" "skipped"
saved age 30 "given after a refused blank"
saved fall_or_injury no "the changed answer"
saved major_trauma "" "blank: it no longer applies"
echo "ok"
