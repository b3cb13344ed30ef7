#!/bin/bash
# Weakened and removed E8 (known aneurysm, guarded by I11) and E9 (sudden severe pain over 60,
# I12).
# Usage: bash rules_weakened_aneurysm.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/rules_weakened.bash"

weaken weak_E8 E8 "known_aneurysm and sudden_severe" && run_variant weak_E8 E8 yes
weaken weak_E9 E9 "sudden_severe and age > 70 and duration_days < 2 days" && run_variant weak_E9 E9 yes
for rule in E8 E9; do
  remove "no_$rule" "$rule" && run_variant "no_$rule" "$rule" yes
done
finish
