""""Send it to my phone": the numbers just offered, texted to the mobile number on the Amazon account.

The Alexa profile API is faked at the HTTP client (so the SDK's own handling of 200, 204 and 401
runs) and Amazon SNS at boto3.client. The numbers expected come from the compiled library, so these
tests follow the content rather than copy it.
"""
from __future__ import annotations

import json
import logging
import re

import pytest
from unittest import mock
from ask_sdk_core.api_client import DefaultApiClient
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.services import ApiClientResponse
from botocore.exceptions import ClientError, ConnectTimeoutError

from conftest import Dialog, make_skill
from recovery_guide import library, sms
from recovery_guide_local.envelopes import EnvelopeBuilder
from recovery_guide.handlers import phone
from recovery_guide.persistence.base import user_key
from recovery_guide.persistence.memory_store import MemoryUserStore

MOBILE = "alexa::profile:mobile_number:read"
MOBILE_ON_PROFILE = {"countryCode": "+1", "phoneNumber": "(206) 555-0100"}
MOBILE_E164 = "+12065550100"
USER = "sam"
# Words that would tell whoever picks up the phone what the text is about.
SENSITIVE = ("drug", "opioid", "opiate", "heroin", "fentanyl", "overdose", "suicid", "kill", "die", "crisis",
             "treatment", "rehab", "recovery", "addiction", "substance", "samhsa", "lifeline", "helpline",
             "mental", "detox", "withdrawal", "naloxone", "narcan", "methadone", "suboxone", "988 suicide")


# --- the people and the services around the skill ---------------------------------------------

class AlexaWithConsent:
    """The skill as Alexa calls it once the person has granted a permission: every request carries
    a consent token next to the API access token."""

    def __init__(self, skill):
        self._skill = skill

    def invoke(self, event, context=None):
        event["context"]["System"]["user"]["permissions"] = {"consentToken": "consent-token"}
        return self._skill.invoke(event, context)

    def __getattr__(self, name):
        return getattr(self._skill, name)


def person(*, texting: bool = True, permission: bool = True, store=None, locale: str = "en-US") -> Dialog:
    """Someone on an Echo. `permission`: they have let Recovery Guide read their mobile number."""
    skill = make_skill(store=store or MemoryUserStore(), sms_enabled=texting)
    talk = Dialog(AlexaWithConsent(skill) if permission else skill, locale=locale, user=USER)
    talk.envelopes.api_access_token = "api-token"
    return talk


@pytest.fixture
def profile(mocker):
    """The Alexa profile API over HTTP. By default the account has a US mobile number."""
    api = mocker.patch.object(DefaultApiClient, "invoke")

    def answers(status: int, body: dict | None = None):
        api.side_effect = None
        api.return_value = ApiClientResponse(headers=[], status_code=status,
                                             body=json.dumps(body) if body is not None else None)
    answers(200, MOBILE_ON_PROFILE)
    api.answers = answers
    return api


@pytest.fixture
def sns(mocker):
    """Amazon SNS as boto3 hands it out; publishing works unless a test says otherwise."""
    sms.sns_client.cache_clear()
    client = mocker.Mock(name="sns")
    client.publish.return_value = {"MessageId": "message-1"}
    mocker.patch("boto3.client", return_value=client)
    yield client
    sms.sns_client.cache_clear()


def numbers(what: str = "helpline", locale: str = "en-US") -> list[str]:
    """The numbers the library has for that offer in that country (what a text should carry)."""
    country_pack = library.load().pack(locale)
    section = country_pack[what] if what in ("helpline", "treatment") else country_pack["crisis"][what]
    ids = section["lines"] or country_pack["helpline"]["lines"]
    return [library.load().data["helplines"][i]["number"] for i in ids]


def permission_answer(talk: Dialog, status: str, what: str = "helpline", code: str = "200"):
    """Alexa's answer after asking "Do you give Recovery Guide permission to use your mobile number?"."""
    envelope = talk.envelopes.connections_response(
        "AskFor", code, {"permissionScope": MOBILE, "status": status, "isCardThrown": "false"}, token=f"send:{what}")
    return talk.send(envelope)


def yes(talk: Dialog):
    """The person says "yes" (a built-in intent: Alexa resolves it, the local matcher need not)."""
    return talk.intent("AMAZON.YesIntent")


