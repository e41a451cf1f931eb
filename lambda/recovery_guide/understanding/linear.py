"""Linear text classifiers trained at build time (scikit-learn) and scored here in plain Python.

A model file holds the vocabulary, the inverse document frequencies and, per feature, the few
class weights that survived pruning (int8, one scale per model). Scoring a question is a TF-IDF
vector (sublinear term frequency, L2-normalised over the known features, as scikit-learn's
TfidfVectorizer does) dotted with those weights, then a softmax. `text_features` is the one
analyser: the trainer passes it to scikit-learn, so build and request path see the same features.
"""
from __future__ import annotations

import base64
import json
import math
from array import array

from .normalise import normalise, stem

# Character 4-grams only: 3- and 5-grams added under half a point on held-out questions and doubled
# the scoring time (bench/understanding.py --compare).
CHAR_NGRAMS = (4,)


def text_features(text: str) -> list[str]:
    """Word stems, word bigrams and character 4-grams inside each word (with its edges).

    Words carry the subject ("naloxone", "pregnant"); bigrams the phrase shape ("how long", "where
    get"); character grams the misspellings and word forms speech recognition produces.
    """
    words = normalise(text).split()
    stems = [stem(w) for w in words]
    feats = [f"w:{s}" for s in stems]
    feats += [f"b:{a}_{b}" for a, b in zip(stems, stems[1:])]
    for word in words:
        padded = f" {word} "
        for n in CHAR_NGRAMS:
            feats += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    return feats


def _unpack(kind: str, b64: str) -> array:
    values = array(kind)
    values.frombytes(base64.b64decode(b64))
    return values


class LinearModel:
    """One exported model: `probabilities(text)` gives every label's probability, highest first."""

    def __init__(self, data: dict):
        self.labels: list[str] = data["labels"]
        self._index = {f: i for i, f in enumerate(data["vocabulary"].split("\n"))}
        self._idf = _unpack("f", data["idf"])
        self._weights = _unpack("b", data["weights"])   # one row of len(labels) int8 weights per feature
        self._scale = float(data["scale"])
        self._bias = list(data["bias"])

    @classmethod
    def read(cls, path: str) -> "LinearModel":
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def scores(self, feats: list[str]) -> list[float]:
        counts: dict[int, int] = {}
        index = self._index
        for f in feats:
            i = index.get(f)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        idf = self._idf
        vector = [(i, (1.0 + math.log(c)) * idf[i]) for i, c in counts.items()]
        norm = math.sqrt(sum(v * v for _, v in vector)) or 1.0
        totals = self._bias
        weights, width, scale = self._weights, len(self.labels), self._scale / norm
        for i, v in vector:
            v *= scale
            start = i * width
            totals = [t + w * v for t, w in zip(totals, weights[start:start + width])]
        return totals

    def probabilities(self, text: str | None = None, feats: list[str] | None = None) -> list[tuple[str, float]]:
        totals = self.scores(text_features(text or "") if feats is None else feats)
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        total = sum(exps)
        return sorted(zip(self.labels, (e / total for e in exps)), key=lambda lp: -lp[1])
