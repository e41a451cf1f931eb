"""Cold start: a fresh process imports the handler module and answers one LaunchRequest.

Ours (`recovery_guide.lambda_entry`, RECOVERY_GUIDE_STORE=memory) and the hello-world baseline
(bench/hello_skill.py) alternate in one run, so both see the same machine state. Two figures each:

- in-child: time.perf_counter() from the child's very first line to the response (imports, skill
  build, first request; excludes the interpreter's own start-up, which is the same for both);
- wall: the parent's clock around the whole subprocess (interpreter start-up and exit included);
- cpu: time.process_time() over the same span as in-child: the CPU the child used, which is far
  less disturbed than the clocks when other work shares the machine.

Budget (DESIGN.md section 6): ours at most 1.25 times the baseline. Also printed: which heavy
modules got imported on that path (should be none), a phase breakdown and the slowest imports.

    .venv/bin/python bench/cold_start.py [--runs 15] [--question-runs 7] [--lambda-like-runs 7]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, LAMBDA_DIR, BENCH_DIR, PYTHON, machine  # noqa: E402

HEAVY = ("boto3", "botocore", "requests", "jinja2", "yaml", "urllib3", "sqlite3")
BUDGET_RATIO = 1.25
CHILD_TIMEOUT_S = 60

# The child: the clock starts on its first line.
CHILD = f"""import time; _t0 = time.perf_counter(); _c0 = time.process_time()
import importlib, json, sys
_mod = importlib.import_module(sys.argv[1])
_resp = _mod.handler(json.loads(sys.argv[2]), None)
_t1 = time.perf_counter(); _c1 = time.process_time()
print(json.dumps({{"ms": (_t1 - _t0) * 1000.0, "cpu_ms": (_c1 - _c0) * 1000.0,
                  "ok": bool((_resp.get("response") or {{}}).get("outputSpeech")),
                  "heavy": sorted(m for m in {HEAVY!r} if m in sys.modules),
                  "modules": len(sys.modules), "file": _mod.__file__}}))
"""

# Where the time goes in ours: imports, content library, skill build, first request.
PHASES = """import time; _t0 = time.perf_counter()
import json, sys
import recovery_guide.app as app
_t1 = time.perf_counter()
from recovery_guide import library

library.load()
_t2 = time.perf_counter()
skill = app.get()
_t3 = time.perf_counter()
skill.invoke(json.loads(sys.argv[1]))
_t4 = time.perf_counter()
skill.invoke(json.loads(sys.argv[1]))
_t5 = time.perf_counter()
print(json.dumps({"import recovery_guide.app (ask-sdk, handlers)": (_t1 - _t0) * 1000,
                  "library.load() (parse data/library.json)": (_t2 - _t1) * 1000,
                  "app.get() (config, store, skill build, extra handler imports)": (_t3 - _t2) * 1000,
                  "first LaunchRequest": (_t4 - _t3) * 1000,
                  "second LaunchRequest": (_t5 - _t4) * 1000}))
