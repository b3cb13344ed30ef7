#!/usr/bin/env bash
# ask with standard input not a terminal: one answer a line, prompts on stderr (with no
# question id), the summary and report on stdout, no escape codes with NO_COLOR, and an invalid
# answer is an error (65).
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1
cd "$WORK"

# W4 of rules/90-tests.yaml (20 days, 30, every yes/no question asked answered no), as a
# script sends it: 23 questions are asked.
ANSWERS='20\nn\nn\nn\nn\nn\nn\nn\n30\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\n'
printf "$ANSWERS" | NO_COLOR=1 "$BINARY" ask >out.txt 2>err.txt || fail "ask exited $?: $(cat err.txt)"
! grep -qF $'\e' out.txt err.txt || fail "escape codes in piped output with NO_COLOR: $(cat -v out.txt err.txt | grep -F '^[' | head -3)"
grep -qx "What to do:     Start physiotherapy" out.txt || fail "no report on stdout: $(cat out.txt)"
! grep -q "^Question" out.txt || fail "prompts on stdout"
grep -qx "Your answers" out.txt || fail "no summary of answers on stdout"
grep -qx "  - age: 30" out.txt || fail "the age is not in the summary"
[[ "$(head -1 err.txt)" == "Question 1 of up to 34: How long have you had this bout of back pain? [number of days, or e.g. 3 weeks] (an answer is needed)" ]] ||
  fail "first prompt: $(head -1 err.txt)"
grep -qxF "Question 9 of up to 32: How old are you, in years? [whole number, 0 to 120] (an answer is needed)" err.txt ||
  fail "the age prompt: $(cat err.txt)"
grep -qxF "Question 23 of 23: Does the pain start in your side, below the ribs, and spread towards your groin? [y/n, Enter to skip]" err.txt ||
  fail "the last prompt: $(tail -1 err.txt)"
[[ $(grep -c "^Question" err.txt) == 23 ]] || fail "expected 23 prompts, got: $(cat err.txt)"
# Every prompt line is "Question N of [up to] M: PROMPT [forms]...": no "(id)" before the colon.
! grep -vE '^Question [0-9]+ of (up to )?[0-9]+: [A-Z]' err.txt | grep -q . || fail "a prompt line of another shape: $(grep -vE '^Question [0-9]+ of (up to )?[0-9]+: [A-Z]' err.txt | head -3)"
! grep -qE "What to do|Recommendation" err.txt || fail "the report went to stderr"
cat out.txt err.txt >session.txt
no_ids session.txt

# The report is eval's in the patient view, after the summary and a blank line.
"$BINARY" eval --view patient duration_days=20 leg_pain=no numbness=no weakness=no difficulty_walking=no \
  prior_injury=no recurrent=no improving=no age=30 saddle_numbness=no bladder_bowel=no sexual_dysfunction=no \
  fall_or_injury=no non_spinal_pain=no pregnant=no fever=no infection_risk=no cancer_history=no weight_loss=no \
  osteoporosis_steroids=no night_pain=no thoracic_pain=no loin_pain=no >eval.txt
diff eval.txt <(sed '1,/^$/d' out.txt) >&2 || fail "the report differs from eval's"

# --color never without NO_COLOR: no escape codes either; CRLF line ends and a last line without a
# newline are read as answers.
printf "${ANSWERS//\\n/\\r\\n}" | sed '$ s/\r$//' | head -c -1 >crlf.txt
env -u NO_COLOR "$BINARY" --color never ask <crlf.txt >out2.txt 2>err2.txt || fail "CRLF answers: $(cat err2.txt)"
! grep -qF $'\e' out2.txt err2.txt || fail "escape codes with --color never"
diff out.txt out2.txt >&2 || fail "CRLF input gave another result"

# '?' prints the help on stderr and asks the same question again; 'back' goes back; skip skips.
printf '20\n?\nback\n\nskip\nn\nn\nn\nn\nn\nn\n30\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\nn\n' |
  NO_COLOR=1 "$BINARY" ask >out3.txt 2>err3.txt || fail "? and back in a script: $(cat err3.txt)"
grep -qF "Help: Answer yes if the pain goes down the back or side of a leg" err3.txt || fail "no help on '?': $(cat err3.txt)"
[[ $(grep -c "^Question 2 of up to 34: Does pain spread" err3.txt) == 3 ]] || fail "leg_pain not asked again after ?: $(cat err3.txt)"
grep -qF "[number of days, or e.g. 3 weeks, Enter to keep: 20 days]" err3.txt || fail "back did not show the kept answer: $(cat err3.txt)"
grep -qx "  - pain going down a leg to below the knee: skipped" out3.txt || fail "skip did not skip leg_pain: $(cat out3.txt)"
grep -qx "  - pain going down a leg to below the knee" out3.txt || fail "the skipped question is not listed as not answered"

# A blank line skips an optional question; a required one refuses it.
code=0; printf '20\n\n\n' | "$BINARY" ask >/dev/null 2>err5.txt || code=$?
[[ $code == 65 ]] || fail "exit $code for a blank required answer, expected 65"
grep -qxF "backtriage: error: line 3: question 'numbness': this question needs an answer and cannot be skipped; no recommendation was made" err5.txt ||
  fail "blank required answer: $(cat err5.txt)"
