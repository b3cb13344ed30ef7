#!/bin/sh
# emergencies.sh - list the emergency cases of an intake file, with their red flags.
#
# Usage: examples/emergencies.sh [INTAKE.csv]
#
# Scores INTAKE.csv (default: the intake.csv next to this script) with `backtriage score` and
# prints one line per case whose urgency is `emergency`: its id, a tab, and its red flags.
# backtriage is taken from $BACKTRIAGE, else from PATH. Needs only sh, awk and mktemp.
#
# The exit code is that of `backtriage score`: 0 when every row was scored, 65 when some rows
# were invalid (the emergencies among the valid rows are still printed), and so on.

set -u

if [ "$#" -gt 1 ]; then
  echo "usage: $0 [INTAKE.csv]" >&2
  exit 64
fi

intake=${1:-$(dirname -- "$0")/intake.csv}
backtriage=${BACKTRIAGE:-backtriage}

if ! command -v "$backtriage" >/dev/null 2>&1; then
  echo "$0: cannot find backtriage; put it on PATH or set BACKTRIAGE" >&2
  exit 127
fi

# Score into a temporary file first, so that score's exit code is not lost in a pipeline.
scored=$(mktemp) || exit 73
trap 'rm -f "$scored"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

"$backtriage" score --format csv "$intake" >"$scored"
status=$?

# The CSV output has the columns id,status,duration_class,category,recommendation,urgency,
# red_flags,unanswered,rules,error (lists joined with ';'). Fields are split by a small RFC 4180
# reader, because the id and the error message may be quoted and hold commas or line breaks.
awk -v status="$status" '
  # Splits record `rec` into f[1..n]; returns n.
  function split_csv(rec,    n, i, c, field, quoted) {
    n = 0; field = ""; quoted = 0
    for (i = 1; i <= length(rec); i++) {
      c = substr(rec, i, 1)
      if (quoted) {
        if (c == "\"" && substr(rec, i + 1, 1) == "\"") { field = field c; i++ }
        else if (c == "\"") quoted = 0
        else field = field c
      } else if (c == "\"") quoted = 1
      else if (c == ",") { f[++n] = field; field = "" }
      else field = field c
    }
    f[++n] = field
    return n
  }
  # A record continues on the next line while it holds an odd number of quotes.
  {
    rec = (pending == "") ? $0 : pending "\n" $0
    sub(/\r$/, "", rec)
    probe = rec
    if (gsub(/"/, "", probe) % 2 == 1) { pending = rec; next }
    pending = ""
    n = split_csv(rec)
  }
  # The header names the columns; without one, use the documented positions.
  !seen_first++ {
    id_col = 1; urgency_col = 6; flags_col = 7
    header = 0
    for (i = 1; i <= n; i++) {
      if (f[i] == "id") { id_col = i; header = 1 }
      if (f[i] == "urgency") urgency_col = i
      if (f[i] == "red_flags") flags_col = i
    }
    if (header) next
  }
  f[urgency_col] == "emergency" {
    flags = f[flags_col]
    gsub(/;/, ", ", flags)
    if (flags == "") flags = "(no red flag)"
    print f[id_col] "\t" flags
    found++
  }
  END { if (!found && (status == 0 || status == 65)) print "no emergency cases" > "/dev/stderr" }
' "$scored"

exit "$status"
