"""Questions and the dialog around an answer: tell me more, where is that from, yes to an offer."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import get_slot, is_intent_name, is_request_type

from .. import library, ssml
from ..turn import TOPIC_KEY, locale, pack, reply, session
from . import lazy
from .lazy import OFFER_MODULES, TOPIC_MODULES

QUESTION_INTENT = "QuestionIntent"
OUT_OF_SCOPE = "out_of_scope"
# Which part of the entry was said last ("answer" or "more"), so "where is that from?" names the
# source of what the listener just heard.
PART_KEY = "part"


def _said(handler_input, part: str) -> None:
    attrs = session(handler_input)
    if attrs is not None:
        attrs[PART_KEY] = part


# Topics answered by another capability rather than by the entry's text (the daily affirmation):
# topic -> function(handler_input, intro_ssml). Modules register theirs.
TOPIC_ROUTES: dict = {}


def answer_entry(handler_input, entry_id: str, *, intro: str | None = None, topic: str | None = None,
                 risk: str | None = None):
    """Speak an entry. `intro` (SSML) goes first, and `topic`/`risk` override the entry's own, when a
    turn judged at risk is answered: the crisis line first, then what was asked."""
    speech = library.load().entry_speech(locale(handler_input), entry_id)
    if speech is None:    # an entry not offered in this country
        return answer_out_of_scope(handler_input)
    entry_topic = library.load().entries[entry_id]["topic"]
    _said(handler_input, "answer")
    route = topic_route(entry_topic)
    if route is not None and intro is None:
        return route(handler_input, speech["answer"])
    offer = {"kind": "helpline"} if speech.get("offer") == "helpline" else {"kind": "more", "id": entry_id}
    text = f"{intro} {speech['answer']}" if intro else speech["answer"]
    return reply(handler_input, text, reprompt=speech["reprompt"], card=speech["card"],
                 topic=topic or entry_topic, offer=offer, entry=entry_id, risk=risk)


def answer_more(handler_input, entry_id: str):
    speech = library.load().entry_speech(locale(handler_input), entry_id)
    if speech is None:
        return answer_out_of_scope(handler_input)
    topic = library.load().entries[entry_id]["topic"]
    nxt = speech.get("next")
    _said(handler_input, "more")
    return reply(handler_input, speech["more"], reprompt=speech["more_reprompt"], card=speech["more_card"],
                 topic=topic, offer={"kind": "entry", "id": nxt} if nxt else None, entry=entry_id)


def answer_out_of_scope(handler_input):
    prompts = pack(handler_input)["prompts"]
    return reply(handler_input, prompts["out_of_scope"], reprompt=prompts["reprompt"], topic=OUT_OF_SCOPE,
                 offer={"kind": "helpline"})


def ask_back(handler_input, options: list):
    """Two answers are close: ask which one would help, and remember what was offered."""
    prompts = pack(handler_input)["prompts"]
    entries = library.load().entries
    offers = [ssml.escape(entries[e].get("offer") or entries[e]["title"].lower()) for _, e in options]
    if len(offers) == 1:
        speech = prompts["ask_back_one"].format(first=offers[0])
        offer = {"kind": "entry", "id": options[0][1]}
    else:
        speech = prompts["ask_back_two"].format(first=offers[0], second=offers[1])
        offer = None
    response = reply(handler_input, speech, reprompt=prompts["ask_back_reprompt"] if len(offers) > 1 else speech,
                     offer=offer, options=[t for t, _ in options])
    attrs = session(handler_input)
    if attrs is not None:
        attrs["choices"] = [{"topic": t, "entry": e} for t, e in options]
    return response


def small_talk(handler_input, kind: str):
    prompts = pack(handler_input)["prompts"]
    speech = prompts.get(f"small_talk_{kind}") or prompts["yes_without_offer"]
    if kind == "bye":
        return reply(handler_input, speech, end=True)
    return reply(handler_input, speech, reprompt=prompts["reprompt"])


def follow_up(handler_input, kind: str, context: dict):
    """A follow-up that names nothing ("tell me more", "another one"): the last entry decides."""
    entry_id = context.get("entry")
    known = entry_id in library.load().entries if entry_id else False
    if kind == "another" and context.get(TOPIC_KEY) == "affirmation":
        return topic_route("affirmation")(handler_input, None, another=True)
    if known and kind == "another":
        nxt = (library.load().entry_speech(locale(handler_input), entry_id) or {}).get("next")
        if nxt:
            return answer_entry(handler_input, nxt)
    if known and kind in ("more", "another"):
        return answer_more(handler_input, entry_id)
    prompts = pack(handler_input)["prompts"]
    return reply(handler_input, prompts["more_without_topic"], reprompt=prompts["reprompt"])


def topic_route(topic: str):
    """The capability that answers this topic instead of the entry's text, if any (imported on first use)."""
    if topic in TOPIC_MODULES and topic not in TOPIC_ROUTES:
        lazy.load(TOPIC_MODULES[topic])     # registers its route
    return TOPIC_ROUTES.get(topic)


