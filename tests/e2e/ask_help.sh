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
wait_for "Result: self-manage. How soon: routine."   # no labels in these rules: the values are shown
recording | grep -qF "clinic test rules 1 (" || fail "the report does not name the clinic's rule set"

# The default rules' help, with the region's terms filled in.
start ask
wait_for "Question 1 of up to 34"
answer "?" "Help: Count from when this bout of pain started, not from the first back pain"
shows "Question 1 of up to 34"
answer "3 weeks" "Question 2 of up to 34"
lacks "Help:"
answer "help" "Help: Answer yes if the pain goes down the back or side of a leg, past the"
press C-c
wait_exit 130
echo "ok"
