#!/usr/bin/env bash
# On a terminal, a report longer than the screen goes through the pager ($PAGER, else less -R),
# and after it closes the closing lines are on the screen, the emergency banner last of all.
# --no-pager, or PAGER=cat, prints it straight; a report that fits is never paged.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1
command -v less >/dev/null || { echo "SKIP: less is not installed"; exit 77; }

to_emergency() {  # duration, leg pain, numbness, weakness, both legs: an emergency stop
  wait_for "Question 1 of up to 34"
  answers_from 1 10 yes no no yes
}

# The default pager, less -R: its prompt shows, q closes it, the banner is last on the screen.
ASK_PAGER="" start ask
to_emergency
wait_for "EMERGENCY: GET EMERGENCY HELP NOW"
screen | tail -1 | grep -q '^:' || fail "no pager prompt at the bottom of the screen: $(screen | tail -3)"
[[ ! -f "$WORK/exit" ]] || fail "ask ended while the pager was showing the report"
press q
wait_exit 0
wait_for "The full report was shown in the pager."
last=$(screen | sed '/^ *$/d' | tail -1)
[[ $last == '!!!!!!!!'* ]] || fail "the emergency banner is not the last thing on the screen: [$last]"
shows "EMERGENCY: GET EMERGENCY HELP NOW"

# $PAGER is the pager: here a script that records what it was given.
printf '#!/bin/sh\ncat > "%s/paged.txt"\n' "$WORK" >"$WORK/pager.sh"
chmod +x "$WORK/pager.sh"
ASK_PAGER="$WORK/pager.sh" start ask
to_emergency
wait_exit 0
# In colour, as stdout is a terminal: less -R shows it.
paged=$(sed 's/\x1b\[[0-9;]*m//g' "$WORK/paged.txt")
grep -qxF "How soon:       Now: this is an emergency" <<<"$paged" || fail "the pager did not get the report"
grep -qxF "Your answers" <<<"$paged" || fail "the pager did not get the answers summary"
grep -qF $'\e[' "$WORK/paged.txt" || fail "the pager got the report without colour"
wait_for "The full report was shown in the pager."

# --no-pager: straight to the terminal.
ASK_PAGER="$WORK/pager.sh" start ask --no-pager
rm -f "$WORK/paged.txt"
to_emergency
wait_exit 0
wait_for "The full report is above: scroll up to read it."
[[ ! -e "$WORK/paged.txt" ]] || fail "--no-pager used the pager"

# A pager that cannot run: the report is printed instead.
ASK_PAGER="/nonexistent/pager" start ask
to_emergency
wait_exit 0
wait_for "The full report is above: scroll up to read it."
grep -qxF "How soon:       Now: this is an emergency" <<<"$(recording)" || fail "no report without a working pager"

# A screen tall enough for the whole report: no pager.
ASK_PAGER="$WORK/pager.sh" start ask
tmx resize-window -t ask -x 100 -y 200
sleep 0.5  # tmux resizes the pane's terminal asynchronously
to_emergency
wait_exit 0
[[ ! -e "$WORK/paged.txt" ]] || fail "a report that fits the screen was paged"
echo "ok"
