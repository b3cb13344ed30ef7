#!/bin/bash
# eval with name=value answers: the text report (recommendation and urgency first, the
# emergency banner before everything in an emergency, no escape codes unless asked), and the
# exit codes 0, 64, 65, 78.
# Usage: bash eval_text.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"

# Every yes/no answer no, age 40: then the given ones.
base=(duration_days=5 leg_pain=no numbness=no weakness=no both_legs=no weakness_worsening=no difficulty_walking=no
      prior_injury=no recurrent=no improving=no age=40 saddle_numbness=no bladder_bowel=no sexual_dysfunction=no
      fall_or_injury=no major_trauma=no non_spinal_pain=no known_aneurysm=no sudden_severe=no pregnant=no
      pregnancy_warning=no fever=no infection_risk=no cancer_history=no weight_loss=no osteoporosis_steroids=no
      deformity=no night_pain=no thoracic_pain=no loin_pain=no spa_night_waking=no spa_better_moving=no
      spa_nsaid_response=no spa_linked_condition=no)
with() {  # with NAME=VALUE...: base answers with these replaced
  local out=() a b keep
  for a in "${base[@]}"; do
    keep=1
    for b in "$@"; do [ "${a%%=*}" = "${b%%=*}" ] && keep=0; done
    [ $keep = 1 ] && out+=("$a")
  done
  printf '%s\n' "${out[@]}" "$@"
}

# W1: self-management.
mapfile -t args < <(with)
"$bin" eval "${args[@]}" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of a good case" 0 "$?"
expect_eq "stderr of a good case" "" "$(cat "$tmp/err")"
expect_eq "head of the report" "Recommendation: self-manage
Urgency:        routine
Duration:       acute
Category:       nonspecific
Red flags:      none" "$(head -n 5 "$tmp/out")"
grep -q '^Why$' "$tmp/out" || fail "no Why section"
grep -q '^  duration_class  acute           D1$' "$tmp/out" || fail "Why does not name D1"
grep -q '^  D1  New back pain' "$tmp/out" || fail "D1 not listed with its title"
grep -q '^      source: ' "$tmp/out" || fail "no source"
grep -q '^Safety net$' "$tmp/out" || fail "no safety net"
grep -q 'A triage aid, not a diagnosis\.$' "$tmp/out" || fail "no footer"
grep -q $'\x1b' "$tmp/out" && fail "escape codes without a terminal"

# W8: an emergency opens with the banner; red flags listed.
mapfile -t args < <(with duration_days=3 saddle_numbness=yes)
"$bin" eval "${args[@]}" >"$tmp/out" 2>/dev/null
expect_eq "exit code of an emergency" 0 "$?"
expect_eq "banner" "$(printf '!%.0s' $(seq 72))
!!  EMERGENCY: GET EMERGENCY HELP NOW
!!  Possible pressure on the nerves at the bottom of the spine (cauda equina
    syndrome) (E1)" "$(head -n 4 "$tmp/out")"
grep -q '^Recommendation: see-specialist$' "$tmp/out" || fail "emergency recommendation"
grep -q '^Urgency:        emergency$' "$tmp/out" || fail "emergency urgency"
grep -q '^Red flags:      saddle_numbness$' "$tmp/out" || fail "emergency red flags"
first_rec=$(grep -n '^Recommendation:' "$tmp/out" | cut -d: -f1)
first_why=$(grep -n '^Why$' "$tmp/out" | cut -d: -f1)
[ "$first_rec" -lt "$first_why" ] || fail "recommendation after why"
grep -q 'region uk' "$tmp/out" || fail "the footer does not name the region"
grep -q '999' "$tmp/out" || fail "a UK emergency does not say 999"
grep -q '911' "$tmp/out" && fail "a UK report says 911"

