# Shared by the rules_weakened_*.sh scripts. Copies of the shipped rules with one emergency rule
# weakened or removed, made with sed so that they track rules/: `rules check` fails (78) with
# counterexamples that eval confirms, `rules test` fails (1), and `rules diff` reports only
# changes due to that rule, each group's example showing the change under eval on both
# directories; `--intake` lists exactly the rows whose `score` output differs between the two.
# Sourced after common.bash; a script without python3 is skipped (exit 77, reported by ctest).
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
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

# confirm_violation DIR INVARIANT ARGS...: eval shows the invariant broken on those answers.
confirm_violation() {
  local dir=$1 invariant=$2
  shift 2
  "$bin" eval --unchecked --rules "$dir" --format json "$@" >"$tmp/eval.json" 2>"$tmp/eval.err" ||
    { fail "eval rejected the counterexample $*: $(cat "$tmp/eval.err")"; return; }
  python3 - "$tmp/eval.json" "$tmp/list.json" "$invariant" "$*" <<'PY' || fail "eval does not confirm $3 on: $*"
import json, sys
d = json.load(open(sys.argv[1]))
listing = json.load(open(sys.argv[2]))
inv, args = sys.argv[3], sys.argv[4].split()
a = dict(x.split("=", 1) for x in args)
flags = {q["id"] for q in listing["questions"] if q["red_flag"] != "no"}
emergency = {q["id"] for q in listing["questions"] if q["red_flag"] == "emergency"}
rec, urg = d["recommendation"], d["urgency"]
yes = lambda q: q in d["red_flags"] or a.get(q) == "yes"
num = lambda q: int(a[q]) if a.get(q, "").isdigit() else None
days, age = num("duration_days"), num("age")
specialist, urgent_or_more = rec == "see-specialist", urg in ("urgent", "emergency")
broken = {
    "I1": bool(d["red_flags"]) and not specialist,
    "I2": bool(set(d["red_flags"]) & emergency) and urg != "emergency",
    "I3": bool(set(d["unanswered"]) & flags) and rec == "self-manage",
    "I4": yes("weakness") and not specialist,
    "I5": urg != "routine" and not specialist,
    "I6": yes("cancer_history") and any(yes(q) for q in ("leg_pain", "numbness", "weakness", "difficulty_walking"))
          and urg != "emergency",
    "I7": yes("fever") and yes("infection_risk") and urg != "emergency",
    "I8": bool(set(d["unanswered"]) & emergency) and not (specialist and urgent_or_more),
    "I9": yes("infection_risk") and days is not None and days <= 84 and not urgent_or_more,
    "I10": yes("known_aneurysm") and not urgent_or_more,
    "I11": yes("known_aneurysm") and (yes("sudden_severe") or (days is not None and days < 28)) and urg != "emergency",
    "I12": yes("sudden_severe") and age is not None and age > 60 and days is not None and days < 2
           and urg != "emergency",
    "I13": yes("fall_or_injury") and days is not None and ((age or 0) >= 65 and days < 28 or days < 3)
           and not urgent_or_more,
    "I14": yes("cancer_history") and not urgent_or_more,
    "I15": yes("weight_loss") and age is not None and age >= 60 and not urgent_or_more,
    "I16": age is not None and age < 16 and not specialist,
    "I19": "fall_or_injury" in d["unanswered"] and age is not None and age >= 65 and rec == "self-manage",
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
    after=$("$bin" eval --unchecked --rules "$dir" --format json 2>/dev/null $args | python3 -c "import json,sys; print(json.load(sys.stdin)['$field'])")
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
  "$bin" score --unchecked --rules "$dir" "$csv" >"$tmp/score.new" 2>/dev/null
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
expect_shipped_rules_pass() {
  "$bin" rules check --rules "$shipped" >"$tmp/out" 2>&1 || fail "rules check of the shipped rules: $(cat "$tmp/out")"
  "$bin" rules test --rules "$shipped" >"$tmp/out" 2>&1 || fail "rules test of the shipped rules: $(cat "$tmp/out")"
}

finish() {
  [ $failures = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
  echo "ok"
}
