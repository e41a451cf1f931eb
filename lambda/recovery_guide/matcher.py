"""Server-side question matching: free text (an AMAZON.SearchQuery slot, or the local chat) to the
content entry that answers it.

Each entry contributes one document per question phrasing, plus one of its title and keywords.
A query is scored against every document by TF-IDF cosine similarity; an entry's score is its best
document plus a share of its second best (agreement between phrasings is evidence). Features come
from textnorm, shared with the build.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .textnorm import STOPWORDS, features

# Below this the skill says what it covers rather than guess: a wrong medical answer is worse than none.
MIN_SCORE = 0.22
SECOND_BEST_SHARE = 0.35
# An entry is judged by its closest phrasing and by all its phrasings together (its centroid):
# the first rewards a near-identical question, the second the entry's subject words.
CENTROID_SHARE = 0.5
# Bigrams carry phrase shape ("how long", "is it safe"); with a stopword in them they say little.
BIGRAM_WEIGHT = 0.8
STOP_BIGRAM_WEIGHT = 0.3


@dataclass(frozen=True)
class Match:
    entry_id: str
    topic: str
    score: float


class QuestionMatcher:
    def __init__(self, index: dict, country: str):
        docs = [d for d in index["docs"] if not d["countries"] or country in d["countries"]]
        self._topic = {eid: e["topic"] for eid, e in index["entries"].items()}
        n = len(docs) or 1
        df: dict[str, int] = defaultdict(int)
        for d in docs:
            for f in set(d["features"]):
                df[f] += 1
        self._idf = {f: math.log((n + 1) / (c + 0.5)) for f, c in df.items()}
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._doc_entry: list[str] = []
        centroids: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for i, d in enumerate(docs):
            vec = self._weights(d["features"])
            for f, w in vec.items():
                self._postings[f].append((i, w))
                centroids[d["entry"]][f] += w
            self._doc_entry.append(d["entry"])
        self._centroid_postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for eid, vec in centroids.items():
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            for f, w in vec.items():
                self._centroid_postings[f].append((eid, w / norm))

    def _weights(self, feats: list[str]) -> dict[str, float]:
        tf: dict[str, float] = defaultdict(float)
        for f in feats:
            if "_" not in f:
                tf[f] += 1.0
            elif any(part in STOPWORDS for part in f.split("_")):
                tf[f] += STOP_BIGRAM_WEIGHT
            else:
                tf[f] += BIGRAM_WEIGHT
        vec = {f: w * self._idf.get(f, 0.0) for f, w in tf.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {f: w / norm for f, w in vec.items() if w}

    def rank(self, text: str, top: int = 3) -> list[Match]:
        query = self._weights(features(text))
        sims: dict[int, float] = defaultdict(float)
        for f, qw in query.items():
            for doc, dw in self._postings.get(f, ()):
                sims[doc] += qw * dw
        per_entry: dict[str, list[float]] = defaultdict(list)
        for doc, s in sims.items():
            per_entry[self._doc_entry[doc]].append(s)
        centroid_sims: dict[str, float] = defaultdict(float)
        for f, qw in query.items():
            for eid, cw in self._centroid_postings.get(f, ()):
                centroid_sims[eid] += qw * cw
        scored = []
        for eid, values in per_entry.items():
            values.sort(reverse=True)
            closest = values[0] + (SECOND_BEST_SHARE * values[1] if len(values) > 1 else 0.0)
            score = (1 - CENTROID_SHARE) * closest + CENTROID_SHARE * centroid_sims.get(eid, 0.0)
            scored.append(Match(eid, self._topic[eid], round(score, 4)))
        scored.sort(key=lambda m: (-m.score, m.entry_id))
        return scored[:top]

    def best(self, text: str) -> Match | None:
        ranked = self.rank(text, top=1)
        if ranked and ranked[0].score >= MIN_SCORE:
            return ranked[0]
        return None
