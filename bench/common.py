"""What every benchmark shares: where things are, and which machine the figures come from."""
from __future__ import annotations

import os
import platform
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAMBDA_DIR = os.path.join(REPO, "lambda")
BENCH_DIR = os.path.join(REPO, "bench")
PYTHON = os.path.join(REPO, ".venv", "bin", "python")
if not os.path.exists(PYTHON):
    PYTHON = sys.executable
if LAMBDA_DIR not in sys.path:
    sys.path.insert(0, LAMBDA_DIR)


def machine() -> str:
    return f"Python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs"
