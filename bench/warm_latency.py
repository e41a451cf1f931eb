"""Warm latency: request envelopes through RecoveryGuide.invoke in one process, after warm-up.

Questions go in as QuestionIntent envelopes with the text in the AMAZON.SearchQuery slot, exactly
as a device sends free-form questions; the timed span is invoke() alone (the envelope dict is built
beforehand, as Lambda hands over parsed JSON). Launch and crisis are measured separately.

Budget (DESIGN.md section 6): a question answered in under 2 ms at the 99th percentile.

    .venv/bin/python bench/warm_latency.py [--rounds 50]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, machine  # noqa: E402

sys.path.insert(0, os.path.join(REPO, "lambda"))

BUDGET_P99_MS = 2.0
TIME_LIMIT_S = 120

# Written for this benchmark (not taken from any evaluation file): varied length, wording and topic,
# including a few the skill should decline.
QUESTIONS = [
    "how long does opiate withdrawal usually last",
    "what are the first signs of withdrawal",
    "why can't I sleep after quitting oxy",
    "is it dangerous to come off heroin by myself",
    "can you die from kicking dope",
    "what helps with the sweats and diarrhea",
    "does clonidine help with withdrawals",
    "what is suboxone and how does it work",
    "can my regular doctor prescribe buprenorphine",
    "is methadone just swapping one drug for another",
    "how often do I have to go to the methadone clinic",
    "what's the difference between vivitrol and suboxone",
    "how long do I need to wait before starting naltrexone",
    "where can I get narcan for free",
    "how do you give someone naloxone nasal spray",
    "can narcan hurt someone who isn't overdosing",
    "what does an overdose look like",
    "are fentanyl test strips reliable",
    "why is it risky to use alone",
    "my tolerance is lower after jail, what should I know",
    "I relapsed after six months clean, did I ruin everything",
    "how do I deal with cravings at night",
    "are there meetings for people on medication",
    "how do I find a rehab that takes medicaid",
    "how much does detox cost without insurance",
    "what happens in a detox center",
    "should I detox at home or go somewhere",
    "my son is using again, how do I talk to him",
    "how can I set boundaries with my partner who uses",
    "is it safe to take methadone while pregnant",
    "will my baby go through withdrawal",
    "what number can I call to talk to someone",
    "is the helpline confidential",
    "how long should I stay on suboxone",
    "can I drink alcohol to take the edge off withdrawal",
    "what are restless legs and how long do they last",
    "when will I finally feel normal again",
    "how do I quit vaping",
    "what's the weather tomorrow",
    "tell me about treatment options near me for opioid addiction in a rural area where there are no clinics",
]
CRISIS = ["my friend isn't breathing after taking pills", "I want to kill myself", "he overdosed and is turning blue"]




def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def timed(skill, envelopes: list[dict], deadline: float) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (thread) milliseconds per invoke(). On a machine shared with other work the
    wall clock's tail measures the scheduler as much as the skill; the CPU time does not."""
    wall, cpu = [], []
    for envelope in envelopes:
        if time.monotonic() > deadline:
            break
        c0 = time.thread_time()
        start = time.perf_counter()
        response = skill.invoke(envelope)
        wall.append((time.perf_counter() - start) * 1000.0)
        cpu.append((time.thread_time() - c0) * 1000.0)
        assert response["response"].get("outputSpeech"), response
    return wall, cpu


