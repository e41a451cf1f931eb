"""The interaction models, checked the way the Alexa developer console would check them, and against
the skill: every intent has a handler, every handled intent is in the model, each locale only offers
the entries available in its country, and the committed files are what the content generates.

Print the sample counts per locale and intent:

    .venv/bin/python tests/test_interaction_models.py
"""
from __future__ import annotations

import glob
import json
import os
import re
from collections import Counter

import pytest
from conftest import LOCALES, REPO, make_skill   # run as a script, tests/ is sys.path[0] too

from recovery_guide_authoring import models
from recovery_guide_authoring.compile import intent_name
from recovery_guide_authoring.content import entry_countries
from recovery_guide_authoring.content import load as load_content
from recovery_guide_local.envelopes import EnvelopeBuilder
from recovery_guide.locales import country_for

MODELS_DIR = os.path.join(REPO, "interaction_models")
HANDLERS_DIR = os.path.join(REPO, "lambda", "recovery_guide", "handlers")
REBUILD = "run `make content` (recovery-guide content build) and commit interaction_models/"

# What the console enforces (Alexa Skills Kit documentation, "Interaction model limits" and the
# invocation-name requirements). The totals are kept well inside what Amazon accepts.
MAX_INTENTS = 250
MAX_SAMPLES_PER_INTENT = 2000
MAX_SAMPLES_TOTAL = 50_000
MAX_SAMPLE_CHARS = 200
MAX_MODEL_BYTES = 1_500_000
MAX_SLOT_VALUES_TOTAL = 50_000

REQUIRED_BUILTINS = ("AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.FallbackIntent",
                     "AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.RepeatIntent", "AMAZON.NavigateHomeIntent",
                     "AMAZON.StartOverIntent")
CRISIS_INTENTS = ("OverdoseEmergencyIntent", "SuicidalCrisisIntent")
# Words an invocation name may not contain: wake words, "skill"/"app", launch phrases and the
# connecting words Alexa uses to split "ask <name> to <request>".
INVOCATION_FORBIDDEN = {"alexa", "amazon", "echo", "computer", "skill", "app", "ask", "open", "launch", "tell",
                        "load", "begin", "enable", "start", "run", "play", "resume", "use",
                        "to", "from", "in", "using", "with", "about", "for", "that", "by", "if", "and", "whether"}
# Intents a handler answers although the model does not declare them, and why that is harmless.
HANDLED_NOT_DECLARED = {
    "AMAZON.PauseIntent": "StopHandler treats pause like stop; the skill plays no audio, so it is not declared",
}
# Slot values that make a handler's job meaningful when the dispatch check sends an intent.
PROBE_SLOTS = {"QuestionIntent": {"query": "how long does withdrawal last"}, "ReminderIntent": {"time": "08:00"}}

_SLOT_REF = re.compile(r"\{([^{}]*)\}")
_SAMPLE_CHARS = re.compile(r"^[a-z' .]+$")


# -- helpers -----------------------------------------------------------------------------------

def model_path(locale: str) -> str:
    return os.path.join(MODELS_DIR, f"{locale}.json")


def read_model(locale: str) -> dict:
    path = model_path(locale)
    if not os.path.exists(path):
        pytest.fail(f"interaction_models/{locale}.json is missing: {REBUILD}")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def language_model(locale: str) -> dict:
    return read_model(locale)["interactionModel"]["languageModel"]


def intents_of(locale: str) -> dict[str, dict]:
    return {intent["name"]: intent for intent in language_model(locale)["intents"]}


def is_builtin(name: str) -> bool:
    return name.startswith("AMAZON.")


def normalise(sample: str) -> str:
    return " ".join(sample.lower().split())


def sample_counts(locales=LOCALES) -> dict[str, dict[str, int]]:
    """{intent: {locale: number of samples}}, in the order of the en-US model."""
    table: dict[str, dict[str, int]] = {}
    for locale in locales:
        for intent in language_model(locale)["intents"]:
            table.setdefault(intent["name"], {})[locale] = len(intent.get("samples") or [])
    return table


def format_counts(locales=LOCALES) -> str:
    table = sample_counts(locales)
    width = max(len(name) for name in table)
    lines = [f"{'intent':<{width}}  " + "  ".join(f"{loc:>6}" for loc in locales)]
    for name, counts in table.items():
        lines.append(f"{name:<{width}}  " + "  ".join(f"{counts.get(loc, '-'):>6}" for loc in locales))
    totals = [sum(c.get(loc, 0) for c in table.values()) for loc in locales]
    lines.append(f"{'TOTAL samples':<{width}}  " + "  ".join(f"{t:>6}" for t in totals))
    intents = [sum(1 for c in table.values() if loc in c) for loc in locales]
    lines.append(f"{'TOTAL intents':<{width}}  " + "  ".join(f"{n:>6}" for n in intents))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def rg():
    return make_skill()


