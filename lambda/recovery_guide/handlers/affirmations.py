"""Today's affirmation: the same words all day for a person, different tomorrow, no repeat within 60 days.

The day is the UTC date of the request's timestamp (`--today` in the CLI sets that timestamp). The
person's own time zone would need a call to the Alexa settings API on every request, which this
turn does not otherwise make, so it is not used here: for someone in New York the affirmation
changes at 7 pm local time (8 pm in summer) rather than at midnight. Within one UTC day the words
never change, and the no-repeat guarantee counts UTC days.

The user record keeps only the ids heard and their dates (see persistence/base.py). If the store
cannot be reached the person still hears the day's affirmation, chosen from an empty history,
which is stable for the day (the picker is seeded by user and date).
"""
from __future__ import annotations

import datetime as dt

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.utils import is_intent_name

from .. import ssml
from ..affirmations import affirmation_ids, affirmation_text, another_affirmation, pick_affirmation, record_heard
from ..persistence.base import StoreUnavailable
from ..turn import reply, services, session
from . import answers
from .. import logs

log = logs.get(__name__)

TOPIC = "affirmation"
INTRO = "Here's your affirmation for today."
ANOTHER = "Here's another one."
HEARD_KEY = "affirmations_heard"   # session only: which ones this conversation has heard
CARD_TITLE = "Today's affirmation"
OFFER_REMINDER = "Would you like me to remind you every morning?"
ANYTHING_ELSE = "Is there anything else I can help you with?"
ANONYMOUS = "anonymous"   # requests without a user id (never seen from Alexa) still get a stable pick


def request_day(handler_input) -> dt.date:
    """The UTC date of the request's timestamp (today's UTC date if the request carries none)."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, dt.datetime):
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.timezone.utc)
        return stamp.date()
    return dt.datetime.now(dt.timezone.utc).date()


def todays_affirmation(handler_input) -> tuple[str, bool]:
    """(affirmation id for this person today, whether they already have a daily reminder).

    One store call: the pick happens inside the update, so two devices asking at once agree.
    """
    ids = affirmation_ids()
    today = request_day(handler_input)
    svc = services(handler_input)
    key = svc.user_key(handler_input)
    if key is None:
        return pick_affirmation(ids, [], today, ANONYMOUS), False

    def mutate(record: dict) -> dict:
        history = record.get("affirmations") or []
        chosen = pick_affirmation(ids, history, today, key)
        return {**record, "affirmations": record_heard(history, chosen, today)}

    try:
        saved = svc.store.update(key, mutate)
    except StoreUnavailable as exc:
        log.warning("affirmation_store_unavailable type=%s", type(exc).__name__)
        return pick_affirmation(ids, [], today, key), False
    # The saved history has today's entry: picking again returns it (same words all day).
    chosen = pick_affirmation(ids, saved.get("affirmations") or [], today, key)
    has_reminder = bool((saved.get("reminder") or {}).get("alert_token"))
    return chosen, has_reminder


def affirmation_response(handler_input, intro: str | None = None, another: bool = False):
    """Today's affirmation; `intro` (SSML) replaces the usual first sentence, for questions such as
    "what is an affirmation" whose content entry leads into the day's affirmation. `another`: one
    more after it ("another one"), not stored: tomorrow's pick is unchanged."""
    aff_id, has_reminder = todays_affirmation(handler_input)
    attrs = session(handler_input)
    heard = []
    if another:
        ids = affirmation_ids()
        heard = [a for a in ((attrs or {}).get(HEARD_KEY) or []) if isinstance(a, str)][-len(ids):] or [aff_id]
        aff_id = another_affirmation(ids, heard, services(handler_input).user_key(handler_input) or ANONYMOUS)
        intro = ssml.escape(ANOTHER)
    if attrs is not None:
        attrs[HEARD_KEY] = heard + [aff_id]
    text = affirmation_text(aff_id) or ""
    speech = f"{intro or ssml.escape(INTRO)} {ssml.escape(text)}"
    if has_reminder:
        question, offer = ANYTHING_ELSE, None
    else:
        question, offer = OFFER_REMINDER, {"kind": "reminder"}
    return reply(handler_input, f"{speech} {ssml.pause(400)}{ssml.escape(question)}",
                 reprompt=ssml.escape(question), card={"title": CARD_TITLE, "text": text},
                 topic=TOPIC, offer=offer)


class AffirmationHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AffirmationIntent")(handler_input)

    def handle(self, handler_input):
        return affirmation_response(handler_input)


# Questions the matcher files under the affirmation topic lead into the day's affirmation.
_routes = getattr(answers, "TOPIC_ROUTES", None)
if _routes is not None:
    _routes[TOPIC] = lambda handler_input, intro, another=False: affirmation_response(handler_input, intro=intro,
                                                                                  another=another)

HANDLERS = [AffirmationHandler()]
