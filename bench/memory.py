"""Peak memory: a fresh process imports lambda_entry and answers 200 mixed requests.

Peak RSS is resource.getrusage(RUSAGE_SELF).ru_maxrss of that child process (kilobytes on Linux).
For scale, the same figure for a bare interpreter and for the hello-world skill answering the
same number of LaunchRequests.

    .venv/bin/python bench/memory.py [--requests 200]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, LAMBDA_DIR, BENCH_DIR, PYTHON, machine  # noqa: E402

TIMEOUT_S = 120

# The envelopes are built in the parent, so the child's peak is the skill's, not the builder's.
CHILD = """import json, resource, sys
events = json.load(sys.stdin)
import importlib

mod = importlib.import_module(sys.argv[1])
after_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
answered = 0
for event in events:
    response = mod.handler(event, None)
    answered += isinstance(response.get("response"), dict)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"after_import_kb": after_import, "peak_kb": peak, "answered": answered}))
"""
BARE = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"




def mixed_events(n: int) -> list[dict]:
    sys.path.insert(0, LAMBDA_DIR)
    from recovery_guide_local.envelopes import EnvelopeBuilder
    questions = ["how long does withdrawal last", "what is buprenorphine", "where can I get naloxone",
                 "is it safe to detox at home", "how do I help my daughter", "I relapsed, what now",
                 "what does methadone do", "how much does treatment cost", "what is the weather", "x" * 500]
    locales = ["en-US", "en-GB", "en-CA", "en-AU", "en-IN", "de-DE"]
    events = []
    for i in range(n):
        b = EnvelopeBuilder(locale=locales[i % len(locales)], user_id=f"amzn1.ask.account.mem{i % 25}")
        kind = i % 10
        if kind == 0:
            events.append(b.launch())
        elif kind == 1:
            events.append(b.intent("AMAZON.HelpIntent"))
        elif kind == 2:
            events.append(b.intent("QuestionIntent", {"query": "my friend took too much and won't wake up"}))
        elif kind == 3:
            events.append(b.intent("HelplineIntent"))
        elif kind == 4:
            events.append(b.intent("AffirmationIntent"))
        elif kind == 5:
            events.append(b.can_fulfill("QuestionIntent", {"query": questions[i % len(questions)]}))
        elif kind == 6:
            events.append(b.session_ended())
        else:
            events.append(b.intent("QuestionIntent", {"query": questions[i % len(questions)]}))
    return events


def run(module: str, pythonpath: str, events: list[dict]) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SKILL_ID", "USER_TABLE", "PYTHONPATH")}
    env.update(PYTHONPATH=pythonpath, RECOVERY_GUIDE_STORE="memory")
    proc = subprocess.run([PYTHON, "-c", CHILD, module], input=json.dumps(events), env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"memory - {machine()}")
    events = mixed_events(args.requests)
    ours = run("recovery_guide.lambda_entry", LAMBDA_DIR, events)
    sys.path.insert(0, LAMBDA_DIR)
    from recovery_guide_local.envelopes import EnvelopeBuilder
    hello = run("hello_skill", BENCH_DIR, [EnvelopeBuilder().launch() for _ in range(args.requests)])
    bare = int(subprocess.run([PYTHON, "-c", BARE], capture_output=True, text=True, timeout=TIMEOUT_S).stdout)
    print(f"  recovery_guide: peak RSS {ours['peak_kb'] / 1024:.1f} MB after {args.requests} mixed requests "
          f"({ours['answered']} answered); {ours['after_import_kb'] / 1024:.1f} MB after import")
    print(f"  hello-world:    peak RSS {hello['peak_kb'] / 1024:.1f} MB after {args.requests} LaunchRequests")
    print(f"  bare python:    peak RSS {bare / 1024:.1f} MB")
    if ours["answered"] != args.requests:
        print(f"  WARNING: {args.requests - ours['answered']} request(s) without a response dict")
    print(f"\nmemory: peak RSS {ours['peak_kb'] / 1024:.1f} MB (Lambda's smallest size is 128 MB)")
    result = {"peak_mb": ours["peak_kb"] / 1024, "after_import_mb": ours["after_import_kb"] / 1024,
              "hello_peak_mb": hello["peak_kb"] / 1024, "bare_python_mb": bare / 1024}
    print("RESULT " + json.dumps({"memory": result}))
    return result


if __name__ == "__main__":
    main()
