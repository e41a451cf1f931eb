"""The repository stands on its own: a newcomer with Python alone can `make run`, and no test reads
anything outside the checkout."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import REPO

MAKE = shutil.which("make")


def dry_run(target: str) -> str:
    # -W: pretend package.json just changed, so the npm step would run if the target needed it.
    out = subprocess.run([MAKE, "-n", "-W", "package.json", "-W", "pyproject.toml", target], cwd=REPO,
                         capture_output=True, text=True, check=True)
    return out.stdout


@pytest.mark.skipif(MAKE is None, reason="no make on this machine")
def test_make_run_needs_only_python():
    assert "npm" not in dry_run("run")
    assert "recovery-guide chat" in dry_run("run")


@pytest.mark.skipif(MAKE is None, reason="no make on this machine")
def test_make_test_installs_the_node_emulator_and_says_what_is_missing(tmp_path):
    assert "npm ci" in dry_run("test")
    # A machine without Node: a clear sentence naming what to install, and a failure.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "make"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    done = subprocess.run([str(bin_dir / "make"), "-W", "package.json", "node-deps"], cwd=REPO,
                          env={"PATH": str(bin_dir)}, capture_output=True, text=True)
    assert done.returncode != 0
    assert "Node.js" in done.stderr and "npm" in done.stderr and "make run needs only Python" in done.stderr


def test_no_test_reads_outside_the_repository():
    tests = os.path.join(REPO, "tests")
    for name in os.listdir(tests):
        if name.endswith(".py") and name != os.path.basename(__file__):
            with open(os.path.join(tests, name), encoding="utf-8") as fh:
                text = fh.read()
            assert not re.search(r"""["']\.\.["'],\s*["']shared|\.\./shared|"shared"\)""", text), name
