# Shared start of the end-to-end scripts (sourced, not run: ctest runs only *.sh).
# Sets bin (the binary) and src (the source tree) from the arguments, a private temporary
# directory removed on exit, a plain environment, and the failure counters.
set -u
# An absolute path, so that scripts may change directory.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
export NO_COLOR=1
unset BACKTRIAGE_RULES
tmp=$(mktemp -d)
# Proofs of rule directories are cached per user; tests keep theirs to themselves.
export XDG_CACHE_HOME="$tmp/cache"
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() {
  if [ "$2" != "$3" ]; then fail "$1: expected [$2], got [$3]"; fi
}
