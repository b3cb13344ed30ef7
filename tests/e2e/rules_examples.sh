#!/bin/bash
# The counterexample `rules check` prints for a broken invariant, and the example `rules diff`
# prints for a group, are `eval` arguments as they are: fed back, they show the violation and
# the change. Uses the small rule directories of tests/data/rulesets, and a clinic's edit of
# the built-in rule set (v2) diffed over examples/intake-clean.csv, as the README shows.
# Usage: bash rules_examples.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
expect_eq() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
data="$src/tests/data/rulesets"
# json_field FILE FIELD: a top-level string field of eval --format json (one per line).
json_field() { sed -n "s/^  \"$2\": \"\\([^\"]*\\)\",*\$/\\1/p" "$1"; }

# A broken invariant: I1 (a red flag leads to a specialist).
"$bin" rules check --rules "$data/broken_invariant" >"$tmp/out" 2>"$tmp/err"
expect_eq "exit code of check on broken_invariant" 78 "$?"
args=$(sed -n 's/^    counterexample: //p' "$tmp/err")
expect_eq "counterexample" "duration_days=0 numbness=no fever=yes" "$args"
# shellcheck disable=SC2086
"$bin" eval --unchecked --rules "$data/broken_invariant" --format json $args >"$tmp/eval.json"
expect_eq "eval of the counterexample" 0 "$?"
expect_eq "recommendation of the counterexample" "self-manage" "$(json_field "$tmp/eval.json" recommendation)"
grep -q '"fever"' "$tmp/eval.json" || fail "the counterexample has no red flag: $(cat "$tmp/eval.json")"
expect_eq "summary of check" "rules: 5 questions, 5 rules, 1 invariant proved, 1 broken, 1 warning" "$(cat "$tmp/out")"

# A diff with a known answer: every group's example changes as the group says.
"$bin" rules diff "$data/diff_old" "$data/diff_new" >"$tmp/diff" 2>"$tmp/err"
expect_eq "exit code of diff" 1 "$?"
groups=$(grep -c ' -> .*: .* intakes' "$tmp/diff")
expect_eq "groups of the diff" 2 "$groups"
while read -r field old _ new _; do
  new=${new%:}
  example=$(grep -A2 "^$field $old -> $new:" "$tmp/diff" | sed -n 's/^    example: //p')
  for side in old new; do
    # shellcheck disable=SC2086
    "$bin" eval --rules "$data/diff_$side" --format json $example >"$tmp/eval.json" ||
      fail "eval on diff_$side rejected $example"
  done
  # shellcheck disable=SC2086
  "$bin" eval --rules "$data/diff_old" --format json $example >"$tmp/old.json"
  # shellcheck disable=SC2086
  "$bin" eval --rules "$data/diff_new" --format json $example >"$tmp/new.json"
  expect_eq "$field under diff_old for $example" "$old" "$(json_field "$tmp/old.json" "$field")"
  expect_eq "$field under diff_new for $example" "$new" "$(json_field "$tmp/new.json" "$field")"
done < <(grep -E '^[a-z_]+ [^ ]+ -> [^ ]+: ' "$tmp/diff")

# The same rule set: nothing changes, exit 0; an intake file with one changing row: exit 1.
"$bin" rules diff "$data/diff_old" "$data/diff_old" >/dev/null
expect_eq "exit code of diff without change" 0 "$?"
printf 'id,duration_days,numbness,fever\nx,3,no,yes\ny,30,no,yes\n' >"$tmp/in.csv"
"$bin" rules diff "$data/diff_old" "$data/diff_new" --intake "$tmp/in.csv" >"$tmp/diff"
expect_eq "exit code of diff --intake" 1 "$?"
grep -q "^intake $tmp/in.csv: 1 of 2 rows change\$" "$tmp/diff" || fail "intake summary: $(cat "$tmp/diff")"
grep -q "^    x (line 2): recommendation see-specialist -> self-manage; urgency urgent -> routine\$" "$tmp/diff" ||
  fail "intake row: $(cat "$tmp/diff")"
"$bin" rules diff "$data/diff_old" "$data/diff_new" --intake "$tmp/missing.csv" >/dev/null 2>"$tmp/err"
expect_eq "exit code of diff --intake with a missing file" 66 "$?"

# The built-in rules against a clinic's copy with physiotherapy (P1) from 10 days instead of 2
# weeks: one group, self-manage -> start-pt, whose example eval reproduces on both sides; on
# the example intake plus two rows of 12 days, only the row that is not improving changes.
mkdir "$tmp/clinic"
cp "$src"/rules/*.yaml "$tmp/clinic/"
sed -i 's/when: duration_days >= 2 weeks and not improving$/when: duration_days >= 10 days and not improving/' \
  "$tmp/clinic/70-physiotherapy.yaml"
grep -q 'when: duration_days >= 10 days' "$tmp/clinic/70-physiotherapy.yaml" || fail "could not edit P1"
"$bin" rules diff "$src/rules" "$tmp/clinic" >"$tmp/diff" 2>"$tmp/err"
expect_eq "exit code of diff rules clinic" 1 "$?"
grep -q '^[0-9,]* of [0-9,]* intakes change outcome, in 1 group$' "$tmp/diff" || fail "summary: $(head -n 1 "$tmp/diff")"
grep -q '^recommendation self-manage -> start-pt: [0-9,]* intakes; rules P1$' "$tmp/diff" || fail "group: $(cat "$tmp/diff")"
example=$(sed -n 's/^    example: //p' "$tmp/diff")
case " $example " in *" age="[0-9]*" "*) ;; *) fail "the example gives no age: $example" ;; esac
# shellcheck disable=SC2086
"$bin" eval --rules "$src/rules" --format json $example >"$tmp/old.json"
expect_eq "the example under the built-in rules" "self-manage" "$(json_field "$tmp/old.json" recommendation)"
# shellcheck disable=SC2086
"$bin" eval --rules "$tmp/clinic" --format json $example >"$tmp/new.json"
expect_eq "the example under the clinic's rules" "start-pt" "$(json_field "$tmp/new.json" recommendation)"

clean=$src/examples/intake-clean.csv
rows=$(($(wc -l <"$clean") - 1))
"$bin" rules diff "$src/rules" "$tmp/clinic" --intake "$clean" >"$tmp/diff" 2>&1
grep -q "^intake $clean: 0 of $rows rows change\$" "$tmp/diff" || fail "intake-clean.csv: $(tail -n 2 "$tmp/diff")"
# Two more rows of 12 days, age 40, everything else no: one improving (unchanged), one not.
{
  cat "$clean"
  for id in X1 X2; do
    line=$id
    for q in $(head -n 1 "$clean" | tr ',' ' '); do
      case $q in
        id) ;;
        duration_days) line+=",12" ;;
        age) line+=",40" ;;
        improving) [ $id = X1 ] && line+=",yes" || line+=",no" ;;
        *) line+=",no" ;;
      esac
    done
    echo "$line"
  done
} >"$tmp/more.csv"
"$bin" rules diff "$src/rules" "$tmp/clinic" --intake "$tmp/more.csv" >"$tmp/diff" 2>&1
grep -q "^intake $tmp/more.csv: 1 of $((rows + 2)) rows change\$" "$tmp/diff" || fail "more.csv: $(tail -n 3 "$tmp/diff")"
grep -q "^    X2 (line $((rows + 3))): recommendation self-manage -> start-pt\$" "$tmp/diff" || fail "row X2: $(tail -n 3 "$tmp/diff")"

[ $failures = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "ok"
