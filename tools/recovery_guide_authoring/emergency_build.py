"""content/emergency/*.yaml → the emergency conversation in each country pack, and
content/understanding/emergency_follow_ups.yaml → a small follow-up classifier (emergency_model.json).

Steps are rendered once per country here (Jinja2 and YAML stay build-time tools); the skill reads
finished SSML and a JSON model of plain numbers.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from markupsafe import Markup

from recovery_guide import ssml
from recovery_guide.understanding.normalise import normalise
from .content import COUNTRIES, Content

# The steps the overdose conversation must have (the kinds of follow-up it answers).
OVERDOSE_STEPS = ("no_naloxone", "give_naloxone", "no_response", "breathing_not_waking", "waking_up",
                  "not_breathing", "dispatcher", "myths", "called", "not_called", "help_arrived", "ended", "stop")
SUICIDE_STEPS = ("wont_call", "no", "safe_now", "stop", "no_line")
# The generic pack (a country the skill does not know) hears the versions that are not tied to one
# country's services: India's, which are the CDC and Health Canada wording.
GENERIC_FROM = "IN"
PLACEHOLDER = "{emergency}"


def version_for(step: list, country: str) -> dict | None:
    for version in step or []:
        if country in (version.get("countries") or []):
            return version
    return None


def _spoken(renderer, text: str, country: str, emergency_ssml: Markup) -> Markup:
    out = Markup("")
    for i, part in enumerate(" ".join(str(text).split()).split(PLACEHOLDER)):
        if i:
            out += Markup(emergency_ssml)
        lead = " " if part.startswith(" ") else ""
        trail = " " if part.endswith(" ") else ""
        out += Markup(lead) + renderer.speakable(part, country) + Markup(trail)
    return out


def render_overdose(renderer, content: Content, country: str) -> dict:
    data = content.emergency.get("overdose") or {}
    variables = renderer.prompt_variables(country)
    emergency_ssml, number = variables["emergency"], variables["emergency_text"]
    source_country = country if country in COUNTRIES else GENERIC_FROM
    steps = {}
    for kind, versions in (data.get("steps") or {}).items():
        version = version_for(versions, source_country)
        if version is None:
            continue
        speech = _spoken(renderer, version["text"], country, emergency_ssml)
        text = renderer.plain(" ".join(str(version["text"]).split()).replace(PLACEHOLDER, number), country)
        steps[kind] = {"speech": str(speech), "text": text}
    # "What do I do" before any follow-up: the first answer's steps, without its opening sentence.
    info = content.countries.get(country) or content.countries.get("US") or {}
    first = [renderer.speakable(s, country) for s in (info.get("overdose") or {}).get("steps", [])]
    steps["start"] = {"speech": " ".join(str(s) for s in first),
                      "text": " ".join(renderer.plain(s, country) for s in (info.get("overdose") or {}).get("steps", []))}
    reminder = _spoken(renderer, data.get("reminder", "Call {emergency} now."), country, emergency_ssml)
    still = _spoken(renderer, data.get("still", "Call {emergency} if anything changes."), country, emergency_ssml)
    return {
        "reminder": str(reminder),
        "reminder_text": str(data.get("reminder", "")).replace(PLACEHOLDER, number),
        "still": str(still),
        "still_text": str(data.get("still", "")).replace(PLACEHOLDER, number),
        "reprompt": ssml.escape(" ".join(str(data.get("reprompt", "")).split())),
        "number": number,
        "steps": steps,
    }


def render_suicide(renderer, content: Content, country: str) -> dict:
    data = content.emergency.get("suicide") or {}
    variables = renderer.prompt_variables(country)
    info = content.countries.get(country) or {}
    line = renderer.line_view(info.get("crisis_line"), country)
    steps = {}
    for kind, template in (data.get("steps") or {}).items():
        if kind == "no_line" and line:
            continue
        if kind != "no_line" and not line:
            continue
        speech = renderer.env.from_string(" ".join(str(template).split())).render(
            emergency=variables["emergency"], line=line)
        speech = re.sub(r"\s+([.,])", r"\1", " ".join(speech.split()))
        steps["no" if kind == "no_line" else kind] = {"speech": speech, "text": ssml.to_text(speech)}
    if not line:   # no crisis line: every step is the emergency number and a warm word
        for kind in ("wont_call", "safe_now", "stop"):
            steps.setdefault(kind, steps.get("no"))
    # Silence hears the number once more and a warm word, and "yes" still texts the line's number.
    reprompt = steps["no"]["speech"] + (" " + ssml.escape(str(data.get("reprompt_offer", ""))) if line else "")
    return {"reprompt": reprompt, "number": variables["emergency_text"], "steps": steps,
            "line": {"name": line["name"], "number": line["number"]} if line else None}


def intent_name(kind: str) -> str:
    """The interaction model's intent for a kind of follow-up: "no_naloxone" → "EmergencyNoNaloxoneIntent"."""
    return "Emergency" + "".join(part.capitalize() for part in kind.split("_")) + "Intent"


