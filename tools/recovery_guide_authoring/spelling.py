"""British spellings for countries that use them (cards and plain text; speech sounds the same)."""
from __future__ import annotations

import re

_US_TO_GB = {
    "counseling": "counselling", "counselor": "counsellor", "counselors": "counsellors",
    "center": "centre", "centers": "centres", "behavior": "behaviour", "behaviors": "behaviours",
    "color": "colour", "diarrhea": "diarrhoea", "pediatric": "paediatric", "pediatrician": "paediatrician",
    "fiber": "fibre", "labor": "labour", "organization": "organisation", "organizations": "organisations",
    "recognize": "recognise", "recognized": "recognised", "realize": "realise", "minimize": "minimise",
    "stabilize": "stabilise", "hospitalized": "hospitalised", "specialized": "specialised",
    "criticize": "criticise", "apologize": "apologise", "emphasize": "emphasise", "judgment": "judgement",
    "anesthesia": "anaesthesia", "estrogen": "oestrogen", "fetus": "foetus", "feces": "faeces",
    "ambulatory": "ambulatory", "analyze": "analyse", "favor": "favour", "honor": "honour",
    "neighborhood": "neighbourhood", "nauseous": "nauseous", "practicing": "practising",
    "percent": "per cent", "utilize": "utilise", "mom": "mum", "moms": "mums",
}
_PATTERN = re.compile(r"\b(" + "|".join(sorted(_US_TO_GB, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def british(text: str) -> str:
    def swap(match: re.Match) -> str:
        word = match.group(0)
        gb = _US_TO_GB[word.lower()]
        return gb[0].upper() + gb[1:] if word[0].isupper() else gb
    return _PATTERN.sub(swap, text)
