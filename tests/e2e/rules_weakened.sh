#!/bin/bash
# Copies of the shipped rules with one emergency rule weakened or removed, made here with sed
# so that they track rules/: `rules check` fails (78) with counterexamples that eval confirms,
# `rules test` fails (1), and `rules diff` reports only changes due to that rule, each group's
# example showing the change under eval on both directories; `--intake` lists exactly the
# rows whose `score` output differs between the two directories.
# Usage: bash rules_weakened.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 0; }
shipped="$src/rules"
"$bin" rules list --rules "$shipped" --format json >"$tmp/list.json" || fail "rules list of the shipped rules"

# weaken NAME RULE CONDITION: a copy whose RULE has the `when:` CONDITION.
weaken() {
  cp -r "$shipped" "$tmp/$1"
  local file
  file=$(grep -l -- "- id: $2\$" "$tmp/$1"/*.yaml | head -1)
  [ -n "$file" ] || { fail "$1: rule $2 not found in the shipped rules"; return; }
  sed -i "/- id: $2\$/,/^ *when:/ s/^\( *when:\).*/\1 $3/" "$file"
  grep -q "when: $3\$" "$file" || fail "$1: could not weaken $2"
}

# remove NAME RULE: a copy without RULE; its id is also taken out of the expected rule lists.
remove() {
  cp -r "$shipped" "$tmp/$1"
  local file
  file=$(grep -l -- "- id: $2\$" "$tmp/$1"/*.yaml | head -1)
  awk -v id="$2" '/^  - id: /{skip = ($3 == id)} !skip' "$file" >"$tmp/cut" && cat "$tmp/cut" >"$file"
  grep -q -- "- id: $2\$" "$file" && fail "$1: could not remove $2"
  sed -i -E "s/, $2\\b//g; s/\\b$2, //g; s/\\[$2\\]/[]/g" "$tmp/$1"/*.yaml
}

# confirm_violation DIR INVARIANT ARGS...: eval shows the invariant of default-rules.md broken.
confirm_violation() {
  local dir=$1 invariant=$2
  shift 2
  "$bin" eval --rules "$dir" --format json "$@" >"$tmp/eval.json" 2>"$tmp/eval.err" ||
    { fail "eval rejected the counterexample $*: $(cat "$tmp/eval.err")"; return; }
  python3 - "$tmp/eval.json" "$tmp/list.json" "$invariant" "$*" <<'PY' || fail "eval does not confirm $3 on: $*"
import json, sys
d = json.load(open(sys.argv[1]))
listing = json.load(open(sys.argv[2]))
inv, args = sys.argv[3], sys.argv[4].split()
flags = {q["id"] for q in listing["questions"] if q["red_flag"] != "no"}
emergency = {q["id"] for q in listing["questions"] if q["red_flag"] == "emergency"}
rec, urg = d["recommendation"], d["urgency"]
broken = {
    "I1": bool(d["red_flags"]) and rec != "see-specialist",
    "I2": bool(set(d["red_flags"]) & emergency) and urg != "emergency",
    "I3": bool(set(d["unanswered"]) & flags) and rec == "self-manage",
    "I4": "weakness=yes" in args and rec != "see-specialist",
    "I5": urg != "routine" and rec != "see-specialist",
    "I6": "cancer_history=yes" in args
          and any(q + "=yes" in args for q in ("leg_pain", "numbness", "weakness", "difficulty_walking"))
          and urg != "emergency",
    "I7": "fever=yes" in args and "infection_risk=yes" in args and urg != "emergency",
}
if not broken.get(inv, False):
    sys.exit("invariant %s not broken by %s: %s" % (inv, args, d))
PY
}

# expect_check_fails NAME: check exits 78 and eval confirms every counterexample.
expect_check_fails() {
  local dir="$tmp/$1"
  "$bin" rules check --rules "$dir" >"$tmp/check.out" 2>"$tmp/check.err"
  local code=$?
  [ $code = 78 ] || fail "$1: rules check exited $code, expected 78"
  awk '/error: invariant .* does not hold/ { match($0, /invariant .[A-Za-z0-9_]+./); id = substr($0, RSTART + 11, RLENGTH - 12) }
       /^    counterexample: / { sub(/^    counterexample: /, ""); print id, $0 }' "$tmp/check.err" >"$tmp/cex"
  [ -s "$tmp/cex" ] || fail "$1: no counterexample in: $(cat "$tmp/check.err")"
  while read -r invariant args; do
    # shellcheck disable=SC2086
    confirm_violation "$dir" "$invariant" $args
  done <"$tmp/cex"
}

# expect_diff NAME RULE: diff shipped -> copy exits 1, every group is due to RULE alone and its
# example shows the change under eval on both directories.
expect_diff() {
  local dir="$tmp/$1"
  "$bin" rules diff "$shipped" "$dir" >"$tmp/diff.out" 2>"$tmp/diff.err"
  local code=$?
  [ $code = 1 ] || fail "$1: rules diff exited $code, expected 1: $(cat "$tmp/diff.err")"
  python3 - "$tmp/diff.out" "$2" >"$tmp/groups" <<'PY' || fail "$1: unexpected diff output: $(cat "$tmp/diff.out")"
import re, sys
text, rule = open(sys.argv[1]).read(), sys.argv[2]
groups = re.findall(r"^(\w+) (\S+) -> (\S+): ([\d,]+) intakes?; rules (.*)\n    answers: .*\n    example: (.*)$", text, re.M)
if not groups:
    sys.exit("no group")
for field, old, new, count, rules, example in groups:
    if rules != rule:
        sys.exit("group %s %s -> %s is due to %s, expected %s" % (field, old, new, rules, rule))
    print(field, old, new, example)
PY
  while read -r field old new args; do
    # shellcheck disable=SC2086
    before=$("$bin" eval --rules "$shipped" --format json $args | python3 -c "import json,sys; print(json.load(sys.stdin)['$field'])")
    # shellcheck disable=SC2086
    after=$("$bin" eval --rules "$dir" --format json $args | python3 -c "import json,sys; print(json.load(sys.stdin)['$field'])")
    [ "$before $after" = "$old $new" ] || fail "$1: example $args gives $field $before -> $after, diff said $old -> $new"
    echo "$args" >>"$tmp/examples"
  done <"$tmp/groups"
}

# expect_intake_diff NAME: the rows diff --intake lists are those whose score output differs.
expect_intake_diff() {
  local dir="$tmp/$1" csv="$tmp/intake.csv"
  python3 - "$tmp/list.json" "$tmp/examples" "$src/examples/intake.csv" "$csv" <<'PY'
import csv, json, sys
ids = [q["id"] for q in json.load(open(sys.argv[1]))["questions"]]
rows = [dict(a.split("=", 1) for a in line.split()) for line in open(sys.argv[2]) if line.strip()]
try:
    rows += list(csv.DictReader(open(sys.argv[3], newline="")))
except OSError:
    pass
with open(sys.argv[4], "w", newline="") as out:
    w = csv.writer(out)
    w.writerow(["id"] + ids)
    for n, row in enumerate(rows, 1):
        w.writerow(["r%d" % n] + [(row.get(q) or "").strip() for q in ids])
PY
  "$bin" rules diff "$shipped" "$dir" --intake "$csv" >"$tmp/intake.out" 2>&1
  "$bin" score --rules "$shipped" "$csv" >"$tmp/score.old" 2>/dev/null
  "$bin" score --rules "$dir" "$csv" >"$tmp/score.new" 2>/dev/null
  listed=$(sed -n 's/^    \(r[0-9]*\) (line [0-9]*): .*/\1/p' "$tmp/intake.out" | sort | tr '\n' ' ')
  differing=$(paste -d'|' "$tmp/score.old" "$tmp/score.new" | python3 -c "
import csv, sys
for line in sys.stdin:
    old, new = line.rstrip('\n').split('|')
    o, n = next(csv.reader([old])), next(csv.reader([new]))
    if o[0] != 'id' and o[1:6] != n[1:6] and not (o[1] == n[1] == 'error'):
        print(o[0])" | sort | tr '\n' ' ')
  [ -n "$listed" ] || fail "$1: diff --intake lists no row: $(cat "$tmp/intake.out")"
  [ "$listed" = "$differing" ] || fail "$1: diff --intake lists [$listed], score differs on [$differing]"
}

run_variant() {  # NAME RULE CHECK_MUST_FAIL
  rm -f "$tmp/cex"
  rm -f "$tmp/examples"
  [ "$3" = yes ] && expect_check_fails "$1"
  "$bin" rules test --rules "$tmp/$1" >"$tmp/test.out" 2>&1
  code=$?
  [ $code = 1 ] || fail "$1: rules test exited $code, expected 1: $(tail -3 "$tmp/test.out")"
  grep -q "^FAIL " "$tmp/test.out" || fail "$1: rules test shows no failing case"
  expect_diff "$1" "$2"
  expect_intake_diff "$1"
}

# The shipped rules themselves pass.
"$bin" rules check --rules "$shipped" >"$tmp/out" 2>&1 || fail "rules check of the shipped rules: $(cat "$tmp/out")"
"$bin" rules test --rules "$shipped" >"$tmp/out" 2>&1 || fail "rules test of the shipped rules: $(cat "$tmp/out")"

weaken weak_E1 E1 "bladder_bowel or both_legs" && run_variant weak_E1 E1 yes
weaken weak_E2 E2 "weakness_worsening and difficulty_walking" && run_variant weak_E2 E2 yes
weaken weak_E4 E4 "major_trauma and age >= 65" && run_variant weak_E4 E4 yes
weaken weak_E5 E5 "non_spinal_pain and age >= 70" && run_variant weak_E5 E5 yes
# E3 and E6 fire on a red flag together with another finding; invariants I6 and I7 protect them.
weaken weak_E3 E3 "cancer_history and weakness" && run_variant weak_E3 E3 yes
weaken weak_E6 E6 "fever and infection_risk and age >= 50" && run_variant weak_E6 E6 yes
for rule in E1 E2 E3 E4 E5 E6; do
  remove "no_$rule" "$rule" && run_variant "no_$rule" "$rule" yes
done

[ $failures = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "ok"
