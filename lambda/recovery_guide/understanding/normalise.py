"""Turning spoken or typed words into matching features. Shared by the build (index) and the
request path (queries), so both see text the same way. Stdlib only."""
from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import lru_cache

from .lazy_regex import LazyRegex

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
SYNONYM_SOURCES = [
    (r"\bsub ?ox(one|in|en|ene|on|ones)\b|\bsubutex\b|\bsub ?locade\b|\bzubsolv\b|\bbupe\b|\bbup\b|\bsub(s|bies|bie|by)\b|\bbuprenorphin\w*|\bbupren\w*(?: ?or ?f(?:ine|een|ene))?|\bbu ?pren ?or ?f(?:ine|een|ene)\b|\bbupenorphine\b|\bbuprenorfine\b|\bbrixadi\b|\badd ?nok\w*|\bbupregesic\b|\bnorphin\b|\btidigesic\b", "buprenorphine"),
    (r"\bnar ?cane?\b|\bnaloxon\b|\bnalox\w*|\bnalaxone\b|\bkloxxado\b|\bnyxoid\b|\bprenoxad\b|\bzimhi\b", "naloxone"),
    (r"\bviv[aie]?d? ?(trol|trawl|troll)\b|\bvivatrol\b|\bnaltrexon\w*|\bnal ?trex\w*|\brevia\b", "naltrexone"),
    (r"\bmeth[ao]don\w*|\bmethodon\w*|\bmethadose\b|\bmeth done\b|\bdolophine\b|\bjungle juice\b|(?<=\bthe )juice\b|(?:(?<=\bthe )|(?<=\bmy )|(?<=\bon ))done\b|\bdone(?= (?:program|programme|clinic|dose|doses|script))\b", "methadone"),
    (r"\blucemyra\b|\blofexidin\w*|\blow ?fex\w*(?: ?a ?deen| ?i ?deen)?|\blo ?fex ?a ?deen\b", "lofexidine"),
    (r"\bfent\b|\bfetty\b|\bfenny\b|\bfenty\b|\bfenti\b|\bfentanyl\w*|\bfentanil\b|\bfetanyl\b", "fentanyl"),
    (r"\bdope ?sick\w*|\bdopesickness\b|\bsick from (heroin|dope|opioids?|opiates?)\b", "withdrawal sick"),
    (r"\bpaws\b|\bpost ?acute(?: withdrawals?)?(?: syndrome)?", "post acute withdrawal"),
    (r"\bi ?o ?p\b|\bintensive out ?patient(?: programs?| programmes?)?", "intensive outpatient treatment"),
    (r"\bwith ?draw(als?|ls?|ing|l)?\b|\bw ?d\b|\bwithdrawl\w*", "withdrawal"),
    (r"\bdetox\w*|\bdetoxification\b", "detox"),
    (r"\bopiates?\b|\bopioids?\b|\bopiods?\b|\bopioid's\b", "opioid"),
    (r"\bheroine?\b|\bdope\b|\bsmack\b|\bskag\b|\bgear\b|\bbrown sugar\b|\bchitta\b|\bopium\b|\bh(?= withdrawal)", "heroin"),
    (r"\bhanging out\b|\bclucking\b|\bclucky\b|\bthe cluck\b|\bcluck\b|\brattling\b|\brattles?\b|\bjonesing\b|"
     r"\bjones\w*|\bthe rattle\b|\bhang out (?=for\b|off\b)", "withdrawal"),
    # Buprenorphine films ("my strips", "those films"), never fentanyl test strips.
    (r"(?<!test )(?<!testing )\b(my|those|these|the|couple|some|milligram|mg|bup|sub|bupe) (?:strips?|films?)\b",
     r"\1 buprenorphine film"),
    # "the green" (methadone mixture, UK), "OAT" (opioid agonist treatment), "down" (Canada: heroin or fentanyl)
    (r"(?<=\bthe )green\b(?! (?:light|card|party|line|bin|belt))", "methadone"),
    (r"\boat (?=centre|center|clinic|program|programme|prescriber|dose|team)|(?<=\bon )oat\b", "opioid agonist treatment "),
    (r"\bopioid substitution (?:therapy|treatment)\b|\bopiate substitution (?:therapy|treatment)\b|\bost\b",
     "opioid agonist treatment"),
    (r"\bambos?\b|\bamb(?:u|yu)lance\b", "ambulance"),
    # letters and helpline numbers as a recogniser spells them out: "o t p", "g p", "fourteen four four six"
    (r"\bo t p\b|\botp\b", "opioid treatment program"),
    (r"\bg p\b", "gp"),
    (r"\b(?:fourteen four four six|one four four four six)\b", "14446 helpline"),
    (r"\b(?:fourteen four one six|one four four one six)\b", "14416 helpline"),
    # UK, Australian and US words for prison ("the nick", "county"), and methadone's "meth script"
    (r"\b(?:the nick|the slammer|the clink|county jail|(?<=of )county|(?<=in )county|jail|gaol|lockup|juvie|prison)\b",
     "prison"),
    (r"\bmeth(?= (?:script|scripts|prescription|dose|doses|clinic|program|programme|maintenance|treatment|take homes?))\b",
     "methadone"),
    (r"(?<=\bthe )down\b(?! (?:the|to|here|there|stairs|side|payment|a|my|his|her))|(?<=\buse )down\b|(?<=\buses )down\b|"
     r"(?<=\bsmoke )down\b", "heroin"),
    (r"\bscripts?\b|\bprescriptions?\b", "prescription"),
    (r"\bthe runs\b|\bdiarrho?ea\b|\bdiarhea\b", "diarrhea"),
    (r"\bo ?d(e?d|ing|s)?\b|\bover ?dos(e|ed|es|ing)\b", "overdose"),
    (r"\bn ?o ?w ?s\b|\bneonatal abstinence\b", "nas neonatal withdrawal"),
    (r"\btake ?aways? doses\b|\btake home doses\b|\bcarries\b|\bcarry doses\b|\btake ?aways?\b", "take home doses"),
    (r"\bexpecting( a baby)?\b|\bpregnan\w*|\bmoms? to be\b|\bmums? to be\b", "pregnant"),
    (r"\b(12|twelve) ?steps?\b|\bn ?a meetings?\b|\bnarcotics anonymous\b|\bsmart recovery\b", "support meeting"),
    (r"\brehab\w*\b", "rehab"),
    (r"\bcentres?\b|\bcenters?\b|\bfacilit(y|ies)\b", "center"),
    (r"\b(oxy|oxys|oxycodone|oxycontin|percocets?|percs?|vicodin|hydrocodone|morphine|codeine|tramadol|dilaudid|hydromorphone|norco|opana)\b|\bhydromorph(?: ?contin)?\b|\bpalexia\b|\btapentadol\b|\bendone\b|\bco ?codamol\b|\bms ?contin\b|\bpain ?(pills?|killers?|meds?|medications?)\b", "opioid pill"),
    (r"\b(come|comes|coming|came|get|gets|getting|got|go|going) off\b|\bquit(ting|s)?\b|\bkick(ing|ed)?( the| my| this)?( habit)?\b|\bgive up\b|\bgiving up\b", "stop"),
    (r"\bkill (me|you|him|her|them|someone|a person)\b|\bdeadly\b|\bfatal\b|\blethal\b|\bdying\b|\bdie\b|\bdies\b|\bdied\b", "die"),
    (r"\b(kinds?|types?|sorts?|options?) of\b", "type of"),
    (r"\bhot ?line\b|\bhelp ?line\b", "helpline"),
    (r"\b(cope|coping|copes|deal|dealing|manage|managing|handle|handling|get through|getting through|ease|easing|relieve|relieving|soothe|survive|surviving)\b", "cope"),
    (r"\b(got|get|getting|stay|staying|stayed|being|been|am|went|go|going) (clean|sober)\b", "stopped using"),
    (r"\b(clean|sober) (time|days?|weeks?|months?|years?)\b", "recovery time"),
    (r"\b(days?|weeks?|months?|years?) (clean|sober)\b", "recovery time"),
    (r"\bkick(ing)? in\b|\bbegins?\b|\bbeginning\b|\bstarts?\b|\bstarting\b|\bset in\b", "start"),
    (r"\bslip(ped|s)?\b|\buse again\b|\bused again\b|\busing again\b|\bwent back to using\b|\breturn(ed)? to use\b|\brelaps\w*|"
     r"\b(?:fall|falls|fell|falling) off(?: the wagon)?(?= |$)(?! (?:a|the|my|his|her|their|of|from)\b)", "relapse"),
    # A health plan named without the word "insurance" is still a question about paying.
    (r"\b(ohip|pharmacare|ramq|medicaid|medi ?cal|medicare|obamacare|tricare|ayushman bharat|pmjay|cghs)\b", r"\g<0> insurance"),
    # and so is the scheme that pays after an injury at work (US, Canada, Australia)
    (r"\b(?:workers ?(?:comp|compensation)|work ?cover|wsib|wcb)\b", r"\g<0> insurance"),
    # Australian "the grog" is alcohol
    (r"\b(?:the )?grog\b", "alcohol"),
    (r"\bvap(e|es|ing)\b|\be ?cig\w*|\bjuul\w*", "vape"),
]
# Each pattern is compiled the first time a text holds one of its needles (data/normalise_needles.json,
# derived at build time): most questions need a handful of the table, and a cold start compiles only those.
_NEEDLES_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data",
                             "normalise_needles.json")
