"""Interaction models, generated: the hand-written intents (interaction_models/intents.yaml) plus
one intent per content entry, its question phrasings as samples, for each locale's country.

Adding an entry makes it reachable on a device; a test fails if the committed models drift.
"""
from __future__ import annotations

import json
import os
import re

import yaml

from recovery_guide.locales import SUPPORTED_LOCALES, country_for
from .compile import intent_name
from .content import REPO_ROOT, Content, all_phrasings, entry_countries, load

MODELS_DIR = os.path.join(REPO_ROOT, "interaction_models")
MAX_SAMPLE_CHARS = 200

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    return " ".join(_ONES[int(d)] for d in str(n))


def sample_text(phrase: str) -> str:
    """A phrasing as Alexa accepts a sample: lower case, numbers spelled out, only letters, spaces,
    apostrophes and periods in initials."""
    text = str(phrase).lower().replace("’", "'").replace("%", " percent")
    text = re.sub(r"\d+", lambda m: " " + number_words(int(m.group(0))) + " ", text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    text = re.sub(r"(^|\s)'+|'+(\s|$)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def load_definition() -> dict:
    with open(os.path.join(MODELS_DIR, "intents.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def generate(locale: str, content: Content | None = None, definition: dict | None = None) -> dict:
    content = content or load()
    definition = definition or load_definition()
    country = country_for(locale)
    intents, seen = [], set()
    for intent in definition["intents"]:
        samples = []
        for s in intent.get("samples") or []:
            text = s.lower().strip()
            if text not in seen:
                seen.add(text)
                samples.append(text)
        # Some intents take their samples from the understanding corpora ("number_requests/crisis"),
        # so the device routes what the server-side classifier is trained on.
        corpus, _, kind = (intent.get("samples_from") or "").partition("/")
        for line in (content.understanding.get(corpus) or {}).get(kind) or []:
            text = sample_text(line)
            if text and len(text) <= MAX_SAMPLE_CHARS and text not in seen:
                seen.add(text)
                samples.append(text)
        out = {"name": intent["name"], "slots": intent.get("slots") or [], "samples": samples}
        intents.append(out)
    for eid, entry in sorted(content.entries.items()):
        if country not in entry_countries(entry):
            continue
        samples = []
        for question in all_phrasings(content, eid):
            text = sample_text(question)
            if text and len(text) <= MAX_SAMPLE_CHARS and text not in seen:
                seen.add(text)
                samples.append(text)
        if samples:
            intents.append({"name": intent_name(eid), "slots": [], "samples": samples})
    # Follow-ups in an emergency ("i don't have narcan", "they're here"): one intent per kind, its
    # examples as samples. After the entries, so a phrasing an entry already claims stays the entry's.
    from .emergency_build import intents as emergency_intents, samples as emergency_samples
    corpus = content.understanding.get("emergency_follow_ups") or {}
    for name, (conversation, kind) in emergency_intents(corpus).items():
        samples = []
        for example in emergency_samples(corpus, conversation, kind):
            text = sample_text(example)
            if text and len(text) <= MAX_SAMPLE_CHARS and text not in seen:
                seen.add(text)
                samples.append(text)
        if samples:
            intents.append({"name": name, "slots": [], "samples": samples})
    intents += [{"name": name, "samples": []} for name in definition["builtin_intents"]]
    return {"interactionModel": {"languageModel": {
        "invocationName": definition["invocation_name"], "intents": intents,
        "types": definition.get("types") or []}}}


def render(locale: str, content: Content | None = None) -> str:
    return json.dumps(generate(locale, content), indent=2, ensure_ascii=False) + "\n"


def write_all(content: Content | None = None) -> list[str]:
    content = content or load()
    paths = []
    for locale in SUPPORTED_LOCALES:
        path = os.path.join(MODELS_DIR, f"{locale}.json")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(render(locale, content))
        paths.append(path)
    return paths
