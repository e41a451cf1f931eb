"""Helplines and finding treatment: the right lines for the country, read digit by digit."""
from __future__ import annotations

import re

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_intent_name

from ..turn import pack, reply, session
from .answers import YES_ACTIONS


def helpline_response(handler_input, which: str = "helpline", topic: str | None = None):
    response = pack(handler_input)[which]
    topic = topic or ("helpline" if which == "helpline" else "find_treatment")
    return _lines_reply(handler_input, response, topic, {"kind": "send", "what": which}, response.get("lines") or [])


def _lines_reply(handler_input, response: dict, topic: str, offer: dict, lines: list):
    result = reply(handler_input, response["speech"], reprompt=response["reprompt"], card=response["card"],
                   topic=topic, offer=offer)
    remember_lines(handler_input, lines)
    return result


def remember_lines(handler_input, lines: list) -> None:
    """The lines just said, for "what was the second one" and "say the number again"."""
    attrs = session(handler_input)
    if attrs is not None and lines:
        attrs["lines"] = list(lines)


def line_response(handler_input, line_id: str):
    """One line on its own: the crisis line, the drug helpline, or one of a list said before."""
    response = pack(handler_input)["lines"]["speech"].get(line_id)
    if response is None:
        return helpline_response(handler_input, "helpline")
    return _lines_reply(handler_input, response, "helpline", {"kind": "send", "what": "helpline"}, [line_id])


def named_line(lines: dict, words: str | None) -> str | None:
    """The one line of the country the words name ("should I be ringing 111", "is FRANK free"), if one."""
    if not words:
        return None
    padded = " " + " ".join(re.sub(r"[^a-z0-9 ]+", " ", words.lower()).split()) + " "
    digits = " " + " ".join(re.sub(r"(?<=\d) (?=\d)", "", padded).split()) + " "
    named = {lid for lid, names in (lines.get("named") or {}).items()
             if any(f" {n} " in (digits if n.isdigit() else padded) for n in names)}
    return named.pop() if len(named) == 1 else None


def number_response(handler_input, need: str, position: int | None = None, words: str | None = None):
    """Any way of asking for a number: the right line for the country, its number in the first
    two sentences. `need` is what the words asked for: any, drug, crisis, treatment, again, ordinal;
    a line the words name ("should I ring 111") comes before the need."""
    lines = pack(handler_input)["lines"]
    named = named_line(lines, words) if need in ("any", "drug", "crisis", "treatment") else None
    if named in lines["speech"]:
        return line_response(handler_input, named)
    said = [lid for lid in ((session(handler_input) or {}).get("lines") or []) if lid in lines["speech"]]
    if need == "again":
        if not said:
            return helpline_response(handler_input, "helpline")
        speeches = [lines["speech"][lid] for lid in said]
        response = {"speech": " ".join(s["line"] for s in speeches) + " " + speeches[-1]["closing"],
                    "reprompt": speeches[-1]["reprompt"],
                    "card": {"title": "Helplines", "text": " ".join(s["card"]["text"] for s in speeches)}}
        return _lines_reply(handler_input, response, "helpline", {"kind": "send", "what": "helpline"}, said)
    if need == "ordinal":
        if not said:
            return helpline_response(handler_input, "helpline")
        return line_response(handler_input, said[position if position is not None and position < len(said) else -1])
    if need == "treatment":
        # Asked for a number: a helpline answer, with the way into treatment after the line.
        return helpline_response(handler_input, "treatment", topic="helpline")
    line_id = lines["needs"].get(need)
    if line_id:
        return line_response(handler_input, line_id)
    return helpline_response(handler_input, "helpline")


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


class NumberRequestHandler(AbstractRequestHandler):
    """A request for one line in particular, or for the number again, as the device routed it."""
    NEEDS = {"CrisisLineIntent": "crisis", "DrugHelplineIntent": "drug", "NumberAgainIntent": "again"}

    def can_handle(self, handler_input):
        return any(is_intent_name(name)(handler_input) for name in self.NEEDS)

    def handle(self, handler_input):
        return number_response(handler_input, self.NEEDS[handler_input.request_envelope.request.intent.name])


YES_ACTIONS["helpline"] = lambda hi, offer: helpline_response(hi, "helpline")

HANDLERS = [HelplineHandler(), FindTreatmentHandler(), NumberRequestHandler()]
