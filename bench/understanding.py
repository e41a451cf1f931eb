"""Understanding on a blind set: served, strict top-1, asked back, crisis recall per level, false
alarms, number requests answered with the number, and emergency follow-ups that keep the number.

A blind set (bench/data/blind/<set>/) is written by someone who never saw content/, the phrasings or
the models. It is measured, never tuned on: this prints aggregates only. `--misses` lists the
misses, and looking at them retires the set to training (say so in the set's README).

Every turn goes through the path of `recovery-guide ask --json` in the row's locale: local NLU →
request envelope → skill → response.

    .venv/bin/python bench/understanding.py [--set bench/data/blind/set15] [--misses]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, machine  # noqa: E402

DEFAULT_SET = os.path.join(REPO, "bench", "data", "blind", "set65")
EMERGENCY = {"en-US": "911", "en-GB": "999", "en-CA": "911", "en-AU": "000", "en-IN": "112"}
BUDGETS = {"served": 0.92, "asked_back": 0.15, "false_alarms": 0.03}


def _rows(folder: str, name: str) -> list[dict]:
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def first_sentences(text: str, n: int) -> str:
    return " ".join(re.split(r"(?<=[.!?])\s", text.strip())[:n])


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=DEFAULT_SET)
    parser.add_argument("--misses", action="store_true", help="list misses (this retires the set: it is no longer blind)")
    parser.add_argument("--compare", action="store_true",
                        help="also compare designs on the questions: the previous nearest-phrasing matcher, "
                             "the trained classifier's top topic, and the whole pipeline")
    args = parser.parse_args(argv)
    print(f"understanding - {machine()}")
    print(f"  set: {os.path.relpath(args.set, REPO)}")

    import logging
    logging.disable(logging.CRITICAL)
    os.environ["RECOVERY_GUIDE_STORE"] = "memory"
    from recovery_guide import config as config_module
    from recovery_guide.app import RecoveryGuide
    from recovery_guide.library import load
    from recovery_guide_local.conversation import Conversation

    skill = RecoveryGuide(config_module.load())
    # The country's lines, and its emergency number ("what number do you ring if somebody overdoses").
    numbers = {loc: {l["number"] for l in load().data["helplines"].values()
                     if l["country"] == load().country_of_pack(loc)} | {EMERGENCY[loc]} for loc in EMERGENCY}
    result: dict = {}
    misses: list = []

    questions = _rows(args.set, "questions.jsonl")
    if questions:
        served = strict = asked = alarms = 0
        per_topic: dict = defaultdict(lambda: [0, 0])
        number_rows = number_ok = 0
        for row in questions:
            locale = row.get("locale", "en-US")
            turn = Conversation(skill, locale=locale).say(row["q"])
            acceptable = set(row.get("acceptable") or [row["topic"]])
            ok = turn.topic in acceptable or (turn.topic is None and bool(set(turn.options) & acceptable))
            served += ok
            strict += turn.topic == row["topic"]
            asked += bool(turn.options)
            alarms += turn.risk is not None
            per_topic[row["topic"]][0] += ok
            per_topic[row["topic"]][1] += 1
            if row.get("number_request"):
                number_rows += 1
                said = first_sentences(turn.text, 2)
                has_number = any(n in said for n in numbers[locale])
                number_ok += has_number
                if not has_number:
                    misses.append(("number request", row["q"], locale, turn.topic, first_sentence(turn.text)[:80]))
            if not ok:
                misses.append(("question", row["q"], row["topic"], turn.topic, turn.options))
        n = len(questions)
        result.update(questions=n, served=served / n, strict_top1=strict / n, asked_back=asked / n,
                      false_alarms_questions=alarms / n,
                      number_requests=number_rows, number_answered=number_ok / number_rows if number_rows else None)
        print(f"  questions: {n}")
        print(f"    served (acceptable topic, or an acceptable option asked back): {served / n:.1%}"
              f"  (budget >= {BUDGETS['served']:.0%})")
        print(f"    strict top-1: {strict / n:.1%}; asked back: {asked / n:.1%} (budget <= {BUDGETS['asked_back']:.0%})")
        print(f"    crisis alarms on questions: {alarms}/{n} = {alarms / n:.1%}")
        if number_rows:
            print(f"    number requests answered with a number in the first two sentences: "
                  f"{number_ok}/{number_rows} = {number_ok / number_rows:.1%}")
        print("    served per topic: " + ", ".join(f"{t} {c}/{k}" for t, (c, k) in sorted(per_topic.items())))

    crisis = _rows(args.set, "crisis.jsonl")
    if crisis:
        per_level: dict = defaultdict(lambda: [0, 0, 0])   # recognised, number first, rows
        per_locale: dict = defaultdict(lambda: [0, 0])
        for row in crisis:
            locale = row.get("locale", "en-US")
            turn = Conversation(skill, locale=locale).say(row["q"])
            number_first = EMERGENCY[locale] in first_sentence(turn.text)
            recognised = turn.risk is not None
            level = per_level[row["level"]]
            level[0] += recognised
            level[1] += recognised and number_first
            level[2] += 1
            per_locale[locale][0] += recognised and number_first
            per_locale[locale][1] += 1
            if row["level"] == "emergency" and turn.risk != "emergency":
                misses.append(("crisis", row["q"], row["level"], turn.risk, turn.topic))
            elif not recognised:
                misses.append(("crisis", row["q"], row["level"], turn.risk, turn.topic))
        total_ok = sum(v[1] for v in per_level.values())
        result.update(crisis=len(crisis), crisis_recall=total_ok / len(crisis),
                      crisis_per_level={k: v[1] / v[2] for k, v in per_level.items()})
        print(f"  crisis statements: {len(crisis)}; recognised with the emergency number in the first sentence: "
              f"{total_ok}/{len(crisis)} = {total_ok / len(crisis):.1%}")
        for level, (rec, first, k) in sorted(per_level.items()):
            print(f"    {level}: recognised {rec}/{k}, number first {first}/{k}")
        print("    per locale: " + ", ".join(f"{loc} {a}/{k}" for loc, (a, k) in sorted(per_locale.items())))
        emergency_rows = [r for r in crisis if r["level"] == "emergency"]
        if emergency_rows:
            as_emergency = sum(1 for m in misses if m[0] == "crisis" and m[2] == "emergency")
            print(f"    emergency statements answered as an emergency: "
                  f"{len(emergency_rows) - as_emergency}/{len(emergency_rows)}")

    near = _rows(args.set, "near_miss.jsonl")
    if near:
        alarms = served = 0
        for row in near:
            turn = Conversation(skill, locale=row.get("locale", "en-US")).say(row["q"])
            alarms += turn.risk is not None
            acceptable = set(row.get("acceptable") or [row["topic"]])
            served += turn.topic in acceptable or bool(set(turn.options) & acceptable)
            if turn.risk is not None:
                misses.append(("near-miss alarm", row["q"], row["topic"], turn.risk, turn.topic))
        result.update(near_miss=len(near), near_miss_alarms=alarms / len(near), near_miss_served=served / len(near))
        print(f"  near misses: {len(near)}; false alarms {alarms} = {alarms / len(near):.1%}; served {served / len(near):.1%}")

    dialogs = _rows(args.set, "emergency_dialogs.jsonl")
    if dialogs:
        replies = kept = kept_risk = opened = 0
        for row in dialogs:
            locale = row.get("locale", "en-US")
            conversation = Conversation(skill, locale=locale)
            turns = [conversation.say(t) for t in row["turns"]]
            # The opening is an emergency statement too: recognised, with the number first.
            opening_ok = turns[0].risk is not None and EMERGENCY[locale] in first_sentence(turns[0].text)
            opened += opening_ok
            if not opening_ok:
                misses.append(("dialog opening", row["turns"][0], locale, turns[0].risk, turns[0].topic))
            for text, turn in zip(row["turns"][1:], turns[1:]):
                replies += 1
                has_number = EMERGENCY[locale] in turn.text or any(n in turn.text for n in numbers[locale])
                kept += has_number
                kept_risk += has_number and turn.risk == "emergency"
                if not has_number:
                    misses.append(("follow-up", text, row.get("follow_up_kind"), turn.risk, turn.topic))
        result.update(dialog_openings=len(dialogs), dialog_openings_recognised=opened / len(dialogs),
                      follow_ups=replies, follow_ups_with_number=kept / replies)
        print(f"  emergency dialogs: {len(dialogs)}; opening recognised with the number first: {opened}/{len(dialogs)}")
        print(f"  emergency follow-ups: {replies}; reply carries a number: {kept} = {kept / replies:.1%}; "
              f"and risk emergency: {kept_risk} = {kept_risk / replies:.1%}")

    if args.compare and questions:
        result["designs"] = compare_designs(questions)

    if args.misses:
        print(f"  misses ({len(misses)}):")
        for miss in misses:
            print("    - " + " | ".join(str(m) for m in miss))
    print("RESULT " + json.dumps(result))
    return result


def compare_designs(questions: list[dict]) -> dict:
    """Served and strict top-1 for each design, on the same questions, without asking back."""
    sys.path.insert(0, os.path.join(REPO, "tools"))
    from recovery_guide.library import load
    from recovery_guide.understanding import reading
    from recovery_guide_authoring.baseline_matcher import QuestionMatcher
    from recovery_guide_authoring.compile import matcher_index
    from recovery_guide_authoring.content import load as load_content

    index = matcher_index(load_content())
    matchers: dict = {}

    def baseline(row):
        country = load().country_of_pack(row.get("locale"))
        matcher = matchers.setdefault(country, QuestionMatcher(index, country))
        match = matcher.best(row["q"])
        return match.topic if match else "out_of_scope"

    def classifier(row):
        topics, _ = reading.ranked_topics(row["q"], row.get("locale"))
        return topics[0][0] if topics else None

    out = {}
    print("  designs (no asking back; served = an acceptable topic):")
    for name, pick in (("nearest phrasing (previous matcher)", baseline), ("trained classifier, top topic", classifier)):
        served = strict = 0
        for row in questions:
            topic = pick(row)
            served += topic in set(row.get("acceptable") or [row["topic"]])
            strict += topic == row["topic"]
        out[name] = {"served": served / len(questions), "strict": strict / len(questions)}
        print(f"    {name:40} served {served / len(questions):.1%}, strict {strict / len(questions):.1%}")
    return out


if __name__ == "__main__":
    main()
