#!/bin/bash
# BACKTRIAGE_RULES names a rule directory for score and eval; --rules overrides it; a bad one
# is exit 78; without either the built-in rule set is used, from any working directory.
# Usage: bash score_rules_env.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"

# A clinic's copy of the default rules with P1 at 10 days instead of 14.
mkdir "$tmp/clinic" "$tmp/broken" "$tmp/elsewhere"
cp "$src"/rules/*.yaml "$tmp/clinic/"
sed -i 's/when: duration_days >= 14$/when: duration_days >= 10/' "$tmp/clinic/70-physiotherapy.yaml"
grep -q 'when: duration_days >= 10$' "$tmp/clinic/70-physiotherapy.yaml" || fail "could not edit P1"
echo "rules: [" >"$tmp/broken/00.yaml"

header="id,duration_days,numbness,weakness,difficulty_walking,prior_injury,leg_pain,recurrent,improving,age,saddle_numbness,bladder_bowel,major_trauma,non_spinal_pain,fever,cancer_history,weight_loss,osteoporosis_steroids,night_pain"
printf '%s\n%s\n' "$header" "a,12,no,no,no,no,no,no,no,40,no,no,no,no,no,no,no,no,no" >"$tmp/in.csv"
builtin_row="a,ok,acute,nonspecific,self-manage,routine,,,D1,"
clinic_row="a,ok,acute,nonspecific,start-pt,routine,,,D1;P1,"

cd "$tmp/elsewhere" || exit 1
expect_eq "built in, from another directory" "$builtin_row" "$("$bin" score "$tmp/in.csv" | tail -n 1)"
expect_eq "BACKTRIAGE_RULES" "$clinic_row" "$(BACKTRIAGE_RULES="$tmp/clinic" "$bin" score "$tmp/in.csv" | tail -n 1)"
expect_eq "--rules" "$clinic_row" "$("$bin" --rules "$tmp/clinic" score "$tmp/in.csv" | tail -n 1)"
expect_eq "--rules overrides BACKTRIAGE_RULES" "$clinic_row" \
  "$(BACKTRIAGE_RULES="$tmp/broken" "$bin" score --rules "$tmp/clinic" "$tmp/in.csv" | tail -n 1)"
expect_eq "an empty BACKTRIAGE_RULES is the built-in set" "$builtin_row" \
  "$(BACKTRIAGE_RULES= "$bin" score "$tmp/in.csv" | tail -n 1)"

BACKTRIAGE_RULES="$tmp/broken" "$bin" score "$tmp/in.csv" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of a broken BACKTRIAGE_RULES" 78 "$?"
expect_eq "stdout of a broken BACKTRIAGE_RULES" "" "$(cat "$tmp/out")"
grep -qF "$tmp/broken/00.yaml:2:1: error: " "$tmp/err" || fail "no located diagnostic: $(cat "$tmp/err")"
grep -qF "rule directory '$tmp/broken' is invalid" "$tmp/err" || fail "the rule set is not named: $(cat "$tmp/err")"

# eval reads the same variable.
answers=(duration_days=12 numbness=no weakness=no difficulty_walking=no prior_injury=no leg_pain=no recurrent=no
         improving=no age=40 saddle_numbness=no bladder_bowel=no major_trauma=no non_spinal_pain=no fever=no
         cancer_history=no weight_loss=no osteoporosis_steroids=no night_pain=no)
expect_eq "eval built in" "Recommendation: self-manage" "$("$bin" eval "${answers[@]}" | head -n 1)"
expect_eq "eval BACKTRIAGE_RULES" "Recommendation: start-pt" \
  "$(BACKTRIAGE_RULES="$tmp/clinic" "$bin" eval "${answers[@]}" | head -n 1)"
BACKTRIAGE_RULES="$tmp/broken" "$bin" eval "${answers[@]}" >/dev/null 2>&1
expect_eq "eval with a broken BACKTRIAGE_RULES" 78 "$?"

# The JSON result names the rule set in use by hash, which differs between the two.
if command -v python3 >/dev/null; then
  h1=$("$bin" eval "${answers[@]}" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["ruleset"]["hash"])')
  h2=$(BACKTRIAGE_RULES="$tmp/clinic" "$bin" eval "${answers[@]}" --format json |
       python3 -c 'import json,sys; print(json.load(sys.stdin)["ruleset"]["hash"])')
  [ ${#h1} -eq 12 ] || fail "hash: $h1"
  [ "$h1" != "$h2" ] || fail "an edited rule set has the same hash"
  # An identical copy of the built-in rules has the built-in hash (paths do not count).
  mkdir "$tmp/copy"
  cp "$src"/rules/*.yaml "$tmp/copy/"
  h3=$(BACKTRIAGE_RULES="$tmp/copy" "$bin" eval "${answers[@]}" --format json |
       python3 -c 'import json,sys; print(json.load(sys.stdin)["ruleset"]["hash"])')
  expect_eq "hash of a copy of the built-in rules" "$h1" "$h3"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
