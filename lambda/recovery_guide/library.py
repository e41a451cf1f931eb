"""The compiled content library, loaded once per process and a country at a time.

`recovery-guide content build` renders content/ into data/ at build time (YAML and Jinja2 are
build-time tools): library.json (entries, sources, helplines: small), packs/<country>.json (prompts,
crisis and helpline speech for that country), answers/<country>.json (every answer rendered for
that country) and models/ (the trained question, entry and crisis classifiers). The request path reads
only the JSON it needs, when it first needs it, so a cold start opens one small file and one pack.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache

from . import locales

GENERIC_COUNTRY = "XX"   # a pack for locales whose country the skill does not know
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _read(*parts: str) -> dict:
    with open(os.path.join(DATA_DIR, *parts), encoding="utf-8") as fh:
        return json.load(fh)


class Library:
    def __init__(self, data: dict):
        self.data = data
        self.entries: dict = data["entries"]
        self.sources: dict = data["sources"]
        self.countries: tuple = tuple(data["countries"])
        self._packs: dict = {}
        self._answers: dict = {}
        self._models: dict = {}
        self._topics: dict = {}

    def country_of_pack(self, locale: str | None) -> str:
        code = locales.country_for(locale)
        return code if code in self.countries else GENERIC_COUNTRY

    def pack(self, locale: str | None) -> dict:
        """The rendered speech for the locale's country (the generic pack where the country is unknown)."""
        return self.country_pack(self.country_of_pack(locale))

    def country_pack(self, country: str) -> dict:
        if country not in self._packs:
            self._packs[country] = _read("packs", f"{country}.json")
        return self._packs[country]

    def model(self, name: str):
        """A trained classifier (models/<name>.json), read on first use."""
        if name not in self._models:
            from .understanding.linear import LinearModel
            self._models[name] = LinearModel.read(os.path.join(DATA_DIR, "models", f"{name}.json"))
        return self._models[name]

    def question_model(self):
        return self.model("questions")


    def crisis_model(self):
        return self.model("crisis")

    def answers(self, locale: str | None) -> dict:
        country = self.country_of_pack(locale)
        if country not in self._answers:
            self._answers[country] = _read("answers", f"{country}.json")
        return self._answers[country]

    def topics_offered(self, locale: str | None) -> frozenset:
        """The topics with at least one entry offered in the locale's country."""
        country = self.country_of_pack(locale)
        if country not in self._topics:
            answers = self.answers(locale)
            self._topics[country] = frozenset(self.entries[eid]["topic"] for eid in answers if eid in self.entries)
        return self._topics[country]

    def entry_speech(self, locale: str | None, entry_id: str) -> dict | None:
        return self.answers(locale).get(entry_id)


@lru_cache(maxsize=1)
def load() -> Library:
    return Library(_read("library.json"))
