"""Interceptors around every request: services made available, and privacy-safe logs.

Logs carry the request id, request type, intent name, topic and timing: never a user id, an
utterance or slot text.
"""
from __future__ import annotations

import contextvars
import json
import time

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor

from .turn import OPTIONS_KEY, RISK_KEY, TOPIC_KEY
from . import logs

log = logs.get("recovery_guide.requests")

# The topic of the turn just answered, for the local CLI (`ask --json` prints it).
LAST_TOPIC: contextvars.ContextVar = contextvars.ContextVar("last_topic", default=None)
# And what it judged: {"risk": ..., "options": [...]}.
LAST_JUDGEMENT: contextvars.ContextVar = contextvars.ContextVar("last_judgement", default=None)


class ServicesInterceptor(AbstractRequestInterceptor):
    def __init__(self, services):
        self._services = services

    def process(self, handler_input):
        attrs = handler_input.attributes_manager.request_attributes
        attrs["services"] = self._services
        attrs["started"] = time.perf_counter()
        attrs[TOPIC_KEY] = attrs[RISK_KEY] = attrs[OPTIONS_KEY] = None
        LAST_TOPIC.set(None)
        LAST_JUDGEMENT.set(None)


class LogResponseInterceptor(AbstractResponseInterceptor):
    def process(self, handler_input, response):
        attrs = handler_input.attributes_manager.request_attributes
        request = handler_input.request_envelope.request
        intent = getattr(getattr(request, "intent", None), "name", None)
        topic = attrs.get(TOPIC_KEY)
        LAST_TOPIC.set(topic)
        LAST_JUDGEMENT.set({"risk": attrs.get(RISK_KEY), "options": attrs.get(OPTIONS_KEY) or []})
        log.info(json.dumps({
            "request_id": getattr(request, "request_id", None),
            "type": getattr(request, "object_type", None),
            "intent": intent,
            "topic": topic,
            "risk": attrs.get(RISK_KEY),
            "ms": round((time.perf_counter() - attrs.get("started", time.perf_counter())) * 1000, 2),
        }))
