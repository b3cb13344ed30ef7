#!/usr/bin/env bash
# '?' shows the current question's help from the rule files, and a clinic's own rule directory
# changes the questionnaire without recompiling.
source "$(dirname "$0")/ask_helpers.bash" "$@" || exit 1

mkdir "$WORK/rules"
cat >"$WORK/rules/rules.yaml" <<'YAML'
ruleset: {name: clinic test rules, version: "1"}
outputs:
  duration_class: {values: [acute, chronic]}
  category: {values: [nonspecific, other]}
  recommendation: {values: [self-manage, see-specialist]}
  urgency: {values: [routine, emergency]}
safety_net: Come back if it gets worse.
questions:
  - id: duration_days
    type: duration
    required: true
    prompt: How many days has your back hurt this time?
    help: Help text number one, about counting the days of this episode.
  - id: stiff
    type: yes_no
    prompt: Is your back stiff in the morning?
  - id: fall
    type: yes_no
    red_flag: emergency
    prompt: Did you fall from a height?
    help: Help text number three, about falls.
rules:
  - {id: F1, title: Fall, when: fall, recommendation: see-specialist, urgency: emergency, source: test}
YAML

start ask --rules "$WORK/rules"
wait_for "Question 1 of up to 3"
shows "How many days has your back hurt this time?"
lacks "Help text number one"
answer "?" "Help: Help text number one, about counting the days of this episode."
shows "Question 1 of up to 3"           # still the same question
answer "help" "Help: Help text number one"
answer "4" "Question 2 of up to 3"
lacks "Help text number one"            # help belongs to its question
answer "?" "Help: there is no more help for this question."
answer "" "Question 3 of 3"
answer "?" "Help: Help text number three, about falls."
type_line "no"
wait_exit 0
wait_for "Result: self-manage, urgency routine."
tmx capture-pane -p -S - -t ask | grep -qF "clinic test rules 1" || fail "the report does not name the clinic's rule set"
echo "ok"
