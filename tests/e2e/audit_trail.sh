#!/bin/bash
# The audit trail of ask, eval and score: one valid JSON line per triaged case, the record on
# disk before the result is shown (exit 73 and nothing shown when it cannot be written), safe
# with many writers at once, and complete enough that re-scoring the recorded answers gives
# every recorded outcome under the recorded rule-set hash. Then `audit summary` of the file.
# Usage: bash audit_trail.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
unset BACKTRIAGE_AUDIT
cd "$tmp"
intake=$src/examples/intake.csv
clear_case=(duration_days=10 numbness=no weakness=no difficulty_walking=no prior_injury=no age=62 night_pain=yes
            thoracic_pain=yes)

# ---- eval: one record, whose digest is that of what was printed ----------------------------
"$bin" eval --audit one.jsonl --answered-by clinician --id C-1 "${clear_case[@]}" >eval.txt
expect_eq "eval --audit exit" 0 "$?"
python3 - one.jsonl eval.txt <<'PY' || fail "the eval record"
import hashlib, json, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 1, lines
r = json.loads(lines[0])
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["time"]), r["time"]
assert (r["mode"], r["id"], r["answered_by"], r["status"]) == ("eval", "C-1", "clinician", "ok"), r
assert r["ruleset"]["name"] == "backtriage default rules" and r["ruleset"]["region"] == "uk", r["ruleset"]
assert len(r["ruleset"]["hash"]) == 32 and r["backtriage"], r
assert r["answers"]["night_pain"] == "yes" and r["answers"]["duration_days"] == "10", r["answers"]
assert r["outputs"]["recommendation"] == "see-specialist" and r["outputs"]["urgency"] == "urgent", r["outputs"]
assert r["red_flags"] == ["night_pain", "thoracic_pain"] and "U5" in r["rules"], r
assert r["emergency"] is False and r["stopped_at_emergency"] is None, r
assert r["shown"] == {"as": "text clinician", "sha256": hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest()}, r
PY

# BACKTRIAGE_AUDIT names the file when --audit does not; --audit wins over it.
BACKTRIAGE_AUDIT=env.jsonl "$bin" eval --format json "${clear_case[@]}" >/dev/null
BACKTRIAGE_AUDIT=env.jsonl "$bin" eval --audit option.jsonl "${clear_case[@]}" >/dev/null
expect_eq "records via BACKTRIAGE_AUDIT" 1 "$(wc -l <env.jsonl)"
expect_eq "records via --audit despite BACKTRIAGE_AUDIT" 1 "$(wc -l <option.jsonl)"
grep -q '"shown":{"as":"json"' env.jsonl || fail "eval --format json is not recorded as json: $(cat env.jsonl)"
grep -q '"answered_by":null' env.jsonl || fail "an unstated answered_by is not null: $(cat env.jsonl)"
# The default id is made from the time: 20261202T135421Z-PID.
grep -Eq '"id":"[0-9]{8}T[0-9]{6}Z-[0-9a-f]+"' env.jsonl || fail "default id: $(cat env.jsonl)"
# A case that cannot be scored is recorded too, with why.
"$bin" eval --audit bad.jsonl duration_days=10 >/dev/null 2>&1
expect_eq "eval of an incomplete case" 65 "$?"
grep -q '"status":"error","error":"required question' bad.jsonl || fail "error record: $(cat bad.jsonl)"

# ---- a record that cannot be written: exit 73, nothing shown -------------------------------
for target in /dev/full no/such/dir/audit.jsonl; do
  "$bin" eval --audit "$target" "${clear_case[@]}" >out.txt 2>err.txt
  expect_eq "eval --audit $target exit" 73 "$?"
  [ ! -s out.txt ] || fail "eval showed a result although its record was not written to $target"
  grep -q "backtriage: error: cannot \(open\|write to\) the audit file '$target'" err.txt || fail "message: $(cat err.txt)"
  "$bin" score --audit "$target" "$intake" >out.txt 2>err.txt
  expect_eq "score --audit $target exit" 73 "$?"
  [ ! -s out.txt ] || fail "score showed rows although their records were not written to $target"
  printf '10\nyes\nno\nno\nyes\n' | "$bin" ask --audit "$target" >out.txt 2>err.txt
  expect_eq "ask --audit $target exit" 73 "$?"
  [ ! -s out.txt ] || fail "ask showed a result although its record was not written to $target"
done
# No audit file, no record: --audit is needed.
"$bin" eval --answered-by $'a\tb' "${clear_case[@]}" >/dev/null 2>err.txt
expect_eq "--answered-by with a control character" 64 "$?"

