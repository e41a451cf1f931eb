"""Training the skill's text classifiers at build time; the request path scores them in plain Python.

Two models, both logistic regression over `understanding.linear.text_features` (word stems, word
bigrams, character 3-5-grams), TF-IDF weighted:
- questions: the topic (trained on every entry's questions and phrasings) or one of the turns that
  are not questions about a topic: small talk, requests for a number, follow-ups that lean on the
  conversation ("where do I get it"); and, in the same pass, the entry within the topic;
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
ENTRY_C = 20.0
CRISIS_C = 10.0
FEATURE_KEEP_SHARE = 0.05   # features no class weighs at this share of the largest weight are dropped
# A feature must occur in this many training texts. For the questions, 3 rather than 2 keeps a fifth fewer
# features (a quicker cold start) at the same accuracy on held-out retired blind questions (sets 13
# and 14 left out of training: 93.3% against 93.0% acceptable top topic).
QUESTION_MIN_DF = 3
CRISIS_MIN_DF = 2
# How each model is trained, beside what it is trained on, in its fingerprint.
QUESTION_SETTINGS = [QUESTION_C, ENTRY_C, QUESTION_MIN_DF]
CRISIS_SETTINGS = [CRISIS_C, CRISIS_MIN_DF]


def question_examples(content: Content, by_topic: bool = True) -> list[tuple[str, str]]:
    examples = []
    for eid in sorted(content.entries):
        examples += [(q, eid) for q in all_phrasings(content, eid)]
    corpora = content.understanding
    for prefix, name in ((SMALL_TALK, "small_talk"), (NUMBER, "number_requests"), (FOLLOW_UP, "follow_ups")):
        for kind, lines in sorted((corpora.get(name) or {}).items()):
            examples += [(line, prefix + kind) for line in lines or []]
    # Questions known only by topic (from retired blind sets): labelled with the topic id itself, so they
    # train the topics block; the entries block takes only rows labelled with an entry.
    for topic, lines in sorted((corpora.get("questions") or {}).items() if by_topic else ()):
        examples += [(str(line), topic) for line in lines or []]
    return examples


LONG_QUESTION_WORDS = 20


def crisis_examples(content: Content) -> list[tuple[str, str]]:
    corpus = content.understanding.get("crisis") or {}
    examples = [(line, label) for label in CRISIS_LABELS for line in corpus.get(label) or []]
    # Every ordinary question and turn is a "none" example too: false alarms are learned against them.
    examples += [(text, "none") for text, _ in question_examples(content, by_topic=False)]
    # Of the retired sets' questions only the long ones: a worried parent's whole story ("he's puking and
    # shaking on the bathroom floor, I already buried his sister, what can I give him") is what the model
    # mistook for an emergency. All of them as "none" cost at-risk recall; the long ones did not (held out
    # over six retired sets: question false alarms 27 -> 19 of 1,800, at-risk recall unchanged).
    examples += [(str(line), "none") for lines in (content.understanding.get("questions") or {}).values()
                 for line in lines or [] if len(str(line).split()) >= LONG_QUESTION_WORDS]
    return examples


def vectorize(texts, min_df: int):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=text_features, sublinear_tf=True, min_df=min_df)
    return vectorizer, vectorizer.fit_transform(texts)


def fit(x, labels, c: float, order=None):
    """Logistic regression; `order` puts the classes in a chosen order (entries grouped by topic)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, labels)
    classes = [str(label) for label in model.classes_]
    permutation = np.array(sorted(range(len(classes)), key=lambda k: order(classes[k]) if order else k))
    return [classes[k] for k in permutation], model.coef_[permutation], model.intercept_[permutation]


