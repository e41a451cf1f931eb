"""Launch, help, stop, repeat, home, fallback, session end: the turns around the answers."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_intent_name, is_request_type

from ..turn import pack, reply, set_topic, vouched_last


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["launch"], reprompt=prompts["reprompt"])


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input):
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["help"], reprompt=prompts["reprompt"], card=prompts["help_card"])


class HomeHandler(AbstractRequestHandler):
    """"Start over" / "go home": back to the menu, forgetting what "yes" would have meant."""
    def can_handle(self, handler_input):
        return (is_intent_name("AMAZON.NavigateHomeIntent")(handler_input)
                or is_intent_name("AMAZON.StartOverIntent")(handler_input))

    def handle(self, handler_input):
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["home"], reprompt=prompts["reprompt"])


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return (is_intent_name("AMAZON.StopIntent")(handler_input)
                or is_intent_name("AMAZON.CancelIntent")(handler_input)
                or is_intent_name("AMAZON.PauseIntent")(handler_input))

    def handle(self, handler_input):
        return reply(handler_input, pack(handler_input)["prompts"]["goodbye"], end=True, remember=False)


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input):
        last = vouched_last(handler_input)    # only what the skill itself said (sealed)
        if last is None:
            prompts = pack(handler_input)["prompts"]
            return reply(handler_input, prompts["nothing_to_repeat"], reprompt=prompts["reprompt"])
        return reply(handler_input, last["speech"], reprompt=last.get("reprompt"), card=last.get("card"),
                     topic=last.get("topic"), offer=last.get("offer"))


class NoHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input):
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["no_thanks"], reprompt=prompts["reprompt"])


class FallbackHandler(AbstractRequestHandler):
    """Alexa could not map the words to an intent; it sends no text, so offer the menu and a helpline."""
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def handle(self, handler_input):
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["fallback"], reprompt=prompts["reprompt"],
                     offer={"kind": "helpline"})


class UnknownIntentHandler(AbstractRequestHandler):
    """An intent this skill does not have (a stale model, a fuzzed request): treat it as fallback."""
    def can_handle(self, handler_input):
        return is_request_type("IntentRequest")(handler_input)

    def handle(self, handler_input):
        return FallbackHandler().handle(handler_input)


class SessionEndedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input):
        # Alexa accepts no speech here; an empty response closes the session cleanly.
        set_topic(handler_input, None)
        return handler_input.response_builder.response


class OtherRequestHandler(AbstractRequestHandler):
    """Any other request type (System.ExceptionEncountered, display or audio events): acknowledge quietly."""
    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        set_topic(handler_input, None)
        return handler_input.response_builder.response


HANDLERS = [LaunchHandler(), HelpHandler(), HomeHandler(), StopHandler(), RepeatHandler(), NoHandler(),
            FallbackHandler(), SessionEndedHandler()]
LAST_HANDLERS = [UnknownIntentHandler(), OtherRequestHandler()]
