#!/usr/bin/env bash
# As soon as the answers so far make an emergency, ask stops asking and the emergency banner is
# on the screen at once: red and bold on a colour terminal, a plain banner without colour.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

run_to_saddle_numbness() {
  wait_for "Question 1 of up to 21"
  answer "3" "Question 2 of up to 21"
  answer "n" "Question 3 of up to 21"
  answer "n" "Question 4 of up to 21"
  for n in 4 5 6 7 8; do answer "n" "Question $((n + 1)) of up to 19"; done
  answer "40" "Question 10 of up to 19"
  shows "genitals"                          # saddle_numbness
  type_line "y"
  wait_exit 0
  wait_for "EMERGENCY: SEEK EMERGENCY CARE NOW"
  shows "Possible cauda equina syndrome (E1)"
  shows "The full report is above: scroll up to read it."
  lacks "Question 11"
  lacks "Result:"
  history=$(tmx capture-pane -p -S - -t ask)
  grep -qF "Urgency:        emergency" <<<"$history" || fail "no report before the banner"
  grep -qF "Not asked (stopped at the emergency): bladder_bowel, major_trauma," <<<"$history" ||
    fail "the summary does not say which questions were not asked"
  grep -qE "^  saddle_numbness +yes$" <<<"$history" || fail "the summary lacks the emergency answer"
}

start ask
run_to_saddle_numbness
# Red and bold on a colour terminal. tmux writes attributes only where they change: the banner's
# top line turns on red (31) and bold (1), and nothing turns them off before the EMERGENCY line.
banner=$(screen_with_escapes | grep -B1 -F "EMERGENCY: SEEK" | tail -2)
top=$(head -1 <<<"$banner")
grep -qE $'^(\e\\[[0-9;]*m)*\e\\[([0-9;]*;)?31m' <<<"$top" || fail "the banner is not red: $(cat -v <<<"$banner")"
grep -qE $'\e\\[([0-9;]*;)?1(;[0-9;]*)?m' <<<"$top" || fail "the banner is not bold: $(cat -v <<<"$banner")"
! tail -1 <<<"$banner" | grep -qF $'\e[' || fail "colour is reset on the EMERGENCY line: $(cat -v <<<"$banner")"

start --color never ask
run_to_saddle_numbness
! grep -qF $'\e[' <<<"$(screen_with_escapes)" || fail "escape codes with --color never: $(screen_with_escapes | cat -v | head)"
shows "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
echo "ok"