# Kinds that get an intent of their own in the interaction models ("what do I do now" is "repeat": the
# current step again). Alexa's built-ins cover "no", and the wordings below that are theirs.
INTENT_KINDS = {"overdose": [k for k in OVERDOSE_STEPS if k != "stop"] + ["repeat"],
                "suicide": ["wont_call", "safe_now"]}
BUILT_IN_WORDINGS = {"repeat", "repeat that", "say that again", "say it again", "can you repeat that", "again",
                     "what did you say", "pardon", "come again", "help", "help me", "please help", "start again",
                     "go back", "huh", "what", "sorry what", "tell me again", "start over"}


def samples(corpus: dict, conversation: str, kind: str) -> list[str]:
    """The examples of a kind that may be samples of its intent (not a built-in intent's wording)."""
    return [e for e in ((corpus or {}).get(conversation) or {}).get(kind) or []
            if " ".join(str(e).lower().split()) not in BUILT_IN_WORDINGS]


def intents(corpus: dict) -> dict:
    """{intent name: [conversation, kind]} for the kinds above that the corpus has examples of."""
    out = {}
    for conversation, kinds in INTENT_KINDS.items():
        for kind in kinds:
            if ((corpus or {}).get(conversation) or {}).get(kind):
                out[intent_name(kind)] = [conversation, kind]
    return dict(sorted(out.items()))


def render_pack(renderer, content: Content, country: str) -> dict:
    return {"crisis_overdose": render_overdose(renderer, content, country),
            "crisis_suicide": render_suicide(renderer, content, country)}


# -- the follow-up classifier ---------------------------------------------------------------------

def tokens(text: str) -> list[str]:
    """Words and word pairs of the normalised text: negation stays ("not breathing" ≠ "breathing").
    The same function runs in the skill (recovery_guide.emergency.tokens): keep them in step."""
    words = normalise(text).split()
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


def train(corpus: dict) -> dict:
    """TF-IDF nearest centroid per conversation ("overdose", "suicide"): {idf, centroids, examples}, rounded."""
    model = {}
    for conversation, kinds in sorted((corpus or {}).items()):
        if not isinstance(kinds, dict):
            continue
        docs = [(kind, tokens(example)) for kind, examples in kinds.items() for example in examples or []]
        df = Counter(t for _, toks in docs for t in set(toks))
        n = len(docs)
        idf = {t: round(math.log((1 + n) / (1 + c)) + 1.0, 4) for t, c in df.items()}
        centroids = {}
        for kind in kinds:
            total: Counter = Counter()
            examples = [toks for k, toks in docs if k == kind]
            for toks in examples:
                vec = Counter({t: idf[t] for t in toks})
                norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
                for t, v in vec.items():
                    total[t] += v / norm
            norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
            centroids[kind] = {t: round(v / norm, 4) for t, v in sorted(total.items()) if v / norm >= 0.005}
        # The examples themselves too (their distinct tokens): the skill scores a follow-up against its
        # kind's centroid and its nearest example, so a phrasing close to one example is not lost in the average.
        examples = {kind: sorted({" ".join(sorted(set(toks))) for k, toks in docs if k == kind}) for kind in kinds}
        model[conversation] = {"idf": dict(sorted(idf.items())), "centroids": centroids, "examples": examples}
    return model
