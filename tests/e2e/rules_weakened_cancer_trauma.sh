#!/bin/bash
# Weakened and removed E3 (cancer with nerve symptoms, guarded by I6) and E4 (serious accident).
# Usage: bash rules_weakened_cancer_trauma.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/rules_weakened.bash"

weaken weak_E3 E3 "cancer_history and weakness" && run_variant weak_E3 E3 yes
weaken weak_E4 E4 "major_trauma and age >= 65" && run_variant weak_E4 E4 yes
for rule in E3 E4; do
  remove "no_$rule" "$rule" && run_variant "no_$rule" "$rule" yes
done
finish
