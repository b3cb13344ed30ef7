#!/usr/bin/env bash
# Line editing in ask on a terminal (libedit): the cursor keys, Ctrl-A/E and Ctrl-U edit the
# answer, Up recalls an earlier line of the run, and no escape byte ever reaches an answer, even
# from a key libedit does not know. The text width follows the terminal when it is resized.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

start ask --audit audit.jsonl
wait_for "Question 1 of up to 34"
# "3 weks", two steps left, an "e": "3 weeks".
tmx send-keys -t ask -l -- "3 weks"
press Left Left
tmx send-keys -t ask -l -- "e"
press Enter
wait_for "Question 1 answered: 21 days."
# Up brings back "3 weeks"; Ctrl-A goes to its start, Ctrl-E to its end, Ctrl-U clears it.
press Up
wait_for "> 3 weeks"
press C-a
tmx send-keys -t ask -l -- "x"
wait_for "> x3 weeks"
press C-e
tmx send-keys -t ask -l -- "z"
wait_for "> x3 weeksz"
press C-u
tmx send-keys -t ask -l -- "no"
press Enter
wait_for "Question 2 answered: no."
# Ctrl-D deletes the character under the cursor; only at the end of the line does it end input.
tmx send-keys -t ask -l -- "nx"
press Left C-d
wait_for "> n"
lacks "> nx"
press Enter
wait_for "Question 3 answered: no."
# Back, and Enter keeps the answer.
type_line "b"
wait_for "Back to the previous question"
type_line ""
wait_for "Question 3 answered: no."
# Keys with escape sequences libedit has no binding for (F5, Insert) leave nothing behind.
tmx send-keys -t ask -l -- "n"
press F5 IC Home End
press Enter
wait_for "Question 4 answered: no."
lacks "Not accepted"

# tmux applies a resize to the pane's terminal asynchronously: wait until the pane has the
# width, then a moment for the terminal size to reach the program, before the next screen.
settle_resize() {
  local i
  for ((i = 0; i < 50; i++)); do
    [ "$(tmx display-message -p -t ask '#{pane_width}')" = "$1" ] && break
    sleep 0.1
  done
  sleep 0.5
}

# Resized to 45 columns, the next screen is wrapped to fit, breaking lines only at spaces.
tmx resize-window -t ask -x 45 -y 40
settle_resize 45
type_line "?"
wait_for "Help:"
# (-J joins the lines the terminal wrapped: a line the program wrote too wide shows whole.)
while IFS= read -r line; do
  ((${#line} <= 45)) || fail "a line wider than the terminal: [$line]"
done <<<"$(tmx capture-pane -p -J -t ask)"
shows "Type an answer and press Enter. ? = help, b"
shows "= back, Ctrl-C = quit"
# Back to 100 columns: the header is one line again.
tmx resize-window -t ask -x 100 -y 40
settle_resize 100
type_line "n"
wait_for "Question 6 of"
shows "Type an answer and press Enter.  ? = help   b = back   Ctrl-C = quit"
press C-c
wait_exit 130
terminal_sane

# The audit record holds the answers as they were finally typed, with no control bytes.
python3 - "$WORK/audit.jsonl" <<'PY' || fail "the answers recorded: $(cat "$WORK/audit.jsonl")"
import json, sys
record = json.loads(open(sys.argv[1]).read())
assert record["answers"] == {"duration_days": "3 weeks", "leg_pain": "no", "numbness": "n", "weakness": "n",
                             "difficulty_walking": "n"}, record["answers"]
assert record["status"] == "incomplete", record
PY
echo "ok"
