"""The daily affirmation picker: same all day, never a repeat within RECENT_DAYS, stable without history."""
from __future__ import annotations

import copy
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_guide.affirmations import (
    RECENT_DAYS,
    affirmation_ids,
    affirmation_of_the_day,
    affirmation_text,
    load_affirmations,
    pick_affirmation,
    record_heard,
)

IDS = [f"aff-{n:03d}" for n in range(1, 381)]
DAY = datetime.date(2026, 11, 23)
USER = "3f1c0d2e" * 8


def days_from(start: datetime.date, count: int) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range(count)]


def run_days(ids, start, count, user=USER, history=None):
    """Simulate a user asking once a day with the history carried forward; returns (picks, history)."""
    history = [] if history is None else history
    picks = []
    for day in days_from(start, count):
        chosen = pick_affirmation(ids, history, day, user)
        history = record_heard(history, chosen, day)
        picks.append(chosen)
    return picks, history


def assert_no_repeat_within(picks: list[str], window: int) -> None:
    for start in range(len(picks)):
        chunk = picks[start:start + window]
        assert len(set(chunk)) == len(chunk), f"repeat within {window} days starting at day {start}"


# --- same all day -------------------------------------------------------------------------

def test_same_affirmation_all_day_once_recorded():
    chosen = pick_affirmation(IDS, [], DAY, USER)
    history = record_heard([], chosen, DAY)
    for _ in range(5):
        assert pick_affirmation(IDS, history, DAY, USER) == chosen


def test_entry_dated_today_is_returned_even_if_not_first_choice():
    history = [{"id": "aff-200", "date": "2026-11-01"}, {"id": "aff-123", "date": DAY.isoformat()}]
    assert pick_affirmation(IDS, history, DAY, USER) == "aff-123"


def test_todays_entry_for_a_retired_id_is_replaced():
    history = [{"id": "aff-999", "date": DAY.isoformat()}]
    chosen = pick_affirmation(IDS, history, DAY, USER)
    assert chosen in IDS


def test_different_tomorrow():
    chosen = pick_affirmation(IDS, [], DAY, USER)
    history = record_heard([], chosen, DAY)
    tomorrow = DAY + datetime.timedelta(days=1)
    assert pick_affirmation(IDS, history, tomorrow, USER) != chosen


# --- never a repeat within RECENT_DAYS ------------------------------------------------------

@pytest.mark.parametrize("count", [30, 120])
def test_consecutive_days_with_history_never_repeat_within_window(count):
    picks, _ = run_days(IDS, DAY, count)
    assert_no_repeat_within(picks, RECENT_DAYS)
    if count <= RECENT_DAYS:
        assert len(set(picks)) == count


def test_long_run_with_real_library_never_repeats_within_window():
    picks, history = run_days(affirmation_ids(), DAY, 400, user="someone-else")
    assert_no_repeat_within(picks, RECENT_DAYS)
    assert len(history) <= RECENT_DAYS + 1


def test_skipped_days_still_respect_the_window():
    history, picks, days = [], [], []
    day = DAY
    for gap in [1, 3, 1, 7, 2, 1, 1, 10, 5, 1] * 8:
        chosen = pick_affirmation(IDS, history, day, USER)
        history = record_heard(history, chosen, day)
        picks.append(chosen)
        days.append(day)
        day += datetime.timedelta(days=gap)
    for i, (a, da) in enumerate(zip(picks, days)):
        for b, db in zip(picks[i + 1:], days[i + 1:]):
            if (db - da).days <= RECENT_DAYS:
                assert a != b


def test_never_picks_one_heard_in_last_sixty_days():
    history = [{"id": i, "date": (DAY - datetime.timedelta(days=1 + n % RECENT_DAYS)).isoformat()}
               for n, i in enumerate(IDS[:300])]
    chosen = pick_affirmation(IDS, history, DAY, USER)
    assert chosen in IDS[300:]


def test_small_library_falls_back_to_longest_ago():
    ids = ["aff-001", "aff-002", "aff-003"]
    history = [{"id": "aff-002", "date": "2026-11-20"}, {"id": "aff-001", "date": "2026-11-10"},
               {"id": "aff-003", "date": "2026-11-22"}]
    assert pick_affirmation(ids, history, DAY, USER) == "aff-001"


# --- no history: stable within a day, different across days ------------------------------

def test_no_history_is_stable_within_a_day():
    first = pick_affirmation(IDS, [], DAY, USER)
    assert all(pick_affirmation(IDS, [], DAY, USER) == first for _ in range(10))
    assert pick_affirmation(list(reversed(IDS)), [], DAY, USER) == first  # input order does not matter


def test_no_history_differs_on_consecutive_days():
    picks = [pick_affirmation(IDS, [], day, USER) for day in days_from(DAY, 120)]
    assert all(a != b for a, b in zip(picks, picks[1:]))
    assert_no_repeat_within(picks, RECENT_DAYS)


def test_users_get_different_orders():
    a = [pick_affirmation(IDS, [], day, "user-a") for day in days_from(DAY, 10)]
    b = [pick_affirmation(IDS, [], day, "user-b") for day in days_from(DAY, 10)]
    assert a != b


def test_empty_library_is_an_error():
    with pytest.raises(ValueError):
        pick_affirmation([], [], DAY, USER)
    with pytest.raises(ValueError):
        affirmation_of_the_day([], DAY)


# --- record_heard -------------------------------------------------------------------------

