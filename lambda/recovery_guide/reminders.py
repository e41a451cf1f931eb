"""The daily reminder's domain: the time a person says, the reminder Alexa keeps, the token stored.

* Time: `parse_time` reads AMAZON.TIME values and words; `format_time` says them back.
* The Reminders API (through the request's service client factory): a daily reminder at the next
  occurrence of a local time, in the zone the Alexa settings API gives. 401/403 becomes
  `PermissionNeeded`, anything else `ReminderFailed`; nothing else escapes.
* The store keeps only the alert token ({"reminder": {"alert_token": ...}}).
* `delete_stored_reminder()` lets "forget me" remove the reminder on Alexa before the record goes.

The words Alexa speaks live in handlers/reminders.py, which adapts requests to these functions.
Logs carry exception types and HTTP status codes only: never a user id, token or time.
"""
from __future__ import annotations

import datetime as dt
import re

from . import logs, permissions
from .persistence.base import StoreUnavailable
from .turn import services

log = logs.get(__name__)

PERMISSION = "alexa::alerts:reminders:skill:readwrite"
TOKEN_PREFIX = "daily-reminder"
DEFAULT_TIME = (8, 0)
# What Alexa says when the reminder goes off: fixed at creation, heard by anyone in the room.
REMINDER_TEXT = "Time for your daily affirmation. Say: Alexa, ask Recovery Guide for today's affirmation."

# --- time ----------------------------------------------------------------------------------

_NUMBERS = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
# AMAZON.TIME resolves vague times to these codes.
_PERIODS = {"MO": (8, 0), "AF": (14, 0), "EV": (19, 0), "NI": (21, 0)}


def parse_time(value: str | None) -> tuple[int, int] | None:
    """(hour, minute) from an AMAZON.TIME value ("08:00", "MO") or words ("eight", "7:30 pm",
    "seven thirty a m", "noon"). A bare hour without am/pm is taken as morning. None if unreadable."""
    if value is None:
        return None
    raw = str(value).strip()
    if raw.upper() in _PERIODS:
        return _PERIODS[raw.upper()]
    text = raw.lower().replace(".", "").replace("o'clock", "").replace("oclock", "")
    text = re.sub(r"\b(in the morning|this morning|morning)\b", " am ", text)
    text = re.sub(r"\b(in the evening|in the afternoon|at night|tonight|evening|afternoon)\b", " pm ", text)
    text = re.sub(r"\ba ?m\b", " am ", text)
    text = re.sub(r"\bp ?m\b", " pm ", text)
    text = re.sub(r"(\d)(am|pm)\b", r"\1 \2", text)
    words = text.split()
    if words in (["noon"], ["midday"]):
        return (12, 0)
    if words == ["midnight"]:
        return (0, 0)
    meridiem = None
    if words and words[-1] in ("am", "pm"):
        meridiem = words.pop()
    if not words:
        return None
    hour = minute = None
    if len(words) == 1 and re.fullmatch(r"\d{1,2}:\d{2}", words[0]):
        hour, minute = (int(p) for p in words[0].split(":"))
    elif len(words) == 1 and re.fullmatch(r"\d{3,4}", words[0]) and meridiem:   # "730 pm"
        hour, minute = int(words[0][:-2]), int(words[0][-2:])
    elif all(w.isdigit() or w in _NUMBERS for w in words):
        nums = [int(w) if w.isdigit() else _NUMBERS[w] for w in words]
        hour, rest = nums[0], nums[1:]
        if len(rest) == 2 and rest[0] in (0, 20, 30, 40, 50) and rest[1] < 10:   # "seven twenty five"
            rest = [rest[0] + rest[1]]
        if len(rest) > 1:
            return None
        minute = rest[0] if rest else 0
    if hour is None or minute is None or not (0 <= minute <= 59):
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if not 0 <= hour <= 23:
        return None
    return hour, minute


