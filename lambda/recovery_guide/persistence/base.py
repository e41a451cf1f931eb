"""The storage interface every store implements.

A user record holds preferences and ids only: never a question asked, never anything about a
person's health or drug use. Shape (all keys optional):

    {"affirmations": [{"id": "aff-012", "date": "2026-11-23"}, ...],   # recently heard, newest last
     "reminder": {"alert_token": "..."},
     "sms": {"day": "2026-11-23", "count": 1},                           # texts today (the daily cap)
     "prefs": {...}}

Keys are derived from the Alexa user id with `user_key()`, so the id itself is never stored or logged.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Callable

Record = dict
Mutation = Callable[[Record], Record]


class StoreUnavailable(Exception):
    """The store could not be reached or refused the request; callers degrade gracefully."""


def user_key(alexa_user_id: str) -> str:
    """A stable, non-reversible key for a user id (the id itself is never stored or logged)."""
    import hashlib   # here, not at import: most cold starts (a launch) never need it
    # surrogatepass: an id with a lone surrogate (valid JSON, not valid UTF-8) still has a key, so
    # its record can be found and deleted on SkillDisabled.
    return hashlib.sha256(str(alexa_user_id).encode("utf-8", "surrogatepass")).hexdigest()


class UserStore(ABC):
    @abstractmethod
    def get(self, key: str) -> Record:
        """The user's record, or {} if there is none. Raises StoreUnavailable."""

    @abstractmethod
    def update(self, key: str, mutate: Mutation) -> Record:
        """Apply `mutate` to the current record and save the result atomically.

        Two devices of one user may write at once: implementations retry `mutate` on a
        fresh copy when the record changed underneath (optimistic concurrency), so no
        update is lost. `mutate` must be a pure function of the record it is given.
        Returns the saved record. Raises StoreUnavailable.
        """

    @abstractmethod
    def delete(self, key: str) -> None:
        """Forget the user entirely. Raises StoreUnavailable."""