# ---- score: a record per row, error rows too, each naming the row it showed ----------------
"$bin" score --audit score.jsonl --answered-by "Dr Smith" "$intake" >score.csv 2>/dev/null
expect_eq "score --audit exit (the intake ends with bad rows)" 65 "$?"
python3 - score.jsonl score.csv <<'PY' || fail "the score records"
import hashlib, json, sys
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
rows = open(sys.argv[2], "rb").read().splitlines(keepends=True)[1:]
assert len(records) == len(rows) == 50, (len(records), len(rows))
for r, row in zip(records, rows):
    assert r["mode"] == "score" and r["answered_by"] == "Dr Smith", r
    assert r["id"] == row.decode().split(",")[0], (r["id"], row)
    assert r["shown"] == {"as": "csv", "sha256": hashlib.sha256(row).hexdigest()}, (r["shown"], row)
    assert r["status"] == row.decode().split(",")[1], (r["status"], row)
assert sum(r["status"] == "error" for r in records) == 3
PY

# ---- ask (piped): an emergency stop, and a run that ended before the end -------------------
printf '10\nyes\nno\nno\nyes\n' | "$bin" ask --audit ask.jsonl --id desk-7 >ask.txt 2>/dev/null
expect_eq "ask --audit exit" 0 "$?"
printf '10\nyes\n' | "$bin" ask --audit ask.jsonl --answered-by clinician >/dev/null 2>&1
expect_eq "ask ended by end of input" 1 "$?"
python3 - ask.jsonl ask.txt <<'PY' || fail "the ask records"
import hashlib, json, sys
stop, ended = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert (stop["mode"], stop["id"], stop["answered_by"], stop["status"]) == ("ask", "desk-7", "patient", "ok"), stop
assert stop["answers"] == {"duration_days": "10", "leg_pain": "yes", "numbness": "no", "weakness": "no", "both_legs": "yes"}, stop
assert stop["stopped_at_emergency"] is True and stop["emergency"] is True, stop
assert stop["outputs"]["urgency"] == "emergency" and stop["red_flags"] == ["both_legs"], stop
assert "age" in stop["not_asked"], stop["not_asked"]
assert stop["shown"] == {"as": "text patient", "sha256": hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest()}
assert ended["status"] == "incomplete" and ended["outputs"] is None and ended["answered_by"] == "clinician", ended
assert ended["error"] == "input ended at question 3 (numbness): no recommendation was made", ended["error"]
PY

# ---- many writers at once: exactly one whole line per case ---------------------------------
pids=()
for n in $(seq 1 40); do
  "$bin" eval --audit shared.jsonl --id "case-$n" "${clear_case[@]}" >/dev/null &
  pids+=($!)
done
for n in 1 2 3 4; do
  "$bin" score --audit shared.jsonl --format jsonl "$intake" >/dev/null 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || [ $? -eq 65 ] || fail "a concurrent writer failed"; done
python3 - shared.jsonl <<'PY' || fail "concurrent writers"
import collections, json, sys
ids = collections.Counter()
for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    ids[json.loads(line)["id"]] += 1  # every line is one whole record
assert sum(ids.values()) == 40 + 4 * 50, sum(ids.values())
assert all(ids[f"case-{n}"] == 1 for n in range(1, 41)), ids
assert all(ids[f"P{n:04d}"] == 4 for n in range(1, 51)), ids
PY

# ---- re-scored, every recorded outcome comes back under the same rule-set hash ------------
# ask stops asking at an emergency, so the required questions it never reached are blank, which
# score refuses: the replay answers them with the lowest value (no, or the minimum); an
# emergency stands whatever they are, and the outcome must come back the same.
cat one.jsonl env.jsonl score.jsonl ask.jsonl shared.jsonl >all.jsonl
"$bin" rules list --format json >questions.json
python3 - all.jsonl replay.csv questions.json <<'PY' || fail "could not turn the audit file into an intake"
import csv, json, sys
questions = {q["id"]: q for q in json.load(open(sys.argv[3]))["questions"]}
lowest = lambda q: "no" if q["type"] == "yes_no" else str(q.get("min", 0))
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
records = [r for r in records if r["status"] != "incomplete"]
names = sorted({k.strip().lower() for r in records for k in r["answers"]} |
               {q for r in records for q in r["not_asked"] if questions[q]["required"]})
def text(v):
    return "" if v is None else ("yes" if v is True else "no" if v is False else str(v))
