#!/usr/bin/env bash
# Worked cases of the default rules (rules/90-tests.yaml) through `ask` with piped answers, one
# a line, answering each question ask puts, as a script would: the outcome is the expected one
# and the one `eval --format json` gives for the same answers; when ask asked everything its
# report is eval's, word for word, in both views. When ask stops at an emergency the answers
# after it are never read, and the questions not reached are "not asked", never unanswered.
# The answers saved with --save give the same result through score and eval.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1
cd "$WORK"

# The questions, and which one each prompt asks: piped prompts name no id, only the prompt.
QUESTIONS=()
declare -A TYPE_OF ID_OF_PROMPT
while IFS=$'\t' read -r id type prompt; do
  QUESTIONS+=("$id")
  TYPE_OF[$id]=$type
  [[ ! -v "ID_OF_PROMPT[$prompt]" ]] || fail "two questions with the prompt: $prompt"
  ID_OF_PROMPT[$prompt]=$id
done < <(question_table)
((${#QUESTIONS[@]} == 34)) || fail "expected the 34 questions of version 2, got ${#QUESTIONS[@]}"

# name | answers (id=value;...: as in rules/90-tests.yaml with "unlisted: no", every yes/no
# question not listed is no; "unlisted=blank" leaves them blank instead) | expected
# duration_class,category,recommendation,urgency | the question of the emergency stop, if any.
CASES=(
  "W1|duration_days=5;age=30|acute,nonspecific,self-manage,routine|"
  "W2|duration_days=5;age=30;both_legs=;weakness_worsening=;saddle_numbness=;bladder_bowel=;sexual_dysfunction=;fall_or_injury=;major_trauma=;non_spinal_pain=;known_aneurysm=;sudden_severe=;pregnancy_warning=;fever=;infection_risk=;cancer_history=;weight_loss=;osteoporosis_steroids=;deformity=;night_pain=;thoracic_pain=;loin_pain=|acute,nonspecific,see-specialist,urgent|"
  "W3|duration_days=5;age=30;fall_or_injury=;known_aneurysm=;sudden_severe=;fever=;infection_risk=;cancer_history=;weight_loss=;osteoporosis_steroids=;deformity=;night_pain=;thoracic_pain=;loin_pain=|acute,nonspecific,start-pt,routine|"
  "W4|duration_days=20;age=30|acute,nonspecific,start-pt,routine|"
  "W6|duration_days=30;age=35;leg_pain=yes;numbness=yes;improving=yes|subacute,radicular,self-manage,routine|"
  "W7|duration_days=50;age=40;numbness=yes;improving=|subacute,radicular,see-specialist,routine|"
  "W8|duration_days=3;age=38;saddle_numbness=yes|acute,other,see-specialist,emergency|saddle_numbness"
  "W9|duration_days=6;age=36;leg_pain=yes;sexual_dysfunction=yes|acute,other,see-specialist,emergency|sexual_dysfunction"
  "W10|duration_days=10;age=40;leg_pain=yes;saddle_numbness=;bladder_bowel=;sexual_dysfunction=|acute,radicular,see-specialist,urgent|"
  "W11|duration_days=12;age=44;leg_pain=yes;both_legs=yes|acute,other,see-specialist,emergency|both_legs"
  "W12|duration_days=12;age=30;both_legs=yes|acute,nonspecific,self-manage,routine|"
  "W13|duration_days=3 years;age=74;leg_pain=yes;numbness=yes;difficulty_walking=yes;prior_injury=yes|chronic,radicular,see-specialist,routine|"
  "W15|duration_days=9;age=55;leg_pain=yes;weakness=yes;weakness_worsening=yes;difficulty_walking=yes|acute,other,see-specialist,emergency|weakness_worsening"
  "W17|duration_days=40;age=60;cancer_history=yes;numbness=yes|subacute,other,see-specialist,emergency|cancer_history"
  "W24|duration_days=0;age=73;known_aneurysm=yes;sudden_severe=yes|acute,other,see-specialist,emergency|known_aneurysm"
  "W25b|duration_days=180;age=68;known_aneurysm=yes|chronic,other,see-specialist,urgent|"
  "W29|duration_days=0;age=40;non_spinal_pain=yes|acute,other,see-specialist,emergency|non_spinal_pain"
  "W30|duration_days=2;age=84;fall_or_injury=yes;difficulty_walking=yes|acute,other,see-specialist,urgent|"
  "W33|duration_days=0;age=25;fall_or_injury=yes;major_trauma=yes;difficulty_walking=yes|acute,other,see-specialist,emergency|major_trauma"
  "W34|duration_days=20;age=67;fall_or_injury=;improving=yes|acute,nonspecific,start-pt,routine|"
  "W35|duration_days=2;age=29;pregnant=yes;pregnancy_warning=yes|acute,other,see-specialist,emergency|pregnancy_warning"
  "W36|duration_days=3 weeks;age=31;pregnant=yes;difficulty_walking=yes|acute,nonspecific,start-pt,routine|"
  "W37|duration_days=3 weeks;age=72;deformity=yes|acute,other,see-specialist,urgent|"
  "W48|duration_days=5 months;age=19;spa_night_waking=yes;spa_better_moving=yes;spa_nsaid_response=yes;spa_linked_condition=yes|chronic,other,see-specialist,routine|"
  "W50|duration_days=7;age=14|acute,nonspecific,see-specialist,routine|"
  "W54|duration_days=3;age=49;fever=yes;infection_risk=yes;cancer_history=yes|acute,other,see-specialist,emergency|infection_risk"
  "sexual function question alone blank|duration_days=5;age=52;improving=yes;sexual_dysfunction=|acute,nonspecific,see-specialist,urgent|"
  "blank pregnancy question, warning signs yes|duration_days=5;age=30;pregnant=;pregnancy_warning=yes|acute,other,see-specialist,emergency|pregnancy_warning"
  "pregnancy questions ignored at 51|duration_days=5;age=51;improving=yes;pregnant=yes;pregnancy_warning=yes|acute,nonspecific,self-manage,routine|"
  "serious-accident question ignored without a fall|duration_days=5;age=30;fall_or_injury=no;major_trauma=yes|acute,nonspecific,self-manage,routine|"
  "only the required questions answered|unlisted=blank;duration_days=5;numbness=no;weakness=no;difficulty_walking=no;prior_injury=no;age=40|acute,nonspecific,see-specialist,urgent|"
)

declare -A answer_of
set_case() {
  answer_of=()
  local unlisted=no pair id
  IFS=';' read -r -a pairs <<<"$1"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == unlisted=blank ]] && unlisted="" && continue
    answer_of[${pair%%=*}]=${pair#*=}
  done
  for id in "${QUESTIONS[@]}"; do
    [[ -v "answer_of[$id]" ]] && continue
    [[ ${TYPE_OF[$id]} == yes_no ]] && answer_of[$id]=$unlisted || answer_of[$id]=""
  done
}

# run_ask OUT [ASK OPTIONS...]: runs `ask`, answering each prompt on stderr ("Question N of up
# to M: PROMPT [forms]...") from answer_of, as a script would. stdout goes to OUT, stderr to
# OUT.err, the ids of the questions asked to OUT.asked and the lines sent to OUT.answers.
# Returns ask's exit status.
PROMPT_LINE='^Question [0-9]+ of (up to )?[0-9]+: (.*) \[[^]]*\]( \(an answer is needed\))?$'
mkfifo to_ask from_ask
run_ask() {
  local out=$1 line pid status to_ask from_ask err asked sent id
  shift
  "$BINARY" ask "$@" <to_ask >"$out" 2>from_ask &
  pid=$!
  exec {to_ask}>to_ask {from_ask}<from_ask
  exec {err}>"$out.err" {asked}>"$out.asked" {sent}>"$out.answers"
  while IFS= read -r line <&"$from_ask"; do
    printf '%s\n' "$line" >&"$err"
    if [[ "$line" =~ $PROMPT_LINE ]]; then
      [[ -v "ID_OF_PROMPT[${BASH_REMATCH[2]}]" ]] || fail "a prompt of no question: $line"
      id=${ID_OF_PROMPT[${BASH_REMATCH[2]}]}
      printf '%s\n' "$id" >&"$asked"
      printf '%s\n' "${answer_of[$id]}" >&"$to_ask"
      printf '%s\n' "${answer_of[$id]}" >&"$sent"
    fi
  done
  exec {to_ask}>&- {from_ask}<&- {err}>&- {asked}>&- {sent}>&-
  wait "$pid" && status=0 || status=$?
  return "$status"
}

# report_of FILE: what ask printed after the summary of answers and its blank line: the report.
report_of() { local text; text=$(<"$1"); printf '%s' "${text#*$'\n\n'}"; }

# eval_args [STOP]: the case's answers as eval's arguments; with STOP, only the questions up to
# STOP (as ask read them before it stopped) and the rest blank.
eval_args() {
  local id blank=no
  for id in "${QUESTIONS[@]}"; do
    if [[ $blank == yes ]]; then printf '%s=\n' "$id"; else printf '%s=%s\n' "$id" "${answer_of[$id]}"; fi
    [[ $id == "${1:-}" ]] && blank=yes
  done
}

# outcome_of JSON: "status|duration_class|category|recommendation|urgency|red flags|unanswered|rules"
# from eval --format json, lists comma-separated.
outcome_of() {
  if command -v jq >/dev/null; then
    jq -r '[.status, .duration_class, .category, .recommendation, .urgency, (.red_flags | join(",")),
            (.unanswered | join(",")), ([.rules[].id] | join(","))] | join("|")' "$1"
  else
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("|".join([d["status"], d["duration_class"], d["category"], d["recommendation"], d["urgency"],
                ",".join(d["red_flags"]), ",".join(d["unanswered"]), ",".join(r["id"] for r in d["rules"])]))' "$1"
  fi
}

# read_report FILE: the clinician report of FILE (after the summary) into REPORT: its fields by
# name ("Red flags" etc., a wrapped value joined, lists as "a,b"), and under "rules" the rules
# that decided each output and those outranked (the "Why" table, not the sources).
declare -A REPORT
read_report() {
  REPORT=()
  local name value
  while IFS=$'\t' read -r name value; do REPORT[$name]=$value; done < <(awk '
    function flush() { if (name != "") { gsub(/, /, ",", value); print name "\t" value } name = "" }
    !started { if ($0 == "") started = 1; next }
    /^Why$/ { flush(); why = 1; next }
    why && /^  (recommendation|urgency|category|duration_class) |^  also matched, outranked: / {
      line = $0
      while (match(line, /(^|[ ,])[DCEURP][0-9]+(,|$)/)) {
        id = substr(line, RSTART, RLENGTH); gsub(/[ ,]/, "", id)
        if (!(id in seen)) { seen[id] = 1; rules = rules (rules == "" ? "" : ",") id }
        line = substr(line, RSTART + RLENGTH)
      }
      next
    }
    why { next }
    /^[A-Z][a-z ]+: / { flush(); name = $0; sub(/: .*/, "", name); value = $0; sub(/^[^:]*: +/, "", value); next }
    /^                [^ ]/ && name != "" { v = $0; sub(/^ +/, "", v); value = value " " v; next }
    { flush() }
    END { flush(); print "rules\t" rules }' "$1")
}

# same_set "a,b" "b,a": the two comma-separated lists hold the same items.
same_set() {
  local -A in_a=() in_b=()
  local item items
  IFS=, read -r -a items <<<"$1"; for item in "${items[@]}"; do in_a[$item]=1; done
  IFS=, read -r -a items <<<"$2"; for item in "${items[@]}"; do in_b[$item]=1; done
  [[ ${#in_a[@]} == "${#in_b[@]}" ]] || return 1
  for item in "${!in_a[@]}"; do [[ -v "in_b[$item]" ]] || return 1; done
}

# asked_of LIST: the items of a comma-separated LIST that ask asked (ASKED), in order.
declare -A ASKED
asked_of() {
  local item items found=()
  IFS=, read -r -a items <<<"$1"
  for item in "${items[@]}"; do [[ -v "ASKED[$item]" ]] && found+=("$item"); done
  (IFS=,; echo "${found[*]}")
}

for entry in "${CASES[@]}"; do
  IFS='|' read -r name answers expected stop <<<"$entry"
  set_case "$answers"
  out="case-${name// /-}"
  run_ask "$out.p" || fail "$name: ask exited $?: $(cat "$out.p.err")"
  # The clinician view of the same lines: the same questions (the same prompts on stderr).
  "$BINARY" ask --view clinician <"$out.p.answers" >"$out.c" 2>"$out.c.err" || fail "$name: ask --view clinician exited $?: $(cat "$out.c.err")"
  cmp -s "$out.p.err" "$out.c.err" || fail "$name: the views asked different questions: $(diff "$out.p.err" "$out.c.err")"
  mapfile -t asked_ids <"$out.p.asked"
  ASKED=()
  for id in "${asked_ids[@]}"; do ASKED[$id]=1; done
  mapfile -t args < <(eval_args)
  "$BINARY" eval --format json "${args[@]}" >"$out.json" || fail "$name: eval of the case failed"
  IFS='|' read -r -a full < <(outcome_of "$out.json")   # status, 4 outputs, flags, unanswered, rules
  [[ "${full[1]},${full[2]},${full[3]},${full[4]}" == "$expected" ]] ||
    fail "$name: eval gives ${full[*]}, rules/90-tests.yaml expects $expected"

  # ask's result, from its clinician report.
  read_report "$out.c"
  got="${REPORT[Duration]:-},${REPORT[Category]:-},${REPORT[Recommendation]:-},${REPORT[Urgency]:-}"
  [[ "$got" == "$expected" ]] || fail "$name: ask gives $got, expected $expected: $(cat "$out.c")"
  flags=${REPORT[Red flags]:-}; [[ $flags == none ]] && flags=""
  unanswered=${REPORT[Unanswered]:-}
  not_asked=${REPORT[Not asked]:-}

  if [[ -z $stop ]]; then
    [[ "$(<"$out.p.err")" != *"Stopped after question"* ]] || fail "$name: stopped early without an emergency"
    [[ "$flags" == "${full[5]:-}" ]] || fail "$name: ask's red flags '$flags' are not eval's: ${full[*]}"
    [[ "$unanswered" == "${full[6]:-}" ]] || fail "$name: ask's unanswered '$unanswered' are not eval's: ${full[*]}"
    same_set "${REPORT[rules]}" "${full[7]:-}" || fail "$name: ask's rules ${REPORT[rules]} are not eval's: ${full[*]}"
    [[ -z "$not_asked" ]] || fail "$name: questions not asked without a stop"
    # The same report as eval, in both views: ask prints the summary, a blank line, the report.
    "$BINARY" eval "${args[@]}" >"$out.eval-c" || fail "$name: eval failed"
    [[ "$(<"$out.eval-c")" == "$(report_of "$out.c")" ]] ||
      fail "$name: ask's clinician report differs from eval's: $(diff "$out.eval-c" <(report_of "$out.c"))"
    "$BINARY" eval --view patient "${args[@]}" >"$out.eval-p" || fail "$name: eval --view patient failed"
    [[ "$(<"$out.eval-p")" == "$(report_of "$out.p")" ]] ||
      fail "$name: ask's patient report differs from eval's: $(diff "$out.eval-p" <(report_of "$out.p"))"
    continue
  fi

  # An emergency stop: at the expected question, the answers after it never read.
  [[ "${asked_ids[-1]}" == "$stop" ]] || fail "$name: stopped after ${asked_ids[-1]}, expected $stop"
  grep -qxF "Stopped after question ${#asked_ids[@]}: the answers so far make this an emergency." "$out.p.err" ||
    fail "$name: no stop message after question ${#asked_ids[@]}: $(tail -2 "$out.p.err")"
  # The red flags of the questions asked are eval's.
  [[ "$flags" == "$(asked_of "${full[5]:-}")" ]] || fail "$name: ask's red flags '$flags', eval's: ${full[5]:-}"
  # Questions not reached are not asked: neither unanswered nor a blank safety question.
  [[ "$not_asked" == *" (stopped at the emergency)" ]] || fail "$name: the report does not list the questions not asked: $(cat "$out.c")"
  not_asked=${not_asked% (stopped at the emergency)}
  [[ -z "$(asked_of "$not_asked")" ]] || fail "$name: $(asked_of "$not_asked") asked, yet listed as not asked"
  [[ "$(asked_of "$unanswered")" == "$unanswered" ]] || fail "$name: unanswered '$unanswered' but not all asked"
  [[ ",${REPORT[rules]}," != *,U6,* && ",${REPORT[rules]}," != *,P6,* ]] ||
    fail "$name: a rule about blank questions matched after a stop: ${REPORT[rules]}"
  grep -qE "^Not asked: +[0-9]+ questions? \(stopped at the emergency\)$" "$out.p" || fail "$name: the patient report does not say how many were not asked"
  if [[ -z "$unanswered" ]]; then
    ! grep -qE "left blank|^Not answered:" "$out.p" || fail "$name: questions not reached read as left blank: $(cat "$out.p")"
  fi
  # Past the required questions, eval of the answers read, the rest blank, agrees too: the same
  # outputs and red flags, and its unanswered questions are ask's plus those not asked.
  if [[ -v "ASKED[age]" ]]; then
    mapfile -t args < <(eval_args "$stop")
    "$BINARY" eval --format json "${args[@]}" >"$out.stop.json" || fail "$name: eval of the answers read failed"
    IFS='|' read -r -a read_only < <(outcome_of "$out.stop.json")
    [[ "${read_only[1]},${read_only[2]},${read_only[3]},${read_only[4]}" == "$expected" ]] ||
      fail "$name: eval of the answers read gives ${read_only[*]}"
    [[ "${read_only[5]:-}" == "$flags" ]] || fail "$name: red flags '$flags', eval of the answers read: ${read_only[*]}"
    same_set "${read_only[6]:-}" "$unanswered${unanswered:+,}$not_asked" ||
      fail "$name: unanswered '$unanswered' and not asked '$not_asked' are not eval's unanswered: ${read_only[*]}"
  fi
done

# --save round trip: the saved row through score and eval gives ask's result.
round_trip() {
  local entry name answers expected stop out
  entry=$(printf '%s\n' "${CASES[@]}" | grep "^$1|")
  IFS='|' read -r name answers expected stop <<<"$entry"
  set_case "$answers"
  out="trip-$1"
  run_ask "$out.ask" --save "$out.csv" || fail "$name: ask --save exited $?"
  [[ $(wc -l <"$out.csv") == 2 ]] || fail "$name: the saved file is not a header and one row"
  [[ "$(head -1 "$out.csv")" == "id,$(IFS=,; echo "${QUESTIONS[*]}"),triage_time" ]] ||
    fail "$name: saved header: $(head -1 "$out.csv")"
  "$BINARY" score "$out.csv" >"$out.score" || fail "$name: score rejected the saved answers: $(cat "$out.score")"
  [[ "$(sed -n 2p "$out.score" | cut -d, -f2-6)" == "ok,$expected" ]] || fail "$name: score of the saved answers: $(cat "$out.score")"
  [[ -n $stop ]] && return 0
  # eval of the saved answers prints exactly ask's report.
  mapfile -t args < <(paste -d= <(head -1 "$out.csv" | tr , '\n') <(sed -n 2p "$out.csv" | tr , '\n') |
                      grep -v -e '^id=' -e '^triage_time=')
  "$BINARY" eval --view patient "${args[@]}" >"$out.eval" || fail "$name: eval of the saved answers failed"
  [[ "$(<"$out.eval")" == "$(report_of "$out.ask")" ]] ||
    fail "$name: eval of the saved answers differs from ask's report: $(diff "$out.eval" <(report_of "$out.ask"))"
}
for name in W2 W7 W12 W17 W48; do round_trip "$name"; done

# W11 stops at both_legs, before the required difficulty_walking, prior_injury and age: the saved
# row holds the answers given, and the questions never reached are blank.
printf '12\nyes\nno\nno\nyes\n' | "$BINARY" ask --save trip-W11.csv >trip-W11.ask 2>trip-W11.err || fail "W11: ask --save failed"
[[ "$(sed -n 2p trip-W11.csv | cut -d, -f2-35)" == "12,yes,no,no,yes$(printf ',%.0s' {1..29})" ]] ||
  fail "W11: saved row: $(sed -n 2p trip-W11.csv)"
echo "ok"
