"""Logs at DEBUG never carry what identifies a person or what was sent to them.

The probe: with the skill's level at DEBUG, botocore logged the phone number, the SMS text, the hashed
user key and the reminder token (request parameters and bodies), and urllib3 logged the device id (URL
paths). Here everything runs for real: botocore against moto_server (DynamoDB and SNS), requests and
urllib3 against a stand-in for Alexa's APIs on loopback; only the logs are read.
"""
from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import Dialog, make_skill
from test_dynamodb_store import TABLE, aws_env, dynamodb_endpoint  # noqa: F401 - fixtures used here

from recovery_guide import sms
from recovery_guide.persistence.base import user_key
from recovery_guide.persistence.dynamodb_store import DynamoDbUserStore

USER_ID = "amzn1.ask.account.log-probe-user"
DEVICE_ID = "amzn1.ask.device.log-probe-device-7731"
TOKEN = "alert-token-log-probe-5512"
PHONE_DIGITS = "2065550100"
LIBRARY_LOGGERS = ("botocore", "boto3", "urllib3", "s3transfer")


class AlexaApis(BaseHTTPRequestHandler):
    """Alexa's settings, profile and reminders APIs, as far as the skill uses them."""
    protocol_version = "HTTP/1.1"

    def _json(self, body, status=200):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802
        if self.path.endswith("/settings/System.timeZone"):
            return self._json("America/New_York")
        if self.path.endswith("/settings/Profile.mobileNumber"):
            return self._json({"countryCode": "+1", "phoneNumber": "(206) 555-0100"})
        if self.path.startswith("/v1/alerts/reminders"):
            return self._json({"totalCount": "0", "alerts": []})
        return self._json({}, 404)

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        return self._json({"alertToken": TOKEN, "status": "ON", "version": "1"})

    def log_message(self, *args):
        pass


@pytest.fixture
def alexa_apis():
    server = ThreadingHTTPServer(("127.0.0.1", 0), AlexaApis)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_debug_logs_never_carry_a_phone_number_text_user_key_token_or_device(dynamodb_endpoint, alexa_apis,
                                                                               caplog, mocker):
    import boto3
    caplog.set_level(logging.DEBUG)             # the skill's level as verbose as it goes
    real_client = boto3.client
    mocker.patch("boto3.client", lambda service, **kw: real_client(
        service, **{**kw, "endpoint_url": dynamodb_endpoint, "region_name": "us-east-1"}))
    sms.sns_client.cache_clear()
    # The SDK's client refuses http:// endpoints; the stand-in for Alexa's APIs is plain http on loopback.
    from types import SimpleNamespace
    mocker.patch("ask_sdk_core.api_client.parse_url", lambda url: SimpleNamespace(scheme="https"))
    store = DynamoDbUserStore(TABLE, endpoint_url=dynamodb_endpoint)
    skill = make_skill(store=store, sms_enabled=True)

    def with_consent(event, context=None):
        system = event["context"]["System"]
        system.update(apiEndpoint=alexa_apis, apiAccessToken="api-token")
        system["user"]["permissions"] = {"consentToken": "api-token"}
        return skill.invoke(event, context)

    talk = Dialog(skill, user="log-probe-user")
    talk.envelopes.device_id = DEVICE_ID
    talk.skill = talk.conversation.skill = mocker.Mock(invoke=with_consent, last_topic=skill.last_topic)
    try:
        assert "affirmation" in talk.say("daily affirmation").text.lower()
        assert "I've texted" in talk.say("send it to my phone").text
        assert "every day at 8 AM" in talk.say("remind me every day at 8 am").text
    finally:
        sms.sns_client.cache_clear()

    assert store.get(user_key(USER_ID))["reminder"] == {"alert_token": TOKEN}   # it all really happened
    logged = caplog.text
    for secret in (PHONE_DIGITS, "555-0100", "asked for", user_key(USER_ID), TOKEN, DEVICE_ID, "log-probe-user"):
        assert secret not in logged, f"{secret!r} is in the logs"
    for name in LIBRARY_LOGGERS:
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING, name
