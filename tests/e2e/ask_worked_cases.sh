#!/usr/bin/env bash
# Every worked case of default-rules.md through `ask` with piped answers: the result is the
# expected one and equals eval's (the same report, word for word, when ask asked everything),
# and the answers saved with --save give the same result through score and eval.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

QUESTIONS=(duration_days leg_pain numbness weakness both_legs weakness_worsening difficulty_walking
  prior_injury recurrent improving age saddle_numbness bladder_bowel major_trauma non_spinal_pain
  fever infection_risk cancer_history weight_loss osteoporosis_steroids night_pain)
RED_FLAGS=" both_legs weakness_worsening saddle_numbness bladder_bowel major_trauma non_spinal_pain fever cancer_history weight_loss osteoporosis_steroids night_pain "

# number | answers (unlisted yes/no answers are no; "flags=blank" leaves every red flag blank)
# | duration_class,category,recommendation,urgency
CASES=(
  "1|duration_days=5|acute,nonspecific,self-manage,routine"
  "2|duration_days=5 flags=blank|acute,nonspecific,start-pt,routine"
  "3|duration_days=20|acute,nonspecific,start-pt,routine"
  "4|duration_days=30 leg_pain=yes numbness=yes improving=yes|subacute,radicular,start-pt,routine"
  "5|duration_days=50 numbness=yes improving=|subacute,radicular,see-specialist,routine"
  "6|duration_days=3 saddle_numbness=yes|acute,other,see-specialist,emergency"
  "7|duration_days=100 weakness=yes difficulty_walking=yes|chronic,radicular,see-specialist,urgent"
  "8|duration_days=10 night_pain=yes age=62|acute,other,see-specialist,urgent"
  "9|duration_days=200 recurrent=yes|chronic,nonspecific,start-pt,routine"
  "10|duration_days=7 age=14|acute,nonspecific,see-specialist,routine"
  "11|duration_days=12 leg_pain=yes both_legs=yes|acute,other,see-specialist,emergency"
  "12|duration_days=12 both_legs=yes|acute,nonspecific,self-manage,routine"
  "13|duration_days=40 cancer_history=yes numbness=yes|subacute,other,see-specialist,emergency"
  "14|duration_days=4 fever=yes infection_risk=|acute,other,see-specialist,urgent"
)