# -- the committed files -----------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_committed_model_matches_content(locale, content):
    read_model(locale)   # fails with the fix if the file is missing
    with open(model_path(locale), encoding="utf-8") as fh:
        committed = fh.read()
    expected = models.render(locale, content)
    if committed != expected:
        pytest.fail(f"interaction_models/{locale}.json differs from what content/ and interaction_models/"
                    f"intents.yaml generate ({_drift(json.loads(committed), json.loads(expected))}): {REBUILD}")


def _drift(committed: dict, expected: dict) -> str:
    """A short account of what changed, by intent."""
    def by_name(model):
        return {i["name"]: i for i in model["interactionModel"]["languageModel"]["intents"]}
    old, new = by_name(committed), by_name(expected)
    parts = []
    if set(new) - set(old):
        parts.append(f"new intents {sorted(set(new) - set(old))[:10]}")
    if set(old) - set(new):
        parts.append(f"intents gone {sorted(set(old) - set(new))[:10]}")
    changed = sorted(n for n in set(old) & set(new) if old[n] != new[n])
    if changed:
        parts.append(f"changed intents {changed[:10]}")
    if list(old) != list(new) and not parts:
        parts.append("intent order")
    return "; ".join(parts) or "formatting or invocation name"


def test_no_model_for_an_unsupported_locale():
    found = {os.path.basename(p)[:-5] for p in glob.glob(os.path.join(MODELS_DIR, "*.json"))}
    assert found == set(LOCALES), f"models for {sorted(found ^ set(LOCALES))}: expected exactly {LOCALES}"


# -- what the console would reject -------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_invocation_name(locale):
    name = language_model(locale)["invocationName"]
    words = name.split(" ")
    assert re.fullmatch(r"[a-z]+( [a-z]+)+", name), \
        f"{locale}: invocation name {name!r} must be two or more lower-case words, letters and single spaces only"
    bad = [w for w in words if w in INVOCATION_FORBIDDEN]
    assert not bad, f"{locale}: invocation name {name!r} contains {bad}, which Alexa does not allow"


@pytest.mark.parametrize("locale", LOCALES)
def test_intent_names(locale):
    names = [intent["name"] for intent in language_model(locale)["intents"]]
    dupes = [n for n, c in Counter(names).items() if c > 1]
    assert not dupes, f"{locale}: intents declared twice: {dupes}"
    for name in names:
        if is_builtin(name):
            assert re.fullmatch(r"AMAZON\.[A-Za-z]+", name), f"{locale}: odd built-in intent name {name!r}"
        else:
            assert re.fullmatch(r"[A-Za-z_]+", name), f"{locale}: intent name {name!r}: letters and underscores only"
    assert len(names) <= MAX_INTENTS, f"{locale}: {len(names)} intents, Alexa allows {MAX_INTENTS}"


@pytest.mark.parametrize("locale", LOCALES)
def test_slots_declared_and_used(locale):
    lm = language_model(locale)
    custom_types = {t["name"] for t in lm.get("types") or []}
    for intent in lm["intents"]:
        declared = [s["name"] for s in intent.get("slots") or []]
        assert len(declared) == len(set(declared)), f"{locale} {intent['name']}: a slot declared twice"
        used = set()
        for sample in intent.get("samples") or []:
            refs = _SLOT_REF.findall(sample)
            assert sample.count("{") == sample.count("}") == len(refs), \
                f"{locale} {intent['name']}: unbalanced braces in {sample!r}"
            assert len(refs) == len(set(refs)), f"{locale} {intent['name']}: a slot used twice in {sample!r}"
            for ref in refs:
                assert ref in declared, f"{locale} {intent['name']}: sample {sample!r} uses undeclared slot {{{ref}}}"
                assert re.search(r"(^|\s)\{" + re.escape(ref) + r"\}(\s|$)", sample), \
                    f"{locale} {intent['name']}: slot {{{ref}}} must stand as its own word in {sample!r}"
            used.update(refs)
        unused = set(declared) - used
        assert not unused, f"{locale} {intent['name']}: declared slots never used in a sample: {sorted(unused)}"
        for slot in intent.get("slots") or []:
            assert re.fullmatch(r"[A-Za-z_]+", slot["name"]), f"{locale}: slot name {slot['name']!r}"
            assert slot["type"].startswith("AMAZON.") or slot["type"] in custom_types, \
                f"{locale} {intent['name']}: slot {slot['name']} has undeclared type {slot['type']}"


