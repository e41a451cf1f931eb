"""Stay with them: after an overdose or suicide-crisis answer, the skill stays in the emergency.

Each test reads as a conversation from issue 12, in every locale: the follow-up is answered in the
emergency's context, one short step at a time, with the number first until the listener says they
have called, risk "emergency", the crisis topic, and the session kept open.
"""
from __future__ import annotations

import json
import os

import pytest

from conftest import EMERGENCY, LOCALES, REPO, Dialog, make_skill
from recovery_guide import emergency, library

REPROMPT = "Are they breathing? You can say breathing, not breathing, or awake."


@pytest.fixture(scope="module")
def skill():
    return make_skill()


def talk(skill, locale: str) -> Dialog:
    dialog = Dialog(skill, locale=locale)
    first = dialog.say("my friend overdosed and he won't wake up")
    assert first.risk == "emergency" and first.topic == "crisis_overdose"
    assert first.text.startswith(f"Call {EMERGENCY[locale]} now")
    assert REPROMPT in first.reprompt
    return dialog


def in_the_emergency(turn, locale: str, *, number: bool = True, kind: str = "crisis_overdose"):
    assert turn.risk == "emergency" and turn.topic == kind, (turn.intent, turn.text)
    assert turn.end_session is False
    if kind == "crisis_overdose":
        assert REPROMPT in turn.reprompt
    if number:
        assert EMERGENCY[locale] in turn.text.split(".")[0], turn.text
    return turn


def steps(locale: str) -> dict:
    return library.load().pack(locale)["emergency_steps"]["crisis_overdose"]["steps"]


