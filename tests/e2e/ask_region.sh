#!/usr/bin/env bash
# Regions: --region us (or BACKTRIAGE_REGION=us) swaps the words that differ between countries
# in everything ask shows, prompts included: a US session never says 999, A&E or NHS, and says
# 911 for an emergency; the default (uk) never says 911. Checked in the patient view, the
# default: the clinician view also prints sources, citations that are never localised (e.g.
# "NHS England").
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1
cd "$WORK"

EMERGENCY='3\nn\nn\nn\nn\nn\nn\nn\n38\ny\n'    # W8: saddle numbness at question 10
ROUTINE='20\nn\nn\nn\nn\nn\nn\nn\n30\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\n'   # W4

# piped NAME ANSWERS ARGS...: the whole session (prompts and report) in NAME.txt.
piped() {
  local name=$1 answers=$2
  shift 2
  printf "$answers" | NO_COLOR=1 "$BINARY" "$@" >"$name.out" 2>"$name.err" || fail "$name: ask exited $?: $(cat "$name.err")"
  cat "$name.err" "$name.out" >"$name.txt"
}
us_words() {   # FILE NAME: no UK term, and 911
  ! grep -nE '999|A&E|NHS' "$1" || fail "$2: UK terms in a US session"
  grep -qF "911" "$1" || fail "$2: no 911 in a US session"
  grep -qF "backtriage default rules 2027.1, region us (" "$1" || fail "$2: the footer does not name the region"
}
uk_words() {   # FILE NAME: no 911, and 999
  ! grep -nF '911' "$1" || fail "$2: 911 in a UK session"
  grep -qF "999" "$1" || fail "$2: no 999 in a UK session"
  grep -qF "backtriage default rules 2027.1, region uk (" "$1" || fail "$2: the footer does not name the region"
}

piped us-emergency "$EMERGENCY" ask --region us
us_words us-emergency.txt us-emergency
grep -qF "How soon:       Now: this is an emergency" us-emergency.out || fail "us-emergency: not an emergency"
grep -qF "Go to the emergency room (ER) now, or call 911." <(tr '\n' ' ' <us-emergency.out | tr -s ' ') ||
  fail "us-emergency: the emergency advice does not name the US service: $(cat us-emergency.out)"

piped us-routine "$ROUTINE" ask --region us
us_words us-routine.txt us-routine
grep -qx "What to do:     Start physical therapy" us-routine.out || fail "us-routine: $(cat us-routine.out)"
grep -qF "have you had a fever (a temperature of 100.4°F or higher)" us-routine.err || fail "us-routine: the fever prompt is not in °F"
! grep -qF "°C" us-routine.txt || fail "us-routine: °C in a US session"

# The environment variable, and the option before the command, do the same.
BACKTRIAGE_REGION=us piped us-env "$EMERGENCY" ask
diff us-emergency.txt us-env.txt >&2 || fail "BACKTRIAGE_REGION=us differs from --region us"
piped us-global "$EMERGENCY" --region us ask
diff us-emergency.txt us-global.txt >&2 || fail "backtriage --region us ask differs from ask --region us"

# The default region is uk; --region uk overrides the environment.
piped uk-emergency "$EMERGENCY" ask
uk_words uk-emergency.txt uk-emergency
grep -qF "A&E" uk-emergency.out || fail "uk-emergency: no A&E"
piped uk-routine "$ROUTINE" ask
uk_words uk-routine.txt uk-routine
grep -qx "What to do:     Start physiotherapy" uk-routine.out || fail "uk-routine: $(cat uk-routine.out)"
BACKTRIAGE_REGION=us piped uk-override "$EMERGENCY" ask --region uk
diff uk-emergency.txt uk-override.txt >&2 || fail "--region uk does not override BACKTRIAGE_REGION=us"
# The outcome is the same in both regions.
diff <(grep -E '^(How long|Type of pain|Not asked):' uk-emergency.out) <(grep -E '^(How long|Type of pain|Not asked):' us-emergency.out) >&2 ||
  fail "the region changed the outcome"

# An unknown region is a usage error before any question.
code=0; printf "$EMERGENCY" | "$BINARY" ask --region fr >fr.out 2>fr.err || code=$?
[[ $code == 64 ]] || fail "exit $code for an unknown region, expected 64"
grep -qxF "backtriage: error: unknown region 'fr': this rule set has uk, us" fr.err || fail "$(cat fr.err)"
! grep -q "^Question" fr.err || fail "questions asked with an unknown region"

# In a terminal, with the region from the environment: the closing banner says 911.
export BACKTRIAGE_REGION=us
start ask
wait_for "Question 1 of up to 34"
answers_from 1 3 n n n n n n n 38 y
wait_exit 0
wait_for "The full report is above: scroll up to read it."
shows "!!  EMERGENCY: GET EMERGENCY HELP NOW"
shows "room (ER) now, or call 911."
recording >pty.txt
grep -qF "Question 1 of up to 34" pty.txt || fail "pty: the recording lacks the first question"
us_words pty.txt pty
no_ids pty.txt
echo "ok"
