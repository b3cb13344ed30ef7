#!/usr/bin/env bash
# Benchmarks hostile inputs (bench/README.md): rule directories whose size once cost quadratic
# time (one mapping of 20,000 keys, 20,000 unknown top-level keys, 15,000 rules with a bad
# condition each, 10,000 files with an error each, 8,000 misspelt names among 8,000 questions,
# 20,000 unknown terms in one text) and JSON cases far over the 1 MiB cap (a 256 MiB line for score --input jsonl, a 1 GB
# string piped to eval --json -). For each, the median wall time and peak memory of several
# runs, pinned to one core, with the target beside it.
#
#   bench/hostile_bench.sh [--runs N] [BACKTRIAGE]
#
# BACKTRIAGE defaults to build/backtriage. Build it in Release mode first:
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && make -C build -j2 backtriage
set -euo pipefail

runs=5
binary=""
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "usage: $0 [--runs N] [BACKTRIAGE]" >&2; exit 64 ;;
    *) binary=$1; shift ;;
  esac
done
source "$(dirname "$0")/bench_common.bash"

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
def fresh(name):
    path = os.path.join(work, name)
    os.makedirs(path)
    return path
with open(os.path.join(fresh("keys_20000"), "a.yaml"), "w") as f:
    f.write("terms:\n" + "".join("  k%d: v\n" % i for i in range(20000)))
with open(os.path.join(fresh("unknown_keys_20000"), "a.yaml"), "w") as f:
    f.write("".join("unknown%d: 1\n" % i for i in range(20000)))
with open(os.path.join(fresh("conditions_15000"), "a.yaml"), "w") as f:
    f.write("questions:\n  - {id: q, type: yes_no, prompt: Q}\nrules:\n")
    f.write("".join("  - {id: R%d, urgency: x, when: q and nope%d}\n" % (i, i) for i in range(15000)))
d = fresh("files_10000")
for i in range(10000):
    with open(os.path.join(d, "f%05d.yaml" % i), "w") as f:
        f.write("bogus%d: 1\n" % i)
# Each unknown name once cost a "did you mean" scan of all 8,000 questions (seconds), and each
# unknown term a scan of its text from the start.
with open(os.path.join(fresh("misspelt_8000"), "a.yaml"), "w") as f:
    f.write("questions:\n" + "".join("  - {id: q%d, type: yes_no, prompt: Q}\n" % i for i in range(8000)))
    f.write("rules:\n" + "".join("  - {id: R%d, urgency: x, when: qq%dx}\n" % (i, i) for i in range(8000)))
with open(os.path.join(fresh("terms_20000"), "a.yaml"), "w") as f:
    f.write("terms:\n" + "".join("  t%d: v\n" % i for i in range(20000)))
    f.write("questions:\n  - {id: q, type: yes_no, prompt: \"" + " ".join("{x%d}" % i for i in range(20000)) + "\"}\n")
with open(os.path.join(work, "line_256m.jsonl"), "w") as f:
    f.write('{"age": "' + "x" * (256 << 20) + '"}\n{"age": 40}\n')
PY

# measure LABEL TARGET_MS TARGET_MB COMMAND: the median time and peak RSS of the shell command
# COMMAND (a pipeline may need the shell), in which $B is the binary; it may exit non-zero.
measure() {
  local label=$1 target_ms=$2 target_mb=$3 command=$4
  local times=() mems=()
  for ((i = 0; i < runs; i++)); do
    times+=("$(B=$binary python3 -c '
import subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(int((time.perf_counter() - start) * 1000))' "${pin[@]}" bash -c "$command")")
    # The peak memory of the binary alone, not of the rest of a pipeline.
    B="/usr/bin/time -o $work/time -f %M $binary" bash -c "$command" >/dev/null 2>&1 || true
    mems+=("$(tail -n 1 "$work/time" | awk '{printf "%.1f", $1 / 1024}')")
  done
  local t m verdict=ok
  t=$(median "${times[@]}")
  m=$(median "${mems[@]}")
  [ "$t" -le "$target_ms" ] || verdict=SLOW
  awk -v m="$m" -v limit="$target_mb" 'BEGIN { exit !(m > limit) }' && verdict="$verdict, BIG"
  printf '%-44s %6d ms (target %5d)  %7s MB (target %4d)  %s\n' "$label" "$t" "$target_ms" "$m" "$target_mb" "$verdict"
}

measure "rules check: one mapping of 20,000 keys" 500 64 "\$B rules check --rules $work/keys_20000"
measure "rules check: 20,000 unknown top-level keys" 500 64 "\$B rules check --rules $work/unknown_keys_20000"
measure "rules check: 15,000 bad conditions" 1000 64 "\$B rules check --rules $work/conditions_15000"
measure "rules check: 10,000 files, an error each" 500 64 "\$B rules check --rules $work/files_10000"
measure "rules check: 8,000 misspelt names" 1000 64 "\$B rules check --rules $work/misspelt_8000"
measure "rules check: 20,000 unknown terms in a text" 500 64 "\$B rules check --rules $work/terms_20000"
measure "eval: 10,000 files, an error each" 500 64 "\$B eval --rules $work/files_10000 age=40"
measure "score --input jsonl: a 256 MiB line" 2000 32 "\$B score --input jsonl $work/line_256m.jsonl"
measure "eval --json -: a 1 GB string from a pipe" 500 32 \
  "{ printf '{\"age\": \"'; head -c 1073741824 /dev/zero | tr '\\0' x; } | \$B eval --json -"