# The patient view of the same case: plain words, no question or rule ids, no sources.
"$bin" eval "${args[@]}" --view patient >"$tmp/patient" 2>/dev/null
expect_eq "exit code of --view patient" 0 "$?"
grep -q '^What to do:     See a doctor$' "$tmp/patient" || fail "patient view: what to do"
grep -q '^How soon:       Now: this is an emergency$' "$tmp/patient" || fail "patient view: how soon"
grep -q '^  - numbness or tingling around the genitals or bottom$' "$tmp/patient" || fail "patient view: warning sign label"
grep -qE '\b[DCEURP][0-9]+\b' "$tmp/patient" && fail "patient view shows a rule id: $(grep -oE '\b[DCEURP][0-9]+\b' "$tmp/patient" | head -1)"
grep -qE '[a-z]+_[a-z_]+' "$tmp/patient" && fail "patient view shows a question id: $(grep -oE '[a-z]+_[a-z_]+' "$tmp/patient" | head -1)"
grep -q 'source:' "$tmp/patient" && fail "patient view shows sources"
grep -qiE 'physio|keep moving|stay active|\b2 weeks' "$tmp/patient" && fail "an emergency report speaks of physiotherapy or waiting"
"$bin" eval "${args[@]}" --view doctor >/dev/null 2>&1
expect_eq "exit code of --view doctor" 64 "$?"

# --region us (or BACKTRIAGE_REGION=us): US terms, never 999, A&E or NHS.
for how in flag env; do
  if [ $how = flag ]; then "$bin" eval "${args[@]}" --region us >"$tmp/us" 2>/dev/null
  else BACKTRIAGE_REGION=us "$bin" eval "${args[@]}" >"$tmp/us" 2>/dev/null; fi
  expect_eq "exit code of region us ($how)" 0 "$?"
  grep -qE '999|A&E|NHS' "$tmp/us" && fail "a US report ($how) says $(grep -oE '999|A&E|NHS' "$tmp/us" | head -1)"
  grep -q '911' "$tmp/us" || fail "a US emergency ($how) does not say 911"
  grep -q 'region us' "$tmp/us" || fail "the US footer ($how) does not name the region"
done
"$bin" eval "${args[@]}" --region fr >/dev/null 2>"$tmp/err"
expect_eq "exit code of an unknown region" 64 "$?"
expect_eq "stderr of an unknown region" "backtriage: error: unknown region 'fr': this rule set has uk, us" "$(cat "$tmp/err")"

# Colour only when asked (or on a terminal without NO_COLOR).
"$bin" --color always eval "${args[@]}" >"$tmp/colour" 2>/dev/null
grep -q $'\x1b\\[' "$tmp/colour" || fail "--color always has no escape codes"
"$bin" --color never eval "${args[@]}" >"$tmp/never" 2>/dev/null
grep -q $'\x1b' "$tmp/never" && fail "--color never has escape codes"
env -u NO_COLOR "$bin" eval "${args[@]}" >"$tmp/auto" 2>/dev/null
grep -q $'\x1b' "$tmp/auto" && fail "--color auto into a file has escape codes"

# Answers in other spellings: fever with infection risk blank is urgent, and the closing advice
# says a clinician today, never physiotherapy.
mapfile -t args < <(with duration_days=4 fever=Y infection_risk= numbness=FALSE)
"$bin" eval "${args[@]}" >"$tmp/out" 2>/dev/null
expect_eq "exit code of fever" 0 "$?"
"$bin" eval "${args[@]}" --view patient >"$tmp/patient" 2>/dev/null
expect_eq "fever" "Recommendation: see-specialist
Urgency:        urgent
Duration:       acute
Category:       other
Red flags:      fever
Unanswered:     infection_risk" "$(head -n 6 "$tmp/out")"
grep -qiE 'physio|keep moving|stay active|\b2 weeks' "$tmp/patient" && fail "an urgent report speaks of physiotherapy or waiting"

# U6: an emergency question left blank says a clinician must complete the screen today.
mapfile -t args < <(with duration_days=10 leg_pain=yes sexual_dysfunction=)
"$bin" eval "${args[@]}" --view patient >"$tmp/out" 2>/dev/null
grep -q '^How soon:       Today$' "$tmp/out" || fail "U6 is not urgent"
tr '\n' ' ' <"$tmp/out" | tr -s ' ' | grep -q 'important safety questions were left blank' ||
  fail "U6 does not say the safety questions were left blank"
grep -qiE 'physio|keep moving|stay active|\b2 weeks' "$tmp/out" && fail "U6 speaks of physiotherapy or waiting"

# Names ignore case; values with units.
"$bin" eval DURATION_DAYS="3 weeks" Numbness=no weakness=no difficulty_walking=no prior_injury=no Age=30 >"$tmp/out" 2>/dev/null
expect_eq "exit code with names in capitals" 0 "$?"
grep -q '^Duration:       acute$' "$tmp/out" || fail "3 weeks is acute"

