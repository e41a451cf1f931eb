"""Sending helpline numbers to a phone, the domain: which lines each answer offers in each country,
the account's mobile number (Alexa's Customer Profile API), and the text (recovery_guide/sms.py).

handlers/phone.py adapts requests to these functions and says how it went. Nothing is stored: the
mobile number lives for one request only and is never logged, nor is the message.
"""
from __future__ import annotations

from ask_sdk_model.services import ApiClient, ApiConfiguration, ServiceClientFactory, ServiceException

from . import library, logs, permissions, sms
from .turn import pack, session

log = logs.get(__name__)

MOBILE_SCOPE = "alexa::profile:mobile_number:read"
WHATS = ("helpline", "treatment", "crisis_overdose", "crisis_suicide")
DEFAULT_WHAT = "helpline"
EMERGENCY_WHATS = ("crisis_overdose", "crisis_suicide")   # the emergency number comes first
# The request attribute screen.py reads: which numbers this turn is about (see screen.py).
SCREEN_KEY = "screen_numbers"


# --- what to send ---------------------------------------------------------------------------

def what_to_send(handler_input) -> str:
    """The offer on the table, else the last answer's offer, else the helplines."""
    attrs = session(handler_input) or {}
    last = attrs.get("last") if isinstance(attrs.get("last"), dict) else {}
    for offer in (attrs.get("offer"), last.get("offer")):
        if isinstance(offer, dict) and offer.get("kind") == "send" and offer.get("what") in WHATS:
            return offer["what"]
    return DEFAULT_WHAT


def section(country_pack: dict, what: str) -> dict:
    if what in ("helpline", "treatment"):
        return country_pack.get(what) or {}
    return (country_pack.get("crisis") or {}).get(what) or {}


def _line(line_id: str) -> dict | None:
    line = (library.load().data.get("helplines") or {}).get(line_id)
    if not line or not line.get("number"):
        return None
    name = str(line.get("name") or "").strip()
    # Names are written to sit mid-sentence ("the Suicide and Crisis Lifeline"); here they lead one.
    return {"id": line_id, "name": name[:1].upper() + name[1:], "number": str(line["number"])}


def lines_for(handler_input, what: str, *, fallback: bool = True) -> list[dict]:
    """The helplines to send for this offer: [{"id", "name", "number"}], possibly empty.

    A crisis answer without lines of its own (the overdose answer gives the emergency number only)
    falls back to the country's helplines: texting an emergency number helps nobody.
    """
    country_pack = pack(handler_input)
    ids = list(section(country_pack, what).get("lines") or [])
    if not ids and fallback and what != DEFAULT_WHAT:
        ids = list(section(country_pack, DEFAULT_WHAT).get("lines") or [])
    lines = [line for line in (_line(i) for i in dict.fromkeys(ids)) if line]
    return lines


def numbers_for_screen(handler_input, what: str, *, sending: bool = False) -> list[dict]:
    """What a screen shows: [{"label", "number"}], the emergency number first in a crisis.

    For an answer, the numbers it spoke (the overdose answer: the emergency number alone); for a
    send-to-phone turn (`sending`), the numbers sent as well.
    """
    shown = []
    emergency = pack(handler_input).get("emergency")
    if what in EMERGENCY_WHATS and emergency:
        shown.append({"label": "Emergency", "number": str(emergency)})
    shown.extend({"label": line["name"], "number": line["number"]}
                 for line in lines_for(handler_input, what, fallback=sending))
    return shown


def numbers_card(handler_input, what: str) -> dict | None:
    """The card the answer itself sent (names, numbers, hours), sent again; for an answer without
    lines of its own (overdose), the helplines' card, since those are the numbers sent."""
    country_pack = pack(handler_input)
    if not section(country_pack, what).get("lines"):
        what = DEFAULT_WHAT
    card = section(country_pack, what).get("card")
    if card and card.get("title") and card.get("text"):
        return card
    lines = lines_for(handler_input, what)
    if not lines:
        return None
    return {"title": "Numbers", "text": "\n".join(f"{line['name']}: {line['number']}" for line in lines)}


