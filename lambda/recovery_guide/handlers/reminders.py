"""The daily reminder's handlers: "remind me every morning at eight", "cancel my daily reminder".

The work (time, the Reminders API, the stored token) is in recovery_guide/reminders.py; the
permission checks in recovery_guide/permissions.py. Here: what to do for each request, and what to say.

Flow:

* No reminders permission (no apiAccessToken or no consentToken in the request, or the Reminders
  API answers 401/403): ask for it. By voice with a `Connections.SendRequest` "AskFor" directive
  when the request comes from a device (the token carries the time asked for); otherwise, and when
  Alexa answers the voice request with an error status (a device or account that cannot do voice
  permissions), with an AskForPermissionsConsent card and a sentence pointing to the Alexa app.
* `Connections.Response` "AskFor": ACCEPTED creates the reminder at the time in the token; DENIED
  and NOT_ANSWERED are said plainly, session open.
* With permission: a daily reminder at the next occurrence of that local time. Its words are fixed
  and discreet (no drug words: anyone in the room hears it).
* A reminder already stored (and still there): say so and offer to move it to the time asked for
  (update; a reminder deleted in the Alexa app meanwhile is created afresh).
* Any other API failure: said plainly, session open. Nothing here raises to the caller.
* `Reminders.*` events (no session) get an empty response; "ReminderDeleted" also forgets the token.
"""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import get_simple_slot_values, get_slot, is_intent_name, is_request_type

from .. import logs, permissions, ssml
from .. import reminders as domain
from ..permissions import ASK_FOR
from ..reminders import (DEFAULT_TIME, PERMISSION, TOKEN_PREFIX, PermissionNeeded, ReminderFailed, decode_token,
                         encode_token, format_time, parse_time)
from ..turn import reply, session, set_topic
from .answers import YES_ACTIONS

log = logs.get(__name__)

TOPIC = "affirmation"   # the reminder is the hands-free way to the daily affirmation

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
    "not_recorded": ("I couldn't save it on my side just now, so if you want to stop it later, you can also "
                     "delete it in the Alexa app, under Reminders."),
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


# --- responses -----------------------------------------------------------------------------

def _say(handler_input, key: str, *, offer: dict | None = None, reprompt: str | None = None, **values):
    text = SAY[key].format(**values)
    return reply(handler_input, ssml.escape(text), reprompt=ssml.escape(reprompt or SAY["reprompt"]),
                 topic=TOPIC, offer=offer)


def ask_permission(handler_input, hm: tuple[int, int], change: bool = False, voice: bool | None = None):
    if voice is None:
        voice = permissions.supports_voice_permission(handler_input)
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


def _confirm(handler_input, key: str, hm: tuple[int, int], recorded: bool = True):
    text = SAY[key].format(time=format_time(hm)) + " " + (SAY["after_done"] if recorded else SAY["not_recorded"])
    return reply(handler_input, ssml.escape(text), reprompt=ssml.escape(SAY["reprompt"]), topic=TOPIC,
                 card={"title": "Your daily reminder",
                       "text": f"Every day at {format_time(hm)}. Say \"cancel my daily reminder\" to stop it."})


def create_reminder(handler_input, hm: tuple[int, int], after_consent: bool = False):
    """With permission: create the daily reminder, store its token, confirm time and recurrence."""
    try:
        recorded = domain.create(handler_input, hm)
    except PermissionNeeded:
        # Refused right after the person said yes by voice: asking by voice again would loop.
        return ask_permission(handler_input, hm, voice=False if after_consent else None)
    except ReminderFailed:
        return _say(handler_input, "failed")
    return _confirm(handler_input, "created", hm, recorded)


def change_reminder(handler_input, hm: tuple[int, int], after_consent: bool = False):
    """Move the stored reminder to a new time (created afresh if it was deleted meanwhile)."""
    if not after_consent and not permissions.has_permission(handler_input):
        return ask_permission(handler_input, hm, change=True)
    try:
        alert_token = domain.token_anywhere(handler_input)
        if alert_token and not domain.update(handler_input, alert_token, hm):
            alert_token = None
    except PermissionNeeded:
        return ask_permission(handler_input, hm, change=True, voice=False if after_consent else None)
    except ReminderFailed:
        return _say(handler_input, "failed")
    if not alert_token:
        return create_reminder(handler_input, hm, after_consent)
    return _confirm(handler_input, "changed", hm)


def set_daily_reminder(handler_input, hm: tuple[int, int], after_consent: bool = False):
    """ReminderIntent and "yes" to the offer: permission first, then one reminder per person.

    `after_consent`: the person has just granted the permission by voice, so the request's
    permissions are not checked again (the API's answer decides) and a refusal falls back to the card.
    """
    if not after_consent and not permissions.has_permission(handler_input):
        return ask_permission(handler_input, hm)
    try:
        alert_token = domain.stored_token(handler_input)
        existing, old = domain.check(handler_input, alert_token) if alert_token else (False, None)
        if not existing:
            # Alexa may keep one the store never recorded (a store that could not write): never a second.
            found = domain.find_on_alexa(handler_input)
            if found is not None:
                domain.save_token(handler_input, found[0])
                existing, old = True, found[1]
    except PermissionNeeded:
        return ask_permission(handler_input, hm, voice=False if after_consent else None)
    except ReminderFailed:
        return _say(handler_input, "failed")
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
        alert_token = domain.token_anywhere(handler_input)
    except (ReminderFailed, PermissionNeeded):
        return _say(handler_input, "cancel_failed")
    if not alert_token:
        return _say(handler_input, "none_to_cancel")
    if not permissions.has_permission(handler_input) or not domain.delete_on_alexa(handler_input, alert_token):
        return _say(handler_input, "cancel_failed")
    domain.save_token(handler_input, None)
    return _say(handler_input, "cancelled")


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
                domain.forget_tokens(handler_input, tokens)
        return handler_input.response_builder.response



def _yes_change(handler_input, offer):
    return change_reminder(handler_input, parse_time(offer.get("time")) or DEFAULT_TIME)


YES_ACTIONS["reminder"] = lambda hi, offer: set_daily_reminder(hi, parse_time(offer.get("time")) or DEFAULT_TIME)
YES_ACTIONS["reminder_change"] = _yes_change

HANDLERS = [ReminderEventHandler(), PermissionResponseHandler(), ReminderHandler(), CancelReminderHandler()]
