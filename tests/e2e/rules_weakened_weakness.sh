#!/bin/bash
# Weakened and removed E2 (a leg getting weaker).
# Usage: bash rules_weakened_weakness.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/rules_weakened.bash"

weaken weak_E2 E2 "weakness_worsening and difficulty_walking" && run_variant weak_E2 E2 yes
remove no_E2 E2 && run_variant no_E2 E2 yes
finish
