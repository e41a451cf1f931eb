"""End to end with a real Alexa client emulator: for each locale, `recovery-guide serve` on a free port
(its own SQLite store), then tests/e2e/conversations.mjs (virtual-alexa, node:test) talks to it.

Needs Node.js and `make setup` (npm ci installs virtual-alexa). A missing emulator fails, never skips:
CI must run these.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from processes import stop

from conftest import LOCALES, REPO

SCRIPT = os.path.join(REPO, "tests", "e2e", "conversations.mjs")
VIRTUAL_ALEXA = os.path.join(REPO, "node_modules", "virtual-alexa", "package.json")
SERVE = os.path.join(os.path.dirname(sys.executable), "recovery-guide")
START_TIMEOUT = 30
NODE_TIMEOUT = 180


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log_path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"`recovery-guide serve` exited with {server.returncode}:\n{_read(log_path)}")
        try:
            with urllib.request.urlopen(url + "health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"`recovery-guide serve` did not answer on {url} within {START_TIMEOUT} s:\n{_read(log_path)}")


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()[-5000:]
    except OSError:
        return ""


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail("Node.js (`node`) is not installed: the end-to-end tests need it, and npm for `make setup`")
    if not os.path.exists(VIRTUAL_ALEXA):
        pytest.fail("node_modules/virtual-alexa is missing: run `make setup` (it runs `npm ci`) at the repository root")
    return path


@pytest.fixture
def server(tmp_path):
    """`recovery-guide serve` on a free port with its own SQLite store; yields its URL."""
    port = _free_port()
    env = {**os.environ, "RECOVERY_GUIDE_STORE": f"sqlite:{tmp_path / 'users.sqlite3'}", "PYTHONUNBUFFERED": "1"}
    env.pop("SKILL_ID", None)   # virtual-alexa sends no application id unless told to
    log_path = str(tmp_path / "serve.log")
    command = [SERVE] if os.path.exists(SERVE) else [sys.executable, "-m", "recovery_guide_local.cli"]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(command + ["serve", "--port", str(port)], cwd=str(tmp_path), env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, proc, log_path)
        yield url, log_path
    finally:
        stop(proc)


@pytest.mark.parametrize("locale", LOCALES)
def test_conversations_through_virtual_alexa(locale, node, server):
    url, log_path = server
    env = {**os.environ, "RG_SKILL_URL": url, "RG_LOCALE": locale}
    try:
        done = subprocess.run([node, "--test", "--test-reporter=spec", SCRIPT], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=NODE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"{locale}: the node conversations did not finish in {NODE_TIMEOUT} s\n"
                    f"{exc.stdout or ''}\n{exc.stderr or ''}\n--- server log ---\n{_read(log_path)}")
    assert done.returncode == 0, (
        f"{locale}: virtual-alexa conversations failed (exit {done.returncode})\n"
        f"--- node stdout ---\n{done.stdout}\n--- node stderr ---\n{done.stderr}\n"
        f"--- server log ---\n{_read(log_path)}")
