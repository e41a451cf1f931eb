"""Skill events: enabled, disabled, permissions changed. These requests have no session, so
nothing here touches session attributes. Disabling the skill deletes everything stored."""
from __future__ import annotations


from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_request_type

from ..persistence.base import StoreUnavailable
from ..turn import services, set_topic
from .. import logs

log = logs.get(__name__)


class SkillDisabledHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input)

    def handle(self, handler_input):
        set_topic(handler_input, None)
        try:
            services(handler_input).forget_user(handler_input)
        except StoreUnavailable:
            # Alexa does not resend skill events; the record's TTL still removes it in 13 months.
            log.error("skill_disabled_delete_failed")
        return handler_input.response_builder.response


class OtherSkillEventHandler(AbstractRequestHandler):
    """Enabled, account linked, permission accepted or changed: nothing to store, nothing to say."""
    def can_handle(self, handler_input):
        request_type = handler_input.request_envelope.request.object_type or ""
        return request_type.startswith("AlexaSkillEvent.")

    def handle(self, handler_input):
        set_topic(handler_input, None)
        return handler_input.response_builder.response


HANDLERS = [SkillDisabledHandler(), OtherSkillEventHandler()]
