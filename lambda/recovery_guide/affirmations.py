"""Choosing the daily affirmation: pure functions, standard library only, no I/O except
`load_affirmations()`, which reads the compiled library shipped inside the package.

A user's record keeps only what was heard and when (`[{"id": "aff-012", "date": "2026-11-23"}, ...]`,
newest last; see persistence/base.py). From that:

* the same affirmation all day: if the history has an entry dated today, it is returned again;
* never one heard in the last RECENT_DAYS days;
* otherwise deterministic per (user_key, date): each user has a fixed, hash-seeded order of all ids,
  and day number d starts at position d of that order and takes the first id not heard recently.
  So a user whose history could not be read (store unavailable) or who has none yet still gets a
  stable affirmation for the day, and consecutive days give consecutive positions (different ids,
  no repeat for len(ids) days) even with no history at all.

`affirmation_of_the_day()` serves the public Flash Briefing feed: the same for everyone on a date,
a fixed permutation indexed by day number, so no repeat within len(ids) consecutive days.

Adding or removing ids changes the orders; the history (not the order) is what guarantees
"not heard in the last RECENT_DAYS days" for a user, so that guarantee survives a content change.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import json
import os

RECENT_DAYS = 60

_DATA_PACKAGE = "recovery_guide"
_DATA_FILE = "data/affirmations.json"
_FEED_SALT = "recovery-guide:feed"


# --- the library ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _load_cached() -> tuple[tuple[str, str], ...]:
    # A plain open, not importlib.resources: that import alone costs a cold start ~20 ms.
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), _DATA_FILE), encoding="utf-8") as fh:
        raw = fh.read()
    data = json.loads(raw)
    return tuple((item["id"], item["text"]) for item in data["affirmations"])


def load_affirmations() -> list[dict]:
    """The compiled affirmations, [{"id": ..., "text": ...}, ...] in library order (read once per process)."""
    return [{"id": aff_id, "text": text} for aff_id, text in _load_cached()]


def affirmation_ids() -> list[str]:
    return [aff_id for aff_id, _ in _load_cached()]


def affirmation_text(affirmation_id: str) -> str | None:
    """The text for an id, or None if the id is not (or no longer) in the library."""
    for aff_id, text in _load_cached():
        if aff_id == affirmation_id:
            return text
    return None


# --- choosing ------------------------------------------------------------------------------

def _digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


@functools.lru_cache(maxsize=256)
def _order(ids: tuple[str, ...], salt: str) -> tuple[str, ...]:
    """A fixed permutation of the distinct ids, seeded by `salt`, independent of the input order."""
    return tuple(sorted(set(ids), key=lambda aff_id: (_digest(salt, aff_id), aff_id)))


def _parse_date(value) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _valid_entries(history) -> list[tuple[str, datetime.date]]:
    """(id, date) for every well-formed entry, in stored order; anything malformed is ignored."""
    entries = []
    for entry in history or ():
        if not isinstance(entry, dict):
            continue
        aff_id, day = entry.get("id"), _parse_date(entry.get("date"))
        if isinstance(aff_id, str) and aff_id and day is not None:
            entries.append((aff_id, day))
    return entries


def pick_affirmation(ids: list[str], history: list[dict], today: datetime.date, user_key: str) -> str:
    """The affirmation for this user today. history = [{"id":..., "date":"YYYY-MM-DD"}, ...]."""
    order = _order(tuple(ids), "user:" + user_key)
    if not order:
        raise ValueError("no affirmations to choose from")
    known = set(order)
    entries = _valid_entries(history)

    # Same all day: the newest entry dated today, if it is still in the library.
    for aff_id, day in reversed(entries):
        if day == today and aff_id in known:
            return aff_id

    # Heard within the last RECENT_DAYS days (future-dated entries, from a clock or time-zone
    # change, count as recent too).
    last_heard: dict[str, datetime.date] = {}
    for aff_id, day in entries:
        if aff_id in known and (aff_id not in last_heard or day > last_heard[aff_id]):
            last_heard[aff_id] = day
    recent = {aff_id for aff_id, day in last_heard.items() if (today - day).days <= RECENT_DAYS}

    n = len(order)
    start = today.toordinal() % n
    for step in range(n):
        candidate = order[(start + step) % n]
        if candidate not in recent:
            return candidate
    # Every id was heard recently (only possible with a library of RECENT_DAYS ids or fewer):
    # the one heard longest ago, ties broken by the user's order.
    return min(order, key=lambda aff_id: (last_heard[aff_id], (order.index(aff_id) - start) % n))


def another_affirmation(ids: list[str], heard: list[str], user_key: str) -> str:
    """One more for someone who asked for "another one": the next in their own order after the ones
    heard in this conversation, so the day's pick stays the day's pick."""
    order = _order(tuple(ids), "user:" + user_key)
    if not order:
        raise ValueError("no affirmations to choose from")
    last = next((a for a in reversed(heard) if a in order), None)
    start = order.index(last) + 1 if last else 0
    for step in range(len(order)):
        candidate = order[(start + step) % len(order)]
        if candidate not in heard:
            return candidate
    return order[start % len(order)]    # every one heard already: go round again


def record_heard(history: list[dict], affirmation_id: str, today: datetime.date) -> list[dict]:
    """New history with today's pick added; entries older than RECENT_DAYS dropped (keeps the record small).

    The input is not modified. Malformed entries are dropped, each id appears at most once (its
    latest date), and entries are ordered oldest to newest, so the record holds at most one entry
    per distinct id heard in the last RECENT_DAYS days.
    """
    latest: dict[str, datetime.date] = {}
    for aff_id, day in _valid_entries(history):
        if (today - day).days > RECENT_DAYS:
            continue
        if aff_id not in latest or day >= latest[aff_id]:
            latest.pop(aff_id, None)  # re-insert so that dict order follows the latest hearing
            latest[aff_id] = day
    if affirmation_id in latest and latest[affirmation_id] > today:
        pass  # keep a future date (clock change): it stays "recent" longest
    else:
        latest.pop(affirmation_id, None)
        latest[affirmation_id] = today
    ordered = sorted(latest.items(), key=lambda item: item[1])  # stable: same-day order kept
    return [{"id": aff_id, "date": day.isoformat()} for aff_id, day in ordered]


def affirmation_of_the_day(ids: list[str], today: datetime.date) -> str:
    """The public feed's affirmation: the same for everyone on a date; no repeat within len(ids) days."""
    order = _order(tuple(ids), _FEED_SALT)
    if not order:
        raise ValueError("no affirmations to choose from")
    return order[today.toordinal() % len(order)]
