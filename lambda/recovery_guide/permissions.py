"""Asking a person for an Alexa permission (mobile number, reminders): by voice with a
Connections.SendRequest "AskFor" directive, or with a consent card in the Alexa app.

The one place that reads what the request says about permissions: texting and reminders both
ask here. Alexa's APIs still decide (a 401/403 means the permission is missing after all).
"""
from __future__ import annotations

ASK_FOR = "AskFor"


def _system(handler_input):
    return getattr(getattr(handler_input.request_envelope, "context", None), "system", None)


def api_token(handler_input) -> str | None:
    return getattr(_system(handler_input), "api_access_token", None) or None


def has_permission(handler_input) -> bool:
    """Whether the request shows any granted permission at all: an API token and a consent token."""
    permissions = getattr(getattr(_system(handler_input), "user", None), "permissions", None)
    return bool(api_token(handler_input)) and bool(getattr(permissions, "consent_token", None))


def supports_voice_permission(handler_input) -> bool:
    """A voice permission request needs a device in a live session to ask on (there is no
    `supportedInterfaces` entry for it). If the device still cannot do it, Alexa answers the
    directive with an error status and the Connections.Response handler falls back to the card."""
    return (getattr(_system(handler_input), "device", None) is not None
            and handler_input.request_envelope.session is not None)


def device_id(handler_input) -> str | None:
    return getattr(getattr(_system(handler_input), "device", None), "device_id", None)


def status_of(exc) -> int | None:
    """The HTTP status an Alexa API exception carries, or None."""
    try:
        return int(getattr(exc, "status_code", None))
    except (TypeError, ValueError):
        return None


def ask_by_voice(response_builder, scope: str, token: str) -> None:
    """Alexa asks the question itself and answers the skill with a Connections.Response carrying `token`."""
    from ask_sdk_model.interfaces.connections import SendRequestDirective
    payload = {"@type": "AskForPermissionsConsentRequest", "@version": "2",
               "permissionScopes": [{"permissionScope": scope, "consentLevel": "ACCOUNT"}]}
    response_builder.add_directive(SendRequestDirective(name=ASK_FOR, payload=payload, token=token))


def consent_card(response_builder, scope: str) -> None:
    from ask_sdk_model.ui import AskForPermissionsConsentCard
    response_builder.set_card(AskForPermissionsConsentCard(permissions=[scope]))
