"""One person talking to the skill locally: text in, what Alexa would say and show out.

Text goes through the local matcher to a request envelope, then through the same skill code
Lambda runs; the session carries over between turns like on a device.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recovery_guide import ssml
from recovery_guide.app import RecoveryGuide
from .envelopes import EnvelopeBuilder
from . import nlu


@dataclass
class Turn:
    intent: str | None
    topic: str | None
    speech: str
    text: str
    reprompt: str | None
    card: dict | None
    end_session: bool
    directives: list
    response: dict
    risk: str | None = None
    options: list | None = None

    def as_json(self) -> dict:
        return {"intent": self.intent, "topic": self.topic, "speech": self.speech, "text": self.text,
                "card": self.card, "end_session": self.end_session, "directives": self.directives,
                "risk": self.risk, "options": list(self.options or [])}


def user_id_for(name: str | None) -> str:
    return f"amzn1.ask.account.{name or 'local-user'}"


def timestamp_for(today: str | None) -> dt.datetime | None:
    if not today:
        return None
    day = dt.date.fromisoformat(today)
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.timezone.utc)


def turn_from(response_envelope: dict, intent: str | None, topic: str | None,
              judgement: dict | None = None) -> Turn:
    response = response_envelope.get("response") or {}
    speech = (response.get("outputSpeech") or {}).get("ssml", "")
    reprompt = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml")
    card = response.get("card")
    if card:
        card = {"type": card.get("type"), "title": card.get("title"),
                "text": card.get("content") or card.get("text")}
    directives = [d.get("type") for d in response.get("directives") or []]
    return Turn(intent=intent, topic=topic, speech=speech, text=ssml.to_text(speech), reprompt=reprompt,
                card=card, end_session=bool(response.get("shouldEndSession", True)), directives=directives,
                response=response_envelope, risk=(judgement or {}).get("risk"),
                options=(judgement or {}).get("options") or [])


class Conversation:
    def __init__(self, skill: RecoveryGuide, locale: str = "en-US", user: str | None = None,
                 today: str | None = None):
        self.skill = skill
        self.locale = locale
        self.nlu = nlu.for_locale(locale)
        self.envelopes = EnvelopeBuilder(locale=locale, user_id=user_id_for(user), timestamp=timestamp_for(today),
                                         skill_id=skill.config.skill_id or EnvelopeBuilder(locale).skill_id)

    def launch(self) -> Turn:
        return self._send(self.envelopes.launch(), None)

    def say(self, text: str) -> Turn:
        parse = self.nlu.parse(text)
        if parse.kind == "launch":
            return self.launch()
        return self._send(self.envelopes.intent(parse.intent, parse.slots), parse.intent)

    def _send(self, envelope: dict, intent: str | None) -> Turn:
        response = self.skill.invoke(envelope)
        turn = turn_from(response, intent, self.skill.last_topic(), self.skill.last_judgement())
        self.envelopes.carry(response)
        return turn
