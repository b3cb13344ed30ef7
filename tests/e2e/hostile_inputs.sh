#!/bin/bash
# Exit 70 is for bugs only: every subcommand, given the hostile inputs of a security review
# (rule directories holding a directory, a FIFO, a device or a link to /dev/zero named *.yaml,
# a Latin-1 title, files over the caps, 20,000 keys; JSON that is bad, huge, out of range or
# deeply nested; bad CSV), ends by itself with a data, input or rule-set error: never 70, never
# a signal, never a hang. Then each case of the review is checked for its exit code and message.
# Usage: bash hostile_inputs.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
command -v timeout >/dev/null || { echo "SKIP: timeout is not installed"; exit 77; }

# ---- the hostile inputs --------------------------------------------------------------------
dirs="$tmp/dirs"
in="$tmp/in"
mkdir -p "$dirs" "$in"
python3 - "$src/rules" "$dirs" "$in" <<'PY'
import os, shutil, sys
rules, dirs, inputs = sys.argv[1:4]
def copy(name):
    path = os.path.join(dirs, name)
    shutil.copytree(rules, path, ignore=shutil.ignore_patterns("README.md"))
    return path
def fresh(name):
    path = os.path.join(dirs, name)
    os.makedirs(path)
    return path
def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
os.makedirs(os.path.join(copy("directory"), "x.yaml"))
os.mkfifo(os.path.join(copy("fifo"), "x.yaml"))
os.symlink("/dev/zero", os.path.join(copy("zero"), "x.yaml"))
os.symlink("/dev/null", os.path.join(copy("device"), "x.yaml"))
os.symlink("nowhere", os.path.join(copy("dangling"), "x.yaml"))
path = os.path.join(copy("latin1"), "20-duration.yaml")
text = open(path, "rb").read()
write(path, text.replace(b"title: New back pain (less than 4 weeks)", b"title: New back pain (caf\xe9)", 1))
write(os.path.join(copy("huge_file"), "x.yaml"), b"#" * (2 << 20) + b"\n")
d = fresh("huge_directory")
for i in range(17):
    write(os.path.join(d, "%02d.yaml" % i), b"#" * ((1 << 20) - 1) + b"\n")
write(os.path.join(fresh("keys_20000"), "a.yaml"),
      ("terms:\n" + "".join("  k%d: v\n" % i for i in range(20000))).encode())
write(os.path.join(fresh("unknown_keys_20000"), "a.yaml"), "".join("unknown%d: 1\n" % i for i in range(20000)).encode())
with open(os.path.join(fresh("conditions_15000"), "a.yaml"), "w") as f:
    f.write("questions:\n  - {id: q, type: yes_no, prompt: Q}\nrules:\n")
    f.write("".join("  - {id: R%d, urgency: x, when: q and nope%d}\n" % (i, i) for i in range(15000)))
d = fresh("files_10000")
for i in range(10000):
    write(os.path.join(d, "f%05d.yaml" % i), b"bogus%d: 1\n" % i)
write(os.path.join(fresh("control_chars"), "a.yaml"), b"\x1b[2J\x1b]0;pwned\x07: 1\nquestions: []\n")
# Intake: one case a file, as eval --json and score --input jsonl read them.
cases = {
    "bad_json": b'{"age": tru,\n',
    "not_object": b"[1, 2]\n",
    "number_1e400": b'{"age": 1e400, "duration_days": 3}\n',
    "number_huge": b'{"age": 123456789012345678901234567890}\n',
    "deep": b'{"age": ' + b"[" * 100000 + b"]" * 100000 + b"}\n",
    "deep_id": b'{"id": ' + b"{\"a\":" * 50000 + b"1" + b"}" * 50000 + b"}\n",
    "huge_string": b'{"age": "' + b"x" * (3 << 20) + b'"}\n{"age": 40}\n',
    "huge_key": b'{"' + b"k" * 500000 + b'": 1}\n',
    "latin1": b'{"age": "caf\xe9"}\n',
    "nul": b'{"age": 4\x000}\n',
    "duplicate": b'{"age": 40, "age": 41}\n',
    "empty": b"",
}
for name, data in cases.items():
    write(os.path.join(inputs, name + ".json"), data)
header = b"id,age,duration_days\n"
csvs = {
    "unterminated": header + b'1,"40,3\n',
    "nul": header + b"1,4\x000,3\n" * 3,
    "latin1": header + b"1,caf\xe9,3\n",
    "huge_record": header + b"1," + b"9" * (2 << 20) + b",3\n2,40,3\n",
    "no_header": b"",
    "binary": bytes(range(256)) * 64,
}
for name, data in csvs.items():
    write(os.path.join(inputs, name + ".csv"), data)
PY