# 65: invalid answers, every problem on stderr; nothing on stdout.
mapfile -t args < <(with numbness=maybe)
"$bin" eval "${args[@]}" numbess=yes >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of invalid answers" 65 "$?"
expect_eq "stdout of invalid answers" "" "$(cat "$tmp/out")"
expect_eq "stderr of invalid answers" "backtriage: error: numbness: expected yes or no (y, n, true, false, 1, 0), got 'maybe'
backtriage: error: unknown question 'numbess' (did you mean 'numbness'?)" "$(cat "$tmp/err")"
"$bin" eval duration_days=5 >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of a missing required answer" 65 "$?"
# Every blank required answer is named at once, so that the form is fixed in one go.
expect_eq "stderr of missing required answers" "backtriage: error: required questions 'numbness', 'weakness', 'difficulty_walking', 'prior_injury' and 'age' are not answered" "$(cat "$tmp/err")"
"$bin" eval duration_days=5 numbness=no weakness=no difficulty_walking=no prior_injury=no >"$tmp/out" 2>"$tmp/err"
expect_eq "stderr of one missing required answer" "backtriage: error: required question 'age' is not answered" "$(cat "$tmp/err")"
"$bin" eval >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code with no answers" 65 "$?"
expect_eq "stderr with no answers" "backtriage: error: required questions 'duration_days', 'numbness', 'weakness', 'difficulty_walking', 'prior_injury' and 'age' are not answered" "$(cat "$tmp/err")"
# Input that reaches the terminal in an error is escaped: no escape sequence gets through.
"$bin" eval "$(printf 'num\033[2Jbness')=yes" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of an escape sequence in a name" 65 "$?"
expect_eq "stderr of an escape sequence in a name" "backtriage: error: unknown question 'num\e[2Jbness' (did you mean 'numbness'?)
backtriage: error: required questions 'duration_days', 'numbness', 'weakness', 'difficulty_walking', 'prior_injury' and 'age' are not answered" "$(cat "$tmp/err")"
"$bin" eval "numbness=$(printf '\033]0;pwned\007\302\233')" >"$tmp/out" 2>"$tmp/err"
expect_eq "stderr of control characters in a value" "backtriage: error: numbness: expected yes or no (y, n, true, false, 1, 0), got '\e]0;pwned\x07\u{9b}'
backtriage: error: required questions 'duration_days', 'weakness', 'difficulty_walking', 'prior_injury' and 'age' are not answered" "$(cat "$tmp/err")"
mapfile -t args < <(with duration_days=-3)
"$bin" eval "${args[@]}" >/dev/null 2>"$tmp/err"
expect_eq "exit code of a negative duration" 65 "$?"
expect_eq "stderr of a negative duration" "backtriage: error: duration_days: a duration cannot be negative, got '-3'" "$(cat "$tmp/err")"
mapfile -t args < <(with numbness=yes numbness=no)
"$bin" eval "${args[@]}" >/dev/null 2>"$tmp/err"
expect_eq "exit code of an answer given twice" 65 "$?"
expect_eq "stderr of an answer given twice" "backtriage: error: question 'numbness' is answered twice" "$(cat "$tmp/err")"

# 64: not name=value, both forms, bad --format.
"$bin" eval duration_days=5 numbness >/dev/null 2>"$tmp/err"
expect_eq "exit code of an answer without '='" 64 "$?"
expect_eq "stderr of an answer without '='" "backtriage: error: expected an answer as name=value, got 'numbness'" "$(cat "$tmp/err")"
"$bin" eval =5 >/dev/null 2>&1
expect_eq "exit code of '=5'" 64 "$?"
echo '{}' >"$tmp/case.json"
"$bin" eval duration_days=5 --json "$tmp/case.json" >/dev/null 2>"$tmp/err"
expect_eq "exit code of answers and --json" 64 "$?"
expect_eq "stderr of answers and --json" "backtriage: error: give the answers as name=value arguments or with --json, not both" "$(cat "$tmp/err")"
"$bin" eval --format yaml duration_days=5 >/dev/null 2>&1
expect_eq "exit code of --format yaml" 64 "$?"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
