#!/bin/bash
# The manual page and --help agree: for the program and every subcommand (found in --help,
# nested ones too) the long options of --help are exactly the option tags of the page's
# section for it (OPTIONS, or ".SS command" under COMMANDS); the page has no section for a
# command that does not exist; every command is in the SYNOPSIS with options it has; and
# the page's version is the program's.
# Usage: bash help_matches_man.sh BINARY SOURCE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
page=$src/man/backtriage.1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The long options of `backtriage COMMAND... --help`, sorted, one a line.
help_options() {
  "$bin" "$@" --help 2>/dev/null | awk '
    /^[^ ]/ { section = $0; next }
    section ~ /^Options:/ && /^ +-/ {
      sub(/^ +/, ""); spec = $0; sub(/  .*/, "", spec); split(spec, words, " ")
      n = split(words[1], names, ",")
      for (i = 1; i <= n; i++) if (names[i] ~ /^--/) print names[i]
    }' | sort -u
}

# The subcommands listed by `backtriage COMMAND... --help`.
help_subcommands() {
  "$bin" "$@" --help 2>/dev/null | awk '
    /^[^ ]/ { section = $0; next }
    section ~ /^Subcommands:/ && /^ +[a-z]/ { print $1 }'
}

# The long options in the tags (.TP) of the page's section: SH TITLE or SS TITLE.
man_options() {
  awk -v kind="$1" -v title="$2" '
    function heading(line) { sub(/^\.S[HS] +/, "", line); gsub(/"/, "", line); return line }
    /^\.SH/ { sh = heading($0); ss = ""; next }
    /^\.SS/ { ss = heading($0); next }
    {
      inside = (kind == "SH" && sh == title && ss == "") || (kind == "SS" && sh == "COMMANDS" && ss == title)
      if (tag && inside) {
        line = $0
        while (match(line, /\\-\\-[a-z0-9]+(\\-[a-z0-9]+)*/)) {
          option = substr(line, RSTART, RLENGTH); gsub(/\\/, "", option); print option
          line = substr(line, RSTART + RLENGTH)
        }
      }
      tag = ($0 == ".TP")
    }' "$page" | sort -u
}

compare() {  # compare WHAT HELP_OPTIONS MAN_OPTIONS
  if [ "$2" != "$3" ]; then
    fail "$1: --help and the manual differ:
  only in --help: $(comm -23 <(echo "$2") <(echo "$3") | tr '\n' ' ')
  only in the manual: $(comm -13 <(echo "$2") <(echo "$3") | tr '\n' ' ')"
  fi
}

[ -f "$page" ] || { echo "FAIL: no $page" >&2; exit 1; }

# The program itself: every option, --help and --version included, under OPTIONS.
compare "backtriage" "$(help_options)" "$(man_options SH OPTIONS)"

# Every subcommand, depth first; --help is documented once, under OPTIONS.
commands=()
walk() {
  local sub
  for sub in $(help_subcommands "$@"); do
    commands+=("$* $sub")
    walk "$@" "$sub"
  done
}
walk
[ ${#commands[@]} -ge 4 ] || fail "expected at least the commands ask, score, eval, rules; found: ${commands[*]}"
for command in "${commands[@]}"; do
  command=${command# }
  # shellcheck disable=SC2086
  compare "backtriage $command" "$(help_options $command | grep -vx -- --help)" "$(man_options SS "$command")"
done

# No section for a command the program does not have.
documented=$(awk '/^\.SH/ { sh = $0 } /^\.SS/ && sh ~ /COMMANDS/ { sub(/^\.SS +/, ""); gsub(/"/, ""); print }' "$page" | sort)
existing=$(for command in "${commands[@]}"; do echo "${command# }"; done | sort)
[ "$documented" = "$existing" ] || fail "COMMANDS sections [$(echo $documented)] are not the commands [$(echo $existing)]"

# SYNOPSIS: every command without subcommands has a line, with options it accepts.
global=$(help_options)
synopsis=$(awk '
  /^\.SH/ { insyn = ($0 ~ /SYNOPSIS/); next }
  !insyn { next }
  /^\.SY/ { command = ""; options = ""; next }
  /^\.B / { word = $0; sub(/^\.B +/, "", word); command = command (command == "" ? "" : " ") word; next }
  /^\.OP/ { split($0, f, " "); option = f[2]; gsub(/\\/, "", option); options = options " " option; next }
  /^\.YS/ { if (command != "") print command ":" options }' "$page")
for command in "${commands[@]}"; do
  command=${command# }
  # shellcheck disable=SC2086
  [ -n "$(help_subcommands $command)" ] && continue
  line=$(grep -m1 "^$command:" <<<"$synopsis") || { fail "SYNOPSIS lacks 'backtriage $command'"; continue; }
  # shellcheck disable=SC2086
  accepted=$(printf '%s\n' $global $(help_options $command))
  for option in ${line#*:}; do
    case $option in --*) grep -qx -- "$option" <<<"$accepted" || fail "SYNOPSIS of $command shows $option, which it does not have" ;; esac
  done
done

# The version on the page is the program's.
version=$("$bin" --version | head -n 1 | awk '{ print $NF }')
grep -q "^\.TH BACKTRIAGE 1 [^ ]* \"backtriage $version\"" "$page" || fail "backtriage.1 .TH does not say version $version"
grep -q "^\.TH BACKTRIAGE\\\\-RULES 5 [^ ]* \"backtriage $version\"" "$src/man/backtriage-rules.5" ||
  fail "backtriage-rules.5 .TH does not say version $version"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: --help and backtriage.1 agree for ${#commands[@]} commands"
