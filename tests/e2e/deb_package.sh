#!/bin/bash
# `cpack -G DEB` builds backtriage_VERSION_ARCH.deb whose file list holds the binary, both
# manual pages, the rules, the examples, the completion and the copyright file; whose control
# data names the runtime libraries (from dpkg-shlibdeps); and whose binary runs.
# Skipped (exit 77, which ctest reports as skipped) only when cpack or dpkg-deb is not installed.
# Usage: bash deb_package.sh BINARY SOURCE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
export NO_COLOR=1
unset BACKTRIAGE_RULES
for tool in cpack dpkg-deb; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (apt-get install cmake dpkg-dev file)"
    exit 77
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

build=$(cd "$(dirname "$bin")" && pwd)
while [ ! -f "$build/CPackConfig.cmake" ]; do
  [ "$build" = / ] && { echo "FAIL: no CPackConfig.cmake above $bin" >&2; exit 1; }
  build=$(dirname "$build")
done

# Package into a directory of our own, so the build tree keeps no staging files.
if ! (cd "$build" && cpack -G DEB -B "$tmp/out" --config "$build/CPackConfig.cmake") >"$tmp/cpack.log" 2>&1; then
  echo "FAIL: cpack -G DEB failed:" >&2
  cat "$tmp/cpack.log" >&2
  exit 1
fi
version=$("$bin" --version | head -n 1 | awk '{ print $NF }')
debs=("$tmp"/out/backtriage_"$version"_*.deb)
if [ ! -f "${debs[0]}" ]; then
  echo "FAIL: no backtriage_${version}_ARCH.deb; cpack made: $(ls "$tmp/out")" >&2
  exit 1
fi
deb=${debs[0]}

dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./|/|' >"$tmp/files"
expect_file() { grep -qx -- "$1" "$tmp/files" || fail "the package lacks $1"; }
expect_file /usr/bin/backtriage
expect_file /usr/share/man/man1/backtriage.1.gz
expect_file /usr/share/man/man5/backtriage-rules.5.gz
for rule_file in "$src"/rules/*.yaml "$src/rules/README.md"; do
  expect_file "/usr/share/backtriage/rules/${rule_file##*/}"
done
expect_file /usr/share/backtriage/rules/terms-us.yaml
for example in "$src"/examples/*; do
  expect_file "/usr/share/doc/backtriage/examples/${example##*/}"
done
expect_file /usr/share/bash-completion/completions/backtriage
expect_file /usr/share/doc/backtriage/copyright
stray=$(grep -v -e '^/usr/$' -e '^/usr/bin/' -e '^/usr/share/' "$tmp/files")
[ -z "$stray" ] || fail "the package installs outside /usr/bin and /usr/share: $stray"

dpkg-deb -I "$deb" >"$tmp/info"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = backtriage ] || fail "Package is not backtriage: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version is not $version: $(field Version)"
depends=$(field Depends)
case $depends in *libyaml-cpp*) ;; *) fail "Depends does not name libyaml-cpp: [$depends]" ;; esac
case $depends in *libfmt*) ;; *) fail "Depends does not name libfmt: [$depends]" ;; esac
case $depends in *libbdd*) ;; *) fail "Depends does not name libbdd (BuDDy): [$depends]" ;; esac
case $depends in *libnettle*) ;; *) fail "Depends does not name libnettle: [$depends]" ;; esac
case $depends in *libedit*) ;; *) fail "Depends does not name libedit: [$depends]" ;; esac
grep -q '^ Depends: ' "$tmp/info" || fail "dpkg-deb -I shows no Depends line"
for name in Maintainer Description Section; do
  [ -n "$(field "$name")" ] || fail "the control data has no $name"
done

# The packaged files, unpacked: the binary runs from elsewhere, the copyright is the licence.
dpkg-deb -x "$deb" "$tmp/root"
cmp -s "$src/LICENSE" "$tmp/root/usr/share/doc/backtriage/copyright" || fail "the package's copyright is not LICENSE"
(cd "$tmp" && "$tmp/root/usr/bin/backtriage" eval duration_days=5 numbness=no weakness=no difficulty_walking=no \
  prior_injury=no age=40) >"$tmp/report" 2>&1 || fail "the packaged binary failed: $(cat "$tmp/report")"
grep -q '^Recommendation:' "$tmp/report" || fail "the packaged binary printed no report"
# The packaged rule directory scores the packaged example like the built-in rules, in both regions.
for region in uk us; do
  "$tmp/root/usr/bin/backtriage" score --region "$region" --format jsonl \
    "$tmp/root/usr/share/doc/backtriage/examples/intake-clean.csv" >"$tmp/builtin.$region" 2>"$tmp/err" ||
    fail "the packaged binary could not score the packaged intake-clean.csv in region $region: $(cat "$tmp/err")"
  "$tmp/root/usr/bin/backtriage" score --rules "$tmp/root/usr/share/backtriage/rules" --region "$region" --format jsonl \
    "$tmp/root/usr/share/doc/backtriage/examples/intake-clean.csv" >"$tmp/packaged.$region" 2>/dev/null
  cmp -s "$tmp/builtin.$region" "$tmp/packaged.$region" ||
    fail "the packaged rules in region $region score unlike the built-in rules"
  grep -q "\"region\":\"$region\"" "$tmp/packaged.$region" || fail "no region $region in the packaged rules' output"
done
if command -v file >/dev/null; then
  file -L "$tmp/root/usr/bin/backtriage" | grep -q 'not stripped' && fail "the packaged binary is not stripped"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: ${deb##*/} ($(field Depends))"