_synonym_table: list | None = None


def _synonyms() -> list:
    """[(needles or None, pattern, replacement)], read once; each pattern compiles on first use."""
    global _synonym_table
    if _synonym_table is None:
        try:
            with open(_NEEDLES_FILE, encoding="utf-8") as fh:
                needles = json.load(fh)
        except (OSError, ValueError):
            needles = {}   # before the first build: every pattern is applied, as it would be anyway
        # A pattern edited since the build has no needles under its new text, so it is always applied.
        _synonym_table = [(tuple(needles[p]) if p in needles else None, LazyRegex(p), r) for p, r in SYNONYM_SOURCES]
    return _synonym_table


def _apply_synonyms(text: str) -> str:
    for needles, pattern, repl in _synonyms():
        if needles is None or any(needle in text for needle in needles):
            text = pattern.sub(repl, text)
    return text


# Medicine and service names as speech recognition splits or mishears them: "bu pre nor fin", "nal trek
# zone", "clone a dean", "method own". Words are compared by a rough sound skeleton (consonants only,
# spelling variants evened out); up to four neighbouring words whose joined skeleton is a name's
# become that name, and so does one unknown word. Short skeletons are left alone: "nick said" must
# stay a sentence about Nick.
_SOUNDS = [("ph", "f"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("z", "s"), ("c", "k"), ("gh", "g")]
_SKELETON_DROP = re.compile(r"[aeiouhwy]")
_SLIP_NAMES = ("buprenorphine", "suboxone", "subutex", "sublocade", "methadone", "naltrexone", "vivitrol",
               "naloxone", "prenoxad", "clonidine", "lofexidine", "lucemyra", "fentanyl", "oxycodone",
               "hydrocodone", "tramadol", "espranor", "buvidal", "zubsolv", "obamacare", "kloxxado", "narcan")
MIN_SKELETON = 4


def skeleton(word: str) -> str:
    for spelled, sound in _SOUNDS:
        word = word.replace(spelled, sound)
    word = _SKELETON_DROP.sub("", word)
    return re.sub(r"(.)\1+", r"\1", word)


_SLIP_SKELETONS = {skeleton(name): name for name in _SLIP_NAMES if len(skeleton(name)) >= MIN_SKELETON}
# Names people already say whole: never part of a split one.
_NAME_WORDS = frozenset("narcan naloxone heroin fentanyl opioid opioids methadone suboxone subutex subs bupe oxy "
                        "percs morphine codeine tramadol detox rehab withdrawal kit spray".split())


def _may_join(window: list[str]) -> bool:
    """A window may be a split name only if it is made of fragments: its ends are not short or common
    words ("my methadone", "no naloxone" must keep "my" and "no"), and no word in it is already a name."""
    if len(window) == 1:
        return len(window[0]) >= 5 and window[0] not in STOPWORDS and window[0].isalpha()
    ends = (window[0], window[-1])
    return all(len(w) >= 2 and w not in STOPWORDS for w in ends) and all(w.isalpha() for w in window) \
        and not any(w in _SLIP_NAMES or w in _NAME_WORDS for w in window)


def _join_slips(words: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(words):
        for n in (1, 2, 3, 4):
            window = words[i:i + n]
            if len(window) < n or not _may_join(window):
                continue
            joined = "".join(window)
            name = _SLIP_SKELETONS.get(skeleton(joined))
            if name and abs(len(joined) - len(name)) <= 2:
                out.append(name)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


STOPWORDS = frozenset("""
a an the and or but if so to of in on at for from with by as into about than then there their theirs
it its this that these those i me my mine myself we us our you your yours he him his she her they them
is am are was were be been being do does did doing have has had having will would shall should can could
may might must just really very also too some any all much many more most such own same other
what which who whom whose when where why how please tell know let okay ok alexa hey hi um uh like
get got getting go going thing things something someone anyone somebody anybody way
""".split())


@lru_cache(maxsize=64)
def normalise(text: str) -> str:
    """Lower-case words with contractions expanded and synonyms mapped; punctuation removed.
    Cached: one turn's words are read by the features, the follow-up check and the substance rule."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("’", "'").replace("`", "'")
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    text = " ".join(_join_slips(text.split()))
    text = _apply_synonyms(text)
    return re.sub(r"\s+", " ", text).strip()


_IRREGULAR = {
    "does": "do", "did": "do", "doing": "do", "done": "do", "during": "during", "dying": "die", "died": "die",
    "dies": "die", "took": "take", "taken": "take", "gave": "give", "given": "give", "felt": "feel",
    "went": "go", "gone": "go", "was": "be", "were": "be", "been": "be", "is": "be", "am": "be", "are": "be",
    "kids": "child", "kid": "child", "children": "child", "babies": "baby", "better": "better",
    "using": "use", "used": "use", "uses": "use", "user": "use", "users": "use", "this": "this", "his": "his", "has": "have", "legs": "leg", "less": "less", "always": "always",
}
_VOWELS = set("aeiou")


def stem(word: str) -> str:
    """A light stemmer: "symptoms"/"symptom", "lasting"/"lasts", "taking"/"take", "stopped"/"stop"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    base = word
    for suffix, keep in (("ies", "y"), ("ness", ""), ("ings", ""), ("ing", ""), ("edly", ""), ("ed", ""),
                         ("ly", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not re.search(r"(ss|sh|ch|x|z)es$", word):
                continue
            if suffix == "s" and (word.endswith(("ss", "us", "is")) or len(word) <= 3):
                continue
            stem_part = word[: len(word) - len(suffix)]
            if suffix in ("ing", "ings", "ed") and not (set(stem_part) & _VOWELS | {"y"} & set(stem_part)):
                continue    # "sing", "bed": not a suffix
            base = stem_part + keep
            if suffix in ("ing", "ings", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]        # stopping → stop
            break
    # Drop a final e so "take", "taking" and "taken" meet; keep short words whole.
    if len(base) > 3 and base.endswith("e") and not base.endswith("ee"):
        base = base[:-1]
    return base


def features(text: str) -> list[str]:
    """Unigrams without stopwords, plus bigrams over all words (so "how long" and "is it safe" count).

    A bigram of two content words is written "a_b"; one with a stopword in it "a~b", so the
    matcher can weigh phrase shape below subject words.
    """
    raw = normalise(text).split()
    stems = [stem(w) for w in raw]
    grams = [s for w, s in zip(raw, stems) if w not in STOPWORDS and len(s) > 1]
    for (w1, s1), (w2, s2) in zip(zip(raw, stems), zip(raw[1:], stems[1:])):
        stop1, stop2 = w1 in STOPWORDS, w2 in STOPWORDS
        if stop1 and stop2:
            continue
        grams.append(f"{s1}~{s2}" if stop1 or stop2 else f"{s1}_{s2}")
    return grams
