"""The Flash Briefing feed: today's affirmation as Amazon's JSON feed format, for a Lambda function URL.

A separate Lambda entry point (handler: recovery_guide.feed.handler) that reads only the compiled
library (data/affirmations.json) and the standard library: no ask_sdk, no boto3, no YAML, no user data.

Request: GET (or HEAD) on the function URL, payload format 2.0. The date is today's UTC date;
`?date=YYYY-MM-DD` asks for another date (for testing and previews); a malformed or impossible date
is answered with 400 and {"error": "..."}. Other methods get 405.

Response body: a single feed item (Amazon accepts a single object for a one-item feed)

    {"uid": "urn:recovery-guide:affirmation:2026-11-23",       # stable per date
     "updateDate": "2026-11-23T00:00:00.0Z",
     "titleText": "Recovery Guide: today's affirmation",
     "mainText": "Today's affirmation from Recovery Guide. <text> <closing>",
     "redirectionUrl": "https://..."}

mainText is plain text (no SSML, no markup) and well under Amazon's 4,500-character limit. A short
closing sentence follows the affirmation because Amazon asks for spoken feed content of at least ten
seconds, and a single affirmation read alone can be shorter than that.

Environment:

| variable | meaning | default |
|---|---|---|
| FEED_REDIRECT_URL | the "read more" link shown in the Alexa app with the item | unset |
| PROJECT_README_URL | used when FEED_REDIRECT_URL is unset: the project's public README | unset |

Only https URLs are used; when neither variable holds one, redirectionUrl is
https://www.amazon.com/alexa (the Alexa home page), so the field is always present and valid but
never points at a placeholder that does not exist. Set FEED_REDIRECT_URL to the skill's own page
once it is published.
"""
from __future__ import annotations

import datetime
import json
import logging
import os
import re
from urllib.parse import parse_qs

from recovery_guide.affirmations import affirmation_of_the_day, load_affirmations

log = logging.getLogger(__name__)

FALLBACK_REDIRECT_URL = "https://www.amazon.com/alexa"
TITLE = "Recovery Guide: today's affirmation"
INTRO = "Today's affirmation from Recovery Guide."
CLOSING = ("Take a slow breath, and carry these words with you today. "
           "Whether you are in recovery or love someone who is, you deserve support.")
MAX_MAIN_TEXT = 4500
CACHE_SECONDS = 3600

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MARKUP = re.compile(r"[<>&\"]")


class BadRequest(ValueError):
    pass


def _utc_today() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).date()


def redirect_url(env=None) -> str:
    env = os.environ if env is None else env
    for name in ("FEED_REDIRECT_URL", "PROJECT_README_URL"):
        value = (env.get(name) or "").strip()
        if value.lower().startswith("https://") and not re.search(r"\s", value):
            return value
        if value:
            log.warning("%s is not an https URL; ignoring it", name)
    return FALLBACK_REDIRECT_URL


def plain(text: str) -> str:
    """Text safe to hand to Alexa's reader: no markup characters, single spaces."""
    return " ".join(_MARKUP.sub(" ", text).split())


def feed_item(day: datetime.date, text: str, redirection_url: str) -> dict:
    main = plain(f"{INTRO} {text} {CLOSING}")
    if len(main) > MAX_MAIN_TEXT:  # cannot happen with the library's word limit; kept as a guard
        main = main[:MAX_MAIN_TEXT].rsplit(" ", 1)[0]
    return {
        "uid": f"urn:recovery-guide:affirmation:{day.isoformat()}",
        "updateDate": f"{day.isoformat()}T00:00:00.0Z",
        "titleText": TITLE,
        "mainText": main,
        "redirectionUrl": redirection_url,
    }


def item_for(day: datetime.date, env=None) -> dict:
    library = load_affirmations()
    texts = {item["id"]: item["text"] for item in library}
    chosen = affirmation_of_the_day([item["id"] for item in library], day)
    return feed_item(day, texts[chosen], redirect_url(env))


def requested_date(event: dict) -> datetime.date:
    params = event.get("queryStringParameters") or {}
    if "date" in params:
        raw = params["date"]
    else:
        raw_query = event.get("rawQueryString") or ""
        values = parse_qs(raw_query, keep_blank_values=True).get("date")
        if values is None:
            return _utc_today()
        raw = ",".join(values)  # repeated parameters arrive comma-joined in payload 2.0 too
    raw = (raw or "").strip()
    if not _DATE.match(raw):
        raise BadRequest("date must be YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest("date is not a real calendar date") from None


def _response(status: int, payload, cache: str, extra_headers: dict | None = None, head: bool = False) -> dict:
    headers = {"Content-Type": "application/json; charset=utf-8", "Cache-Control": cache}
    headers.update(extra_headers or {})
    body = "" if head else json.dumps(payload, ensure_ascii=False)
    return {"statusCode": status, "headers": headers, "body": body}


def handler(event, context=None) -> dict:
    event = event if isinstance(event, dict) else {}
    method = ((event.get("requestContext") or {}).get("http") or {}).get("method", "GET").upper()
    if method not in ("GET", "HEAD"):
        return _response(405, {"error": "use GET"}, "no-store", {"Allow": "GET, HEAD"})
    try:
        day = requested_date(event)
    except BadRequest as error:
        return _response(400, {"error": str(error)}, "no-store", head=method == "HEAD")
    try:
        item = item_for(day)
    except Exception:  # a broken deployment package: say so without a stack trace to the caller
        log.exception("could not build the affirmation feed")
        return _response(500, {"error": "the affirmation is not available right now"}, "no-store",
                         head=method == "HEAD")
    return _response(200, item, f"max-age={CACHE_SECONDS}", head=method == "HEAD")
