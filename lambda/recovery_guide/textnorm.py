"""Turning spoken or typed words into matching features. Shared by the build (index) and the
request path (queries), so both see text the same way. Stdlib only."""
from __future__ import annotations

import re
import unicodedata

_CONTRACTIONS = [
    (r"\bcan'?t\b", "can not"), (r"\bwon'?t\b", "will not"), (r"\bain'?t\b", "is not"),
    (r"n't\b", " not"), (r"\b(is|are|was|were|do|does|did|has|have|had|would|should|could)nt\b", r"\1 not"),
    (r"'m\b", " am"), (r"'re\b", " are"), (r"'ll\b", " will"), (r"'ve\b", " have"), (r"'d\b", " would"),
    (r"'s\b", ""), (r"\bgonna\b", "going to"), (r"\bwanna\b", "want to"), (r"\bgotta\b", "got to"),
    (r"\bim\b", "i am"), (r"\bdont\b", "do not"), (r"\bdoesnt\b", "does not"), (r"\bisnt\b", "is not"),
    (r"\bcant\b", "can not"), (r"\bwont\b", "will not"), (r"\bcannot\b", "can not"),
]
_CONTRACTIONS = [(re.compile(p), r) for p, r in _CONTRACTIONS]

# Words people say for the same thing, including how speech recognition tends to spell them.
# Each maps to the one word the library uses, so "suboxin" finds the buprenorphine entries.
_SYNONYMS = [
    (r"\bsub ?ox(one|in|en|ene|on)\b|\bsubutex\b|\bsub ?locade\b|\bzubsolv\b|\bbupe\b|\bbuprenorphin\w*|\bbupenorphine\b|\bbuprenorfine\b|\bbrixadi\b", "buprenorphine"),
    (r"\bnarcan\b|\bnarcane\b|\bnaloxon\b|\bnalox\w*|\bnalaxone\b|\bkloxxado\b|\bnyxoid\b|\bprenoxad\b|\bzimhi\b", "naloxone"),
    (r"\bvivitrol\b|\bvivatrol\b|\bnaltrexon\w*|\brevia\b", "naltrexone"),
    (r"\bmethadon\w*|\bmethadose\b|\bmeth done\b|\bdolophine\b", "methadone"),
    (r"\blucemyra\b|\blofexidin\w*", "lofexidine"),
    (r"\bfent\b|\bfetty\b|\bfentanyl\w*|\bfentanil\b|\bfetanyl\b", "fentanyl"),
    (r"\bdope ?sick\w*|\bdopesickness\b|\bsick from (heroin|dope|opioids?|opiates?)\b", "withdrawal sick"),
    (r"\bwith ?draw(als?|ls?|ing|l)?\b|\bw ?d\b|\bwithdrawl\w*", "withdrawal"),
    (r"\bdetox\w*|\bdetoxification\b", "detox"),
    (r"\bopiates?\b|\bopioids?\b|\bopiods?\b|\bopioid's\b", "opioid"),
    (r"\bheroine?\b|\bdope\b|\bsmack\b|\bh(?= withdrawal)", "heroin"),
    (r"\bo ?d(e?d|ing|s)?\b|\bover ?dos(e|ed|es|ing)\b", "overdose"),
    (r"\bmoms?\b|\bmothers?\b|\bmum\b|\bexpecting\b|\bpregnan\w*", "pregnant"),
    (r"\b(12|twelve) ?steps?\b|\bn ?a meetings?\b|\bnarcotics anonymous\b|\bsmart recovery\b", "support meeting"),
    (r"\brehab\w*\b", "rehab"),
    (r"\bhot ?line\b|\bhelp ?line\b", "helpline"),
    (r"\bvap(e|es|ing)\b|\be ?cig\w*|\bjuul\w*", "vape"),
]
_SYNONYMS = [(re.compile(p), r) for p, r in _SYNONYMS]

STOPWORDS = frozenset("""
a an the and or but if so to of in on at for from with by as into about than then there their theirs
it its this that these those i me my mine myself we us our you your yours he him his she her they them
is am are was were be been being do does did doing have has had having will would shall should can could
may might must just really very also too some any all much many more most such own same other
what which who whom whose when where why how please tell know let okay ok alexa hey hi um uh like
get got getting go going thing things something someone anyone somebody anybody way
""".split())


def normalise(text: str) -> str:
    """Lower-case words with contractions expanded and synonyms mapped; punctuation removed."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("’", "'").replace("`", "'")
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    for pattern, repl in _SYNONYMS:
        text = pattern.sub(repl, text)
    return re.sub(r"\s+", " ", text).strip()


def stem(word: str) -> str:
    """A light suffix stripper: enough to join "symptoms"/"symptom" and "lasting"/"lasts"."""
    for suffix, keep in (("ies", "y"), ("ness", ""), ("ing", ""), ("edly", ""), ("ed", ""), ("ly", ""),
                         ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not re.search(r"(ss|sh|ch|x|z)es$", word):
                continue
            if suffix == "s" and word.endswith("ss"):
                continue
            return word[: len(word) - len(suffix)] + keep
    return word


def features(text: str) -> list[str]:
    """Unigrams without stopwords, plus bigrams over all words (so "how long" and "is it safe" count)."""
    words = [stem(w) for w in normalise(text).split()]
    grams = [w for w in words if w not in STOPWORDS and len(w) > 1]
    grams += [f"{a}_{b}" for a, b in zip(words, words[1:]) if not (a in STOPWORDS and b in STOPWORDS)]
    return grams
