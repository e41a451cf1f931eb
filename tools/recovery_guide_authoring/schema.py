"""The shape of each content record, as JSON Schema: every problem names the file, the record and the field.

    content/entries/relapse/relapse-what-next.yaml: entry relapse-what-next: field 'review.next_review': missing

`recovery-guide content lint` runs these first; a record with a shape problem gets no further rules
(they would only repeat it). The medical rules (sources, numbers, words, reading level, review dates)
stay in lint.py. jsonschema is a dev dependency: nothing here is deployed.
"""
from __future__ import annotations

import json
import os
import re

from recovery_guide.topics import TOPICS

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXTS = {"type": "array", "items": _TEXT}
_CITATION = {"type": "object", "required": ["source", "quote"],
             "properties": {"source": _TEXT, "quote": {"type": "string"}, "note": {"type": "string"}}}

_COUNTRY = {"enum": ["US", "GB", "CA", "AU", "IN"]}
# A source id, or one per country with a default: {default: cdc-naloxone, CA: fx-health-canada-naloxone}
_SOURCE_REF = {"anyOf": [{"type": ["string", "null"]},
                         {"type": "object", "required": ["default"], "additionalProperties": False,
                          "properties": {k: _TEXT for k in ("default", "US", "GB", "CA", "AU", "IN")}}]}
SOURCE = {
    "type": "object",
    "required": ["id", "organisation", "spoken_name", "title", "url", "read", "tier"],
    "properties": {"id": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}, "organisation": _TEXT,
                   "spoken_name": _TEXT, "title": _TEXT, "url": {"type": "string", "pattern": r"^https?://\S+$"},
                   "read": _DATE, "tier": {"enum": ["A", "A-", "B", "C"]},
                   "country": _COUNTRY, "spoken_name_abroad": _TEXT},
}
ENTRY = {
    "type": "object",
    "required": ["id", "topic", "title", "offer", "questions", "answer", "more", "review"],
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
        "topic": {"enum": list(TOPICS)},
        "title": _TEXT, "offer": _TEXT, "answer": _TEXT, "more": _TEXT,
        "questions": {"type": "array", "items": _TEXT, "minItems": 1},
        "keywords": _TEXTS, "related": _TEXTS,
        "countries": {"type": "array", "items": {"enum": ["US", "GB", "CA", "AU", "IN"]}},
        "speak_source": _SOURCE_REF, "more_source": _SOURCE_REF,
        "urgent": _TEXT, "safety": _TEXT,
        "citations": {"type": "array", "items": _CITATION},
        "review": {"type": "object", "required": ["status", "reviewer", "reviewed", "next_review"],
                   "properties": {"status": _TEXT, "reviewer": _TEXT, "reviewed": _DATE, "next_review": _DATE}},
    },
}
HELPLINE = {
    "type": "object",
    "required": ["id", "country", "name", "number", "source", "quote"],
    "properties": {"id": _TEXT, "country": {"enum": ["US", "GB", "CA", "AU", "IN"]}, "name": _TEXT,
                   "number": _TEXT, "source": _TEXT, "quote": _TEXT, "purpose": {"type": ["string", "null"]},
                   "uses": _TEXTS, "citations": {"type": "array", "items": _CITATION}},
}


def _plain(record: dict) -> dict:
    """YAML gives dates as date objects; JSON Schema sees what the file says (an ISO string)."""
    return json.loads(json.dumps({k: v for k, v in record.items() if not k.startswith("_")}, default=str))


def _problem(where: str, kind: str, rid, error) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "required":
        missing = re.match(r"'([^']+)'", error.message)
        field = f"{path}.{missing.group(1)}" if path else missing.group(1) if missing else path
        return f"{where}: {kind} {rid}: field '{field}': missing"
    if error.validator == "minLength":
        what = "empty"
    elif error.validator == "enum" and path == "topic":
        what = f"{error.instance!r} is not a known topic id (content/topics.md)"
    elif error.validator == "enum":
        what = f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    elif error.validator == "pattern":
        what = f"{error.instance!r} is not in the expected form ({'YYYY-MM-DD' if 'd{4}' in error.validator_value else error.validator_value})"
    elif error.validator == "type":
        what = f"should be {error.validator_value if isinstance(error.validator_value, str) else ' or '.join(error.validator_value)}, not {type(error.instance).__name__}"
    else:
        what = error.message
    return f"{where}: {kind} {rid}: field '{path or '(record)'}': {what}"


def _check(schema: dict, record, where: str, kind: str) -> list[str]:
    from jsonschema import Draft202012Validator
    rid = record.get("id", "(no id)") if isinstance(record, dict) else "(not a mapping)"
    if not isinstance(record, dict):
        return [f"{where}: {kind} {rid}: should be a mapping of fields"]
    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(_plain(record)), key=lambda e: [str(p) for p in e.absolute_path])
    return [_problem(where, kind, rid, e) for e in errors]


def validate(content) -> tuple[list[str], set]:
    """(problems, ids of entries whose shape is wrong)."""
    problems, bad_entries = [], set()
    for sid, source in content.sources.items():
        problems += _check(SOURCE, source, os.path.relpath(content.source_files[sid]), "source")
    for eid, entry in content.entries.items():
        found = _check(ENTRY, entry, os.path.relpath(entry["_path"]), "entry")
        if found:
            bad_entries.add(eid)
        problems += found
    for line in content.helplines.values():
        problems += _check(HELPLINE, line, "content/helplines.yaml", "helpline")
    return problems, bad_entries
