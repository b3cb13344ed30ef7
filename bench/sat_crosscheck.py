#!/usr/bin/env python3
"""Cross-checks bench/sat_bench on random small rule sets (bench/README.md, "Proofs by SAT").

  sat_crosscheck.py SAT_BENCH [--sets 300] [--rules 6] [--seed 1]

Writes each rule set into a temporary directory and runs `SAT_BENCH DIR --runs 1`, which exits 1
when SAT and the Prover disagree on an invariant or a SAT counterexample does not break its
invariant when evaluated. The rule sets are built like those of the unit test that checks the
Prover against the exhaustive search (tests/check/exhaustive_test.cpp): seven questions of every
kind, asked-if conditions, required answers, red-flag groups, counts, comparisons with numbers,
and invariants over the outputs, many of which do not hold. Stops at the first failure, printing
the rule file. Exit status: 0 all agree, 1 a disagreement, 64 usage.
"""
import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HEADER = """
outputs:
  duration_class: {values: [acute, subacute, chronic]}
  category: {values: [nonspecific, radicular, other]}
  recommendation: {values: [self-manage, start-pt, see-specialist]}
  urgency: {values: [routine, urgent, emergency]}
questions:
  - {id: d, type: duration, required: true, prompt: p}
  - {id: a, type: yes_no, prompt: p}
  - {id: b, type: yes_no, required: true, prompt: p}
  - {id: c, type: yes_no, asked_if: a or b, red_flag: emergency, prompt: p}
  - {id: n, type: number, min: 0, max: 10, prompt: p}
  - {id: e, type: yes_no, asked_if: n >= 5 or unknown(a), red_flag: yes, prompt: p}
  - {id: f, type: yes_no, red_flag: yes, required: true, asked_if: not c, prompt: p}
"""
YES_NO = ["a", "b", "c", "e", "f"]
ALL = YES_NO + ["d", "n"]
OPS = ["<", "<=", ">", ">=", "==", "!="]
OUTPUTS = {
    "duration_class": ["acute", "subacute", "chronic"],
    "category": ["nonspecific", "radicular", "other"],
    "recommendation": ["self-manage", "start-pt", "see-specialist"],
    "urgency": ["routine", "urgent", "emergency"],
}
THENS = ["recommendation == see-specialist", "recommendation != self-manage", "urgency == emergency",
         "category >= radicular", "urgency <= urgent"]


def atom(rng):
    kind = rng.randrange(8)
    if kind == 0:
        return rng.choice(YES_NO)
    if kind == 1:
        return "%s(%s)" % (rng.choice(["yes", "no"]), rng.choice(YES_NO))
    if kind == 2:
        return "%s(%s)" % (rng.choice(["unknown", "known"]), rng.choice(ALL))
    if kind == 3:
        return "d %s %d" % (rng.choice(OPS), rng.choice([3, 7, 20]))
    if kind == 4:
        return "n %s %d" % (rng.choice(OPS), rng.randrange(12))
    if kind == 5:
        return rng.choice(["any_yes(red_flags)", "any_unknown(red_flags)"])
    if kind == 6:
        return rng.choice(["any_yes(emergency_flags)", "any_unknown(c, e, f)"])
    return "count(%s, %s, %s) >= %d" % (rng.choice(YES_NO), atom(rng), atom(rng), 1 + rng.randrange(2))


def condition(rng, depth):
    if depth == 0 or rng.randrange(10) < 4:
        return atom(rng)
    kind = rng.randrange(3)
    if kind == 0:
        return "(%s and %s)" % (condition(rng, depth - 1), condition(rng, depth - 1))
    if kind == 1:
        return "(%s or %s)" % (condition(rng, depth - 1), condition(rng, depth - 1))
    return "not %s" % condition(rng, depth - 1)


def rule_set(rng, rules=6, invariants=3):
    text = HEADER + "rules:\n"
    names = list(OUTPUTS)
    for i in range(rules):
        first = rng.randrange(4)
        proposes = "".join(", %s: %s" % (o, rng.choice(OUTPUTS[o]))
                           for k, o in enumerate(names) if k == first or rng.randrange(3) == 0)
        text += "  - {id: R%d, title: t, when: '%s'%s, source: s}\n" % (i, condition(rng, 2), proposes)
    text += "invariants:\n"
    for i in range(invariants):
        when = condition(rng, 1) if rng.randrange(3) else "urgency > routine"
        then = rng.choice(THENS) if rng.randrange(3) else "(%s or %s)" % (rng.choice(THENS), condition(rng, 1))
        text += "  - {id: I%d, when: '%s', then: '%s'}\n" % (i, when, then)
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sat_bench")
    parser.add_argument("--sets", type=int, default=300)
    parser.add_argument("--rules", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    held = broken = 0
    with tempfile.TemporaryDirectory() as work:
        for n in range(args.sets):
            text = rule_set(rng, args.rules)
            directory = Path(work) / ("set%d" % n)
            directory.mkdir()
            (directory / "random.yaml").write_text(text)
            run = subprocess.run([args.sat_bench, str(directory), "--runs", "1"], capture_output=True, text=True)
            if run.returncode != 0:
                print("rule set %d failed (exit %d):\n%s\n%s%s" % (n, run.returncode, text, run.stdout, run.stderr))
                return 1
            for line in run.stdout.splitlines():
                if " invariants (" in line:
                    counts = line.split(" invariants (")[1].split()
                    held += int(counts[0])
                    broken += int(counts[2])
    print("%d rule sets: SAT and the Prover agree on all %d invariants (%d hold, %d broken)" %
          (args.sets, held + broken, held, broken))
    return 0


if __name__ == "__main__":
    sys.exit(main())
