"""The previous design, kept to compare against (bench/understanding.py --compare): nearest phrasing
by TF-IDF, no training. It no longer runs on the request path (understanding.classify replaced it).

Each entry contributes one document per question phrasing, plus one of its title and keywords.
A query is scored against every document by TF-IDF cosine similarity; an entry's score is its best
document plus a share of its second best (agreement between phrasings is evidence). Features come
from textnorm, shared with the build.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from recovery_guide.understanding.normalise import features, stem

# Below this the skill says what it covers rather than guess: a wrong medical answer is worse than none.
MIN_SCORE = 0.22
SECOND_BEST_SHARE = 0.35
SECOND_ENTRY_SHARE = 0.3
# An entry is judged by its closest phrasing and by all its phrasings together (its centroid):
# the first rewards a near-identical question, the second the entry's subject words.
CENTROID_SHARE = 0.5
# Bigrams carry phrase shape ("how long", "is it safe"); with a stopword in them they say little.
BIGRAM_WEIGHT = 0.8
STOP_BIGRAM_WEIGHT = 0.3
# The medicine a question names is its subject: "does naloxone have side effects" must not go to
# buprenorphine's side effects because "side effects" is the rarer phrase. An entry whose phrasings
# are about other medicines, never this one, is marked down.
MEDICINES = ("buprenorphin", "naloxon", "naltrexon", "methadon", "lofexidin", "clonidin", "fentanyl")
MEDICINE_SET = frozenset(MEDICINES)
OTHER_MEDICINE_FACTOR = 0.75
# A question about another substance, with no opioid in it, is outside the library: only the
# out-of-scope entries may answer it, so "how long do vape withdrawals last" never gets opioid timings.
OTHER_SUBSTANCES = {stem(w) for w in (
    "alcohol drink drinking drunk beer wine liquor vodka whiskey booze hangover vape nicotine cigarette cigarettes "
    "smoking tobacco meth methamphetamine cocaine coke crack cannabis marijuana weed ecstasy mdma molly ketamine "
    "gambling caffeine").split()}
OPIOID_WORDS = {stem(w) for w in (
    "opioid heroin fentanyl buprenorphine naloxone naltrexone methadone lofexidine clonidine oxy oxycodone "
    "oxycontin percocet vicodin hydrocodone morphine codeine tramadol dilaudid hydromorphone painkiller "
    "painkillers pill pills kratom overdose drug drugs substance substances").split()}
OUT_OF_SCOPE = "out_of_scope"
# Words that put a question in the library's field. With one of them present a weaker match is still
# the best answer (long, rambling questions dilute every similarity); without, the bar stays high.
ANCHORS = OPIOID_WORDS | {stem(w) for w in (
    "withdrawal detox rehab relapse recovery craving cravings treatment clinic sober narcotics").split()}
MIN_SCORE_ANCHORED = 0.12
# A question that names an opioid is about opioids: the other-substance and off-topic answers step back.
OPIOID_NAMED_OUT_OF_SCOPE_FACTOR = 0.6
_GENERIC_DRUG_WORDS = {stem(w) for w in "drug drugs substance substances".split()}
MEDICINE_SHARE = 0.25   # an entry is "about" a medicine named in at least this share of its phrasings


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
        # A word the library never uses still counts in a question's length: "what's a good recipe for
        # dinner" shares only "good" with the library, and should score as the weak match it is.
        self._unseen_idf = math.log((n + 1) / 0.5)
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._doc_entry: list[str] = []
        centroids: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        doc_count: dict[str, int] = defaultdict(int)
        for d in docs:
            doc_count[d["entry"]] += 1
            for medicine in set(d["features"]) & MEDICINE_SET:
                mentions[d["entry"]][medicine] += 1
        self._about = {eid: {m for m, n in counts.items() if n >= MEDICINE_SHARE * doc_count[eid]}
                       for eid, counts in mentions.items()}
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
            if "~" in f:
                tf[f] += STOP_BIGRAM_WEIGHT
            elif "_" in f:
                tf[f] += BIGRAM_WEIGHT
            else:
                tf[f] += 1.0
        vec = {f: w * self._idf.get(f, self._unseen_idf) for f, w in tf.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {f: w / norm for f, w in vec.items() if w}

    def _scores(self, text: str, feats: list[str] | None = None) -> dict[str, float]:
        """Every entry's score for the text (entries sharing no feature with it are left out)."""
        feats = features(text) if feats is None else feats
        feature_set = set(feats)
        named = feature_set & MEDICINE_SET
        other_substance_only = bool(feature_set & OTHER_SUBSTANCES) and not feature_set & OPIOID_WORDS
        opioid_named = bool(feature_set & (OPIOID_WORDS - _GENERIC_DRUG_WORDS))
        query = self._weights(feats)
        postings, centroid_postings, doc_entry = self._postings, self._centroid_postings, self._doc_entry
        sims: dict[int, float] = defaultdict(float)
        centroid_sims: dict[str, float] = defaultdict(float)
        for f, qw in query.items():
            for doc, dw in postings.get(f, ()):
                sims[doc] += qw * dw
            for eid, cw in centroid_postings.get(f, ()):
                centroid_sims[eid] += qw * cw
        # the two closest phrasings of each entry
        first: dict[str, float] = {}
        second: dict[str, float] = {}
        for doc, sim in sims.items():
            eid = doc_entry[doc]
            top1 = first.get(eid)
            if top1 is None:
                first[eid] = sim
            elif sim > top1:
                second[eid], first[eid] = top1, sim
            elif sim > second.get(eid, 0.0):
                second[eid] = sim
        scores = {}
        for eid, top1 in first.items():
            if other_substance_only and self._topic[eid] != OUT_OF_SCOPE:
                continue
            closest = top1 + SECOND_BEST_SHARE * second.get(eid, 0.0)
            score = (1 - CENTROID_SHARE) * closest + CENTROID_SHARE * centroid_sims.get(eid, 0.0)
            if opioid_named and self._topic[eid] == OUT_OF_SCOPE:
                score *= OPIOID_NAMED_OUT_OF_SCOPE_FACTOR
            about = self._about.get(eid)
            if named and about and not (named & about):
                score *= OTHER_MEDICINE_FACTOR
            scores[eid] = score
        return scores

    def rank_in_topic(self, text: str, topic: str) -> list[str]:
        """The topic's entries, closest to the text first (the classifier has chosen the topic)."""
        scores = self._scores(text)
        return [eid for eid, _ in sorted(((e, s) for e, s in scores.items() if self._topic[e] == topic),
                                         key=lambda kv: (-kv[1], kv[0]))]

    def rank(self, text: str, top: int = 3) -> list[Match]:
        scores = self._scores(text)
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [Match(eid, self._topic[eid], round(score, 4)) for eid, score in best]

    def best(self, text: str) -> Match | None:
        """The best entry of the best topic. A topic is judged by its best entry plus a share of its
        second: two entries of one topic agreeing is better evidence than one stray close phrasing."""
        top1: dict[str, tuple[float, str]] = {}
        top2: dict[str, float] = {}
        feats = features(text)
        for eid, score in self._scores(text, feats).items():
            topic = self._topic[eid]
            current = top1.get(topic)
            if current is None or (score, eid) > current:
                if current is not None:
                    top2[topic] = max(top2.get(topic, 0.0), current[0])
                top1[topic] = (score, eid)
            elif score > top2.get(topic, 0.0):
                top2[topic] = score
        if not top1:
            return None
        topic = max(top1, key=lambda t: (top1[t][0] + SECOND_ENTRY_SHARE * top2.get(t, 0.0), t))
        score, eid = top1[topic]
        anchored = bool(set(feats) & ANCHORS)
        return Match(eid, topic, round(score, 4)) if score >= (MIN_SCORE_ANCHORED if anchored else MIN_SCORE) else None
