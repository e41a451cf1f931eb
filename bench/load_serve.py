"""Load on the local HTTP endpoint: `recovery-guide serve` on a free 127.0.0.1 port.

5,000 POSTs (launch, questions, crisis, help, in a fixed mix) from 16 client threads, each with its
own keep-alive http.client connection; bounded by count and by a 120 s time limit. Every response
must be HTTP 200 with a response envelope (version "1.0", a `response` dict, speech where speech is
due). The server is stopped at the end whatever happens. Loopback only.

    .venv/bin/python bench/load_serve.py [--requests 5000] [--concurrency 16] [--time-limit 120]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, machine  # noqa: E402

sys.path.insert(0, os.path.join(REPO, "lambda"))
CLI = os.path.join(REPO, ".venv", "bin", "recovery-guide")
HOST = "127.0.0.1"
START_TIMEOUT_S = 30
REQUEST_TIMEOUT_S = 10




def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100.0 * (len(ordered) - 1))))]


def request_mix(n: int) -> list[tuple[str, bytes]]:
    from recovery_guide_local.envelopes import EnvelopeBuilder
    questions = ["how long does withdrawal last", "what is suboxone", "where do I get narcan",
                 "is it safe to detox at home", "how can I help my brother", "I slipped up after a year",
                 "how much does rehab cost", "what are fentanyl test strips", "can I quit cold turkey",
                 "what's the capital of france"]
    crisis = ["my friend is not breathing after using", "I want to end my life"]
    locales = ["en-US", "en-GB", "en-CA", "en-AU", "en-IN"]
    out = []
    for i in range(n):
        b = EnvelopeBuilder(locale=locales[i % len(locales)], user_id=f"amzn1.ask.account.load{i % 50}")
        slot = i % 20
        if slot < 3:
            kind, env = "launch", b.launch()
        elif slot < 5:
            kind, env = "help", b.intent("AMAZON.HelpIntent")
        elif slot < 7:
            kind, env = "crisis", b.intent("QuestionIntent", {"query": crisis[i % len(crisis)]})
        else:
            kind, env = "question", b.intent("QuestionIntent", {"query": questions[i % len(questions)]})
        out.append((kind, json.dumps(env).encode("utf-8")))
    return out


def wait_ready(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=1)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not answer /health in time")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)     # serve catches Ctrl-C and closes the socket
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--backlog", type=int, default=0,
                        help="diagnostic: run the server with this listen backlog instead of socketserver's 5")
    args = parser.parse_args(argv)
    print(f"load on `recovery-guide serve` - {machine()}")
    work = request_mix(args.requests)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SKILL_ID", "USER_TABLE", "DYNAMODB_ENDPOINT")}
    env["RECOVERY_GUIDE_STORE"] = "memory"
    command = [CLI, "serve", "--port", str(port)]
    if args.backlog:
        # Diagnostic: the same server with a larger listen backlog than socketserver's default of 5.
        command = [os.path.join(REPO, ".venv", "bin", "python"), "-c",
                   "import sys, socketserver; socketserver.TCPServer.request_queue_size = int(sys.argv[1]); "
                   "from recovery_guide_local.cli import main; sys.exit(main(sys.argv[2:]))",
                   str(args.backlog), "serve", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = threading.Lock()
    next_index = [0]
    latencies: list[float] = []
    errors: Counter = Counter()
    kinds: Counter = Counter()
    examples: list[str] = []
    first_on_connection = {"slow": 0, "errors": 0}

    def error(reason: str, detail: str = "") -> None:
        with lock:
            errors[reason] += 1
            if len(examples) < 5:
                examples.append(f"{reason}: {detail[:300]}")

    def client(deadline: float) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
        fresh = True      # the next request opens the connection
        while True:
            with lock:
                i = next_index[0]
                if i >= len(work) or time.monotonic() > deadline:
                    break
                next_index[0] += 1
            kind, body = work[i]
            start = time.perf_counter()
            try:
                conn.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException) as exc:
                error("connection", repr(exc) + (" (first request on its connection)" if fresh else ""))
                with lock:
                    first_on_connection["errors"] += fresh
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
                fresh = True
                continue
            elapsed = (time.perf_counter() - start) * 1000.0
            if elapsed > 500:
                with lock:
                    first_on_connection["slow"] += fresh
            fresh = False
            if resp.status != 200:
                error(f"http {resp.status}", data.decode("utf-8", "replace"))
                continue
            try:
                envelope = json.loads(data)
            except ValueError:
                error("not json", data.decode("utf-8", "replace"))
                continue
            response = envelope.get("response")
            if envelope.get("version") != "1.0" or not isinstance(response, dict):
                error("not a response envelope", data.decode("utf-8", "replace"))
                continue
            ssml = (response.get("outputSpeech") or {}).get("ssml") or ""
            if not (ssml.startswith("<speak>") and ssml.endswith("</speak>")):
                error(f"{kind} without speech", data.decode("utf-8", "replace"))
                continue
            with lock:
                latencies.append(elapsed)
                kinds[kind] += 1
        conn.close()

    try:
        wait_ready(port, proc)
        # Warm-up, not counted: one request of each kind per locale, one at a time (the first question
        # in each country builds that country's matcher index, about 80 ms of CPU).
        warm = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
        for _, body in work[:40]:
            warm.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
            warm.getresponse().read()
        warm.close()
        deadline = time.monotonic() + args.time_limit
        threads = [threading.Thread(target=client, args=(deadline,), daemon=True) for _ in range(args.concurrency)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.time_limit + REQUEST_TIMEOUT_S + 5)
        elapsed = time.perf_counter() - started
    finally:
        stop(proc)
    sent = next_index[0]
    n_errors = sum(errors.values())
    unsent = len(work) - sent
    print(f"  port {port}, {args.concurrency} client threads, keep-alive connections"
          + (f", server listen backlog {args.backlog} (diagnostic)" if args.backlog else ""))
    print(f"  sent {sent} of {len(work)} in {elapsed:.1f} s ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(f"  errors: {n_errors}" + (f" {dict(errors)}" if n_errors else ""))
    if n_errors:
        print(f"  errors on the first request of a connection: {first_on_connection['errors']} of {n_errors}")
    for example in examples:
        print(f"    {example}")
    if unsent:
        print(f"  NOT SENT (time limit): {unsent}")
    throughput = len(latencies) / elapsed if elapsed else 0.0
    p50 = percentile(latencies, 50) if latencies else float("nan")
    p99 = percentile(latencies, 99) if latencies else float("nan")
    print(f"  throughput: {throughput:.0f} requests/s")
    print(f"  latency (client side, per request): p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(latencies or [0]):.2f} ms")
    slow = sum(1 for ms in latencies if ms > 500)
    if slow:
        print(f"  requests over 500 ms: {slow}, of which {first_on_connection['slow']} opened their connection")
    print(f"  server exit code: {proc.returncode}")
    print(f"\nload: {n_errors} errors, {unsent} unsent, {throughput:.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    result = {"sent": sent, "ok": len(latencies), "errors": n_errors, "unsent": unsent, "seconds": elapsed,
              "throughput_rps": throughput, "p50_ms": p50, "p99_ms": p99, "max_ms": max(latencies or [0]), "over_500ms": slow, "concurrency": args.concurrency}
    print("RESULT " + json.dumps({"load_serve": result}))
    return result


if __name__ == "__main__":
    main()
