"""The handlers of "send it to my phone": the numbers just offered, texted to the mobile number on the Amazon account.

Flow:

* What to send: the offer on the table ({"kind": "send", "what": ...} from the helpline, treatment
  and crisis answers), else the offer of the last answer, else the country's helplines. A crisis
  answer without lines of its own (overdose: the emergency number only) sends the helplines.
* Texting off (SMS_ENABLED not "true"): say so; the numbers are in the Alexa app card.
* No permission to read the mobile number (no apiAccessToken or consentToken in the request, or the
  profile API answers 401/403): ask for it. By voice with `Connections.SendRequest` "AskFor" (token
  "send:<what>") when the request comes from a device in a session; otherwise, and when Alexa
  answers that request with an error status, with an AskForPermissionsConsent card and a sentence.
* `Connections.Response` "AskFor" with a "send:" token: ACCEPTED fetches the number and sends;
  DENIED and NOT_ANSWERED are said plainly and point to the card in the Alexa app.
* No mobile number on the account, a profile API failure, an SNS failure: said plainly.

Every outcome re-sends the card with the numbers (except the consent card, which takes the card's
place: then the numbers are spoken instead), and the numbers are spoken again whenever no text went
out. Crisis sends start with the emergency number. The account's number may not be the speaker's,
so Alexa says "the mobile number on your Amazon account".

Nothing is stored: the mobile number lives for this request only and is never logged, nor is the
message. Nothing here raises: whatever fails, the person still hears the numbers.
"""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model.ui import SimpleCard

from .. import logs, permissions, sms, ssml
from ..permissions import ASK_FOR
from ..phone import (DEFAULT_WHAT, MOBILE_SCOPE, SMS_PER_DAY, WHATS, PermissionMissing, ProfileUnavailable,
                     claim_text, lines_for, mark_screen, mobile_number, numbers_card, section, what_to_send)
from ..turn import pack, reply, services, session, set_topic, vouched_last
from .answers import YES_ACTIONS

log = logs.get(__name__)

INTENT = "SendToPhoneIntent"
TOKEN_PREFIX = "send:"
TOPICS = {"helpline": "helpline", "treatment": "find_treatment",
          "crisis_overdose": "crisis_overdose", "crisis_suicide": "crisis_suicide"}


# Plain text; escaped when spoken. {it} is "the number" or "the numbers".
SAY = {
    "sent": "I've texted {it} to the mobile number on your Amazon account. {It_is} in your Alexa app too.",
    "sms_off": "Texting isn't turned on for Recovery Guide, so I can't send a text. "
               "I've put {it} in your Alexa app instead.",
    "no_number": "I couldn't find a mobile number on your Amazon account, so I can't text {it}. "
                 "I've put {it} in your Alexa app instead.",
    "sms_failed": "Sorry, I couldn't send the text just now. I've put {it} in your Alexa app instead.",
    "sms_cap": "I've already texted you {cap} times today, so I won't send another text until tomorrow. "
               "I've put {it} in your Alexa app instead.",
    "profile_failed": "Sorry, I couldn't get the mobile number on your Amazon account just now, so I can't text "
                      "{it}. I've put {it} in your Alexa app instead.",
    "asking": "To text {it}, I need your permission to use the mobile number on your Amazon account.",
    "consent_card": "To text {it}, Recovery Guide needs your permission to use the mobile number on your Amazon "
                    "account. I've sent a card to your Alexa app where you can allow it, then ask me again.",
    "denied": "Okay, I won't text {it}. {It_is} in a card in your Alexa app. If you change your mind, you can "
              "allow Recovery Guide to use your mobile number in the Alexa app, in the skill's settings.",
    "not_answered": "I didn't hear an answer, so I haven't texted {it}. {It_is} in a card in your Alexa app.",
    "again_one": "Here it is.",
    "again_many": "Here they are.",
    "nothing": "I don't have a verified helpline number to send for where you are. A doctor, a pharmacist or your "
               "local health service can help you find one.",
    "anything_else": "Is there anything else I can help with?",
}
EMERGENCY_FIRST = {
    "crisis_overdose": "If someone may have overdosed, call {number} now.",
    "crisis_suicide": "If you're in danger right now, call {number}.",
}
NO_EMERGENCY_NUMBER = "If anyone is in danger right now, call your local emergency number."


