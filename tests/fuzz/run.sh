#!/usr/bin/env bash
# Runs every fuzz target of a BACKTRIAGE_FUZZ build for SECONDS each, JOBS (default 2) at a
# time, each from its seed corpus (tests/fuzz/corpus/NAME) and dictionary.
#   usage: tests/fuzz/run.sh BUILD_DIR [SECONDS] [NAME...]
# New inputs go to BUILD_DIR/fuzz/corpus/NAME, logs to BUILD_DIR/fuzz/NAME.log and crashes to
# BUILD_DIR/fuzz/crashes/NAME/. Prints one line per target; exits 1 when any target crashed.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [SECONDS] [NAME...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_reader answer score_pipeline rules_loader expr_parser json_case header_map)
jobs=${JOBS:-2}
out=$build/fuzz
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# Per target: what libFuzzer needs beyond the defaults. The CSV targets compare against one
# read of at most 4096 bytes; header_map's short timeout (10 s, not less: the machine may be
# shared) and long inputs catch a header that maps in quadratic time.
options() {
  case $1 in
    csv_reader|score_pipeline) echo "-max_len=4096" ;;
    header_map) echo "-max_len=262144 -timeout=10" ;;
    rules_loader) echo "-max_len=16384" ;;
    *) echo "" ;;
  esac
}

fuzz() {
  local name=$1 binary=$build/tests/fuzz/fuzz_$1 dict=()
  [ -x "$binary" ] || { echo "$name: no $binary (configure with -DBACKTRIAGE_FUZZ=ON)"; return 1; }
  [ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
  mkdir -p "$out/corpus/$name" "$out/crashes/$name"
  # shellcheck disable=SC2046  # the options are words
  "$binary" -max_total_time="$seconds" -timeout=20 $(options "$name") "${dict[@]}" -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$name/" "$out/corpus/$name" "$here/corpus/$name" >"$out/$name.log" 2>&1
}

report() {
  local name=$1 status=$2 runs time
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log" | tail -1)
  time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out/$name.log" | tail -1)
  if [ "$status" = 0 ]; then
    echo "$name: ok, ${runs:-?} inputs in ${time:-?} s ($(( ${runs:-0} / (${time:-1} > 0 ? ${time:-1} : 1) )) a second), corpus $(ls "$out/corpus/$name" | wc -l) new files"
  else
    echo "$name: FAILED after ${runs:-?} inputs: $(grep -m1 -E 'ERROR|fuzz property|runtime error' "$out/$name.log" || true)"
    echo "  log: $out/$name.log; input: $(ls "$out/crashes/$name" | head -1)"
  fi
}

mkdir -p "$out"
declare -A pids
failed=0
for name in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz "$name" & pids[$name]=$!
done
for name in "${targets[@]}"; do
  status=0
  wait "${pids[$name]}" || status=$?
  report "$name" "$status"
  [ "$status" = 0 ] || failed=1
done
exit $failed