# run LABEL COMMAND...: runs with a time limit; fails on exit 70, a signal or a hang. Sets
# code, and out/err to the files holding its output.
out="$tmp/out"
err="$tmp/err"
run() {
  local label=$1
  shift
  timeout -k 5 60 "$@" >"$out" 2>"$err" </dev/null
  code=$?
  if [ "$code" = 124 ] || [ "$code" = 137 ]; then fail "$label: did not end within 60 s"
  elif [ "$code" = 70 ]; then fail "$label: exit 70 (a bug): $(head -c 300 "$err")"
  elif [ "$code" -gt 128 ]; then fail "$label: killed by signal $((code - 128))"
  fi
}
# run_in LABEL INPUT COMMAND...: the same with INPUT as standard input.
run_in() {
  local label=$1 input=$2
  shift 2
  timeout -k 5 60 "$@" >"$out" 2>"$err" <"$input"
  code=$?
  if [ "$code" = 124 ] || [ "$code" = 137 ]; then fail "$label: did not end within 60 s"
  elif [ "$code" = 70 ]; then fail "$label: exit 70 (a bug): $(head -c 300 "$err")"
  elif [ "$code" -gt 128 ]; then fail "$label: killed by signal $((code - 128))"
  fi
}

# ---- the sweep -----------------------------------------------------------------------------
for sub in "" ask score eval rules "rules check" "rules test" "rules list" "rules diff" audit "audit summary"; do
  for flag in --help --version; do
    [ "$flag" = --version ] && [ -n "$sub" ] && continue
    run "backtriage $sub $flag" "$bin" $sub $flag
    expect_eq "exit code of backtriage $sub $flag" 0 "$code"
  done
