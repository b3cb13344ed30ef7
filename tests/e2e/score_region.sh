#!/bin/bash
# The region of the terms (uk by default, us with --region us or BACKTRIAGE_REGION=us) is part
# of every JSON Lines row: "region" right after "ruleset" and before "version", in ok and error
# rows alike; the rule set hash differs between regions and is the one eval --format json
# names; the CSV rows do not change; the summary on a terminal names the region.
# Usage: bash score_region.sh BINARY SOURCE_DIR
source "$(dirname "$0")/common.bash"
input=$src/examples/intake.csv

# Every row: ... "error":...,"errors":[...],"ruleset":"<32 hex>","region":"<region>","version":"..."} and
# nothing after.
expect_rows() {  # expect_rows WHAT FILE REGION
  local what=$1 file=$2 region=$3 total matching
  total=$(wc -l <"$file")
  matching=$(grep -c "\"error\":\\(null\\|\"[^\"]*\"\\),\"errors\":\\[[^]]*\\],\"ruleset\":\"[0-9a-f]\\{32\\}\",\"region\":\"$region\",\"version\":\"[^\"]*\"}\$" "$file")
  expect_eq "$what: rows ending with ruleset, region $region, version" "$total" "$matching"
  [ "$total" -ge 50 ] || fail "$what: only $total rows"
}
hashes() { sed 's/.*"ruleset":"\([0-9a-f]*\)".*/\1/' "$1" | sort -u; }

"$bin" score "$input" --format jsonl >"$tmp/uk.jsonl" 2>/dev/null
expect_eq "exit code, default region" 65 "$?"
expect_rows "default region" "$tmp/uk.jsonl" uk
uk=$(hashes "$tmp/uk.jsonl")
"$bin" score "$input" --format jsonl --region us >"$tmp/us.jsonl" 2>/dev/null
expect_eq "exit code, --region us" 65 "$?"
expect_rows "--region us" "$tmp/us.jsonl" us
us=$(hashes "$tmp/us.jsonl")
expect_eq "one hash per run (uk)" 1 "$(wc -l <<<"$uk")"
expect_eq "one hash per run (us)" 1 "$(wc -l <<<"$us")"
[ "$uk" != "$us" ] || fail "regions uk and us have the same hash $uk"
grep -q '"region":"uk"' "$tmp/us.jsonl" && fail "a row of --region us names region uk"
# Error rows carry the region too.
expect_eq "error rows in region us" 3 "$(grep '"status":"error"' "$tmp/us.jsonl" | grep -c '"region":"us"')"

# Apart from the hash and the region, the rows are the same.
sed 's/"ruleset":"[0-9a-f]*","region":"[a-z]*",//' "$tmp/uk.jsonl" >"$tmp/uk.bare"
sed 's/"ruleset":"[0-9a-f]*","region":"[a-z]*",//' "$tmp/us.jsonl" >"$tmp/us.bare"
cmp -s "$tmp/uk.bare" "$tmp/us.bare" || fail "the rows differ between regions beyond hash and region:
$(diff "$tmp/uk.bare" "$tmp/us.bare" | head -4)"
"$bin" score "$input" >"$tmp/uk.csv" 2>/dev/null
"$bin" score "$input" --region us >"$tmp/us.csv" 2>/dev/null
cmp -s "$tmp/uk.csv" "$tmp/us.csv" || fail "the CSV output differs between regions"

# The same choices: --region uk is the default; the option before the subcommand, and the
# environment variable, give the same bytes.
"$bin" score "$input" --format jsonl --region uk >"$tmp/uk2.jsonl" 2>/dev/null
cmp -s "$tmp/uk.jsonl" "$tmp/uk2.jsonl" || fail "--region uk differs from the default"
"$bin" --region us score "$input" --format jsonl >"$tmp/us2.jsonl" 2>/dev/null
cmp -s "$tmp/us.jsonl" "$tmp/us2.jsonl" || fail "--region us before the subcommand differs"
BACKTRIAGE_REGION=us "$bin" score "$input" --format jsonl >"$tmp/us3.jsonl" 2>/dev/null
cmp -s "$tmp/us.jsonl" "$tmp/us3.jsonl" || fail "BACKTRIAGE_REGION=us differs from --region us"

# eval --format json names the same rule set: hash and region.
if command -v python3 >/dev/null; then
  case_args=(duration_days=5 numbness=no weakness=no difficulty_walking=no prior_injury=no age=40)
  for region in uk us; do
    want=$([ $region = uk ] && echo "$uk" || echo "$us")
    got=$("$bin" eval --region $region --format json "${case_args[@]}" |
          python3 -c 'import json, sys; r = json.load(sys.stdin)["ruleset"]; print(r["hash"], r["region"], r["version"])')
    expect_eq "eval --format json ruleset in region $region" "$want $region 2027.1" "$got"
  done
fi

# On a terminal, the summary names the rule set's hash and the region.
if command -v script >/dev/null; then
  for region in uk us; do
    want=$([ $region = uk ] && echo "$uk" || echo "$us")
    script -qec "'$bin' score --region $region '$input' -o '$tmp/tty.csv'" /dev/null </dev/null >"$tmp/tty" 2>&1
    expect_eq "exit code on a terminal, region $region" 65 "$?"
    grep -q "^scored 50 rows: .*, 3 errors (rules $want, region $region, backtriage " "$tmp/tty" ||
      fail "summary on a terminal, region $region: $(tr -d '\r' <"$tmp/tty")"
  done
fi
# Off a terminal, the same summary (cron mails it); --quiet drops it.
"$bin" score "$input" --region us -o "$tmp/quiet.csv" 2>"$tmp/err"
grep -q "^scored 50 rows: .*, 3 errors (rules $us, region us, backtriage " "$tmp/err" ||
  fail "summary off a terminal: $(cat "$tmp/err")"
"$bin" score "$input" --region us -o "$tmp/quiet.csv" --quiet 2>"$tmp/err"
expect_eq "stderr off a terminal with --quiet" "" "$(cat "$tmp/err")"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "ok"