@pytest.mark.parametrize("locale", LOCALES)
def test_search_query_needs_a_carrier_phrase(locale):
    for intent in language_model(locale)["intents"]:
        phrase_slots = {s["name"] for s in intent.get("slots") or [] if s["type"] == "AMAZON.SearchQuery"}
        if not phrase_slots:
            continue
        for sample in intent.get("samples") or []:
            refs = _SLOT_REF.findall(sample)
            phrases = [r for r in refs if r in phrase_slots]
            if not phrases:
                continue
            assert len(phrases) == 1, f"{locale} {intent['name']}: more than one AMAZON.SearchQuery in {sample!r}"
            assert len(refs) == 1, f"{locale} {intent['name']}: AMAZON.SearchQuery shares {sample!r} with other slots"
            carrier = _SLOT_REF.sub(" ", sample).strip()
            assert carrier, f"{locale} {intent['name']}: sample {sample!r} is only the AMAZON.SearchQuery slot; " \
                            "it needs a carrier phrase"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_in_two_intents(locale):
    owner: dict[str, str] = {}
    problems = []
    for intent in language_model(locale)["intents"]:
        for sample in intent.get("samples") or []:
            key = normalise(sample)
            if key in owner:
                where = "twice in" if owner[key] == intent["name"] else f"in {owner[key]} and"
                problems.append(f"{sample!r} is {where} {intent['name']}")
            owner.setdefault(key, intent["name"])
    assert not problems, f"{locale}: Alexa rejects duplicate samples:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_sample_text(locale):
    problems = []
    for intent in language_model(locale)["intents"]:
        for sample in intent.get("samples") or []:
            text = _SLOT_REF.sub("x", sample)
            if sample != sample.strip() or "  " in sample:
                problems.append(f"{intent['name']}: {sample!r} has stray spaces")
            if len(sample) > MAX_SAMPLE_CHARS:
                problems.append(f"{intent['name']}: {sample!r} is longer than {MAX_SAMPLE_CHARS} characters")
            if re.search(r"\d", sample):
                problems.append(f"{intent['name']}: {sample!r} has digits (spell numbers out)")
            elif text != text.lower():
                problems.append(f"{intent['name']}: {sample!r} is not lower case")
            elif not _SAMPLE_CHARS.match(text):
                problems.append(f"{intent['name']}: {sample!r} has characters other than letters, spaces, "
                                "apostrophes and periods")
    assert not problems, f"{locale}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_sample_counts_within_limits(locale):
    intents = language_model(locale)["intents"]
    for intent in intents:
        samples = intent.get("samples") or []
        if not is_builtin(intent["name"]):
            assert samples, f"{locale} {intent['name']}: a custom intent without samples"
        assert len(samples) <= MAX_SAMPLES_PER_INTENT, \
            f"{locale} {intent['name']}: {len(samples)} samples, at most {MAX_SAMPLES_PER_INTENT}"
    total = sum(len(i.get("samples") or []) for i in intents)
    assert total <= MAX_SAMPLES_TOTAL, f"{locale}: {total} samples in all"
    size = os.path.getsize(model_path(locale))
    assert size <= MAX_MODEL_BYTES, f"{locale}: the model is {size} bytes"


@pytest.mark.parametrize("locale", LOCALES)
def test_custom_slot_types_have_values(locale):
    types = language_model(locale).get("types") or []
    total = 0
    for slot_type in types:
        values = slot_type.get("values") or []
        assert values, f"{locale}: custom slot type {slot_type.get('name')} has no values"
        for value in values:
            assert (value.get("name") or {}).get("value"), f"{locale}: {slot_type['name']} has an empty value"
            total += 1 + len(value["name"].get("synonyms") or [])
    assert total <= MAX_SLOT_VALUES_TOTAL
    used = {s["type"] for i in language_model(locale)["intents"] for s in i.get("slots") or []}
    unused = {t["name"] for t in types} - used
    assert not unused, f"{locale}: custom slot types no intent uses: {sorted(unused)}"


@pytest.mark.parametrize("locale", LOCALES)
def test_required_builtins(locale):
    names = set(intents_of(locale))
    missing = [n for n in REQUIRED_BUILTINS if n not in names]
    assert not missing, f"{locale}: missing built-in intents {missing}"


# -- the model against the skill ---------------------------------------------------------------

