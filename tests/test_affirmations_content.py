"""content/affirmations.yaml: enough original, short, plain, person-first affirmations."""
from __future__ import annotations

import collections
import datetime
import itertools
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
YAML_PATH = ROOT / "content" / "affirmations.yaml"

BANNED = {"addict", "addicts", "addicted", "clean", "dirty", "junkie", "user", "users", "abuser",
          "abuse", "habit", "alcoholic"}
# Not on the brief's list but also stigmatising, programme-specific or abstinence-only.
ALSO_AVOIDED = {"abusers", "junkies", "habits", "drunk", "relapse", "relapsed", "sober", "sobriety",
                "hopeless", "powerless", "god", "pray", "prayer", "sponsor", "cure", "cured"}
NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "twenty", "thirty", "hundred", "thousand", "million", "first",
                "second", "third", "once", "twice", "dozen"}
FILLER = {"i", "a", "an", "the", "and", "to", "of", "is", "it", "my", "me", "can", "be", "in", "on", "for",
          "that", "this", "not", "with", "as", "are", "do", "am", "what", "when", "by", "at", "or", "so",
          "still", "even"}


@pytest.fixture(scope="module")
def data():
    with open(YAML_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def items(data):
    return data["affirmations"]


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


def test_review_block(data):
    review = data["review"]
    assert review["status"] in ("source-checked", "clinician-approved")
    assert review["reviewer"]
    reviewed, next_review = review["reviewed"], review["next_review"]
    assert isinstance(reviewed, datetime.date) and isinstance(next_review, datetime.date)
    assert reviewed < next_review <= reviewed + datetime.timedelta(days=366)


def test_at_least_a_year_of_affirmations(items):
    assert len(items) >= 366


def test_shape_and_unique_ids(items):
    ids = [item["id"] for item in items]
    assert all(set(item) == {"id", "text"} for item in items)
    assert all(re.fullmatch(r"aff-\d{3,}", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_unique_texts(items):
    normalised = [" ".join(tokens(item["text"])) for item in items]
    duplicates = [t for t, n in collections.Counter(normalised).items() if n > 1]
    assert not duplicates


def test_no_near_duplicates(items):
    """Two affirmations sharing most of their meaningful words read as the same line twice."""
    sets = [(item["id"], set(tokens(item["text"])) - FILLER) for item in items]
    close = []
    for (id_a, a), (id_b, b) in itertools.combinations(sets, 2):
        if a and b and len(a & b) / len(a | b) >= 0.5:
            close.append((id_a, id_b))
    assert not close


@pytest.mark.parametrize("limit", [25])
def test_short_enough_to_hear_in_a_few_seconds(items, limit):
    too_long = [item["id"] for item in items if len(item["text"].split()) > limit]
    assert not too_long


def test_at_most_two_sentences(items):
    long = [item["id"] for item in items if len(re.findall(r"[.!?]+(?=\s|$)", item["text"])) > 2]
    assert not long


def test_every_text_ends_like_a_sentence(items):
    assert all(item["text"].strip()[-1] in ".!?" for item in items)


def test_no_banned_words(items):
    found = {item["id"]: sorted(set(tokens(item["text"])) & (BANNED | ALSO_AVOIDED)) for item in items}
    assert not {k: v for k, v in found.items() if v}


def test_no_programme_phrases(items):
    phrases = ["higher power", "one day at a time", "just for today", "easy does it", "let go and let",
               "keep coming back", "working the steps", "twelve step"]
    hits = [(item["id"], p) for item in items for p in phrases if p in item["text"].lower()]
    assert not hits


def test_no_digits_or_number_words(items):
    assert not [item["id"] for item in items if re.search(r"\d", item["text"])]
    assert not [item["id"] for item in items if set(tokens(item["text"])) & NUMBER_WORDS]


def test_no_ssml_special_characters(items):
    assert not [item["id"] for item in items if re.search(r"[&<>\"\\]", item["text"])]
    assert all(re.fullmatch(r"[A-Za-z ,.'?!:;-]+", item["text"]) for item in items)


def test_varied_openings(items):
    first_words = collections.Counter(item["text"].split()[0] for item in items)
    openers = collections.Counter(" ".join(item["text"].split()[:2]) for item in items)
    assert first_words.most_common(1)[0][1] <= 0.3 * len(items)
    assert openers["I am"] <= 0.1 * len(items)
    assert len(first_words) >= 40


def test_covers_the_needed_themes(items):
    texts = [item["text"].lower() for item in items]

    def count(*words):
        return sum(any(w in t for w in words) for t in texts)

    assert count("craving", "urge") >= 10
    assert count("return to use", "setback", "starting over", "begin again") >= 10
    assert count("medication") >= 10
    assert count("rest") >= 10
    assert count("help", "reach out", "reaching out", "support") >= 20
    assert count("small win", "wins", "win ", "win.", "victor") >= 5
    # a real share written for family members and friends
    assert count("person i love", "someone i love", "family", "loved one", "loving someone", "someone's",
                 "their ", "their.", "them") >= 50


def test_the_build_check_agrees(data):
    from recovery_guide_authoring.affirmations_build import check_affirmations

    assert check_affirmations(data) == []
