#!/bin/bash
# Weakened and removed E1 (cauda equina) and E2 (progressive weakness): rules check, test and
# diff catch each (see rules_weakened.bash).
# Usage: bash rules_weakened_cauda_equina.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/rules_weakened.bash"

expect_shipped_rules_pass
weaken weak_E1 E1 "bladder_bowel or both_legs" && run_variant weak_E1 E1 yes
weaken weak_E2 E2 "weakness_worsening and difficulty_walking" && run_variant weak_E2 E2 yes
for rule in E1 E2; do
  remove "no_$rule" "$rule" && run_variant "no_$rule" "$rule" yes
done
finish
