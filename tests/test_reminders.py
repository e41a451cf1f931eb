"""The daily reminder, as a person sets it up: permission first, then one reminder at the time they
asked for, repeating daily, worded discreetly; cancelling it; and every failure said plainly.

Alexa's APIs are replaced by mocks on the service client factory, so these tests see exactly what
the skill would send to the Reminders and settings APIs.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from unittest import mock

import pytest
from ask_sdk_model.services import ServiceClientFactory, ServiceException
from ask_sdk_model.services.reminder_management import RecurrenceFreq, TriggerType

from conftest import REPO, Dialog, make_skill
from recovery_guide import reminders
from recovery_guide.persistence.base import StoreUnavailable, user_key
from recovery_guide.persistence.memory_store import MemoryUserStore

USER = "maria"
KEY = user_key(f"amzn1.ask.account.{USER}")
TODAY = "2026-11-23"          # the CLI's --today: 12:00 UTC, which is 07:00 in New York
NEW_YORK = "America/New_York"
PERMISSION = "alexa::alerts:reminders:skill:readwrite"
CLI = os.path.join(REPO, ".venv", "bin", "recovery-guide")
DRUG_WORDS = ("opioid", "heroin", "fentanyl", "drug", "suboxone", "methadone", "recovery from", "withdrawal",
              "detox", "overdose", "addiction", "clean")


def api_error(status: int) -> ServiceException:
    return ServiceException(message=f"HTTP {status}", status_code=status, headers=[], body=None)


def granted(envelope: dict) -> dict:
    """The envelope as Alexa sends it once the person has allowed reminders."""
    system = envelope["context"]["System"]
    system["apiAccessToken"] = "api-token"
    system["user"]["permissions"] = {"consentToken": "api-token"}
    return envelope


@pytest.fixture
def store():
    return MemoryUserStore()


@pytest.fixture
def dialog(store):
    return Dialog(make_skill(store=store), user=USER, today=TODAY)


@pytest.fixture
def alexa(mocker):
    """The Reminders and settings APIs as the skill sees them; by default everything works."""
    reminders_api = mock.Mock(name="ReminderManagementServiceClient")
    reminders_api.create_reminder.return_value = mock.Mock(alert_token="alert-1")
    reminders_api.get_reminder.return_value = mock.Mock(trigger=None)
    reminders_api.get_reminders.return_value = mock.Mock(alerts=[])   # GET /v1/alerts/reminders: none yet
    ups = mock.Mock(name="UpsServiceClient")
    ups.get_system_time_zone.return_value = NEW_YORK
    mocker.patch.object(ServiceClientFactory, "get_reminder_management_service", return_value=reminders_api)
    mocker.patch.object(ServiceClientFactory, "get_ups_service", return_value=ups)
    return mock.Mock(reminders=reminders_api, ups=ups)


def ask_with_permission(dialog, time: str | None = None):
    slots = {"time": time} if time else None
    return dialog.send(granted(dialog.envelopes.intent("ReminderIntent", slots)), "ReminderIntent")


def permission_answer(dialog, status: str, token: str, code: str = "200", with_permission: bool = True):
    envelope = dialog.envelopes.connections_response("AskFor", code, {"isCardThrown": "false", "status": status},
                                                     token=token)
    return dialog.send(granted(envelope) if with_permission else envelope)


def created_request(alexa):
    alexa.reminders.create_reminder.assert_called_once()
    return alexa.reminders.create_reminder.call_args.args[0]


def stored(store):
    return store.get(KEY)


# --- asking for the permission ----------------------------------------------------------------

def test_without_permission_a_person_is_asked_by_voice_with_the_time_carried_along(dialog, alexa):
    turn = dialog.say("remind me every morning at eight")

    assert turn.intent == "ReminderIntent"
    directive = turn.response["response"]["directives"][0]
    assert directive["type"] == "Connections.SendRequest"
    assert directive["name"] == "AskFor"
    assert directive["payload"] == {
        "@type": "AskForPermissionsConsentRequest", "@version": "2",
        "permissionScopes": [{"permissionScope": PERMISSION, "consentLevel": "ACCOUNT"}]}
    assert reminders.decode_token(directive["token"]) == ((8, 0), False)
    # Alexa takes over and asks: no reprompt, and the session is not closed by the skill.
    assert "reprompt" not in turn.response["response"]
    assert "shouldEndSession" not in turn.response["response"]
    alexa.reminders.create_reminder.assert_not_called()


def test_a_device_that_cannot_be_asked_by_voice_gets_a_consent_card_and_a_pointer_to_the_app(dialog, alexa):
    envelope = dialog.envelopes.intent("ReminderIntent", {"time": "08:00"})
    del envelope["context"]["System"]["device"]
    turn = dialog.send(envelope, "ReminderIntent")

    assert turn.response["response"]["card"] == {"type": "AskForPermissionsConsent", "permissions": [PERMISSION]}
    assert "Alexa app" in turn.text
    assert not turn.directives
    assert not turn.end_session


def test_when_alexa_cannot_run_the_voice_request_the_person_gets_the_card_instead(dialog, alexa):
    turn = permission_answer(dialog, "NOT_ANSWERED", reminders.encode_token((8, 0)), code="400",
                             with_permission=False)
    assert turn.response["response"]["card"]["type"] == "AskForPermissionsConsent"
    assert "Alexa app" in turn.text


def test_a_token_without_the_permission_is_treated_as_no_permission(dialog, alexa):
    envelope = dialog.envelopes.intent("ReminderIntent")
    envelope["context"]["System"]["apiAccessToken"] = "api-token"    # but no consentToken
    turn = dialog.send(envelope, "ReminderIntent")
    assert turn.directives == ["Connections.SendRequest"]


@pytest.mark.parametrize("status", [401, 403])
def test_when_the_reminders_api_refuses_the_token_the_person_is_asked_for_permission(dialog, alexa, status):
    alexa.reminders.create_reminder.side_effect = api_error(status)
    turn = ask_with_permission(dialog, "08:00")
    assert turn.directives == ["Connections.SendRequest"]
    assert stored(dialog_store(dialog)) == {}


# --- the person answers the permission request --------------------------------------------

def test_accepting_the_permission_creates_a_daily_reminder_at_the_time_asked_for(dialog, store, alexa):
    asked = dialog.say("remind me every morning at eight")
    token = asked.response["response"]["directives"][0]["token"]

    turn = permission_answer(dialog, "ACCEPTED", token)

    request = created_request(alexa)
    alexa.ups.get_system_time_zone.assert_called_once_with("amzn1.ask.device.local")
    trigger = request.trigger
    assert trigger.object_type == TriggerType.SCHEDULED_ABSOLUTE
    assert trigger.time_zone_id == NEW_YORK
    # 12:00 UTC is 07:00 in New York: 8 AM today is still ahead.
    assert trigger.scheduled_time == dt.datetime(2026, 11, 23, 8, 0, 0)
    assert trigger.scheduled_time.isoformat() == "2026-11-23T08:00:00"
    assert trigger.recurrence.freq == RecurrenceFreq.DAILY
    assert trigger.recurrence.recurrence_rules == ["FREQ=DAILY;BYHOUR=8;BYMINUTE=0;BYSECOND=0"]
    assert trigger.recurrence.start_date_time == trigger.scheduled_time
    assert request.push_notification.status.value == "ENABLED"
    spoken = request.alert_info.spoken_info.content[0]
    assert spoken.locale == "en-US"
    assert spoken.text == ("Time for your daily affirmation. "
                           "Say: Alexa, ask Recovery Guide for today's affirmation.")

    assert "Done. I'll remind you every day at 8 AM." in turn.text
    assert turn.topic == "affirmation"
    assert not turn.end_session
    assert stored(store) == {"reminder": {"alert_token": "alert-1"}}


def test_if_the_api_still_refuses_after_a_spoken_yes_the_card_is_sent_instead_of_asking_again(dialog, alexa):
    alexa.reminders.create_reminder.side_effect = api_error(403)
    turn = permission_answer(dialog, "ACCEPTED", reminders.encode_token((8, 0)))
    assert not turn.directives                       # no second voice request: that would loop
    assert turn.response["response"]["card"]["type"] == "AskForPermissionsConsent"


def test_a_spoken_yes_is_enough_even_before_alexa_updates_the_permissions_it_sends(dialog, store, alexa):
    envelope = dialog.envelopes.connections_response("AskFor", "200", {"status": "ACCEPTED"},
                                                     token=reminders.encode_token((6, 45)))
    envelope["context"]["System"]["apiAccessToken"] = "api-token"       # no consentToken yet
    turn = dialog.send(envelope)
    assert created_request(alexa).trigger.recurrence.recurrence_rules == [
        "FREQ=DAILY;BYHOUR=6;BYMINUTE=45;BYSECOND=0"]
    assert "every day at 6:45 AM" in turn.text
    assert stored(store) == {"reminder": {"alert_token": "alert-1"}}


def test_when_alexa_moves_the_question_to_the_app_the_person_is_told(dialog, alexa):
    envelope = dialog.envelopes.connections_response(
        "AskFor", "200", {"status": "NOT_ANSWERED", "isCardThrown": "true"}, token=reminders.encode_token((8, 0)))
    turn = dialog.send(envelope)
    assert "sent a card to your Alexa app" in turn.text
    assert not turn.end_session
    alexa.reminders.create_reminder.assert_not_called()


def test_another_capabilitys_permission_answer_is_not_taken_for_a_reminder(dialog, alexa):
    envelope = dialog.envelopes.connections_response(
        "AskFor", "200", {"status": "ACCEPTED", "permissionScopes": [
            {"permissionScope": "alexa::profile:mobile_number:read", "consentStatus": "ACCEPTED"}]},
        token="phone|something")
    dialog.send(granted(envelope))
    alexa.reminders.create_reminder.assert_not_called()


def test_the_reminder_words_are_discreet():
    assert not any(word in reminders.REMINDER_TEXT.lower() for word in DRUG_WORDS)


def test_a_time_already_past_today_starts_tomorrow(dialog, alexa):
    ask_with_permission(dialog, "07:00")     # it is exactly 07:00 in New York
    trigger = created_request(alexa).trigger
    assert trigger.scheduled_time == dt.datetime(2026, 11, 24, 7, 0, 0)
    assert trigger.recurrence.recurrence_rules == ["FREQ=DAILY;BYHOUR=7;BYMINUTE=0;BYSECOND=0"]


def test_an_evening_time_is_confirmed_as_it_was_asked(dialog, alexa):
    turn = dialog.send(granted(dialog.envelopes.intent("ReminderIntent", {"time": "19:30"})), "ReminderIntent")
    assert created_request(alexa).trigger.recurrence.recurrence_rules == [
        "FREQ=DAILY;BYHOUR=19;BYMINUTE=30;BYSECOND=0"]
    assert "every day at 7:30 PM" in turn.text


def test_no_time_means_eight_in_the_morning(dialog, alexa):
    turn = ask_with_permission(dialog)
    assert created_request(alexa).trigger.scheduled_time.hour == 8
    assert "every day at 8 AM" in turn.text


def test_a_time_that_cannot_be_understood_is_asked_again(dialog, alexa):
    turn = ask_with_permission(dialog, "whenever")
    alexa.reminders.create_reminder.assert_not_called()
    assert "What time" in turn.text
    assert not turn.end_session


def test_denying_the_permission_is_answered_plainly_and_the_conversation_goes_on(dialog, store, alexa):
    turn = permission_answer(dialog, "DENIED", reminders.encode_token((8, 0)), with_permission=False)
    assert "won't set a reminder" in turn.text
    assert "Alexa app" in turn.text
    assert not turn.end_session
    alexa.reminders.create_reminder.assert_not_called()
    assert stored(store) == {}


def test_not_answering_the_permission_question_sets_nothing(dialog, alexa):
    turn = permission_answer(dialog, "NOT_ANSWERED", reminders.encode_token((8, 0)), with_permission=False)
    assert "haven't set a reminder" in turn.text
    assert not turn.end_session
    alexa.reminders.create_reminder.assert_not_called()


# --- failures -----------------------------------------------------------------------------

@pytest.mark.parametrize("failing", ["create", "time zone"])
def test_a_server_error_is_said_plainly_and_the_session_stays_open(dialog, store, alexa, failing):
    if failing == "create":
        alexa.reminders.create_reminder.side_effect = api_error(500)
    else:
        alexa.ups.get_system_time_zone.side_effect = api_error(503)
    turn = ask_with_permission(dialog, "08:00")
    assert "couldn't set the reminder right now" in turn.text
    assert not turn.end_session
    assert turn.topic == "affirmation"
    assert stored(store) == {}


def test_a_network_failure_never_crashes_the_turn(dialog, alexa):
    alexa.reminders.create_reminder.side_effect = ConnectionError("reset")
    turn = ask_with_permission(dialog, "08:00")
    assert "couldn't set the reminder right now" in turn.text


class ReadOnlyStore(MemoryUserStore):
    def update(self, key, mutate):
        raise StoreUnavailable("down")


def ours_on_alexa(alert_token: str, hour: int = 8, minute: int = 0, status: str = "ON"):
    """A reminder as GET /v1/alerts/reminders lists it (that call lists only this skill's reminders)."""
    from ask_sdk_model.services.reminder_management import (AlertInfo, Recurrence, Reminder, SpokenInfo, SpokenText,
                                                            Trigger)
    start = dt.datetime(2026, 11, 24, hour, minute)
    return Reminder(alert_token=alert_token, status=status,
                    trigger=Trigger(scheduled_time=start, recurrence=Recurrence(start_date_time=start)),
                    alert_info=AlertInfo(spoken_info=SpokenInfo(
                        content=[SpokenText(locale="en-US", text=reminders.REMINDER_TEXT)])))


def test_if_the_token_cannot_be_stored_the_reminder_is_confirmed_and_the_person_told(alexa):
    dialog = Dialog(make_skill(store=ReadOnlyStore()), user=USER, today=TODAY)
    turn = ask_with_permission(dialog, "08:00")
    assert "every day at 8 AM" in turn.text
    assert "couldn't save it" in turn.text and "Alexa app" in turn.text


def test_a_store_that_cannot_write_never_leads_to_duplicate_reminders(alexa):
    """The probe: a store that reads but cannot write, five requests, five daily reminders each answered
    "Done". Now the skill looks at the reminders Alexa already has for it before creating one."""
    created = []

    def create(request):
        created.append(ours_on_alexa(f"alert-{len(created) + 1}"))
        return mock.Mock(alert_token=created[-1].alert_token)
    alexa.reminders.create_reminder.side_effect = create
    alexa.reminders.get_reminders.side_effect = lambda *a, **k: mock.Mock(alerts=list(created))
    dialog = Dialog(make_skill(store=ReadOnlyStore()), user=USER, today=TODAY)

    turns = [ask_with_permission(dialog, "08:00") for _ in range(5)]

    assert len(created) == 1
    assert "every day at 8 AM" in turns[0].text
    assert all("already have a daily reminder at 8 AM" in t.text for t in turns[1:])


def test_a_reminder_alexa_has_but_the_store_forgot_is_found_recorded_and_cancellable(dialog, store, alexa):
    alexa.reminders.get_reminders.return_value = mock.Mock(alerts=[ours_on_alexa("alert-7", 7, 30)])
    turn = ask_with_permission(dialog, "07:30")
    assert "already have a daily reminder at 7:30 AM" in turn.text
    alexa.reminders.create_reminder.assert_not_called()
    assert stored(store) == {"reminder": {"alert_token": "alert-7"}}     # recorded again

    store.update(KEY, lambda r: {})
    turn = cancel(dialog)
    alexa.reminders.delete_reminder.assert_called_once_with("alert-7")
    assert "cancelled your daily reminder" in turn.text


def test_completed_or_foreign_reminders_on_alexa_are_not_taken_for_ours(dialog, alexa):
    other = ours_on_alexa("alert-x")
    other.alert_info.spoken_info.content[0].text = "Something else"
    alexa.reminders.get_reminders.return_value = mock.Mock(alerts=[ours_on_alexa("alert-done", status="COMPLETED"),
                                                                   other])
    turn = ask_with_permission(dialog, "08:00")
    assert "every day at 8 AM" in turn.text
    alexa.reminders.create_reminder.assert_called_once()


def test_when_alexa_cannot_list_reminders_none_is_created_blind(dialog, alexa):
    alexa.reminders.get_reminders.side_effect = api_error(500)
    turn = ask_with_permission(dialog, "08:00")
    assert "couldn't set the reminder right now" in turn.text
    alexa.reminders.create_reminder.assert_not_called()


# --- one reminder per person --------------------------------------------------------------

def test_someone_who_already_has_a_reminder_hears_so_and_is_offered_a_change(dialog, store, alexa):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-old"}})
    existing = mock.Mock()
    existing.trigger.recurrence.start_date_time = dt.datetime(2026, 11, 1, 8, 0)
    alexa.reminders.get_reminder.return_value = existing

    turn = ask_with_permission(dialog, "07:30")
    assert "already have a daily reminder at 8 AM" in turn.text
    assert "change it to 7:30 AM" in turn.text
    assert not turn.end_session
    alexa.reminders.create_reminder.assert_not_called()

    turn = dialog.send(granted(dialog.envelopes.intent("AMAZON.YesIntent")), "AMAZON.YesIntent")
    alexa.reminders.update_reminder.assert_called_once()
    token, request = alexa.reminders.update_reminder.call_args.args
    assert token == "alert-old"
    assert request.trigger.recurrence.recurrence_rules == ["FREQ=DAILY;BYHOUR=7;BYMINUTE=30;BYSECOND=0"]
    assert "every day at 7:30 AM" in turn.text
    assert stored(store) == {"reminder": {"alert_token": "alert-old"}}


def test_asking_again_for_the_same_time_changes_nothing(dialog, store, alexa):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-old"}})
    existing = mock.Mock()
    existing.trigger.recurrence.start_date_time = dt.datetime(2026, 11, 1, 8, 0)
    alexa.reminders.get_reminder.return_value = existing
    turn = ask_with_permission(dialog, "08:00")
    assert "already have a daily reminder at 8 AM" in turn.text
    assert turn.response["sessionAttributes"]["offer"] is None
    alexa.reminders.create_reminder.assert_not_called()


def test_a_reminder_deleted_in_the_alexa_app_is_set_afresh(dialog, store, alexa):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-gone"}})
    alexa.reminders.get_reminder.side_effect = api_error(404)
    turn = ask_with_permission(dialog, "08:00")
    created_request(alexa)
    assert "every day at 8 AM" in turn.text
    assert stored(store) == {"reminder": {"alert_token": "alert-1"}}


def test_moving_a_reminder_that_has_since_been_deleted_creates_a_new_one(dialog, store, alexa):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-old"}})
    ask_with_permission(dialog, "09:00")
    alexa.reminders.update_reminder.side_effect = api_error(404)
    turn = dialog.send(granted(dialog.envelopes.intent("AMAZON.YesIntent")), "AMAZON.YesIntent")
    assert created_request(alexa).trigger.scheduled_time.hour == 9
    assert "every day at 9 AM" in turn.text
    assert stored(store) == {"reminder": {"alert_token": "alert-1"}}


# --- cancelling ---------------------------------------------------------------------------

def cancel(dialog):
    return dialog.send(granted(dialog.envelopes.intent("CancelReminderIntent")), "CancelReminderIntent")


def test_cancelling_deletes_the_reminder_and_forgets_its_token(dialog, store, alexa):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-1"}, "affirmations": []})
    turn = cancel(dialog)
    alexa.reminders.delete_reminder.assert_called_once_with("alert-1")
    assert "cancelled your daily reminder" in turn.text
    assert stored(store) == {"affirmations": []}
    assert not turn.end_session


def test_cancelling_a_reminder_already_gone_still_counts_as_cancelled(dialog, store, alexa):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-1"}})
    alexa.reminders.delete_reminder.side_effect = api_error(404)
    turn = cancel(dialog)
    assert "cancelled your daily reminder" in turn.text
    assert stored(store) == {}


def test_cancelling_with_no_reminder_says_there_is_none(dialog, alexa):
    turn = dialog.say("cancel my daily reminder")
    assert turn.intent == "CancelReminderIntent"
    assert "don't have a daily reminder" in turn.text
    alexa.reminders.delete_reminder.assert_not_called()


def test_a_failed_cancel_keeps_the_token_and_says_so(dialog, store, alexa):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-1"}})
    alexa.reminders.delete_reminder.side_effect = api_error(500)
    turn = cancel(dialog)
    assert "couldn't cancel" in turn.text
    assert stored(store) == {"reminder": {"alert_token": "alert-1"}}


# --- events without a session ----------------------------------------------------------------

@pytest.mark.parametrize("event", ["Reminders.ReminderStarted", "Reminders.ReminderCreated",
                                   "Reminders.ReminderUpdated", "Reminders.ReminderStatusChanged"])
def test_reminder_events_get_an_empty_answer(dialog, event):
    envelope = dialog.envelopes._envelope(dialog.envelopes._request(event, body={"alertToken": "alert-1"}),
                                          with_session=False)
    turn = dialog.send(envelope)
    assert turn.response["response"] == {}
    assert "sessionAttributes" not in turn.response
    assert turn.topic is None


def test_a_reminder_deleted_in_the_app_is_forgotten_quietly(dialog, store):
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-1"}})
    envelope = dialog.envelopes._envelope(
        dialog.envelopes._request("Reminders.ReminderDeleted", body={"alertTokens": ["alert-1"]}),
        with_session=False)
    turn = dialog.send(envelope)
    assert turn.response["response"] == {}
    assert stored(store) == {}


# --- understanding times --------------------------------------------------------------------

@pytest.mark.parametrize("said, expected", [
    ("08:00", (8, 0)), ("19:30", (19, 30)), ("MO", (8, 0)), ("EV", (19, 0)),
    ("eight", (8, 0)), ("8", (8, 0)), ("8 am", (8, 0)), ("seven thirty", (7, 30)),
    ("7:30 pm", (19, 30)), ("nine p m", (21, 0)), ("noon", (12, 0)), ("six o'clock", (6, 0)),
    ("whenever", None), ("25:00", None), ("13 pm", None),
])
def test_times_as_alexa_or_a_person_says_them(said, expected):
    assert reminders.parse_time(said) == expected


def test_the_spoken_time_is_plain():
    assert [reminders.format_time(t) for t in [(8, 0), (0, 0), (12, 0), (19, 5)]] == [
        "8 AM", "12 AM", "12 PM", "7:05 PM"]


# --- the command-line contract --------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists(CLI), reason="run `make setup` first")
def test_cli_without_permission_asks_for_it(tmp_path):
    env = {**os.environ, "RECOVERY_GUIDE_STORE": f"sqlite:{tmp_path / 'store.sqlite3'}"}
    done = subprocess.run([CLI, "ask", "remind me every day with an affirmation", "--json"], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60, check=True)
    answer = json.loads(done.stdout)
    assert answer["intent"] == "ReminderIntent"
    assert ("Connections.SendRequest" in answer["directives"]
            or (answer["card"] or {}).get("type") == "AskForPermissionsConsent")


def dialog_store(dialog):
    return dialog.skill.services.store


# --- "forget me" ------------------------------------------------------------------------------

def test_forget_me_can_delete_the_reminder_on_alexa_before_the_record_goes(store, alexa, mocker):
    """privacy.py can call delete_stored_reminder() so no reminder keeps ringing after "forget me"."""
    store.update(KEY, lambda r: {**r, "reminder": {"alert_token": "alert-1"}})
    handler_input = mocker.Mock()
    handler_input.request_envelope.context.system.api_access_token = "api-token"
    handler_input.request_envelope.context.system.user.permissions.consent_token = "api-token"
    services = mocker.Mock(store=store)
    services.user_key.return_value = KEY
    handler_input.attributes_manager.request_attributes = {"services": services}
    handler_input.service_client_factory.get_reminder_management_service.return_value = alexa.reminders

    assert reminders.delete_stored_reminder(handler_input) is True
    alexa.reminders.delete_reminder.assert_called_once_with("alert-1")

    alexa.reminders.delete_reminder.side_effect = api_error(500)
    assert reminders.delete_stored_reminder(handler_input) is False     # never raises


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"])
@pytest.mark.parametrize("zone", ["Asia/Tokyo", "Pacific/Honolulu"])
def test_an_absurd_request_timestamp_still_sets_the_reminder_from_now(dialog, alexa, stamp, zone):
    alexa.ups.get_system_time_zone.return_value = zone
    envelope = granted(dialog.envelopes.intent("ReminderIntent", {"time": "08:00"}))
    envelope["request"]["timestamp"] = stamp
    turn = dialog.send(envelope, "ReminderIntent")
    assert "every day at 8 AM" in turn.text
    start = created_request(alexa).trigger.scheduled_time
    assert abs((start - dt.datetime.now()).days) <= 2