def texted(sns) -> dict:
    assert sns.publish.call_count == 1
    return sns.publish.call_args.kwargs


def assert_numbers_card(turn, what: str = "helpline"):
    assert turn.card is not None and turn.card["type"] == "Simple"
    for number in numbers(what):
        assert number in turn.card["text"]


def assert_numbers_spoken(turn, what: str = "helpline"):
    for number in numbers(what):
        assert number in turn.text


@pytest.fixture(autouse=True)
def library_has_us_helplines():
    if not numbers("helpline"):
        pytest.skip("the compiled library has no US helplines yet")


# --- permission granted, text sent ---------------------------------------------------------------

def test_yes_after_the_helplines_texts_them_to_the_account_mobile(profile, sns):
    talk = person()
    assert "send it to your phone" in talk.say("give me a helpline number").text

    turn = yes(talk)

    assert "I've texted the numbers to the mobile number on your Amazon account" in turn.text
    assert not turn.end_session
    assert_numbers_card(turn)
    sent = texted(sns)
    assert sent["PhoneNumber"] == MOBILE_E164
    assert re.fullmatch(r"\+[1-9]\d{7,14}", sent["PhoneNumber"])
    assert sent["MessageAttributes"]["AWS.SNS.SMS.SMSType"]["StringValue"] == "Transactional"
    for number in numbers("helpline"):
        assert number in sent["Message"]


def test_the_text_says_nothing_about_what_the_numbers_are_for(profile, sns):
    talk = person()
    talk.intent("SuicidalCrisisIntent")
    yes(talk)
    talk.say("give me a helpline number")
    talk.say("send it to my phone")
    talk.say("find treatment near me")
    talk.say("text me the number")

    assert sns.publish.call_count == 3
    for call in sns.publish.call_args_list:
        message = call.kwargs["Message"].lower()
        assert not [word for word in SENSITIVE if word in message], message
        assert "recovery guide" not in message


def test_send_it_to_my_phone_with_nothing_offered_sends_the_helplines(profile, sns):
    turn = person().say("send it to my phone")

    assert "I've texted" in turn.text
    assert all(number in texted(sns)["Message"] for number in numbers("helpline"))
    assert_numbers_card(turn)


def test_after_a_suicidal_crisis_yes_texts_the_crisis_line_and_says_the_emergency_number_first(profile, sns):
    talk = person()
    crisis = talk.intent("SuicidalCrisisIntent")
    assert "send" in crisis.reprompt

    turn = yes(talk)

    emergency = library.load().pack("en-US")["emergency"]
    assert turn.text.startswith(f"If you're in danger right now, call {emergency}")
    assert "I've texted" in turn.text
    assert all(number in texted(sns)["Message"] for number in numbers("crisis_suicide"))
    assert emergency not in texted(sns)["Message"]   # nobody texts 911
    assert turn.card is not None


def test_asked_after_an_overdose_answer_it_says_call_first_then_texts_the_helplines(profile, sns):
    talk = person()
    talk.intent("OverdoseEmergencyIntent")

    turn = talk.say("send it to my phone")

    emergency = library.load().pack("en-US")["emergency"]
    assert turn.text.startswith(f"If someone may have overdosed, call {emergency} now.")
    assert all(number in texted(sns)["Message"] for number in numbers("crisis_overdose"))
    assert_numbers_card(turn, "crisis_overdose")


def test_where_no_helpline_is_known_nothing_is_texted_and_no_permission_asked(profile, sns):
    talk = person(locale="de-DE")
    talk.intent("SuicidalCrisisIntent")

    turn = talk.say("send it to my phone")

    assert turn.text.startswith("If anyone is in danger right now, call your local emergency number.")
    assert "I don't have a verified helpline number" in turn.text
    assert turn.directives == [] and not turn.end_session
    profile.assert_not_called()
    sns.publish.assert_not_called()


def test_repeat_after_sending_repeats_the_answer_and_send_again_sends_the_same_numbers(profile, sns):
    talk = person()
    answer = talk.intent("SuicidalCrisisIntent")
    yes(talk)

    assert talk.intent("AMAZON.RepeatIntent").speech == answer.speech
    talk.say("send it to my phone")
    first, second = (call.kwargs["Message"] for call in sns.publish.call_args_list)
    assert first == second


