"""The emergency conversation: after an overdose or suicide-crisis answer, each follow-up is read in the
emergency's context and answered one short step at a time, from the steps rendered into the country
pack (content/emergency). Every reply carries risk "emergency" and the crisis topic and keeps the
session open; in an overdose it starts with the number until the listener says they have called.

Follow-up text is classified by clear patterns first, then by a TF-IDF nearest-centroid model trained
at build time from content/understanding/emergency_follow_ups.yaml (data/emergency_model.json, plain
numbers). Imported only when an emergency follow-up arrives.
"""
from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache

from . import library, ssml
from .handlers.emergency import CONVERSATIONS, KEY
from .handlers.crisis import free_text
from .turn import pack, reply, session
from .understanding.normalise import normalise
from .understanding.risk import EMERGENCY, OVERDOSE, SUICIDE

SCREEN_KEY = "emergency_screen"     # = screen.EMERGENCY_KEY: {"step": text, "number": str, "line": {...}}
MIN_SCORE = 0.30                    # below this cosine the model's best guess is not trusted
SURE_SCORE = 0.5                    # a step that ends the mode or stops putting the number first needs this

# Steps that end the mode (and the session, warmly).
LEAVE = {OVERDOSE: {"help_arrived", "ended"}, SUICIDE: {"safe_now"}}
# Entry intents a device may send for a follow-up: read by the entry's topic (or the entry itself).
ENTRY_STEPS = {"naloxone-fentanyl": "no_response", "naloxone-side-effects": "waking_up",
               "naloxone-use-again-same-day": "waking_up", "overdose-emergency-room": "waking_up",
               "overdose-good-samaritan-us": "dispatcher", "overdose-good-samaritan-ca": "dispatcher"}
TOPIC_STEPS = {"naloxone": "give_naloxone", "overdose_signs_response": "start", "helpline": "not_called",
               "find_treatment": "not_called"}
INTENT_STEPS = {
    OVERDOSE: {"AMAZON.YesIntent": "breathing_not_waking", "AMAZON.NoIntent": "not_breathing",
               "HelplineIntent": "not_called"},
    SUICIDE: {"AMAZON.NoIntent": "no", "HelplineIntent": "no"},
}
_RELAXING = {kind: steps | ({"called"} if kind == OVERDOSE else set()) for kind, steps in LEAVE.items()}
STOP_INTENTS = {"AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.PauseIntent"}
CURRENT_INTENTS = {"AMAZON.RepeatIntent", "AMAZON.HelpIntent", "AMAZON.NavigateHomeIntent",
                   "AMAZON.StartOverIntent"}

# Clear cases, on normalised text ("don't" → "do not", "narcan" → "naloxone"). The model does the rest.
_PATTERNS = {
    OVERDOSE: [
        (r"\b(not|no|never) (really )?(breathing|breath)|\bstopped breathing|\bno pulse|\bcpr\b|\brescue breath|"
         r"\b(cannot|cant) (see|hear|feel) (him|her|them|a|any)? ?(breath|breathing|pulse|heartbeat)|"
         r"\bheart\w* stopped|\bchest compressions\b|\bhow many breaths\b", "not_breathing"),
        (r"\b(paramedics?|ambulance|ems|police|they|help|medics?) (are|is|has|have) (here|arrived|come)\b|"
         r"\b(paramedics?|ambulance|medics?) (came|arrived|just arrived)\b|\bhelp arrived\b", "help_arrived"),
        (r"\b(cold (shower|bath|water)|shower|bath|ice|slap\w*|inject\w* (him|her|them) with|salt water|milk)\b", "myths"),
        (r"\b(do not|dont|have not|havent|cannot|cant) (have|got|find)( any| the| a)? ?(naloxone|kit|spray)|"
         r"\bno naloxone\b|\bwithout naloxone\b", "no_naloxone"),
        (r"\bhow (do|can|should) (i|we|you) (give|use|do) (it|naloxone|the spray|this)|\bwhich nostril\b", "give_naloxone"),
        (r"\b(nothing (happened|happening|is happening)|not working|did not work|no response|still not waking|"
         r"second dose|another dose|(two|three|2|3) minutes)\b", "no_response"),
        (r"\b(i|we) (have|had|just|already)? ?(called|rang|phoned|dialed|dialled)\b|\b(ambulance|help|they) (is|are) "
         r"(on (its|their|the) way|coming)\b|\bon (its|their) way\b", "called"),
        (r"\b(i|we) (have not|did not|cannot|can not) (call|called|ring|rang|phone)", "not_called"),
        (r"\bwhat (do|should) i (tell|say)\b|\bwill (i|we|they|he|she) get (in trouble|arrested)\b|\bpolice\b", "dispatcher"),
        (r"\b(it|its|it is) (all )?over\b|\bfalse alarm\b|\b(all|everything( is)?) (good|fine|okay|ok) now\b|"
         r"\b(he|she|they)( is| are)? (fine|okay|ok|alright) now\b", "ended"),
        (r"(?<!not )(?<!never )\b(waking|woke|wakes|coming (round|around|to)|awake|sleep it off|use again|"
         r"wants to (use|leave|go))\b",
         "waking_up"),
        # Signs that they are getting worse: the first instructions again, number first.
        (r"\b(turn\w* (blue|grey|gray|purple)|lips (are|is|look|gone|going|went)|(blue|grey|gray|purple) lips|"
         r"foam\w*|gone (limp|cold|floppy)|(is|are|feels?|so) (limp|floppy|cold)|no colou?r)\b", "start"),
        (r"\b(gurgl\w*|snor\w*|chok\w*|rattl\w*|vomit\w*|throw\w* up|threw up|being sick|puk\w*)\b",
         "breathing_not_waking"),
        (r"(?<!not )\bbreathing\b", "breathing_not_waking"),
        (r"^(what (do|should) (i|we) do( now| next)?|repeat|say (that|it) again|again|what|what now|now what|"
         r"what next|what else|then what|and now|huh|pardon( me)?|what was that|sorry what)$", "repeat"),
    ],
    SUICIDE: [
        (r"\b(i am|im|i feel) (safe|okay|ok|alright|better)( now)?\b", "safe_now"),
        (r"\b(do not|dont|will not|wont|cannot|cant) (want to )?(call|ring|phone|talk)\b|\bno one to call\b|"
         r"\bnot calling\b", "wont_call"),
        (r"^(no|nope|nah|no thanks|no thank you|not really|i do not know|dunno)$", "no"),
    ],
}