# --- the mobile number ------------------------------------------------------------------------

class PermissionMissing(Exception):
    """The profile API refused the token (401/403)."""


class ProfileUnavailable(Exception):
    """Any other failure reaching the profile API."""


class _StatusRecorder(ApiClient):
    """The skill's API client, remembering the last HTTP status it saw.

    The SDK turns an error body it cannot parse (Alexa's 403 says {"code": "ACCESS_DENIED"}, a code
    missing from the SDK's ErrorCode enum) into a SerializationException without the status; the
    status recorded here still tells a refused permission from a broken service.
    """
    def __init__(self, inner: ApiClient):
        self._inner = inner
        self.status: int | None = None

    def invoke(self, request):
        response = self._inner.invoke(request)
        self.status = getattr(response, "status_code", None)
        return response


def mobile_number(handler_input) -> str | None:
    """The account's mobile number in E.164, or None if there is none (or none that can take a text)."""
    factory = handler_input.service_client_factory
    config = getattr(factory, "api_configuration", None)
    if config is None or config.api_client is None:
        raise ProfileUnavailable("no api client")
    recorder = _StatusRecorder(config.api_client)
    ups = ServiceClientFactory(ApiConfiguration(
        serializer=config.serializer, api_client=recorder, authorization_value=config.authorization_value,
        api_endpoint=config.api_endpoint)).get_ups_service()
    try:
        phone = ups.get_profile_mobile_number()
    except ServiceException as exc:
        status = permissions.status_of(exc)
    except Exception as exc:  # noqa: BLE001 - a broken client must not lose the person the numbers
        status = recorder.status
        log.warning("mobile_number_unreadable type=%s", type(exc).__name__)
    else:
        if phone is None or not getattr(phone, "phone_number", None):
            return None   # 204: no mobile number on the account
        return sms.e164(getattr(phone, "country_code", None), phone.phone_number)
    log.warning("mobile_number_failed status=%s", status)
    if status in (401, 403):
        raise PermissionMissing()
    raise ProfileUnavailable()



def mark_screen(handler_input, what: str) -> None:
    """Tell screen.py which numbers this send-to-phone turn is about."""
    handler_input.attributes_manager.request_attributes[SCREEN_KEY] = what


# --- the daily cap ------------------------------------------------------------------------------

SMS_PER_DAY = 3   # texts per person per day (UTC); each costs money and reaches a phone


def claim_text(handler_input, today: str | None = None) -> str:
    """Count one text against the person's cap for today: "ok", "cap" (the cap is reached), or
    "unavailable" when the count cannot be kept (no user, a store that cannot write): no count, no text.

    The count lives in the user record ({"sms": {"day": "2026-11-23", "count": 2}}) and is written
    with the store's atomic update, so two devices cannot both take the last text of the day.
    """
    import datetime as dt
    from .persistence.base import StoreUnavailable
    from .turn import services

    svc = services(handler_input)
    key = svc.user_key(handler_input)
    if key is None:
        return "unavailable"
    day = today or dt.datetime.now(dt.timezone.utc).date().isoformat()
    granted = []

    def mutate(record: dict) -> dict:
        granted.clear()
        sent = record.get("sms") if isinstance(record.get("sms"), dict) else {}
        count = sent.get("count", 0) if sent.get("day") == day and isinstance(sent.get("count"), int) else 0
        if count >= SMS_PER_DAY:
            return record
        granted.append(True)
        return {**record, "sms": {"day": day, "count": count + 1}}

    try:
        svc.store.update(key, mutate)
    except StoreUnavailable as exc:
        log.warning("sms_count_unavailable type=%s", type(exc).__name__)
        return "unavailable"
    if not granted:
        log.info("sms_daily_cap_reached")
        return "cap"
    return "ok"
