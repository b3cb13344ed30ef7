#!/bin/bash
# Weakened and removed E5 (chest or belly pain, fainting).
# Usage: bash rules_weakened_vascular.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/rules_weakened.bash"

weaken weak_E5 E5 "non_spinal_pain and age >= 70" && run_variant weak_E5 E5 yes
remove no_E5 E5 && run_variant no_E5 E5 yes
finish
