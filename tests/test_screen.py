"""On an Echo Show the numbers just spoken appear large; on a speaker nothing changes.

The same conversation is held on both devices: the screen adds one APL RenderDocument directive
and never changes a word of what Alexa says.
"""
from __future__ import annotations

import json

import pytest

from conftest import Dialog, make_skill
from recovery_guide import library, screen
from recovery_guide import phone

APL_DEVICE = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}
SPEAKER = {"AudioPlayer": {}}
RENDER = "Alexa.Presentation.APL.RenderDocument"


@pytest.fixture(scope="module")
def shared_skill():
    return make_skill()


def on(device: dict, skill, locale: str = "en-US") -> Dialog:
    talk = Dialog(skill, locale=locale)
    talk.envelopes.supported_interfaces = dict(device)
    return talk


def render(turn) -> dict | None:
    found = [d for d in turn.response["response"].get("directives") or [] if d["type"] == RENDER]
    assert len(found) <= 1
    return found[0] if found else None


def shown_numbers(turn) -> list[str]:
    return [line["number"] for line in render(turn)["datasources"]["numbers"]["lines"]]


def helpline_numbers(locale: str = "en-US") -> list[dict]:
    lib = library.load()
    return [lib.data["helplines"][i] for i in lib.pack(locale)["helpline"]["lines"]]


@pytest.fixture(autouse=True)
def library_has_us_helplines():
    if not helpline_numbers():
        pytest.skip("the compiled library has no US helplines yet")


def test_a_screen_shows_the_helpline_numbers_large_with_their_names(shared_skill):
    turn = on(APL_DEVICE, shared_skill).say("give me a helpline number")

    directive = render(turn)
    assert directive is not None and directive["token"] == "helpline"
    assert directive["document"]["type"] == "APL" and directive["document"]["version"].startswith("2023.")
    lines = directive["datasources"]["numbers"]["lines"]
    assert [line["number"] for line in lines] == [line["number"] for line in helpline_numbers()]
    assert [line["label"].lower() for line in lines] == [line["name"].lower() for line in helpline_numbers()]
    big = json.dumps(directive["document"])
    assert "${data.number}" in big and "${data.label}" in big


def test_a_speaker_gets_no_screen_and_hears_exactly_the_same(shared_skill):
    with_screen = on(APL_DEVICE, shared_skill).say("give me a helpline number")
    speaker = on(SPEAKER, shared_skill).say("give me a helpline number")
    no_interfaces = on({}, shared_skill).say("give me a helpline number")

    assert render(speaker) is None and render(no_interfaces) is None
    assert speaker.directives == [] and no_interfaces.directives == []
    assert with_screen.speech == speaker.speech == no_interfaces.speech
    assert with_screen.reprompt == speaker.reprompt
    assert with_screen.card == speaker.card


def test_in_a_crisis_the_emergency_number_comes_first(shared_skill):
    talk = on(APL_DEVICE, shared_skill)
    spoken = talk.intent("SuicidalCrisisIntent")

    emergency = library.load().pack("en-US")["emergency"]
    assert shown_numbers(spoken)[0] == emergency
    assert render(spoken)["datasources"]["numbers"]["lines"][0]["label"] == "Emergency"
    assert spoken.speech == on(SPEAKER, shared_skill).intent("SuicidalCrisisIntent").speech


def test_the_overdose_answer_shows_the_emergency_number_it_speaks(shared_skill):
    turn = on(APL_DEVICE, shared_skill).intent("OverdoseEmergencyIntent")

    us = library.load().pack("en-US")
    own = [library.load().data["helplines"][i]["number"] for i in us["crisis"]["crisis_overdose"]["lines"]]
    assert shown_numbers(turn) == [us["emergency"]] + own


def test_yes_after_the_overdose_answer_repeats_the_steps_rather_than_texting(shared_skill):
    talk = on(APL_DEVICE, shared_skill)
    answer = talk.intent("OverdoseEmergencyIntent")

    again = talk.intent("AMAZON.YesIntent")

    assert again.speech == answer.speech
    assert shown_numbers(again)[0] == library.load().pack("en-US")["emergency"]


def test_finding_treatment_shows_its_numbers(shared_skill):
    turn = on(APL_DEVICE, shared_skill).say("find treatment near me")
    lines = library.load().pack("en-US")["treatment"]["lines"]
    if not lines:
        pytest.skip("no treatment line for the US in this library")
    assert shown_numbers(turn) == [library.load().data["helplines"][i]["number"] for i in lines]


def test_answers_without_numbers_show_nothing(shared_skill):
    talk = on(APL_DEVICE, shared_skill)
    assert render(talk.open()) is None
    assert render(talk.say("how long does withdrawal last")) is None


def test_saying_stop_after_the_numbers_shows_nothing_more(shared_skill):
    talk = on(APL_DEVICE, shared_skill)
    talk.say("give me a helpline number")
    assert render(talk.intent("AMAZON.StopIntent")) is None


def test_repeat_shows_the_numbers_again(shared_skill):
    talk = on(APL_DEVICE, shared_skill)
    first = talk.say("give me a helpline number")
    again = talk.intent("AMAZON.RepeatIntent")
    assert again.speech == first.speech
    assert shown_numbers(again) == shown_numbers(first)


def test_the_send_to_phone_answer_shows_the_numbers_too():
    talk = on(APL_DEVICE, make_skill(sms_enabled=False))
    talk.say("give me a helpline number")

    turn = talk.say("send it to my phone")

    assert "Texting isn't turned on" in turn.text
    assert shown_numbers(turn) == [line["number"] for line in helpline_numbers()]


def test_no_screen_next_to_the_voice_permission_request():
    talk = on(APL_DEVICE, make_skill(sms_enabled=True))
    talk.envelopes.api_access_token = "api-token"      # no consent token: Alexa asks by voice

    turn = talk.say("send it to my phone")

    assert turn.directives == ["Connections.SendRequest"]


def test_a_broken_screen_never_costs_the_crisis_answer(shared_skill, mocker):
    spoken = on(SPEAKER, shared_skill).intent("SuicidalCrisisIntent")
    mocker.patch.object(phone, "numbers_for_screen", side_effect=RuntimeError("boom"))

    turn = on(APL_DEVICE, shared_skill).intent("SuicidalCrisisIntent")

    assert turn.speech == spoken.speech
    assert render(turn) is None


def test_the_whole_response_stays_well_under_alexas_size_limit(shared_skill):
    turn = on(APL_DEVICE, shared_skill).intent("SuicidalCrisisIntent")
    assert render(turn) is not None
    assert len(json.dumps(turn.response).encode("utf-8")) < 24 * 1024
    assert len(json.dumps(screen.DOCUMENT)) < 4000
