#!/bin/bash
# Weakened and removed E1 (cauda equina): rules check, test and diff catch each (see
# rules_weakened.bash).
# Usage: bash rules_weakened_cauda_equina.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
source "$(dirname "$0")/rules_weakened.bash"

expect_shipped_rules_pass
weaken weak_E1 E1 "bladder_bowel or both_legs" && run_variant weak_E1 E1 yes
remove no_E1 E1 && run_variant no_E1 E1 yes
finish
