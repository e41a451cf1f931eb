"""Training the skill's text classifiers at build time; the request path scores them in plain Python.

Two models, both logistic regression over `understanding.linear.text_features` (word stems, word
bigrams, character 3-5-grams), TF-IDF weighted:
- questions: one class per content entry (trained on its questions and phrasings) plus the turns
  that are not questions about a topic: small talk, requests for a number, follow-ups that lean on
  the conversation ("where do I get it");
- crisis: an overdose happening now, a suicidal crisis now, at risk, or none.
Weights too small to change an answer are pruned and the rest stored as int8, so the files stay
small and quick to load on a cold start. scikit-learn is a build-time dependency only.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os

from recovery_guide.understanding.linear import CHAR_NGRAMS, text_features

from .content import Content, all_phrasings

# Labels that are not entries start with "@": "@small:thanks", "@number:crisis", "@follow:where_to_get".
SMALL_TALK, NUMBER, FOLLOW_UP = "@small:", "@number:", "@follow:"
CRISIS_LABELS = ("emergency_overdose", "emergency_suicide", "at_risk", "none")
# Regularisation and pruning, chosen by cross-validation on the training phrasings (see bench/understanding.py).
QUESTION_C = 20.0
CRISIS_C = 10.0
FEATURE_KEEP_SHARE = 0.05   # features no class weighs at this share of the largest weight are dropped
MIN_DF = 2


def question_examples(content: Content) -> list[tuple[str, str]]:
    examples = []
    for eid in sorted(content.entries):
        examples += [(q, eid) for q in all_phrasings(content, eid)]
    corpora = content.understanding
    for prefix, name in ((SMALL_TALK, "small_talk"), (NUMBER, "number_requests"), (FOLLOW_UP, "follow_ups")):
        for kind, lines in sorted((corpora.get(name) or {}).items()):
            examples += [(line, prefix + kind) for line in lines or []]
    return examples


def crisis_examples(content: Content) -> list[tuple[str, str]]:
    corpus = content.understanding.get("crisis") or {}
    examples = [(line, label) for label in CRISIS_LABELS for line in corpus.get(label) or []]
    # Every ordinary question and turn is a "none" example too: false alarms are learned against them.
    examples += [(text, "none") for text, _ in question_examples(content)]
    return examples


def fit(examples: list[tuple[str, str]], c: float):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels = zip(*examples)
    vectorizer = TfidfVectorizer(analyzer=text_features, sublinear_tf=True, min_df=MIN_DF)
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, labels)
    return vectorizer, model


def export(vectorizer, model, keep_share: float = FEATURE_KEEP_SHARE, extra: dict | None = None) -> dict:
    """The model as JSON-ready data: vocabulary, idf and one int8 weight row per kept feature.

    A feature is kept when some class weighs it at least `keep_share` of the largest weight: the
    rest barely move a score, and dropping them keeps the file quick to load."""
    import numpy as np

    coef = model.coef_ if len(model.classes_) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    bias = model.intercept_ if len(model.classes_) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    largest = float(np.abs(coef).max())
    scale = largest / 127.0
    kept = np.nonzero(np.abs(coef).max(axis=0) >= keep_share * largest)[0]
    rows = np.clip(np.rint(coef[:, kept].T / scale), -127, 127).astype(np.int8)
    vocab = vectorizer.get_feature_names_out()

    def b64(values: bytes) -> str:
        return base64.b64encode(values).decode("ascii")
    return {"labels": [str(c) for c in model.classes_], "vocabulary": "\n".join(str(vocab[j]) for j in kept),
            "idf": b64(np.asarray(vectorizer.idf_[kept], dtype=np.float32).tobytes()),
            "weights": b64(rows.tobytes()), "scale": scale,
            "bias": [round(float(b), 5) for b in bias], **(extra or {})}


def topic_examples(content: Content) -> list[tuple[str, str]]:
    """The question model learns topics (and the other kinds of turn); the entry within a topic is
    the nearest phrasing's (understanding.classify), which keeps the model small and fast."""
    return [(text, content.entries[label]["topic"] if label in content.entries else label)
            for text, label in question_examples(content)]


def fingerprint(examples: list[tuple[str, str]], c: float) -> str:
    """What a model was trained on and how: a test compares it with the content to catch drift
    without training again."""
    settings = [c, MIN_DF, FEATURE_KEEP_SHARE, list(CHAR_NGRAMS)]
    return hashlib.sha256(json.dumps([settings, examples], ensure_ascii=False).encode("utf-8")).hexdigest()


MODELS = {"questions": (topic_examples, QUESTION_C), "crisis": (crisis_examples, CRISIS_C)}


def fingerprints(content: Content) -> dict[str, str]:
    return {name: fingerprint(examples(content), c) for name, (examples, c) in MODELS.items()}


def train_all(content: Content) -> dict[str, dict]:
    """{path under data/: model data}: what `recovery-guide content build` writes."""
    out = {}
    for name, (examples_of, c) in MODELS.items():
        examples = examples_of(content)
        vectorizer, model = fit(examples, c)
        out[f"models/{name}.json"] = export(vectorizer, model, extra={"fingerprint": fingerprint(examples, c)})
    return out


def write(content: Content, data_dir: str) -> list[str]:
    written = []
    os.makedirs(os.path.join(data_dir, "models"), exist_ok=True)
    for path, data in train_all(content).items():
        full = os.path.join(data_dir, path)
        with open(full, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            fh.write("\n")
        written.append(full)
    return written
