#!/usr/bin/env bash
# Benchmarks `backtriage score` (bench/README.md): wall time, rows/s, MB/s and peak RSS of
# scoring a generated 1M-row intake CSV, as CSV and as JSON Lines, and the peak RSS at 100k
# rows against 1M rows, which shows that memory does not grow with the input.
#
#   bench/run_bench.sh [--runs N] [--rows N] [BACKTRIAGE [GEN_INTAKE]]
#
# It builds nothing: BACKTRIAGE and GEN_INTAKE default to build/backtriage and
# build/bench/gen_intake under the source tree. Build them first in Release mode:
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && make -C build -j2
set -euo pipefail

runs=5
rows=1000000
small_rows=100000
root=$(cd "$(dirname "$0")/.." && pwd)
binary=""
generator=""

usage() {
  echo "usage: $0 [--runs N] [--rows N] [BACKTRIAGE [GEN_INTAKE]]" >&2
  exit 64
}

while [ $# -gt 0 ]; do
  case $1 in
    --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    --rows) [ $# -ge 2 ] || usage; rows=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage ;;
    *) if [ -z "$binary" ]; then binary=$1; elif [ -z "$generator" ]; then generator=$1; else usage; fi; shift ;;
  esac
done
binary=${binary:-$root/build/backtriage}
generator=${generator:-$root/build/bench/gen_intake}
for tool in "$binary" "$generator"; do
  [ -x "$tool" ] || { echo "$0: $tool: not an executable (build first, or pass its path)" >&2; exit 66; }
done
[ -x /usr/bin/time ] || { echo "$0: /usr/bin/time is missing (apt-get install time)" >&2; exit 69; }

work=$(mktemp -d "${TMPDIR:-/tmp}/backtriage-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The median of the numbers on stdin, one a line.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# run_once INPUT FORMAT: scores INPUT once; prints "seconds peak_rss_kb cpu_seconds".
run_once() {
  local input=$1 format=$2 start end status
  start=$(date +%s%N)
  set +e
  /usr/bin/time -f "%M %U %S" -o "$work/time" "$binary" score "$input" -o "$work/out" --format "$format"
  status=$?
  set -e
  end=$(date +%s%N)
  # 65 = some rows were invalid, which the generated input has on purpose.
  if [ "$status" -ne 0 ] && [ "$status" -ne 65 ]; then
    echo "$0: backtriage score exited $status" >&2
    exit 70
  fi
  # time(1) puts "Command exited with non-zero status 65" first: the figures are the last line.
  tail -n 1 "$work/time" | awk -v ns=$((end - start)) '{ printf "%.4f %d %.2f\n", ns / 1e9, $1, $2 + $3 }'
}

# bench INPUT ROWS FORMAT: runs `runs` times, prints each run and the medians.
bench() {
  local input=$1 n=$2 format=$3 bytes i line
  bytes=$(stat -c %s "$input")
  : > "$work/runs"
  echo "score --format $format, $n rows, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB in:"
  for i in $(seq 1 "$runs"); do
    line=$(run_once "$input" "$format")
    echo "$line" >> "$work/runs"
    echo "$line" | awk -v i="$i" -v n="$n" -v b="$bytes" \
      '{ printf "  run %d: %.3f s  %10.0f rows/s  %7.1f MB/s  peak RSS %6.1f MB  (cpu %.2f s)\n", i, $1, n / $1, b / 1e6 / $1, $2 / 1024, $3 }'
  done
  local secs rss cpu out_bytes
  secs=$(cut -d' ' -f1 "$work/runs" | median)
  rss=$(cut -d' ' -f2 "$work/runs" | median)
  cpu=$(cut -d' ' -f3 "$work/runs" | median)
  out_bytes=$(stat -c %s "$work/out")
  awk -v s="$secs" -v r="$rss" -v c="$cpu" -v n="$n" -v b="$bytes" -v o="$out_bytes" 'BEGIN {
    printf "  MEDIAN: %.3f s  %10.0f rows/s  %7.1f MB/s  peak RSS %6.1f MB  (cpu %.2f s, %.1f MB out)\n",
      s, n / s, b / 1e6 / s, r / 1024, c, o / 1e6 }'
  echo "$rss" > "$work/rss.$format.$n"
}

echo "machine: $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
  "$(awk '/^MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "binary:  $binary ($("$binary" --version 2>/dev/null | head -n1))"
echo "runs:    $runs per case, median reported; input and output in $(dirname "$work")"
echo

"$generator" "$rows" > "$work/big.csv"
"$generator" "$small_rows" > "$work/small.csv"

bench "$work/big.csv" "$rows" csv
bench "$work/big.csv" "$rows" jsonl
bench "$work/small.csv" "$small_rows" csv
echo
awk -v a="$(cat "$work/rss.csv.$small_rows")" -v b="$(cat "$work/rss.csv.$rows")" \
  -v sa="$small_rows" -v sb="$rows" 'BEGIN {
  printf "memory: peak RSS %.1f MB at %d rows, %.1f MB at %d rows (x%.2f for x%d input)\n",
    a / 1024, sa, b / 1024, sb, b / a, sb / sa }'
