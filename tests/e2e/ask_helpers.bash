# Helpers for the `ask` end-to-end tests (sourced, not run: ctest runs only *.sh).
# Drives the real binary in a tmux pseudo-terminal, as a person would: start, type, wait for the
# screen to show something, check how it ended. Every test gets a private tmux server that is
# killed on exit, whatever happens.
#
# Usage in a test: source "$(dirname "$0")/ask_helpers.bash" "$@"   (arguments: BINARY SOURCE_DIR)
set -euo pipefail

BINARY=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")   # absolute: tests cd elsewhere
SOURCE_DIR=$2
WORK=$(mktemp -d)
TIMEOUT=${ASK_TEST_TIMEOUT:-20}   # seconds to wait for any one screen
# Each session gets its own private server: restarting one on a socket that is still shutting
# down can fail ("server exited unexpectedly").
SESSIONS=0
SOCKET=backtriage-test-$$-0

tmx() { tmux -L "$SOCKET" -f /dev/null "$@"; }
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
# allowed (NO_COLOR unset), ending any earlier session. When it exits, its status goes to
# $WORK/exit and the terminal settings to $WORK/stty.
start() {
  local command
  ((SESSIONS == 0)) || tmx kill-server 2>/dev/null || true
  SOCKET=backtriage-test-$$-$((++SESSIONS))
  rm -f "$WORK/exit" "$WORK/stty"
  command="cd $(printf %q "$WORK") && env -u NO_COLOR TERM=xterm-256color $(printf '%q ' "$BINARY" "$@");"
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
