#!/usr/bin/env bash
# ask in a terminal, start to end with the default rules: the question counter, skipped
# conditional questions, the closing result line, colour on a terminal, and --save.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

start ask --save answers.csv
wait_for "Question 1 of up to 21"
shows "[number of days, or e.g. 3 weeks] (an answer is needed)"
shows "? = help   b = back   Ctrl-C = quit"
answer "20" "Question 1 answered: 20 days."
shows "Question 2 of up to 21"
shows "[y/n, Enter to skip]"
answer "n" "Question 3 of up to 21"
answer "n" "Question 4 of up to 21"
# No leg symptoms: both_legs and weakness_worsening no longer apply.
answer "n" "Question 5 of up to 19"
answer "n" "Question 6 of up to 19"
answer "n" "Question 7 of up to 19"
answer "" "Question 7 skipped."            # recurrent: optional, skipped
shows "Question 8 of up to 19"
answer "yes" "Question 9 of up to 19"
shows "[whole number, 0 to 120, Enter to skip]"
answer "45" "Question 9 answered: 45."
for n in 10 11 12 13; do answer "n" "Question $((n + 1)) of up to 19"; done
# fever no: infection_risk no longer applies.
answer "N" "Question 15 of up to 18"
answer "no" "Question 16 of up to 18"
answer "false" "Question 17 of up to 18"
answer "0" "Question 18 of 18"
type_line "n"
wait_exit 0
wait_for "Result: start-pt, urgency routine."
shows "  Start physiotherapy (physical therapy). Ask your GP for a referral"   # what to do now
shows "The full report is above: scroll up to read it."
shows "Your answers were saved to answers.csv."
lacks "EMERGENCY"

history=$(tmx capture-pane -p -S - -t ask)
grep -qF "Recommendation: start-pt" <<<"$history" || fail "no report in the scrollback"
grep -qE "^  recurrent +skipped$" <<<"$history" || fail "summary lacks the skipped answer"
grep -qF "Not asked (they do not apply): both_legs, weakness_worsening," <<<"$history" || fail "summary lacks the questions that do not apply"
grep -qF "Safety net" <<<"$history" || fail "no safety net"
# Colour on a terminal: the result is bold.
grep -qF $'\e[1m' <<<"$(screen_with_escapes)" || fail "no colour on a colour terminal"

expected='duration_days,leg_pain,numbness,weakness,both_legs,weakness_worsening,difficulty_walking,prior_injury,recurrent,improving,age,saddle_numbness,bladder_bowel,major_trauma,non_spinal_pain,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,night_pain
20,no,no,no,,,no,no,,yes,45,no,no,no,no,no,,no,no,no,no'
[[ "$(cat "$WORK/answers.csv")" == "$expected" ]] || fail "saved answers differ: $(cat "$WORK/answers.csv")"
[[ -z "$(find "$WORK" -name '.answers.csv.tmp*')" ]] || fail "a temporary file was left behind"
# score accepts the saved file and finds the same result.
"$BINARY" score "$WORK/answers.csv" >"$WORK/scored.csv" || fail "score rejected the saved answers"
[[ "$(sed -n 2p "$WORK/scored.csv" | cut -d, -f2-6)" == "ok,acute,nonspecific,start-pt,routine" ]] ||
  fail "score of the saved answers: $(cat "$WORK/scored.csv")"
echo "ok"
