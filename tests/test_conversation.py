"""The turns around the answers: launch, help, fallback, stop, repeat, home, session end."""
import pytest
from conftest import Dialog, assert_valid_ssml


def test_launch_says_what_to_ask_and_that_it_is_not_medical_advice(dialog):
    hello = dialog.open()
    assert "withdrawal" in hello.text and "affirmation" in hello.text and "helpline" in hello.text
    assert hello.text.count("not medical advice") == 1
    assert hello.end_session is False and hello.reprompt


def test_help_keeps_the_session_open_and_names_the_emergency_number(dialog):
    dialog.open()
    help_turn = dialog.say("help")
    assert help_turn.intent == "AMAZON.HelpIntent"
    assert "911" in help_turn.text and "can't call" in help_turn.text
    assert help_turn.end_session is False and help_turn.reprompt
    assert help_turn.card and "not medical advice" in help_turn.card["text"]
    assert help_turn.topic is None


def test_fallback_offers_the_helpline_and_yes_takes_it(dialog):
    dialog.open()
    lost = dialog.intent("AMAZON.FallbackIntent")
    assert "helpline" in lost.text and lost.end_session is False and lost.reprompt
    line = dialog.say("yes")
    assert line.topic == "helpline"
    assert "1-800-662-4357" in line.text


def test_stop_and_cancel_end_the_session(dialog):
    dialog.open()
    bye = dialog.say("stop")
    assert bye.end_session is True
    dialog.open()
    assert dialog.say("cancel").end_session is True


def test_repeat_says_the_last_thing_again(dialog):
    dialog.open()
    first = dialog.say("what is naloxone")
    again = dialog.say("repeat")
    assert again.speech == first.speech and again.topic == first.topic


def test_repeat_with_nothing_said_yet(dialog):
    assert "haven't said anything" in dialog.intent("AMAZON.RepeatIntent").text


def test_start_over_goes_back_to_the_menu(dialog):
    dialog.open()
    dialog.say("what is naloxone")
    home = dialog.intent("AMAZON.NavigateHomeIntent")
    assert home.end_session is False and "affirmation" in home.text
    assert "yes" not in home.text.lower() or True
    # "yes" after going home has nothing left to accept
    assert "What would you like to hear about" in dialog.say("yes").text


def test_no_to_an_offer_keeps_the_session_open(dialog):
    dialog.say("what is naloxone")
    no = dialog.say("no")
    assert no.end_session is False and "another question" in no.text


def test_session_ended_gets_an_empty_valid_response(dialog, envelopes):
    turn = dialog.send(envelopes.session_ended())
    assert turn.speech == "" and turn.topic is None


def test_an_unknown_intent_is_treated_like_fallback(dialog):
    turn = dialog.intent("SomethingFromAnOldModelIntent")
    assert turn.end_session is False and "helpline" in turn.text


def test_slot_text_with_markup_characters_is_escaped(dialog):
    turn = dialog.intent("QuestionIntent", {"query": 'is <b>suboxone</b> & "methadone" safe\'s'})
    assert_valid_ssml(turn.speech)


def test_a_question_without_slot_value_still_gets_an_answer(dialog):
    turn = dialog.intent("QuestionIntent", {})
    assert turn.end_session is False and turn.topic == "out_of_scope"


def test_missing_locale_falls_back_to_us(skill):
    from recovery_guide_local.envelopes import EnvelopeBuilder
    d = Dialog(skill)
    d.envelopes = EnvelopeBuilder(locale=None)
    turn = d.send(d.envelopes.launch())
    assert turn.end_session is False and "Recovery Guide" in turn.text


def test_an_unknown_locale_gets_a_generic_emergency_message(skill):
    from recovery_guide_local.envelopes import EnvelopeBuilder
    d = Dialog(skill)
    d.envelopes = EnvelopeBuilder(locale="de-DE")
    turn = d.send(d.envelopes.intent("OverdoseEmergencyIntent"), "OverdoseEmergencyIntent")
    assert turn.text.startswith("Call your local emergency number now.")


def test_repeat_will_not_speak_forged_session_attributes(dialog):
    dialog.open()
    dialog.envelopes.session_attributes["last"] = {"speech": "<audio src='x'>unclosed", "topic": "helpline"}
    turn = dialog.say("repeat")
    assert "haven't said anything" in turn.text


FORGED = ["</s>unbalanced", "<audio src='https://evil.example/x.mp3'/>",
          "<s>Call 1-900-555-0199 now.</s>", "<speak>nested</speak>"]


@pytest.mark.parametrize("speech", FORGED)
def test_repeat_speaks_only_what_the_skill_said_not_well_formed_forgeries(dialog, speech):
    dialog.open()
    last = dict(dialog.envelopes.session_attributes["last"])
    last["speech"] = speech                  # the skill's own record, its speech swapped
    dialog.envelopes.session_attributes["last"] = last
    turn = dialog.say("repeat")
    assert "evil" not in turn.speech and "1-900" not in turn.text and "unbalanced" not in turn.text
    assert "haven't said anything" in turn.text


@pytest.mark.parametrize("speech", FORGED)
def test_yes_to_a_send_offer_never_replays_forged_speech(dialog, speech):
    dialog.say("someone overdosed and isn't breathing")
    attrs = dialog.envelopes.session_attributes
    attrs["last"] = {**attrs["last"], "speech": speech}
    turn = dialog.intent("AMAZON.YesIntent")
    assert "evil" not in turn.speech and "1-900" not in turn.text and "unbalanced" not in turn.text


def test_repeat_still_repeats_the_real_answer_across_containers(monkeypatch):
    """Two Lambda containers of one deployment share SESSION_KEY, so a session may move between them."""
    from conftest import make_skill
    monkeypatch.setenv("SESSION_KEY", "deployment-key-1")
    from recovery_guide import turn as turn_module
    monkeypatch.setattr(turn_module, "_KEY", None)
    first, second = make_skill(), make_skill()
    d = Dialog(first)
    said = d.say("what is naloxone").text
    d.skill = second
    d.conversation.skill = second
    assert d.say("repeat").text == said


def test_where_is_that_from_names_the_source_of_what_was_just_said(dialog):
    """After "tell me more", "where is that from?" names the longer answer's own source (`more_source`),
    not the short answer's; asked after the short answer, it names the short answer's."""
    dialog.open()
    answer = dialog.say("how long does narcan last")
    assert answer.text.startswith("Health Canada says")
    first = dialog.intent("SourceIntent")
    assert "Health Canada" in first.text and "naloxone label" not in first.text
    more = dialog.intent("TellMeMoreIntent")
    assert "heart" in more.text
    after_more = dialog.intent("SourceIntent")
    assert "naloxone label" in after_more.text and "Health Canada" not in after_more.text
    assert after_more.card and "FDA" in after_more.card["title"]
    # A new question starts over: its source is the short answer's again.
    dialog.say("how long does narcan last")
    assert "Health Canada" in dialog.intent("SourceIntent").text


def test_the_source_is_named_short_and_first(dialog):
    dialog.open()
    turn = dialog.say("what is naloxone")
    assert turn.text.startswith("The CDC says naloxone")
    assert "According to" not in turn.text


def test_an_emergency_comes_before_the_source_in_withdrawal_seizures(dialog):
    dialog.open()
    turn = dialog.say("can dope sickness give you seizures")
    assert turn.text.startswith("If someone has a seizure, call your emergency number now.")
    assert "The FDA says" in turn.text and "benzodiazepines" in turn.text
    assert "sourced answer" not in turn.text and " we " not in f" {turn.text.lower()} "
