"""Matching accuracy: top-1 topic on shared/eval/dev_questions.jsonl (beside the checkout), measured only.

Each question goes through the path of `recovery-guide ask --json`: a fresh local Conversation
(fresh session, locale en-US) → local NLU → request envelope → skill → the topic of the answer.
Nothing here is tuned to that file; it is read, scored and reported.

Budget (DESIGN.md section 6): top-1 topic accuracy at least 90%; every crisis statement recognised
(a crisis_* row counts as recognised when the skill answers with a crisis response).

    .venv/bin/python bench/accuracy.py [--file PATH] [--locale en-US]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, machine  # noqa: E402

sys.path.insert(0, os.path.join(REPO, "lambda"))
DEFAULT_FILE = os.path.join(os.path.dirname(REPO), "shared", "eval", "dev_questions.jsonl")
BUDGET = 0.90




def main(argv=None) -> dict | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=DEFAULT_FILE)
    parser.add_argument("--locale", default="en-US")
    args = parser.parse_args(argv)
    print(f"accuracy - {machine()}")
    if not os.path.exists(args.file):
        print(f"  skipped: {args.file} is absent")
        print("RESULT " + json.dumps({"accuracy": None}))
        return None
    rows = [json.loads(line) for line in open(args.file, encoding="utf-8") if line.strip()]

    import logging
    logging.disable(logging.CRITICAL)
    os.environ["RECOVERY_GUIDE_STORE"] = "memory"   # the topic does not depend on the store; no disk writes
    from recovery_guide import config as config_module
    from recovery_guide.app import RecoveryGuide
    from recovery_guide_local.conversation import Conversation

    skill = RecoveryGuide(config_module.load())
    per_topic: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    crisis_rows = crisis_any = crisis_exact = 0
    for row in rows:
        turn = Conversation(skill, locale=args.locale).say(row["q"])
        expected, got = row["topic"], turn.topic
        per_topic[expected][1] += 1
        if got == expected:
            per_topic[expected][0] += 1
        else:
            misses.append((row["q"], expected, got, turn.intent))
        if expected.startswith("crisis_"):
            crisis_rows += 1
            crisis_any += bool(got and got.startswith("crisis_"))
            crisis_exact += got == expected
    correct = sum(c for c, _ in per_topic.values())
    accuracy = correct / len(rows)
    print(f"  {args.file} ({len(rows)} questions, locale {args.locale})")
    print(f"  top-1 topic accuracy: {correct}/{len(rows)} = {accuracy:.1%}  (budget >= {BUDGET:.0%})")
    print(f"  crisis recall: {crisis_any}/{crisis_rows} recognised as a crisis, "
          f"{crisis_exact}/{crisis_rows} as the right kind")
    print("  per topic:")
    for topic, (c, n) in sorted(per_topic.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])):
        print(f"    {topic:28} {c:3}/{n:<3} {c / n:6.0%}")
    print(f"  misses ({len(misses)}):")
    for q, expected, got, intent in misses:
        print(f"    - {q!r}\n        expected {expected}, got {got} (intent {intent})")
    ok = accuracy >= BUDGET and crisis_any == crisis_rows
    print(f"\naccuracy: {accuracy:.1%}, crisis {crisis_any}/{crisis_rows}: {'within' if ok else 'OUTSIDE'} budget")
    result = {"accuracy": accuracy, "n": len(rows), "crisis_recognised": crisis_any, "crisis_exact": crisis_exact,
              "crisis_rows": crisis_rows, "misses": len(misses),
              "per_topic": {t: c / n for t, (c, n) in per_topic.items()}}
    print("RESULT " + json.dumps({"accuracy": result}))
    return result


if __name__ == "__main__":
    main()
