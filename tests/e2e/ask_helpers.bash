# Helpers for the `ask` end-to-end tests (sourced, not run: ctest runs only *.sh).
# Drives the real binary in a tmux pseudo-terminal, as a person would: start, type, wait for the
# screen to show something, check how it ended. Every test gets a private tmux server that is
# killed on exit, whatever happens.
#
# Usage in a test: source "$(dirname "$0")/ask_helpers.bash" "$@"   (arguments: BINARY SOURCE_DIR)
set -euo pipefail
unset BACKTRIAGE_RULES BACKTRIAGE_REGION   # the built-in rules in their default region (uk)

BINARY=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")   # absolute: tests cd elsewhere
SOURCE_DIR=$2
WORK=$(mktemp -d)
export XDG_CACHE_HOME="$WORK/cache"  # proofs of rule directories stay with the test
TIMEOUT=${ASK_TEST_TIMEOUT:-20}   # seconds to wait for any one screen
# Each session gets its own private server: restarting one on a socket that is still shutting
# down can fail ("server exited unexpectedly").
SESSIONS=0
SOCKET=backtriage-test-$$-0
# A scrollback long enough for a whole session (up to 34 question screens and the report), so
# that recording() holds everything from the first question on.
printf 'set -g history-limit 100000\n' >"$WORK/tmux.conf"

