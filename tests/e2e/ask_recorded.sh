#!/usr/bin/env bash
# Whole `ask` sessions recorded in a terminal (the scrollback from the first question to the end
# of the report, and the closing screen) in the default patient view: a person never sees a
# question id or a rule id, and sees the result in plain words. Three sessions: a plain case
# (physiotherapy), an emergency question left blank (a doctor today), and an emergency stop.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

# record NAME: saves the recording of the session that just ended as $WORK/NAME.txt and checks
# that it is the whole session, then that it names no id.
record() {
  recording >"$WORK/$1.txt"
  [[ "$(grep -m1 '^Question ' "$WORK/$1.txt")" == "Question 1 of up to 34" ]] ||
    fail "$1: the recording does not start at the first question: $(head -5 "$WORK/$1.txt")"
  grep -qF "backtriage default rules 2027.1, region uk (" "$WORK/$1.txt" || fail "$1: the recording lacks the report's footer"
  no_ids "$WORK/$1.txt"
}
has() { grep -qF -- "$2" "$WORK/$1.txt" || fail "$1: the recording lacks: $2"; }
hasnt() { ! grep -qF -- "$2" "$WORK/$1.txt" || fail "$1: the recording has: $(grep -nF -- "$2" "$WORK/$1.txt" | head -3)"; }
# The last line on the screen that is not blank.
last_line() { screen | sed '/^ *$/d' | tail -1; }

# (a) W4 of rules/90-tests.yaml: 20 days, 30, every question asked answered no.
start ask
wait_for "Question 1 of up to 34"
answers_from 1 20 n n n n n n n 30 n n n n n n n n n n n n n n
wait_exit 0
wait_for "The full report is above: scroll up to read it."
record plain
has plain "Question 23 of 23"
[[ $(grep -oE '^Question [0-9]+ of' "$WORK/plain.txt" | sort -u | wc -l) == 23 ]] ||
  fail "plain: the recording does not hold the 23 question screens"
has plain "What to do:     Start physiotherapy"
has plain "How soon:       Not urgent (a booked appointment if you need one)"
has plain "How long:       New back pain (less than 4 weeks)"
has plain "Type of pain:   Common back pain, with no sign of a special cause"
has plain "Warning signs:  none"
has plain "  - Pain not clearly getting better after 2 weeks"    # Why: the rule's title
has plain "Keeping safe"
has plain "  The next step is physiotherapy"
has plain "  - pain clearly getting better: no"                  # the summary names labels
has plain "11 questions were not asked (they do not apply)."
hasnt plain "EMERGENCY"
hasnt plain "left blank"
hasnt plain "Not answered"
shows "Result: Start physiotherapy. How soon: Not urgent (a booked appointment if you need one)."
[[ "$(last_line)" == "The full report is above: scroll up to read it." ]] || fail "plain: last line on screen: $(last_line)"

# (b) An emergency question left blank: the sexual function question skipped (52, improving,
# everything else no) needs a doctor today, and the safety net says why.
start ask
wait_for "Question 1 of up to 34"
answers_from 1 5 n n n n n n y 52 n n "" n n n n n n n n n n n
wait_exit 0
wait_for "The full report is above: scroll up to read it."
record blank
[[ $(grep -oE '^Question [0-9]+ of' "$WORK/blank.txt" | sort -u | wc -l) == 23 ]] ||
  fail "blank: the recording does not hold the 23 question screens"
has blank "Question 12 skipped."
has blank "  - new problems with sex: skipped"
has blank "What to do:     See a doctor"
has blank "How soon:       Today"
grep -A1 -x "Not answered:" "$WORK/blank.txt" | grep -qx "  - new problems with sex" ||
  fail "blank: the report does not list the blank question by its label"
has blank "  - Important safety questions left blank"           # Why: U6's title
has blank "  Some of the most important safety questions were left blank, so this check"
hasnt blank "EMERGENCY"
hasnt blank "stopped at the emergency"
shows "Result: See a doctor. How soon: Today."
shows "  Some of the most important safety questions were left blank, so this check"
[[ "$(last_line)" == "The full report is above: scroll up to read it." ]] || fail "blank: last line on screen: $(last_line)"

# (c) An emergency stop: W8 of rules/90-tests.yaml, saddle numbness at question 10. The 15
# questions that would still apply are not asked and never read as left blank.
start ask
wait_for "Question 1 of up to 34"
answers_from 1 3 n n n n n n n 38 y
wait_exit 0
wait_for "The full report is above: scroll up to read it."
record stop
has stop "Question 10 of up to 25"
hasnt stop "Question 11"
has stop "  - numbness or tingling around the genitals or bottom: yes"
has stop "!!  EMERGENCY: GET EMERGENCY HELP NOW"
has stop "!!  Possible pressure on the nerves at the bottom of the spine (cauda equina"
has stop "What to do:     See a doctor"
has stop "How soon:       Now: this is an emergency"
has stop "Not asked:      15 questions (stopped at the emergency)"
has stop "  15 questions were not asked (stopped at the emergency)."
has stop "Get emergency help now, as the advice above says."
hasnt stop "left blank"
hasnt stop "Not answered"
hasnt stop "Result:"
# The emergency banner is the last thing on the screen: after the pointer to the report, the
# banner's EMERGENCY line, and nothing after the banner's closing rule.
after=$(screen | sed -n '/^The full report is above: scroll up to read it\.$/,$p' | sed '/^ *$/d')
[[ "$(sed -n 2p <<<"$after")" == "$(printf '!%.0s' {1..72})" && "$(sed -n 3p <<<"$after")" == "!!  EMERGENCY: GET EMERGENCY HELP NOW" ]] ||
  fail "stop: the closing screen does not show the banner after the report: $after"
[[ "$(last_line)" == "$(printf '!%.0s' {1..72})" ]] || fail "stop: the banner is not the last thing on screen: $(last_line)"
[[ $(grep -c "EMERGENCY: GET EMERGENCY HELP NOW" <<<"$after") == 1 ]] || fail "stop: the banner is not shown once at the end"
echo "ok"
