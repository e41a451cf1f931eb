"""Emergency mode, first in the chain: once an overdose or suicide-crisis answer has been given, every
follow-up (whatever intent carried it) is answered in the emergency's context by ../emergency.py.

This module stays small and imports nothing heavy: a turn that is not in an emergency pays only for a
session-attribute look-up. The domain module and its classifier load on the first emergency follow-up.
"""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler

from .. import library
from ..turn import session
from ..understanding.risk import OVERDOSE, SUICIDE

KEY = "emergency"      # session attribute: {"kind": OVERDOSE|SUICIDE, "step": str, "called": bool}
CONVERSATIONS = {"overdose": OVERDOSE, "suicide": SUICIDE}
# Intents that keep their own handlers inside the mode: a new crisis statement is answered as a crisis
# (number first), and "send it to my phone" sends the numbers.
PASS_THROUGH = {"OverdoseEmergencyIntent", "SuicidalCrisisIntent", "SendToPhoneIntent"}


def start(handler_input, kind: str) -> None:
    """A crisis answer was given: the mode starts (or starts again); a call already made stays made."""
    attrs = session(handler_input)
    if attrs is None:
        return
    previous = attrs.get(KEY) if isinstance(attrs.get(KEY), dict) else {}
    called = bool(previous.get("called")) and previous.get("kind") == kind
    attrs[KEY] = {"kind": kind, "step": "start", "called": called}


def state(handler_input) -> dict | None:
    attrs = session(handler_input)
    current = attrs.get(KEY) if attrs is not None else None
    if isinstance(current, dict) and current.get("kind") in (OVERDOSE, SUICIDE):
        # Session attributes come back from the client: keep only the shape this module writes.
        step = current.get("step")
        return {"kind": current["kind"], "step": step if isinstance(step, str) and len(step) < 40 else "start",
                "called": current.get("called") is True}
    return None


def intent_name(handler_input) -> str | None:
    request = handler_input.request_envelope.request
    if getattr(request, "object_type", None) != "IntentRequest":
        return None
    return getattr(getattr(request, "intent", None), "name", None)


class EmergencyHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        name = intent_name(handler_input)
        if name is None:
            return False
        current = state(handler_input)
        if current is None:
            # A follow-up said first (a device matched its intent): read as the start of that emergency.
            return name in library.load().data.get("emergency_intents", {})
        if name in PASS_THROUGH:
            return False
        from .. import emergency
        return emergency.takes(handler_input, current, name)

    def handle(self, handler_input):
        from .. import emergency
        name = intent_name(handler_input)
        current = state(handler_input)
        if current is None:
            conversation, step = library.load().data["emergency_intents"][name]
            kind = CONVERSATIONS[conversation]
            if step == "repeat":
                # "What do I do now" outside an emergency is an ordinary follow-up: read as the words
                # a device would otherwise have sent in the question intent's slot.
                from .answers import answer_text
                return answer_text(handler_input, "what do i do now")
            if kind == OVERDOSE and step not in ("help_arrived", "ended"):
                # "He isn't breathing" as a first sentence is an overdose: the crisis answer, number first.
                from .crisis import crisis_response
                return crisis_response(handler_input, OVERDOSE)
            # "They're here", "I don't want to call anyone", "I'm safe now": that step, as the emergency's.
            current = {"kind": kind, "step": "start", "called": kind == OVERDOSE}
        return emergency.respond(handler_input, current, name)


HANDLERS = [EmergencyHandler()]