@pytest.mark.parametrize("locale", LOCALES)
def test_no_naloxone_hears_what_to_do_without_it(skill, locale):
    dialog = talk(skill, locale)
    turn = in_the_emergency(dialog.say("I don't have Narcan"), locale)
    assert turn.text.startswith(f"If you haven't called {EMERGENCY[locale]} yet, call now.")
    assert steps(locale)["no_naloxone"]["text"] in turn.text
    assert "on their side" in turn.text and "who should" not in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_the_shower_is_a_myth_told_kindly(skill, locale):
    dialog = talk(skill, locale)
    turn = in_the_emergency(dialog.say("should I put him in the shower"), locale)
    assert "cold bath or shower" in turn.text and "buprenorphine" not in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_breathing_now_hears_the_recovery_position(skill, locale):
    dialog = talk(skill, locale)
    turn = in_the_emergency(dialog.say("he is breathing now"), locale)
    assert steps(locale)["breathing_not_waking"]["text"] in turn.text
    assert "return to use" not in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_signs_of_getting_worse_keep_the_emergency_with_the_number_first(skill, locale):
    dialog = talk(skill, locale)
    gurgling = dialog.say("they're gurgling")
    in_the_emergency(gurgling, locale)
    assert "on their side" in gurgling.text
    blue = dialog.say("his lips are going blue")
    in_the_emergency(blue, locale)
    assert "naloxone" in blue.text
    in_the_emergency(dialog.say("what now"), locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_weak_guess_neither_ends_the_emergency_nor_counts_as_having_called(skill, locale):
    dialog = talk(skill, locale)
    alone = dialog.say("i'm alone with them")
    in_the_emergency(alone, locale)
    assert "most important thing" not in alone.text
    in_the_emergency(dialog.say("what now"), locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_cpr_and_not_breathing_go_to_the_dispatcher(skill, locale):
    dialog = talk(skill, locale)
    turn = in_the_emergency(dialog.say("should I do CPR"), locale)
    assert steps(locale)["not_breathing"]["text"] in turn.text
    assert "not breathing" in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_two_minutes_and_nothing_hears_about_another_dose(skill, locale):
    dialog = talk(skill, locale)
    turn = in_the_emergency(dialog.say("it's been two minutes and nothing happened"), locale)
    assert "2 to 3 minutes" in turn.text and "dose" in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_how_to_give_the_spray_step_by_step(skill, locale):
    dialog = talk(skill, locale)
    turn = in_the_emergency(dialog.say("how do I use the nasal spray"), locale)
    assert steps(locale)["give_naloxone"]["text"] in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_once_they_have_called_the_reminder_stops_but_the_emergency_goes_on(skill, locale):
    dialog = talk(skill, locale)
    called = in_the_emergency(dialog.say("the ambulance is on its way, what do I do now"), locale, number=False)
    assert called.text.startswith("Good.") and "haven't called" not in called.text
    waking = in_the_emergency(dialog.say("she's waking up"), locale, number=False)
    assert "wear" in waking.text and "haven't called" not in waking.text
    again = in_the_emergency(dialog.say("repeat"), locale, number=False)
    assert again.text == waking.text
    done = dialog.say("the paramedics are here")
    assert done.risk == "emergency" and done.topic == "crisis_overdose" and done.end_session is True
    assert "glad help is with you" in done.text


@pytest.mark.parametrize("locale", LOCALES)
def test_what_to_tell_the_dispatcher(skill, locale):
    dialog = talk(skill, locale)
    turn = in_the_emergency(dialog.say("what do I tell them"), locale)
    assert steps(locale)["dispatcher"]["text"] in turn.text
    assert "where you are" in turn.text


def test_legal_protection_is_said_only_where_it_is_sourced(skill):
    assert "Most states have laws" in steps("en-US")["dispatcher"]["text"]
    assert "Good Samaritan" in steps("en-CA")["dispatcher"]["text"]
    assert "police" in steps("en-GB")["dispatcher"]["text"]
    for locale in ("en-AU", "en-IN"):
        text = steps(locale)["dispatcher"]["text"]
        assert "law" not in text and "police" not in text


@pytest.mark.parametrize("locale", LOCALES)
def test_it_is_over_leaves_the_mode_with_the_number(skill, locale):
    dialog = talk(skill, locale)
    turn = dialog.say("it's over, he's okay now")
    assert turn.risk == "emergency" and turn.end_session is True
    assert EMERGENCY[locale] in turn.text and "four hours" in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_on_a_device_every_intent_is_read_in_the_emergency(skill, locale):
    dialog = talk(skill, locale)
    # An entry's intent with no words: the naloxone how-to answer becomes the spray step.
    naloxone_entry = next(name for name, eid in library.load().data["entry_intents"].items()
                          if eid == "naloxone-who-should-get")
    turn = in_the_emergency(dialog.intent(naloxone_entry), locale)
    assert steps(locale)["give_naloxone"]["text"] in turn.text
    # Fallback: the current step and the number.
    lost = in_the_emergency(dialog.intent("AMAZON.FallbackIntent"), locale)
    assert steps(locale)["give_naloxone"]["text"] in lost.text
    # "No" to "are they breathing?"
    assert "not breathing" in in_the_emergency(dialog.intent("AMAZON.NoIntent"), locale).text
    # Help: the current step again.
    assert steps(locale)["not_breathing"]["text"] in in_the_emergency(dialog.intent("AMAZON.HelpIntent"), locale).text
    # The free-text intent's slot.
    turn = in_the_emergency(dialog.intent("QuestionIntent", {"query": "don't have any narcan"}), locale)
    assert steps(locale)["no_naloxone"]["text"] in turn.text
    # The follow-up's own intent.
    assert "cold bath" in in_the_emergency(dialog.intent("EmergencyMythsIntent"), locale).text


@pytest.mark.parametrize("locale", LOCALES)
def test_stop_during_an_overdose_says_the_number_once_more(skill, locale):
    dialog = talk(skill, locale)
    bye = dialog.intent("AMAZON.StopIntent")
    assert bye.end_session is True and bye.risk == "emergency"
    assert EMERGENCY[locale] in bye.text
    after = dialog.say("what is methadone")
    assert after.risk is None and after.topic == "methadone"


@pytest.mark.parametrize("locale", LOCALES)
def test_a_new_crisis_statement_later_still_leads_with_the_number(skill, locale):
    dialog = talk(skill, locale)
    dialog.say("I called them already")
    again = dialog.say("he overdosed again and he's turning blue")
    assert again.risk == "emergency" and again.text.startswith(f"Call {EMERGENCY[locale]} now")
    assert "haven't called" not in dialog.say("I don't have naloxone").text   # still called


def test_an_overdose_follow_up_said_first_gets_the_crisis_answer(skill):
    dialog = Dialog(skill, locale="en-GB")
    turn = dialog.intent("EmergencyNotBreathingIntent")
    assert turn.risk == "emergency" and turn.text.startswith("Call 999 now")


def test_a_screen_shows_the_number_and_the_step_large(skill):
    dialog = talk(skill, "en-AU")
    dialog.envelopes.supported_interfaces = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}
    turn = dialog.say("I don't have naloxone")
    found = [d for d in turn.response["response"].get("directives") or []
             if d["type"] == "Alexa.Presentation.APL.RenderDocument"]
    assert len(found) == 1
    shown = found[0]["datasources"]["emergency"]
    assert shown["number"] == "000" and shown["step"] == steps("en-AU")["no_naloxone"]["text"]


# -- suicide crisis -------------------------------------------------------------------------------

def crisis(skill, locale: str) -> Dialog:
    dialog = Dialog(skill, locale=locale)
    first = dialog.say("I want to kill myself")
    assert first.risk == "emergency" and first.topic == "crisis_suicide"
    assert EMERGENCY[locale] in first.reprompt     # silence hears the number once more
    return dialog


@pytest.mark.parametrize("locale", LOCALES)
def test_not_wanting_to_call_hears_the_other_ways_in(skill, locale):
    dialog = crisis(skill, locale)
    line = library.load().pack(locale)["emergency_steps"]["crisis_suicide"]["line"]
    turn = in_the_emergency(dialog.say("I don't want to call anyone"), locale, number=False, kind="crisis_suicide")
    assert line["number"] in turn.text and EMERGENCY[locale] in turn.text
    assert "families" not in turn.text
    if locale in ("en-US", "en-CA"):
        assert "text 988" in turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_no_hears_the_number_and_a_warm_word(skill, locale):
    dialog = crisis(skill, locale)
    turn = in_the_emergency(dialog.say("no"), locale, number=False, kind="crisis_suicide")
    assert EMERGENCY[locale] in turn.text and "You matter" in turn.text
    assert "another question" not in turn.text
    assert EMERGENCY[locale] in turn.reprompt


@pytest.mark.parametrize("locale", LOCALES)
def test_safe_now_closes_warmly_with_the_line(skill, locale):
    dialog = crisis(skill, locale)
    line = library.load().pack(locale)["emergency_steps"]["crisis_suicide"]["line"]
    turn = dialog.say("I'm safe now")
    assert turn.risk == "emergency" and turn.end_session is True
    assert "glad" in turn.text and line["number"] in turn.text


def test_an_overdose_during_a_suicide_crisis_is_answered_as_an_overdose(skill):
    dialog = crisis(skill, "en-US")
    turn = dialog.say("my brother just overdosed")
    assert turn.topic == "crisis_overdose" and turn.text.startswith("Call 911 now")


# -- the classifier ---------------------------------------------------------------------------------

def test_the_follow_up_classifier_reads_its_corpus():
    import yaml
    with open(os.path.join(REPO, "content", "understanding", "emergency_follow_ups.yaml"), encoding="utf-8") as fh:
        corpus = yaml.safe_load(fh)
    kinds = {"overdose": "crisis_overdose", "suicide": "crisis_suicide"}
    total = right = 0
    for conversation, examples in corpus.items():
        for kind, phrases in examples.items():
            for phrase in phrases:
                total += 1
                got = emergency.classify(phrase, kinds[conversation])
                right += got == kind or (kind == "repeat" and got is None)
    assert right / total >= 0.9, right / total


@pytest.mark.parametrize("text,kind", [
    ("i don't have narcan", "no_naloxone"), ("he's breathing now", "breathing_not_waking"),
    ("should i do cpr", "not_breathing"), ("they're here", "help_arrived"),
    ("i gave him the narcan and nothing's happening", "no_response"), ("he wants to sleep it off", "waking_up"),
])
def test_clear_follow_ups(text, kind):
    assert emergency.classify(text, "crisis_overdose") == kind


def test_the_models_route_the_follow_ups_to_their_intents():
    with open(os.path.join(REPO, "interaction_models", "en-US.json"), encoding="utf-8") as fh:
        intents = json.load(fh)["interactionModel"]["languageModel"]["intents"]
    owner = {s: i["name"] for i in intents for s in i.get("samples") or []}
    # Word for word samples can leave the corpus (blind_guard drops any that a blind set also has), so
    # each kind is checked by the words its samples share.
    for words, intent in (("have narcan", "EmergencyNoNaloxoneIntent"), ("cpr", "EmergencyNotBreathingIntent"),
                          ("here", "EmergencyHelpArrivedIntent"), ("want to call", "EmergencyWontCallIntent")):
        owners = {name for sample, name in owner.items() if words in sample and name.startswith("Emergency")}
        assert intent in owners, (words, owners)


def test_what_do_i_do_is_the_current_step_in_an_emergency_and_no_alarm_outside_one(skill):
    dialog = talk(skill, "en-US")
    dialog.say("he is breathing now")
    again = in_the_emergency(dialog.say("what do I do now"), "en-US")
    assert steps("en-US")["breathing_not_waking"]["text"] in again.text
    calm = Dialog(skill, locale="en-US")
    calm.say("how long does withdrawal last")
    assert calm.say("what do I do now").risk is None
