"""Ship bytecode for what a cold start imports, and nothing else.

/var/task is read-only on Lambda, so a module without its .pyc is compiled on every cold start that
imports it. Compiling the whole build folder covers that, but it also compiles the two thirds of
ask_sdk_model a skill never imports, and pushes the package past its 5 MB budget. So this runs the
built package once, in a child process of the runtime's Python, on the turns that start most
sessions (open the skill, a one-shot question, a crisis statement) and on the feed's import, then
compiles exactly the modules that were loaded (unchecked-hash: the build folder never changes after
this). A module first imported later is compiled when it is first needed, as before.

    python -m recovery_guide_authoring.bytecode [--python python3.13] <build dir> [<build dir> ...]
"""
from __future__ import annotations

import argparse
import json
import os
import py_compile
import subprocess
import sys

_CHILD = r"""
import json, sys
from recovery_guide import lambda_entry
import recovery_guide.feed
for event in json.loads(sys.argv[1]):
    lambda_entry.handler(event, None)
print(json.dumps(sorted({getattr(m, "__file__", None) or "" for m in list(sys.modules.values())})))
"""


def cold_start_events() -> list[dict]:
    from recovery_guide_local.envelopes import EnvelopeBuilder

    envelopes = EnvelopeBuilder(locale="en-US")
    return [envelopes.launch(),
            envelopes.intent("QuestionIntent", {"query": "how long does withdrawal last"}),
            envelopes.intent("QuestionIntent", {"query": "my friend isn't breathing"})]


def imported_files(build_dir: str, python: str, events: list[dict]) -> list[str]:
    """The .py files under build_dir that a cold start of the built package imports."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SKILL_", "PYTHON"))}
    env.update(PYTHONPATH=build_dir, RECOVERY_GUIDE_STORE="memory", PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run([python, "-c", _CHILD, json.dumps(events)], env=env, cwd=build_dir,
                         capture_output=True, text=True, check=True).stdout
    root = os.path.realpath(build_dir) + os.sep
    return [f for f in json.loads(out.strip().splitlines()[-1])
            if f.endswith(".py") and os.path.realpath(f).startswith(root)]


def compile_files(files: list[str], python: str) -> None:
    """Compile with the given interpreter: bytecode is only valid for the Python that wrote it."""
    if os.path.realpath(python) == os.path.realpath(sys.executable):
        for path in files:
            py_compile.compile(path, doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        return
    code = ("import py_compile, sys\n"
            "for p in sys.argv[1:]:\n"
            "    py_compile.compile(p, doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)")
    subprocess.run([python, "-c", code, *files], check=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the Lambda runtime's Python")
    parser.add_argument("build_dirs", nargs="+")
    args = parser.parse_args(argv)
    events = cold_start_events()
    for build_dir in args.build_dirs:
        files = imported_files(build_dir, args.python, events)
        compile_files(files, args.python)
        print(f"{build_dir}: compiled the {len(files)} modules a cold start imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
