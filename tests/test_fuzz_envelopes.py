"""Robustness: any well-formed request envelope gets a valid response, whatever is in it.

Property-based (hypothesis) over request envelopes and over the free text in slots: unknown intent
names; missing or odd locales; empty, huge, Unicode, control-character, SSML and template text in
slot values; requests without a session, without request ids or timestamps; random request types;
CanFulfill with odd slots. For every one of them:

- the response envelope has version "1.0" and a `response` dict, and serialises to at most 24 KB;
- its speech and reprompt are valid SSML (<speak>...</speak>, well-formed XML, supported tags only)
  of at most 8,000 characters;
- nothing from a slot reaches the SSML unescaped (a marker starting with "<" never appears raw),
  and template syntax in a slot is never evaluated;
- free text (QuestionIntent, any locale) never trips the catch-all error handler;
- a request for another skill id is refused with ForeignSkillError.

Runs are derandomised (repeatable in CI) and kept to a few seconds each. No network: the skill's
Alexa API client is replaced by one that refuses, and no envelope carries an API token.
"""
from __future__ import annotations

import copy
import json
import os
import traceback
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import REPO, make_skill
from recovery_guide.app import ForeignSkillError, LazyApiClient
from recovery_guide_local.envelopes import EnvelopeBuilder
from recovery_guide.handlers import errors as errors_module

MAX_SPEECH = 8000
MAX_RESPONSE_BYTES = 24 * 1024
# Alexa's supported SSML elements (DESIGN.md section 4).
SSML_TAGS = {"speak", "p", "s", "break", "emphasis", "prosody", "say-as", "sub", "lang", "voice",
             "amazon:domain", "amazon:effect", "amazon:emotion", "audio", "phoneme", "w"}
AMAZON_NS = "{http://www.amazon.com/ssml}"   # how ElementTree names amazon:* if the prefix is declared

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

# --- what goes into slots ----------------------------------------------------------------------

MARKER = "<zq9 x='1'>"          # if this ever reaches the SSML raw, a slot was not escaped
TEMPLATE = "{{ 1234*5 }}"      # if "6170" ever appears, a slot was rendered as a template
NASTY = [
    "", " ", "<speak>", "</speak>", "<speak>hi</speak>", "]]>", "<![CDATA[x]]>", "{{ 7*7 }}", TEMPLATE,
    "{% raw %}", "{% endraw %}", "{# c #}", "${7*7}", "&amp;", "&", "&#0;", "&#x1F600;", "&nbsp;", "&lt;",
    "<", ">", '"', "'", "\\", "%s%n", "\x00", "\x01", "\x08", "\x0b", "\x1f", "\x7f", "\ufffe", "\uffff",
    "\ufeff", "\u200b", "\u202e", "\u2028", "e\u0301\u0301\u0301", "\U0001F600", "\U0001F1EC\U0001F1E7",
    "مرحبا بالعالم", "שלום", "\u0915\u094d\u0937", "Z\u0351\u0352\u0353\u0354", "\r\n", "\t",
    "<audio src='https://example.com/x.mp3'/>", '<break time="100s"/>', "<s>", "</p>", "<!-- -->",
    "<?xml version='1.0'?>", "<!DOCTYPE x [<!ENTITY e 'x'>]>&e;",
]
CRISIS_WORDS = ["I want to kill myself", "my friend overdosed and isn't breathing", "I took too many pills"]
TOPIC_WORDS = ["how long does withdrawal last", "what is suboxone", "where can I get narcan", "methadone",
               "set a reminder", "text me the number", "daily affirmation"]

pieces = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.sampled_from(CRISIS_WORDS + TOPIC_WORDS))
huge = st.builds(lambda unit, n: (unit * n)[:10_000], st.sampled_from(["a", "<", "&", "é", "\U0001F600", "ab <c> ",
                                                                        "kill ", "how long "]),
                 st.integers(min_value=1000, max_value=10_000))
free_text = st.one_of(
    st.text(max_size=300),
    st.lists(pieces, max_size=8).map(" ".join),
    huge,
    st.sampled_from(NASTY),
)
marked_text = st.tuples(free_text, free_text).map(lambda ab: f"{ab[0]} {MARKER} {TEMPLATE} {ab[1]}")

