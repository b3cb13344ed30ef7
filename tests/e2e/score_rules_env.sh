#!/bin/bash
# BACKTRIAGE_RULES names a rule directory for score and eval; --rules overrides it; a bad one
# is exit 78; without either the built-in rule set is used, from any working directory.
# BACKTRIAGE_REGION picks the region the same way (--region overrides it; empty is the rule
# set's own), with or without BACKTRIAGE_RULES.
# Usage: bash score_rules_env.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"

# A clinic's copy of the default rules with P1 at 10 days instead of 2 weeks.
mkdir "$tmp/clinic" "$tmp/broken" "$tmp/elsewhere"
cp "$src"/rules/*.yaml "$tmp/clinic/"
sed -i 's/when: duration_days >= 2 weeks and not improving$/when: duration_days >= 10 days and not improving/' \
  "$tmp/clinic/70-physiotherapy.yaml"
grep -q 'when: duration_days >= 10 days and not improving$' "$tmp/clinic/70-physiotherapy.yaml" || fail "could not edit P1"
echo "rules: [" >"$tmp/broken/00.yaml"

# Every question has a column: 12 days, age 40, every other answer no.
questions="duration_days,leg_pain,numbness,weakness,both_legs,weakness_worsening,difficulty_walking,prior_injury,recurrent,improving,age,saddle_numbness,bladder_bowel,sexual_dysfunction,fall_or_injury,major_trauma,non_spinal_pain,known_aneurysm,sudden_severe,pregnant,pregnancy_warning,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,deformity,night_pain,thoracic_pain,loin_pain,spa_night_waking,spa_better_moving,spa_nsaid_response,spa_linked_condition"
answers=()
for q in ${questions//,/ }; do
  case $q in
    duration_days) answers+=("$q=12") ;;
    age) answers+=("$q=40") ;;
    *) answers+=("$q=no") ;;
  esac
done
row="a"
for a in "${answers[@]}"; do row+=",${a#*=}"; done
printf '%s\n%s\n' "id,$questions" "$row" >"$tmp/in.csv"
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
  [ ${#h1} -eq 32 ] || fail "hash: $h1"
  [ "$h1" != "$h2" ] || fail "an edited rule set has the same hash"
  # An identical copy of the built-in rules has the built-in hash (paths do not count).
  mkdir "$tmp/copy"
  cp "$src"/rules/*.yaml "$tmp/copy/"
  h3=$(BACKTRIAGE_RULES="$tmp/copy" "$bin" eval "${answers[@]}" --format json |
       python3 -c 'import json,sys; print(json.load(sys.stdin)["ruleset"]["hash"])')
  expect_eq "hash of a copy of the built-in rules" "$h1" "$h3"
fi

# The region works the same way: --region, else BACKTRIAGE_REGION, else the rule set's (uk).
# A region is a property of the result: it is in every JSON Lines row, and the hash differs.
region_of() { sed -n 's/.*"ruleset":"\([0-9a-f]*\)","region":"\([a-z]*\)","version":.*/\2 \1/p'; }
uk=$("$bin" score --format jsonl "$tmp/in.csv" | region_of)
us=$("$bin" score --region us --format jsonl "$tmp/in.csv" | region_of)
expect_eq "default region" uk "${uk% *}"
expect_eq "--region us" us "${us% *}"
[ "${uk#* }" != "${us#* }" ] && [ ${#us} -eq 35 ] || fail "the hash of region us [$us] is not that of uk [$uk]"
expect_eq "BACKTRIAGE_REGION=us" "$us" "$(BACKTRIAGE_REGION=us "$bin" score --format jsonl "$tmp/in.csv" | region_of)"
expect_eq "--region uk overrides BACKTRIAGE_REGION=us" "$uk" \
  "$(BACKTRIAGE_REGION=us "$bin" score --region uk --format jsonl "$tmp/in.csv" | region_of)"
expect_eq "an empty BACKTRIAGE_REGION is the rule set's region" "$uk" \
  "$(BACKTRIAGE_REGION= "$bin" score --format jsonl "$tmp/in.csv" | region_of)"
expect_eq "BACKTRIAGE_RULES with BACKTRIAGE_REGION=us" "us" \
  "$(BACKTRIAGE_RULES="$tmp/clinic" BACKTRIAGE_REGION=us "$bin" score --format jsonl "$tmp/in.csv" | region_of | cut -d' ' -f1)"
# The region changes texts only: the CSV rows are the same.
expect_eq "CSV in region us" "$builtin_row" "$("$bin" score --region us "$tmp/in.csv" | tail -n 1)"
expect_eq "clinic CSV in region us" "$clinic_row" \
  "$(BACKTRIAGE_RULES="$tmp/clinic" BACKTRIAGE_REGION=us "$bin" score "$tmp/in.csv" | tail -n 1)"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
