# Shared by the benchmark scripts (sourced after they read their options into `runs` and
# `binary`): the binary and tools checked, one core to pin to, a temporary work directory with
# its own cache, the machine line, and the median of a list.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${binary:-$root/build/backtriage}
[ -x "$binary" ] || { echo "no binary at $binary: build it first (see --help)" >&2; exit 66; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 69; }
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $binary ($("$binary" --version | head -n 1)), $runs runs each, one core"

# median VALUE...: the middle value (the upper middle of an even count), numerically.
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
