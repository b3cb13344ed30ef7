#!/usr/bin/env bash
# As soon as the answers so far make an emergency, ask stops asking and the emergency banner is
# on the screen at once: red and bold on a colour terminal, a plain banner without colour. The
# questions not reached are "not asked", never "left blank".
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

run_to_saddle_numbness() {
  wait_for "Question 1 of up to 34"
  answer "3" "Question 2 of up to 34"
  answer "n" "Question 3 of up to 34"
  answer "n" "Question 4 of up to 34"
  for n in 4 5 6 7 8; do answer "n" "Question $((n + 1)) of up to 32"; done
  answer "38" "Question 10 of up to 25"
  shows "genitals"                          # saddle_numbness
  type_line "y"
  wait_exit 0
  wait_for "EMERGENCY: GET EMERGENCY HELP NOW"
  shows "!!  Possible pressure on the nerves at the bottom of the spine (cauda equina"
  shows "The full report is above: scroll up to read it."
  lacks "Question 11"
  lacks "Result:"
  history=$(recording)
  ! grep -qE "left blank|Not answered|Unanswered" <<<"$history" || fail "questions not reached read as left blank"
}
patient_report() {
  grep -qxF "How soon:       Now: this is an emergency" <<<"$history" || fail "no report before the banner"
  grep -qxF "Not asked:      15 questions (stopped at the emergency)" <<<"$history" ||
    fail "the report does not say how many questions were not asked"
  grep -qxF "  - numbness or tingling around the genitals or bottom: yes" <<<"$history" ||
    fail "the summary lacks the emergency answer"
}

start ask
run_to_saddle_numbness
patient_report
# Red and bold on a colour terminal. tmux writes attributes only where they change: the banner's
# top line turns on red (31) and bold (1), and nothing turns them off before the EMERGENCY line.
banner=$(screen_with_escapes | grep -B1 -F "EMERGENCY: GET" | tail -2)
top=$(head -1 <<<"$banner")
grep -qE $'^(\e\\[[0-9;]*m)*\e\\[([0-9;]*;)?31m' <<<"$top" || fail "the banner is not red: $(cat -v <<<"$banner")"
grep -qE $'\e\\[([0-9;]*;)?1(;[0-9;]*)?m' <<<"$top" || fail "the banner is not bold: $(cat -v <<<"$banner")"
! tail -1 <<<"$banner" | grep -qF $'\e[' || fail "colour is reset on the EMERGENCY line: $(cat -v <<<"$banner")"

start --color never ask
run_to_saddle_numbness
patient_report
! grep -qF $'\e[' <<<"$(screen_with_escapes)" || fail "escape codes with --color never: $(screen_with_escapes | cat -v | head)"
shows "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"

# The clinician view names the rule and the questions not reached.
start ask --view clinician
run_to_saddle_numbness
grep -qxF "Urgency:        emergency" <<<"$history" || fail "no clinician report before the banner"
grep -qF "syndrome) (E1)" <<<"$history" || fail "the clinician banner does not name the rule"
grep -qxF "Not asked:      bladder_bowel, sexual_dysfunction, fall_or_injury," <<<"$history" ||
  fail "the clinician report does not list the questions not asked"
echo "ok"