done
answers=(age=40 duration_days=3 numbness=no weakness=no difficulty_walking=no prior_injury=no)
for dir in "$dirs"/*; do
  name=$(basename "$dir")
  run "rules check ($name)" "$bin" rules check --rules "$dir"
  run "rules list --format json ($name)" "$bin" rules list --rules "$dir" --format json
  run "eval ($name)" "$bin" eval --rules "$dir" "${answers[@]}" --format json
  # Every command loads a rule set through the same code: the large directories once more.
  case $name in huge_directory|keys_20000|unknown_keys_20000|files_10000|conditions_15000) continue ;; esac
  run "rules test ($name)" "$bin" rules test --rules "$dir"
  run "rules list ($name)" "$bin" rules list --rules "$dir"
  run "rules diff ($name)" "$bin" rules diff "$src/rules" "$dir"
  run "score ($name)" "$bin" score --rules "$dir" "$src/examples/intake.csv"
  run_in "ask ($name)" "$src/examples/intake.csv" "$bin" ask --rules "$dir" --no-pager
done
for case in "$in"/*.json; do
  name=$(basename "$case")
  run "eval --json $name" "$bin" eval --json "$case"
  run "eval --json $name --format json --audit" "$bin" eval --json "$case" --format json --audit "$tmp/audit.jsonl"
  run_in "eval --json - < $name" "$case" "$bin" eval --json -
  run "score --input jsonl $name" "$bin" score --input jsonl "$case" --format jsonl --audit "$tmp/audit.jsonl"
  run_in "ask < $name" "$case" "$bin" ask --no-pager
done
for case in "$in"/*.csv; do
  name=$(basename "$case")
  run "score $name" "$bin" score "$case"
  run "score $name --format jsonl --strict" "$bin" score "$case" --format jsonl --strict --audit "$tmp/audit.jsonl"
  run "score --input jsonl $name" "$bin" score --input jsonl "$case"
  run "score --encoding cp1252 $name" "$bin" score --encoding cp1252 "$case"
done
run "audit summary of the records written" "$bin" audit summary "$tmp/audit.jsonl"
expect_eq "exit code of audit summary" 0 "$code"

# ---- each case of the review ---------------------------------------------------------------
# contains LABEL FILE TEXT: FILE holds TEXT.
contains() { grep -qF -- "$3" "$2" || fail "$1: expected [$3] in: $(head -c 600 "$2")"; }

for kind in "directory:a directory" "fifo:a FIFO" "zero:a symbolic link to a character device" \
            "device:a symbolic link to a character device"; do
  name=${kind%%:*}
  run "$name named x.yaml" "$bin" rules check --rules "$dirs/$name"
  expect_eq "exit code of $name named x.yaml" 78 "$code"
  contains "$name named x.yaml" "$err" "$dirs/$name/x.yaml: error: not a regular file but ${kind#*:} (rule files must be regular files)"
  run "eval with $name named x.yaml" "$bin" eval --rules "$dirs/$name" "${answers[@]}"
  expect_eq "exit code of eval with $name named x.yaml" 78 "$code"
  contains "eval with $name named x.yaml" "$err" "rule directory '$dirs/$name' is invalid"
done
run "a dangling link" "$bin" rules check --rules "$dirs/dangling"
expect_eq "exit code of a dangling link" 66 "$code"
contains "a dangling link" "$err" "cannot read rule file '$dirs/dangling/x.yaml': No such file or directory (a symbolic link to nothing)"

run "a 2 MiB rule file" "$bin" rules check --rules "$dirs/huge_file"
expect_eq "exit code of a 2 MiB rule file" 78 "$code"
contains "a 2 MiB rule file" "$err" "x.yaml: error: holds 2,097,153 bytes: a rule file may hold at most 1 MiB (1,048,576 bytes)"
run "a 17 MiB rule directory" "$bin" rules check --rules "$dirs/huge_directory"
expect_eq "exit code of a 17 MiB rule directory" 78 "$code"
contains "a 17 MiB rule directory" "$err" \
  "16.yaml: error: the rule files up to this one hold 17,825,792 bytes: a rule directory may hold at most 16 MiB (16,777,216 bytes)"

# 20,000 keys or files: every error counted, the first 100 printed (the speed is in bench/).
run "20,000 unknown terms" "$bin" rules check --rules "$dirs/keys_20000"
expect_eq "exit code of 20,000 unknown terms" 78 "$code"
expect_eq "20,000 terms: the summary" "rule directory '$dirs/keys_20000' is invalid: 20,002 errors" "$(cat "$out")"
contains "20,000 terms" "$err" "... and 19,902 more not shown (19,902 errors): the first 100 are above"
run "20,000 unknown top-level keys" "$bin" eval --rules "$dirs/unknown_keys_20000" age=40
expect_eq "exit code of 20,000 unknown top-level keys" 78 "$code"
# The first is the set's own error (no questions), then the keys in file order.
contains "20,000 unknown top-level keys" "$err" "a.yaml:99:1: error: unknown key 'unknown98' in a rule file"
contains "20,000 unknown top-level keys" "$err" "... and 19,902 more not shown (19,902 errors): the first 100 are above"
run "10,000 files with an error each" "$bin" rules check --rules "$dirs/files_10000"
expect_eq "exit code of 10,000 files" 78 "$code"
expect_eq "10,000 files: the summary" "rule directory '$dirs/files_10000' is invalid: 10,002 errors" "$(cat "$out")"
contains "10,000 files" "$err" "... and 9,902 more not shown (9,902 errors): the first 100 are above"

run "15,000 bad conditions" "$bin" rules check --rules "$dirs/conditions_15000"
expect_eq "exit code of 15,000 bad conditions" 78 "$code"
contains "15,000 bad conditions" "$err" "a.yaml:6:38: error: unknown question 'nope2'"

# Control characters of a rule file reach the terminal escaped.
run "control characters in a rule file" "$bin" rules check --rules "$dirs/control_chars"
expect_eq "exit code of control characters" 78 "$code"
grep -q $'\x1b' "$err" && fail "control characters: an escape character reached stderr"
contains "control characters" "$err" "unknown key '\\e[2J\\e]0;pwned\\x07' in a rule file"

# A Latin-1 title: refused at load with where and the byte, so JSON outputs never see it.
for command in "rules check" "rules test" "rules list --format json" "eval --format json ${answers[*]}"; do
  run "Latin-1 title: $command" "$bin" $command --rules "$dirs/latin1"
  expect_eq "exit code of $command with a Latin-1 title" 78 "$code"
  contains "Latin-1 title: $command" "$err" \
    "$dirs/latin1/20-duration.yaml:7:30: error: the file is not UTF-8: byte 0xe9 in 'title: New back pain (caf\\xe9)'"
done

# eval --json - with a gigabyte string: refused at the cap, without reading the rest.
{ printf '{"age": "'; head -c 1073741824 /dev/zero | tr '\0' x; printf '"}\n'; } |
  timeout 60 "$bin" eval --json - >"$out" 2>"$err"
code=$?
expect_eq "exit code of eval --json - with a 1 GB string" 65 "$code"
expect_eq "eval --json - with a 1 GB string: the message" \
  "backtriage: error: standard input: longer than 1 MiB (1,048,576 bytes), the most a JSON case may hold" "$(cat "$err")"
# score --input jsonl: that line is an error row, and the next line is scored.
run "score --input jsonl with a 3 MiB line" "$bin" score --input jsonl "$in/huge_string.json" --format jsonl
expect_eq "exit code of a 3 MiB JSON line" 65 "$code"
expect_eq "a 3 MiB JSON line: rows" 2 "$(wc -l <"$out")"
contains "a 3 MiB JSON line" "$out" '"errors":[{"line":1,"column":null,"value":null,"message":"the line is longer than 1 MiB (1,048,576 bytes), the most a JSON case may hold"}]'
[ "$(head -c 2000 "$out" | wc -c)" -lt 2000 ] || fail "a 3 MiB JSON line: the error row is longer than 2,000 bytes"
# Numbers out of range and deep nesting are data errors.
run "1e400" "$bin" eval --json "$in/number_1e400.json"
expect_eq "exit code of 1e400" 65 "$code"
contains "1e400" "$err" "invalid JSON: number overflow parsing '1e400'"
run "nesting 100,000 deep" "$bin" eval --json "$in/deep.json" --format json
expect_eq "exit code of nesting 100,000 deep" 65 "$code"
contains "nesting 100,000 deep" "$err" "nested more than 32 levels deep"

[ "$failures" = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "ok"
