"""Envelopes sent straight to the Lambda handler named in template.yaml, as Alexa would send them."""
import importlib
import os
import re

import pytest

from conftest import REPO, assert_valid_ssml
from recovery_guide_local.envelopes import EnvelopeBuilder


def template_handler():
    with open(os.path.join(REPO, "template.yaml"), encoding="utf-8") as fh:
        text = fh.read()
    dotted = re.search(r"Handler:\s*(recovery_guide\.lambda_entry\.\w+)", text).group(1)
    module, func = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), func)


@pytest.fixture(scope="module")
def handler(tmp_path_factory):
    os.environ.setdefault("RECOVERY_GUIDE_STORE", "sqlite:" + str(tmp_path_factory.mktemp("store") / "s.sqlite3"))
    return template_handler()


def speech_of(response):
    speech = response["response"].get("outputSpeech", {}).get("ssml", "")
    if speech:
        assert_valid_ssml(speech)
    return speech


@pytest.mark.parametrize("make, keeps_open", [
    (lambda b: b.launch(), True),
    (lambda b: b.intent("AMAZON.HelpIntent"), True),
    (lambda b: b.intent("AMAZON.FallbackIntent"), True),
    (lambda b: b.intent("AMAZON.StopIntent"), False),
])
def test_conversation_requests_get_valid_responses(handler, make, keeps_open):
    response = handler(make(EnvelopeBuilder()), None)
    assert speech_of(response)
    assert response["response"]["shouldEndSession"] is (not keeps_open)
    if keeps_open:
        assert response["response"]["reprompt"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize("make", [
    lambda b: b.session_ended(),
    lambda b: b.skill_event("SkillEnabled"),
    lambda b: b.skill_event("SkillDisabled", {"userInformationPersistenceStatus": "NOT_PERSISTED"}),
    lambda b: b.skill_event("SkillPermissionChanged", {"acceptedPermissions": []}),
    lambda b: b.skill_event("SkillPermissionAccepted", {"acceptedPermissions": []}),
])
def test_silent_requests_get_valid_empty_responses(handler, make):
    response = handler(make(EnvelopeBuilder()), None)
    assert response["version"] == "1.0"
    assert "outputSpeech" not in response["response"]


def test_can_fulfill_answers_honestly(handler):
    b = EnvelopeBuilder()
    yes = handler(b.can_fulfill("QuestionIntent", {"query": "how long does opioid withdrawal last"}), None)
    assert yes["response"]["canFulfillIntent"]["canFulfill"] == "YES"
    no = handler(b.can_fulfill("QuestionIntent", {"query": "what's the weather in paris tomorrow"}), None)
    assert no["response"]["canFulfillIntent"]["canFulfill"] == "NO"
    maybe = handler(b.can_fulfill("TellMeMoreIntent"), None)
    assert maybe["response"]["canFulfillIntent"]["canFulfill"] == "MAYBE"
    unknown = handler(b.can_fulfill("OrderPizzaIntent"), None)
    assert unknown["response"]["canFulfillIntent"]["canFulfill"] == "NO"


def test_an_unknown_request_type_still_gets_a_valid_response(handler):
    envelope = EnvelopeBuilder().launch()
    envelope["request"]["type"] = "Alexa.Presentation.APL.UserEvent.SomethingNew"
    response = handler(envelope, None)
    assert response["version"] == "1.0"


def test_an_intent_request_of_an_unreadable_shape_still_gets_speech(handler):
    envelope = EnvelopeBuilder().intent("QuestionIntent", {"query": "what is detox"})
    envelope["request"]["intent"]["slots"] = "not an object"
    response = handler(envelope, None)
    assert speech_of(response)


def test_alexa_api_calls_have_a_timeout(mocker):
    from ask_sdk_model.services import ApiClientRequest
    from recovery_guide.app import API_TIMEOUT_S, LazyApiClient
    get = mocker.patch("requests.get")
    get.return_value.headers = {}
    get.return_value.status_code = 200
    get.return_value.text = "{}"
    LazyApiClient().invoke(ApiClientRequest(url="https://api.amazonalexa.com/v2/accounts/~current/settings",
                                            method="GET", headers=[("Authorization", "Bearer x")]))
    assert get.call_args.kwargs["timeout"] == API_TIMEOUT_S


def in_a_fresh_process(code: str):
    """Runs `code` after the skill's imports in a new interpreter (a cold start) and returns the JSON
    it prints last."""
    import json
    import subprocess
    import sys
    prelude = ("import sys, json; sys.path.insert(0, 'lambda'); sys.path.insert(0, 'tools')\n"
               "from recovery_guide import app\n"
               "from recovery_guide_local.envelopes import EnvelopeBuilder\n")
    env = {**os.environ, "RECOVERY_GUIDE_STORE": "memory", "SKILL_ID": ""}
    out = subprocess.run([sys.executable, "-c", prelude + code], cwd=REPO, env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_capabilities_load_on_first_use_not_at_start(tmp_path):
    """Cold start: the texting and reminder modules (domain and handlers) load only when asked for."""
    code = (
        "skill = app.get(); b = EnvelopeBuilder()\n"
        "skill.invoke(b.launch()); skill.invoke(b.intent('AMAZON.HelpIntent'))\n"
        "lazy = ['recovery_guide.reminders', 'recovery_guide.phone', 'recovery_guide.sms',\n"
        "        'recovery_guide.handlers.reminders', 'recovery_guide.handlers.phone']\n"
        "before = [m for m in lazy if m in sys.modules]\n"
        "skill.invoke(b.intent('ReminderIntent')); skill.invoke(b.intent('SendToPhoneIntent'))\n"
        "after = [m for m in lazy if m in sys.modules]\n"
        "print(json.dumps([before, after]))\n")
    before, after = in_a_fresh_process(code)
    assert before == []
    assert set(after) >= {"recovery_guide.reminders", "recovery_guide.handlers.reminders",
                          "recovery_guide.phone", "recovery_guide.handlers.phone"}


def test_a_one_shot_question_reads_the_timestamp_without_dateutil_or_openssl():
    """Cold start: the request's timestamp is read by the standard library and the session seal by
    _blake2; dateutil's parser and OpenSSL's hashlib are not loaded to answer one question."""
    code = (
        "out = app.get().invoke(EnvelopeBuilder().intent('QuestionIntent', {'query': 'how long does withdrawal last'}))\n"
        "print(json.dumps([bool(out['response'].get('outputSpeech')),\n"
        "                  [m for m in ('dateutil.parser', '_hashlib') if m in sys.modules]]))\n")
    answered, loaded = in_a_fresh_process(code)
    assert answered and loaded == []


@pytest.mark.parametrize("timestamp", ["2019-04-20T18:52:38Z", "2026-11-27T06:00:00.123Z", "2026-11-27T06:00:00+01:00"])
def test_the_timestamp_reads_as_the_sdk_reads_it(timestamp):
    import json
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope
    from recovery_guide.app import _serializer
    event = EnvelopeBuilder().launch()
    event["request"]["timestamp"] = timestamp
    ours = _serializer.deserialize(json.dumps(event), RequestEnvelope).request.timestamp
    assert ours == DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope).request.timestamp
    assert ours.tzinfo is not None


@pytest.mark.parametrize("skill_id", ["", "   ", None])
def test_on_lambda_without_a_skill_id_the_function_refuses_to_start(skill_id):
    """The probe: SKILL_ID unset or empty on Lambda accepted every skill's requests silently."""
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "SKILL_ID"}
    env.update({"AWS_LAMBDA_FUNCTION_NAME": "recovery-guide-skill", "RECOVERY_GUIDE_STORE": "memory"})
    if skill_id is not None:
        env["SKILL_ID"] = skill_id
    code = "import sys, logging; sys.path.insert(0, 'lambda'); import recovery_guide.lambda_entry"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "SKILL_ID" in done.stderr and "refus" in done.stderr


def test_on_lambda_with_a_skill_id_requests_for_other_skills_are_refused():
    from recovery_guide import app, config as config_module
    config = config_module.load({"AWS_LAMBDA_FUNCTION_NAME": "f", "SKILL_ID": "amzn1.ask.skill.ours",
                                 "RECOVERY_GUIDE_STORE": "memory"})
    skill = app.RecoveryGuide(config)
    envelope = EnvelopeBuilder().launch()
    envelope["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.ours"
    envelope["session"]["application"]["applicationId"] = "amzn1.ask.skill.ours"
    assert skill.invoke(envelope)["response"]["outputSpeech"]
    envelope["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.other"
    with pytest.raises(app.ForeignSkillError):
        skill.invoke(envelope)


def test_locally_without_a_skill_id_any_id_is_accepted_and_the_log_says_so(caplog):
    import logging
    from recovery_guide import app, config as config_module
    caplog.set_level(logging.INFO)
    skill = app.RecoveryGuide(config_module.load({"RECOVERY_GUIDE_STORE": "memory"}))
    assert "SKILL_ID is not set" in caplog.text and "local" in caplog.text
    assert skill.invoke(EnvelopeBuilder().launch())["response"]["outputSpeech"]
