"""Helplines and finding treatment: the right lines for the country, read digit by digit."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_intent_name

from ..turn import pack, reply
from .answers import YES_ACTIONS


def helpline_response(handler_input, which: str = "helpline"):
    response = pack(handler_input)[which]
    return reply(handler_input, response["speech"], reprompt=response["reprompt"], card=response["card"],
                 topic="helpline" if which == "helpline" else "find_treatment",
                 offer={"kind": "send", "what": which})


class HelplineHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("HelplineIntent")(handler_input)

    def handle(self, handler_input):
        return helpline_response(handler_input, "helpline")


class FindTreatmentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("FindTreatmentIntent")(handler_input)

    def handle(self, handler_input):
        return helpline_response(handler_input, "treatment")


YES_ACTIONS["helpline"] = lambda hi, offer: helpline_response(hi, "helpline")

HANDLERS = [HelplineHandler(), FindTreatmentHandler()]
