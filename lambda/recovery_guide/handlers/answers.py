"""Questions and the dialog around an answer: tell me more, where is that from, yes to an offer."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import get_slot, is_intent_name, is_request_type

from .. import library
from ..turn import locale, pack, reply, session
from . import lazy
from .lazy import OFFER_MODULES, TOPIC_MODULES

QUESTION_INTENT = "QuestionIntent"
OUT_OF_SCOPE = "out_of_scope"


# Topics answered by another capability rather than by the entry's text (the daily affirmation):
# topic -> function(handler_input, intro_ssml). Modules register theirs.
TOPIC_ROUTES: dict = {}


def answer_entry(handler_input, entry_id: str):
    speech = library.load().entry_speech(locale(handler_input), entry_id)
    if speech is None:    # an entry not offered in this country
        return answer_out_of_scope(handler_input)
    topic = library.load().entries[entry_id]["topic"]
    if topic in TOPIC_MODULES and topic not in TOPIC_ROUTES:
        lazy.load(TOPIC_MODULES[topic])     # registers its route
    if topic in TOPIC_ROUTES:
        return TOPIC_ROUTES[topic](handler_input, speech["answer"])
    offer = {"kind": "helpline"} if speech.get("offer") == "helpline" else {"kind": "more", "id": entry_id}
    return reply(handler_input, speech["answer"], reprompt=speech["reprompt"], card=speech["card"],
                 topic=topic, offer=offer, entry=entry_id)


def answer_more(handler_input, entry_id: str):
    speech = library.load().entry_speech(locale(handler_input), entry_id)
    if speech is None:
        return answer_out_of_scope(handler_input)
    topic = library.load().entries[entry_id]["topic"]
    nxt = speech.get("next")
    return reply(handler_input, speech["more"], reprompt=speech["more_reprompt"], card=speech["more_card"],
                 topic=topic, offer={"kind": "entry", "id": nxt} if nxt else None, entry=entry_id)


def answer_out_of_scope(handler_input):
    prompts = pack(handler_input)["prompts"]
    return reply(handler_input, prompts["out_of_scope"], reprompt=prompts["reprompt"], topic=OUT_OF_SCOPE,
                 offer={"kind": "helpline"})


def answer_text(handler_input, text: str):
    """Match free text to an entry, or say what the skill covers. (Crisis is checked before this.)"""
    match = library.load().matcher(locale(handler_input)).best(text or "")
    if match is None:
        return answer_out_of_scope(handler_input)
    return answer_entry(handler_input, match.entry_id)


class QuestionHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name(QUESTION_INTENT)(handler_input)

    def handle(self, handler_input):
        # Devices and emulators send the words as the slot's `value` (slotValue is only for
        # multi-value slots), which get_slot_value_v2 ignores.
        slot = get_slot(handler_input, "query")
        text = getattr(slot, "value", None) or getattr(getattr(slot, "slot_value", None), "value", None)
        return answer_text(handler_input, str(text or ""))


class EntryIntentHandler(AbstractRequestHandler):
    """The interaction model has one intent per entry, generated from its phrasings."""
    def can_handle(self, handler_input):
        if not is_request_type("IntentRequest")(handler_input):
            return False
        name = handler_input.request_envelope.request.intent.name
        return name in library.load().data["entry_intents"]

    def handle(self, handler_input):
        name = handler_input.request_envelope.request.intent.name
        return answer_entry(handler_input, library.load().data["entry_intents"][name])


class TellMeMoreHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("TellMeMoreIntent")(handler_input)

    def handle(self, handler_input):
        entry_id = (session(handler_input) or {}).get("entry")
        if not entry_id or entry_id not in library.load().entries:
            prompts = pack(handler_input)["prompts"]
            return reply(handler_input, prompts["more_without_topic"], reprompt=prompts["reprompt"])
        return answer_more(handler_input, entry_id)


class SourceHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("SourceIntent")(handler_input)

    def handle(self, handler_input):
        attrs = session(handler_input) or {}
        entry_id = attrs.get("entry")
        speech = library.load().entry_speech(locale(handler_input), entry_id) if entry_id else None
        if speech is None:
            prompts = pack(handler_input)["prompts"]
            return reply(handler_input, prompts["source_without_topic"], reprompt=prompts["reprompt"])
        topic = library.load().entries[entry_id]["topic"]
        return reply(handler_input, speech["source"], reprompt=speech["reprompt"], card=speech["source_card"],
                     topic=topic, offer={"kind": "more", "id": entry_id}, entry=entry_id)


class YesHandler(AbstractRequestHandler):
    """"Yes" accepts whatever was last offered; with nothing on offer it asks what the person wants."""
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.YesIntent")(handler_input)

    def handle(self, handler_input):
        offer = (session(handler_input) or {}).get("offer") or {}
        kind = offer.get("kind")
        if kind in OFFER_MODULES and kind not in YES_ACTIONS:
            lazy.load(OFFER_MODULES[kind])   # registers what "yes" does for its offers
        accept = YES_ACTIONS.get(kind)
        if accept is not None:
            return accept(handler_input, offer)
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["yes_without_offer"], reprompt=prompts["reprompt"])


# What "yes" does for each kind of offer; other modules register theirs (helplines, privacy, phone).
# answer_entry/answer_more already fall back to out-of-scope for an id this country's pack lacks.
YES_ACTIONS = {
    "more": lambda hi, offer: answer_more(hi, str(offer.get("id"))),
    "entry": lambda hi, offer: answer_entry(hi, str(offer.get("id"))),
}

HANDLERS = [QuestionHandler(), EntryIntentHandler(), TellMeMoreHandler(), SourceHandler(), YesHandler()]
