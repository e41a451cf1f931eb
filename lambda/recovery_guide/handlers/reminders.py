"""The daily reminder: "remind me every morning at eight", "cancel my daily reminder".

Flow:

* No reminders permission (no apiAccessToken or no consentToken in the request, or the Reminders
  API answers 401/403): ask for it. By voice with a `Connections.SendRequest` "AskFor" directive
  when the request comes from a device (the token carries the time asked for); otherwise, and when
  Alexa answers the voice request with an error status (a device or account that cannot do voice
  permissions), with an AskForPermissionsConsent card and a sentence pointing to the Alexa app.
* `Connections.Response` "AskFor": ACCEPTED creates the reminder at the time in the token; DENIED
  and NOT_ANSWERED are said plainly, session open.
* With permission: the time zone from the Alexa settings API, then a daily reminder at the next
  occurrence of that local time. Its words are fixed and discreet (no drug words: anyone in the
  room hears it). Only the alert token is stored ({"reminder": {"alert_token": ...}}).
* A reminder already stored (and still there): say so and offer to move it to the time asked for
  (update; a reminder deleted in the Alexa app meanwhile is created afresh).
* Any other API failure: said plainly, session open. Nothing here raises to the caller.
* `Reminders.*` events (no session) get an empty response; "ReminderDeleted" also forgets the token.
* `delete_stored_reminder()` lets "forget me" remove the reminder on Alexa before the record goes.

"Device supports voice permission": there is no `supportedInterfaces` entry for it, so every request
from a device (context.System.device present, in a session) gets the voice request; a device or
account that cannot do it answers with an error status or `isCardThrown`, and the person is sent
to the card in the Alexa app.

Logs carry exception types and HTTP status codes only: never a user id, token or time.
"""
from __future__ import annotations

import datetime as dt
import re

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import get_simple_slot_values, get_slot, is_intent_name, is_request_type

from .. import ssml
from ..persistence.base import StoreUnavailable
from ..turn import reply, services, session, set_topic
from .answers import YES_ACTIONS
from .. import logs, permissions
from ..permissions import ASK_FOR

log = logs.get(__name__)

TOPIC = "affirmation"   # the reminder is the hands-free way to the daily affirmation
PERMISSION = "alexa::alerts:reminders:skill:readwrite"
TOKEN_PREFIX = "daily-reminder"
DEFAULT_TIME = (8, 0)
# What Alexa says when the reminder goes off: fixed at creation, heard by anyone in the room.
REMINDER_TEXT = "Time for your daily affirmation. Say: Alexa, ask Recovery Guide for today's affirmation."


SAY = {
    "asking_permission": "To set a daily reminder, I need your permission to create reminders.",
    "permission_card": ("To set a daily reminder, Recovery Guide needs permission to create reminders. "
                        "I've sent a card to your Alexa app: open it and allow reminders, then ask me again."),
    "card_thrown": ("I've sent a card to your Alexa app where you can allow reminders for Recovery Guide. "
                    "Once you have, ask me again. What else can I do for you?"),
    "denied": ("Okay, I won't set a reminder. If you change your mind, you can allow reminders for "
               "Recovery Guide in the Alexa app: Skills and Games, Your Skills, Recovery Guide, Settings. "
               "What else can I do for you?"),
    "not_answered": "No problem, I haven't set a reminder. You can ask me again any time. What else can I do for you?",
    "created": "Done. I'll remind you every day at {time}.",
    "changed": "Done. I've moved your daily reminder to {time}. I'll remind you every day at {time}.",
    "after_done": "You can say, cancel my daily reminder, at any time. Is there anything else?",
    "exists_same": "You already have a daily reminder at {time}. Is there anything else?",
    "exists_at": "You already have a daily reminder at {old}. Would you like me to change it to {time}?",
    "exists": "You already have a daily reminder. Would you like me to change it to {time}?",
    "change_reprompt": "Should I change your daily reminder to {time}? Say yes or no.",
    "failed": ("Sorry, I couldn't set the reminder right now. Please try again later. "
               "What else can I do for you?"),
    "no_time": ("Sorry, I didn't catch the time. You can say, for example, remind me every day at 8 AM. "
                "What time would you like?"),
    "cancelled": "Done. I've cancelled your daily reminder. Is there anything else?",
    "none_to_cancel": "You don't have a daily reminder from Recovery Guide. Is there anything else?",
    "cancel_failed": ("Sorry, I couldn't cancel the reminder right now. Please try again later, or delete it "
                      "in the Alexa app, under Reminders. What else can I do for you?"),
    "reprompt": "Is there anything else I can help you with?",
}


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

def _system(handler_input):
    return getattr(getattr(handler_input.request_envelope, "context", None), "system", None)


