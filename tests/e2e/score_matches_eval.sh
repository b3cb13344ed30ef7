#!/bin/bash
# The score path of the worked cases: tests/cases/score_worked_cases.stdin holds the worked
# cases W* of rules/90-tests.yaml as intake rows (every unlisted yes/no question answered no);
# score gives each the outcome the rule set's own test expects, and exactly what
# `eval --format json --json -` gives for the same answers: duration_class, category, recommendation,
# urgency, red_flags, unanswered and rules, in both regions.
# Usage: bash score_matches_eval.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
if ! command -v python3 >/dev/null; then
  echo "SKIP: python3 is not installed"
  exit 0
fi
cases=$src/tests/cases/score_worked_cases.stdin

# The intake rows are the worked cases of the rule set, and score meets their expectations
# (needs PyYAML to read rules/90-tests.yaml).
"$bin" score "$cases" --quiet >"$tmp/score.csv" 2>"$tmp/err"
expect_eq "exit code of score" 0 "$?"
expect_eq "stderr of score" "" "$(cat "$tmp/err")"
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$src/rules" "$cases" "$tmp/score.csv" <<'PY' || fail "the worked-case rows are not those of rules/90-tests.yaml"
import csv, re, sys, yaml
rules = sys.argv[1]
questions = yaml.safe_load(open(rules + "/10-questions.yaml"))["questions"]
tests = [t for t in yaml.safe_load(open(rules + "/90-tests.yaml"))["tests"] if re.match(r"W\d+[a-z]?:", t["name"])]
intake = list(csv.DictReader(open(sys.argv[2], newline="")))
scored = {r["id"]: r for r in csv.DictReader(open(sys.argv[3], newline=""))}
assert len(tests) >= 55, len(tests)
assert [t["name"].split(":")[0] for t in tests] == [r["id"] for r in intake], "ids differ from the worked cases"
assert list(intake[0]) == ["id"] + [q["id"] for q in questions], "the header is not id and the questions in order"
def text(v):
    return "yes" if v is True else "no" if v is False else "" if v is None else str(v)
bad = []
for t, row in zip(tests, intake):
    assert t.get("unlisted") is False, t["name"]
    answers = {k: text(v) for k, v in t["answers"].items()}
    for q in questions:
        want = answers.get(q["id"], "no" if q["type"] == "yes_no" else None)
        if want is None or row[q["id"]] != want:
            bad.append("%s: %s is %r, the worked case has %r" % (row["id"], q["id"], row[q["id"]], want))
    out = scored[row["id"]]
    for key, want in t["expect"].items():
        got = out[key]
        if isinstance(want, list):
            got = got.split(";") if got else []
        if got != want:
            bad.append("%s: %s is %r, the worked case expects %r" % (row["id"], key, got, want))
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
else
  echo "note: PyYAML is missing; not comparing with rules/90-tests.yaml"
fi

# score and eval agree on every case, in both regions. One Python process runs eval on each
# case's answers as a JSON object (a blank is null: unanswered).
for region in uk us; do
  "$bin" score --region $region --format jsonl "$cases" >"$tmp/score.$region.jsonl" 2>/dev/null
  expect_eq "exit code of score --region $region" 0 "$?"
  python3 - "$bin" "$cases" "$tmp/score.$region.jsonl" "$region" <<'PY' || fail "score and eval disagree in region $region"
import csv, json, subprocess, sys
binary, cases, scored_file, region = sys.argv[1:]
rows = list(csv.DictReader(open(cases, newline="")))
scored = [json.loads(line) for line in open(scored_file)]
assert len(scored) == len(rows) >= 55, (len(scored), len(rows))
bad = []
for row, s in zip(rows, scored):
    case_id = row.pop("id")
    answers = {q: (v if v != "" else None) for q, v in row.items()}
    run = subprocess.run([binary, "eval", "--region", region, "--format", "json", "--json", "-"],
                         input=json.dumps(answers), capture_output=True, text=True)
    if run.returncode != 0:
        bad.append("%s: eval exited %d: %s" % (case_id, run.returncode, run.stderr.strip()))
        continue
    e = json.loads(run.stdout)
    assert s["id"] == case_id and s["status"] == e["status"] == "ok", (case_id, s, e)
    for key in ("duration_class", "category", "recommendation", "urgency", "red_flags", "unanswered"):
        if s[key] != e[key]:
            bad.append("%s: %s: score %r, eval %r" % (case_id, key, s[key], e[key]))
    if s["rules"] != [r["id"] for r in e["rules"]]:
        bad.append("%s: rules: score %r, eval %r" % (case_id, s["rules"], [r["id"] for r in e["rules"]]))
    if (s["ruleset"], s["region"], s["version"]) != (e["ruleset"]["hash"], e["ruleset"]["region"], e["version"]):
        bad.append("%s: rule set: score %r, eval %r" % (case_id, (s["ruleset"], s["region"], s["version"]),
                                                         (e["ruleset"], e["version"])))
    if s["region"] != region:
        bad.append("%s: region %r" % (case_id, s["region"]))
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
done

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
