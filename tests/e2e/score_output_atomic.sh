#!/bin/bash
# score -o OUT replaces OUT only after a whole successful run: a failed or interrupted run
# leaves an existing OUT untouched and no temporary file behind.
# Usage: bash score_output_atomic.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
# e2e.score_output_atomic_fallback runs this with BACKTRIAGE_TEST_NO_TMPFILE naming a shim that
# makes open(2) refuse O_TMPFILE: every check below then holds for the named-temporary way.
named_temporary=
if [ -n "${BACKTRIAGE_TEST_NO_TMPFILE:-}" ]; then
  export LD_PRELOAD=$BACKTRIAGE_TEST_NO_TMPFILE
  named_temporary=1
  "$bin" --version >/dev/null 2>&1 || { echo "skipped: the binary does not run with the shim preloaded"; exit 77; }
fi
# Only the files we expect are in the output directory: no temporary left behind.
expect_files() {  # expect_files WHAT NAMES...
  local want got
  want=$(printf '%s\n' "${@:2}" | sort)
  got=$(ls -A "$tmp/out" | sort)
  expect_eq "$1: files in the output directory" "$want" "$got"
}

# A header with every question of the rule set, so that a good run prints nothing on stderr.
questions="duration_days,leg_pain,numbness,weakness,both_legs,weakness_worsening,difficulty_walking,prior_injury,recurrent,improving,age,saddle_numbness,bladder_bowel,sexual_dysfunction,fall_or_injury,major_trauma,non_spinal_pain,known_aneurysm,sudden_severe,pregnant,pregnancy_warning,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,deformity,night_pain,thoracic_pain,loin_pain,spa_night_waking,spa_better_moving,spa_nsaid_response,spa_linked_condition"
header="id,$questions"
answers() {  # answers ID DURATION NUMBNESS: one row, age 40, every other answer no
  local out="$1,$2" q
  for q in ${questions//,/ }; do
    case $q in
      duration_days) ;;
      numbness) out+=",$3" ;;
      age) out+=",40" ;;
      *) out+=",no" ;;
    esac
  done
  echo "$out"
}
printf '%s\n%s\n%s\n' "$header" "$(answers a 5 no)" "$(answers b 20 yes)" >"$tmp/good.csv"
printf '%s\n%s\n' "$header" "$(answers a soon no)" >"$tmp/bad-row.csv"
{ echo "$header"; for i in $(seq 40); do answers "row$i" 5 no; done; } >"$tmp/big-enough.csv"
printf '%s\n%s\n' "id,duration_days,numbness" "a,5,no" >"$tmp/bad-header.csv"
mkdir "$tmp/out" "$tmp/a-directory"
expected_good="id,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error
a,ok,acute,nonspecific,self-manage,routine,,,D1,
b,ok,acute,radicular,start-pt,routine,,,D1;C1;P1;P2,"

# A new file appears only after success, with what stdout would have had.
umask 022
"$bin" score "$tmp/good.csv" -o "$tmp/out/result.csv" -q >"$tmp/stdout" 2>"$tmp/stderr"
expect_eq "exit code of a good run" 0 "$?"
expect_eq "stdout with -o" "" "$(cat "$tmp/stdout")"
expect_eq "stderr of a good run" "" "$(cat "$tmp/stderr")"
expect_eq "content of the new file" "$expected_good" "$(cat "$tmp/out/result.csv")"
expect_eq "mode of the new file" 644 "$(stat -c %a "$tmp/out/result.csv")"
expect_files "after a good run" result.csv
"$bin" score "$tmp/good.csv" --output="$tmp/out/long.csv" 2>/dev/null
expect_eq "--output=FILE" "$expected_good" "$(cat "$tmp/out/long.csv")"
rm "$tmp/out/long.csv"

