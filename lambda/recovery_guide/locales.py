"""Which country a request comes from: the locale decides the emergency number and helplines."""
from __future__ import annotations

DEFAULT_LOCALE = "en-US"
SUPPORTED_LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")

_COUNTRY_BY_LOCALE = {
    "en-US": "US", "es-US": "US",
    "en-GB": "GB",
    "en-CA": "CA", "fr-CA": "CA",
    "en-AU": "AU",
    "en-IN": "IN", "hi-IN": "IN",
}
# British spelling on cards and in text for these countries; speech sounds the same either way.
BRITISH_SPELLING = frozenset({"GB", "AU", "IN"})


def country_for(locale: str | None) -> str | None:
    """The country code for a locale, or None where the skill does not know the country."""
    if not locale:
        return _COUNTRY_BY_LOCALE[DEFAULT_LOCALE]
    locale = str(locale).replace("_", "-")
    if locale in _COUNTRY_BY_LOCALE:
        return _COUNTRY_BY_LOCALE[locale]
    region = locale.split("-")[-1].upper() if "-" in locale else ""
    return {"US": "US", "GB": "GB", "UK": "GB", "CA": "CA", "AU": "AU", "IN": "IN"}.get(region)
