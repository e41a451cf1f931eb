"""All benchmarks in sequence (`make bench`), each in its own process, then one summary.

Every figure is printed with the machine it ran on. Not part of `make test`.

    .venv/bin/python bench/run_all.py [--skip NAME ...] [--quick]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
PYTHON = os.path.join(REPO, ".venv", "bin", "python")
if not os.path.exists(PYTHON):
    PYTHON = sys.executable
# name, script, arguments for a full run, arguments for --quick, time limit (s)
SUITE = [
    ("cold_start", "cold_start.py", [], ["--runs", "5", "--question-runs", "3", "--lambda-like-runs", "3"], 600),
    ("warm_latency", "warm_latency.py", [], ["--rounds", "10"], 300),
    ("package_size", "package_size.py", [], [], 600),
    ("memory", "memory.py", [], [], 300),
    ("accuracy", "accuracy.py", [], [], 300),
    ("load_serve", "load_serve.py", [], ["--requests", "1000"], 300),
]


def machine() -> str:
    return (f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}, "
            f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", nargs="*", default=[], choices=[s[0] for s in SUITE])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run, not figures to report)")
    args = parser.parse_args(argv)
    where = machine()
    print(f"Recovery Guide benchmarks - {where}\n{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}\n")
    results, failed = {}, []
    for name, script, full, quick, limit in SUITE:
        if name in args.skip:
            continue
        print(f"=== {name} " + "=" * (60 - len(name)), flush=True)
        try:
            proc = subprocess.run([PYTHON, os.path.join(BENCH, script), *(quick if args.quick else full)],
                                  cwd=REPO, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            print(f"{name}: stopped after {limit} s\n")
            failed.append(name)
            continue
        for line in proc.stdout.splitlines():
            if line.startswith("RESULT "):
                results.update(json.loads(line[len("RESULT "):]))
            else:
                print(line)
        if proc.returncode != 0:
            print(proc.stderr[-4000:])
            failed.append(name)
        print(flush=True)

    print("=== summary " + "=" * 53)
    print(f"machine: {where}")
    cs = results.get("cold_start")
    if cs:
        m = cs["main"]
        print(f"cold start      ours {m['ours_child_ms']:.1f} ms vs hello-world {m['hello_child_ms']:.1f} ms in-child "
              f"(ratio {m['ratio_child']:.2f}); wall {m['ours_wall_ms']:.1f} vs {m['hello_wall_ms']:.1f} ms "
              f"(ratio {m['ratio_wall']:.2f}); cpu {m['ours_cpu_ms']:.1f} vs {m['hello_cpu_ms']:.1f} ms (ratio "
              f"{m['ratio_cpu']:.2f}); budget <= 1.25; heavy imports: {', '.join(m['heavy']) or 'none'}")
        if "question" in cs:
            qq = cs["question"]
            print(f"  question      ours answering a QuestionIntent cold {qq['ours_child_ms']:.1f} ms vs hello-world "
                  f"launch {qq['hello_child_ms']:.1f} ms (ratio {qq['ratio_child']:.2f}; cpu {qq['ratio_cpu']:.2f})")
        if "lambda_like" in cs:
            ll = cs["lambda_like"]
            print(f"  without .pyc  ours {ll['ours_child_ms']:.1f} ms vs {ll['hello_child_ms']:.1f} ms "
                  f"(ratio {ll['ratio_child']:.2f}); wall ratio {ll['ratio_wall']:.2f}")
    wl = results.get("warm_latency")
    if wl:
        q = wl["question"]
        print(f"warm            question p50 {q['p50_ms']:.3f} ms, p99 {q['p99_ms']:.3f} ms wall; CPU p50 "
              f"{q['cpu_p50_ms']:.3f} ms, p99 {q['cpu_p99_ms']:.3f} ms (budget p99 < 2 ms); launch p99 "
              f"{wl['launch']['p99_ms']:.3f} ms wall, {wl['launch']['cpu_p99_ms']:.3f} ms CPU; crisis p99 "
              f"{wl['crisis']['p99_ms']:.3f} ms wall, {wl['crisis']['cpu_p99_ms']:.3f} ms CPU")
    ps = results.get("package_size")
    if ps:
        print(f"package         {ps['zipped_mb']:.2f} MB zipped, {ps['unzipped_mb']:.2f} MB unzipped (budget < 5 MB)")
    mem = results.get("memory")
    if mem:
        print(f"memory          peak RSS {mem['peak_mb']:.1f} MB (hello-world {mem['hello_peak_mb']:.1f} MB, "
              f"bare python {mem['bare_python_mb']:.1f} MB)")
    if "accuracy" in results:
        acc = results["accuracy"]
        if acc is None:
            print("accuracy        skipped (no eval file)")
        else:
            print(f"accuracy        {acc['accuracy']:.1%} top-1 on {acc['n']} questions (budget >= 90%); crisis "
                  f"{acc['crisis_recognised']}/{acc['crisis_rows']} recognised, {acc['crisis_exact']} of the right kind")
    ld = results.get("load_serve")
    if ld:
        print(f"load            {ld['ok']}/{ld['sent']} ok, {ld['errors']} errors, {ld['throughput_rps']:.0f} req/s at "
              f"concurrency {ld['concurrency']}, p50 {ld['p50_ms']:.2f} ms, p99 {ld['p99_ms']:.2f} ms")
    if failed:
        print(f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