# --- speech -----------------------------------------------------------------------------------

def _say(key: str, lines: list[dict]) -> str:
    many = len(lines) > 1
    text = SAY[key].format(it="the numbers" if many else "the number", It_is="They're" if many else "It's",
                           cap=SMS_PER_DAY)
    return ssml.escape(text)


def _spoken_lines(lines: list[dict]) -> str:
    return " ".join(ssml.sentence(f"{ssml.escape(line['name'])}: {ssml.phone(line['number'])}.") for line in lines)


def _emergency_first(handler_input, what: str) -> str:
    if what not in EMERGENCY_FIRST:
        return ""
    number = pack(handler_input).get("emergency")
    if not number:   # a country the skill does not know
        return ssml.sentence(ssml.escape(NO_EMERGENCY_NUMBER)) + " "
    text = EMERGENCY_FIRST[what].replace("{number}", "\x00")
    before, after = text.split("\x00")
    return ssml.sentence(ssml.escape(before) + ssml.phone(str(number)) + ssml.escape(after)) + " "


def _speech(handler_input, what: str, key: str, lines: list[dict], *, repeat_numbers: bool) -> str:
    parts = [_emergency_first(handler_input, what), ssml.sentence(_say(key, lines))]
    if repeat_numbers and lines:
        parts.append(" " + ssml.sentence(ssml.escape(SAY["again_many" if len(lines) > 1 else "again_one"])))
        parts.append(" " + _spoken_lines(lines))
    parts.append(" " + ssml.sentence(ssml.escape(SAY["anything_else"])))
    return "".join(parts)


def outcome(handler_input, what: str, key: str, lines: list[dict], *, repeat_numbers: bool = True,
            consent_card: bool = False):
    """Say how it went, keep the session open, re-send the numbers card (or the consent card).

    `remember=False`: "repeat" still repeats the answer with the numbers, and "send it to my phone"
    again still knows what to send.
    """
    mark_screen(handler_input, what)
    card = None if consent_card else numbers_card(handler_input, what)
    response = reply(handler_input, _speech(handler_input, what, key, lines, repeat_numbers=repeat_numbers),
                     reprompt=ssml.escape(SAY["anything_else"]), card=card, topic=TOPICS.get(what),
                     remember=False)
    if consent_card:
        permissions.consent_card(handler_input.response_builder, MOBILE_SCOPE)
    return response


# --- permission -------------------------------------------------------------------------------


def ask_permission(handler_input, what: str, lines: list[dict], *, voice: bool | None = None):
    if voice is None:
        voice = permissions.supports_voice_permission(handler_input)
    if not voice:
        return outcome(handler_input, what, "consent_card", lines, consent_card=True)
    # No reprompt and no shouldEndSession: Alexa asks the question and answers with Connections.Response.
    set_topic(handler_input, TOPICS.get(what))
    attrs = session(handler_input)
    if attrs is not None:
        attrs["offer"] = None
    rb = handler_input.response_builder
    rb.speak(_emergency_first(handler_input, what) + ssml.sentence(_say("asking", lines)))
    card = numbers_card(handler_input, what)
    if card:
        rb.set_card(SimpleCard(title=ssml.limit_text(card["title"], 200), content=ssml.limit_text(card["text"])))
    permissions.ask_by_voice(rb, MOBILE_SCOPE, TOKEN_PREFIX + what)
    return rb.response


# --- the whole turn ---------------------------------------------------------------------------

