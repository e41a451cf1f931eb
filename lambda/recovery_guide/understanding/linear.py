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
import sys
from array import array
from functools import lru_cache

from .normalise import normalise, stem

# Character 4-grams only: 3- and 5-grams added under half a point on held-out questions and doubled
# the scoring time (bench/understanding.py --compare).
CHAR_NGRAMS = (4,)


@lru_cache(maxsize=32)
def _features(text: str) -> tuple[str, ...]:
    words = normalise(text).split()
    stems = [stem(w) for w in words]
    feats = [f"w:{s}" for s in stems]
    feats += [f"b:{a}_{b}" for a, b in zip(stems, stems[1:])]
    for word in words:
        padded = f" {word} "
        for n in CHAR_NGRAMS:
            feats += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    return tuple(feats)


def text_features(text: str) -> list[str]:
    """Word stems, word bigrams and character 4-grams inside each word (with its edges).

    Words carry the subject ("naloxone", "pregnant"); bigrams the phrase shape ("how long", "where
    get"); character grams the misspellings and word forms speech recognition produces. Cached: the
    crisis and question models read the same words on one turn.
    """
    return list(_features(text))


# Feature values are scored as integers in units of 1/_QUANTUM (error under 0.03%); int8 weights are
# stored shifted by _OFFSET so every 64-bit field stays positive and no field carries into the next.
_QUANTUM = 4096
_OFFSET = 128
_BIG_ENDIAN = sys.byteorder == "big"


def _unpack(kind: str, b64: str) -> array:
    values = array(kind)
    values.frombytes(base64.b64decode(b64))
    return values


class LinearModel:
    """One exported model: `probabilities(text)` gives every label's probability, highest first.

    Labels may be grouped (`groups`: name -> [start, end) of contiguous labels), so that one group
    alone can be scored: the entries of one topic, when the topic is already chosen.
    """

    def __init__(self, data: dict):
        self.labels: list[str] = data["labels"]
        self.groups: dict = data.get("groups") or {}
        self._index = {f: i for i, f in enumerate(data["vocabulary"].split("\n"))}
        self._idf = _unpack("f", data["idf"])
        self._weights = _unpack("b", data["weights"])   # one row of len(labels) int8 weights per feature
        self._scale = float(data["scale"])
        self._bias = list(data["bias"])
        self._packed_rows: dict[int, int] = {}

    @classmethod
    def read(cls, path: str) -> "LinearModel":
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def _vector(self, feats) -> list[tuple[int, float]]:
        """The L2-normalised TF-IDF values of the known features (each in [0, 1])."""
        counts: dict[int, int] = {}
        index = self._index
        for f in feats:
            i = index.get(f)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        idf = self._idf
        vector = [(i, (1.0 + math.log(c)) * idf[i]) for i, c in counts.items()]
        norm = math.sqrt(sum(v * v for _, v in vector)) or 1.0
        return [(i, v / norm) for i, v in vector]

    def _packed(self, i: int) -> int:
        """Feature i's weights as one integer, a 64-bit field per label holding weight + 128.

        Multiplying that integer by a feature's (integer) value multiplies every label's weight at
        once inside Python's big-integer arithmetic, which runs in C: a question's 60 features cost
        60 multiplications instead of 60 times the number of labels. Built on first use per feature."""
        packed = self._packed_rows.get(i)
        if packed is None:
            width = len(self.labels)
            row = array("Q", (w + _OFFSET for w in self._weights[i * width:(i + 1) * width]))
            packed = self._packed_rows[i] = int.from_bytes(row.tobytes(), "little")
        return packed

    def scores(self, feats, start: int = 0, end: int | None = None) -> list[float]:
        """Raw scores of labels[start:end]: the TF-IDF vector dotted with each label's weights."""
        width = len(self.labels)
        end = width if end is None else end
        total, quanta = 0, 0
        for i, v in self._vector(feats):
            q = int(v * _QUANTUM + 0.5)
            total += self._packed(i) * q
            quanta += q
        fields = array("Q")
        fields.frombytes(total.to_bytes(8 * width, "little"))
        if _BIG_ENDIAN:
            fields.byteswap()
        unit, offset = self._scale / _QUANTUM, _OFFSET * quanta
        bias = self._bias
        return [bias[k] + (fields[k] - offset) * unit for k in range(start, end)]

    def probabilities(self, text: str | None = None, feats=None, group: str | None = None) -> list[tuple[str, float]]:
        feats = _features(text or "") if feats is None else feats
        start, end = self.groups[group] if group is not None else (0, len(self.labels))
        totals = self.scores(feats, start, end)
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        total = sum(exps)
        return sorted(zip(self.labels[start:end], (e / total for e in exps)), key=lambda lp: -lp[1])
