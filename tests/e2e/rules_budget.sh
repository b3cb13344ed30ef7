#!/bin/bash
# Proofs at scale never hang or exhaust the machine: a generated rule set too large for the
# memory allowed stops `rules check` (exit 78) and `rules diff` (exit 70) with a message that
# names what could not finish and how to allow more; on a terminal, a check that runs past a
# second shows a progress line on stderr, and nothing of it reaches a pipe.
# Usage: bash rules_budget.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
gen=$src/bench/gen_rules.py
python3 "$gen" clinic "$tmp/big" --questions 200 --rules 2000 --invariants 100 --seed 1
python3 "$gen" clinic "$tmp/other" --questions 200 --rules 2000 --invariants 100 --seed 2

"$bin" rules check --rules "$tmp/big" --max-memory 16 >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of check over budget" 78 "$?"
grep -q "rules check could not finish .* within 16 MB of memory; raise it with --max-memory" "$tmp/err" ||
  fail "check over budget: $(cat "$tmp/err")"
grep -q "check unfinished" "$tmp/out" || fail "check over budget, summary: $(cat "$tmp/out")"
grep -q "internal error\|bad_alloc" "$tmp/err" && fail "check over budget reads as a crash: $(cat "$tmp/err")"

"$bin" rules diff "$tmp/big" "$tmp/other" --max-memory 16 >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of diff over budget" 70 "$?"
grep -q "rules diff could not finish comparing .* within 16 MB of memory" "$tmp/err" ||
  fail "diff over budget: $(cat "$tmp/err")"

"$bin" rules check --rules "$tmp/big" --max-memory 8 >/dev/null 2>"$tmp/err"
expect_eq "exit code of --max-memory below the minimum" 64 "$?"

# The same check with the default budget finishes; through a pipe it prints no progress.
"$bin" rules check --rules "$tmp/big" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of check within the default budget" 0 "$?"
grep -q "^rules: 200 questions, 2,000 rules, 100 invariants proved" "$tmp/out" || fail "summary: $(cat "$tmp/out")"
grep -q "proving invariant" "$tmp/err" && fail "progress reached a pipe"
# Thousands of warnings: the first 100, then a count (and the invariants that never apply).
expect_eq "warnings shown in full" 100 "$(grep -c "warning: rule '" "$tmp/err")"
grep -q "^\.\.\. and 1,898 more warnings not shown: the first 100 are above$" "$tmp/err" ||
  fail "no count of the warnings not shown: $(grep '^\.\.\.' "$tmp/err")"

# On a terminal: the progress line appears once the run passes a second (this one takes
# several), and the line is erased before the summary.
python3 - "$bin" "$tmp/big" >"$tmp/pty" <<'PY' || fail "no progress line on a terminal: $(cat "$tmp/pty")"
import os, pty, subprocess, sys, time
master, slave = pty.openpty()
start = time.time()
proc = subprocess.Popen([sys.argv[1], "rules", "check", "--rules", sys.argv[2]], stdin=subprocess.DEVNULL,
                        stdout=subprocess.PIPE, stderr=slave, close_fds=True)
os.close(slave)
seen = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
out, _ = proc.communicate()
elapsed = time.time() - start
print(repr(seen[-300:]), elapsed)
if elapsed < 1.5:
    print("too fast to show progress: skipped")
    sys.exit(0)
# Every drawing of the line starts with "\r\x1b[K"; the last one drawn must be erased by another
# before anything else is printed (warnings may follow the erase).
labels = (b"compiling the rules", b"finding rules", b"proving invariant")
last_draw = max(seen.rfind(b"\r\x1b[K" + label) for label in labels)
assert last_draw >= 0, seen[-300:]
after = seen[last_draw + 3:]
erase = after.find(b"\r\x1b[K")
assert erase >= 0 and b"\n" not in after[:erase], "the progress line was not erased"
assert out.startswith(b"rules: 200 questions"), out
PY

[ "$failures" -eq 0 ] || exit 1
echo "ok: budgets end check (78) and diff (70) with a message; progress only on a terminal"