def has_permission(handler_input) -> bool:
    system = _system(handler_input)
    if system is None or not getattr(system, "api_access_token", None):
        return False
    permissions = getattr(getattr(system, "user", None), "permissions", None)
    return bool(getattr(permissions, "consent_token", None))


def supports_voice_permission(handler_input) -> bool:
    """Voice permission requests need a device to talk to (requests from other surfaces have none).
    If a device still cannot do it, Alexa answers the directive with an error status and the
    Connections.Response handler falls back to the card."""
    system = _system(handler_input)
    return getattr(system, "device", None) is not None


def _device_id(handler_input) -> str | None:
    return getattr(getattr(_system(handler_input), "device", None), "device_id", None)


def _locale(handler_input) -> str:
    return getattr(handler_input.request_envelope.request, "locale", None) or "en-US"


def _request_time(handler_input) -> dt.datetime:
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if not isinstance(stamp, dt.datetime):
        return dt.datetime.now(dt.timezone.utc)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def _status(exc) -> int | None:
    code = getattr(exc, "status_code", None)
    try:
        return int(code) if code is not None else None
    except (TypeError, ValueError):
        return None


class PermissionNeeded(Exception):
    """The Reminders API refused the token (401/403): the person has to grant the permission."""


class ReminderFailed(Exception):
    """Any other failure reaching Alexa's APIs or the store."""


def _classify(what: str, exc: Exception) -> Exception:
    """The exception to raise for a failed Alexa API call: 401/403 → PermissionNeeded, else ReminderFailed."""
    status = _status(exc)
    if status in (401, 403):
        return PermissionNeeded()
    log.warning("reminder_api_failed call=%s status=%s type=%s", what, status, type(exc).__name__)
    return ReminderFailed()


