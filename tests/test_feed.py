"""The Flash Briefing feed Lambda: Amazon's JSON feed format, stable per date, and no drift from the YAML."""
from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_guide import feed
from recovery_guide.affirmations import affirmation_of_the_day, load_affirmations

ROOT = Path(__file__).resolve().parents[1]
YAML_PATH = ROOT / "content" / "affirmations.yaml"
JSON_PATH = ROOT / "lambda" / "recovery_guide" / "data" / "affirmations.json"
REQUIRED = {"uid", "updateDate", "titleText", "mainText", "redirectionUrl"}


def event(query: dict | None = None, method: str = "GET") -> dict:
    """A Lambda function URL event, payload format 2.0 (only the fields the handler reads vary)."""
    raw = "&".join(f"{k}={v}" for k, v in (query or {}).items())
    ev = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": "/",
        "rawQueryString": raw,
        "headers": {"accept": "*/*", "host": "example.lambda-url.us-east-1.on.aws"},
        "requestContext": {"http": {"method": method, "path": "/", "protocol": "HTTP/1.1",
                                    "sourceIp": "192.0.2.1", "userAgent": "test"},
                           "timeEpoch": 0},
        "isBase64Encoded": False,
    }
    if query:
        ev["queryStringParameters"] = dict(query)
    return ev


def item_of(response: dict) -> dict:
    body = json.loads(response["body"])
    if isinstance(body, list):
        assert len(body) == 1
        body = body[0]
    return body


@pytest.fixture(autouse=True)
def _no_redirect_env(monkeypatch):
    monkeypatch.delenv("FEED_REDIRECT_URL", raising=False)
    monkeypatch.delenv("PROJECT_README_URL", raising=False)


# --- format -------------------------------------------------------------------------------

def test_response_envelope():
    response = feed.handler(event({"date": "2026-11-23"}), None)
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert response["headers"]["Cache-Control"] == "max-age=3600"
    assert isinstance(response["body"], str)
    response["body"].encode("utf-8")


def test_item_has_the_required_keys_and_types():
    item = item_of(feed.handler(event({"date": "2026-11-23"}), None))
    assert set(item) == REQUIRED
    assert all(isinstance(item[key], str) and item[key] for key in REQUIRED)
    assert item["uid"] == "urn:recovery-guide:affirmation:2026-11-23"
    assert item["updateDate"] == "2026-11-23T00:00:00.0Z"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00\.0Z", item["updateDate"])
    assert item["redirectionUrl"].startswith("https://")


def test_main_text_is_plain_and_short_and_contains_the_days_affirmation():
    day = datetime.date(2026, 11, 23)
    item = item_of(feed.handler(event({"date": day.isoformat()}), None))
    library = load_affirmations()
    expected = {a["id"]: a["text"] for a in library}[affirmation_of_the_day([a["id"] for a in library], day)]
    main = item["mainText"]
    assert main.startswith("Today's affirmation from Recovery Guide. ")
    assert expected in main
    assert len(main) <= 4500
    assert not re.search(r"[<>&\"]", main)
    # Amazon asks for at least ten seconds of speech: about 25 words at a normal speaking rate.
    assert len(main.split()) >= 25


def test_every_affirmation_fits_the_feed():
    for aff in load_affirmations():
        item = feed.feed_item(datetime.date(2026, 1, 1), aff["text"], feed.FALLBACK_REDIRECT_URL)
        assert aff["text"] in item["mainText"]
        assert len(item["mainText"]) <= 4500


def test_default_date_is_utc_today(monkeypatch):
    monkeypatch.setattr(feed, "_utc_today", lambda: datetime.date(2027, 2, 14))
    item = item_of(feed.handler(event(), None))
    assert item["uid"] == "urn:recovery-guide:affirmation:2027-02-14"
    assert item["updateDate"] == "2027-02-14T00:00:00.0Z"


def test_real_clock_gives_todays_utc_date():
    item = item_of(feed.handler(event(), None))
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert item["uid"].rsplit(":", 1)[1] in {today.isoformat(), (today - datetime.timedelta(days=1)).isoformat()}


