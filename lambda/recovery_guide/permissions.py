"""Asking a person for an Alexa permission (mobile number, reminders): by voice with a
Connections.SendRequest "AskFor" directive, or with a consent card in the Alexa app."""
from __future__ import annotations

ASK_FOR = "AskFor"


def ask_by_voice(response_builder, scope: str, token: str) -> None:
    """Alexa asks the question itself and answers the skill with a Connections.Response carrying `token`."""
    from ask_sdk_model.interfaces.connections import SendRequestDirective
    payload = {"@type": "AskForPermissionsConsentRequest", "@version": "2",
               "permissionScopes": [{"permissionScope": scope, "consentLevel": "ACCOUNT"}]}
    response_builder.add_directive(SendRequestDirective(name=ASK_FOR, payload=payload, token=token))


def consent_card(response_builder, scope: str) -> None:
    from ask_sdk_model.ui import AskForPermissionsConsentCard
    response_builder.set_card(AskForPermissionsConsentCard(permissions=[scope]))