def format_time(hm: tuple[int, int]) -> str:
    """8 AM, 7:30 PM, 12 PM."""
    hour, minute = hm
    suffix = "AM" if hour < 12 else "PM"
    h12 = hour % 12 or 12
    return f"{h12} {suffix}" if minute == 0 else f"{h12}:{minute:02d} {suffix}"


def encode_token(hm: tuple[int, int], change: bool = False) -> str:
    return f"{TOKEN_PREFIX}|{hm[0]:02d}:{hm[1]:02d}" + ("|change" if change else "")


def decode_token(token: str | None) -> tuple[tuple[int, int], bool]:
    """The time (and whether it was a change) carried through a permission request; 8 AM if unreadable."""
    parts = str(token or "").split("|")
    if len(parts) >= 2 and parts[0] == TOKEN_PREFIX:
        hm = parse_time(parts[1])
        if hm is not None:
            return hm, "change" in parts[2:]
    return DEFAULT_TIME, False


# --- the request ---------------------------------------------------------------------------

def _locale(handler_input) -> str:
    return getattr(handler_input.request_envelope.request, "locale", None) or "en-US"


def _request_time(handler_input) -> dt.datetime:
    """The request's time; the clock's when the request has none or an absurd one (year 9999, year 1):
    a reminder cannot start there, and the arithmetic on it would overflow."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if not isinstance(stamp, dt.datetime) or not 2000 <= stamp.year < 2100:
        return dt.datetime.now(dt.timezone.utc)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)



class PermissionNeeded(Exception):
    """The Reminders API refused the token (401/403): the person has to grant the permission."""


class ReminderFailed(Exception):
    """Any other failure reaching Alexa's APIs or the store."""


def classify(what: str, exc: Exception) -> Exception:
    """The exception to raise for a failed Alexa API call: 401/403 → PermissionNeeded, else ReminderFailed."""
    status = permissions.status_of(exc)
    if status in (401, 403):
        return PermissionNeeded()
    log.warning("reminder_api_failed call=%s status=%s type=%s", what, status, type(exc).__name__)
    return ReminderFailed()


def _call(what: str, fn, *args):
    """Run one Alexa API call; failures become PermissionNeeded or ReminderFailed."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - a service hiccup must never crash the turn
        raise classify(what, exc) from None


def is_not_found(exc) -> bool:
    return permissions.status_of(exc) == 404


# --- building the reminder -----------------------------------------------------------------

def local_now(handler_input, time_zone: str | None) -> dt.datetime:
    """The request time as a naive local time in the person's zone (UTC if the zone is unknown here)."""
    now = _request_time(handler_input)
    if time_zone:
        try:
            from zoneinfo import ZoneInfo
            now = now.astimezone(ZoneInfo(time_zone))
        except Exception:  # noqa: BLE001 - unknown zone or no tz database: the date may be a day off
            log.warning("time_zone_unknown")
    return now.replace(tzinfo=None, microsecond=0)


def next_occurrence(now_local: dt.datetime, hm: tuple[int, int]) -> dt.datetime:
    first = now_local.replace(hour=hm[0], minute=hm[1], second=0, microsecond=0)
    return first if first > now_local else first + dt.timedelta(days=1)


def reminder_request(handler_input, hm: tuple[int, int], time_zone: str):
    from ask_sdk_model.services.reminder_management import (AlertInfo, PushNotification, PushNotificationStatus,
                                                            Recurrence, RecurrenceFreq, ReminderRequest,
                                                            SpokenInfo, SpokenText, Trigger, TriggerType)
    now_local = local_now(handler_input, time_zone)
    start = next_occurrence(now_local, hm)
    rule = f"FREQ=DAILY;BYHOUR={hm[0]};BYMINUTE={hm[1]};BYSECOND=0"
    trigger = Trigger(object_type=TriggerType.SCHEDULED_ABSOLUTE, scheduled_time=start, time_zone_id=time_zone,
                      recurrence=Recurrence(freq=RecurrenceFreq.DAILY, start_date_time=start,
                                            recurrence_rules=[rule]))
    alert = AlertInfo(spoken_info=SpokenInfo(content=[SpokenText(locale=_locale(handler_input), text=REMINDER_TEXT)]))
    return ReminderRequest(request_time=now_local, trigger=trigger, alert_info=alert,
                           push_notification=PushNotification(status=PushNotificationStatus.ENABLED))