LOCALES = ["en-US", "en-GB", "en-CA", "en-AU", "en-IN", "de-DE", "fr-CA", "es-US", "hi-IN", "ja-JP",
           "", "xx-YY", "en_US", "en_gb", "EN-us", "en", "-", "en-", "-US", "en-US-x-private",
           "en-US\x00", "\U0001F600-\U0001F1EC\U0001F1E7", "L" * 5000]
locales = st.one_of(st.none(), st.sampled_from(LOCALES), st.text(max_size=20))


def model_intents() -> tuple[list[str], dict[str, list[str]]]:
    """Intent names and their slot names from the generated en-US model (a fixed list if absent)."""
    path = os.path.join(REPO, "interaction_models", "en-US.json")
    names = ["QuestionIntent", "OverdoseEmergencyIntent", "SuicidalCrisisIntent", "HelplineIntent",
             "FindTreatmentIntent", "SendToPhoneIntent", "TellMeMoreIntent", "SourceIntent", "AffirmationIntent",
             "ReminderIntent", "CancelReminderIntent", "ForgetMeIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent",
             "AMAZON.CancelIntent", "AMAZON.FallbackIntent", "AMAZON.YesIntent", "AMAZON.NoIntent",
             "AMAZON.RepeatIntent", "AMAZON.NavigateHomeIntent", "AMAZON.StartOverIntent", "AMAZON.PauseIntent"]
    slots = {"QuestionIntent": ["query"], "ReminderIntent": ["time"]}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            lm = json.load(fh)["interactionModel"]["languageModel"]
        for intent in lm["intents"]:
            if intent["name"] not in names:
                names.append(intent["name"])
            if intent.get("slots"):
                slots[intent["name"]] = [s["name"] for s in intent["slots"]]
    return names, slots


KNOWN_INTENTS, INTENT_SLOTS = model_intents()
intent_names = st.one_of(st.sampled_from(KNOWN_INTENTS),
                         st.sampled_from(["", "UnknownIntent", "AMAZON.SearchAction<object@name>", "Ask",
                                          "AskNothingIntent", "amazon.helpintent", "QuestionIntent "]),
                         st.text(max_size=30))
slot_names = st.one_of(st.sampled_from(["query", "time", "number", "value", ""]), st.text(max_size=15))

REQUEST_TYPES = ["LaunchRequest", "IntentRequest", "SessionEndedRequest", "CanFulfillIntentRequest",
                 "AlexaSkillEvent.SkillEnabled", "AlexaSkillEvent.SkillDisabled",
                 "AlexaSkillEvent.SkillPermissionAccepted", "AlexaSkillEvent.SkillPermissionChanged",
                 "AlexaSkillEvent.SkillAccountLinked", "AlexaSkillEvent.ProactiveSubscriptionChanged",
                 "Connections.Response", "System.ExceptionEncountered", "AudioPlayer.PlaybackStarted",
                 "Display.ElementSelected", "Alexa.Presentation.APL.UserEvent", "Messaging.MessageReceived",
                 "Reminders.ReminderCreated", "Reminders.ReminderDeleted", "Reminders.ReminderStarted",
                 "Dialog.API.Invoked", "SessionResumedRequest", "PlaybackController.PlayCommandIssued"]
request_types = st.one_of(st.sampled_from(REQUEST_TYPES), st.text(max_size=40))


# --- envelopes ---------------------------------------------------------------------------------

def slot_object(name, value, shape):
    if shape == "plain":
        return {"name": name, "value": value, "confirmationStatus": "NONE"}
    if shape == "no-value":
        return {"name": name, "confirmationStatus": "NONE"}
    if shape == "null-value":
        return {"name": name, "value": None}
    if shape == "resolved":
        return {"name": name, "value": value, "resolutions": {"resolutionsPerAuthority": [
            {"authority": "amzn1.er-authority.echo-sdk.x.TYPE", "status": {"code": "ER_SUCCESS_NO_MATCH"}}]}}
    return {"name": name, "value": value, "slotValue": {"type": "Simple", "value": value}}