def test_granted_permission_asks_the_profile_api_with_the_request_token(profile, sns):
    person().say("send it to my phone")

    request = profile.call_args.args[0]
    assert request.method == "GET"
    assert request.url.endswith("/v2/accounts/~current/settings/Profile.mobileNumber")
    assert ("Authorization", "Bearer api-token") in request.headers


# --- asking for the permission -----------------------------------------------------------------------

def test_without_permission_alexa_asks_by_voice_and_the_card_carries_the_numbers(profile, sns):
    talk = person(permission=False)
    talk.say("give me a helpline number")

    turn = talk.say("send it to my phone")

    assert turn.directives == ["Connections.SendRequest"]
    directive = turn.response["response"]["directives"][0]
    assert directive["name"] == "AskFor" and directive["token"] == "send:helpline"
    assert directive["payload"] == {"@type": "AskForPermissionsConsentRequest", "@version": "2",
                                    "permissionScopes": [{"permissionScope": MOBILE, "consentLevel": "ACCOUNT"}]}
    assert "permission to use the mobile number on your Amazon account" in turn.text
    assert "shouldEndSession" not in turn.response["response"] and "reprompt" not in turn.response["response"]
    assert_numbers_card(turn)
    profile.assert_not_called()
    sns.publish.assert_not_called()


def test_the_voice_request_remembers_a_crisis_offer_in_its_token(profile, sns):
    talk = person(permission=False)
    talk.intent("SuicidalCrisisIntent")

    turn = yes(talk)

    assert turn.response["response"]["directives"][0]["token"] == "send:crisis_suicide"


def test_permission_given_by_voice_fetches_the_number_and_sends(profile, sns):
    talk = person(permission=False)
    talk.say("send it to my phone")

    turn = permission_answer(talk, "ACCEPTED")

    assert "I've texted" in turn.text
    assert texted(sns)["PhoneNumber"] == MOBILE_E164
    assert_numbers_card(turn)


@pytest.mark.parametrize("status, said", [("DENIED", "Okay, I won't text"),
                                          ("NOT_ANSWERED", "I didn't hear an answer")])
def test_permission_refused_or_unanswered_is_said_plainly_and_points_to_the_card(profile, sns, status, said):
    talk = person(permission=False)
    talk.say("give me a helpline number")
    talk.say("send it to my phone")

    turn = permission_answer(talk, status)

    assert turn.text.startswith(said)
    assert "Alexa app" in turn.text
    assert_numbers_spoken(turn)
    assert_numbers_card(turn)
    assert not turn.end_session
    profile.assert_not_called()
    sns.publish.assert_not_called()


def test_a_device_that_cannot_ask_by_voice_gets_the_consent_card_and_hears_the_numbers(profile, sns):
    talk = person(permission=False)
    talk.say("send it to my phone")

    turn = permission_answer(talk, "", code="400")     # Alexa could not run the voice request

    assert turn.card == {"type": "AskForPermissionsConsent", "title": None, "text": None}
    assert turn.response["response"]["card"]["permissions"] == [MOBILE]
    assert "I've sent a card to your Alexa app" in turn.text
    assert_numbers_spoken(turn)
    assert "Connections.SendRequest" not in turn.directives
    sns.publish.assert_not_called()


def test_a_request_from_no_device_gets_the_consent_card_straight_away(profile, sns):
    talk = person(permission=False)
    envelope = talk.envelopes.intent("SendToPhoneIntent")
    del envelope["context"]["System"]["device"]

    turn = talk.send(envelope, "SendToPhoneIntent")

    assert turn.card["type"] == "AskForPermissionsConsent"
    assert turn.directives == []


@pytest.mark.parametrize("status, body", [
    (401, {"code": "INVALID_TOKEN", "message": "The authentication token is invalid"}),
    (403, {"code": "ACCESS_DENIED", "message": "Access denied"}),   # a code the SDK's enum lacks
    (403, None),
])
def test_the_profile_api_refusing_the_token_means_asking_for_permission(profile, sns, status, body):
    profile.answers(status, body)

    turn = person().say("send it to my phone")

    assert turn.directives == ["Connections.SendRequest"]
    assert_numbers_card(turn)
    sns.publish.assert_not_called()


