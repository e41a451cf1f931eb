"""The skill, built once per process, and the one function that runs a request envelope through it.

The Lambda entry point, the local HTTP server and the CLI all call `invoke()`, so what runs
locally is what runs on Lambda.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.services import ApiClient

from . import config as config_module
from . import library, logs, screen
from .handlers import answers, conversation, crisis, emergency, errors, helplines
from .handlers.lazy import capability
from .interceptors import LAST_JUDGEMENT, LAST_TOPIC, LogResponseInterceptor, ServicesInterceptor
from .services import Services

log = logs.get(__name__)

class _Serializer(DefaultSerializer):
    """The SDK's serializer, reading a request's ISO 8601 timestamp with the standard library and
    remembering the model classes it resolves by name. The SDK's own reader imports dateutil (about
    9 ms of every cold start) and parses in pure Python on every turn; anything the standard library
    cannot read still goes to it. Resolving a class name runs an import statement, a dozen per request."""

    def __init__(self):
        super().__init__()
        self._classes: dict = {}

    def _DefaultSerializer__load_class_from_name(self, class_name):   # the SDK's private hook
        found = self._classes.get(class_name)
        if found is None:
            found = self._classes[class_name] = super()._DefaultSerializer__load_class_from_name(class_name)
        return found

    def _DefaultSerializer__deserialize_datetime(self, payload, obj_type):   # the SDK's private hook
        try:
            parsed = datetime.fromisoformat(payload)
        except (TypeError, ValueError):
            return super()._DefaultSerializer__deserialize_datetime(payload, obj_type)
        return parsed.date() if obj_type is date else parsed


_serializer = _Serializer()


class ForeignSkillError(Exception):
    """The request names another skill's id: refused."""


class SkillIdMissing(RuntimeError):
    """On Lambda without SKILL_ID: the function refuses to start rather than serve any skill."""


# Alexa's APIs (profile, reminders, settings) must answer well inside the function's 7 s timeout.
API_TIMEOUT_S = (1.0, 3.0)   # connect, read


class LazyApiClient(ApiClient):
    """DefaultApiClient imports `requests`; most turns never call an Alexa API, so a cold start
    should not pay for it. The client it makes gives every call a timeout (the SDK's has none)."""

    def __init__(self):
        self._client = None

    def invoke(self, request):
        if self._client is None:
            import functools

            from ask_sdk_core.api_client import DefaultApiClient
            logs.quiet_libraries()   # urllib3 at DEBUG would log URL paths with the device id

            class TimedApiClient(DefaultApiClient):
                def _resolve_method(self, request):
                    return functools.partial(super()._resolve_method(request), timeout=API_TIMEOUT_S)

            self._client = TimedApiClient()
        return self._client.invoke(request)


def build(services: Services):
    # The API client lets handlers reach Alexa's service APIs (profile, reminders, settings).
    sb = CustomSkillBuilder(api_client=LazyApiClient())
    # Order matters: an emergency under way reads every follow-up first; events and CanFulfill have no
    # session; crisis runs before any other intent.
    # Capabilities in handlers.lazy are imported only when a request for them arrives.
    chain = (emergency.HANDLERS + [capability("events"), capability("can_fulfill")] + crisis.HANDLERS + answers.HANDLERS
             + helplines.HANDLERS + [capability(name) for name in ("privacy", "phone", "affirmations", "reminders")]
             + conversation.HANDLERS + conversation.LAST_HANDLERS)
    for handler in chain:
        sb.add_request_handler(handler)
    sb.add_exception_handler(errors.CatchAllExceptionHandler())
    sb.add_global_request_interceptor(ServicesInterceptor(services))
    sb.add_global_response_interceptor(LogResponseInterceptor())
    sb.add_global_response_interceptor(screen.ScreenInterceptor())   # numbers shown large on screens
    # The id is checked in invoke() so a foreign request is refused before any work is done.
    return sb.create()