"""




def launch_event() -> dict:
    sys.path.insert(0, LAMBDA_DIR)
    from recovery_guide_local.envelopes import EnvelopeBuilder
    return EnvelopeBuilder(locale="en-US").launch()


def question_event() -> dict:
    """A one-shot question ("Alexa, ask Recovery Guide how long withdrawal lasts"): the common cold start."""
    from recovery_guide_local.envelopes import EnvelopeBuilder
    return EnvelopeBuilder(locale="en-US").intent("QuestionIntent", {"query": "how long does withdrawal last"})


def child_env(pythonpath: str, ours: bool, no_pyc: bool = False) -> dict:
    # PYTHONDONTWRITEBYTECODE from the caller's shell would make "as installed" compile every module
    # on every start; only the variant that asks for it runs without .pyc files.
    env = {k: v for k, v in os.environ.items()
           if k not in ("SKILL_ID", "USER_TABLE", "DYNAMODB_ENDPOINT", "PYTHONPATH", "PYTHONSTARTUP",
                        "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPATH"] = pythonpath
    env["PYTHONHASHSEED"] = "0"
    if ours:
        env["RECOVERY_GUIDE_STORE"] = "memory"
    if no_pyc:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_child(module: str, event_json: str, env: dict, extra_args: tuple = ()) -> tuple[dict, float]:
    start = time.perf_counter()
    proc = subprocess.run([PYTHON, *extra_args, "-c", CHILD, module, event_json], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    wall = (time.perf_counter() - start) * 1000.0
    if proc.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        raise RuntimeError(f"{module} answered without speech")
    return result, wall


def compare(label: str, runs: int, ours: tuple, hello: tuple, event_json: str, ours_event_json: str | None = None) -> dict:
    """Alternate ours and hello-world (ABBA order, after one discarded warm-up each)."""
    samples = {"ours": {"child": [], "wall": [], "cpu": []}, "hello": {"child": [], "wall": [], "cpu": []}}
    specs = {"ours": ours, "hello": hello}
    last = {}
    events = {"ours": ours_event_json or event_json, "hello": event_json}
    for name in ("ours", "hello"):
        run_child(specs[name][0], events[name], specs[name][1])   # warm-up: .pyc files, page cache
    for i in range(runs):
        order = ("ours", "hello") if i % 2 == 0 else ("hello", "ours")
        for name in order:
            result, wall = run_child(specs[name][0], events[name], specs[name][1])
            samples[name]["child"].append(result["ms"])
            samples[name]["wall"].append(wall)
            samples[name]["cpu"].append(result["cpu_ms"])
            last[name] = result
    med = {n: {k: statistics.median(v) for k, v in s.items()} for n, s in samples.items()}
    ratio_child = med["ours"]["child"] / med["hello"]["child"]
    ratio_wall = med["ours"]["wall"] / med["hello"]["wall"]
    ratio_cpu = med["ours"]["cpu"] / med["hello"]["cpu"]
    print(f"\n[{label}] {runs} runs each, alternating")
    print(f"  {'':16}{'in-child ms (median, min-max)':>31}{'wall ms (median, min-max)':>31}"
          f"{'cpu ms (median, min-max)':>31}")
    for name, title in (("ours", "recovery_guide"), ("hello", "hello-world")):
        row = f"  {title:16}"
        for key in ("child", "wall", "cpu"):
            v = samples[name][key]
            row += f"{med[name][key]:>14.1f} ({min(v):6.1f}-{max(v):6.1f})"
        print(row)
    print(f"  ratio of medians: in-child {ratio_child:.2f}, wall {ratio_wall:.2f}, cpu {ratio_cpu:.2f}"
          f"  (budget <= {BUDGET_RATIO}); ratio of minimums: in-child "
          f"{min(samples['ours']['child']) / min(samples['hello']['child']):.2f}")
    print(f"  modules loaded: ours {last['ours']['modules']}, hello-world {last['hello']['modules']}")
    print(f"  heavy modules imported by ours: {', '.join(last['ours']['heavy']) or 'none'}"
          f"   (hello-world: {', '.join(last['hello']['heavy']) or 'none'})")
    return {"ours_child_ms": med["ours"]["child"], "hello_child_ms": med["hello"]["child"],
            "ours_wall_ms": med["ours"]["wall"], "hello_wall_ms": med["hello"]["wall"],
            "ours_cpu_ms": med["ours"]["cpu"], "hello_cpu_ms": med["hello"]["cpu"],
            "ratio_child": ratio_child, "ratio_wall": ratio_wall, "ratio_cpu": ratio_cpu, "heavy": last["ours"]["heavy"],
            "ours_file": last["ours"]["file"]}


def phases(event_json: str) -> dict:
    proc = subprocess.run([PYTHON, "-c", PHASES, event_json], env=child_env(LAMBDA_DIR, True), cwd=REPO,
                          capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print("\n  where ours spends its cold start (one run):")
    for name, ms in result.items():
        print(f"    {name:62} {ms:7.1f} ms")
    return result


def slowest_imports(event_json: str, top: int = 12) -> None:
    """`python -X importtime`: the top-level imports with the largest cumulative time."""
    proc = subprocess.run([PYTHON, "-X", "importtime", "-c", CHILD, "recovery_guide.lambda_entry", event_json],
                          env=child_env(LAMBDA_DIR, True), cwd=REPO, capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT_S)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((int(cumulative), depth, name.strip()))
    print(f"\n  ours: slowest imports, cumulative (python -X importtime, one run):")
    for cumulative, depth, name in sorted(rows, reverse=True)[:top]:
        print(f"    {cumulative / 1000:7.1f} ms  {'  ' * max(depth - 1, 0)}{name}")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--question-runs", type=int, default=7,
                        help="runs of ours answering a one-shot QuestionIntent cold (0 to skip)")
    parser.add_argument("--lambda-like-runs", type=int, default=7,
                        help="runs of the variant without our .pyc files (0 to skip)")
    args = parser.parse_args(argv)
    print(f"cold start - {machine()}")
    event_json = json.dumps(launch_event())
    ours = ("recovery_guide.lambda_entry", child_env(LAMBDA_DIR, True))
    hello = ("hello_skill", child_env(BENCH_DIR, False))
    results = {"main": compare("LaunchRequest, as installed: .pyc cached", args.runs, ours, hello, event_json)}
    if args.question_runs:
        results["question"] = compare("ours answering a QuestionIntent vs hello-world's LaunchRequest",
                                      args.question_runs, ours, hello, event_json, json.dumps(question_event()))
    if args.lambda_like_runs:
        # A Lambda package is usually shipped without __pycache__ and /var/task is read-only, so
        # our own modules are compiled on every cold start. Copy them without .pyc and forbid
        # writing any; dependencies keep their .pyc files as pip installs them.
        with tempfile.TemporaryDirectory(prefix="rg-cold-") as tmp:
            code = os.path.join(tmp, "ours")
            shutil.copytree(os.path.join(LAMBDA_DIR, "recovery_guide"), os.path.join(code, "recovery_guide"),
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "tests"))
            base = os.path.join(tmp, "hello")
            os.makedirs(base)
            shutil.copy(os.path.join(BENCH_DIR, "hello_skill.py"), base)
            ours_src = ("recovery_guide.lambda_entry", child_env(code, True, no_pyc=True))
            hello_src = ("hello_skill", child_env(base, False, no_pyc=True))
            results["lambda_like"] = compare("LaunchRequest, Lambda-like: own code without .pyc", args.lambda_like_runs,
                                             ours_src, hello_src, event_json)
            if not results["lambda_like"]["ours_file"].startswith(tmp):
                print(f"  WARNING: imported {results['lambda_like']['ours_file']}, not the copy")
    results["phases"] = phases(event_json)
    slowest_imports(event_json)
    main_ratio = results["main"]["ratio_child"]
    verdict = "within" if main_ratio <= BUDGET_RATIO else "OVER"
    print(f"\ncold start: ratio {main_ratio:.2f} (in-child), {results['main']['ratio_wall']:.2f} (wall), "
          f"{results['main']['ratio_cpu']:.2f} (cpu): "
          f"{verdict} budget {BUDGET_RATIO}")
    print("RESULT " + json.dumps({"cold_start": results}))
    return results


if __name__ == "__main__":
    main()
