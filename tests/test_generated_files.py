"""What is generated from content/ is committed, and must not drift from it: run `make content`."""
import json
import os

from conftest import DEV_QUESTIONS, REPO, TOPICS_FILE

from recovery_guide_authoring import compile as compile_module
from recovery_guide.topics import TOPICS


def test_the_compiled_library_matches_the_content():
    expected = compile_module.render_files()
    for path, text in expected.items():
        with open(os.path.join(compile_module.DATA_DIR, path), encoding="utf-8") as fh:
            assert fh.read() == text, f"data/{path} is stale: run `make content`"
    for folder in ("packs", "answers"):
        present = set(os.listdir(os.path.join(compile_module.DATA_DIR, folder)))
        assert present == {p.split("/")[1] for p in expected if p.startswith(folder + "/")}


def test_the_trained_models_were_trained_on_the_current_content():
    """Training takes a minute, so the check compares what each model was trained on (its
    fingerprint) with what the content would train it on now."""
    from recovery_guide_authoring import training
    from recovery_guide_authoring.content import load
    for name, expected in training.fingerprints(load()).items():
        with open(os.path.join(compile_module.DATA_DIR, "models", f"{name}.json"), encoding="utf-8") as fh:
            assert json.load(fh)["fingerprint"] == expected, f"data/models/{name}.json is stale: run `make content`"


def test_no_blind_question_is_in_the_training_data():
    """The blind sets measure understanding on words nobody tuned for: none may be trained on
    (`python -m recovery_guide_authoring.blind_guard` removes coincidences, without showing them)."""
    from recovery_guide_authoring import blind_guard, training
    from recovery_guide_authoring.content import load
    content = load()
    trained = {blind_guard.norm(t) for t, _ in training.question_examples(content) + training.crisis_examples(content)}
    for group in (content.understanding.get("emergency_follow_ups") or {}).values():
        trained |= {blind_guard.norm(t) for lines in (group or {}).values() for t in lines or []}
    assert len(blind_guard.blind_sentences() & trained) == 0


def test_topic_ids_match_the_topic_list():
    """content/topics.md is the topic list people read; recovery_guide/topics.py is what the code uses."""
    with open(TOPICS_FILE, encoding="utf-8") as fh:
        listed = [line.split("|")[1].strip() for line in fh if line.startswith("| ") and not line.startswith("| id")]
    assert tuple(listed) == TOPICS


def test_every_topic_the_library_owns_has_entries():
    with open(os.path.join(compile_module.DATA_DIR, "library.json"), encoding="utf-8") as fh:
        library = json.load(fh)
    covered = {e["topic"] for e in library["entries"].values()}
    owned = set(TOPICS) - {"crisis_overdose", "crisis_suicide", "affirmation"}
    assert owned <= covered, sorted(owned - covered)


def test_no_dev_question_is_copied_into_the_content():
    """The dev questions measure matching on words the library has not seen; copying them in would
    make the figure meaningless."""
    import re
    from recovery_guide_authoring.content import load
    import hashlib
    norm = lambda s: re.sub(r"[^a-z0-9 ]", "", s.lower()).strip()   # noqa: E731
    with open(DEV_QUESTIONS, encoding="utf-8") as fh:
        dev = {line.strip() for line in fh if line.strip() and not line.startswith("#")}
    from recovery_guide_authoring.content import all_phrasings
    content = load()
    copied = [(eid, q) for eid in content.entries for q in all_phrasings(content, eid)
              if hashlib.sha256(norm(q).encode()).hexdigest() in dev]
    assert copied == []


def test_every_rendered_speech_is_valid_ssml():
    import xml.etree.ElementTree as ET

    def speeches(node, path=""):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from speeches(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from speeches(value, f"{path}/{i}")
        elif isinstance(node, str) and ("<" in node or "&" in node) and "card" not in path:   # cards are plain text
            yield path, node

    for folder in ("packs", "answers"):
        for name in os.listdir(os.path.join(compile_module.DATA_DIR, folder)):
            with open(os.path.join(compile_module.DATA_DIR, folder, name), encoding="utf-8") as fh:
                data = json.load(fh)
            for path, fragment in speeches(data):
                try:
                    ET.fromstring(f"<speak>{fragment}</speak>")
                except ET.ParseError as exc:
                    raise AssertionError(f"{folder}/{name}{path}: {exc}") from None