slot_shapes = st.sampled_from(["plain", "plain", "no-value", "null-value", "resolved", "slotValue"])


@st.composite
def slots_for(draw, intent_name, text=free_text):
    names = list(INTENT_SLOTS.get(intent_name, []))
    names += draw(st.lists(slot_names, max_size=2))
    return {n: slot_object(n, draw(text), draw(slot_shapes)) for n in dict.fromkeys(names)}


session_attributes = st.one_of(
    st.just({}),
    st.fixed_dictionaries({}, optional={
        "entry": st.one_of(st.none(), st.text(max_size=20), st.integers()),
        "offer": st.one_of(st.none(), st.fixed_dictionaries({"kind": st.sampled_from(
            ["more", "entry", "helpline", "send", "reminder", "forget", "bogus"]), "id": st.text(max_size=20)})),
        "topic": st.one_of(st.none(), st.text(max_size=20)),
    }),
)


def mutate(envelope: dict, draw) -> dict:
    """The shape variations Alexa may send: no session, no request id, no timestamp, null locale."""
    request = envelope["request"]
    if draw(st.booleans()):
        request.pop("requestId", None)
    if draw(st.booleans()):
        request.pop("timestamp", None)
    if draw(st.integers(0, 5)) == 0:
        request["locale"] = None
    shape = draw(st.sampled_from(["keep", "keep", "none", "new", "no-attributes", "null-attributes"]))
    if shape == "none":
        envelope.pop("session", None)
    elif "session" in envelope or shape != "keep":
        session = envelope.setdefault("session", EnvelopeBuilder()._session())
        if shape == "new":
            session["new"] = True
        elif shape == "no-attributes":
            session.pop("attributes", None)
        elif shape == "null-attributes":
            session["attributes"] = None
        else:
            session["new"] = False
            session["attributes"] = draw(session_attributes)
    return envelope


@st.composite
def intent_envelopes(draw, text=free_text):
    name = draw(intent_names)
    builder = EnvelopeBuilder(locale=draw(locales))
    envelope = builder.intent(name, None)
    slots = draw(slots_for(name, text))
    if slots:
        envelope["request"]["intent"]["slots"] = slots
    return mutate(envelope, draw)


@st.composite
def question_envelopes(draw, text=free_text):
    envelope = EnvelopeBuilder(locale=draw(locales)).intent("QuestionIntent", {"query": draw(text)})
    return mutate(envelope, draw)


