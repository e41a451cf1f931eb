""""Forget me" / "delete my data": confirmed with yes or no, then everything stored is deleted."""
from __future__ import annotations


from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_intent_name

from ..persistence.base import StoreUnavailable
from ..turn import pack, reply, services
from .answers import YES_ACTIONS
from .. import logs

log = logs.get(__name__)


class ForgetMeHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("ForgetMeIntent")(handler_input)

    def handle(self, handler_input):
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["forget_confirm"], reprompt=prompts["forget_confirm"],
                     offer={"kind": "forget_me"})


def forget_confirmed(handler_input, offer):
    prompts = pack(handler_input)["prompts"]
    # The reminder lives in Alexa, not in our store: delete it first, while its token is still known.
    from ..reminders import delete_stored_reminder   # the domain module: no handlers loaded
    delete_stored_reminder(handler_input)
    try:
        services(handler_input).forget_user(handler_input)
    except StoreUnavailable:
        log.error("forget_me_failed")
        return reply(handler_input, prompts["forget_failed"], reprompt=prompts["reprompt"])
    return reply(handler_input, prompts["forget_done"], reprompt=prompts["reprompt"])


YES_ACTIONS["forget_me"] = forget_confirmed

HANDLERS = [ForgetMeHandler()]
