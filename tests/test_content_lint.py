"""The content lint: the real library passes, and each rule fails on an entry that breaks it."""
import copy
import datetime as dt
import os
import shutil

import pytest
import yaml

from conftest import REPO
from recovery_guide_authoring import content as content_module
from recovery_guide_authoring.lint import grade_level, lint, lint_repo, numbers_in

TODAY = dt.date(2026, 11, 23)

SOURCE = {"id": "test-nida", "organisation": "NIDA", "spoken_name": "the US National Institute on Drug Abuse",
          "title": "A test page", "url": "https://nida.nih.gov/test", "read": "2026-11-01", "tier": "A"}
WEAK_SOURCE = {**SOURCE, "id": "test-blog", "organisation": "A blog", "spoken_name": "a blog", "tier": "C",
               "url": "https://example.org/blog"}
ENTRY = {
    "id": "test-timeline", "topic": "withdrawal_timeline", "title": "How long withdrawal lasts",
    "offer": "how long withdrawal lasts",
    "questions": ["how long does it last", "when will it end", "when will i feel better", "how many days is it",
                  "is it over soon", "when does it stop", "how long am i sick", "when does it get easier"],
    "answer": "the worst of it often eases after about a week. Some people feel low for longer.",
    "more": "Sleep and mood can take longer to settle. Ask a doctor for help.",
    "related": [], "speak_source": "test-nida",
    "citations": [{"source": "test-nida", "quote": "symptoms subside after about a week"}],
    "review": {"status": "source-checked", "reviewer": "content team", "reviewed": "2026-11-01",
               "next_review": "2027-05-01"},
}


def write_tree(root, entries=(ENTRY,), sources=(SOURCE,)):
    os.makedirs(os.path.join(root, "sources"))
    with open(os.path.join(root, "sources", "s.yaml"), "w") as fh:
        yaml.safe_dump(list(sources), fh)
    for entry in entries:
        folder = os.path.join(root, "entries", entry["topic"])
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{entry['id']}.yaml"), "w") as fh:
            yaml.safe_dump(entry, fh)
    for name in ("prompts.yaml", "countries.yaml", "helplines.yaml"):
        shutil.copy(os.path.join(REPO, "content", name), os.path.join(root, name))
    real = content_module.load()
    # the helpline and country records cite the real registry's sources; bring those along
    cited = {line["source"] for line in real.helplines.values()}
    for country in real.countries.values():
        cited.add(country["emergency"]["source"])
        cited |= {c["source"] for c in country.get("overdose", {}).get("citations", [])}
        cited |= {c["source"] for c in country.get("treatment_citations") or []}
    with open(os.path.join(root, "sources", "real.yaml"), "w") as fh:
        yaml.safe_dump([real.sources[s] for s in sorted(cited) if s in real.sources], fh)


def problems_for(tmp_path, **changes):
    entry = copy.deepcopy(ENTRY)
    entry.update(changes)
    root = str(tmp_path / "content")
    write_tree(root, entries=[entry], sources=[SOURCE])
    # Only what the lint says of this entry: the copied helpline records are checked by the real-library test.
    return [p for p in lint(content_module.load(root), today=TODAY) if "entries/" in p]


def test_the_real_library_passes_the_lint():
    assert lint_repo() == []


def test_a_good_entry_passes(tmp_path):
    assert problems_for(tmp_path) == []


@pytest.mark.parametrize("changes, expected", [
    ({"citations": []}, "no tier A or A- source"),
    ({"citations": [{"source": "test-nida", "quote": ""}]}, "has no quote"),
    ({"answer": "it eases after about 10 days."}, "says the number 10"),
    ({"answer": "it eases in seven days for most people."}, "says the number 7"),
    ({"more": "A person who is clean for a week may still feel low."}, "uses 'clean'"),
    ({"answer": "an addict feels better after about a week."}, "uses 'addict'"),
    ({"answer": " ".join(["it eases after about a week."] * 11)}, "words (at most 60)"),
    ({"answer": "pharmacological interventions notwithstanding, physiological discontinuation manifestations "
                "characteristically diminish approximately weekly."}, "reads at grade"),
    ({"review": {**ENTRY["review"], "status": "draft"}}, "a draft cannot ship"),
    ({"review": {**ENTRY["review"], "next_review": "2026-11-01"}}, "review was due"),
    ({"review": {**ENTRY["review"], "next_review": "2028-06-01"}}, "more than 12 months"),
    ({"topic": "withdrawl_timeline"}, "field 'topic': 'withdrawl_timeline' is not a known topic id"),
    ({"topic": "crisis_overdose"}, "unknown or reserved topic"),
    ({"citations": [{"source": "no-such-source", "quote": "x"}]}, "cites unknown source"),
    ({"questions": ["how long does it last"]}, "at least 8"),
    ({"speak_source": "no-such-source"}, "speak_source 'no-such-source' is not a known source"),
    # The skill's voice: "I", never "we"; numbers as digits; nothing heard as "ampersand hash ...".
    ({"answer": "we can't give you a sourced answer, but it eases after about a week."}, "says 'we'"),
    ({"more": "Our advice is to ask a doctor."}, "says 'Our'"),
    ({"more": "Call the helpline on 1-800-662-HELP."}, "in letters: write its digits"),
    ({"answer": "it eases after about a week &amp; then sleep improves."}, "would be heard as '&amp;'"),
    # Asked about a helpline, the listener hears its number early, not only what the line does.
    ({"topic": "helpline", "answer": "the helpline is free and private. Trained staff answer the calls."},
     "names the line's number in its first two sentences"),
    ({"urgent": "If someone has a seizure, call your emergency number now, and then stay with them and keep "
                "them safe until help arrives."}, "say only what to do first"),
])
def test_each_rule_fails_on_an_entry_that_breaks_it(tmp_path, changes, expected):
    problems = problems_for(tmp_path, **changes)
    assert any(expected in p for p in problems), problems