# Fatal header: the existing file is untouched.
echo "OLD CONTENT" >"$tmp/out/result.csv"
"$bin" score "$tmp/bad-header.csv" -o "$tmp/out/result.csv" >"$tmp/stdout" 2>"$tmp/stderr"
expect_eq "exit code of a fatal header" 65 "$?"
expect_eq "file after a fatal header" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"
expect_eq "stdout after a fatal header" "" "$(cat "$tmp/stdout")"
expect_eq "stderr of a fatal header" "backtriage: error: line 1: the header lacks the columns of required questions: weakness, difficulty_walking, prior_injury, age; nothing was scored" "$(cat "$tmp/stderr")"
expect_files "after a fatal header" result.csv

# Missing input: untouched, 66.
"$bin" score "$tmp/missing.csv" -o "$tmp/out/result.csv" 2>"$tmp/stderr"
expect_eq "exit code of a missing input" 66 "$?"
expect_eq "stderr of a missing input" "backtriage: error: cannot open '$tmp/missing.csv': No such file or directory" "$(cat "$tmp/stderr")"
expect_eq "file after a missing input" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"
expect_files "after a missing input" result.csv

# Unreadable input (a directory): untouched, 66.
"$bin" score "$tmp/a-directory" -o "$tmp/out/result.csv" 2>"$tmp/stderr"
expect_eq "exit code of an unreadable input" 66 "$?"
expect_eq "stderr of an unreadable input" "backtriage: error: cannot read '$tmp/a-directory': it is a directory" "$(cat "$tmp/stderr")"
expect_eq "file after an unreadable input" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"
expect_files "after an unreadable input" result.csv

# Empty input: 65, untouched.
: >"$tmp/empty.csv"
"$bin" score "$tmp/empty.csv" -o "$tmp/out/result.csv" 2>"$tmp/stderr"
expect_eq "exit code of an empty input" 65 "$?"
expect_eq "stderr of an empty input" "backtriage: error: the input is empty: expected a header line naming the questions" "$(cat "$tmp/stderr")"
expect_eq "file after an empty input" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"

# A bad rule set: 78, untouched.
mkdir "$tmp/rules"
echo "questions: [" >"$tmp/rules/00.yaml"
"$bin" score "$tmp/good.csv" --rules "$tmp/rules" -o "$tmp/out/result.csv" 2>/dev/null
expect_eq "exit code of a bad rule set" 78 "$?"
expect_eq "file after a bad rule set" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"
expect_files "after a bad rule set" result.csv

# Error rows are still output: the run succeeded in writing, so the file is replaced, exit 65.
"$bin" score "$tmp/bad-row.csv" -o "$tmp/out/result.csv" 2>/dev/null
expect_eq "exit code with an error row" 65 "$?"
expect_eq "file with an error row" "id,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error
a,error,,,,,,,,\"line 2: column 'duration_days': expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'soon'\"" \
  "$(cat "$tmp/out/result.csv")"
expect_files "after error rows" result.csv

# An existing file is replaced by a good run.
echo "OLD CONTENT" >"$tmp/out/result.csv"
"$bin" score "$tmp/good.csv" -o "$tmp/out/result.csv" 2>/dev/null
expect_eq "exit code replacing a file" 0 "$?"
expect_eq "replaced file" "$expected_good" "$(cat "$tmp/out/result.csv")"

# An output directory that does not exist, or is a file: 73, nothing created.
"$bin" score "$tmp/good.csv" -o "$tmp/no-such-dir/result.csv" 2>"$tmp/stderr"
expect_eq "exit code of a missing output directory" 73 "$?"
expect_eq "stderr of a missing output directory" "backtriage: error: cannot write '$tmp/no-such-dir/result.csv': No such file or directory" "$(cat "$tmp/stderr")"
[ -e "$tmp/no-such-dir" ] && fail "a missing output directory was created"
"$bin" score "$tmp/good.csv" -o "$tmp/good.csv/result.csv" 2>"$tmp/stderr"
expect_eq "exit code of an output directory that is a file" 73 "$?"
expect_eq "stderr of an output directory that is a file" "backtriage: error: cannot write '$tmp/good.csv/result.csv': Not a directory" "$(cat "$tmp/stderr")"
# A full device: the write fails at the end, 73, and no temporary file is left.
if [ -w /dev/full ]; then
  "$bin" score "$tmp/good.csv" >/dev/full 2>"$tmp/stderr"
  expect_eq "exit code writing to a full device" 73 "$?"