declare -A answer_of
set_case() {
  answer_of=()
  local flags_blank=no pair
  for pair in $1; do
    [[ "$pair" == flags=blank ]] && flags_blank=yes && continue
    answer_of[${pair%%=*}]=${pair#*=}
  done
  local id
  for id in "${QUESTIONS[@]}"; do
    [[ -v "answer_of[$id]" ]] && continue
    if [[ $id == age || $id == duration_days ]]; then answer_of[$id]=""
    elif [[ $flags_blank == yes && "$RED_FLAGS" == *" $id "* ]]; then answer_of[$id]=""
    else answer_of[$id]=no
    fi
  done
}

# run_ask OUT [ASK OPTIONS...]: runs `ask`, answering each prompt on stderr ("Question N of up
# to M (id): ...") from answer_of, as a script would. stdout goes to OUT, stderr to OUT.err.
# Returns ask's exit status.
run_ask() {
  local out=$1 line pid status to_ask from_ask
  shift
  rm -f "$WORK/to_ask" "$WORK/from_ask"
  mkfifo "$WORK/to_ask" "$WORK/from_ask"
  "$BINARY" ask "$@" <"$WORK/to_ask" >"$out" 2>"$WORK/from_ask" &
  pid=$!
  exec {to_ask}>"$WORK/to_ask" {from_ask}<"$WORK/from_ask"
  : >"$out.err"
  while IFS= read -r line <&"$from_ask"; do
    printf '%s\n' "$line" >>"$out.err"
    if [[ "$line" =~ ^Question\ [0-9]+\ of\ (up\ to\ )?[0-9]+\ \(([a-z_0-9]+)\):\  ]]; then
      printf '%s\n' "${answer_of[${BASH_REMATCH[2]}]}" >&"$to_ask"
    fi
  done
  exec {to_ask}>&- {from_ask}<&-
  wait "$pid" && status=0 || status=$?
  return "$status"
}

case_field() { printf '%s\n' "${CASES[@]}" | grep "^$1|" | cut -d'|' -f"$2"; }

eval_args() {
  local id
  for id in "${QUESTIONS[@]}"; do printf '%s=%s\n' "$id" "${answer_of[$id]}"; done
}

key_lines() { grep -E '^(Recommendation|Urgency|Duration|Category|Red flags):|^  (recommendation|urgency|category|duration_class) ' "$1"; }

for entry in "${CASES[@]}"; do
  IFS='|' read -r number answers expected <<<"$entry"
  set_case "$answers"
  out="$WORK/case$number"
  run_ask "$out.ask" || fail "case $number: ask exited $?: $(cat "$out.ask.err")"
  mapfile -t args < <(eval_args)
  "$BINARY" eval "${args[@]}" >"$out.eval" || fail "case $number: eval failed"

  # The expected result of default-rules.md, in the report ask printed.
  IFS=, read -r duration category recommendation urgency <<<"$expected"
  grep -qx "Recommendation: $recommendation" "$out.ask" || fail "case $number: recommendation is not $recommendation: $(head -40 "$out.ask")"
  grep -qx "Urgency:        $urgency" "$out.ask" || fail "case $number: urgency is not $urgency"
  grep -qx "Duration:       $duration" "$out.ask" || fail "case $number: duration class is not $duration"
  grep -qx "Category:       $category" "$out.ask" || fail "case $number: category is not $category"

  # The same report as eval: ask prints the summary of answers, a blank line, then the report.
  report=$(sed '1,/^$/d' "$out.ask")
  if grep -q "^Stopped after question" "$out.ask.err"; then
    [[ $urgency == emergency ]] || fail "case $number: stopped early without an emergency"
    # Questions after the stop were not asked (unknown), so only the result itself must agree.
    diff <(key_lines "$out.eval") <(key_lines <(printf '%s\n' "$report")) >&2 ||
      fail "case $number: ask's result differs from eval's"
  else
    diff "$out.eval" <(printf '%s\n' "$report") >&2 || fail "case $number: ask's report differs from eval's"
  fi
done

# --save round trip: the saved row through score and eval gives ask's result.
round_trip() {
  local number=$1 out="$WORK/trip$1"
  set_case "$(case_field "$number" 2)"
  run_ask "$out.ask" --save "$out.csv" || fail "case $number: ask --save exited $?"
  [[ $(wc -l <"$out.csv") == 2 ]] || fail "case $number: the saved file is not a header and one row"
  [[ "$(head -1 "$out.csv")" == "$(IFS=,; echo "${QUESTIONS[*]}")" ]] || fail "case $number: saved header: $(head -1 "$out.csv")"
  "$BINARY" score "$out.csv" >"$out.score" || fail "case $number: score rejected the saved answers: $(cat "$out.score")"
  IFS=, read -r duration category recommendation urgency <<<"$(case_field "$number" 3)"
  [[ "$(sed -n 2p "$out.score" | cut -d, -f2-6)" == "ok,$duration,$category,$recommendation,$urgency" ]] ||
    fail "case $number: score of the saved answers: $(cat "$out.score")"
  # eval of the saved answers prints exactly ask's report.
  mapfile -t args < <(paste -d= <(head -1 "$out.csv" | tr , '\n') <(sed -n 2p "$out.csv" | tr , '\n'))
  "$BINARY" eval "${args[@]}" >"$out.eval" || fail "case $number: eval of the saved answers failed"
  diff "$out.eval" <(sed '1,/^$/d' "$out.ask") >&2 || fail "case $number: eval of the saved answers differs from ask's report"
}
for number in 1 2 4 5 6 7 8 9 10 12 13 14; do round_trip "$number"; done

# Case 11 stops at both_legs, before the required difficulty_walking and prior_injury: the saved
# row holds the answers given, and the questions never reached are blank.
out="$WORK/trip11"
printf '12\nyes\nno\nno\nyes\n' | "$BINARY" ask --save "$out.csv" >"$out.ask" 2>"$out.err" || fail "case 11: ask --save failed"
[[ "$(sed -n 2p "$out.csv")" == "12,yes,no,no,yes,,,,,,,,,,,,,,,," ]] || fail "case 11: saved row: $(sed -n 2p "$out.csv")"
echo "ok"