def test_a_weak_source_cannot_be_named_aloud(tmp_path):
    entry = {**ENTRY, "speak_source": "test-blog",
             "citations": ENTRY["citations"] + [{"source": "test-blog", "quote": "symptoms subside"}]}
    root = str(tmp_path / "content")
    write_tree(root, entries=[entry], sources=[SOURCE, WEAK_SOURCE])
    assert any("only A or A- may be named aloud" in p for p in lint(content_module.load(root), today=TODAY))


def test_a_source_cited_nowhere_fails(tmp_path):
    root = str(tmp_path / "content")
    write_tree(root, sources=[SOURCE, WEAK_SOURCE])
    assert any("test-blog is cited nowhere" in p for p in lint(content_module.load(root), today=TODAY))


def test_a_phrasing_claimed_by_two_entries_fails(tmp_path):
    twin = {**ENTRY, "id": "test-timeline-twin", "title": "Twin"}
    root = str(tmp_path / "content")
    write_tree(root, entries=[ENTRY, twin])
    assert any("also claimed by" in p for p in lint(content_module.load(root), today=TODAY))


def test_questions_known_only_by_topic_must_name_a_library_topic_and_agree_with_the_phrasings(tmp_path):
    root = str(tmp_path / "content")
    write_tree(root)
    os.makedirs(os.path.join(root, "understanding"))
    with open(os.path.join(root, "understanding", "questions.yaml"), "w") as fh:
        yaml.safe_dump({"withdrawl_timeline": ["how long am i sick for"],
                        "naloxone": ["when will i feel better"]}, fh)   # an entry's own phrasing, another topic
    problems = lint(content_module.load(root), today=TODAY)
    assert any("'withdrawl_timeline' is not a topic of the library" in p for p in problems)
    assert any("'when will i feel better' (naloxone) is also a phrasing of test-timeline" in p for p in problems)


def test_two_countries_may_share_a_phrasing(tmp_path):
    us = {**ENTRY, "id": "test-us", "countries": ["US"]}
    gb = {**ENTRY, "id": "test-gb", "countries": ["GB"]}
    root = str(tmp_path / "content")
    write_tree(root, entries=[us, gb])
    assert not any("also claimed by" in p for p in lint(content_module.load(root), today=TODAY))


def test_invalid_ssml_is_impossible_because_text_is_escaped(tmp_path):
    assert problems_for(tmp_path, more="Ask a doctor & a pharmacist <today>.") == []


def test_numbers_are_found_as_digits_words_and_phone_numbers():
    assert numbers_in("about 7 to 10 days") == {"7", "10"}
    assert numbers_in("call 1-800-662-4357") == {"18006624357"}
    assert numbers_in("fifty times stronger") == {"50"}
    assert numbers_in("no one knows") == set()


def test_reading_grade_rewards_short_plain_sentences():
    assert grade_level("Call for help. Stay with them. Give naloxone.") < 8
    assert grade_level("Pharmacological interventions substantially ameliorate physiological manifestations.") > 8


def test_the_review_report_shows_every_entry_as_heard_with_its_sources(tmp_path):
    from recovery_guide_authoring.report import write_report
    from recovery_guide_authoring.content import load
    html = open(write_report(str(tmp_path / "report.html")), encoding="utf-8").read()
    library = load()
    for entry_id in library.entries:
        assert f'id="{entry_id}"' in html
    assert "The National Institute on Drug Abuse says" in html
    assert "reading grade" in html and "next due" in html and "<blockquote>" in html