def user_time_zone(handler_input) -> str:
    ups = handler_input.service_client_factory.get_ups_service()
    zone = _call("time_zone", ups.get_system_time_zone, permissions.device_id(handler_input))
    if not zone or not isinstance(zone, str):
        log.warning("time_zone_missing")
        raise ReminderFailed()
    return zone


def client(handler_input):
    return handler_input.service_client_factory.get_reminder_management_service()


# --- the stored token ----------------------------------------------------------------------

def stored_token(handler_input) -> str | None:
    svc = services(handler_input)
    key = svc.user_key(handler_input)
    if key is None:
        return None
    try:
        record = svc.store.get(key)
    except StoreUnavailable as exc:
        log.warning("reminder_store_unavailable type=%s", type(exc).__name__)
        raise ReminderFailed() from None
    return (record.get("reminder") or {}).get("alert_token") or None


def _update_record(handler_input, mutate, on_failure) -> bool:
    """Apply `mutate` to the person's record; True if it was written. A store failure is logged
    (`on_failure(type name)`), never raised: the reminder lives on Alexa either way."""
    svc = services(handler_input)
    key = svc.user_key(handler_input)
    if key is None:
        return False
    try:
        svc.store.update(key, mutate)
    except StoreUnavailable as exc:
        on_failure(type(exc).__name__)
        return False
    return True


def save_token(handler_input, alert_token: str | None) -> bool:
    """Store the alert token (or forget it with None); True if the store took it."""
    def mutate(record: dict) -> dict:
        record = dict(record)
        if alert_token:
            record["reminder"] = {"alert_token": alert_token}
        else:
            record.pop("reminder", None)
        return record
    return _update_record(handler_input, mutate, lambda kind: log.error("reminder_token_not_saved type=%s", kind))


def forget_tokens(handler_input, tokens: set) -> None:
    """A reminder deleted in the Alexa app (Reminders.ReminderDeleted): forget its token only."""
    def mutate(record: dict) -> dict:
        if (record.get("reminder") or {}).get("alert_token") in tokens:
            record = dict(record)
            record.pop("reminder", None)
        return record
    _update_record(handler_input, mutate,
                   lambda kind: log.warning("reminder_event_store_unavailable type=%s", kind))


def existing_time(reminder) -> tuple[int, int] | None:
    """The local time of a reminder the API returned, when it says so."""
    trigger = getattr(reminder, "trigger", None)
    for when in (getattr(getattr(trigger, "recurrence", None), "start_date_time", None),
                 getattr(trigger, "scheduled_time", None)):
        if isinstance(when, dt.datetime):
            return when.hour, when.minute
        if isinstance(when, str):
            try:
                parsed = dt.datetime.fromisoformat(when.rstrip("Z"))
                return parsed.hour, parsed.minute
            except ValueError:
                continue
    return None


# --- deleting ------------------------------------------------------------------------------

def delete_on_alexa(handler_input, alert_token: str) -> bool:
    """Delete one reminder on Alexa; True if it is gone (deleted now, or already gone)."""
    try:
        client(handler_input).delete_reminder(alert_token)
    except Exception as exc:  # noqa: BLE001
        if not is_not_found(exc):     # 404: already gone, which is what the person wants
            log.warning("reminder_api_failed call=delete status=%s type=%s",
                        permissions.status_of(exc), type(exc).__name__)
            return False
    return True