@st.composite
def any_request_envelopes(draw):
    request_type = draw(request_types)
    builder = EnvelopeBuilder(locale=draw(locales))
    envelope = builder.launch()
    request = envelope["request"]
    request["type"] = request_type
    if request_type in ("IntentRequest", "CanFulfillIntentRequest") or draw(st.booleans()):
        name = draw(intent_names)
        request["intent"] = {"name": name, "confirmationStatus": "NONE"}
        slots = draw(slots_for(name))
        if slots:
            request["intent"]["slots"] = slots
    if request_type.startswith(("AlexaSkillEvent.", "CanFulfill", "Reminders.")) and draw(st.booleans()):
        envelope.pop("session", None)
    if request_type == "Connections.Response":
        request.update(name=draw(st.sampled_from(["AskFor", "SendToPhone", "Bogus"])),
                       token=draw(st.text(max_size=40)),
                       status={"code": draw(st.sampled_from(["200", "204", "400", "500"])), "message": "x"},
                       payload={"status": draw(st.sampled_from(["ACCEPTED", "DENIED", "NOT_ANSWERED", ""]))})
    if request_type == "SessionEndedRequest":
        request["reason"] = draw(st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"]))
        if draw(st.booleans()):
            request["error"] = {"type": "INVALID_RESPONSE", "message": draw(free_text)}
    return mutate(envelope, draw)


@st.composite
def can_fulfill_envelopes(draw):
    name = draw(intent_names)
    envelope = EnvelopeBuilder(locale=draw(locales)).can_fulfill(name)
    slots = draw(slots_for(name))
    if slots:
        envelope["request"]["intent"]["slots"] = slots
    if draw(st.booleans()):
        envelope["request"].pop("requestId", None)
    return envelope


# --- the skill under test ----------------------------------------------------------------------

class _NoNetwork(Exception):
    pass


@pytest.fixture(scope="module")
def fuzz_skill():
    """One skill on an in-memory store; no Alexa API reachable; the catch-all handler observed."""
    caught: list[BaseException] = []
    original_handle = errors_module.CatchAllExceptionHandler.handle
    original_invoke = LazyApiClient.invoke

    def observed_handle(self, handler_input, exception):
        caught.append(exception)
        return original_handle(self, handler_input, exception)

    def refuse(self, request):
        raise _NoNetwork(f"fuzz tests make no network calls ({getattr(request, 'url', '?')})")

    errors_module.CatchAllExceptionHandler.handle = observed_handle
    LazyApiClient.invoke = refuse
    try:
        skill = make_skill()
        skill.caught = caught
        yield skill
    finally:
        errors_module.CatchAllExceptionHandler.handle = original_handle
        LazyApiClient.invoke = original_invoke


def ssml_problems(ssml: str) -> list[str]:
    problems = []
    if not (ssml.startswith("<speak>") and ssml.endswith("</speak>")):
        return [f"not wrapped in <speak>: {ssml[:80]!r}"]
    if len(ssml) > MAX_SPEECH:
        problems.append(f"{len(ssml)} characters > {MAX_SPEECH}")
    if MARKER in ssml or "<zq9" in ssml:
        problems.append("slot text reached the SSML unescaped")
    try:
        root = ET.fromstring(ssml)
    except ET.ParseError as exc:
        return problems + [f"not well-formed XML ({exc}): {ssml[:200]!r}"]
    for element in root.iter():
        tag = element.tag.replace(AMAZON_NS, "amazon:")
        if tag not in SSML_TAGS:
            problems.append(f"unsupported SSML element <{tag}>")
    return problems


def check(skill, envelope: dict, *, strict: bool = False) -> dict:
    """Run one envelope; assert the response is one Alexa accepts. strict: no error handler either."""
    sent = copy.deepcopy(envelope)
    caught = getattr(skill, "caught", [])
    del caught[:]
    response = skill.invoke(envelope)
    context = f"\nenvelope: {json.dumps(sent, ensure_ascii=True)[:1500]}"
    assert isinstance(response, dict), context
    assert response.get("version") == "1.0", f"version {response.get('version')!r}{context}"
    assert isinstance(response.get("response"), dict), f"no response dict{context}"
    body = json.dumps(response, ensure_ascii=False).encode("utf-8")
    assert len(body) <= MAX_RESPONSE_BYTES, f"response is {len(body)} bytes{context}"
    out = response["response"]
    speeches = [(out.get("outputSpeech") or {}), ((out.get("reprompt") or {}).get("outputSpeech") or {})]
    for speech in speeches:
        if speech.get("type") == "SSML" or "ssml" in speech:
            problems = ssml_problems(speech.get("ssml") or "")
            assert not problems, f"{problems}{context}"
            assert "6170" not in speech["ssml"], f"a template in a slot was evaluated{context}"
        if speech.get("type") == "PlainText":
            assert len(speech.get("text") or "") <= MAX_SPEECH, context
    card = out.get("card") or {}
    for field in ("title", "content", "text"):
        assert len(card.get(field) or "") <= MAX_SPEECH, f"card {field} too long{context}"
    if strict and caught:
        exc = caught[0]
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        pytest.fail(f"the catch-all error handler answered:\n{trace}{context}")
    return response


# --- properties --------------------------------------------------------------------------------

@FUZZ
@given(envelope=question_envelopes(marked_text))
@example(envelope=EnvelopeBuilder().intent("QuestionIntent", {"query": "x" * 10_000}))
@example(envelope=EnvelopeBuilder().intent("QuestionIntent", {"query": "<speak>]]>{{ 7*7 }}{% raw %}&amp;\x00"}))
@example(envelope=EnvelopeBuilder(locale=None).intent("QuestionIntent", {"query": "how long does withdrawal last"}))
def test_any_question_text_in_any_locale_is_answered_cleanly(fuzz_skill, envelope):
    response = check(fuzz_skill, envelope, strict=True)
    assert response["response"].get("outputSpeech"), "a question always gets an answer"


@FUZZ
@given(envelope=intent_envelopes(marked_text))
def test_any_intent_with_any_slots_gets_a_valid_response(fuzz_skill, envelope):
    check(fuzz_skill, envelope)


@FUZZ
@given(envelope=question_envelopes(st.tuples(st.sampled_from(CRISIS_WORDS), free_text).map(" ".join)))
def test_crisis_words_win_whatever_surrounds_them(fuzz_skill, envelope):
    # The crisis words come first; what follows is noise (possibly huge). Crisis is answered in speech.
    response = check(fuzz_skill, envelope, strict=True)
    assert fuzz_skill.last_topic() in ("crisis_overdose", "crisis_suicide"), response["response"]


@FUZZ
@given(envelope=any_request_envelopes())
def test_any_request_type_gets_a_valid_response(fuzz_skill, envelope):
    check(fuzz_skill, envelope)


@FUZZ
@given(envelope=can_fulfill_envelopes())
def test_can_fulfill_with_odd_slots_is_answered_without_speech(fuzz_skill, envelope):
    response = check(fuzz_skill, envelope)
    out = response["response"]
    assert "outputSpeech" not in out
    verdict = (out.get("canFulfillIntent") or {}).get("canFulfill")
    assert verdict in ("YES", "NO", "MAYBE"), out


OURS = "amzn1.ask.skill.0000-ours"


@pytest.fixture(scope="module")
def locked_skill():
    return make_skill(skill_id=OURS)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(other=st.one_of(st.none(), st.text(max_size=80)).filter(lambda s: s != OURS),
       kind=st.sampled_from(["launch", "question", "event", "can_fulfill", "no-session", "no-context"]))
def test_a_request_for_another_skill_is_refused(locked_skill, other, kind):
    builder = EnvelopeBuilder(skill_id=other)
    envelope = {"launch": builder.launch, "question": lambda: builder.intent("QuestionIntent", {"query": "x"}),
                "event": lambda: builder.skill_event("SkillDisabled"),
                "can_fulfill": lambda: builder.can_fulfill("QuestionIntent"),
                "no-session": lambda: builder.intent("AMAZON.HelpIntent", with_session=False),
                "no-context": builder.launch}[kind]()
    if other is None:   # no application id anywhere
        envelope["context"]["System"].pop("application")
        envelope.get("session", {}).pop("application", None)
    if kind == "no-context":
        envelope.pop("context")
    with pytest.raises(ForeignSkillError):
        locked_skill.invoke(envelope)


def test_our_own_skill_id_is_served(locked_skill):
    response = check(locked_skill, EnvelopeBuilder(skill_id=OURS).launch())
    assert response["response"]["outputSpeech"]


# --- the checks themselves catch what they are meant to catch -----------------------------------

def test_the_ssml_check_catches_raw_slot_text_and_bad_markup():
    assert ssml_problems("<speak>fine &amp; <s>well formed</s></speak>") == []
    assert ssml_problems(f"<speak>echo {MARKER}</speak>")            # raw slot text
    assert ssml_problems("<speak>a & b</speak>")                     # not well-formed
    assert ssml_problems("<speak><script>x</script></speak>")        # not an SSML element
    assert ssml_problems("plain text")                               # not wrapped


def test_strict_mode_reports_the_catch_all_handler(fuzz_skill):
    # A handler that fails: the catch-all answers (a valid response), and strict mode reports it.
    from unittest import mock
    from recovery_guide.handlers import conversation
    envelope = EnvelopeBuilder().intent("AMAZON.HelpIntent")
    with mock.patch.object(conversation.HelpHandler, "handle", side_effect=RuntimeError("boom")):
        check(fuzz_skill, copy.deepcopy(envelope))
        with pytest.raises(pytest.fail.Exception, match="catch-all error handler"):
            check(fuzz_skill, envelope, strict=True)


# --- odd but well-formed envelopes get the right answer, not an apology ---------------------------

SURROGATE_USER = "amzn1.ask.account.\ud800lone"


def with_user(envelope: dict, user_id: str) -> dict:
    envelope["context"]["System"]["user"]["userId"] = user_id
    if "session" in envelope:
        envelope["session"]["user"]["userId"] = user_id
    return envelope


def test_a_lone_surrogate_in_the_user_id_is_served_and_deleted_on_skill_disabled():
    from recovery_guide.persistence.memory_store import MemoryUserStore
    store = MemoryUserStore()
    skill = make_skill(store=store)
    builder = EnvelopeBuilder()
    response = check(skill, with_user(builder.intent("AffirmationIntent"), SURROGATE_USER), strict=True)
    assert "Sorry" not in response["response"]["outputSpeech"]["ssml"]
    from recovery_guide.persistence.base import user_key
    key = user_key(SURROGATE_USER)
    assert store.get(key), "the affirmation heard was recorded"
    check(skill, with_user(builder.skill_event("SkillDisabled"), SURROGATE_USER), strict=True)
    assert store.get(key) == {}


@pytest.mark.parametrize("make", [
    lambda b: b.launch(), lambda b: b.intent("AffirmationIntent"), lambda b: b.intent("QuestionIntent", {"query": "what is naloxone"}),
    lambda b: b.intent("AMAZON.HelpIntent"), lambda b: b.intent("ReminderIntent", {"time": "08:00"}),
])
@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z"])
def test_an_absurd_timestamp_still_gets_the_answer(fuzz_skill, make, stamp):
    envelope = make(EnvelopeBuilder())
    envelope["request"]["timestamp"] = stamp
    response = check(fuzz_skill, envelope, strict=True)
    assert "Sorry, something went wrong" not in response["response"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize("intent", ["missing", None, {}, {"name": None}, {"name": 5}, []])
def test_an_intent_request_without_an_intent_gets_the_fallback_menu(fuzz_skill, intent):
    envelope = EnvelopeBuilder().intent("AMAZON.HelpIntent")
    if intent == "missing":
        del envelope["request"]["intent"]
    else:
        envelope["request"]["intent"] = intent
    response = check(fuzz_skill, envelope, strict=True)
    out = response["response"]
    assert "Sorry, something went wrong" not in out["outputSpeech"]["ssml"]
    assert "911" in out["outputSpeech"]["ssml"] and out["shouldEndSession"] is False


@pytest.mark.parametrize("attributes", [{"offer": "send"}, {"offer": ["send"]}, {"offer": 5}, {"offer": True},
                                        {"offer": {"kind": ["send"]}}, {"entry": ["x"]}, {"entry": {"a": 1}},
                                        {"last": "x"}, {"last": {"speech": ["x"]}}, {"topic": {"a": 1}}])
@pytest.mark.parametrize("intent", ["AMAZON.YesIntent", "TellMeMoreIntent", "SourceIntent", "AMAZON.RepeatIntent",
                                    "SendToPhoneIntent"])
def test_odd_session_attributes_get_a_real_answer(fuzz_skill, attributes, intent):
    envelope = EnvelopeBuilder().intent(intent)
    envelope["session"]["attributes"] = attributes
    response = check(fuzz_skill, envelope, strict=True)
    assert "Sorry, something went wrong" not in response["response"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize("shape", ["no-context", "null-context", "no-context-no-session"])
def test_an_envelope_without_context_is_answered(fuzz_skill, shape):
    envelope = EnvelopeBuilder().launch()
    if shape == "null-context":
        envelope["context"] = None
    else:
        del envelope["context"]
    if shape == "no-context-no-session":
        del envelope["session"]
    response = check(fuzz_skill, envelope, strict=True)
    assert response["response"]["outputSpeech"]["ssml"].startswith("<speak>")


@pytest.mark.parametrize("event", [None, [], "text", 5, True, {}])
def test_a_null_or_odd_event_gets_a_valid_minimal_response(event):
    from recovery_guide import lambda_entry
    response = lambda_entry.handler(event, None)
    assert response == {"version": "1.0", "response": {}}
