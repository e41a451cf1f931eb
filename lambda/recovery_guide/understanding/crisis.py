"""Crisis detection: an overdose happening now, or a suicidal crisis, in any wording.

The patterns live in crisis_patterns, compiled when the first words arrive rather than at import,
so a cold start that only opens the skill does not pay for them. Every free-text path calls
detect_crisis() before anything else.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from .risk import AT_RISK, EMERGENCY, OVERDOSE, SUICIDE  # noqa: F401 - re-exported: callers name them from here


def detect_crisis(text: str) -> str | None:
    """OVERDOSE, SUICIDE or None for the words a person said."""
    from .crisis_patterns import detect_crisis as detect
    return detect(text)


# Carrier words of the interaction model's free-text intent that can be the subject of a crisis
# statement. Alexa keeps the carrier out of the slot ("nobody {query}" sends "would miss me if i was
# gone"), so slot text is also read with each of them put back.
CARRIER_SUBJECTS = ("i", "i'm", "i'd", "nobody", "he", "the", "what's", "how", "dying", "need")
# One of each kind is enough ("she", "someone" and "my friend" read as "he" does; "everyone" as "nobody";
# "death" as "dying"): each extra reading costs about 25 µs, and only crisis-like text gets them.


# Words without which no crisis statement reads differently with a subject put back: most questions
# skip the extra readings (and their cost) entirely.
_MAY_NEED_SUBJECT = re.compile(
    r"\b(?:die|dead|death|dying|end|live|living|alive|gone|breath\w*|wake|woke|blue|grey|gray|"
    r"overdos\w*|kill\w*|suicid\w*|unconscious|respond\w*|miss|better off|hurt\w*|collapsed|"
    r"passed out|moving|purpose|worth|rather|easier|world|od|narcan)\b")


# A carrier cannot have stood before every first word: "i does narcan work..." or "i'm is it safe" was
# never said, and reading it so turns a question into a statement about the speaker.
_QUESTION_FIRST = frozenset(("do", "does", "did", "can", "could", "will", "would", "should", "is", "are", "was", "were",
                             "has", "have", "had", "may", "might", "must", "what", "how", "why", "when", "where", "which",
                             "who"))
_NOT_AFTER = {"i": frozenset(("does", "is", "are", "was", "has", "what", "how", "why", "when", "where", "which", "who")),
              "i'm": _QUESTION_FIRST, "i'd": _QUESTION_FIRST,
              "he": frozenset(("do", "are", "were", "have", "what", "how", "why", "when", "where", "which", "who"))}


def detect_crisis_in_slot(text: str) -> str | None:
    """detect_crisis() for text Alexa captured after a carrier phrase, whose first word it dropped."""
    found = detect_crisis(text)
    if found is None and text and len(text) < 500 and _MAY_NEED_SUBJECT.search(text.lower()):
        first = text.lower().split(None, 1)[0]
        for subject in CARRIER_SUBJECTS:
            if first in _NOT_AFTER.get(subject, ()):
                continue
            found = detect_crisis(f"{subject} {text}")
            if found is not None:
                break
    return found


def normalise(text: str) -> str:
    """The text as the patterns see it (speech-recognition spellings and contractions evened out)."""
    from .crisis_patterns import normalise as norm
    return norm(text)


def explain(text: str):
    """Which phrases matched and why each was kept or set aside: for tuning the patterns."""
    from .crisis_patterns import explain as why
    return why(text)


@dataclass(frozen=True)
class Risk:
    level: str   # EMERGENCY or AT_RISK
    kind: str    # OVERDOSE or SUICIDE: the crisis topic the turn is answered under


# The trained model reads what the patterns do not (new wordings, self-harm without the usual words,
# hopelessness tied to using). The patterns stay as a floor beneath it. Thresholds lean towards the
# number: a false alarm costs a sentence, a miss can cost a life.
EMERGENCY_SHARE = 0.5
AT_RISK_SHARE = 0.4
# The patterns are overruled only for a general question that names nobody, and only when the model is
# all but certain it is no crisis.
GENERIC_QUESTION_NONE = 0.97
RE_READ_BELOW_NONE = 0.9
MODEL_MIN_WORDS = 3
# Right after a turn judged at risk: about 7% of ordinary questions reach this share, most of them about
# overdose; most of what people say next in an emergency does.
AFTER_AT_RISK_SHARE = 0.15
_QUESTION_START = r"^(?:how|what|why|when|where|which|who|should|can|could|do|does|did|is|are|will|would)\b"
_SOMEONE_IN_PARTICULAR = (
    r"\b(?:i|i'm|im|me|my|mine|we|us|our|he|he's|hes|him|his|she|she's|shes|her|they|they're|them|their|"
    r"this|mate|friend|brother|sister|son|daughter|mum|mom|dad|husband|wife|partner|boyfriend|girlfriend|baby|kid)\b")


def _generic_question(text: str) -> bool:
    # re caches compiled patterns: compiled on the first crisis-worded question, not at start-up.
    words = " ".join(text.lower().replace("’", "'").split())
    return bool(re.match(_QUESTION_START, words)) and not re.search(_SOMEONE_IN_PARTICULAR, words)


def assess(text: str, in_slot: bool = False, after_at_risk: bool = False) -> Risk | None:
    """How urgent the words are: an emergency, at risk, or None. `after_at_risk`: the turn before was
    judged at risk, so a fainter sign of danger keeps the lines first ("I'm starting to feel really sleepy")."""
    if not text or not text.strip():
        return None
    from .. import library
    probs = dict(library.load().crisis_model().probabilities(text))
    kind = detect_crisis(text)
    if kind is None and in_slot and probs.get("none", 0.0) < RE_READ_BELOW_NONE:
        # Up to ten more readings with a dropped subject put back: only where the model sees a hint of
        # danger, since each costs about as much as the model itself.
        kind = detect_crisis_in_slot(text)
    if kind is not None:
        if probs.get("none", 0.0) >= GENERIC_QUESTION_NONE and _generic_question(text):
            return None   # "should you do CPR on someone who overdosed": a question, with nobody named
        return Risk(EMERGENCY, kind)
    overdose, suicide = probs.get("emergency_overdose", 0.0), probs.get("emergency_suicide", 0.0)
    kind = OVERDOSE if overdose >= suicide else SUICIDE
    from .crisis_patterns import (about_later, at_risk, better_now, feels_unwell_now, figure_of_speech, on_screen,
                                  seeking_safety, told_as_history)
    # The model does not judge alone one or two words ("second", "the rest"), nor words the patterns
    # read as a figure of speech ("I overdosed on chocolate", "dead keen") or about some day ("scared I'll
    # overdose one day", "just wanna be ready"). Asked only when the model leans towards danger: compiling
    # the figures costs a fresh process about 5 ms, and most turns never need them.
    long_enough = len(text.split()) >= MODEL_MIN_WORDS
    at_risk_share = overdose + suicide + probs.get("at_risk", 0.0)
    model_judges = long_enough and at_risk_share >= min(EMERGENCY_SHARE, AT_RISK_SHARE) and not figure_of_speech(text) \
        and not about_later(text) and not seeking_safety(text) and not on_screen(text) and not better_now(text)
    if model_judges and overdose + suicide >= EMERGENCY_SHARE:
        if not told_as_history(text):
            # A question about nobody in particular ("what does overdose breathing sound like") with no
            # phrase kept by the patterns: the number first, then the answer they asked for.
            return Risk(AT_RISK if _generic_question(text) else EMERGENCY, kind)
        # "my brother overdosed a few years back, how do I bring it up": the model hears the event, the
        # patterns found nothing happening now, and the words place it in the past: only the floor remains.
    elif model_judges and at_risk_share >= AT_RISK_SHARE:
        return Risk(AT_RISK, kind if overdose > suicide * 2 else SUICIDE)
    leaning = at_risk(text)    # the plainest at-risk wordings, as a floor beneath the model
    if leaning:
        return Risk(AT_RISK, leaning)
    if after_at_risk and (at_risk_share >= AFTER_AT_RISK_SHARE or feels_unwell_now(text)) \
            and not figure_of_speech(text):
        return Risk(AT_RISK, kind if overdose > suicide * 2 else SUICIDE)
    return None
