"""CanFulfillIntentRequest: Alexa asks, without a session, whether this skill could take a request.
The answer is honest and has no side effects (nothing stored, nothing sent)."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_request_type
from ask_sdk_model.canfulfill import (CanFulfillIntent, CanFulfillIntentValues, CanFulfillSlot,
                                     CanFulfillSlotValues, CanUnderstandSlotValues)

from .. import library
from ..understanding.crisis import assess
from ..turn import locale, set_topic

# Intents this skill answers fully without asking anything more.
ALWAYS = {"OverdoseEmergencyIntent", "SuicidalCrisisIntent", "HelplineIntent", "FindTreatmentIntent",
          "AffirmationIntent", "AMAZON.HelpIntent"}
# Intents that only make sense inside a conversation with this skill, or need a permission first.
MAYBE = {"TellMeMoreIntent", "SourceIntent", "SendToPhoneIntent", "ReminderIntent", "CancelReminderIntent",
         "ForgetMeIntent", "AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.RepeatIntent"}


def decide(intent_name: str, slots: dict, loc: str | None) -> tuple[str, dict]:
    """(YES|NO|MAYBE for the intent, {slot name: (understand, fulfill)})."""
    lib = library.load()
    slot_answers = {}
    if intent_name == "QuestionIntent":
        text = " ".join(str(s.value) for s in (slots or {}).values() if s is not None and s.value)
        if text and assess(text, in_slot=True):
            verdict = "YES"
        else:
            from ..understanding import reading
            understood = reading.read(text, loc) if text else None
            verdict = "YES" if understood and understood.kind == reading.ANSWER and understood.topic != "out_of_scope" \
                else "NO"
        for name, slot in (slots or {}).items():
            slot_answers[name] = ("YES", "YES") if verdict == "YES" else ("NO", "NO")
        return verdict, slot_answers
    if intent_name in lib.data["entry_intents"] or intent_name in ALWAYS:
        verdict = "YES"
    elif intent_name in MAYBE:
        verdict = "MAYBE"
    else:
        verdict = "NO"
    for name in (slots or {}):
        slot_answers[name] = ("YES", "YES") if verdict != "NO" else ("NO", "NO")
    return verdict, slot_answers


class CanFulfillHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("CanFulfillIntentRequest")(handler_input)

    def handle(self, handler_input):
        set_topic(handler_input, None)
        intent = handler_input.request_envelope.request.intent
        name = getattr(intent, "name", None) or ""
        verdict, slot_answers = decide(name, getattr(intent, "slots", None) or {}, locale(handler_input))
        slots = {name: CanFulfillSlot(can_understand=CanUnderstandSlotValues(u), can_fulfill=CanFulfillSlotValues(f))
                 for name, (u, f) in slot_answers.items()}
        handler_input.response_builder.set_can_fulfill_intent(
            CanFulfillIntent(can_fulfill=CanFulfillIntentValues(verdict), slots=slots or None))
        return handler_input.response_builder.response


HANDLERS = [CanFulfillHandler()]