def _chosen_handler(rg, envelope: dict):
    """The request handler the skill's dispatcher picks for this envelope (can_handle, in order)."""
    from ask_sdk_core.attributes_manager import AttributesManager
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    request_envelope = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    handler_input = HandlerInput(request_envelope=request_envelope,
                                 attributes_manager=AttributesManager(request_envelope=request_envelope))
    for mapper in rg.skill.request_dispatcher.request_mappers:
        chain = mapper.get_request_handler_chain(handler_input)
        if chain is not None:
            return chain.request_handler
    return None


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_has_a_handler(locale, rg):
    from recovery_guide import library
    from recovery_guide.handlers.conversation import OtherRequestHandler, UnknownIntentHandler

    error_prompt = library.load().pack(locale)["prompts"]["error"]
    unhandled, failed = [], []
    for name in intents_of(locale):
        envelope = EnvelopeBuilder(locale=locale).intent(name, PROBE_SLOTS.get(name))
        handler = _chosen_handler(rg, envelope)
        if handler is None or isinstance(handler, (UnknownIntentHandler, OtherRequestHandler)):
            unhandled.append(name)
            continue
        response = rg.invoke(envelope)["response"]
        speech = (response.get("outputSpeech") or {}).get("ssml") or ""
        if not speech or error_prompt in speech:
            failed.append(f"{name} ({type(handler).__name__}): {speech!r}")
    assert not unhandled, f"{locale}: intents in the model that only the unknown-intent fallback answers: {unhandled}"
    assert not failed, f"{locale}: intents whose handler did not answer properly:\n  " + "\n  ".join(failed)


def handled_intent_names() -> set[str]:
    """Intent names the handlers refer to (is_intent_name(...), intent-name constants and sets)."""
    names = set()
    for path in glob.glob(os.path.join(HANDLERS_DIR, "*.py")):
        with open(path, encoding="utf-8") as fh:
            names.update(re.findall(r"""["']((?:AMAZON\.)?[A-Z][A-Za-z_]*Intent)["']""", fh.read()))
    return names


@pytest.mark.parametrize("locale", LOCALES)
def test_every_handled_intent_is_in_the_model(locale, rg):
    from recovery_guide.handlers.conversation import OtherRequestHandler, UnknownIntentHandler

    declared = set(intents_of(locale))
    handled = handled_intent_names()
    assert {"QuestionIntent", "HelplineIntent", "AMAZON.HelpIntent"} <= handled, "handler scan found too little"
    missing = []
    for name in sorted(handled - declared):
        if name in HANDLED_NOT_DECLARED:
            continue
        handler = _chosen_handler(rg, EnvelopeBuilder(locale=locale).intent(name))
        if handler is not None and not isinstance(handler, (UnknownIntentHandler, OtherRequestHandler)):
            missing.append(f"{name} (handled by {type(handler).__name__})")
    assert not missing, f"{locale}: handlers answer intents the model does not declare, so Alexa never " \
                        f"sends them: {missing}; add them to interaction_models/intents.yaml"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_of_the_country_is_reachable(locale, content):
    """Each entry offered in the country has its own intent (its phrasings as samples)."""
    country = country_for(locale)
    declared = set(intents_of(locale))
    missing = [eid for eid, entry in sorted(content.entries.items())
               if country in entry_countries(entry) and intent_name(eid) not in declared]
    assert not missing, f"{locale}: entries offered in {country} without an intent (no usable phrasing left " \
                        f"after removing duplicates?): {missing}"


@pytest.mark.parametrize("locale", LOCALES)
def test_only_entries_of_the_country(locale, content):
    country = country_for(locale)
    by_intent = {intent_name(eid): eid for eid in content.entries}
    hand_written = {i["name"] for i in models.load_definition()["intents"]}
    # The emergency follow-ups' intents, generated from content/understanding/emergency_follow_ups.yaml.
    from recovery_guide_authoring.emergency_build import intents as emergency_intents
    hand_written |= set(emergency_intents(content.understanding.get("emergency_follow_ups") or {}))
    problems = []
    for name in intents_of(locale):
        if is_builtin(name) or name in hand_written:
            continue
        eid = by_intent.get(name)
        if eid is None:
            problems.append(f"{name}: no content entry has this intent")
        elif country not in entry_countries(content.entries[eid]):
            problems.append(f"{name}: entry {eid} is not offered in {country}")
    assert not problems, f"{locale}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_entry_intents_route_to_their_entries(locale, rg):
    """The compiled library knows every entry intent of the model (a stale library would not)."""
    from recovery_guide import library
    entry_intents = library.load().data["entry_intents"]
    stale = [n for n in intents_of(locale) if n.startswith("Ask") and n not in entry_intents]
    assert not stale, f"{locale}: the compiled library does not know {stale}: run `make content`"


@pytest.mark.parametrize("locale", LOCALES)
def test_crisis_intents_in_every_locale(locale):
    intents = intents_of(locale)
    for name in CRISIS_INTENTS + ("HelplineIntent",):
        assert name in intents, f"{locale}: {name} is missing"
        assert len(intents[name].get("samples") or []) >= 10, f"{locale}: {name} has too few samples"


def test_print_sample_counts():
    """Shown with `pytest -s`: how many samples each intent has in each locale."""
    print("\n" + format_counts())


if __name__ == "__main__":
    print(format_counts())
