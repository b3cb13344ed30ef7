#!/usr/bin/env bash
# ask in a terminal, start to end with the default rules: the question counter, skipped
# conditional questions, the closing result line, colour on a terminal, and --save.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

start ask --save answers.csv --id front-desk-1
wait_for "Question 1 of up to 34"
shows "[number of days, or e.g. 3 weeks] (an answer is needed)"
shows "? = help   b = back   Ctrl-C = quit"
answer "20" "Question 1 answered: 20 days."
shows "Question 2 of up to 34"
shows "[y/n, Enter to skip]"
answer "n" "Question 3 of up to 34"
answer "n" "Question 4 of up to 34"
# No leg symptoms: both_legs and weakness_worsening no longer apply.
answer "n" "Question 5 of up to 32"
answer "n" "Question 6 of up to 32"
answer "n" "Question 7 of up to 32"
answer "" "Question 7 skipped."            # recurrent: optional, skipped
shows "Question 8 of up to 32"
answer "yes" "Question 9 of up to 32"
shows "[whole number, 0 to 120] (an answer is needed)"   # age is required in version 2
answer "45" "Question 9 answered: 45."
# 45 with 20 days of pain: the aneurysm, sudden-onset, back-shape and spondyloarthritis
# questions no longer apply.
shows "Question 10 of up to 25"
for n in 10 11 12; do answer "n" "Question $((n + 1)) of up to 25"; done
# No fall or injury: the serious-accident question no longer applies.
answer "N" "Question 14 of up to 24"
answer "no" "Question 15 of up to 24"
# Not pregnant: the pregnancy warning question no longer applies.
answer "false" "Question 16 of up to 23"
answer "0" "Question 17 of up to 23"
for n in 17 18 19 20 21; do answer "n" "Question $((n + 1)) of up to 23"; done
answer "n" "Question 23 of 23"
type_line "n"
wait_exit 0
wait_for "Result: Look after your back yourself. How soon: Not urgent (a booked appointment if you need one)."
shows "  Most back pain like yours gets better by itself within a few weeks."   # what to do now
shows "The full report is above: scroll up to read it."
shows "Your answers were saved to answers.csv."
lacks "EMERGENCY"

history=$(recording)
grep -qxF "What to do:     Look after your back yourself" <<<"$history" || fail "no report in the scrollback"
grep -qxF "  - earlier bouts of back pain like this one: skipped" <<<"$history" || fail "summary lacks the skipped answer"
grep -qxF "  11 questions were not asked (they do not apply)." <<<"$history" || fail "summary lacks the questions that do not apply"
grep -qxF "Keeping safe" <<<"$history" || fail "no safety net"
# Colour on a terminal: the result is bold.
grep -qF $'\e[1m' <<<"$(screen_with_escapes)" || fail "no colour on a colour terminal"

# The saved row: the id given, the answers, and the time of the triage (UTC).
header='duration_days,leg_pain,numbness,weakness,both_legs,weakness_worsening,difficulty_walking,prior_injury,recurrent,improving,age,saddle_numbness,bladder_bowel,sexual_dysfunction,fall_or_injury,major_trauma,non_spinal_pain,known_aneurysm,sudden_severe,pregnant,pregnancy_warning,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,deformity,night_pain,thoracic_pain,loin_pain,spa_night_waking,spa_better_moving,spa_nsaid_response,spa_linked_condition'
row='20,no,no,no,,,no,no,,yes,45,no,no,no,no,,no,,,no,,no,no,no,no,no,,no,no,no,,,,'
[[ "$(head -1 "$WORK/answers.csv")" == "id,$header,triage_time" ]] || fail "saved header: $(head -1 "$WORK/answers.csv")"
saved=$(sed -n 2p "$WORK/answers.csv")
[[ $saved =~ ^front-desk-1,(.*),([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)$ && ${BASH_REMATCH[1]} == "$row" ]] ||
  fail "saved answers differ: $saved"
[[ $(wc -l <"$WORK/answers.csv") == 2 ]] || fail "the saved file is not a header and one row"
[[ -z "$(find "$WORK" -name '.answers.csv.tmp*')" ]] || fail "a temporary file was left behind"
# score accepts the saved file and finds the same result.
"$BINARY" score "$WORK/answers.csv" >"$WORK/scored.csv" || fail "score rejected the saved answers"
[[ "$(sed -n 2p "$WORK/scored.csv" | cut -d, -f1-6)" == "front-desk-1,ok,acute,nonspecific,self-manage,routine" ]] ||
  fail "score of the saved answers: $(cat "$WORK/scored.csv")"
echo "ok"