fi

# Interrupted: SIGTERM while the input is still being read leaves the file untouched and no
# temporary behind.
echo "OLD CONTENT" >"$tmp/out/result.csv"
mkfifo "$tmp/fifo"
"$bin" score "$tmp/fifo" -o "$tmp/out/result.csv" 2>/dev/null &
pid=$!
exec 3<>"$tmp/fifo"  # read-write: never blocks, even if the binary failed to open the fifo
printf '%s\n%s\n' "$header" "$(answers a 5 no)" >&3
if [ -n "$named_temporary" ]; then
  # Without O_TMPFILE the temporary file has a name beside OUT, removed by the signal handler.
  for _ in $(seq 50); do
    ls -A "$tmp/out" | grep -q '^\.result\.csv\.tmp\.' && break
    sleep 0.1
  done
  ls -A "$tmp/out" | grep -q '^\.result\.csv\.tmp\.' || fail "no named temporary file while the run was going on: $(ls -A "$tmp/out")"
else
  # The temporary file is anonymous (O_TMPFILE): it is open, but has no name to leave behind.
  for _ in $(seq 50); do
    ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "$tmp/out/.*(deleted)" && break
    sleep 0.1
  done
  ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "$tmp/out/.*(deleted)" || fail "no anonymous temporary file while the run was going on"
  expect_files "while the run is going on" result.csv
fi
kill -TERM "$pid"
wait "$pid"
code=$?
exec 3>&-
expect_eq "exit status after SIGTERM" 143 "$code"
expect_eq "file after SIGTERM" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"
expect_files "after SIGTERM" result.csv

# Signals that end the process by default (SIGQUIT, SIGUSR1, ...) leave nothing behind either.
for signal in QUIT USR1 USR2 ALRM; do
  rm -f "$tmp/fifo"
  mkfifo "$tmp/fifo"
  "$bin" score "$tmp/fifo" -o "$tmp/out/result.csv" 2>/dev/null &
  pid=$!
  exec 3<>"$tmp/fifo"
  printf '%s\n' "$header" >&3
  sleep 0.3
  kill -s "$signal" "$pid"
  wait "$pid" 2>/dev/null
  exec 3>&-
  expect_eq "file after SIG$signal" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"
  expect_files "after SIG$signal" result.csv
done

# A file-size limit is a write error (73), not a silent death, and leaves the file as it was.
(ulimit -f 1; "$bin" score "$tmp/big-enough.csv" -o "$tmp/out/result.csv" 2>"$tmp/stderr")
expect_eq "exit code over a file-size limit" 73 "$?"
expect_eq "stderr over a file-size limit" "backtriage: error: cannot write '$tmp/out/result.csv': File too large" "$(cat "$tmp/stderr")"
expect_eq "file after a file-size limit" "OLD CONTENT" "$(cat "$tmp/out/result.csv")"
expect_files "after a file-size limit" result.csv

# A run with error rows still replaces OUT (the README says so): every row has its result.
"$bin" score "$tmp/bad-row.csv" -o "$tmp/out/result.csv" 2>/dev/null
expect_eq "exit code of a run with an error row" 65 "$?"
expect_eq "file after a run with an error row" 2 "$(wc -l <"$tmp/out/result.csv")"
echo "OLD CONTENT" >"$tmp/out/result.csv"

