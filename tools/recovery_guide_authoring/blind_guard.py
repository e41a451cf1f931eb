"""Keep the blind sets blind: drop from the training data any sentence that is also in a blind set.

Phrasings and blind questions are written apart, by different people, and a short question ("narcan
side effects") can come out word for word the same. Trained on, such a sentence would make the blind
figure measure memory. This removes those lines (list items under content/entries, content/phrasings
and content/understanding) and prints only how many, never which: reading them would unblind the set.

    python -m recovery_guide_authoring.blind_guard [--check]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re

import yaml

from .content import REPO_ROOT

BLIND_DIR = os.path.join(REPO_ROOT, "bench", "data", "blind")
_ITEM = re.compile(r"^(\s*)- (.+)$")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", "", str(text).lower())).strip()


def blind_sentences() -> set[str]:
    found = set()
    for path in glob.glob(os.path.join(BLIND_DIR, "*", "*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    # Of a dialog, only its opening crisis statement: the later turns are short and
                    # canonical ("i called 911", "what do i do now"), their figure is whether the
                    # number stays in every reply, and the device needs them as samples.
                    found |= {norm(t) for t in (row.get("turns") or [row.get("q", "")])[:1]}
    return found - {""}


def training_files() -> list[str]:
    content = os.path.join(REPO_ROOT, "content")
    return sorted(glob.glob(os.path.join(content, "entries", "*", "*.yaml"))
                  + glob.glob(os.path.join(content, "phrasings", "*.yaml"))
                  + glob.glob(os.path.join(content, "understanding", "*.yaml")))


def guard(check_only: bool = False) -> int:
    blind = blind_sentences()
    removed = 0
    for path in training_files():
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        kept = []
        in_questions = not os.sep + "entries" + os.sep in path   # in entries, only the questions list
        for line in lines:
            if os.sep + "entries" + os.sep in path and re.match(r"^\w", line):
                in_questions = line.startswith("questions:")
            m = _ITEM.match(line)
            if in_questions and m:
                try:
                    value = yaml.safe_load(m.group(2))
                except yaml.YAMLError:
                    value = None
                if isinstance(value, str) and norm(value) in blind:
                    removed += 1
                    continue
            kept.append(line)
        if not check_only and len(kept) != len(lines):
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("\n".join(kept))
    return removed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="count only; change nothing")
    args = parser.parse_args(argv)
    removed = guard(args.check)
    print(f"{'found' if args.check else 'removed'} {removed} training sentence(s) that are also in a blind set")
    return 1 if args.check and removed else 0


if __name__ == "__main__":
    raise SystemExit(main())