def test_every_answer_is_short_and_medical_answers_name_their_source():
    """Every medical answer names its source first, short ("The CDC says ..."); only an `urgent` line
    (what to do right now) may come before it."""
    import json
    import re
    from recovery_guide import ssml
    from recovery_guide_authoring.compile import DATA_DIR
    from recovery_guide_authoring.content import spoken_name
    from recovery_guide_authoring.spelling import british
    from recovery_guide.locales import BRITISH_SPELLING
    library = content_module.load()
    with open(os.path.join(DATA_DIR, "library.json"), encoding="utf-8") as fh:
        entries = json.load(fh)["entries"]
    for country in ("US", "GB", "CA", "AU", "IN"):
        with open(os.path.join(DATA_DIR, "answers", f"{country}.json"), encoding="utf-8") as fh:
            answers = json.load(fh)
        for entry_id, speech in answers.items():
            text = ssml.to_text(speech["answer"])
            assert len(re.findall(r"[A-Za-z0-9']+", text)) <= 110, (country, entry_id)
            if entries[entry_id]["topic"] not in ("out_of_scope", "affirmation"):
                name = spoken_name(library.sources[speech["source_id"]], country)
                name = british(name) if country in BRITISH_SPELLING else name
                said = f"{name[:1].upper()}{name[1:]} says "
                urgent = " ".join(str(library.entries[entry_id].get("urgent") or "").split())
                urgent = british(urgent) if country in BRITISH_SPELLING else urgent
                assert text.startswith((urgent + " " if urgent else "") + said), (country, entry_id, text[:80])
                assert len(name.split()) <= 7 and "," not in name, (country, entry_id, name)


def _spoken_strings(obj):
    if isinstance(obj, dict):
        for value in obj.values():
            yield from _spoken_strings(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _spoken_strings(value)
    elif isinstance(obj, str) and obj:
        yield obj


def _generated():
    import json
    from recovery_guide_authoring.compile import DATA_DIR
    for folder in ("answers", "packs"):
        for name in sorted(os.listdir(os.path.join(DATA_DIR, folder))):
            with open(os.path.join(DATA_DIR, folder, name), encoding="utf-8") as fh:
                yield f"{folder}/{name}", json.load(fh)


def test_nothing_spoken_is_escaped_twice():
    """"SAMHSA&amp;#39;s" would be heard as "SAMHSA ampersand hash thirty-nine s": unescaping the SSML
    once must leave no entity, and no build-time marker, in anything said or shown."""
    import re
    from recovery_guide import ssml
    for where, data in _generated():
        for text in _spoken_strings(data):
            plain = ssml.to_text(text)
            assert not re.search(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", plain), (where, plain[:120])
            assert not re.search("[\x00-\x08]", text), (where, text[:120])


def test_phone_numbers_are_digits_read_one_by_one():
    """No number in letters ("1-800-662-HELP"), and every helpline number in an answer is read digit by digit."""
    import re
    from recovery_guide import ssml
    numbers = {line["number"] for line in content_module.load().helplines.values()}
    for where, data in _generated():
        for text in _spoken_strings(data):
            plain = ssml.to_text(text)
            assert "<" not in text or not re.search(r"(?<![\w-])\d[\d-]*-[A-Z]{3,}\b", plain), (where, plain[:160])
            for number in numbers:
                if "<" in text and len(re.sub(r"\D", "", number)) >= 6 and number in plain:
                    assert re.search(r'<sub alias="[a-z, ]+">' + re.escape(number) + "</sub>", text), (where, number)


@pytest.mark.parametrize("changes, expected", [
    ({"answer": None}, "field 'answer': should be string, not NoneType"),
    ({"answer": ""}, "field 'answer': empty"),
    ({"questions": "how long does it last"}, "field 'questions': should be array, not str"),
    ({"questions": ENTRY["questions"] + [7]}, "field 'questions.8': should be string, not int"),
    ({"review": {k: v for k, v in ENTRY["review"].items() if k != "next_review"}}, "field 'review.next_review': missing"),
    ({"review": {**ENTRY["review"], "reviewed": "1 Nov 2026"}}, "field 'review.reviewed': '1 Nov 2026' is not in the expected form (YYYY-MM-DD)"),
    ({"citations": [{"quote": "x"}]}, "field 'citations.0.source': missing"),
    ({"countries": ["US", "FR"]}, "field 'countries.1': 'FR' is not one of"),
])
def test_shape_problems_name_the_file_the_entry_and_the_field(tmp_path, changes, expected):
    problems = problems_for(tmp_path, **changes)
    assert any(p.startswith("content/entries/") or "/content/entries/" in p for p in problems), problems
    assert any(": entry test-timeline: " + expected in p for p in problems), problems


def test_source_shape_problems_name_the_file_and_the_source(tmp_path):
    root = str(tmp_path / "content")
    write_tree(root, sources=[{**SOURCE, "tier": "Z", "url": "nida.nih.gov"}])
    problems = lint(content_module.load(root), today=TODAY)
    assert any(p.endswith("sources/s.yaml: source test-nida: field 'tier': 'Z' is not one of A, A-, B, C")
               for p in problems), problems
    assert any("source test-nida: field 'url'" in p for p in problems), problems
