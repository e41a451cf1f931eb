"""Linear text classifiers trained at build time (scikit-learn) and scored here in plain Python.

A model file holds the vocabulary, the inverse document frequencies and, per feature, the few
class weights that survived pruning (int8, one scale per model). Scoring a question is a TF-IDF
vector (sublinear term frequency, L2-normalised over the known features, as scikit-learn's
TfidfVectorizer does) dotted with those weights, then a softmax. `text_features` is the one
analyser: the trainer passes it to scikit-learn, so build and request path see the same features.
"""
from __future__ import annotations

import binascii
import json
import math
import mmap
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
    values.frombytes(binascii.a2b_base64(b64))   # binascii, not base64: one import fewer on a cold start
    return values


class LinearModel:
    """One exported model: `probabilities(text)` gives every label's probability, highest first.

    The labels come in blocks (`blocks`: name -> [start, end, scale]), models trained on the same
    words sharing one vocabulary: the topics, and the entries. Within a block, `groups` name runs of
    labels (name -> [start, end]) that can be scored alone: the entries of one topic.
    """

    def __init__(self, data: dict, weights: bytes):
        self.labels: list[str] = data["labels"]
        self.blocks: dict = data["blocks"]
        self.groups: dict = data.get("groups") or {}
        self._index = {f: i for i, f in enumerate(data["vocabulary"].split("\n"))}
        self._idf = _unpack("f", data["idf"])
        self._weights = memoryview(weights).cast("b")   # one row of len(labels) int8 weights per feature
        self._bias = list(data["bias"])
        self._packed_rows: dict[int, int] = {}
        self._last = None

    @classmethod
    def read(cls, path: str) -> "LinearModel":
        """<name>.json (labels, vocabulary, idf, scale, bias) and <name>.weights (the int8 rows, raw:
        decoding them from text would cost a cold start several milliseconds). The weights are mapped,
        not read: a question touches a few dozen rows of megabytes, so a cold start pages in only those."""
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        with open(path[:-len(".json")] + ".weights", "rb") as fh:
            try:
                weights = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):   # an empty file, or a file system that cannot map
                weights = fh.read()
            return cls(data, weights)

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

    def _totals(self, feats) -> tuple[int, int]:
        """Every label's weighted sum, packed in one integer, and the sum of the feature values.
        The last question's are kept: the topic and then the entry within it read the same words."""
        last = self._last   # one read: another thread may replace it (the local server is threaded)
        if last is not None and last[0] == feats:
            return last[1]
        total, quanta = 0, 0
        for i, v in self._vector(feats):
            q = int(v * _QUANTUM + 0.5)
            total += self._packed(i) * q
            quanta += q
        self._last = (feats, (total, quanta))
        return total, quanta

    def scores(self, feats, start: int, end: int, scale: float) -> list[float]:
        """Raw scores of labels[start:end]: the TF-IDF vector dotted with each label's weights."""
        width = len(self.labels)
        total, quanta = self._totals(feats)
        fields = array("Q")
        fields.frombytes(total.to_bytes(8 * width, "little"))
        if _BIG_ENDIAN:
            fields.byteswap()
        unit, offset = scale / _QUANTUM, _OFFSET * quanta
        bias = self._bias
        return [bias[k] + (fields[k] - offset) * unit for k in range(start, end)]

    def probabilities(self, text: str | None = None, feats=None, block: str | None = None,
                      group: str | None = None) -> list[tuple[str, float]]:
        """Each label's probability in the block (the first block by default), or within a group."""
        feats = _features(text or "") if feats is None else tuple(feats)
        name = block or next(iter(self.blocks))
        start, end, scale = self.blocks[name]
        if group is not None:
            start, end = self.groups[group]
        totals = self.scores(feats, start, end, scale)
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        total = sum(exps)
        return sorted(zip(self.labels[start:end], (e / total for e in exps)), key=lambda lp: -lp[1])
