"""Crisis first: an overdose or a suicidal crisis, recognised on every path, answered with the
country's emergency number in the first sentence."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_intent_name, is_request_type

from ..understanding.crisis import OVERDOSE, SUICIDE, assess
from ..understanding.risk import AT_RISK, EMERGENCY
from ..turn import locale, pack, reply, session
from . import emergency

_DETECTED = "crisis_in_free_text"
CRISIS_INTENTS = {"OverdoseEmergencyIntent": OVERDOSE, "SuicidalCrisisIntent": SUICIDE}


def crisis_response(handler_input, kind: str):
    country_pack = pack(handler_input)
    response = country_pack["crisis"][kind]
    emergency.start(handler_input, kind)    # the follow-ups are read in this emergency's context
    # The mode's reprompt keeps them company ("Are they breathing?"; the number again after a suicide answer).
    reprompt = (country_pack.get("emergency_steps") or {}).get(kind, {}).get("reprompt") or response["reprompt"]
    return reply(handler_input, response["speech"], reprompt=reprompt, card=response["card"],
                 topic=kind, offer={"kind": "send", "what": kind}, risk=EMERGENCY)


def free_text(handler_input) -> str:
    """Every slot value of an intent request, joined: the only free text Alexa sends a skill."""
    request = handler_input.request_envelope.request
    slots = getattr(getattr(request, "intent", None), "slots", None) or {}
    return " ".join(str(s.value) for s in slots.values() if s is not None and s.value)


def at_risk_response(handler_input, kind: str, text: str):
    """Someone who may not be safe: the emergency number and the crisis line first, a warm word, then
    what they asked, if they asked something the library answers."""
    from ..understanding import reading
    from .answers import answer_entry
    intro = pack(handler_input)["prompts"]["at_risk"]
    understood = reading.read(text, locale(handler_input))
    if understood.kind == reading.ANSWER and understood.topic not in ("out_of_scope", "affirmation"):
        return answer_entry(handler_input, understood.entry, intro=intro, topic=kind, risk=AT_RISK)
    lines = pack(handler_input)["lines"]
    # "What's the SAMHSA number? I've nobody since I got out": after the crisis line, the drug line they asked
    # for (or, asked for any number, the drug line too: the crisis line is already said).
    need = {"any": "drug", "drug": "drug", "treatment": "treatment"}.get(understood.detail or "")
    asked = lines["needs"].get(need) if understood.kind == reading.NUMBER and need else None
    if asked in lines["speech"]:
        from .helplines import remember_lines
        said = lines["speech"][asked]
        remember_lines(handler_input, [asked])
        return reply(handler_input, intro + " " + said["line"], reprompt=said["reprompt"], card=said["card"], topic=kind,
                     offer={"kind": "send", "what": "helpline"}, risk=AT_RISK)
    line = pack(handler_input)["crisis"][SUICIDE]
    return reply(handler_input, intro, reprompt=line["reprompt"], card=line["card"], topic=kind,
                 offer={"kind": "send", "what": SUICIDE}, risk=AT_RISK)


class FreeTextCrisisHandler(AbstractRequestHandler):
    """Runs before every other intent handler: whatever intent carried the words, a crisis wins."""
    def can_handle(self, handler_input):
        if not is_request_type("IntentRequest")(handler_input):
            return False
        text = free_text(handler_input)
        after_at_risk = (session(handler_input) or {}).get("topic") in (OVERDOSE, SUICIDE)
        risk = assess(text, in_slot=True, after_at_risk=after_at_risk) if text else None
        # Kept for handle(): reading slot text costs up to ten detector passes; once per request is enough.
        handler_input.attributes_manager.request_attributes[_DETECTED] = (risk, text)
        return risk is not None

    def handle(self, handler_input):
        risk, text = handler_input.attributes_manager.request_attributes[_DETECTED]
        if risk.level == EMERGENCY:
            return crisis_response(handler_input, risk.kind)
        return at_risk_response(handler_input, risk.kind, text)


class CrisisIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return any(is_intent_name(name)(handler_input) for name in CRISIS_INTENTS)

    def handle(self, handler_input):
        return crisis_response(handler_input, CRISIS_INTENTS[handler_input.request_envelope.request.intent.name])


HANDLERS = [FreeTextCrisisHandler(), CrisisIntentHandler()]
