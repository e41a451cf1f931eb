"""The last resort: whatever went wrong, the person hears an apology and where to get help."""
from __future__ import annotations


from ask_sdk_core.dispatch_components import AbstractExceptionHandler

from .. import library
from ..turn import reply
from .. import logs

log = logs.get(__name__)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input, exception):
        return True

    def handle(self, handler_input, exception):
        # The type only: messages can carry slot text.
        log.error("unhandled_exception type=%s", type(exception).__name__)
        locale = getattr(handler_input.request_envelope.request, "locale", None)
        prompts = library.load().pack(locale)["prompts"]
        try:
            return reply(handler_input, prompts["error"], reprompt=prompts["reprompt"], offer={"kind": "helpline"})
        except Exception:   # noqa: BLE001 - even the session may be unusable; answer without it
            rb = handler_input.response_builder
            rb.speak(prompts["error"]).ask(prompts["reprompt"]).set_should_end_session(False)
            return rb.response
