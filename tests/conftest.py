"""Shared test helpers: a skill on an in-memory store, and a Dialog that talks to it like a person.

    def test_more(dialog):
        dialog.ask("how long does withdrawal last")
        assert "week" in dialog.say("tell me more").text
"""
from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "lambda"))

from recovery_guide import config as config_module  # noqa: E402
from recovery_guide.app import RecoveryGuide  # noqa: E402
from recovery_guide_local.envelopes import EnvelopeBuilder  # noqa: E402
from recovery_guide_local.conversation import Conversation, turn_from  # noqa: E402
from recovery_guide.persistence.memory_store import MemoryUserStore  # noqa: E402

LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
EMERGENCY = {"en-US": "911", "en-GB": "999", "en-CA": "911", "en-AU": "000", "en-IN": "112"}
# Project files the tests read (the repository is self-contained: nothing outside it is needed).
TOPICS_FILE = os.path.join(REPO, "content", "topics.md")
# The shared dev set, as fingerprints only: its sentences came from public pages and stay outside the project.
DEV_QUESTIONS = os.path.join(REPO, "bench", "data", "dev_questions.sha256")


def assert_valid_ssml(speech: str) -> None:
    assert speech.startswith("<speak>") and speech.endswith("</speak>"), speech
    ET.fromstring(speech)   # raises on anything that is not well-formed XML


def make_skill(store=None, **config_overrides) -> RecoveryGuide:
    base = config_module.load({})
    config = config_module.Config(**{**base.__dict__, "store": "memory", **config_overrides})
    return RecoveryGuide(config, store=store or MemoryUserStore())


class Dialog:
    """A person talking to the skill through the local matcher, one session carried across turns."""

    def __init__(self, skill: RecoveryGuide, locale: str = "en-US", user: str = "tester", today: str | None = None):
        self.skill = skill
        self.conversation = Conversation(skill, locale=locale, user=user, today=today)
        self.envelopes = self.conversation.envelopes

    def open(self):
        return self._checked(self.conversation.launch())

    def say(self, text: str):
        return self._checked(self.conversation.say(text))

    ask = say

    def send(self, envelope: dict, intent: str | None = None):
        """A hand-built envelope (events, CanFulfill, odd shapes) through the same skill."""
        response = self.skill.invoke(envelope)
        turn = turn_from(response, intent, self.skill.last_topic(), self.skill.last_judgement())
        self.envelopes.carry(response)
        return self._checked(turn, allow_silent=True)

    def intent(self, name: str, slots: dict | None = None):
        return self.send(self.envelopes.intent(name, slots), name)

    @staticmethod
    def _checked(turn, allow_silent: bool = False):
        if turn.speech or not allow_silent:
            assert_valid_ssml(turn.speech)
        if turn.reprompt:
            assert_valid_ssml(turn.reprompt)
        return turn


@pytest.fixture(scope="session")
def skill() -> RecoveryGuide:
    return make_skill()


@pytest.fixture
def store():
    return MemoryUserStore()


@pytest.fixture
def dialog(skill) -> Dialog:
    return Dialog(skill)


@pytest.fixture
def dialog_in():
    """dialog_in("en-GB") → a Dialog in that locale, sharing one skill."""
    shared = make_skill()

    def make(locale: str, **kwargs) -> Dialog:
        return Dialog(shared, locale=locale, **kwargs)
    return make


@pytest.fixture
def envelopes() -> EnvelopeBuilder:
    return EnvelopeBuilder()