with open(sys.argv[2], "w", newline="") as out:
    w = csv.writer(out)
    w.writerow(["id"] + names)
    for n, r in enumerate(records):
        given = {k.strip().lower(): text(v) for k, v in r["answers"].items()}
        for q in r["not_asked"]:
            if questions[q]["required"]:
                given[q] = lowest(questions[q])
        w.writerow([f"R{n}"] + [given.get(k, "") for k in names])
PY
"$bin" score --format jsonl replay.csv >replay.jsonl 2>/dev/null
python3 - all.jsonl replay.jsonl <<'PY' || fail "the re-scored audit file differs from the records"
import json, sys
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
records = [r for r in records if r["status"] != "incomplete"]
rescored = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(records) == len(rescored) > 250, (len(records), len(rescored))
outputs = ["duration_class", "category", "recommendation", "urgency"]
for r, s in zip(records, rescored):
    assert s["ruleset"] == r["ruleset"]["hash"] and s["region"] == r["ruleset"]["region"], (r["ruleset"], s)
    assert s["status"] == r["status"], (r, s)
    if r["status"] != "ok":
        continue
    assert {o: s[o] for o in outputs} == r["outputs"], (r["id"], r["outputs"], s)
    assert s["red_flags"] == r["red_flags"], (r["id"], r, s)
    if r["not_asked"]:  # blanks the replay leaves may match more rules, but none of these is lost
        assert set(r["rules"]) <= set(s["rules"]), (r["id"], r["rules"], s["rules"])
    else:
        assert (s["rules"], s["unanswered"]) == (r["rules"], r["unanswered"]), (r["id"], r, s)
PY

# ---- audit summary ------------------------------------------------------------------------
cp all.jsonl summary.jsonl
printf 'not json\n{"time":"2026-12-02T14:1' >>summary.jsonl
"$bin" audit summary summary.jsonl >summary.txt 2>summary.err
expect_eq "audit summary exit with bad lines" 65 "$?"
lines=$(wc -l <all.jsonl)
grep -qxF "backtriage: warning: summary.jsonl:$((lines + 1)): not an audit record: invalid JSON (a line cut short?)" summary.err ||
  fail "bad line warning: $(cat summary.err)"
grep -qF "summary.jsonl:$((lines + 2)): not an audit record" summary.err || fail "cut line warning: $(cat summary.err)"
python3 - all.jsonl summary.txt <<'PY' || fail "the summary does not match the records: $(cat summary.txt)"
import collections, json, sys
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
text = open(sys.argv[2]).read()
assert text.startswith(f"summary.jsonl: {len(records)} records, "), text
outcomes = collections.Counter(f'{r["outputs"]["recommendation"]} / {r["outputs"]["urgency"]}'
                               if r["status"] == "ok" else f'({r["status"]})' for r in records)
for outcome, count in outcomes.items():
    assert any(l.split() == outcome.split() + [str(count)] for l in text.splitlines()), (outcome, count)
days = collections.Counter(r["time"][:10] for r in records if r["emergency"])
for day, count in days.items():
    assert f"  {day}  {count:>6}" in text, (day, count)
flags = collections.Counter(f for r in records for f in r["red_flags"])
top = flags.most_common(1)[0]
assert any(l.split() == [top[0], str(top[1])] for l in text.splitlines()), top
assert "2 lines not counted (see the warnings)" in text
PY
"$bin" audit summary all.jsonl >/dev/null 2>summary.err
expect_eq "audit summary exit of a clean file" 0 "$?"
expect_eq "audit summary warnings of a clean file" "" "$(cat summary.err)"
"$bin" audit summary missing.jsonl >/dev/null 2>&1
expect_eq "audit summary of a missing file" 66 "$?"

# `--audit -` is standard output: with score -o the trail goes down a pipe; where the results
# use standard output it is refused before anything is done. No file named '-' appears.
"$bin" score "$src/examples/intake-clean.csv" -q -o dash.csv --audit - 2>dash.err | "$bin" audit summary - >dash.summary
expect_eq "exit code of score -o FILE --audit -" 0 "${PIPESTATUS[0]}"
grep -q "^standard input: 47 records" dash.summary || fail "the trail on standard output: $(head -n 3 dash.summary)"
expect_eq "rows of score -o FILE --audit -" 48 "$(wc -l <dash.csv)"
"$bin" eval --audit - "${clear_case[@]}" >dash.out 2>dash.err
expect_eq "exit code of eval --audit -" 64 "$?"
expect_eq "stderr of eval --audit -" "backtriage: error: --audit -: the results go to standard output already; give the audit trail a file, or score with -o FILE" "$(cat dash.err)"
[ -e ./- ] && fail "--audit - wrote a file named '-'"
[ -s dash.out ] && fail "eval --audit - printed a result"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