def test_still_refused_after_saying_yes_gives_the_card_rather_than_asking_again(profile, sns):
    talk = person(permission=False)
    talk.say("send it to my phone")
    profile.answers(403, {"code": "ACCESS_DENIED", "message": "no"})

    turn = permission_answer(talk, "ACCEPTED")

    assert turn.card["type"] == "AskForPermissionsConsent"
    assert "Connections.SendRequest" not in turn.directives
    assert_numbers_spoken(turn)


# --- when the text cannot go ---------------------------------------------------------------------

def test_no_mobile_number_on_the_account(profile, sns):
    profile.answers(204)

    turn = person().say("send it to my phone")

    assert "I couldn't find a mobile number on your Amazon account" in turn.text
    assert "Alexa app" in turn.text
    assert_numbers_spoken(turn)
    assert_numbers_card(turn)
    sns.publish.assert_not_called()


def test_a_mobile_number_that_cannot_take_a_text_counts_as_none(profile, sns):
    profile.answers(200, {"countryCode": "+1", "phoneNumber": "555"})

    turn = person().say("send it to my phone")

    assert "I couldn't find a mobile number" in turn.text
    sns.publish.assert_not_called()


def test_sns_refusing_the_text(profile, sns):
    sns.publish.side_effect = ClientError({"Error": {"Code": "InvalidParameter", "Message": "Invalid parameter: "
                                                     "PhoneNumber +12065550100"}}, "Publish")

    turn = person().say("send it to my phone")

    assert "Sorry, I couldn't send the text just now" in turn.text
    assert_numbers_spoken(turn)
    assert_numbers_card(turn)
    assert not turn.end_session


def test_sns_timing_out(profile, sns):
    sns.publish.side_effect = ConnectTimeoutError(endpoint_url="https://sns.us-east-1.amazonaws.com")

    turn = person().say("send it to my phone")

    assert "couldn't send the text" in turn.text
    assert_numbers_card(turn)


@pytest.mark.parametrize("failure", ["connection reset", 429, 500])
def test_the_profile_api_failing(profile, sns, failure):
    if isinstance(failure, int):
        profile.answers(failure, {"code": "UNKNOWN_ERROR", "message": "try later"})
    else:
        profile.side_effect = OSError(failure)

    turn = person().say("send it to my phone")

    assert "couldn't get the mobile number on your Amazon account" in turn.text
    assert_numbers_spoken(turn)
    assert_numbers_card(turn)
    sns.publish.assert_not_called()


def test_texting_turned_off(profile, sns):
    talk = person(texting=False)
    talk.say("give me a helpline number")

    turn = yes(talk)

    assert "Texting isn't turned on" in turn.text
    assert "Alexa app" in turn.text
    assert_numbers_spoken(turn)
    assert_numbers_card(turn)
    profile.assert_not_called()
    sns.publish.assert_not_called()


# --- privacy and the edges ----------------------------------------------------------------------

def test_neither_the_number_nor_the_message_is_logged_or_stored(profile, sns, caplog):
    store = MemoryUserStore()
    sns.publish.side_effect = ClientError({"Error": {"Code": "InvalidParameter", "Message": MOBILE_E164}}, "Publish")
    caplog.set_level(logging.DEBUG)
    talk = person(store=store)
    talk.say("give me a helpline number")
    yes(talk)
    sns.publish.side_effect = None
    talk.say("send it to my phone")

    assert sns.publish.call_count == 2
    for secret in ("2065550100", "555-0100", "asked for"):
        assert secret not in caplog.text
    # Only the day's count of texts (the daily cap) is kept: never the number, never the message.
    assert store.get(user_key(f"amzn1.ask.account.{USER}")) == {"sms": {"day": mock.ANY, "count": 2}}


