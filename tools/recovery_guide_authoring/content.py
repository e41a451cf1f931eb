"""Loading content/ (YAML) into plain dicts, with the structural checks every later step relies on.

Medical rules (sources, numbers, words, reading level, review dates) are the lint's job; this module
only makes sure the files have the shape the compiler needs, and says where they do not.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field

import yaml

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONTENT_DIR = os.path.join(REPO_ROOT, "content")
COUNTRIES = ("US", "GB", "CA", "AU", "IN")


class ContentError(Exception):
    pass


@dataclass
class Content:
    root: str
    sources: dict = field(default_factory=dict)      # id -> source
    entries: dict = field(default_factory=dict)      # id -> entry (with "_path")
    helplines: dict = field(default_factory=dict)    # id -> helpline
    countries: dict = field(default_factory=dict)    # code -> country
    prompts: dict = field(default_factory=dict)
    affirmations: dict = field(default_factory=dict)
    source_files: dict = field(default_factory=dict)  # source id -> path
    phrasings: dict = field(default_factory=dict)     # entry id -> more ways people ask (phrasings/<topic>.yaml)
    emergency: dict = field(default_factory=dict)    # "overdose" / "suicide" -> the emergency conversation
    understanding: dict = field(default_factory=dict)  # corpus name -> data (understanding/<name>.yaml)


def _read(path: str):
    with open(path, encoding="utf-8") as fh:
        try:
            return yaml.safe_load(fh)
        except yaml.YAMLError as exc:
            raise ContentError(f"{os.path.relpath(path)}: not valid YAML: {exc}") from exc


def load(root: str = CONTENT_DIR) -> Content:
    content = Content(root=root)
    for path in sorted(glob.glob(os.path.join(root, "sources", "*.yaml"))):
        for source in _read(path) or []:
            sid = source.get("id")
            if not sid:
                raise ContentError(f"{os.path.relpath(path)}: a source without an id")
            if sid in content.sources and content.sources[sid] == source:
                continue    # the same record copied into two files (two branches met): one source
            if sid in content.sources:
                raise ContentError(f"source id {sid} defined twice ({os.path.relpath(path)}, "
                                   f"{os.path.relpath(content.source_files[sid])})")
            content.sources[sid] = source
            content.source_files[sid] = path
    for path in sorted(glob.glob(os.path.join(root, "entries", "**", "*.yaml"), recursive=True)):
        entry = _read(path) or {}
        eid = entry.get("id")
        if not eid:
            raise ContentError(f"{os.path.relpath(path)}: an entry without an id")
        if eid in content.entries:
            raise ContentError(f"entry id {eid} defined twice")
        entry["_path"] = path
        entry.setdefault("countries", list(COUNTRIES))
        entry.setdefault("related", [])
        entry.setdefault("keywords", [])
        entry.setdefault("citations", [])
        content.entries[eid] = entry
    helplines_path = os.path.join(root, "helplines.yaml")
    if os.path.exists(helplines_path):
        for line in _read(helplines_path) or []:
            content.helplines[line["id"]] = line
    countries_path = os.path.join(root, "countries.yaml")
    if os.path.exists(countries_path):
        for country in _read(countries_path) or []:
            content.countries[country["code"]] = country
    content.prompts = _read(os.path.join(root, "prompts.yaml")) or {}
    for path in sorted(glob.glob(os.path.join(root, "phrasings", "*.yaml"))):
        topic = os.path.splitext(os.path.basename(path))[0]
        for eid, phrasings in (_read(path) or {}).items():
            entry = content.entries.get(eid)
            if entry is None or entry["topic"] != topic:
                raise ContentError(f"{os.path.relpath(path)}: {eid} is not an entry of topic {topic}")
            if not isinstance(phrasings, list) or not all(isinstance(q, str) and q.strip() for q in phrasings):
                raise ContentError(f"{os.path.relpath(path)}: {eid}: phrasings must be a list of sentences")
            content.phrasings.setdefault(eid, []).extend(q.strip() for q in phrasings)
    for path in sorted(glob.glob(os.path.join(root, "understanding", "*.yaml"))):
        content.understanding[os.path.splitext(os.path.basename(path))[0]] = _read(path) or {}
    affirmations_path = os.path.join(root, "affirmations.yaml")
    if os.path.exists(affirmations_path):
        content.affirmations = _read(affirmations_path) or {}
    for path in sorted(glob.glob(os.path.join(root, "emergency", "*.yaml"))):
        content.emergency[os.path.splitext(os.path.basename(path))[0]] = _read(path) or {}
    return content


def all_phrasings(content: Content, eid: str) -> list[str]:
    """An entry's own questions and the extra phrasings written for it."""
    return list(content.entries[eid].get("questions") or []) + content.phrasings.get(eid, [])


def entry_countries(entry: dict) -> list[str]:
    return [c for c in entry.get("countries") or COUNTRIES if c in COUNTRIES]


def source_for(entry: dict, field: str, country: str) -> str | None:
    """The source named aloud for `field` ("speak_source" or "more_source") in `country`.

    Either field is a source id, or a mapping of country codes to source ids with a `default`:
    `speak_source: {default: nida-moud-how-they-work, GB: nice-cg52}`. `more_source` falls back to
    the answer's source, so it is only written where the longer answer leans on another source.
    """
    value = entry.get(field)
    if value is None and field == "more_source":
        return source_for(entry, "speak_source", country)
    if isinstance(value, dict):
        return value.get(country) or value.get("default")
    return value


def source_ids(entry: dict) -> set[str]:
    """Every source id an entry may name aloud, in any country."""
    ids = set()
    for field in ("speak_source", "more_source"):
        value = entry.get(field)
        if isinstance(value, dict):
            ids |= {v for v in value.values() if v}
        elif value:
            ids.add(value)
    return ids


def spoken_name(source: dict, country: str) -> str:
    """How the source is named aloud: short and known at home ("the CDC"); where the listener is in
    another country, `spoken_name_abroad` ("the US CDC") when the source gives one."""
    home = source.get("country")
    if home and country != home and source.get("spoken_name_abroad"):
        return source["spoken_name_abroad"]
    return source["spoken_name"]
