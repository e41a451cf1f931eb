"""Capabilities most requests never touch (texting, reminders, affirmations, skill events,
CanFulfill, forget me) are imported on first use, so a cold start pays only for the core turns.

A LazyCapability stands in the handler chain for one module: it answers can_handle from the
request type and intent name it is declared with, importing the module only when one matches.
"""
from __future__ import annotations

import importlib
import threading

from ask_sdk_core.dispatch_components import AbstractRequestHandler

_PACKAGE = __package__
_lock = threading.Lock()


def load(module: str):
    """Import handlers/<module>.py (which registers its yes-actions and topic routes)."""
    with _lock:
        return importlib.import_module(f"{_PACKAGE}.{module}")


class LazyCapability(AbstractRequestHandler):
    def __init__(self, module: str, *, intents: tuple = (), request_types: tuple = ()):
        self.module = module
        self.intents = frozenset(intents)
        self.request_types = tuple(request_types)   # a trailing "." matches a family: "Reminders."

    def _may_handle(self, request) -> bool:
        request_type = getattr(request, "object_type", None) or ""
        if request_type == "IntentRequest":
            return getattr(getattr(request, "intent", None), "name", None) in self.intents
        return any(request_type == t or (t.endswith(".") and request_type.startswith(t))
                   for t in self.request_types)

    def _handler_for(self, handler_input):
        if not self._may_handle(handler_input.request_envelope.request):
            return None
        for handler in load(self.module).HANDLERS:
            if handler.can_handle(handler_input=handler_input):
                return handler
        return None

    def can_handle(self, handler_input):
        return self._handler_for(handler_input) is not None

    def handle(self, handler_input):
        return self._handler_for(handler_input).handle(handler_input=handler_input)


# Where each lazily loaded capability is, what it answers, and which offers ("yes" to ...) and
# topic routes it registers when imported.
CAPABILITIES = {
    "events": {"request_types": ("AlexaSkillEvent.",)},
    "can_fulfill": {"request_types": ("CanFulfillIntentRequest",)},
    "privacy": {"intents": ("ForgetMeIntent",)},
    "phone": {"intents": ("SendToPhoneIntent",), "request_types": ("Connections.Response",)},
    "affirmations": {"intents": ("AffirmationIntent",)},
    "reminders": {"intents": ("ReminderIntent", "CancelReminderIntent"),
                  "request_types": ("Connections.Response", "Reminders.")},
}
OFFER_MODULES = {"send": "phone", "reminder": "reminders", "reminder_change": "reminders", "forget_me": "privacy"}
TOPIC_MODULES = {"affirmation": "affirmations"}


def capability(name: str) -> LazyCapability:
    return LazyCapability(name, **CAPABILITIES[name])
