"""Build step for the daily affirmations: check content/affirmations.yaml and compile it to
lambda/recovery_guide/data/affirmations.json, which is what the skill and the feed read at run time.

    python -m recovery_guide_authoring.affirmations_build            # default paths, from the repo root
    compile_affirmations(yaml_path, json_path)                   # from the content build

The output is deterministic (same YAML, same bytes), so tests/test_feed.py can check that the
committed JSON has not drifted from the YAML.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import sys

import yaml

_REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_YAML = os.path.join(_REPO, "content", "affirmations.yaml")
DEFAULT_JSON = os.path.join(_REPO, "lambda", "recovery_guide", "data", "affirmations.json")

MAX_WORDS = 25
MAX_SENTENCES = 2
ID_PATTERN = re.compile(r"^aff-\d{3,}$")
# Person-first language (shared/reference/clinical-sources.md section 8) plus words that assume
# a programme or abstinence as the only path.
BANNED_WORDS = frozenset("""
    addict addicts addicted abuser abusers abuse clean dirty junkie junkies user users habit habits
    alcoholic alcoholics drunk relapse relapsed relapses sober sobriety
""".split())
NUMBER_WORDS = frozenset("""
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million first second third once twice dozen
""".split())
# Plain text only: letters, spaces and ordinary punctuation (nothing SSML or XML would read as markup).
ALLOWED_TEXT = re.compile(r"^[A-Za-z ,.'?!:;-]+$")
REVIEW_STATUSES = ("source-checked", "clinician-approved")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


def sentence_count(text: str) -> int:
    return len(re.findall(r"[.!?]+(?=\s|$)", text.strip())) or 1


def _iso(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def check_affirmations(data) -> list[str]:
    """Problems with a loaded affirmations.yaml, as readable strings; [] means it may be compiled."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["affirmations.yaml: expected a mapping with 'review' and 'affirmations'"]
    review = data.get("review")
    if not isinstance(review, dict):
        problems.append("review: missing")
    else:
        if review.get("status") not in REVIEW_STATUSES:
            problems.append(f"review.status: {review.get('status')!r} is not one of {REVIEW_STATUSES}")
        for key in ("reviewer", "reviewed", "next_review"):
            if not review.get(key):
                problems.append(f"review.{key}: missing")
    items = data.get("affirmations")
    if not isinstance(items, list) or not items:
        return problems + ["affirmations: expected a non-empty list"]
    seen_ids: set[str] = set()
    seen_texts: dict[str, str] = {}
    for index, item in enumerate(items):
        where = f"affirmations[{index}]"
        if not isinstance(item, dict) or set(item) != {"id", "text"}:
            problems.append(f"{where}: expected exactly the keys id and text")
            continue
        aff_id, text = item["id"], item["text"]
        if not isinstance(aff_id, str) or not ID_PATTERN.match(aff_id):
            problems.append(f"{where}: id {aff_id!r} does not look like aff-001")
            continue
        where = aff_id
        if aff_id in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(aff_id)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
            continue
        if text != text.strip() or "  " in text:
            problems.append(f"{where}: stray whitespace")
        if not ALLOWED_TEXT.match(text):
            problems.append(f"{where}: only letters, spaces and , . ' ? ! : ; - are allowed (plain text for speech)")
        tokens = words(text)
        if len(text.split()) > MAX_WORDS:
            problems.append(f"{where}: {len(text.split())} words (at most {MAX_WORDS})")
        if sentence_count(text) > MAX_SENTENCES:
            problems.append(f"{where}: more than {MAX_SENTENCES} sentences")
        banned = sorted({t for t in tokens if t in BANNED_WORDS})
        if banned:
            problems.append(f"{where}: language list word(s) {banned}")
        numbers = sorted({t for t in tokens if t in NUMBER_WORDS})
        if numbers:
            problems.append(f"{where}: number word(s) {numbers}")
        key = " ".join(tokens)
        if key in seen_texts:
            problems.append(f"{where}: same text as {seen_texts[key]}")
        seen_texts.setdefault(key, aff_id)
    return problems


def compiled(data) -> dict:
    """The run-time form of the library: review metadata and [{"id", "text"}] in file order."""
    review = data["review"]
    return {
        "review": {key: _iso(review[key]) for key in ("status", "reviewer", "reviewed", "next_review")},
        "affirmations": [{"id": item["id"], "text": item["text"]} for item in data["affirmations"]],
    }


def render(data) -> str:
    return json.dumps(compiled(data), ensure_ascii=False, indent=1) + "\n"


def compile_affirmations(yaml_path: str = DEFAULT_YAML, json_path: str = DEFAULT_JSON) -> dict:
    """Check the YAML and write the JSON. Raises ValueError listing every problem; returns the compiled data."""
    with open(yaml_path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    problems = check_affirmations(data)
    if problems:
        raise ValueError(f"{yaml_path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    text = render(data)
    os.makedirs(os.path.dirname(os.path.abspath(json_path)), exist_ok=True)
    tmp = json_path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, json_path)
    return json.loads(text)


def compile_default() -> str:
    """Compile from and to the repository's default paths (used by `recovery-guide content build`); returns the JSON path."""
    compile_affirmations(DEFAULT_YAML, DEFAULT_JSON)
    return DEFAULT_JSON


def lint_default() -> list[str]:
    """Problems with content/affirmations.yaml, for `recovery-guide content lint`."""
    with open(DEFAULT_YAML, encoding="utf-8") as handle:
        return [f"affirmations.yaml: {problem}" for problem in check_affirmations(yaml.safe_load(handle))]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    yaml_path = args[0] if args else DEFAULT_YAML
    json_path = args[1] if len(args) > 1 else DEFAULT_JSON
    try:
        result = compile_affirmations(yaml_path, json_path)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{len(result['affirmations'])} affirmations -> {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
