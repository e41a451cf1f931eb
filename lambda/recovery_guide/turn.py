"""What every handler needs for one turn: the session memory, the country's pack, and one way
to build a response (spoken, shown, remembered for "repeat", topic recorded).

Skill events, CanFulfillIntentRequest and reminder callbacks have no session; every accessor
here copes with that rather than letting the SDK raise.
"""
from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from . import library, ssml

TOPIC_KEY = "topic"
RISK_KEY = "risk"          # "emergency", "at_risk" or None: how the turn judged the danger
OPTIONS_KEY = "options"    # topic ids offered when the skill asks which one the listener means
_KEY = None           # the key that seals what the session remembers (see _seal)
_SEALED = ("speech", "reprompt", "card", "topic", "offer")


def session(handler_input: HandlerInput) -> dict | None:
    """The session attributes, or None for requests that carry no session."""
    if handler_input.request_envelope.session is None:
        return None
    return handler_input.attributes_manager.session_attributes


def locale(handler_input: HandlerInput) -> str | None:
    return getattr(handler_input.request_envelope.request, "locale", None)


def pack(handler_input: HandlerInput) -> dict:
    return library.load().pack(locale(handler_input))


def services(handler_input: HandlerInput):
    return handler_input.attributes_manager.request_attributes["services"]


def set_topic(handler_input: HandlerInput, topic: str | None, risk: str | None = None,
              options: list | None = None) -> None:
    attrs = handler_input.attributes_manager.request_attributes
    attrs[TOPIC_KEY], attrs[RISK_KEY], attrs[OPTIONS_KEY] = topic, risk, options


def reply(handler_input: HandlerInput, speech: str, *, reprompt: str | None = None,
          card: dict | None = None, end: bool = False, topic: str | None = None,
          offer: dict | None = None, entry: str | None = None, remember: bool = True,
          risk: str | None = None, options: list | None = None) -> Response:
    """Build the response. `speech` and `reprompt` are SSML fragments (already escaped).

    The session remembers what was said (for "repeat"), what "yes" would accept (`offer`) and
    which entry the conversation is about (for "tell me more" and "where is that from").
    `risk` and `options` are what the turn judged (reported by the local CLI and the logs).
    """
    set_topic(handler_input, topic, risk, options)
    rb = handler_input.response_builder
    rb.speak(ssml.limit(speech, ssml.MAX_SPEECH_CHARS - 16))
    if card:
        rb.set_card(SimpleCard(title=ssml.limit_text(card["title"], 200), content=ssml.limit_text(card["text"])))
    if not end:
        rb.ask(ssml.limit(reprompt or pack(handler_input)["prompts"]["reprompt"], ssml.MAX_SPEECH_CHARS - 16))
    rb.set_should_end_session(end)
    attrs = session(handler_input)
    if attrs is not None:
        attrs[TOPIC_KEY] = topic
        attrs["offer"] = offer
        attrs.pop("choices", None)   # what was asked back holds for the next turn only
        if entry is not None:
            attrs["entry"] = entry
        if remember:
            last = {"speech": speech, "reprompt": reprompt, "card": card, "topic": topic, "offer": offer}
            last["seal"] = _seal(last)
            attrs["last"] = last
    return rb.response


# Session attributes come back from the client. What "repeat" (and "yes" to an offer that repeats)
# speaks is only what this skill said: the record is sealed with a keyed hash when it is made, and
# a record whose seal does not match is not spoken. The key is SESSION_KEY (template.yaml gives every
# container of a deployment the same one, so a session may move between containers), else a random
# key per process.

def _key() -> bytes:
    global _KEY
    if _KEY is None:
        import os
        configured = os.environ.get("SESSION_KEY", "").encode("utf-8")
        _KEY = configured[:64] if configured else os.urandom(32)
    return _KEY


def _blake2b():
    # _blake2 alone, where the interpreter has it: hashlib would also load OpenSSL, several
    # milliseconds of a one-shot question's cold start.
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b
    return blake2b


def _seal(last: dict) -> str:
    import json
    data = json.dumps([last.get(k) for k in _SEALED], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return _blake2b()(data.encode("utf-8", "surrogatepass"), key=_key(), digest_size=16).hexdigest()


def vouched_last(handler_input: HandlerInput) -> dict | None:
    """What the skill last said in this session, if the session's record of it is the skill's own."""
    last = (session(handler_input) or {}).get("last")
    if not isinstance(last, dict) or not isinstance(last.get("speech"), str) or not last["speech"]:
        return None
    seal = last.get("seal")
    try:
        expected = _seal(last)
    except (TypeError, ValueError):
        return None
    import hmac
    return last if isinstance(seal, str) and hmac.compare_digest(seal, expected) else None