def summary(name: str, samples) -> dict:
    wall, cpu = samples if isinstance(samples, tuple) else (samples, None)
    result = {"n": len(wall), "p50_ms": percentile(wall, 50), "p90_ms": percentile(wall, 90),
              "p99_ms": percentile(wall, 99), "max_ms": max(wall), "mean_ms": statistics.fmean(wall)}
    print(f"  {name:31} n={result['n']:5}  wall p50 {result['p50_ms']:6.3f}  p90 {result['p90_ms']:6.3f}  "
          f"p99 {result['p99_ms']:6.3f}  max {result['max_ms']:7.3f} ms")
    if cpu:
        result.update(cpu_p50_ms=percentile(cpu, 50), cpu_p90_ms=percentile(cpu, 90), cpu_p99_ms=percentile(cpu, 99),
                      cpu_max_ms=max(cpu))
        print(f"  {'':31} {'':7}   cpu p50 {result['cpu_p50_ms']:6.3f}  p90 {result['cpu_p90_ms']:6.3f}  "
              f"p99 {result['cpu_p99_ms']:6.3f}  max {result['cpu_max_ms']:7.3f} ms")
    return result


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="passes over the question list")
    args = parser.parse_args(argv)
    os.environ["RECOVERY_GUIDE_STORE"] = "memory"
    import logging
    logging.disable(logging.CRITICAL)   # the per-request log line would time the terminal, not the skill
    from recovery_guide import config as config_module
    from recovery_guide.app import RecoveryGuide
    from recovery_guide_local.envelopes import EnvelopeBuilder
    from recovery_guide.persistence.memory_store import MemoryUserStore

    base = config_module.load({})
    skill = RecoveryGuide(config_module.Config(**{**base.__dict__, "store": "memory"}), store=MemoryUserStore())
    builder = EnvelopeBuilder(locale="en-US")

    def question(text):
        return builder.intent("QuestionIntent", {"query": text})

    deadline = time.monotonic() + TIME_LIMIT_S
    # Warm-up: every path once or more (models read on first use, caches filled).
    for _ in range(5):
        timed(skill, [question(q) for q in QUESTIONS] + [builder.launch()]
              + [question(c) for c in CRISIS], deadline)
    topics = {}
    for q in QUESTIONS:
        skill.invoke(question(q))
        topics[q] = skill.last_topic()

    print(f"warm latency - {machine()}")
    print(f"  {len(QUESTIONS)} questions x {args.rounds} rounds; timed span = RecoveryGuide.invoke()")
    gc.collect()
    results = {}
    results["question"] = summary("QuestionIntent (free text)",
                                  timed(skill, [question(q) for _ in range(args.rounds) for q in QUESTIONS], deadline))
    results["launch"] = summary("LaunchRequest", timed(skill, [builder.launch() for _ in range(500)], deadline))
    results["crisis"] = summary("crisis in QuestionIntent text",
                                timed(skill, [question(c) for _ in range(170) for c in CRISIS], deadline))
    results["crisis_intent"] = summary("OverdoseEmergencyIntent",
                                       timed(skill, [builder.intent("OverdoseEmergencyIntent") for _ in range(500)],
                                             deadline))
    # Understanding alone (crisis risk, then the classifier), to separate it from the ASK SDK's work.
    # Each round uses new words, as a person would: the per-turn feature cache does not help here.
    from recovery_guide.understanding import crisis, reading
    match_ms, match_cpu = [], []
    for r in range(args.rounds):
        for q in QUESTIONS:
            words = f"{q} {r}"
            c0 = time.thread_time()
            start = time.perf_counter()
            crisis.assess(words, in_slot=True) or reading.read(words, "en-US")
            match_ms.append((time.perf_counter() - start) * 1000.0)
            match_cpu.append((time.thread_time() - c0) * 1000.0)
    results["understanding_only"] = summary("crisis risk + reading alone", (match_ms, match_cpu))
    # The crisis assessment runs on every turn, before anything else: its own figure, per sentence.
    risk_ms, risk_cpu = [], []
    for r in range(args.rounds):
        for text in QUESTIONS + CRISIS:
            words = f"{text} {r}"
            c0 = time.thread_time()
            start = time.perf_counter()
            crisis.assess(words, in_slot=True)
            risk_ms.append((time.perf_counter() - start) * 1000.0)
            risk_cpu.append((time.thread_time() - c0) * 1000.0)
    results["crisis_risk_only"] = summary("crisis risk alone", (risk_ms, risk_cpu))
    declined = sorted(q for q, t in topics.items() if t == "out_of_scope")
    print(f"  (questions answered out_of_scope: {len(declined)} of {len(QUESTIONS)})")
    p99, cpu99 = results["question"]["p99_ms"], results["question"]["cpu_p99_ms"]
    print(f"\nwarm question p99 {p99:.3f} ms wall, {cpu99:.3f} ms CPU: "
          f"{'within' if p99 < BUDGET_P99_MS else 'OVER'} budget {BUDGET_P99_MS} ms (wall)"
          f"{'' if p99 < BUDGET_P99_MS else (', within on CPU time' if cpu99 < BUDGET_P99_MS else ', OVER on CPU time too')}")
    risk = results["crisis_risk_only"]
    print(f"crisis risk alone (paid on every turn, inside the question budget): "
          f"mean {risk['mean_ms'] * 1000:.0f} µs, p99 {risk['p99_ms']:.3f} ms")
    print("RESULT " + json.dumps({"warm_latency": results}))
    return results


if __name__ == "__main__":
    main()
