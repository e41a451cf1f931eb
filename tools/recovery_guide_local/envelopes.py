"""Request envelopes as Alexa sends them: for the local CLI and server, and for tests.

One builder keeps the shapes in one place: launch, intents with slots, a continuing session,
skill events, CanFulfillIntentRequest, session end.
"""
from __future__ import annotations

import datetime as dt
import uuid

DEFAULT_SKILL_ID = "amzn1.ask.skill.recovery-guide-local"


class EnvelopeBuilder:
    def __init__(self, locale: str | None = "en-US", user_id: str = "amzn1.ask.account.local-user",
                 skill_id: str = DEFAULT_SKILL_ID, device_id: str = "amzn1.ask.device.local",
                 api_access_token: str | None = None, timestamp: dt.datetime | None = None,
                 supported_interfaces: dict | None = None):
        self.locale = locale
        self.user_id = user_id
        self.skill_id = skill_id
        self.device_id = device_id
        self.api_access_token = api_access_token
        self.timestamp = timestamp
        self.supported_interfaces = supported_interfaces or {}
        self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
        self.session_attributes: dict = {}
        self.new_session = True

    # -- envelope parts ----------------------------------------------------------------------
    def _stamp(self) -> str:
        when = self.timestamp or dt.datetime.now(dt.timezone.utc)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _context(self) -> dict:
        system = {
            "application": {"applicationId": self.skill_id},
            "user": {"userId": self.user_id},
            "device": {"deviceId": self.device_id, "supportedInterfaces": self.supported_interfaces},
            "apiEndpoint": "https://api.amazonalexa.com",
        }
        if self.api_access_token:
            system["apiAccessToken"] = self.api_access_token
        return {"System": system}

    def _session(self) -> dict:
        return {"new": self.new_session, "sessionId": self.session_id,
                "application": {"applicationId": self.skill_id}, "user": {"userId": self.user_id},
                "attributes": dict(self.session_attributes)}

    def _request(self, request_type: str, **fields) -> dict:
        request = {"type": request_type, "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
                   "timestamp": self._stamp()}
        if self.locale is not None:
            request["locale"] = self.locale
        request.update(fields)
        return request

    def _envelope(self, request: dict, with_session: bool = True) -> dict:
        envelope = {"version": "1.0", "context": self._context(), "request": request}
        if with_session:
            envelope["session"] = self._session()
        return envelope

    # -- requests ----------------------------------------------------------------------------
    def launch(self) -> dict:
        return self._envelope(self._request("LaunchRequest"))

    def intent(self, name: str, slots: dict | None = None, *, with_session: bool = True,
               confirmation: str = "NONE") -> dict:
        slot_objs = {k: {"name": k, "value": v, "confirmationStatus": "NONE"} for k, v in (slots or {}).items()}
        intent = {"name": name, "confirmationStatus": confirmation}
        if slot_objs:
            intent["slots"] = slot_objs
        return self._envelope(self._request("IntentRequest", dialogState="COMPLETED", intent=intent),
                              with_session=with_session)

    def session_ended(self, reason: str = "USER_INITIATED") -> dict:
        return self._envelope(self._request("SessionEndedRequest", reason=reason))

    def skill_event(self, event: str, body: dict | None = None) -> dict:
        request = self._request(f"AlexaSkillEvent.{event}", eventCreationTime=self._stamp(),
                                eventPublishingTime=self._stamp())
        if body is not None:
            request["body"] = body
        return self._envelope(request, with_session=False)

    def can_fulfill(self, name: str, slots: dict | None = None) -> dict:
        slot_objs = {k: {"name": k, "value": v} for k, v in (slots or {}).items()}
        intent = {"name": name, "slots": slot_objs} if slot_objs else {"name": name}
        return self._envelope(self._request("CanFulfillIntentRequest", intent=intent), with_session=False)

    def connections_response(self, name: str, status_code: str, body: dict, token: str = "") -> dict:
        return self._envelope(self._request("Connections.Response", name=name, token=token,
                                            status={"code": status_code, "message": "OK"}, payload=body))

    # -- conversation ------------------------------------------------------------------------
    def carry(self, response_envelope: dict) -> None:
        """Continue the session: the next request carries the attributes the skill returned."""
        self.session_attributes = dict(response_envelope.get("sessionAttributes") or {})
        self.new_session = False
        if response_envelope.get("response", {}).get("shouldEndSession", True):
            self.restart()

    def restart(self) -> None:
        self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
        self.session_attributes = {}
        self.new_session = True
