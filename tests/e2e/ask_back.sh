#!/usr/bin/env bash
# 'back' (or 'b') returns to the previous question that was asked, shows the earlier answer,
# keeps later answers where they still apply, and a changed answer changes what is asked next.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

start ask --save answers.csv
wait_for "Question 1 of up to 21"
answer "b" "This is the first question: there is none before it."
shows "Question 1 of up to 21"
answer "10" "Question 2 of up to 21"
answer "y" "Question 3 of up to 21"
answer "n" "Question 4 of up to 21"
answer "n" "Question 5 of up to 20"          # both_legs: asked because of leg pain
shows "[y/n, Enter to skip]"
answer "n" "Question 6 of up to 20"
answer "back" "Back to the previous question: Enter keeps your answer, or type a new one."
shows "Question 5 of up to 20"
shows "[y/n, Enter to keep: no, type skip to clear it]"
answer "b" "Question 4 of up to 21"
shows "[y/n, Enter to keep: no]"             # required: no "skip"
answer "B" "Question 3 of up to 21"
answer "b" "Question 2 of up to 21"
shows "[y/n, Enter to keep: yes, type skip to clear it]"
# No leg pain after all: both_legs no longer applies and is not asked.
answer "n" "Question 2 answered: no."
shows "Question 3 of up to 21"
shows "[y/n, Enter to keep: no]"
answer "" "Question 3 answered: no."
answer "" "Question 4 answered: no."
shows "Question 5 of up to 19"
shows "[y/n] (an answer is needed)"          # difficulty_walking, never answered before
answer "n" "Question 6 of up to 19"
answer "b" "Question 5 of up to 19"
answer "" "Question 6 of up to 19"
# Back then forward: a skipped answer is kept as skipped.
answer "n" "Question 7 of up to 19"
answer "" "Question 7 skipped."
answer "b" "[y/n, Enter to leave it skipped]"
answer "" "Question 7 skipped."
answer "n" "Question 9 of up to 19"
answer "" "Question 10 of up to 19"         # age: skipped
for n in 10 11 12 13 14 15 16 17; do answer "n" "Question $((n + 1)) of"; done
shows "Question 18 of 18"
type_line "n"
wait_exit 0
wait_for "Result: self-manage, urgency routine."
IFS=, read -r -a values < <(sed -n 2p "$WORK/answers.csv")
[[ "${values[1]}" == "no" ]] || fail "leg_pain saved as '${values[1]}', expected the changed answer no"
[[ "${values[4]}" == "" ]] || fail "both_legs saved as '${values[4]}', expected blank: it no longer applies"
[[ "${values[6]}" == "no" ]] || fail "difficulty_walking saved as '${values[6]}'"
[[ "${values[8]}" == "" ]] || fail "recurrent saved as '${values[8]}', expected blank (skipped)"
echo "ok"