def export(vectorizer, blocks: list[tuple[str, list, object, object]], keep_share: float = FEATURE_KEEP_SHARE,
           extra: dict | None = None) -> dict:
    """Models sharing one vocabulary, as JSON-ready data plus one int8 weight row per kept feature.

    `blocks` is [(name, labels, coef, intercept)]: each block's labels are a contiguous run of columns
    with a scale of its own, so one pass over a question's features scores every block. A feature is
    kept when some label of some block weighs it at least `keep_share` of that block's largest weight:
    the rest barely move a score, and dropping them keeps the files quick to load."""
    import numpy as np

    largest = [float(np.abs(coef).max()) for _, _, coef, _ in blocks]
    keep = np.zeros(len(vectorizer.idf_), dtype=bool)
    for (_, _, coef, _), top in zip(blocks, largest):
        keep |= np.abs(coef).max(axis=0) >= keep_share * top
    kept = np.nonzero(keep)[0]
    columns, labels, bias, spans, start = [], [], [], {}, 0
    for (name, block_labels, coef, intercept), top in zip(blocks, largest):
        scale = top / 127.0
        columns.append(np.clip(np.rint(coef[:, kept] / scale), -127, 127).astype(np.int8))
        labels += block_labels
        bias += [round(float(b), 5) for b in intercept]
        spans[name] = [start, start + len(block_labels), scale]
        start += len(block_labels)
    rows = np.vstack(columns).T.copy()
    vocab = vectorizer.get_feature_names_out()
    return {"labels": labels, "blocks": spans, "bias": bias,
            "vocabulary": "\n".join(str(vocab[j]) for j in kept),
            "idf": base64.b64encode(np.asarray(vectorizer.idf_[kept], dtype=np.float32).tobytes()).decode("ascii"),
            "weights": rows.tobytes(), **(extra or {})}


def topic_of(content: Content, label: str) -> str:
    return content.entries[label]["topic"] if label in content.entries else label


def fingerprint(examples: list[tuple[str, str]], settings: list) -> str:
    """What a model was trained on and how: a test compares it with the content to catch drift
    without training again."""
    settings = settings + [FEATURE_KEEP_SHARE, list(CHAR_NGRAMS)]
    return hashlib.sha256(json.dumps([settings, examples], ensure_ascii=False).encode("utf-8")).hexdigest()


def fingerprints(content: Content) -> dict[str, str]:
    return {"questions": fingerprint(question_examples(content), QUESTION_SETTINGS),
            "crisis": fingerprint(crisis_examples(content), CRISIS_SETTINGS)}


def topic_groups(content: Content, labels: list[str], offset: int) -> dict:
    """Entry labels come sorted by topic, then id: each topic's entries are one contiguous run."""
    groups: dict = {}
    for i, label in enumerate(labels, start=offset):
        start, _ = groups.get(content.entries[label]["topic"], (i, i))
        groups[content.entries[label]["topic"]] = [start, i + 1]
    return groups


def train_questions(content: Content) -> dict:
    """One vocabulary, two blocks: "topics" (the topics and the other kinds of turn) and "entries"
    (every entry, grouped by topic, so the entry within a chosen topic is scored in the same pass)."""
    examples = question_examples(content)
    texts, labels = zip(*examples)
    vectorizer, x = vectorize(texts, QUESTION_MIN_DF)
    topics = fit(x, [topic_of(content, label) for label in labels], QUESTION_C)
    rows = [i for i, label in enumerate(labels) if label in content.entries]
    entries = fit(x[rows], [labels[i] for i in rows], ENTRY_C,
                  order=lambda label: (content.entries[label]["topic"], label))
    groups = topic_groups(content, entries[0], len(topics[0]))
    return export(vectorizer, [("topics", *topics), ("entries", *entries)],
                  extra={"groups": groups, "fingerprint": fingerprint(examples, QUESTION_SETTINGS)})


def train_crisis(content: Content) -> dict:
    examples = crisis_examples(content)
    texts, labels = zip(*examples)
    vectorizer, x = vectorize(texts, CRISIS_MIN_DF)
    return export(vectorizer, [("crisis", *fit(x, list(labels), CRISIS_C))],
                  extra={"fingerprint": fingerprint(examples, CRISIS_SETTINGS)})


def train_all(content: Content) -> dict[str, dict]:
    """{path under data/: model data}: what `recovery-guide content build` writes."""
    return {"models/questions.json": train_questions(content), "models/crisis.json": train_crisis(content)}


def write(content: Content, data_dir: str) -> list[str]:
    written = []
    os.makedirs(os.path.join(data_dir, "models"), exist_ok=True)
    for path, data in train_all(content).items():
        full = os.path.join(data_dir, path)
        with open(full[:-len(".json")] + ".weights", "wb") as fh:
            fh.write(data.pop("weights"))
        with open(full, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            fh.write("\n")
        written += [full, full[:-len(".json")] + ".weights"]
    return written
