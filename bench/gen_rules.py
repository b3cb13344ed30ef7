#!/usr/bin/env python3
"""Writes generated rule directories for the prover and diff benchmarks (bench/check_bench.sh).

  gen_rules.py clinic DIR [--questions 100] [--rules 1000] [--invariants 50] [--seed 1] [--change RULE]
      A clinic-like rule set: yes/no questions (some asked only after an earlier answer),
      durations and numbers, rules over two to four questions each, invariants that hold.
      --change N writes the same set with rule N's condition changed (for rules diff).
  gen_rules.py pairs DIR --pairs 14
      Pairs of related questions asked far apart: a1..aN, then b1..bN, and a rule per pair
      reading a_i and b_i, so that each rule's questions stand N questions apart.
Deterministic for a given seed, so benchmark runs compare like with like.
"""
import argparse
import os
import random

OUTPUTS = """outputs:
  duration_class: {values: [acute, subacute, chronic]}
  category: {values: [nonspecific, radicular, other]}
  recommendation: {values: [self-manage, start-pt, see-specialist]}
  urgency: {values: [routine, urgent, emergency]}
"""
LEVELS = {
    "category": ["nonspecific", "radicular", "other"],
    "recommendation": ["self-manage", "start-pt", "see-specialist"],
    "urgency": ["routine", "urgent", "emergency"],
}


def write(directory, name, questions, rules, invariants):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "00-ruleset.yaml"), "w") as f:
        f.write(f'ruleset: {{name: {name}, version: "1"}}\n' + OUTPUTS)
    with open(os.path.join(directory, "10-questions.yaml"), "w") as f:
        f.write("questions:\n" + "".join(f"  - {q}\n" for q in questions))
    with open(os.path.join(directory, "20-rules.yaml"), "w") as f:
        f.write("rules:\n" + "".join(f"  - {r}\n" for r in rules))
        f.write("invariants:\n" + "".join(f"  - {i}\n" for i in invariants))


def clinic(args):
    rng = random.Random(args.seed)
    questions, yes_no, numbers = [], [], []
    questions.append("{id: days, type: duration, required: true, prompt: How long}")
    numbers.append(("days", [7, 28, 42, 84, 365]))
    for q in range(1, args.questions):
        qid = f"q{q}"
        if q % 10 == 5:
            questions.append(f"{{id: {qid}, type: number, min: 0, max: 120, prompt: Number {q}}}")
            numbers.append((qid, [16, 50, 65, 80]))
            continue
        extra = ""
        if yes_no and rng.random() < 0.3:
            extra = f", asked_if: {rng.choice(yes_no[-8:])}"
        if rng.random() < 0.3:
            extra += ", red_flag: " + ("emergency" if rng.random() < 0.3 else "yes")
        questions.append(f"{{id: {qid}, type: yes_no{extra}, prompt: Question {q}}}")
        yes_no.append(qid)

    def atom(near):
        kind = rng.random()
        if kind < 0.6:
            return rng.choice(near)
        if kind < 0.75:
            return f"no({rng.choice(near)})"
        if kind < 0.85:
            return f"unknown({rng.choice(near)})"
        qid, constants = rng.choice(numbers)
        return f"{qid} {rng.choice(['<', '>=', '<=', '>'])} {rng.choice(constants)}"

    def condition(i):
        # Rules read questions that stand near one another, as clinical rules do.
        start = rng.randrange(max(1, len(yes_no) - 6))
        near = yes_no[start:start + 6]
        parts = [atom(near) for _ in range(rng.randint(2, 4))]
        joined = parts[0]
        for p in parts[1:]:
            joined = f"({joined} {'and' if rng.random() < 0.6 else 'or'} {p})"
        return joined

    rules = [
        "{id: D1, title: d, when: days < 42, duration_class: acute, source: s}",
        "{id: D2, title: d, when: days >= 42 and days < 84, duration_class: subacute, source: s}",
        "{id: D3, title: d, when: days >= 84, duration_class: chronic, source: s}",
        "{id: E0, title: e, when: any_yes(emergency_flags), category: other, recommendation: see-specialist, urgency: emergency, source: s}",
        "{id: U0, title: u, when: any_yes(red_flags), category: other, recommendation: see-specialist, urgency: urgent, source: s}",
        "{id: P0, title: p, when: any_unknown(red_flags), recommendation: start-pt, source: s}",
    ]
    for i in range(len(rules), args.rules):
        when = condition(i)
        if args.change == i:
            when = f"({when} and not {rng.choice(yes_no)})"
        output = rng.choice(list(LEVELS))
        rules.append(f"{{id: R{i}, title: r, when: '{when}', {output}: {rng.choice(LEVELS[output][1:])}, source: s}}")
    templates = [
        "{{id: I{n}, title: t, when: any_yes(emergency_flags), then: urgency == emergency}}",
        "{{id: I{n}, title: t, when: any_yes(red_flags), then: recommendation == see-specialist}}",
        "{{id: I{n}, title: t, when: any_unknown(red_flags), then: recommendation != self-manage}}",
        "{{id: I{n}, title: t, when: '{q}', then: urgency >= routine}}",
        "{{id: I{n}, title: t, when: 'urgency == emergency', then: recommendation == see-specialist}}",
        "{{id: I{n}, title: t, when: '{q} and urgency == urgent', then: category != nonspecific or recommendation >= start-pt}}",
    ]
    invariants = [templates[n % len(templates)].format(n=n, q=rng.choice(yes_no)) for n in range(args.invariants)]
    write(args.dir, "generated", questions, rules, invariants)


def pairs(args):
    n = args.pairs
    questions = [f"{{id: a{i}, type: yes_no, prompt: A {i}}}" for i in range(n)]
    questions += [f"{{id: b{i}, type: yes_no, prompt: B {i}}}" for i in range(n)]
    questions.append("{id: days, type: duration, required: true, prompt: How long}")
    rules = [f"{{id: R{i}, title: r, when: a{i} and b{i}, urgency: urgent, recommendation: see-specialist, source: s}}"
             for i in range(n)]
    rules.append("{id: D1, title: d, when: days < 42, duration_class: acute, source: s}")
    rules.append("{id: D2, title: d, when: days >= 42, duration_class: chronic, source: s}")
    invariants = ["{id: I1, title: t, when: urgency == urgent, then: recommendation == see-specialist}",
                  "{id: I2, title: t, when: " + " or ".join(f"(a{i} and b{i})" for i in range(n)) +
                  ", then: urgency >= urgent}"]
    write(args.dir, "pairs", questions, rules, invariants)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="kind", required=True)
    c = sub.add_parser("clinic")
    c.add_argument("dir")
    c.add_argument("--questions", type=int, default=100)
    c.add_argument("--rules", type=int, default=1000)
    c.add_argument("--invariants", type=int, default=50)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--change", type=int, default=-1)
    p = sub.add_parser("pairs")
    p.add_argument("dir")
    p.add_argument("--pairs", type=int, default=14)
    args = parser.parse_args()
    clinic(args) if args.kind == "clinic" else pairs(args)


if __name__ == "__main__":
    main()