def test_the_reminders_permission_answer_is_not_taken_for_a_send():
    serializer = DefaultSerializer()

    def answer(token: str, scope: str) -> HandlerInput:
        envelope = EnvelopeBuilder().connections_response(
            "AskFor", "200", {"permissionScope": scope, "status": "ACCEPTED"}, token=token)
        return HandlerInput(request_envelope=serializer.deserialize(json.dumps(envelope), RequestEnvelope))

    handler = phone.SendPermissionResponseHandler()
    assert handler.can_handle(handler_input=answer("send:helpline", MOBILE))
    assert not handler.can_handle(handler_input=answer("", "alexa::alerts:reminders:skill:readwrite"))
    assert not handler.can_handle(handler_input=answer("08:00|0", "alexa::alerts:reminders:skill:readwrite"))
    assert not handler.can_handle(handler_input=answer("send:helpline", "alexa::alerts:reminders:skill:readwrite"))


def test_an_unknown_token_sends_the_helplines(profile, sns):
    talk = person(permission=False)

    turn = permission_answer(talk, "ACCEPTED", what="something-else")

    assert "I've texted" in turn.text
    assert all(number in texted(sns)["Message"] for number in numbers("helpline"))


# --- the pieces ---------------------------------------------------------------------------------

@pytest.mark.parametrize("country_code, number, expected", [
    ("+1", "(206) 555-0100", "+12065550100"),
    ("1", "206-555-0100", "+12065550100"),
    ("+1", "1 206 555 0100", "+12065550100"),
    ("+44", "07700 900123", "+447700900123"),
    ("44", "+44 7700 900123", "+447700900123"),
    ("+91", "98765 43210", "+919876543210"),
    ("+61", "0412 345 678", "+61412345678"),
    ("+1", "555", None),
    (None, "2065550100", None),
    ("+1", "", None),
    ("+1", None, None),
])
def test_profile_numbers_become_e164(country_code, number, expected):
    assert sms.e164(country_code, number) == expected


def test_the_message_lists_the_numbers_and_how_to_stop():
    assert sms.message_for(["988"]) == "The number you asked for: 988. Reply STOP to opt out."
    assert sms.message_for(["1-800-662-4357", "988"]) == \
        "The numbers you asked for: 1-800-662-4357 and 988. Reply STOP to opt out."


def test_the_sns_client_has_short_timeouts(mocker):
    sms.sns_client.cache_clear()
    made = mocker.patch("boto3.client")
    try:
        sms.sns_client()
    finally:
        sms.sns_client.cache_clear()
    config = made.call_args.kwargs["config"]
    assert made.call_args.args == ("sns",)
    assert config.connect_timeout <= 3 and config.read_timeout <= 5


def test_boto3_is_not_imported_by_the_skill():
    import subprocess
    import sys
    code = ("import sys; sys.path.insert(0, 'lambda'); import recovery_guide.handlers.phone, recovery_guide.sms, "
            "recovery_guide.screen; print('boto3' in sys.modules)")
    from conftest import REPO
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the daily cap ------------------------------------------------------------------------------

def test_texts_are_capped_per_person_per_day_with_a_clear_reply(profile, sns):
    """A probe sent one SNS publish per request, without end: now a few a day, counted in the store."""
    from recovery_guide import phone as phone_domain
    store = MemoryUserStore()
    talk = person(store=store)
    for _ in range(phone_domain.SMS_PER_DAY):
        assert "I've texted" in talk.say("send it to my phone").text
    assert sns.publish.call_count == phone_domain.SMS_PER_DAY

    capped = talk.say("send it to my phone")

    assert sns.publish.call_count == phone_domain.SMS_PER_DAY      # no more texts today
    assert "already texted" in capped.text and "tomorrow" in capped.text
    assert_numbers_spoken(capped)
    assert_numbers_card(capped)
    assert not capped.end_session
    # Another person's texts are counted apart.
    other = Dialog(AlexaWithConsent(make_skill(store=store, sms_enabled=True)), user="someone-else")
    other.envelopes.api_access_token = "api-token"
    assert "I've texted" in other.say("send it to my phone").text


def test_no_text_goes_out_when_the_count_cannot_be_kept(profile, sns):
    from recovery_guide.persistence.base import StoreUnavailable

    class ReadOnlyStore(MemoryUserStore):
        def update(self, key, mutate):
            raise StoreUnavailable("read only")

    turn = person(store=ReadOnlyStore()).say("send it to my phone")
    sns.publish.assert_not_called()
    assert "couldn't send the text" in turn.text
    assert_numbers_spoken(turn)