def test_record_heard_prunes_old_entries_and_keeps_recent_ones():
    history = [
        {"id": "aff-001", "date": (DAY - datetime.timedelta(days=RECENT_DAYS + 1)).isoformat()},
        {"id": "aff-002", "date": (DAY - datetime.timedelta(days=RECENT_DAYS)).isoformat()},
        {"id": "aff-003", "date": (DAY - datetime.timedelta(days=1)).isoformat()},
    ]
    new = record_heard(history, "aff-004", DAY)
    assert [e["id"] for e in new] == ["aff-002", "aff-003", "aff-004"]
    assert new[-1] == {"id": "aff-004", "date": DAY.isoformat()}


def test_record_heard_does_not_mutate_its_input():
    history = [{"id": "aff-003", "date": "2026-11-22"}]
    before = copy.deepcopy(history)
    record_heard(history, "aff-004", DAY)
    assert history == before


def test_record_heard_is_idempotent_for_the_same_day():
    once = record_heard([], "aff-004", DAY)
    assert record_heard(once, "aff-004", DAY) == once


def test_record_heard_drops_malformed_entries():
    history = [None, "x", {"id": "aff-001"}, {"id": "aff-002", "date": "not a date"},
               {"id": 7, "date": "2026-11-20"}, {"id": "aff-003", "date": "2026-11-20"}]
    assert record_heard(history, "aff-004", DAY) == [
        {"id": "aff-003", "date": "2026-11-20"}, {"id": "aff-004", "date": DAY.isoformat()}]


def test_record_heard_keeps_each_id_once_with_its_latest_date():
    history = [{"id": "aff-001", "date": "2026-10-01"}, {"id": "aff-001", "date": "2026-11-01"}]
    assert record_heard(history, "aff-002", DAY) == [
        {"id": "aff-001", "date": "2026-11-01"}, {"id": "aff-002", "date": DAY.isoformat()}]


def test_malformed_history_does_not_break_picking():
    history = [None, {"id": "aff-001", "date": "2026-13-45"}, {"date": "2026-11-23"}]
    assert pick_affirmation(IDS, history, DAY, USER) == pick_affirmation(IDS, [], DAY, USER)


# --- the public feed's choice -------------------------------------------------------------

def test_affirmation_of_the_day_is_the_same_for_everyone_and_never_repeats_within_window():
    picks = [affirmation_of_the_day(IDS, day) for day in days_from(DAY, 500)]
    assert picks[0] == affirmation_of_the_day(list(reversed(IDS)), DAY)
    assert_no_repeat_within(picks, len(IDS))
    assert all(a != b for a, b in zip(picks, picks[1:]))


# --- the compiled library -----------------------------------------------------------------

def test_load_affirmations_reads_the_compiled_library():
    library = load_affirmations()
    assert len(library) >= 366
    assert all(set(item) == {"id", "text"} for item in library)
    library[0]["text"] = "changed"  # callers get copies: the cache is not affected
    assert load_affirmations()[0]["text"] != "changed"
    assert affirmation_text(library[0]["id"]) == load_affirmations()[0]["text"]
    assert affirmation_text("aff-does-not-exist") is None


# --- properties ---------------------------------------------------------------------------

dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2200, 12, 31))
id_lists = st.lists(st.sampled_from(IDS), min_size=0, max_size=120)


@st.composite
def histories(draw):
    today = draw(dates)
    ids = draw(id_lists)
    offsets = draw(st.lists(st.integers(min_value=-3, max_value=200), min_size=len(ids), max_size=len(ids)))
    history = [{"id": i, "date": (today - datetime.timedelta(days=o)).isoformat()} for i, o in zip(ids, offsets)]
    return today, history


@settings(max_examples=200, deadline=None)
@given(histories(), st.text(min_size=0, max_size=20))
def test_property_pick_is_valid_deterministic_and_not_recent(case, user):
    today, history = case
    chosen = pick_affirmation(IDS, history, today, user)
    assert chosen in IDS
    assert pick_affirmation(IDS, copy.deepcopy(history), today, user) == chosen
    todays = [e["id"] for e in history if e["date"] == today.isoformat()]
    if todays:
        assert chosen == todays[-1]
    else:
        recent = {e["id"] for e in history
                  if (today - datetime.date.fromisoformat(e["date"])).days <= RECENT_DAYS}
        assert chosen not in recent


@settings(max_examples=200, deadline=None)
@given(histories(), st.sampled_from(IDS))
def test_property_record_heard_bounds_and_contents(case, heard):
    today, history = case
    new = record_heard(history, heard, today)
    assert {"id": heard, "date": today.isoformat()} in new or any(
        e["id"] == heard and e["date"] > today.isoformat() for e in new)
    assert len({e["id"] for e in new}) == len(new)
    for entry in new:
        assert (today - datetime.date.fromisoformat(entry["date"])).days <= RECENT_DAYS
    assert [e["date"] for e in new] == sorted(e["date"] for e in new)
    # picking again on the same day, after recording, gives the recorded pick
    if all(e["date"] != today.isoformat() for e in history):
        chosen = pick_affirmation(IDS, history, today, "u")
        assert pick_affirmation(IDS, record_heard(history, chosen, today), today, "u") == chosen


@settings(max_examples=30, deadline=None)
@given(dates, st.text(min_size=1, max_size=12), st.integers(min_value=61, max_value=150))
def test_property_carried_history_never_repeats_within_window(start, user, count):
    picks, history = run_days(IDS, start, count, user=user)
    assert_no_repeat_within(picks, RECENT_DAYS)
    assert len(history) <= RECENT_DAYS + 1


@settings(max_examples=100, deadline=None)
@given(dates, st.text(max_size=12))
def test_property_no_history_consecutive_days_differ(day, user):
    tomorrow = day + datetime.timedelta(days=1)
    assert pick_affirmation(IDS, [], day, user) == pick_affirmation(IDS, [], day, user)
    assert pick_affirmation(IDS, [], day, user) != pick_affirmation(IDS, [], tomorrow, user)