def _call(what: str, fn, *args):
    """Run one Alexa API call; failures become PermissionNeeded or ReminderFailed."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - a service hiccup must never crash the turn
        raise _classify(what, exc) from None


def _is_not_found(exc) -> bool:
    return _status(exc) == 404


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


def _time_zone(handler_input) -> str:
    ups = handler_input.service_client_factory.get_ups_service()
    zone = _call("time_zone", ups.get_system_time_zone, _device_id(handler_input))
    if not zone or not isinstance(zone, str):
        log.warning("time_zone_missing")
        raise ReminderFailed()
    return zone


def _reminder_client(handler_input):
    return handler_input.service_client_factory.get_reminder_management_service()


def _stored_token(handler_input) -> str | None:
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


def _update_record(handler_input, mutate, on_failure) -> None:
    """Apply `mutate` to the person's record. A store failure is logged (`on_failure(type name)`), never
    raised: the reminder lives on Alexa either way, and the person can still delete it in the Alexa app."""
    svc = services(handler_input)
    key = svc.user_key(handler_input)
    if key is None:
        return
    try:
        svc.store.update(key, mutate)
    except StoreUnavailable as exc:
        on_failure(type(exc).__name__)


def _save_token(handler_input, alert_token: str | None) -> None:
    """Store the alert token (or forget it with None)."""
    def mutate(record: dict) -> dict:
        record = dict(record)
        if alert_token:
            record["reminder"] = {"alert_token": alert_token}
        else:
            record.pop("reminder", None)
        return record
    _update_record(handler_input, mutate, lambda kind: log.error("reminder_token_not_saved type=%s", kind))


def _existing_time(reminder) -> tuple[int, int] | None:
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


# --- responses -----------------------------------------------------------------------------

def _say(handler_input, key: str, *, offer: dict | None = None, reprompt: str | None = None, **values):
    text = SAY[key].format(**values)
    return reply(handler_input, ssml.escape(text), reprompt=ssml.escape(reprompt or SAY["reprompt"]),
                 topic=TOPIC, offer=offer)


def ask_permission(handler_input, hm: tuple[int, int], change: bool = False, voice: bool | None = None):
    if voice is None:
        voice = supports_voice_permission(handler_input) and session(handler_input) is not None
    if voice:
        set_topic(handler_input, TOPIC)
        attrs = session(handler_input)
        if attrs is not None:
            attrs["offer"] = None
        rb = handler_input.response_builder
        rb.speak(ssml.escape(SAY["asking_permission"]))
        permissions.ask_by_voice(rb, PERMISSION, encode_token(hm, change))
        # No reprompt and no shouldEndSession: Alexa asks the question and answers with Connections.Response.
        return rb.response
    permissions.consent_card(handler_input.response_builder, PERMISSION)
    return _say(handler_input, "permission_card")


def _confirm(handler_input, key: str, hm: tuple[int, int]):
    text = SAY[key].format(time=format_time(hm)) + " " + SAY["after_done"]
    return reply(handler_input, ssml.escape(text), reprompt=ssml.escape(SAY["reprompt"]), topic=TOPIC,
                 card={"title": "Your daily reminder",
                       "text": f"Every day at {format_time(hm)}. Say \"cancel my daily reminder\" to stop it."})


def create_reminder(handler_input, hm: tuple[int, int], after_consent: bool = False):
    """With permission: create the daily reminder, store its token, confirm time and recurrence."""
    try:
        zone = _time_zone(handler_input)
        client = _reminder_client(handler_input)
        created = _call("create", client.create_reminder, reminder_request(handler_input, hm, zone))
    except PermissionNeeded:
        # Refused right after the person said yes by voice: asking by voice again would loop.
        return ask_permission(handler_input, hm, voice=False if after_consent else None)
    except ReminderFailed:
        return _say(handler_input, "failed")
    alert_token = getattr(created, "alert_token", None)
    if alert_token:
        _save_token(handler_input, alert_token)
    return _confirm(handler_input, "created", hm)


def change_reminder(handler_input, hm: tuple[int, int], after_consent: bool = False):
    """Move the stored reminder to a new time (created afresh if it was deleted meanwhile)."""
    if not after_consent and not has_permission(handler_input):
        return ask_permission(handler_input, hm, change=True)
    try:
        alert_token = _stored_token(handler_input)
    except ReminderFailed:
        return _say(handler_input, "failed")
    if not alert_token:
        return create_reminder(handler_input, hm, after_consent)
    try:
        zone = _time_zone(handler_input)
        client = _reminder_client(handler_input)
        try:
            client.update_reminder(alert_token, reminder_request(handler_input, hm, zone))
        except Exception as exc:  # noqa: BLE001
            if not _is_not_found(exc):
                raise _classify("update", exc) from None
            # Deleted in the Alexa app meanwhile: set a new one.
            _save_token(handler_input, None)
            return create_reminder(handler_input, hm, after_consent)
    except PermissionNeeded:
        return ask_permission(handler_input, hm, change=True, voice=False if after_consent else None)
    except ReminderFailed:
        return _say(handler_input, "failed")
    return _confirm(handler_input, "changed", hm)


def set_daily_reminder(handler_input, hm: tuple[int, int], after_consent: bool = False):
    """ReminderIntent and "yes" to the offer: permission first, then one reminder per person.

    `after_consent`: the person has just granted the permission by voice, so the request's
    permissions are not checked again (the API's answer decides) and a refusal falls back to the card.
    """
    if not after_consent and not has_permission(handler_input):
        return ask_permission(handler_input, hm)
    try:
        alert_token = _stored_token(handler_input)
    except ReminderFailed:
        return _say(handler_input, "failed")
    if alert_token:
        client = _reminder_client(handler_input)
        existing, old = True, None
        try:
            old = _existing_time(client.get_reminder(alert_token))
        except Exception as exc:  # noqa: BLE001
            status = _status(exc)
            if status == 404:          # deleted in the Alexa app: forget it and set a new one
                existing = False
                _save_token(handler_input, None)
            elif status in (401, 403):
                return ask_permission(handler_input, hm, voice=False if after_consent else None)
            else:                      # can't check: trust the store
                log.warning("reminder_api_failed call=get status=%s type=%s", status, type(exc).__name__)
        if existing:
            offer = {"kind": "reminder_change", "time": f"{hm[0]:02d}:{hm[1]:02d}"}
            reprompt = SAY["change_reprompt"].format(time=format_time(hm))
            if old == hm:
                return _say(handler_input, "exists_same", time=format_time(hm))
            if old is not None:
                return _say(handler_input, "exists_at", offer=offer, reprompt=reprompt,
                            old=format_time(old), time=format_time(hm))
            return _say(handler_input, "exists", offer=offer, reprompt=reprompt, time=format_time(hm))
    return create_reminder(handler_input, hm, after_consent)


def cancel_reminder(handler_input):
    try:
        alert_token = _stored_token(handler_input)
    except ReminderFailed:
        return _say(handler_input, "cancel_failed")
    if not alert_token:
        return _say(handler_input, "none_to_cancel")
    if not has_permission(handler_input):
        return _say(handler_input, "cancel_failed")
    try:
        _reminder_client(handler_input).delete_reminder(alert_token)
    except Exception as exc:  # noqa: BLE001
        if not _is_not_found(exc):     # 404: already gone, which is what the person wants
            log.warning("reminder_api_failed call=delete status=%s type=%s", _status(exc), type(exc).__name__)
            return _say(handler_input, "cancel_failed")
    _save_token(handler_input, None)
    return _say(handler_input, "cancelled")


def delete_stored_reminder(handler_input) -> bool:
    """Best effort, for "forget me": delete the person's reminder on Alexa before their record goes,
    so no reminder keeps ringing that the skill can no longer find. True if none is left (deleted,
    already gone, or none stored). Never raises; the caller deletes the record either way."""
    try:
        alert_token = _stored_token(handler_input)
    except ReminderFailed:
        return False
    if not alert_token:
        return True
    if not has_permission(handler_input):
        return False
    try:
        _reminder_client(handler_input).delete_reminder(alert_token)
    except Exception as exc:  # noqa: BLE001
        if not _is_not_found(exc):
            log.warning("reminder_api_failed call=delete status=%s type=%s", _status(exc), type(exc).__name__)
            return False
    return True


# --- handlers ------------------------------------------------------------------------------

class ReminderHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("ReminderIntent")(handler_input)

    def handle(self, handler_input):
        value = _time_slot(handler_input)
        if not value:
            return set_daily_reminder(handler_input, DEFAULT_TIME)
        hm = parse_time(value)
        if hm is None:
            return _say(handler_input, "no_time", reprompt=SAY["no_time"])
        return set_daily_reminder(handler_input, hm)


def _time_slot(handler_input) -> str | None:
    """The `time` slot's value: `value` as Alexa and the local matcher send it, else `slotValue`."""
    slot = get_slot(handler_input, "time")
    if slot is None:
        return None
    if slot.value:
        return slot.value
    values = get_simple_slot_values(slot.slot_value) if slot.slot_value is not None else None
    return next((v.value for v in values or [] if v.value), None)


class CancelReminderHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("CancelReminderIntent")(handler_input)

    def handle(self, handler_input):
        return cancel_reminder(handler_input)


class PermissionResponseHandler(AbstractRequestHandler):
    """Alexa's answer to the voice permission request for reminders (other AskFor answers, such as
    another capability's permission, are left to their own handlers)."""
    def can_handle(self, handler_input):
        request = handler_input.request_envelope.request
        if not is_request_type("Connections.Response")(handler_input) or getattr(request, "name", None) != ASK_FOR:
            return False
        if str(getattr(request, "token", None) or "").startswith(TOKEN_PREFIX):
            return True
        payload = getattr(request, "payload", None)
        scopes = payload.get("permissionScopes") if isinstance(payload, dict) else None
        return any(isinstance(s, dict) and s.get("permissionScope") == PERMISSION for s in scopes or [])

    def handle(self, handler_input):
        request = handler_input.request_envelope.request
        hm, change = decode_token(getattr(request, "token", None))
        code = str(getattr(getattr(request, "status", None), "code", "") or "")
        if code and not code.startswith("2"):
            # The device or account could not take the voice request: the card still works.
            log.warning("voice_permission_failed status=%s", code)
            return ask_permission(handler_input, hm, voice=False)
        payload = getattr(request, "payload", None)
        payload = payload if isinstance(payload, dict) else {}
        status = str(payload.get("status", "")).upper()
        if status == "ACCEPTED":
            if change:
                return change_reminder(handler_input, hm, after_consent=True)
            return set_daily_reminder(handler_input, hm, after_consent=True)
        if str(payload.get("isCardThrown", "")).lower() == "true":
            return _say(handler_input, "card_thrown")    # Alexa moved the question to the app
        if status == "DENIED":
            return _say(handler_input, "denied")
        return _say(handler_input, "not_answered")


class ReminderEventHandler(AbstractRequestHandler):
    """Reminders.* events arrive without a session: nothing said, session attributes untouched.
    A reminder deleted in the Alexa app is forgotten here too (its token only)."""
    def can_handle(self, handler_input):
        request_type = getattr(handler_input.request_envelope.request, "object_type", None) or ""
        return request_type.startswith("Reminders.")

    def handle(self, handler_input):
        set_topic(handler_input, None)
        request = handler_input.request_envelope.request
        if request.object_type == "Reminders.ReminderDeleted":
            tokens = set(getattr(getattr(request, "body", None), "alert_tokens", None) or [])
            if tokens:
                _forget_tokens(handler_input, tokens)
        return handler_input.response_builder.response


def _forget_tokens(handler_input, tokens: set) -> None:
    def mutate(record: dict) -> dict:
        if (record.get("reminder") or {}).get("alert_token") in tokens:
            record = dict(record)
            record.pop("reminder", None)
        return record
    _update_record(handler_input, mutate,
                   lambda kind: log.warning("reminder_event_store_unavailable type=%s", kind))


def _yes_change(handler_input, offer):
    return change_reminder(handler_input, parse_time(offer.get("time")) or DEFAULT_TIME)


YES_ACTIONS["reminder"] = lambda hi, offer: set_daily_reminder(hi, parse_time(offer.get("time")) or DEFAULT_TIME)
YES_ACTIONS["reminder_change"] = _yes_change

HANDLERS = [ReminderEventHandler(), PermissionResponseHandler(), ReminderHandler(), CancelReminderHandler()]