# An existing file keeps its mode: private results stay private.
chmod 600 "$tmp/out/result.csv"
"$bin" score "$tmp/good.csv" -o "$tmp/out/result.csv" 2>/dev/null
expect_eq "mode of a replaced 0600 file" 600 "$(stat -c %a "$tmp/out/result.csv")"
expect_eq "content of a replaced 0600 file" "$expected_good" "$(cat "$tmp/out/result.csv")"
chmod 640 "$tmp/out/result.csv"
"$bin" score "$tmp/good.csv" -o "$tmp/out/result.csv" 2>/dev/null
expect_eq "mode of a replaced 0640 file" 640 "$(stat -c %a "$tmp/out/result.csv")"
if [ "$(id -u)" = 0 ]; then
  chown 1234:2345 "$tmp/out/result.csv"
  "$bin" score "$tmp/good.csv" -o "$tmp/out/result.csv" 2>/dev/null
  expect_eq "owner of a file replaced by root" "1234:2345" "$(stat -c %u:%g "$tmp/out/result.csv")"
fi

# A symbolic link is followed: its target gets the results and the link stays a link.
mkdir "$tmp/real"
echo "OLD" >"$tmp/real/target.csv"
ln -s ../real/target.csv "$tmp/out/link.csv"
"$bin" score "$tmp/good.csv" -o "$tmp/out/link.csv" 2>/dev/null
expect_eq "exit code through a symbolic link" 0 "$?"
[ -L "$tmp/out/link.csv" ] || fail "the symbolic link was replaced by a file"
expect_eq "content of a symbolic link's target" "$expected_good" "$(cat "$tmp/real/target.csv")"
expect_eq "files beside a symbolic link's target" "target.csv" "$(ls -A "$tmp/real")"
rm "$tmp/out/link.csv"

# A device or FIFO is written directly, never renamed over: /dev/null stays a device.
if [ -c /dev/null ] && [ -w /dev/null ]; then
  "$bin" score "$tmp/good.csv" -o /dev/null 2>/dev/null
  expect_eq "exit code with -o /dev/null" 0 "$?"
  [ -c /dev/null ] || fail "/dev/null is no longer a character device"
fi
rm -f "$tmp/fifo"
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
"$bin" score "$tmp/good.csv" -o "$tmp/fifo" 2>/dev/null
expect_eq "exit code with -o FIFO" 0 "$?"
wait "$reader"
[ -p "$tmp/fifo" ] || fail "the FIFO was replaced"
expect_eq "content through a FIFO" "$expected_good" "$(cat "$tmp/from-fifo")"
if [ -w /dev/full ]; then
  "$bin" score "$tmp/good.csv" -o /dev/full 2>"$tmp/stderr"
  expect_eq "exit code with -o /dev/full" 73 "$?"
  expect_eq "stderr with -o /dev/full" "backtriage: error: cannot write '/dev/full': No space left on device" "$(cat "$tmp/stderr")"
  [ -c /dev/full ] || fail "/dev/full is no longer a character device"
fi

# -o - is standard output.
"$bin" score "$tmp/good.csv" -o - >"$tmp/stdout" 2>/dev/null
expect_eq "exit code of -o -" 0 "$?"
expect_eq "-o - writes to stdout" "$expected_good" "$(cat "$tmp/stdout")"

# -o /dev/stdout is standard output too, wherever it leads: what the shell's >> or a group's
# redirection put in the file before stays, and a pipe behind it works.
printf 'OLD\n' >"$tmp/log"
"$bin" score "$tmp/good.csv" -o /dev/stdout >>"$tmp/log" 2>/dev/null
expect_eq "exit code of -o /dev/stdout appending" 0 "$?"
expect_eq "-o /dev/stdout keeps what was in the file" "OLD
$expected_good" "$(cat "$tmp/log")"
{ echo before; "$bin" score "$tmp/good.csv" -o /dev/stdout 2>/dev/null; echo after; } >"$tmp/log"
expect_eq "-o /dev/stdout inside a redirected group" "before
$expected_good
after" "$(cat "$tmp/log")"
"$bin" score "$tmp/good.csv" -o /dev/stdout 2>"$tmp/stderr" | cat >"$tmp/stdout"
expect_eq "exit code of -o /dev/stdout into a pipe" 0 "${PIPESTATUS[0]}"
expect_eq "-o /dev/stdout into a pipe" "$expected_good" "$(cat "$tmp/stdout")"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