def delete_stored_reminder(handler_input) -> bool:
    """Best effort, for "forget me": delete the person's reminder on Alexa before their record goes,
    so no reminder keeps ringing that the skill can no longer find. True if none is left (deleted,
    already gone, or none stored). Never raises; the caller deletes the record either way."""
    try:
        alert_token = token_anywhere(handler_input)
    except (ReminderFailed, PermissionNeeded):
        return False
    if not alert_token:
        return True
    if not permissions.has_permission(handler_input):
        return False
    return delete_on_alexa(handler_input, alert_token)


# --- creating, moving, checking --------------------------------------------------------------

def create(handler_input, hm: tuple[int, int]) -> bool:
    """Create the daily reminder on Alexa and store its token; True if the token was recorded."""
    zone = user_time_zone(handler_input)
    created = _call("create", client(handler_input).create_reminder, reminder_request(handler_input, hm, zone))
    alert_token = getattr(created, "alert_token", None)
    return bool(alert_token) and save_token(handler_input, alert_token)


def _is_ours(reminder) -> bool:
    """A reminder Alexa still keeps with the words this skill gives its daily reminder."""
    status = getattr(reminder, "status", None)
    if str(getattr(status, "value", status) or "ON").upper() == "COMPLETED":
        return False
    content = getattr(getattr(getattr(reminder, "alert_info", None), "spoken_info", None), "content", None)
    return isinstance(content, list) and any(getattr(c, "text", None) == REMINDER_TEXT for c in content)


def find_on_alexa(handler_input) -> tuple[str, tuple[int, int] | None] | None:
    """The daily reminder Alexa already keeps for this skill and person, whatever the store says:
    (alert token, time) or None. GET /v1/alerts/reminders lists only this skill's reminders.

    Looked at before creating one, so a store that cannot write never leads to duplicates, and
    used by cancel and "forget me" when the token was never recorded. Raises PermissionNeeded or
    ReminderFailed when Alexa cannot be asked."""
    listed = _call("list", client(handler_input).get_reminders)
    alerts = getattr(listed, "alerts", None)
    for reminder in alerts if isinstance(alerts, list) else []:
        alert_token = getattr(reminder, "alert_token", None)
        if isinstance(alert_token, str) and alert_token and _is_ours(reminder):
            return alert_token, existing_time(reminder)
    return None


def token_anywhere(handler_input) -> str | None:
    """The stored token, else the token of the reminder Alexa keeps for the skill (recorded again
    when found). Raises ReminderFailed or PermissionNeeded."""
    alert_token = stored_token(handler_input)
    if alert_token or not permissions.has_permission(handler_input):
        return alert_token
    found = find_on_alexa(handler_input)
    if found is None:
        return None
    save_token(handler_input, found[0])
    return found[0]


def update(handler_input, alert_token: str, hm: tuple[int, int]) -> bool:
    """Move the reminder to `hm`; False if it no longer exists on Alexa (its token is then forgotten)."""
    zone = user_time_zone(handler_input)
    try:
        client(handler_input).update_reminder(alert_token, reminder_request(handler_input, hm, zone))
    except Exception as exc:  # noqa: BLE001
        if not is_not_found(exc):
            raise classify("update", exc) from None
        save_token(handler_input, None)   # deleted in the Alexa app meanwhile
        return False
    return True


def check(handler_input, alert_token: str) -> tuple[bool, tuple[int, int] | None]:
    """Whether the stored reminder still exists on Alexa, and its time when Alexa says.

    404 (deleted in the Alexa app) forgets the token; 401/403 raises PermissionNeeded; any other
    failure trusts the store (exists, time unknown)."""
    try:
        return True, existing_time(client(handler_input).get_reminder(alert_token))
    except Exception as exc:  # noqa: BLE001
        status = permissions.status_of(exc)
        if status == 404:
            save_token(handler_input, None)
            return False, None
        if status in (401, 403):
            raise PermissionNeeded() from None
        log.warning("reminder_api_failed call=get status=%s type=%s", status, type(exc).__name__)
        return True, None