def send_numbers(handler_input, what: str, *, after_consent: bool = False):
    """Text the numbers for `what`, or ask for the permission to, and say how it went.

    `after_consent`: the person has just said yes to the permission request. Then only the API
    decides (no second voice request if it still refuses: the consent card instead).
    """
    if what not in WHATS:
        what = DEFAULT_WHAT
    lines = lines_for(handler_input, what)
    if not lines:
        mark_screen(handler_input, what)
        speech = _emergency_first(handler_input, what) + ssml.sentence(ssml.escape(SAY["nothing"])) + " " + \
            ssml.sentence(ssml.escape(SAY["anything_else"]))
        return reply(handler_input, speech, reprompt=ssml.escape(SAY["anything_else"]),
                     card=numbers_card(handler_input, what), topic=TOPICS.get(what), remember=False)
    try:
        if not services(handler_input).config.sms_enabled:
            return outcome(handler_input, what, "sms_off", lines)
        if not permissions.api_token(handler_input) or (not after_consent and not permissions.has_permission(handler_input)):
            return ask_permission(handler_input, what, lines, voice=False if after_consent else None)
        try:
            number = mobile_number(handler_input)
        except PermissionMissing:
            return ask_permission(handler_input, what, lines, voice=False if after_consent else None)
        except ProfileUnavailable:
            return outcome(handler_input, what, "profile_failed", lines)
        if number is None:
            log.info("mobile_number_missing")
            return outcome(handler_input, what, "no_number", lines)
        claimed = claim_text(handler_input)   # the daily cap, counted in the store
        if claimed != "ok":
            return outcome(handler_input, what, "sms_cap" if claimed == "cap" else "sms_failed", lines)
        try:
            sms.send(number, sms.message_for([line["number"] for line in lines]))
        except sms.SmsError:
            return outcome(handler_input, what, "sms_failed", lines)
        return outcome(handler_input, what, "sent", lines, repeat_numbers=False)
    except Exception as exc:  # noqa: BLE001 - whatever broke, the person still hears the numbers
        log.error("send_to_phone_failed type=%s", type(exc).__name__)
        return outcome(handler_input, what, "sms_failed", lines)


class SendToPhoneHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name(INTENT)(handler_input)

    def handle(self, handler_input):
        return send_numbers(handler_input, what_to_send(handler_input))


def _what_from_token(token: str | None) -> str:
    what = str(token or "")[len(TOKEN_PREFIX):]
    return what if what in WHATS else DEFAULT_WHAT


class SendPermissionResponseHandler(AbstractRequestHandler):
    """Alexa's answer to the voice permission request this module made (token "send:<what>").

    Other modules ask for other permissions (reminders) with their own tokens: only "send:" tokens,
    and only the mobile number scope when Alexa names one, are taken here.
    """
    def can_handle(self, handler_input):
        if not is_request_type("Connections.Response")(handler_input):
            return False
        request = handler_input.request_envelope.request
        if getattr(request, "name", None) != ASK_FOR or not str(getattr(request, "token", "") or "").startswith(
                TOKEN_PREFIX):
            return False
        payload = getattr(request, "payload", None)
        scope = payload.get("permissionScope") if isinstance(payload, dict) else None
        return scope in (None, "", MOBILE_SCOPE)

    def handle(self, handler_input):
        request = handler_input.request_envelope.request
        what = _what_from_token(getattr(request, "token", None))
        code = str(getattr(getattr(request, "status", None), "code", "") or "")
        if code and not code.startswith("2"):
            # The device or account could not take the voice request: the card still works.
            log.warning("voice_permission_failed status=%s", code)
            lines = lines_for(handler_input, what)
            if not lines:
                return send_numbers(handler_input, what)
            return ask_permission(handler_input, what, lines, voice=False)
        payload = getattr(request, "payload", None) or {}
        status = str(payload.get("status", "")).upper() if isinstance(payload, dict) else ""
        if status == "ACCEPTED":
            return send_numbers(handler_input, what, after_consent=True)
        lines = lines_for(handler_input, what)
        if not lines:
            return send_numbers(handler_input, what)
        return outcome(handler_input, what, "denied" if status == "DENIED" else "not_answered", lines)


def _yes_to_send(handler_input, offer: dict):
    """"Yes" after an answer that offered to send its numbers.

    The overdose answer offers nothing but "say repeat" (no texting and no permission questions in the
    middle of an emergency), and an answer without lines of its own asks only "repeat that?": there
    "yes" repeats the answer. "Send it to my phone" still sends the helplines from both.
    """
    what = offer.get("what")
    what = what if what in WHATS else what_to_send(handler_input)
    own_lines = section(pack(handler_input), what).get("lines")
    last = vouched_last(handler_input)    # only what the skill itself said (sealed), never forged speech
    if (what == "crisis_overdose" or not own_lines) and last is not None:
        return reply(handler_input, last["speech"], reprompt=last.get("reprompt"), card=last.get("card"),
                     topic=last.get("topic"), offer=last.get("offer"))
    return send_numbers(handler_input, what)


YES_ACTIONS["send"] = _yes_to_send

HANDLERS = [SendToPhoneHandler(), SendPermissionResponseHandler()]
