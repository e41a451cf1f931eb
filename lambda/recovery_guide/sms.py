"""Texting phone numbers with Amazon SNS: a discreet message, an E.164 number, short timeouts.

The message names no drug, no overdose, no suicide, no treatment and not the skill: the phone may
be shared, and a lock screen shows texts to whoever picks it up. It carries the numbers only.

Nothing here logs the phone number or the message, and nothing is stored: the number is read
from the Alexa profile API for this one send and then forgotten.

boto3 is imported only when a text is actually sent (it costs about 0.3 s to import, and most
requests never need it); the client is made once per process.
"""
from __future__ import annotations

import re
from functools import lru_cache
from . import logs

log = logs.get(__name__)

# SNS sends promotional texts at lower priority and may drop them; a number someone asked for is not.
SMS_TYPE = "Transactional"
CONNECT_TIMEOUT_S = 2
READ_TIMEOUT_S = 3
_E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")


class SmsError(Exception):
    """The text could not be sent. The message names the failure kind only, never the number."""


def e164(country_code: str | None, phone_number: str | None) -> str | None:
    """The Alexa profile's mobile number as E.164 ("+12065550100"), or None if it cannot be one.

    The profile gives a country code ("+1", "1", "+44") and a number as the person typed it
    ("(206) 555-0100", "07700 900123", sometimes already "+1 206..."). A national trunk "0" is dropped.
    """
    number = str(phone_number or "").strip()
    if not number:
        return None
    if number.startswith("+") or number.startswith("00"):
        digits = re.sub(r"[^0-9]", "", number)
        if number.startswith("00"):
            digits = digits[2:]
    else:
        code = re.sub(r"[^0-9]", "", str(country_code or ""))
        national = re.sub(r"[^0-9]", "", number)
        if not code:
            return None
        if national.startswith(code) and len(national) > 10:   # typed with its country code, no "+"
            national = national[len(code):]
        national = national.lstrip("0") if code != "39" else national   # Italy keeps its leading 0
        digits = code + national
    candidate = "+" + digits
    return candidate if _E164.match(candidate) else None


def message_for(numbers: list[str]) -> str:
    """The text itself: the numbers and a neutral sentence, nothing that says what they are for."""
    numbers = [str(n).strip() for n in numbers if str(n).strip()]
    if not numbers:
        raise ValueError("no numbers to send")
    if len(numbers) == 1:
        listed = f"The number you asked for: {numbers[0]}."
    else:
        listed = "The numbers you asked for: " + ", ".join(numbers[:-1]) + f" and {numbers[-1]}."
    return listed + " Reply STOP to opt out."


@lru_cache(maxsize=1)
def sns_client():
    """One SNS client per process, with short timeouts: a person is waiting for Alexa to answer."""
    import boto3
    from botocore.config import Config

    logs.quiet_libraries()   # botocore at DEBUG would log the number and the message

    return boto3.client("sns", config=Config(connect_timeout=CONNECT_TIMEOUT_S, read_timeout=READ_TIMEOUT_S,
                                              retries={"max_attempts": 2, "mode": "standard"}))


def send(phone_e164: str, message: str) -> None:
    """Text `message` to `phone_e164` through SNS; raises SmsError on any failure."""
    if not _E164.match(phone_e164 or ""):
        raise SmsError("invalid_number")
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError as exc:   # boto3 is in the Lambda runtime; a local install may lack it
        raise SmsError("boto3_missing") from exc
    try:
        sns_client().publish(
            PhoneNumber=phone_e164,
            Message=message,
            MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": SMS_TYPE}},
        )
    except ClientError as exc:
        code = (getattr(exc, "response", None) or {}).get("Error", {}).get("Code", "unknown")
        log.warning("sms_failed kind=client_error code=%s", code)
        raise SmsError("client_error") from None
    except BotoCoreError as exc:   # no region, no credentials, timeouts, endpoint unreachable
        log.warning("sms_failed kind=%s", type(exc).__name__)
        raise SmsError(type(exc).__name__) from None
    log.info("sms_sent")
