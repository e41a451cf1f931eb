"""Servers the tests start (moto_server, recovery-guide serve) are stopped the same way."""
from __future__ import annotations

import subprocess


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate, wait, and kill if it will not go: no server outlives its test session."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