tmx() { tmux -L "$SOCKET" -f "$WORK/tmux.conf" "$@"; }
cleanup() {
  local n
  for ((n = 1; n <= SESSIONS; n++)); do
    tmux -L "backtriage-test-$$-$n" kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/backtriage-test-$$-$n"   # kill-server leaves the socket
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v tmux >/dev/null || { echo "FAIL: the pty tests need tmux (apt-get install tmux)" >&2; exit 1; }

fail() {
  echo "FAIL: $*" >&2
  if tmx has-session 2>/dev/null; then
    echo "--- screen ---" >&2
    tmx capture-pane -p -t ask >&2 || true
    echo "--------------" >&2
  fi
  exit 1
}

# start ARGS...: runs `backtriage ARGS...` in a 100x40 terminal of a new tmux server, with colour
# allowed (NO_COLOR unset) and no pager (PAGER=cat, or $ASK_PAGER), ending any earlier session.
# When it exits, its status goes to $WORK/exit and the terminal settings to $WORK/stty.
start() {
  local command
  ((SESSIONS == 0)) || tmx kill-server 2>/dev/null || true
  SOCKET=backtriage-test-$$-$((++SESSIONS))
  rm -f "$WORK/exit" "$WORK/stty"
  command="cd $(printf %q "$WORK") && env -u NO_COLOR TERM=xterm-256color PAGER=$(printf %q "${ASK_PAGER-cat}")"
  command+=" $(printf '%q ' "$BINARY" "$@");"
  command+=" echo \$? > exit.tmp && mv exit.tmp exit; stty -a > stty; exec sleep 600"
  tmx new-session -d -s ask -x 100 -y 40 "bash -c $(printf %q "$command")"
}

screen() { tmx capture-pane -p -t ask; }
screen_with_escapes() { tmx capture-pane -p -e -t ask; }

# type TEXT: types TEXT and presses Enter (TEXT may be empty: just Enter).
type_line() {
  [[ -n "$1" ]] && tmx send-keys -t ask -l -- "$1"
  tmx send-keys -t ask Enter
}
press() { tmx send-keys -t ask "$@"; }

# wait_for TEXT: waits until the screen shows TEXT (fixed string), or fails.
wait_for() {
  local deadline=$((SECONDS + TIMEOUT))
  while ((SECONDS < deadline)); do
    grep -qF -- "$1" <<<"$(screen)" && return 0
    sleep 0.1
  done
  fail "the screen never showed: $1"
}

# answer TEXT EXPECT: types an answer and waits until the screen shows EXPECT.
answer() {
  type_line "$1"
  wait_for "$2"
}

# shows TEXT / lacks TEXT: the current screen does / does not show TEXT.
shows() { grep -qF -- "$1" <<<"$(screen)" || fail "expected on screen: $1"; }
lacks() { ! grep -qF -- "$1" <<<"$(screen)" || fail "not expected on screen: $1"; }

# wait_exit CODE: waits for the program to end and checks its exit status.
wait_exit() {
  local deadline=$((SECONDS + TIMEOUT))
  while [[ ! -f "$WORK/exit" ]]; do
    ((SECONDS < deadline)) || fail "the program did not exit"
    sleep 0.1
  done
  local code
  code=$(cat "$WORK/exit")
  [[ "$code" == "$1" ]] || fail "exit status $code, expected $1"
}

# The terminal is left sane: canonical mode and echo on.
terminal_sane() {
  grep -qE '(^| )icanon( |$)' "$WORK/stty" || fail "terminal left without icanon: $(cat "$WORK/stty")"
  grep -qE '(^| )echo( |$)' "$WORK/stty" || fail "terminal left without echo: $(cat "$WORK/stty")"
}

# answers_from N ANSWER...: answers question N, N+1, ... in turn (an empty ANSWER is just
# Enter), waiting after each but the last until the next question is on the screen.
answers_from() {
  local n=$1 i
  shift
  for ((i = 1; i <= $#; i++, n++)); do
    type_line "${!i}"
    ((i == $#)) || wait_for "Question $((n + 1)) of"
  done
}

# recording: the whole session as it went by in the terminal, from the first question to the
# last line: the scrollback and the screen, lines the terminal wrapped joined again (-J), so
# that a word is never split across two lines.
recording() { tmx capture-pane -p -J -S - -E - -t ask; }

# The default rule set's questions as lines "id<TAB>type<TAB>prompt", in asking order, from
# `backtriage [ARGS...] rules list --format json` (the prompts with the region's terms).
question_table() {
  local json
  json=$("$BINARY" "$@" rules list --format json) || fail "rules list failed"
  if command -v jq >/dev/null; then
    jq -r '.questions[] | [.id, .type, .prompt] | @tsv' <<<"$json"
  elif command -v python3 >/dev/null; then
    python3 -c 'import json, sys
for q in json.load(sys.stdin)["questions"]: print(q["id"], q["type"], q["prompt"], sep="\t")' <<<"$json"
  else
    fail "these tests need jq or python3 to read JSON"
  fi
}

# The labels of the default questions, "id<TAB>label", from rules/10-questions.yaml.
question_labels() {
  awk '/^  - id: /{ id = $3 } /^    label: /{ sub(/^    label: /, ""); print id "\t" $0 }' \
    "$SOURCE_DIR/rules/10-questions.yaml"
}

# no_ids FILE: FILE, the recording of a session in the patient view, names no question id and
# no rule id anywhere.
#
# Rule ids (D1, U6, P6...) are a capital and digits: searched for as whole words.
#
# Question ids with an underscore or a digit (duration_days, saddle_numbness...) are never
# English: searched for anywhere, even inside a word. Single-word ids (age, fever, numbness,
# weakness, recurrent, improving, pregnant, deformity) are also ordinary words of prompts, help
# and labels ("new numbness or tingling", "a fever or shaking chills"), so searching for the
# word would fail on correct text. Instead every shape in which the program names a question by
# its id is searched for, as a whole word:
#   (id)            the version 1 progress line "Question 9 of up to 19 (age): ..."
#   'id'  "id"      a message that quotes a question: "question 'age': ..."
#   id=             an answer in eval's form
#   id:             a field or list key: "- fever: no", "age: 40"
#   id   answer     a column of the clinician summary: "  age           skipped"
#   id, id          a list of ids: "Not asked (they do not apply): recurrent, improving"
# The one legitimate "id:" is a line of the answers summary "- LABEL: answer" where the label
# is the same word as the id (the label of age is "age"). So the summary is checked on its own
# (every item must name a question's label) and its lines are left out of the shape search.
no_ids() {
  local file=$1 id singles=() all=() labels label item
  while IFS=$'\t' read -r id _; do
    all+=("$id")
    if [[ $id == *[_0-9]* ]]; then
      ! grep -qF -- "$id" "$file" || fail "question id $id in the recording: $(grep -nF -- "$id" "$file" | head -3)"
    else
      singles+=("$id")
    fi
  done < <(question_table)
  ((${#all[@]} > 0 && ${#singles[@]} > 0)) || fail "no question ids from rules list"
  ! grep -qE '\b[DCEURP][0-9]+\b' "$file" || fail "rule id in the recording: $(grep -nE '\b[DCEURP][0-9]+\b' "$file" | head -3)"

  # The answers summary: from "Your answers" to the first blank line; an item may wrap.
  labels=$(question_labels | cut -f2)
  [[ -n "$labels" ]] || fail "no labels in rules/10-questions.yaml"
  local items=0
  while IFS= read -r item; do
    ((++items))
    label=${item%%: *}
    grep -qxF -- "$label" <<<"$labels" || fail "the answers summary names '$label', not a question label"
  done < <(awk '/^Your answers$/ { inside = 1; next } inside && /^$/ { inside = 0 }
                inside && /^  - / { if (item != "") print item; item = substr($0, 5); next }
                inside && /^  / && item != "" { item = item " " substr($0, 3); next }
                END { if (item != "") print item }' "$file")
  ((items > 0)) || fail "no answers summary in the recording"

  local one list shapes
  one=$(IFS='|'; echo "${singles[*]}")
  list=$(IFS='|'; echo "${all[*]}")
  shapes="\\(($one)\\)|'($one)'|\"($one)\"|\\b($one)[=:]|^ *($one)  +[^ ]|\\b($list), ($list)\\b"
  # Everything but the summary block (whose items were checked above).
  awk '/^Your answers$/ { inside = 1 } inside && /^$/ { inside = 0 } !inside' "$file" >"$WORK/no_summary"
  ! grep -qE -- "$shapes" "$WORK/no_summary" ||
    fail "a question id in the recording: $(grep -nE -- "$shapes" "$WORK/no_summary" | head -3)"
}
