"""Crisis detection: an overdose happening now, or a suicidal crisis, in any wording.

The patterns live in crisis_patterns, compiled when the first words arrive rather than at import,
so a cold start that only opens the skill does not pay for them. Every free-text path calls
detect_crisis() before anything else.
"""
from __future__ import annotations

OVERDOSE = "crisis_overdose"
SUICIDE = "crisis_suicide"


def detect_crisis(text: str) -> str | None:
    """OVERDOSE, SUICIDE or None for the words a person said."""
    from .crisis_patterns import detect_crisis as detect
    return detect(text)


def normalise(text: str) -> str:
    """The text as the patterns see it (speech-recognition spellings and contractions evened out)."""
    from .crisis_patterns import normalise as norm
    return norm(text)


def explain(text: str):
    """Which phrases matched and why each was kept or set aside: for tuning the patterns."""
    from .crisis_patterns import explain as why
    return why(text)
