#!/usr/bin/env bash
# Times `backtriage rules check` (load, static checks and the proof of every invariant over
# the whole input space) on a rule directory, pinned to one core; prints each run and the median.
# Usage: bench/prove_bench.sh [BINARY] [RULES_DIR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-$here/../build/backtriage}
rules=${2:-$here/../rules}
runs=${3:-7}
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
times=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  "${pin[@]}" "$binary" rules check --rules "$rules" >/dev/null
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "MEDIAN: ${median} ms for rules check of $rules (target: under 2000 ms)"