def answer_text(handler_input, text: str):
    """Understand free text in the conversation so far, and answer it. (Crisis is checked before this.)"""
    from ..understanding import reading
    attrs = session(handler_input) or {}
    choices = attrs.get("choices")
    if isinstance(choices, list) and choices and all(isinstance(c, dict) for c in choices):
        picked = reading.choose(text, choices, locale(handler_input))
        if picked is not None and choices[picked].get("entry") in library.load().entries:
            return answer_entry(handler_input, choices[picked]["entry"])
    understood = reading.read(text, locale(handler_input), context=attrs)
    if understood.kind == reading.ANSWER:
        return answer_entry(handler_input, understood.entry)
    if understood.kind == reading.ASK_BACK:
        return ask_back(handler_input, understood.options)
    if understood.kind == reading.SMALL_TALK:
        return small_talk(handler_input, understood.detail)
    if understood.kind == reading.NUMBER:
        from . import helplines
        return helplines.number_response(handler_input, understood.detail, reading.ordinal(text), words=text)
    if understood.kind == reading.FOLLOW_UP:
        return follow_up(handler_input, understood.detail, attrs)
    if understood.topic is None:   # about opioids, but not clear what: say what can be asked
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["not_sure"], reprompt=prompts["reprompt"], offer={"kind": "helpline"})
    return answer_out_of_scope(handler_input)


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
        if not isinstance(entry_id, str) or entry_id not in library.load().entries:
            prompts = pack(handler_input)["prompts"]
            return reply(handler_input, prompts["more_without_topic"], reprompt=prompts["reprompt"])
        return answer_more(handler_input, entry_id)


class SourceHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("SourceIntent")(handler_input)

    def handle(self, handler_input):
        attrs = session(handler_input) or {}
        entry_id = attrs.get("entry")
        speech = library.load().entry_speech(locale(handler_input), entry_id) if isinstance(entry_id, str) else None
        if speech is None:
            prompts = pack(handler_input)["prompts"]
            return reply(handler_input, prompts["source_without_topic"], reprompt=prompts["reprompt"])
        topic = library.load().entries[entry_id]["topic"]
        if attrs.get(PART_KEY) == "more" and speech.get("more_source"):
            return reply(handler_input, speech["more_source"], reprompt=speech["more_reprompt"],
                         card=speech["more_source_card"], topic=topic,
                         offer={"kind": "entry", "id": speech["next"]} if speech.get("next") else None,
                         entry=entry_id)
        return reply(handler_input, speech["source"], reprompt=speech["reprompt"], card=speech["source_card"],
                     topic=topic, offer={"kind": "more", "id": entry_id}, entry=entry_id)


class YesHandler(AbstractRequestHandler):
    """"Yes" accepts whatever was last offered; with nothing on offer it asks what the person wants."""
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.YesIntent")(handler_input)

    def handle(self, handler_input):
        offer = (session(handler_input) or {}).get("offer")
        offer = offer if isinstance(offer, dict) else {}      # session attributes come from the client
        kind = offer.get("kind") if isinstance(offer.get("kind"), str) else None
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

class ChooseOptionHandler(AbstractRequestHandler):
    """"The second one": one of the two things just offered, or one of the lines just read."""
    def can_handle(self, handler_input):
        return is_intent_name("ChooseOptionIntent")(handler_input)

    def handle(self, handler_input):
        slot = get_slot(handler_input, "choice")
        words = str(getattr(slot, "value", None) or "")
        attrs = session(handler_input) or {}
        if attrs.get("choices"):
            return answer_text(handler_input, words or "the first one")
        from ..understanding import reading
        from . import helplines
        if attrs.get("lines"):
            return helplines.number_response(handler_input, "ordinal", reading.ordinal(words))
        prompts = pack(handler_input)["prompts"]
        return reply(handler_input, prompts["yes_without_offer"], reprompt=prompts["reprompt"])


HANDLERS = [QuestionHandler(), EntryIntentHandler(), TellMeMoreHandler(), SourceHandler(), YesHandler(),
            ChooseOptionHandler()]
