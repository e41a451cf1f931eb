"""Typed text → the intent and slots Alexa would send, using the interaction model's own samples.

Order: the skill's launch phrases; a crisis check of the words (nothing else comes first); an
exact sample (slots captured); a near match to a short command ("tell me more please"); otherwise
the free-form QuestionIntent with the text as its AMAZON.SearchQuery slot, as a device would send it.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from recovery_guide_authoring.content import REPO_ROOT
from recovery_guide.understanding.crisis import EMERGENCY, OVERDOSE, SUICIDE, assess, detect_crisis
from recovery_guide.locales import DEFAULT_LOCALE, SUPPORTED_LOCALES

_CRISIS_INTENT = {OVERDOSE: "OverdoseEmergencyIntent", SUICIDE: "SuicidalCrisisIntent"}
# Alexa trains its built-in intents itself, so the models list no samples for them; locally these
# common wordings stand in for that training.
BUILT_IN_SAMPLES = {
    "AMAZON.YesIntent": ["yes", "yeah", "yep", "yup", "sure", "ok", "okay", "yes please", "please", "go ahead",
                         "sounds good", "alright", "of course", "uh huh", "i do", "yes i would"],
    "AMAZON.NoIntent": ["no", "nope", "no thanks", "no thank you", "not now", "nah", "not really", "i'm good",
                        "no i'm okay", "i don't"],
    "AMAZON.HelpIntent": ["help", "what can i say", "what can you do", "what can i ask", "how does this work",
                          "what do you do", "options", "menu"],
    "AMAZON.StopIntent": ["stop", "quit", "exit", "goodbye", "bye", "shut up", "enough", "that's all",
                          "i'm done", "end", "leave"],
    "AMAZON.CancelIntent": ["cancel", "never mind", "nevermind", "forget it"],
    "AMAZON.RepeatIntent": ["repeat", "repeat that", "say that again", "again", "what did you say", "come again",
                            "pardon", "one more time", "can you repeat that", "repeat please", "say it again"],
    "AMAZON.NavigateHomeIntent": ["go home", "home", "main menu", "go back to the start"],
    "AMAZON.StartOverIntent": ["start over", "restart", "start again", "begin again"],
}
_WAKE = re.compile(r"^(alexa|hey alexa|ok alexa)\b[ ,]*")
_INVOKE = re.compile(r"^(?:(?:ask|tell|open|start|launch|talk to|use)\s+recovery guide(?:\s+(?:to|for|about|if|whether|and))?|recovery guide)\b[ ,]*")


# Words a near command may add without changing what it asks for.
_FILLER = frozenset("please alexa um uh so just can you could would i me my the a an now ok okay right well hey".split())


@dataclass
class Parse:
    kind: str                     # "launch" or "intent"
    intent: str | None = None
    slots: dict = field(default_factory=dict)


def _clean(text: str) -> str:
    text = str(text).lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class LocalNlu:
    def __init__(self, model: dict):
        lm = model["interactionModel"]["languageModel"]
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern, str, list[str]]] = []
        self.commands: list[tuple[set, str]] = []
        intents = [dict(i) for i in lm["intents"]]
        # A custom slot type matches only its values and synonyms, as on a device.
        type_words = {t["name"]: [w for v in t.get("values") or [] for w in [v["name"]["value"]]
                                  + list(v["name"].get("synonyms") or [])] for t in lm.get("types") or []}
        for intent in intents:
            # Alexa's own training of a built-in intent stays when the model adds samples to it.
            if intent["name"] in BUILT_IN_SAMPLES:
                listed = list(intent.get("samples") or [])
                intent["samples"] = listed + [s for s in BUILT_IN_SAMPLES[intent["name"]] if s not in listed]
        for intent in intents:
            slot_types = {s["name"]: s["type"] for s in intent.get("slots") or []}
            for sample in intent.get("samples") or []:
                s = _clean(sample.replace("{", " {").replace("}", "} "))
                if "{" in sample:
                    names = re.findall(r"\{(\w+)\}", sample)
                    if any(slot_types.get(n) == "AMAZON.SearchQuery" for n in names):
                        continue   # carrier phrases: handled as the last resort below
                    regex = re.escape(_clean(re.sub(r"\{(\w+)\}", r" SLOT\1X ", sample)))
                    for name in names:
                        words = type_words.get(slot_types.get(name, ""))
                        group = "(" + "|".join(re.escape(_clean(w)) for w in sorted(words, key=len, reverse=True)) + ")" \
                            if words else "(.+?)"
                        regex = regex.replace(f"slot{name.lower()}x", group)
                    self.patterns.append((re.compile(f"^{regex}$"), intent["name"], names))
                else:
                    self.exact[s] = intent["name"]
                    words = set(s.split())
                    if len(words) <= 5 and not intent["name"].startswith("Ask"):
                        self.commands.append((words, intent["name"]))

    def parse(self, text: str) -> Parse:
        said = _clean(text)
        said = _WAKE.sub("", said)
        said = _INVOKE.sub("", said).strip()
        if not said:
            return Parse("launch")
        # A crisis statement goes to its crisis intent as on a device, unless the skill would not judge
        # the turn an emergency: a general question that only names an overdose ("can the shot make an
        # overdose more likely") reaches the question intent with its words.
        crisis = detect_crisis(text)
        if crisis:
            risk = assess(text)
            if risk is not None and risk.level == EMERGENCY:
                return Parse("intent", _CRISIS_INTENT[crisis])
        if said in self.exact:
            return Parse("intent", self.exact[said])
        for regex, intent, names in self.patterns:
            m = regex.match(said)
            if m:
                return Parse("intent", intent, dict(zip(names, m.groups())))
        words = set(said.split())
        if len(words) <= 6:
            best, best_score = None, 0.0
            for sample_words, intent in self.commands:
                if words - sample_words - _FILLER:
                    continue   # "how does buprenorphine work" is a question, not "how does this work"
                overlap = len(words & sample_words) / len(words | sample_words)
                if overlap > best_score:
                    best, best_score = intent, overlap
            if best and best_score >= 0.6:
                return Parse("intent", best)
        return Parse("intent", "QuestionIntent", {"query": said})


@lru_cache(maxsize=None)
def for_locale(locale: str | None) -> LocalNlu:
    name = locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE
    with open(os.path.join(REPO_ROOT, "interaction_models", f"{name}.json"), encoding="utf-8") as fh:
        return LocalNlu(json.load(fh))
