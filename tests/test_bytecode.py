"""`make deploy` ships bytecode only for what a cold start imports (recovery_guide_authoring.bytecode)."""
import os
import shutil
import sys

from conftest import REPO
from recovery_guide_authoring import bytecode


def test_the_modules_a_cold_start_imports_are_compiled_and_nothing_else(tmp_path):
    build = tmp_path / "build"
    shutil.copytree(os.path.join(REPO, "lambda", "recovery_guide"), build / "recovery_guide",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    files = bytecode.imported_files(str(build), sys.executable, bytecode.cold_start_events())
    names = {os.path.relpath(f, build) for f in files}
    # opening the skill, a question and a crisis statement; the feed's own module too
    for needed in ("recovery_guide/lambda_entry.py", "recovery_guide/understanding/reading.py",
                   "recovery_guide/understanding/crisis_patterns.py", "recovery_guide/feed.py"):
        assert needed in names
    # texting is not on the path of a first turn: it compiles when first used
    assert "recovery_guide/sms.py" not in names

    bytecode.compile_files(files, sys.executable)
    compiled = {os.path.relpath(os.path.join(d, f), build) for d, _, fs in os.walk(build) for f in fs if f.endswith(".pyc")}
    assert len(compiled) == len(files)
    assert any(p.startswith("recovery_guide/__pycache__/lambda_entry.") for p in compiled)
    assert not any(p.startswith("recovery_guide/__pycache__/sms.") for p in compiled)