@lru_cache(maxsize=1)
def _compiled() -> dict:
    return {kind: [(re.compile(p), step) for p, step in patterns] for kind, patterns in _PATTERNS.items()}


@lru_cache(maxsize=1)
def _model() -> dict:
    with open(os.path.join(library.DATA_DIR, "emergency_model.json"), encoding="utf-8") as fh:
        return json.load(fh)


def tokens(text: str) -> list[str]:
    """As the build's emergency_build.tokens: words and word pairs of the normalised text."""
    words = normalise(text).split()
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


@lru_cache(maxsize=None)
def _examples(conversation: str, step: str) -> tuple:
    """Each example of a step as (its tokens, its norm): computed once, when first needed."""
    idf = _model()[conversation]["idf"]
    out = []
    for example in _model()[conversation].get("examples", {}).get(step, []):
        toks = frozenset(t for t in example.split() if t in idf)
        out.append((toks, math.sqrt(sum(idf[t] ** 2 for t in toks)) or 1.0))
    return tuple(out)


def _cosine(vec: dict, norm: float, example: tuple, idf: dict) -> float:
    toks, example_norm = example
    return sum(v * idf[t] for t, v in vec.items() if t in toks) / (norm * example_norm)


def classify(text: str, kind: str) -> str | None:
    """The follow-up's step ("no_naloxone", "wont_call", ...) or None when it is not clear."""
    said = normalise(text or "")
    if not said:
        return None
    for regex, step in _compiled()[kind]:
        if regex.search(said):
            return step
    conversation = "overdose" if kind == OVERDOSE else "suicide"
    model = _model().get(conversation)
    if not model:
        return None
    idf = model["idf"]
    said_tokens = set(tokens(text))
    vec = {t: idf[t] for t in said_tokens if t in idf}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if not norm:
        return None
    # Words the model has never seen may carry the meaning ("i'm scared now" is not "i'm safe now"):
    # then a step that ends the mode or moves the number is not trusted.
    all_known = all(t in idf for t in said_tokens if "_" not in t)
    best, best_score = None, 0.0
    for step, centroid in model["centroids"].items():
        to_centroid = sum(v * centroid.get(t, 0.0) for t, v in vec.items()) / norm
        to_example = max((_cosine(vec, norm, example, idf) for example in _examples(conversation, step)), default=0.0)
        score = (to_centroid + to_example) / 2
        if step in _RELAXING[kind] and (score < SURE_SCORE or not all_known):
            continue    # a weak guess that help has come, or been called, must not end the mode or move the number
        if score > best_score:
            best, best_score = step, score
    return best if best_score >= MIN_SCORE else None