grep -qF "Question 3 of up to 34:" err5.txt || fail "the blank leg_pain did not skip to numbness: $(cat err5.txt)"

# An invalid answer ends a script: exit 65, the line and the question named (by id: this message
# is for the script's author), no report.
code=0; printf '20\nmaybe\n' | "$BINARY" ask >out4.txt 2>err4.txt || code=$?
[[ $code == 65 ]] || fail "exit $code for an invalid answer, expected 65"
grep -qxF "backtriage: error: line 2: question 'leg_pain': expected yes or no (y, n, true, false, 1, 0), got 'maybe'; no recommendation was made" err4.txt ||
  fail "message for an invalid answer: $(cat err4.txt)"
[[ ! -s out4.txt ]] || fail "output despite an invalid answer: $(cat out4.txt)"
# The age is required in version 2.
code=0; printf '20\nn\nn\nn\nn\nn\nn\nn\n\n' | "$BINARY" ask >/dev/null 2>err6.txt || code=$?
[[ $code == 65 ]] || fail "exit $code for a blank age, expected 65"
grep -qF "line 9: question 'age': this question needs an answer and cannot be skipped" err6.txt || fail "$(cat err6.txt)"

# End of input before the end: exit 1, a message, nothing on stdout, nothing saved.
code=0; printf '20\nn\n' | "$BINARY" ask --save saved.csv >out7.txt 2>err7.txt || code=$?
[[ $code == 1 ]] || fail "exit $code at end of input, expected 1"
grep -qxF "backtriage: error: input ended at question 3 (numbness) before the questionnaire was complete: no recommendation was made and nothing was saved" err7.txt ||
  fail "end of input message: $(cat err7.txt)"
[[ ! -s out7.txt && ! -e saved.csv ]] || fail "output or a saved file after end of input"
[[ -z "$(find . -name '.saved.csv.tmp*')" ]] || fail "temporary file left: $(ls -A)"

# An unwritable --save fails at once, before any question (73).
code=0; : | "$BINARY" ask --save no/such/dir/answers.csv >out8.txt 2>err8.txt || code=$?
[[ $code == 73 ]] || fail "exit $code for an unwritable --save, expected 73"
grep -qF "cannot write 'no/such/dir/answers.csv'" err8.txt || fail "$(cat err8.txt)"
! grep -q "^Question" err8.txt || fail "questions asked before the --save failure"

# --save never replaces a file unless --force: refused at once, before any question (73).
echo "kept" >existing.csv
code=0; printf '10\nyes\nno\nno\nyes\n' | "$BINARY" ask --save existing.csv >out9.txt 2>err9.txt || code=$?
[[ $code == 73 ]] || fail "exit $code for an existing --save file, expected 73"
grep -qxF "backtriage: error: 'existing.csv' already exists: give --force to replace it, or another file name" err9.txt ||
  fail "$(cat err9.txt)"
! grep -q "^Question" err9.txt || fail "questions asked before refusing an existing --save file"
[[ "$(cat existing.csv)" == kept && ! -s out9.txt ]] || fail "an existing --save file was touched, or a result shown"
code=0; printf '10\nyes\nno\nno\nyes\n' | "$BINARY" ask --save existing.csv --force --id desk-3 >/dev/null 2>&1 || code=$?
[[ $code == 0 ]] || fail "exit $code for --save --force"
[[ "$(sed -n 2p existing.csv)" =~ ^desk-3,10,yes,no,no,yes,.*,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] ||
  fail "--force did not replace the file with the id and time: $(cat existing.csv)"
# Without --id the saved id is made from the time.
printf '10\nyes\nno\nno\nyes\n' | "$BINARY" ask --save fresh.csv >/dev/null 2>&1 || fail "ask --save fresh.csv failed"
[[ "$(sed -n 2p fresh.csv)" =~ ^[0-9]{8}T[0-9]{6}Z-[0-9a-f]+,10, ]] || fail "default id: $(sed -n 2p fresh.csv)"
# --save /dev/stdout is standard output, whatever it is: a pipe, or a file the shell has just
# made (not "an existing file").
printf '10\nyes\nno\nno\nyes\n' | "$BINARY" ask --save /dev/stdout --id desk-4 2>/dev/null | cat >piped.txt
[[ ${PIPESTATUS[1]} == 0 ]] || fail "exit ${PIPESTATUS[1]} for --save /dev/stdout into a pipe"
grep -q '^desk-4,10,' piped.txt || fail "--save /dev/stdout into a pipe lacks the answers: $(cat piped.txt)"
printf '10\nyes\nno\nno\nyes\n' | "$BINARY" ask --save /dev/stdout --id desk-5 >redirected.txt 2>err10.txt ||
  fail "--save /dev/stdout into a new file: $(cat err10.txt)"
grep -q '^desk-5,10,' redirected.txt || fail "--save /dev/stdout into a file lacks the answers"
echo "ok"