def test_raw_query_string_alone_is_understood():
    ev = event()
    ev["rawQueryString"] = "date=2026-12-25"
    assert item_of(feed.handler(ev, None))["uid"].endswith("2026-12-25")


# --- stable per date, changes across dates ------------------------------------------------

def test_stable_per_date():
    first = feed.handler(event({"date": "2026-11-23"}), None)["body"]
    assert all(feed.handler(event({"date": "2026-11-23"}), None)["body"] == first for _ in range(3))


def test_changes_across_dates():
    start = datetime.date(2026, 11, 23)
    items = [item_of(feed.handler(event({"date": (start + datetime.timedelta(days=n)).isoformat()}), None))
             for n in range(60)]
    assert len({i["uid"] for i in items}) == 60
    assert len({i["mainText"] for i in items}) == 60


# --- errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "tomorrow", "2026-1-5", "", "20261123",
                                 "2026-11-23T00:00:00", "2026-11-23,2026-11-24"])
def test_bad_date_is_a_400_with_a_json_error(bad):
    response = feed.handler(event({"date": bad}), None)
    assert response["statusCode"] == 400
    assert response["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert response["headers"]["Cache-Control"] == "no-store"
    body = json.loads(response["body"])
    assert isinstance(body["error"], str) and body["error"]


def test_other_methods_are_refused():
    response = feed.handler(event(method="POST"), None)
    assert response["statusCode"] == 405
    assert "error" in json.loads(response["body"])


def test_head_has_headers_and_no_body():
    response = feed.handler(event({"date": "2026-11-23"}, method="HEAD"), None)
    assert response["statusCode"] == 200 and response["body"] == ""


def test_garbage_event_still_answers():
    assert feed.handler(None, None)["statusCode"] == 200


# --- redirection URL ----------------------------------------------------------------------

def test_redirect_url_from_environment(monkeypatch):
    monkeypatch.setenv("FEED_REDIRECT_URL", "https://example.org/recovery-guide")
    monkeypatch.setenv("PROJECT_README_URL", "https://example.org/readme")
    assert item_of(feed.handler(event({"date": "2026-11-23"}), None))["redirectionUrl"] == \
        "https://example.org/recovery-guide"


def test_redirect_url_falls_back_to_readme_then_alexa():
    assert feed.redirect_url({"PROJECT_README_URL": "https://example.org/readme"}) == "https://example.org/readme"
    assert feed.redirect_url({"FEED_REDIRECT_URL": "http://insecure.example", "PROJECT_README_URL": ""}) == \
        feed.FALLBACK_REDIRECT_URL
    assert feed.redirect_url({}) == "https://www.amazon.com/alexa"


# --- packaging ----------------------------------------------------------------------------

def test_feed_imports_neither_ask_sdk_nor_boto3_nor_yaml():
    code = ("import sys, recovery_guide.feed as f; f.handler({}, None); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('ask_sdk_core', 'ask_sdk_model', "
            "'ask_sdk', 'boto3', 'botocore', 'yaml')]; print(','.join(bad))")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lambda") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == ""


def test_committed_json_matches_the_yaml(tmp_path):
    """Drift check: the committed JSON is exactly what compile_affirmations makes from the YAML."""
    from recovery_guide_authoring.affirmations_build import compile_affirmations

    rebuilt = tmp_path / "affirmations.json"
    compile_affirmations(str(YAML_PATH), str(rebuilt))
    assert JSON_PATH.read_text(encoding="utf-8") == rebuilt.read_text(encoding="utf-8"), (
        "lambda/recovery_guide/data/affirmations.json is stale: run "
        "python -m recovery_guide_authoring.affirmations_build")


def test_compile_rejects_bad_content(tmp_path):
    from recovery_guide_authoring.affirmations_build import compile_affirmations

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "review: {status: source-checked, reviewer: x, reviewed: 2026-11-23, next_review: 2027-05-23}\n"
        "affirmations:\n"
        "  - {id: aff-001, text: \"Every addict has <b>two</b> chances.\"}\n"
        "  - {id: aff-001, text: \"Fine words.\"}\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        compile_affirmations(str(bad), str(tmp_path / "out.json"))
    message = str(error.value)
    assert "duplicate id" in message and "addict" in message and "two" in message
    assert not (tmp_path / "out.json").exists()
