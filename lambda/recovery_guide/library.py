"""The compiled content library, loaded once per process.

`recovery-guide content build` renders content/ into data/library.json at build time (YAML and
Jinja2 are build-time tools); the request path only reads that JSON.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from . import locales

GENERIC_COUNTRY = "XX"   # a pack for locales whose country the skill does not know


class Library:
    def __init__(self, data: dict):
        self.data = data
        self.entries: dict = data["entries"]
        self.sources: dict = data["sources"]
        self.packs: dict = data["packs"]
        self._matchers: dict = {}

    def pack(self, locale: str | None) -> dict:
        """The rendered speech for the locale's country (the generic pack where the country is unknown)."""
        return self.packs.get(locales.country_for(locale) or GENERIC_COUNTRY) or self.packs[GENERIC_COUNTRY]

    def country_of_pack(self, locale: str | None) -> str:
        code = locales.country_for(locale)
        return code if code in self.packs else GENERIC_COUNTRY

    def matcher(self, locale: str | None):
        country = self.country_of_pack(locale)
        if country not in self._matchers:
            from .matcher import QuestionMatcher
            self._matchers[country] = QuestionMatcher(self.data["matcher"], country)
        return self._matchers[country]

    def entry_speech(self, locale: str | None, entry_id: str) -> dict | None:
        return self.pack(locale)["entries"].get(entry_id)


@lru_cache(maxsize=1)
def load() -> Library:
    raw = resources.files(__package__).joinpath("data", "library.json").read_text(encoding="utf-8")
    return Library(json.loads(raw))
