#!/bin/bash
# Weakened and removed E6 (fever with infection risk, guarded by I7) and E7 (pregnancy warning signs).
# Usage: bash rules_weakened_infection_pregnancy.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/rules_weakened.bash"

weaken weak_E6 E6 "fever and infection_risk and age >= 50" && run_variant weak_E6 E6 yes
weaken weak_E7 E7 "pregnancy_warning and age >= 30" && run_variant weak_E7 E7 yes
for rule in E6 E7; do
  remove "no_$rule" "$rule" && run_variant "no_$rule" "$rule" yes
done
finish