class RecoveryGuide:
    def __init__(self, config: config_module.Config | None = None, store=None):
        self.config = config or config_module.load()
        self._check_configured()
        self.services = Services(self.config, store)
        library.load()  # content first: a broken library fails at start, not on a person's question
        self.skill = build(self.services)
        # Everything built so far lives as long as the process: keep the garbage collector from
        # re-scanning it on every collection, which otherwise shows as latency spikes on warm turns.
        import gc
        gc.freeze()

    def invoke(self, event: dict, context=None) -> dict:
        """A request envelope (parsed JSON) in, a response envelope (JSON-ready dict) out."""
        if not isinstance(event, dict) or not event:     # a null event, a list, a string: nothing to answer
            return {"version": "1.0", "response": {}}
        self._check_skill_id(event)
        original, event = event, _with_context(event)
        if event is None:                                 # neither context nor session: no one to answer
            return self._minimal_response(original)
        request = event.get("request")
        if isinstance(request, dict) and request.get("type") == "IntentRequest" and not (
                isinstance(request.get("intent"), dict) and isinstance(request["intent"].get("name"), str)):
            return self._minimal_response(event)          # an intent request without an intent: the menu
        try:
            envelope = _serializer.deserialize(json.dumps(event), RequestEnvelope)
        except Exception as exc:  # noqa: BLE001 - unknown request types or odd shapes still get an answer
            log.warning("unreadable_envelope type=%s", type(exc).__name__)
            return self._minimal_response(event)
        if envelope.request is None:
            return self._minimal_response(event)
        response = self.skill.invoke(request_envelope=envelope, context=context)
        return _serializer.serialize(response)

    @staticmethod
    def last_topic():
        return LAST_TOPIC.get()

    @staticmethod
    def last_judgement() -> dict:
        """The risk and the options offered on the turn just answered (for the local CLI)."""
        return LAST_JUDGEMENT.get() or {"risk": None, "options": []}

    def _check_configured(self) -> None:
        """The skill-id check fails closed: on Lambda, no SKILL_ID means no start (clearly logged)."""
        if self.config.skill_id:
            return
        if self.config.on_lambda:
            message = ("SKILL_ID is empty on Lambda: refusing to start, since any skill's requests would be "
                       "accepted. Set the stack's SkillId parameter (template.yaml passes it as SKILL_ID).")
            log.error(message)
            raise SkillIdMissing(message)
        log.info("SKILL_ID is not set: accepting requests for any skill id (a local run; on Lambda this refuses to start)")

    def _check_skill_id(self, event: dict) -> None:
        if not self.config.skill_id:
            return
        app_id = _dig(event, "context", "System", "application", "applicationId") or \
            _dig(event, "session", "application", "applicationId")
        if app_id != self.config.skill_id:
            raise ForeignSkillError("request for another skill")

    def _minimal_response(self, event: dict) -> dict:
        LAST_TOPIC.set(None)
        LAST_JUDGEMENT.set(None)
        request_type = _dig(event, "request", "type")
        if request_type in ("LaunchRequest", "IntentRequest"):
            prompts = library.load().pack(_dig(event, "request", "locale"))["prompts"]
            return {"version": "1.0", "response": {
                "outputSpeech": {"type": "SSML", "ssml": f"<speak>{prompts['fallback']}</speak>"},
                "reprompt": {"outputSpeech": {"type": "SSML", "ssml": f"<speak>{prompts['reprompt']}</speak>"}},
                "shouldEndSession": False}}
        return {"version": "1.0", "response": {}}


def _with_context(event: dict) -> dict | None:
    """The envelope with a `context`: the SDK reads context.System on every request. One without
    (or with a null one) gets a context made from its session's application and user, if it has a session."""
    if isinstance(event.get("context"), dict) and isinstance(event["context"].get("System"), dict):
        return event
    session = event.get("session")
    if not isinstance(session, dict):
        return None
    system = {k: session[k] for k in ("application", "user") if isinstance(session.get(k), dict)}
    return {**event, "context": {"System": system}}


def _dig(obj, *keys):
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


@lru_cache(maxsize=1)
def get() -> RecoveryGuide:
    """The process's one skill (Lambda keeps it between invocations of a warm container)."""
    return RecoveryGuide()