def step_for(handler_input, current: dict, name: str) -> str:
    """Which step answers this request, read in the emergency's context."""
    kind = current["kind"]
    if name in STOP_INTENTS:
        return "stop"
    if name == "AMAZON.FallbackIntent":
        return "fallback"
    if name in CURRENT_INTENTS:
        return "repeat"
    if name in INTENT_STEPS[kind]:
        return INTENT_STEPS[kind][name]
    data = library.load().data
    conversation, step = data.get("emergency_intents", {}).get(name, (None, None))
    if conversation is not None:
        return step if CONVERSATIONS[conversation] == kind else "repeat"
    if kind == OVERDOSE and name in data.get("entry_intents", {}):
        entry_id = data["entry_intents"][name]
        topic = (library.load().entries.get(entry_id) or {}).get("topic")
        return ENTRY_STEPS.get(entry_id) or TOPIC_STEPS.get(topic) or "repeat"
    text = free_text(handler_input)
    return classify(text, kind) or "repeat" if text else "repeat"


def takes(handler_input, current: dict, name: str) -> bool:
    """Every request in the mode, except: "yes" to a suicide answer's offer to text the number, and
    words that name a crisis of the other kind, or name this one again without a clear follow-up
    (those get the crisis answer, number first, from the crisis handler)."""
    kind = current["kind"]
    if kind == SUICIDE and name == "AMAZON.YesIntent":
        return False
    text = free_text(handler_input)
    if not text:
        return True
    from .understanding.crisis import detect_crisis_in_slot
    crisis = detect_crisis_in_slot(text)
    if crisis is None:
        return True
    if crisis != kind:
        return False
    return classify(text, kind) is not None


def respond(handler_input, current: dict, name: str):
    if current.get("step") == "start" and (name == "AMAZON.RepeatIntent" or (
            current["kind"] == OVERDOSE and name == "AMAZON.YesIntent")):
        # "Repeat" (or, after an overdose answer, which asks nothing, "yes") straight after the crisis
        # answer: that answer again, number first.
        from .handlers.crisis import crisis_response
        return crisis_response(handler_input, current["kind"])
    step = step_for(handler_input, current, name)
    if current["kind"] == OVERDOSE:
        return _overdose(handler_input, current, step)
    return _suicide(handler_input, current, step)


def _keep(handler_input, current: dict, step: str, end: bool) -> None:
    """The mode's memory: the step just given, or nothing once the mode has ended."""
    attrs = session(handler_input)
    if attrs is None:
        return
    if end:
        attrs.pop(KEY, None)
    else:
        current["step"] = step
        attrs[KEY] = current


def _overdose(handler_input, current: dict, step: str):
    conversation = pack(handler_input)["emergency_steps"][OVERDOSE]
    steps = conversation["steps"]
    remind = not current.get("called")
    if step == "called":
        current["called"] = True
        remind = False
    elif step == "not_called":
        current["called"] = False
        remind = False      # the step itself says the number
    elif step == "stop":
        remind = False      # the step itself says the number
    elif step == "fallback":
        remind = True       # the current step and the number
        step = current.get("step") or "start"
    if step == "repeat":
        step = current.get("step") or "start"
    said = steps.get(step) or steps["start"]
    number = conversation["number"]
    # The number is in every reply while the emergency lasts: first until they have called, then last
    # wherever the step itself does not say it.
    still = not remind and number not in said["text"]
    speech = ((ssml.sentence(conversation["reminder"]) + " " if remind else "") + said["speech"]
              + (" " + ssml.sentence(conversation["still"]) if still else ""))
    card = {"title": f"Overdose: call {number}",
            "text": ((conversation["reminder_text"] + "\n") if remind else "") + said["text"]
            + (("\n" + conversation["still_text"]) if still else "")}
    handler_input.attributes_manager.request_attributes[SCREEN_KEY] = {"step": said["text"], "number": number}
    end = step == "stop" or step in LEAVE[OVERDOSE]
    _keep(handler_input, current, step, end)
    return reply(handler_input, speech, reprompt=None if end else conversation["reprompt"], card=card,
                 end=end, topic=OVERDOSE, offer={"kind": "send", "what": OVERDOSE}, risk=EMERGENCY)


def _suicide(handler_input, current: dict, step: str):
    conversation = pack(handler_input)["emergency_steps"][SUICIDE]
    steps = conversation["steps"]
    if step in ("repeat", "fallback"):
        step = current.get("step") if current.get("step") in steps else "no"
    said = steps.get(step) or steps["no"]
    line = conversation.get("line")
    number = conversation["number"]
    card = {"title": f"Help now: {number}" + (f" or {line['number']}" if line else ""), "text": said["text"]}
    handler_input.attributes_manager.request_attributes[SCREEN_KEY] = {
        "step": said["text"], "number": number, "line": line}
    end = step == "stop" or step in LEAVE[SUICIDE]
    _keep(handler_input, current, step, end)
    return reply(handler_input, said["speech"], reprompt=None if end else conversation["reprompt"], card=card,
                 end=end, topic=SUICIDE, offer={"kind": "send", "what": SUICIDE}, risk=EMERGENCY)
