"""Is the person telling us about an emergency happening now? An overdose, or a suicidal crisis.

`detect_crisis(text)` returns OVERDOSE, SUICIDE or None. It runs on every turn before any other
matching, so it is stdlib only, compiled at import, and fast: about 15 µs of CPU for a typical
question, under 60 µs for the slowest (measured on the dev questions on a busy 2-core machine).

How it decides
--------------
1. The text is normalised the way speech recognition delivers it: lower case, no punctuation,
   contractions spelled out ("isnt", "can't", "wont" -> "is not", "can not", "will not"), and the
   spellings of "OD" ("o d", "OD'd", "o.d.", "oded") mapped to "overdose", "overdosed", "overdosing".
2. Phrases that describe a crisis are looked for, each group only when one of its key words is in the
   text (that is what keeps it fast): signs of an overdose (not breathing, can't wake them, blue lips,
   collapsed, took too much, is overdosing) and suicidal thoughts or intent (kill myself, end it all,
   want to die, better off without me, ...).
3. Each hit is checked against the ways people talk *about* these things without being in them:
   - a general question, with nobody in particular: "how do I know if someone is overdosing",
     "what do I do if a person stops breathing", "do your lips turn blue in an overdose";
   - a modal: "can opioids make you stop breathing", "could I overdose on methadone";
   - negation: "is it dangerous to give naloxone to someone who is not overdosing";
   - history: "I overdosed two years ago", "I used to want to die when I was using";
   Figures of speech never match in the first place ("this craving is killing me", "I'm dying to
   know", "I feel like I'm dying from withdrawal", "dope sick").
   When a particular person is named ("my friend", "he", "I"), a present-tense sign stays a crisis
   even inside a question ("what do I do if he's not breathing"): a false alarm costs a few seconds,
   a miss can cost a life.
4. An overdose happening beats a suicidal statement: both responses lead with the emergency number,
   and the overdose one adds the steps that keep someone alive until help arrives.

`explain(text)` shows which phrases matched and why each was kept or set aside (for tuning).
"""
from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

from .lazy_regex import LazyRegex as _LazyRegex
from .risk import OVERDOSE, SUICIDE  # noqa: F401 - the kinds this module returns


# =============================================================================================
# Normalisation
# =============================================================================================

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_PUNCT = str.maketrans({c: " " for c in string.punctuation + "\t\n\r\f\v"})

# "o.d.", "OD", "o d", "OD'd", "oded", "o deed", "od'ing", "o d ing", "ODs"
# "od in" is "ODing" as a recogniser may split it; before a time or a place the "in" stays too, so that
# "an od in 2020" keeps the history it tells and "he's od in the bathroom" still reads as happening.
_OD_RX = _LazyRegex(r"\bo\s*\.?\s*d(?:\s*\.)?(?:'?\s*(eed|ed|d|ing|s)|\s(in)(?= (?:the|a|an|his|her|my|their|our|"
                    r"this|that|front|public|hospital|jail|prison|rehab|school|bed|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|"
                    r"sep|oct|nov|dec)\w*))|'?\s*(in)|\s(?:(eed|ed|d|ing)))?\b"
                    r"|\bo (deed|ded|ding)\b")
_OD_FORMS = {None: "overdose", "eed": "overdosed", "ed": "overdosed", "d": "overdosed", "ded": "overdosed",
             "deed": "overdosed", "ing": "overdosing", "in": "overdosing", "ding": "overdosing", "s": "overdoses"}


def _od_form(m: re.Match) -> str:
    if m.group(2):
        return "overdosing in"
    return _OD_FORMS[next((g for g in m.groups() if g), None)]


_ODD_RX = _LazyRegex(r"\b(he|she|they|i|you|we|someone|somebody|friend|mate|just|has|have|had|think|maybe|probably) odd\b")

_NT_RX = _LazyRegex(r"\b(ca|wo|ai|is|are|was|were|do|does|did|has|have|had|would|could|should|must|need)n'?t\b")
_NT_BASE = {"ca": "can", "wo": "will", "ai": "is"}
_APOS_RX = _LazyRegex(r"'(m|re|ve|ll|d|s)\b")
_APOS = {"m": " am", "re": " are", "ve": " have", "ll": " will", "d": " would", "s": " s"}

_TOKENS = {
    "im": "i am", "cannot": "can not", "gonna": "going to", "wanna": "want to", "gotta": "got to",
    "hes": "he s", "shes": "she s", "thats": "that s", "whats": "what s", "theres": "there s",
    "ive": "i have", "youre": "you are", "theyre": "they are", "cuz": "because", "breath": "breathe",
    "breathin": "breathing", "breathen": "breathe",
    "narcan": "naloxone", "narcane": "naloxone", "narkan": "naloxone", "narcanned": "naloxoned",
    "narcaned": "naloxoned", "narcand": "naloxoned", "unalive": "kill", "unaliving": "killing",
    "everyones": "everyone s", "ta ra": "goodbye", "ta ta": "goodbye", "cheerio": "goodbye",
    "fenty": "fentanyl", "fetty": "fentanyl", "fetti": "fentanyl", "fent": "fentanyl",
    "carked it": "died", "cark it": "die", "carks it": "dies", "carking it": "dying",
    # Hindi crisis words as Indian English speakers mix them in, as a recogniser spells them in Latin letters
    "saans nahi le raha": "is not breathing", "saans nahi le rahi": "is not breathing",
    "saans nahi aa rahi": "can not breathe", "saans nahin": "not breathing", "saans nahi": "not breathing",
    "saans ruk gayi": "stopped breathing", "saans band": "stopped breathing",
    "behosh": "unconscious", "hosh nahi": "unconscious", "hosh mein nahi": "unconscious",
    "uth nahi raha": "will not wake up", "uth nahi rahi": "will not wake up", "nahi uth raha": "will not wake up",
    "nahi uth rahi": "will not wake up", "utha nahi": "will not wake up",
    "kha li": "swallowed", "kha liya": "swallowed", "kha gaya": "swallowed", "kha gayi": "swallowed",
    "kha gaye": "swallowed", "nigal li": "swallowed", "nigal liya": "swallowed", "nigal gaya": "swallowed",
    "bachche": "child", "bachcha": "child", "baccha": "child", "bacche": "child", "bachchi": "child",
    "dawai": "medicine", "dawa": "medicine", "goliyan": "pills", "goli": "pill", "neend mein": "drowsy",
    "neela pad gaya": "turned blue", "neela ho gaya": "turned blue", "neeli pad gayi": "turned blue",
    "marna chahta hoon": "i want to die", "marna chahti hoon": "i want to die", "mar jana chahta": "i want to die",
    "mar jaana chahta": "i want to die", "mar jana chahti": "i want to die", "mar jaana chahti": "i want to die",
    "jeena nahi chahta": "i do not want to live", "jeena nahi chahti": "i do not want to live",
    "khudkushi": "suicide", "aatmahatya": "suicide", "atmahatya": "suicide",
    "zyada le li": "took too much", "zyada le liya": "took too much", "jyada le li": "took too much",
    "zyada kha li": "took too much",
}
_TOKEN_RX = _LazyRegex(r"\b(?:" + "|".join(sorted(_TOKENS, key=len, reverse=True)) + r")\b"
                       r"|\bover ?do[sz]\w*|\bnal[oa]x\w*")


def _token(m: re.Match) -> str:
    word = m.group(0)
    if word in _TOKENS:
        return _TOKENS[word]
    if word.startswith("over"):
        return word.replace(" ", "").replace("overdoz", "overdos")
    return "naloxone"


@lru_cache(maxsize=64)   # one turn is read by the patterns, the at-risk floor and the model's checks
def normalise(text: str) -> str:
    """Lower-case ASCII words, contractions spelled out, "OD" mapped to "overdose"."""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_QUOTES).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("-", " ")
    if "od" in text or "o d" in text or "o." in text:
        text = _OD_RX.sub(_od_form, text)
        if "odd" in text:
            text = _ODD_RX.sub(r"\1 overdosed", text)
    if "nt" in text or "n't" in text:
        text = _NT_RX.sub(lambda m: _NT_BASE.get(m.group(1), m.group(1)) + " not", text)
    if "'" in text:
        text = _APOS_RX.sub(lambda m: _APOS[m.group(1)], text)
    text = _TOKEN_RX.sub(_token, text.translate(_PUNCT))
    return " ".join(text.split())


# =============================================================================================
# Building blocks
# =============================================================================================

_PRON = r"(?:he|she|they|him|her|them|i|me|we|you)"
_NOT = r"(?:not|no longer|never|barely|hardly|scarcely)"
# What someone brought round wants next: "wants to go and take more"
_WANTS_TO = r"(?:(?:want|wants|going|trying|about|fixing|fixin|planning|itching) to |wanna |gonna )"
_MORE_OF_IT = (r"(?:use(?! (?:the|a|an|my|his|her|their|your) (?:phone|toilet|bathroom|loo|car|computer|inhaler|"
               r"shower|charger|laptop))|take more|take some more|get more|get some more|buy more|find more|score|cop|pick up|"
               r"shoot up|fix|get high|have more|get well|get right|get straight|use again)\b")
# Words that make a sentence a general or hypothetical question rather than a report.
_HYPO = _LazyRegex(
    r"\b(?:if|when|whenever|in case|incase|suppose|supposing|imagine|what happens|signs?|symptoms?|difference|"
    r"always|usually|normally|typically|thing about|what does it mean|"
    r"how (?:do|can|would|will|could|should|does) (?:i|you|we|one|someone|people|a person) "
    r"(?:know|tell|recogni[sz]e|spot|check|identify|see)|risks?|chances?|odds|likely|prevent|avoid|"
    r"(?:can|could|does|do|will|would|may|might) (?:naloxone|it|opioids?|fentanyl|heroin|methadone|"
    r"buprenorphine|suboxone|withdrawal|detox|drugs?|pills?|alcohol|benzos?|mixing))\b")
# Somebody in general, not a particular person.
_GENERIC = _LazyRegex(
    r"\b(?:someone|somebody|some one|anyone|anybody|any one|a person|the person|a patient|people|"
    r"a (?:friend|loved one|family member|relative|child|teen|teenager|stranger|man|woman|guy|kid|mate|buddy|pal|"
    r"colleague|coworker|co worker|student|pupil|client|neighbour|neighbor|classmate|flatmate|roommate)|"
    r"your|you|one|others?|a \w+ who|someone s|person s)\b")
# A particular person: "my friend", "he", "I".
_SPECIFIC = _LazyRegex(r"\b(?:i|me|my|myself|we|us|our|he|him|his|she|her|they|them|their|this|mate|bro|babe|hubby)\b")
_NEGATED_BEFORE = _LazyRegex(r"\b(?:not|never|no|nobody|without|nor)(?: \w+)?(?: \w+)? ?$")
_AUX_QUESTION = _LazyRegex(r"^(?:\w+ )?(?:do|does|did|can|could|will|would|should|may|might|is|are|am|how|why|"
                           r"what|when|where|which|who)\b")
_HISTORY = _LazyRegex(
    r"\b(?:last (?:year|month|week|weekend|summer|winter|spring|fall|autumn|christmas|time|new year)|"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple of|couple|several|many) "
    r"(?:years?|months?|weeks?|yrs?) ago|years ago|months ago|weeks ago|ages ago|long ago|back in|in the past|"
    r"in (?:nineteen|twenty|two thousand)(?: and)? \w+(?: \w+)?(?= |$)(?<!twenty four)(?<!twenty four seven)|hace \w+ (?:anos|meses|semanas)|"
    r"when i was|back when|when (?:he|she|they) (?:was|were)|(?:that s|that is|it s|it is) (?:all )?(?:in the past|behind me)|(?<!what i )(?<!what we )used to|in (?:19|20)\d\d|history of|"
    r"once before|once (?:in|at|when|back)|in (?:high school|college|uni|school|my teens|my twenties)|"
    r"in (?:grade|year|form|class) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)\b|one time|the other (?:day|night|week|weekend)|twice|two times|three times|several times|many times|a few times|multiple times|"
    r"before (?:and|but|so|too|when|in)|before$|since then|(?:has|have|had) never|died (?:of|from|after)|"
    r"passed away|funeral|anniversary|grieving|lost (?:him|her|them|my \w+) to|"
    r"in (?:january|february|march|april|may|june|july|august|september|october|november|december)|"
    r"this (?:year|past year)|(?:summers?|winters?|christmases|birthdays) ago|(?:years?|months?|weeks?) back|"
    r"a while (?:back|ago)|(?:years|months|weeks|ages|way) back|"
    r"the (?:show|movie|film|series|programme|program|episode|video|doco|documentary) (?:i|we) (?:was |were )?(?:watching|watched|saw)|"
    r"(?:and|but) (?:lived|survived|made it)|at (?:age \d+|(?:thir|four|fif|six|seven|eigh|nine)teen)\b|as a teenager|(?:last |at )christmas|"
    r"(?:was|were|seemed) (?:fine|okay|ok|alright|all right) (?:the next day|the day after|afterwards|after)|(?:is|s|are|was|am|m) (?:totally |completely |all )?(?:fine|okay|ok|alright|all right|doing (?:way |much |so much |a lot )?(?:well|good|great|ok|okay|better)) now|"
    r"(?:told|tells|telling) (?:me|him|her|us|them) (?:that )?(?:i|he|she|they|we) (?:had )?(?:nearly|almost) "
    r"(?:overdosed|died|od d|went over|stopped breathing)|"
    r"survived|came good|pulled through|made it through|the first time|passed (?:from|of)|"
    r"(?:they|paramedics|the paramedics|staff|the staff|nurses|the nurses|someone|doctors|the doctors) (?:saved|revived) "
    r"(?:him|her|them|me|his life|her life|my life)|"
    r"after (?:his|her|their|my|our|a) (?:\w+ )?(?:friend|mate|cousin|brother|sister|classmate|uncle|aunt|dad|mum|mom|"
    r"father|mother|partner|neighbour|neighbor) (?:overdosed|died|passed)|"
    r"in the (?:summer|winter|spring|autumn|fall|holidays)|lost (?:my |our |his |her )?(?:\w+ ){1,2}to (?:an? )?(?:overdose|od)|"
    # told of a story, not a life: a film, a soap, the news
    r"(?:in|on|from|watching|watched|saw) (?:a |the |that |this )?(?:\w+ )?(?:movie|film|soap|episode|documentary|doco|doc|"
    r"show|programme|program|series|video|clip|podcast|tiktok|reel)\b|\bthat (?:episode|movie|film|show|documentary|doco|programme|program)\b|eastenders|home and away|coronation street|euphoria|the wire|on the news|"
    r"the news (?:said|says|reported)|in the news|news report|"
    r"\b(?:dreams?|dreamt|dreamed|dreaming|nightmares?) (?:\w+ ){0,2}?(?:that|about|where)\b|"
    r"\b(?:song|track|lyrics?|poem|book|article|post|web series|series|film|movie|show|episode|documentary|doco) "
    r"(?:about|where|showed|shows|showing|had|has|in which)\b|"
    r"in (?:a |the |that |this )?(?:serial|drama|series|story|novel|play)\b|the (?:hero|heroine|character)|"
    r"(?:when )?i was (?:\d+|a teen\w*|young|younger|\w+teen|a kid|in school|at school))\b")
# Words that put a past event back in the present. Strict for overdose ("scared of using again" is
# not an overdose now); wider for suicidal thoughts ("it's coming back", "I want to do it again").
_NOW = _LazyRegex(r"\b(?:right now|just now|today|tonight|this morning|this evening|this afternoon|at the moment|"
                  r"currently|minutes ago|an hour ago|a minute ago|seconds ago)\b")
# ("still", but not "can I still get on a script": a question about what is still allowed)
_NOW_SU = _LazyRegex(r"\b(?:right now|just now|today|tonight|at the moment|currently|again|"
                     r"still(?! (?:get|be able|go|take|qualify|allowed|able|on|have to|need|do|be on|worry|be worried|"
                     r"be concerned|tell|mention|bring|be watching|watch|keep|feel (?:low|down|sad|flat|"
                     r"tired|rough|anxious|crap|off|meh)))|lately|these days|"
                     # "the thoughts are coming back", but not "does the urge come back after you get clean"
                     r"(?:is|are|s|re|keeps?|started|starting|start) (?:coming|to come) back|(?:has|have|ve|had) come back|"
                     r"came back|any ?more|these thoughts)\b")

# =============================================================================================
# Overdose phrases, in groups gated by key words: a group's patterns run only when one of its keys
# is a substring of the normalised text, so every phrase a pattern can match must contain one of
# its group's keys (add the key when you add a pattern). Kinds:
#   now    - a present state ("is not breathing", "won't wake up", "is overdosing")
#   past   - an event that has happened ("overdosed", "took too much", "collapsed"): set aside
#            when the sentence tells it as history
#   simple - a habitual or future form ("someone overdoses"): a crisis only with nothing
#            hypothetical around it
# =============================================================================================

# What people say they "overdosed on" when no drug is meant.
_NOT_A_DRUG = (r"pizza|coffee|caffeine|tea|sugar|candy|sweets|chocolate|cake|netflix|tv|television|youtube|tiktok|"
               r"video games|games|work|love|sleep|food|carbs|energy drinks?|red bull")

_OD_GROUPS = [
    ("now", ("breath",), [
        rf"\b{_NOT} (?:really |properly |even |at all )?breathing\b",
        r"\b(?:stopped|stop|stops|quit|quitting|stopping) breathing\b",
        r"\bcan not (?:really |even )?(?:breathe|breathing)\b(?! (?:through|out of|in (?:the|this|here)|ok|well))",
        r"\b(?:struggling|fighting|trouble|difficulty|hard time|problems?) (?:to |with |)breath(?:e|ing)\b",
        r"\bbreathing (?:is |s |has )?(?:gone |got |getting |really |very |so |super )*"
        r"(?:slow|slowly|shallow|shallowly|weird|funny|strange|slowed|stopped|faint|weak|rattly|raspy)\b",
        r"\bbreathing (?:very |really |so |super |too )(?:slow|slowly|shallow|shallowly|little|weakly)\b",
        r"\bno (?:breathing|breathe)\b",
        r"\b(?:long |big |huge |really long )?(?:gaps|pauses|time|ages) between (?:his|her|their|my|the|each) breaths?\b",
        r"\bbreaths (?:are |is )?(?:really |very |so |getting |quite )*(?:far apart|few and far between|spaced out|further apart)\b",
    ]),
    ("now", ("pulse", "heartbeat"), [r"\bno (?:pulse|heartbeat)\b"]),
    # behind a locked door too long and too quiet: "in the bathroom over an hour, dead quiet, door locked"
    ("now", ("bathroom", "toilet", "loo", "washroom", "restroom", "shower"), [
        # (a lookahead, so the match is the place alone: "dead quiet" is not read as a figure of speech here)
        r"\b(?:in|locked in|inside) the (?:bathroom|toilet|loo|washroom|restroom|shower)\b(?=.{0,60}"
        r"\b(?:quiet|silent|no (?:answer|sound|noise|response)|not (?:answering|responding|"
        r"coming out|making a sound|making any noise)|will not (?:answer|open|respond|come out)|door (?:is |s )?locked)\b)",
    ]),
    # a colour and no answer together: "my roommate's kind of grey and doesn't answer"
    ("now", ("grey", "gray", "blue", "purple", "ashen", "pale"), [
        r"\b(?:grey|gray|blue|purple|ashen|pale|white)\b.{0,40}\b(?:not|does not|do not|will not|is not|can not|never) "
        r"(?:\w+ )?(?:answer|answering|respond|responding|react|reacting|move|moving|wake|waking)\b"
        r"(?! (?:\w+ )?(?:phone|texts?|calls?|messages?|door|emails?))",
        r"\b(?:not|does not|do not|will not|is not|can not) (?:\w+ )?(?:answer|answering|respond|responding|react|reacting|"
        r"move|moving|wake|waking)\b(?! (?:\w+ )?(?:phone|texts?|calls?|messages?|door|emails?)).{0,40}"
        r"\b(?:grey|gray|blue|purple|ashen)\b",
    ]),
    # a limb gone numb after a drug: "pretty sure that was fent, I can't feel my arms"
    ("now", ("feel my",), [
        r"\b(?:fent\w*|dope|heroin|gear|pills?|shot|hit|took|taken|used|did|had|smoked|snorted|injected|batch|bag|point)\b"
        r".{0,60}\bcan not (?:even )?feel my (?:arms?|legs?|hands?|feet|face|body|lips|chest|fingers)\b",
    ]),
    # after a dose, a head that will not stay up: "had my bup then some gear on top and I can barely hold my head up"
    ("now", ("barely", "hardly", "head up", "eyes open"), [
        r"\b(?:had|took|taken|used|did|done|shot|smoked|injected|snorted|popped|on top)\b.{0,60}"
        r"\b(?:i|he|she|they) (?:can|could) (?:barely|hardly|not|no longer) (?:hold|keep|lift) (?:my|me|his|her|their) "
        r"(?:head|eyes) (?:up|open)\b",
    ]),
    # the speaker's (or someone's) body going under after a dose: "I'm feeling very dizzy after taking brown sugar";
    # not a side effect asked about ("is it normal I feel dizzy after my methadone every morning")
    ("now", ("after", "since"), [
        r"^(?!.*\b(?:always|every time|each time|usually|whenever|normally|sometimes|often|normal|side effects?|is it|"
        r"why do|why does|does|do you|should i|when i first|first (?:few )?(?:days?|weeks?)|every (?:morning|day|night)|"
        r"in the mornings?)\b).*"
        r"(?:\b(?:i am|i m|i feel|i am feeling|i m feeling|(?:he|she|they) (?:is|s|are|feels?|looks?|seems?)|"
        r"(?:he|she) is feeling|(?:starting|beginning) to feel|getting)|(?:(?<=^ )|\band |\bnow |\bbeen |\bso )feeling) "
        r"(?:really |so |very |super |quite |a bit |kind of |"
        r"pretty |extremely |too )*(?:dizzy|woozy|faint|drowsy|sleepy|out of it|floaty|heavy|numb|light ?headed|confused|"
        r"slurring|groggy|nodding off|zonked|wobbly)\b(?: \w+){0,3}? (?:after|since) (?:taking|using|doing|smoking|having|"
        r"shooting|snorting|chasing|injecting|(?:i|he|she|they) (?:took|used|did|had|smoked|shot|snorted|injected|chased)|"
        r"(?:that|the|this|my|his|her|a) (?:\w+ ){0,2}?(?:hit|shot|dose|bag|line|pills?|fix|point|dab|tablets?))\b",
    ]),
    # "I injected smack and feeling very strange", "took two blues and now he's really woozy"
    ("now", ("dizzy", "woozy", "faint", "drowsy", "sleepy", "strange", "weird", "funny", "out of it", "floaty",
             "heavy", "numb", "light", "groggy", "confused"), [
        r"^(?!.*\b(?:always|every time|each time|usually|whenever|normally|sometimes|often|normal|side effects?|is it|"
        r"why do|why does|does|do you|should i|when i first|first (?:few )?(?:days?|weeks?)|every (?:morning|day|night)|"
        r"in the mornings?|if|what if|last (?:night|week|time|year))\b).*"
        r"\b(?:took|taken|injected|shot|used|smoked|snorted|chased|did|done|had|swallowed|popped|necked|dropped|banged) "
        r"(?:\w+ ){0,4}?(?:and|now|,) (?:now |then |just )?(?:i am |i m |i feel |am |feeling |i am feeling |i m feeling |feel |"
        r"(?:he|she|they) (?:is|s|are|feels?|looks?|seems?) |getting |starting to feel )(?:really |so |very |super |quite |"
        r"a bit |kind of |pretty |extremely |too )*(?:dizzy|woozy|faint|drowsy|sleepy|strange|weird|funny|out of it|"
        r"floaty|heavy|numb|light ?headed|groggy|confused)\b",
    ]),
    ("now", ("wak", "woke", "rous"), [
        r"\bcan not (?:seem to |get (?:him|her|them|it) to |)(?:wake|rouse|awaken|arouse)\b",
        # "she won't wake up", "he's not waking" (the speaker's own "so I don't wake up" is set aside below)
        r"\b(?:will not|would not|does not|do not|is not|are not|s not|not|never|still not|will never) "
        r"(?:\w+ )?(?:wake|waking|woke|waken|wakes)\b(?! up (?:for|early|on time|at \d|in time|when))",
        r"^(?:\w+ )?(?:not|never) waking\b",
        r"\bunable to (?:wake|rouse)\b",
        r"\b(?:unrousable|not rousable|not rouseable)\b",
    ]),
    ("now", ("respon", "conscious", "concious", "out cold", "lifeless", "react"), [
        r"\b(?:unresponsive|non ?responsive|unconscious|unconcious|out cold|lifeless|not conscious)\b",
        r"\b(?:is not|are not|not|will not|would not|does not|stopped) (?:really )?"
        r"(?:responding|respond|responsive|reacting|react)\b",
    ]),
    ("now", ("flinch", "stir", "budge"), [
        r"\b(?:did not|does not|will not|would not|is not|not|never|no) (?:even )?(?:flinch|flinching|stir|stirring|budge)\b",
    ]),
    # the speaker feels it happening: "I can feel myself going out"
    ("now", ("myself go", "myself pass", "myself black", "myself fad", "myself slip", "myself drift"), [
        r"\b(?:feel|feeling) myself (?:going out|going under|going|passing out|blacking out|fading|slipping away|slipping|"
        r"drifting off|drifting)\b(?! (?:to sleep|back to sleep|off to sleep))",
    ]),
    # ... or says so after using: "first shot since rehab and I think I'm going under"
    ("now", ("going under", "fading", "passing out", "blacking out", "slipping away", "losing consciousness"), [
        r"\b(?:shot|hit|hitting|used|using|took|taken|bag|dose|line|bump|gear|fent\w*|heroin|pills?|methadone|bup\w*|oxy\w*)\b"
        r".{0,80}\bi (?:think |feel like |reckon )?(?:i )?(?:am|m) (?:going under|fading|passing out|blacking out|slipping away|"
        r"losing consciousness)\b",
    ]),
    ("now", ("moving", "movement", "response", "reaction"), [
        r"\b(?:is|s|are|he|she|they|just|still|there|lying|lay|laying|floor) (?:not|no) (?:moving|movement)\b"
        r"(?! (?:on|in|to|out|away|forward|house|back|fast))",
        r"\bno (?:response|reaction|movement)\b",
    ]),
    ("now", ("round", "around", "getting up"), [
        r"\b(?:will not|would not|can not get (?:him|her|them) to|does not|is not|not) (?:come|coming) (?:round|around|to)\b",
        r"\b(?:is|s|are) not getting up\b",
    ]),
    ("now", ("out",), [
        r"\bnodding (?:off |out )?and (?:can not|will not|not)\b",
        r"\b(?:passed|blacked|pass|black) out\b.{0,40}\b(?:can not|will not|not|no|unresponsive)\b",
    ]),
    ("now", ("blue", "grey", "gray", "purple", "ashen", "ashy", "pale", "white"), [
        r"\b(?:lips?|face|skin|fingers?|fingernails?|nails?|fingertips|mouth)\b (?:\w+ ){0,3}?"
        r"(?:blue|grey|gray|purple|bluish|greyish|grayish|ashen|ashy|white|pale)\b",
        r"\b(?:blue|grey|gray|purple|bluish) (?:lips?|face|skin|fingernails?|fingers?|nails?)\b",
        r"\b(?:cold|pale|limp|floppy|still|clammy) and (?:blue|grey|gray|purple)\b",
        r"\b(?:gone|going|turned|turning|looks?|looking|went|is|s|has gone) (?:all |really |very |a bit |kinda |kind of )?"
        r"(?:blue|grey|gray|purple|ashen|bluish)\b(?! (?:today|lately|mood))",
    ]),
    ("now", ("gurgl", "chok", "snor", "rattl"), [
        r"(?<!\bi am )(?<!\bi m )(?<!\bbeen )(?<!\bim )"
        r"\b(?:gurgling|gurgle|gurgles|choking|snoring|death rattle|rattling (?:breath|breathing|sound|noise)|"
        r"rattling in (?:his|her|their|the) (?:chest|throat))\b.{0,40}\b(?:can not|will not|not|no)\b",
        r"\b(?:is|s|are|making|makes) (?:\w+ )?(?:gurgling|gurgle|choking|rattling) (?:sound|sounds|noise|noises)\b",
    ]),
    ("now", ("overdos", "poison"), [
        r"\b(?:overdosing|having (?:an |a |another )?(?:overdose|drug poisoning|poisoning))\b",
        r"\b(?:this|it) (?:is|s) (?:an |a )?overdose\b(?! (?:on|from|if|when))",
        r"\b(?:think|thinks|believe|sure|feel|feels|feeling|seems|looks|guess|maybe) (?:like )?"
        r"(?:it s |its |it is |this is |i am |he s |she s |)(?:an |a )overdose\b(?! (?:on|from))",
        r"\bgoing into (?:an )?overdose\b",
        # "help, he's overdosing", but not "does naloxone help in an overdose"
        r"\b(?:help|emergency)\b(?! (?:in|with|during|for|after|to|prevent|reverse|stop|treat)\b)"
        r".{0,30}\b(?:overdose|overdosing|overdosed)\b",
        r"\b(?:overdose|overdosing|overdosed)\b.{0,20}\b(?:help me|help us|please help|emergency|hurry)\b",
        r"^(?:\w+ )?(?:overdose|overdosing) (?:help|emergency)$",
        # "he is OD", "he just OD" (speech recognition drops the ending)
        r"\b(?:(?:he|she|someone|somebody) |(?:he|she|they|someone|somebody|i|we) "
        r"(?:is |s |are |am |just |has |have |had )+)overdose(?: now| right now)?$",
    ]),
    ("now", ("naloxone",), [
        r"\bneed (?:the |some |a |my |his |her )?naloxone (?:now|right now|quick|quickly|fast|asap|immediately|"
        r"urgently|right away|here)\b",
        r"\b(?:gave|given|give|giving|used|sprayed|spray|injected|inject|administered) (?:him|her|them|my \w+) "
        r"(?:some |the |a |two |2 |another |)(?:naloxone|doses? of naloxone|shot of naloxone)\b",
        r"\b(?:i|we|they|he|she) (?:just |already |have |)(?:gave|given|used|sprayed|administered) "
        r"(?:the |some |a |two |2 |another |)naloxone\b",
        r"\bwhere (?:is|s|did i put) (?:the |my )?naloxone\b",
        r"\b(?:the naloxone|naloxone) (?:is not|not|did not|does not|has not|is) (?:working|work|worked|helping|help)\b",
    ]),
    # "He's gone over" (Australian and British for an overdose), said of someone now
    ("now", ("gone over", "going over"), [
        r"\b(?:he|she|they|mate|friend|bro|brother|sister|son|daughter|partner|boyfriend|girlfriend|husband|wife|"
        r"someone|somebody|cousin)(?: s| has| is| just| has just| s just)? (?:gone|going) over\b"
        r"(?! (?:to|the|there|it|that|this|my|his|her|their|some|a|an|budget|time|limit)\b)",
    ]),
    # "went over" is told: set aside when the words place it in the past ("went over two years ago")
    ("past", ("went over",), [
        r"\b(?:he|she|they|mate|friend|bro|brother|sister|son|daughter|partner|boyfriend|girlfriend|husband|wife|"
        r"someone|somebody|cousin)(?: just)? went over\b"
        r"(?! (?:to|the|there|it|that|this|my|his|her|their|some|a|an|budget|time|limit)\b)",
    ]),
    # Fell or collapsed after using: "my son fell down in the bathroom after using"
    ("now", ("fell", "fallen", "collapsed", "dropped", "keeled", "passed out", "went down"), [
        r"\b(?:fell|fallen|collapsed|dropped|keeled over|passed out|went down)\b.{0,40}\b(?:after|since) (?:(?:using|taking)"
        r"(?=\s*$| (?:again|heroin|gear|dope|smack|chitta|fentanyl|fent|pills|drugs|it|something|stuff|in|on|at|and|then|"
        r"he|she|now|just|tonight|today)\b)|"
        r"(?:he|she|they) (?:used|took|had|shot up|injected)|a hit|a shot|shooting up|injecting|smoking|snorting)\b",
        r"\b(?:used|took|had|shot up|injected|smoked|snorted)\b.{0,40}\b(?:and|then) (?:just )?(?:fell|collapsed|dropped|"
        r"keeled over|passed out|went down)\b",
    ]),
    # Heart or chest wrong just after using: "I just used and I'm scared, my heart is weird"
    ("now", ("heart", "chest"), [
        r"\b(?:just (?:used|shot up|injected)|(?:just )?(?:took|had|did|smoked|snorted|done) (?:a |some |my |the |another )?"
        r"(?:hit|shot|line|point|bump|bag|dose|pills?|tablets?|gear|heroin|fentanyl|fent|oxy\w*|methadone|bup\w*|subs|percs?|"
        r"blues?|it|some|more))\b"
        r".{0,60}\b(?:my |his |her )?(?:heart|chest) "
        r"(?:is |s |feels |keeps |went |goes )?(?:like (?:it s |its |it is )?)?(?:\w+ )?(?:weird|funny|strange|wrong|tight|heavy|"
        r"slow|slowing|stopping|racing|pounding|skipping|fluttering|hurts|hurting|crushing)\b",
    ]),
    # Nodding off after using: "did what I used to do and now I can't keep my eyes open"
    ("now", ("eyes open",), [
        r"\b(?:used|took|taken|had|did|done|shot|injected|smoked|snorted|hit|bump|line)\b.{0,80}\b(?:and|now|but)\b.{0,40}"
        r"\b(?:can not|could not|struggling to|barely) (?:keep|hold) (?:my|his|her|their) eyes open\b",
    ]),
    # Numb after a hit: "did a line and I can't feel my arms"
    ("now", ("feel my",), [
        r"\b(?:hit|line|bump|used|took|taken|snorted|smoked|shot|injected|did|done|had|dropped)\b.{0,60}"
        r"\bcan not feel my (?:arms|legs|face|body|hands|chest|lips|fingers|feet)\b",
        r"\bcan not feel my (?:arms|legs|face|body|hands|chest|lips|fingers|feet)\b.{0,40}\b(?:since|after) (?:i|we) "
        r"(?:used|took|had|did|snorted|smoked|shot|injected)\b",
    ]),
    # Someone is already doing CPR, or gave naloxone and it has not brought the person back.
    ("now", ("cpr", "compression", "rescue breath", "mouth to mouth"), [
        r"\b(?:i am|i m|am|we are|are|currently|still|now|started|keep|keeping) (?:doing|giving|do|give|on) "
        r"(?:him |her |them |my \w+ )?(?:cpr|chest compressions|compressions|rescue breaths|mouth to mouth)\b",
        r"\b(?:doing|giving) (?:cpr|chest compressions|compressions|rescue breaths|mouth to mouth)"
        r"(?: on (?:him|her|them|my \w+))? (?:now|right now)\b",
    ]),
    ("now", ("naloxone",), [
        r"\b(?:i|we|they) (?:have |ve |just |already )*(?:done|did|put in|used|gave|given|sprayed) "
        r"(?:the |some |a |his |her |one |two |2 )?naloxone\b.{0,60}\b(?:still|not|no|nothing|another|again)\b",
        # came round after naloxone and wants to use again now: the naloxone can wear off first
        r"\bnaloxone(?:d|ed)?\b.{0,80}\b(?:want|wants|wanna|going|need|needs|about) to (?:use|get high|score|"
        r"shoot up|fix|take (?:more|some|another))\b",
        r"\b(?:want|wants|wanna|going|need|needs|about) to (?:use|get high|score|shoot up|take more)\b"
        r".{0,60}\bnaloxone(?:d|ed)?\b",
        # brought back by naloxone and leaving now, on their own, before it can wear off
        r"\bnaloxone(?:d|ed)? (?:worked|has worked|kicked in|brought (?:him|her|them) (?:back|round|around))\b.{0,50}"
        r"\b(?:(?:going|gone|heading|headed|wants to go|trying to go|walking|walked|storming|stormed|running|ran) "
        r"(?:back )?out|leaving|left|taking off|took off|walked off|walking off)\b",
    ]),
    # brought round (by an injection, a spray, in hospital) and wanting more now
    ("now", ("senses", "came round", "came around", "came to", "woke up", "revived", "conscious", "brought",
             "naloxoned", "naloxoneed"), [
        # "my girl narcanned me and I feel sick as hell so I'm fixing to go get well again"
        r"\bnaloxone(?:d|ed) (?:me|him|her|them)\b.{0,70}\b(?:" + _WANTS_TO + r"|(?:i m|i am|im|he s|she s|they re) "
        r"(?:going to|gonna|fixing to|about to) )(?:go and |go |leave and )?" + _MORE_OF_IT,
        r"\b(?:brought|bring|brings|got) (?:him|her|them|me) (?:back|round|around|to)\b.{0,70}\b" + _WANTS_TO +
        r"(?:go and |go |leave and |get out and )?" + _MORE_OF_IT,
        r"\b(?:came|come|coming) (?:back )?(?:to (?:his |her |their |my )?senses|round|around|to)\b.{0,20}\b(?:after|from) "
        r"(?:the |an |a |his |her )?(?:injection|naloxone|shot|spray|overdose|cpr)\b.{0,70}\b" + _WANTS_TO +
        r"(?:go and |go |leave and |get out and )?" + _MORE_OF_IT,
        r"\b(?:revived|woke up|regained consciousness|conscious again)\b.{0,70}\b" + _WANTS_TO +
        r"(?:go and |go |leave and )?" + _MORE_OF_IT,
    ]),
    ("now", ("dying", "dead"), [
        r"\bi (?:think|believe|feel sure) (?:that )?i (?:am|m) dying\b(?!.{0,40}\b(?:withdrawal|sick|detox|kicking|cold|flu|"
        r"cough|laugh\w*|hangover|heat|boredom|embarrass\w*))",
        r"\b(?:help|help me|please|someone help)(?: please)? i (?:am|m|think i am) dying\b(?!.{0,40}\b(?:withdrawal|sick|detox|kicking|flu))",
        r"\b(?:think|believe|afraid|scared|worried) (?:that )?(?:\w+ ){1,3}?(?:is|s|are|might be|may be) (?:dead|dying)\b"
        r"(?!.{0,40}\b(?:withdrawal|sick|detox|kicking|cancer)\b)",
        r"\b(?:is|s|are) (?:dead|dying) (?:on|in) (?:the|my|our|his|her) "
        r"(?:floor|bathroom|bed|couch|sofa|car|room|toilet)\b",
    ]),
    ("past", ("overdosed",), [
        r"\boverdosed\b(?! on (?:\w+ )?(?:" + _NOT_A_DRUG + r")\b)"]),
    ("past", ("too ", "overdose", "dose", "more than"), [
        r"\b(?:took|taken|had|done|did|used|shot|injected|snorted|smoked|swallowed|consumed|drank|popped|ate)"
        r" (?:\w+ ){0,3}?(?:too much|too many|way too much|far too much|an overdose|overdose|"
        r"a big overdose|a massive dose|too big (?:a )?(?:dose|hit|shot)|too strong|(?:a )?heavy dose|"
        r"(?:a )?double dose)\b",
        # "did way more than usual since getting out"
        r"\b(?:took|taken|had|done|did|used|shot|injected|snorted|smoked|swallowed|popped)"
        r" (?:\w+ ){0,2}?(?:way |much |a lot |heaps |loads |far |lots )?more than (?:usual|normal|i usually (?:do|take|have|use)|"
        r"i normally (?:do|take|have|use)|my usual|(?:he|she|they) usually (?:does|takes|has|uses)|i should have|i meant to|"
        r"i m used to|i am used to|ever)\b",
    ]),
    ("past", ("all", "every", "whole", "entire", "full"), [
        r"\b(?:took|taken|swallowed|consumed|had|ate|popped|drank|drunk|downed|necked|injected|shot) (?:all|every|the whole|a whole|"
        r"the entire|an entire|a full|whole|(?:my|his|her|their) (?:whole|entire|full)) (?:of )?(?:my |his |her |their |the |a )?(?:\w+ ){0,2}?"
        r"(?:pills?|tablets?|bottle|packet|pack|box|supply|stash|script|prescription|meds|medication|methadone|"
        r"dose|doses|bag|bags|gram|oxy|oxys|percs?|xanax|benzos?|done|bup|bupe|subs|gear|script)\b",
    ]),
    # a dose taken twice by mistake, and its pull now: "took my oxycodone twice this morning and I feel so drowsy"
    ("past", ("twice", "two times", "double", "second dose", "extra dose", "again"), [
        r"\b(?:took|taken|had|swallowed|done|used|drank) (?:my |his |her |their |the )?(?:\w+ ){0,2}?(?:twice|two times|"
        r"double|a second dose|an extra dose|again)\b.{0,60}\b(?:drowsy|sleepy|far away|woozy|out of it|can not stay awake|"
        r"can barely (?:keep|stay|breathe|wake)|nodding|dizzy|groggy|confused|breathing (?:is |feels )?(?:slow|funny|weird|"
        r"shallow|strange))\b",
    ]),
    ("past", ("the lot", "the rest of", "everything i"), [
        r"\b(?:took|taken|swallowed|necked|downed|popped) (?:the lot|the rest of (?:my |his |her |the )?(?:\w+ )?(?:pills?|tablets?|"
        r"meds|script|prescription|methadone|bottle|packet|supply|stash)|everything i (?:had|had left|could find))\b",
    ]),
    # A lot of a medicine at once: "I've taken heaps of me bup and sleepers", "she swallowed a handful of oxy"
    ("past", ("lot", "load", "heaps", "bunch", "handful", "heap", "pile", "tons", "stack", "fistful", "dozen"), [
        r"\b(?:took|taken|swallowed|consumed|popped|necked|downed) (?:a (?:lot|load|bunch|handful|heap|pile|stack|"
        r"fistful|whole lot)|loads|heaps|lots|tons|dozens) of (?:my |me |his |her |their |the |those |these |mum s |mom s |"
        r"dad s |nan s )?(?:\w+ ){0,2}?(?:pills?|tablets?|meds|medication|methadone|bup|bupe|subs|suboxone|oxy\w*|percs?|"
        r"xanax|benzos?|sleepers|sleeping (?:pills|tablets)|valium|pregabalin|lyrica|gabapentin|tramadol|morphine|codeine|"
        r"endone|fentanyl|patches|painkillers|downers|vicodin|norco|dilaudid|hydrocodone)\b"
        r"(?!.{0,40}\bfor (?:years|months|ages|a long time|decades|(?:\w+ )?(?:years|months))\b)",   # a habit, not a dose
    ]),
    # A child who swallowed, chewed or sucked someone's medicine: an emergency even when they seem fine.
    ("past", ("swallow", "ate", "eaten", "chew", "suck", "got into", "drank", "drunk", "lick", "mouth"), [
        r"\b(?:toddler|baby|babies|child|kid|little (?:one|boy|girl|man)|grandchild|grandson|granddaughter|"
        r"son|daughter|nephew|niece|two year old|three year old|(?:\w+ )?year old)\b.{0,40}\b(?:swallowed|"
        r"swallow|ate|eaten|chewed|chewing|chew|sucking on|sucked|got into|drank|drunk|licked|licking|"
        r"put \w+ (?:\w+ )?in (?:his|her|their) mouth)\b.{0,40}\b(?:patch|patches|pills?|tablets?|methadone|"
        r"buprenorphine|suboxone|subutex|fentanyl|oxy\w*|hydromorphone|morphine|opioids?|medicine|medication|"
        r"meds|dose|bottle|strips?|films?|naltrexone|tramadol|codeine|painkillers?|bup|bupe|bupes|subs|stash|"
        r"script)\b",
        # the medicine named before the verb, as Hindi orders it: "bachche ne dadi ki painkiller kha li"
        r"\b(?:toddler|baby|child|kid|grandchild|grandson|granddaughter|son|daughter)\b.{0,40}\b(?:patch|patches|pills?|"
        r"tablets?|methadone|buprenorphine|suboxone|fentanyl|oxy\w*|morphine|opioids?|medicine|medication|meds|tramadol|"
        r"codeine|painkillers?)\b.{0,20}\bswallowed\b",
    ]),
    ("past", ("collaps",), [
        r"(?<!\bvein )(?<!\bveins )(?<!\blung )(?<!\blungs )(?<!\bveins have )(?<!\bveins had )(?<!\bvein has )"
        r"(?<!\bbuilding )(?<!\broof )(?<!\bceiling )(?<!\bbridge )(?<!\beconomy )"
        r"\bcollapsed\b(?! (?:veins?|lungs?))",
    ]),
    ("now", ("cold and", "and cold", "ice cold"), [
        r"\b(?:is|s|are|has gone|has become|has turned|become|became|gone|went|feels?|body is|skin is) (?:\w+ )?"
        r"(?:cold and (?:stiff|limp|blue|grey|gray|floppy|clammy|still)|(?:stiff|limp|floppy|still) and cold|ice cold)\b",
    ]),
    ("past", ("limp", "floppy", "unconscious", "still"), [
        r"\b(?:fell|fallen|gone|went) (?:unconscious|limp|floppy|still)\b",
        r"\b(?:is|s|gone|went|going|all) (?:limp|floppy)\b",
    ]),
    # Foam or froth at the mouth, and someone slumped over: signs a bystander reports before any other.
    ("now", ("foam", "froth"), [
        r"(?<!\bdog is )(?<!\bdog s )(?<!\bcat is )(?<!\bcat s )"
        r"\b(?:foam|foaming|froth|frothing|frothy|foamy)\b(?: \w+){0,4}? (?:mouth|lips|nose)\b",
        r"\b(?:mouth|lips) (?:is |are |s )?(?:foaming|frothing)\b",
    ]),
    ("past", ("slump", "keeled"), [
        r"\b(?:slumped|slumping|slumps|keeled)\b(?! (?:sales|prices|market|economy|shares))",
    ]),
    ("past", ("stopped", "was not", "were not"), [
        r"\b(?:stopped|was not|were not) (?:breathing|responding|moving)\b",
    ]),
    ("past", ("turned", "went"), [r"\b(?:turned|went) (?:blue|grey|gray|purple)\b"]),
    ("simple", ("overdos",), [
        r"\b(?:overdoses|overdosing)\b",
        r"\b(?:is|are|am|s) about to overdose\b(?!.{0,40}\b(?:on purpose|deliberately|intentionally|to die|end it)\b)",
        r"\bfeel(?:s|ing)? like (?:i am|i m|he is|she is|they are) (?:going to|about to) overdose\b",
    ]),
]

# =============================================================================================
# Suicide phrases. "self": the speaker; "other": a named person at risk now.
# =============================================================================================

# A quick death asked about, "you" or not: "is it quick if you take all your pills at once"
_QUICK_ALL_AT_ONCE_PATTERN = (r"\b(?:is it|would it be|will it be|would that be|is that) (?:quick|painless|peaceful)"
                              r"\b(?: \w+){0,4}? (?:take|taking|took|neck|necking|necked|swallow\w*|drink|drinking|drank|shoot\w*|"
                              r"inject\w*|use|using|down|downing|pop|popping) (?:\w+ ){0,2}?(?:all|the whole|your whole|my whole|"
                              r"the lot|everything)\b(?! (?:my |your |his |her |the )?(?:dose|doses|daily dose|morning dose)\b)")
_QUICK_ALL_AT_ONCE = _LazyRegex(_QUICK_ALL_AT_ONCE_PATTERN.replace(r"\b", "", 1))
_SU_SELF_GROUPS = [
    # a plan timed for when they will be alone
    (("planned", "worked", "sorted"), [
        r"\b(?:planned(?: out)? (?:it all|everything|it|how)|(?:worked|sorted)(?: out)? (?:it all|everything|how)(?: out)?)\b"
        r".{0,40}\b(?:when|once|after|as soon as) "
        r"(?:\w+ ){0,3}(?:goes|leaves|is out|are out|go out|goes out|at work|asleep|gone|away)\b",
    ]),
    # a hose to the car's exhaust, the car running in a closed garage
    (("hose", "exhaust", "garage"), [
        r"\bhose\b.{0,30}\b(?:ready|on|in|to|for|into|onto)\b.{0,15}\b(?:the |my )?(?:car|exhaust|window)\b",
        r"\b(?:car|engine) (?:running|on) in (?:the |a |my )?(?:closed |shut )?garage\b",
        r"\b(?:sitting|sat|lying) in (?:the |my )?car in (?:the |a |my )?(?:closed |shut )?garage\b",
    ]),
    (("self",), [
        r"\b(?:kill|killing|kills|killed|off|offing|end|ending|hang|hanging|shoot|shooting|top|topping|"
        r"drown|drowning|poison|poisoning|gas|gassing|stab|stabbing) (?:my ?self)\b"
        r"(?! (?:laughing|with work|at work|at the gym|over (?:a|this|that) (?:job|exam)))",
        r"\b(?:want|wanna|going|feel like|urge|urges|tempted|thinking about|planning|plan) (?:to |)"
        r"(?:hurt|hurting|harm|harming|cut|cutting) (?:my ?self)\b",
        r"\bself ?harm(?:ing)?\b(?! (?:rates?|statistics|stats|prevention|is it|mean))",
        r"\b(?:give|giving|given|gave) up on (?:myself)\b",
    ]),
    (("suicid",), [
        r"\bsuicidal\b(?! (?:tendencies (?:song|lyrics)))",
        r"\bsuicide (?:note|plan|letter|attempt)\b",
        r"\b(?:commit|commiting|committing|do|doing|attempt|attempting|try|trying|plan|planning|consider|"
        r"considering) suicide\b",
        r"\b(?:think|thinking|thought|thoughts) (?:a lot )?(?:about|of) suicide\b",
    ]),
    (("think", "thought"), [
        r"\b(?:think|thinking|thought|thoughts) (?:a lot )?(?:about|of) (?:killing myself|ending (?:it|my life|things|"
        r"everything)|dying|death|taking my (?:own )?life|not being (?:here|alive|around))\b",
    ]),
    (("end",), [
        r"\bend(?:ing)? (?:it all|it|things|everything|my (?:own )?life|this life|the pain|my pain|my suffering)"
        r"(?: (?:now|tonight|today|soon|forever|for good|once and for all|right now|here|all))*(?: |$)"
        r"(?!(?:with|between|off|up|\w+ing|my (?:addiction|use|drug|habit|relationship)))",
    ]),
    # "what's the quickest way to go, I have what I need": a way to die asked for, with no treatment in view
    # ("is tapering the easiest way to go" asks about coming off).
    (("way to go",), [
        r"^(?!.*\b(?:taper\w*|detox\w*|rehab|cold turkey|clinic|methadone|buprenorphine|naltrexone|treatment|program\w*|"
        r"withdrawal|route|option|or|meetings?|doctor|gp|hospital|there|home|school|work)\b)"
        r".*\b(?:quickest|fastest|easiest|surest|painless|most painless|least painful|peaceful|gentlest|quietest) "
        r"(?:way|ways) (?:for me |for a person )?to go\b(?: out)?(?:\s*$| (?:i |tonight|now|for good|quietly|peacefully|"
        r"without|when|if i))",
    ]),
    # "keep me company while I go": company asked for at the end
    (("while i", "till i", "until i", "as i", "when i"), [
        r"\b(?:keep me company|stay with me|be with me|sit with me|talk to me|stay on the line|hold my hand) "
        r"(?:\w+ ){0,2}?(?:while|till|until|as|when) i (?:go|m going|am going|drift off|slip away|fade away|pass|die)"
        r"(?:\s*$| (?:tonight|now|for good|quietly|peacefully|forever))",
    ]),
    (("to end", "to stop", "be over"), [
        # "I want it to end", "I just want it all to stop": wanting everything over, not a symptom eased
        # ("I want the cramps to stop" stays a withdrawal question).
        r"\b(?:want|wanna|need|wish|just want) (?:it|it all|everything|all of it|all of this|all this) "
        r"(?:to end|to be over)\b",
        r"\b(?:want|wanna|need|wish|just want) (?:it all|everything|all of it|all of this|all this) to stop"
        r"(?: forever| for good| now| tonight)?\b",
    ]),
    (("life",), [
        r"\btak(?:e|ing) my (?:own )?life\b(?! (?:back|in|into|one|day|step|forward|seriously|again))",
        r"\b(?:life|my life) (?:is|s|is not|s not|not|no longer) (?:no longer |really |even )?worth "
        r"(?:living|it anymore|it any more|it now|anything|continuing|going on)\b",
        r"\b(?:i am|feel|feeling) (?:done with|finished with|tired of|sick of|over) (?:life|it all|everything)\b",
        r"\b(?:give|giving|given|gave) up on (?:life|living|everything)\b",
    ]),
    (("die", "dead", "death", "dying"), [
        r"\b(?:want|wants|wanting|wanted|ready|need|needs|wish|wishing|like|plan|planning|deserve|trying|try) "
        r"(?:\w+ )?to die\b(?! (?:my|her|his|your|the|it) (?:hair|clothes|shirt|beard))",
        r"\b(?:want to|wants to) (?:be )?dead\b",
        r"\bwish (?:i|i would|i could|i had) (?:\w+ )?(?:be |were |was |)(?:dead|die|died)\b",
        r"\bwish (?:i|i would|i could) (?:were|was) (?:dead|gone|never born|not alive|not here)\b",
        r"\b(?:would|d) (?:rather|sooner) (?:be dead|die)\b",
        r"\bbetter off dead\b",
        r"\b(?:dying|death|being dead|suicide) (?:seems|is|would be|feels|sounds|looks|s) (?:\w+ ){0,2}?"
        r"(?:better|easier|preferable|the only|the answer|the best|nicer|kinder|a relief|like a relief)\b",
        r"\bi (?:should|deserve to|might as well|may as well|ought to|just want to) (?:just )?(?:die|be dead)\b",
        r"\bhow (?:much|many)\b.{0,40}\b(?:to|would|will|could) (?:kill me|make me die|die)\b(?!.{0,20}\b(?:withdrawal|detox)\b)",
        r"\benough (?:\w+ ){0,2}to (?:kill me|die)\b",
        r"\b(?:painless|painlessly|peaceful|quickest|quick|easiest|easy|best|fastest|surest|simplest) "
        r"(?:way|ways|method|methods) (?:to|of) (?:die|dying|kill myself|killing myself|end (?:it|my life)|"
        r"ending (?:it|my life)|commit suicide)\b",
        # "I feel like dying", but not "withdrawal makes me feel like dying"
        r"^(?!.*\b(?:withdrawal|withdrawals|sick|detox|kicking|flu|pain|cramps|cold turkey|coming off|getting off|"
        r"day (?:one|two|three|four|five|six|seven|\d+)|without (?:my |the |any )?\w+|when (?:will|does) it end|"
        r"when it will end|(?:till|until|before) i (?:get|have|take) (?:my )?(?:dose|fix|script|methadone|meds|medicine|"
        r"bup|bupe|suboxone|subs|pills?|dope))\b)"
        r".*?\bfeel(?:s|ing)? like (?:dying|i want to die)\b",
    ]),
    (("kill me", "end my life"), [
        r"\bhow (?:much|many)\b.{0,40}\b(?:to|would|will|could) (?:kill me|end my life)\b",
        r"\benough (?:\w+ ){0,2}to (?:kill me|kill myself|end my life|end it)\b",
    ]),
    (("without me", "better off", "if i was", "if i were", "if i am"), [
        r"\bbetter off (?:without me|if i (?:was|were|am) (?:gone|dead|not here|not around)|with me (?:gone|dead))\b",
        r"\b(?:everyone|everybody|they|the world|my (?:family|kids|children|son|daughter|mum|mom|parents|wife|husband|"
        r"partner)|people|the family) (?:would|will|d) be (?:better|happier|fine|okay|ok) (?:off )?"
        r"(?:without me|if i (?:was|were|am) (?:gone|dead|not (?:here|around)))\b",
    ]),
    (("live", "living", "alive", "point", "exist", "here", "around", "wake", "go on", "keep going", "carry on", "continue",
      "survive", "world"), [
        r"\b(?:do not|no longer|not) (?:really |even |)(?:want|wish|care) (?:to |)(?:be alive|live|living|exist|existing|"
        r"be here|be around|be on this earth|go on(?! (?:a|an|the|my|methadone|suboxone|buprenorphine|subutex|"
        r"meds|medication|medicine|holiday|vacation|trip|treatment|naltrexone|vivitrol|it|that|this))|keep going|"
        r"carry on|continue|survive|be in this world)\b"
        r"(?! (?:with|in|at|near|there|alone|here in|far|close|next|on (?:methadone|suboxone|buprenorphine|meds|"
        r"medication)|like (?:a|an|that)|a (?:life|lie)))",
        r"\b(?:no|nothing|not any|not a single|zero) (?:reason|point|purpose|will|desire|point in|reason left) "
        r"(?:to|for|in) (?:live|living|life|go on|going on|keep going|keeping going|carry on|carrying on|be alive|"
        r"being alive|be here|stay|staying alive|wake up|exist|existing)\b",
        r"\b(?:do not|can not|not|never) (?:see|have|find|think there is|got) (?:any|a|one|a single|the) "
        r"(?:reason|point|purpose) (?:to|for|in|of) (?:live|living|life|go on|going on|keep going|carry on|"
        r"carrying on|be alive|being alive|stay alive|staying alive|be here)\b",
        r"\bnothing (?:left )?to live for\b",
        r"\b(?:do not|can not) see (?:the|any) point (?:any ?more|in anything|of anything|in going on|in life|in living)\b",
        r"\bnot worth living\b",
        r"\bliving (?:is|s) (?:not|no longer) worth\b",
        r"\bwhat (?:s|is) the point (?:of|in) (?:living|life|going on|being alive|carrying on|waking up)\b",
        r"\b(?:i am|feel|feeling) (?:done with|finished with|tired of|sick of) (?:living|being alive|existing)\b",
        r"\b(?:not|will not|wont) be (?:here|around|alive) (?:tomorrow|much longer|for long|by (?:morning|tomorrow|"
        r"monday|the weekend)|next week)\b",
        r"\b(?:do not|not|no longer) (?:plan|planning|intend|intending|expect|expecting) (?:on |to )?(?:be|being|stay|staying|"
        r"stick|sticking) (?:here|around|alive) (?:tomorrow|much longer|any longer|for (?:much )?long|by (?:morning|tomorrow|"
        r"monday|the weekend)|next week|past \w+)\b",
        r"\bwhy (?:should|do|would) i (?:even )?(?:keep |bother )?(?:living|stay alive|be alive|go on|carry on|"
        r"keep going|wake up)\b",
        r"\bwish (?:i|i would|i could|i had) (?:\w+ )?(?:never been born|not exist|not wake|never wake|"
        r"not be alive|not be here)\b",
        r"\b(?:would|d) (?:rather|sooner) (?:not be alive|not exist|not be here|not wake up)\b",
        r"\bi (?:should|might as well|may as well|ought to|just want to) (?:just )?(?:not exist|not be here)\b",
    ]),
    (("can not",), [
        r"\bcan not (?:go on|keep going|carry on|do this|take (?:it|this)|handle (?:it|this|life)|"
        r"live (?:like this|with (?:this|myself))|cope|bear (?:it|this))"
        r"(?: (?:like this|with this|with life|any ?more|any longer|no more|much longer|forever))*(?: (?:and|i|so)\b.*)?$",
        r"\bcan not go on\b(?! (?:a |an |the |my |holiday|vacation|methadone|suboxone|buprenorphine|medication|meds|"
        r"treatment|that|this (?:medication|program)|like (?:that|normal)|with (?:the |these |this |my )?(?:cramps|pain|"
        r"sickness|withdrawal|aches|rattle|cluck|shakes|sweats)))",
    ]),
    (("any more", "anymore", "any longer"), [
        r"\b(?:can not|will not|do not want to) (?:live|do|keep doing|go on) (?:like this|this way|this) "
        r"any ?(?:more|longer)\b",
    ]),
    (("forever", "for good", "permanently", "once and for all", "over", "end"), [
        r"\b(?:want|need|wish|like|make) (?:\w+ ){0,2}?(?:it|this|everything|the pain|life|my life|things|all of this|"
        r"it all)(?: all)? (?:to |)(?:stop|end|be over|go away|finish)(?: \w+)? (?:forever|for good|permanently|"
        r"once and for all)\b",
        r"\b(?:want|need|wish) (?:it all|everything|my life|life) (?:all )?(?:to |)(?:be over|end)\b"
        r"(?! (?:up|with|soon so|so i can))",
        r"\b(?:disappear|vanish|go away|sleep) (?:forever|for good|permanently)\b",
    ]),
    (("wake",), [
        r"\b(?:go|going|get|got|fall|falling) (?:to )?sleep (?:and|then) (?:never|not) (?:ever )?wake\b",
        r"\b(?:so|and|then|that) i (?:will |would |)(?:never|not|do not) (?:ever )?wake (?:up|back up)\b",
        r"\b(?:hope|hoping|wish|want|wanting) (?:i |to |that i )?(?:will |would |)(?:never|not|do not) (?:ever )?"
        r"wake (?:up|back up)\b",
        r"\b(?:and|to) (?:never|not) (?:ever )?wake up\b",
        r"\bnever (?:ever )?wake up (?:again|ever)\b",
        r"\bi (?:do not|dont) want to wake up\b(?! (?:early|at|in|before|for|so early))",
    ]),
    (("sleep forever",), [r"\bsleep forever\b"]),
    (("letter", "note"), [
        r"\b(?:wrote|written|writing|left|leaving|finished) (?:the |my |some |a |all the |goodbye )?(?:letters?|notes?) "
        r"(?:to|for) (?:my |the |everyone|everybody|all)\b.{0,40}\b(?:done|ready|goodbye|sorry|tonight|over|end|finished)\b",
    ]),
    (("letters", "notes"), [
        r"\b(?:the |my )?(?:letters|notes) (?:for|to) (?:my \w+|everyone|everybody|them|you all)\b (?:are|is) "
        r"(?:on|under|in|by|next to)\b",
        r"\b(?:wrote|written|left|leaving|finished) (?:the |my |some )?(?:letters|notes)\b.{0,40}\b(?:on the|for everyone|"
        r"for everybody|for all of (?:them|you)|for my (?:family|kids|children|mum|mom|dad|wife|husband|partner)|by the|under the)\b",
    ]),
    # the means at hand
    (("gun", "pistol", "rifle", "shotgun", "knife", "blade", "razor", "rope", "noose", "pills"), [
        r"\b(?:gun|pistol|rifle|shotgun|knife|blade|razor|rope|noose|all (?:my |the |of my )?pills)\b (?:is |are |s )?"
        r"(?:in my (?:lap|hand|hands|mouth)|next to me|beside me|in front of me|on my (?:lap|bed|knee))\b",
    ]),
    (("gun", "pistol", "rifle", "shotgun"), [
        # "bought a gun today and I know what it's for"
        r"\b(?:bought|got|have|found|picked up|loaded|got hold of|borrowed) (?:a |the |my |his |her )?(?:\w+ s )?(?:gun|pistol|"
        r"rifle|shotgun|rope)\b.{0,40}\b(?:i know what (?:it s|it is|its) for|it s for me|it is for me|for myself|for me\s*$)",
        r"\b(?:with|got|have|holding|loaded|cleaning) (?:my |a |the |his |her )?(?:\w+ s )?(?:gun|pistol|rifle|shotgun)\b.{0,60}"
        r"\b(?:no point|see (?:no|any|the) point|done with|can not go on|nothing left|goodbye|end it|end this)\b",
        r"\b(?:no point|see (?:no|any|the) point|done with|can not go on|nothing left|end it|end this)\b.{0,60}"
        r"\b(?:my |a |the |\w+ s )(?:gun|pistol|rifle|shotgun)\b (?:is |s )?(?:here|loaded|in my|next to|on my|with me)\b",
    ]),
    (("belt", "rope", "cord", "ligature", "scarf"), [
        r"\b(?:belt|rope|cord|ligature|scarf|cable|sheet)\b (?:\w+ ){0,2}?(?:around|round|on|tied to|over) "
        r"(?:the |my |a )?(?:door|neck|beam|banister|rail|railing|hook|tree|ceiling|fan)\b",
    ]),
    (("roof", "ledge", "bridge", "edge", "balcony", "cliff", "tracks", "railway"), [
        r"\b(?:i am|i m|standing|sitting|i am up|i m up) (?:up |out )?on (?:the|a|this|top of the) (?:roof|ledge|bridge|edge|"
        r"balcony|cliff|railway|tracks|train tracks|overpass)\b(?! (?:fixing|cleaning|working|with (?:a|the) (?:view|friends)))",
    ]),
    # at the edge of a platform, a bridge or a roof, thinking of stepping off
    (("platform", "tracks", "bridge", "ledge", "edge", "roof", "cliff"), [
        r"\b(?:i am|i m|standing|stood|sitting|i am sat|i m sat) (?:up |out |right )?(?:on|at) (?:the|a|this) (?:edge of the )?"
        r"(?:train |station |railway |tube |subway |metro )?(?:platform|tracks|bridge|ledge|edge|roof|cliff|overpass)\b.{0,60}\b(?:(?:step|stepping|jump|jumping|throw myself|"
        r"throwing myself|fall|falling) (?:off|over|in front|down|under)|(?:walk|walking|go|going) (?:off|in front))\b",
    ]),
    (("poison", "bleach", "antifreeze", "pesticide", "insecticide", "weed killer", "paraquat"), [
        r"\b(?:took|taken|drank|drunk|swallowed|ate|had|have had|consumed) (?:some |the |a |a bottle of |a lot of )?"
        r"(?:rat poison|poison|bleach|antifreeze|weed killer|pesticide|insecticide|paraquat|toilet cleaner)\b",
    ]),
    (("doing it", "do it", "finish everything", "finish it all", "finish myself"), [
        r"\b(?:no point|can not (?:do this|go on|take)|done|goodbye|had enough|sorry|nothing left|no way out)\b.{0,60}\b(?:i am|i m|i will|going to) "
        r"(?:doing|do|going to do) it (?:now|tonight|today|right now)\b",
        r"\b(?:finish|end) (?:everything|it all|myself)\b(?! (?:on my list|today at work|off))",
    ]),
    (("last time", "never hear", "never see"), [
        r"\b(?:last time|the last you) (?:you|anyone|anybody|you all|you guys|people|everyone) (?:will |ll |are going to )?"
        r"(?:ever )?(?:hear|see|talk|speak)s?\b",
        r"\b(?:you|nobody|no one|anyone) (?:will |ll )?never (?:hear from|see) me again\b",
    ]),
    (("goodbye", "good bye", "farewell"), [
        r"\b(?:saying|say|said|sending|writing|this is (?:my|a)|is my|here is my|leaving a|posting a) (?:my |a |a last |last |final |my last |my final )?"
        r"(?:goodbye|good bye|farewell)\b(?! to (?:heroin|drugs?|the|my old|using|opioids?|pills|gear|that|this|it|"
        r"withdrawal|smack|dope|addiction|methadone|suboxone|my habit))",
    ]),
    # Last words to pass on: "tell my mom I love her", "please tell my kids I'm sorry".
    (("tell",), [
        r"(?:^ ?|\bplease |\bjust |\bcan you |\bcould you )tell (?:my \w+|them|everyone|everybody|him|her|my \w+ and my \w+)"
        r"(?: that)? (?:i love|i loved|i am sorry|i m sorry|sorry|goodbye|bye|i said goodbye|it is not (?:their|her|his|your) fault|"
        r"it was not (?:their|her|his|your) fault|i did my best|i tried)\b",
    ]),
    # Settling things before the end: pets given away, debts paid, "it's time".
    (("gave", "given", "giving", "paid off", "in order", "sorted"), [
        r"\b(?:gave|given|giving|give) (?:away )?(?:\w+ ){0,2}?(?:dog|dogs|cat|cats|pets?|things|stuff|belongings|possessions)\b"
        r".{0,80}\b(?:it is time|it s time|its time|i am ready|i m ready|goodbye|tonight is the night)\b",
        r"\b(?:paid off|settled|sorted|put in order|in order)\b.{0,60}\b(?:it is time|it s time|its time|i am ready|i m ready|"
        r"goodbye|tonight is the night)\s*$",
    ]),
    (("saved", "saving", "stockpil", "stash", "hoard", "collected", "kept"), [
        r"\b(?:saved|saving|stockpiled|stockpiling|stashed|stashing|collected|collecting|hoarded|hoarding|kept|keeping) "
        r"(?:up )?(?:enough|all|a lot of|heaps of|loads of|my|a stash of)\b.{0,50}\b(?:to make sure|to end|to die|"
        r"to finish|to do it|to not wake|so i do not wake|for tonight|for the end|to go to sleep forever|this time)\b",
    ]),
    (("rope", "noose"), [
        r"\b(?:got|have|bought|found|tied|made|set up|ready) (?:a |the |my )?(?:rope|noose)\b(?! (?:swing|course|ladder|for (?:the|my) (?:boat|tent|camping)))",
        r"\bnoose\b",
    ]),
    (("born", "miss me", "notice", "care if"), [
        r"\bwish (?:i|i would|i could|i had) (?:\w+ )?(?:never been born|not been born|never born)\b",
        r"\b(?:nobody|no one|noone|no body|nobody else) (?:would|will|is going to|going to) (?:even )?"
        r"(?:miss me|notice (?:if |when |that )?i (?:am|was|m) gone|care if i (?:die|died|was dead|was gone|am gone))\b",
    ]),
    # taking everything at once, soon: "I'm taking the lot tonight and that's that"
    (("the lot", "all of them", "every last", "all my", "all the", "all of my", "whole lot", "everything"), [
        r"\b(?:i am|i m|im|i will|i ll|going to|gonna|about to) (?:just )?(?:take|taking|swallow|swallowing|neck|necking|"
        r"down|downing) (?:the lot|the whole lot|all of (?:them|it)|every last (?:one|pill|tablet)|everything)\b"
        r"(?=.{0,30}\b(?:tonight|now|today|at once|in one go|and that s (?:that|it)|and be done|then it s over|this time)\b)",
        # "all my pills" is also how a day's medicines are taken: only with "at once" or an ending
        r"\b(?:i am|i m|im|i will|i ll|going to|gonna|about to) (?:just )?(?:take|taking|swallow|swallowing|neck|necking|"
        r"down|downing) all (?:my|the|of my|of the) (?:\w+ )?(?:pills?|tablets?|meds|methadone|script|bottle|stash|supply)\b"
        r"(?=.{0,30}\b(?:at once|in one go|and that s (?:that|it)|and be done|then it s over|and not wake|and go to sleep)\b)",
    ]),
    # "this weekend's the end for me"
    (("the end", "the last"), [
        r"\b(?:this weekend|tonight|today|tomorrow|this week|friday|saturday|sunday|monday|tuesday|wednesday|thursday)"
        r"(?: is| s| will be| ll be| is going to be)? (?:the end|my end)(?: for me| of me| of the road for me)\b"
        r"(?! (?:at|with|in|on|of) )",
    ]),
    (("the night",), [
        r"\b(?:tonight|today) (?:is|s) the (?:night|day)\b(?! (?:of|for|we|i get|i start|i stop|i quit|before))",
    ]),
    # "this is my last night": said with nothing after it, or "alive"; not "my last night in rehab".
    (("my last", "my final"), [
        r"\b(?:this is|this s|tonight is|tonight s|today is|today s|it is|it s|its) (?:going to be |gonna be )?my "
        r"(?:last|final) (?:night|day)\b(?! (?:of|in|at|on|before|with|here|there|off|as|until|till|working|for|"
        r"shift|back|home|away|clean|sober|using)\b)",
        r"\bmy (?:last|final) (?:night|day|hours?) (?:alive|on (?:this )?earth|on this planet|in this world)\b",
    ]),
    # how much it would take, asked of the speaker's own stock: "how many oxys would it take to just not wake up"
    (("wake up",), [
        r"\bhow (?:much|many)\b.{0,40}\b(?:to|would|will|could|before|till|until) (?:you |i |a person |someone |somebody )?(?:just |simply )?"
        r"(?:not|never|do not|dont|would not|will not) wake up\b"
        r"(?!.{0,20}\b(?:withdrawal|detox)\b)",
    ]),
    # a height asked for: "how high does a bridge need to be"
    (("how high", "how tall", "how far"), [
        r"\bhow (?:high|tall|far (?:down|up)?) (?:\w+ ){0,3}?(?:bridge|building|cliff|roof|balcony|car park|carpark|"
        r"parking (?:garage|structure|lot)|tower|ledge|overpass|flyover|drop|fall)\b",
    ]),
    # "the best way to go out with fent": going out on a drug
    (("go out",), [
        r"\b(?:best|quickest|easiest|fastest|surest|painless|peaceful|gentlest) (?:way|ways) to go out\b"
        r"(?: (?:\w+ )?(?:with|on|using|from) (?:\w+ )?(?:fent\w*|heroin|pills?|opioid\w*|methadone|buprenorphine|oxy\w*|"
        r"dope|gear|drugs?|an overdose|a hot shot|a bag)|\s*$| (?:i|tonight|now|for good|quietly|peacefully))",
    ]),
    # "is it quick if you neck all your methadone at once"
    (("quick", "painless", "peaceful", "fast"), [
        _QUICK_ALL_AT_ONCE_PATTERN,
    ]),
    # "the easiest way to make it look like an accident"
    (("accident",), [
        r"\b(?:make|making|made) it (?:look|seem) like an? (?:accident|accidental overdose|overdose)\b",
    ]),
    # "play my favourite song while I take these, it's the last thing I want to hear"
    (("while i take", "while i swallow", "while i neck", "while i do", "while i shoot"), [
        r"\bwhile i (?:take|swallow|neck|do|shoot) (?:these|them|this lot|it all|the lot|all (?:of )?(?:them|these|it|my \w+))\b"
        r".{0,50}\blast\b",
    ]),
    # "I won't be here when she gets back"; "a huge shot by myself so it's finally over"
    (("be here when", "be around when", "be alive when", "over"), [
        r"\b(?:will not|not going to|not gonna) be (?:here|around|alive) when (?:she|he|they|my \w+|you|everyone|mum|mom|dad) "
        r"(?:gets?|comes?|come) (?:back|home|in)\b",
        r"\b(?:shot|dose|hit|bag|take|taking|use|using|do|doing|overdose)\b.{0,50}\bso (?:it s|it is|its|it will be|it ll be|"
        r"this is|everything is|it can be) (?:finally |all |just )?over\b",
    ]),
    # "the fastest way so nobody finds me in time"
    (("in time",), [
        r"\bso (?:that )?(?:nobody|no one|noone|no body) (?:\w+ )?(?:finds|find|gets to|reaches|can save|saves) me "
        r"(?:in time|before it s too late|before it is too late)\b",
    ]),
    (("purpose", "deliberate", "intentional", "to die", "end it", "end my life", "so i die", "and die",
      "not wake up", "until i die", "kill me"), [
        r"\b(?:overdose|overdosing|overdosed|take|taking|took|shoot|shooting|inject|injecting|use|using) .{0,50}"
        r"\b(?:on purpose|deliberately|intentionally|to die|to end it|to end my life|so i die|and die|to not wake up|"
        r"so i will not wake up|so i do not wake up|until i die|enough to die|enough to kill me|"
        r"enough to not wake up|(?:so much|so many|enough) (?:that )?i (?:do not|will not|never) wake up|"
        r"(?:so much|so many|enough) (?:that )?i die)\b",
        r"\boverdose (?:on purpose|deliberately|intentionally)\b",
    ]),
    (("overdos",), [
        r"\b(?:painless|painlessly|peaceful|quickest|quick|easiest|easy|best|fastest|surest|simplest) "
        r"(?:way|ways|method) (?:to|of) (?:overdose|overdosing)\b",
        r"\b(?:want|wanna|going|plan|planning|thinking about|think about|thought about|thinking of|tempted|decided|"
        r"ready) (?:to |)(?:overdose|overdosing)\b(?!.{0,30}\b(?:by accident|accidentally|by mistake)\b)",
    ]),
    (("all", "every", "whole", "enough", "the rest"), [
        r"\b(?:going|plan|planning|want|ready|about|decided|thinking about|think about) (?:to |)"
        r"(?:take|taking|swallow|swallowing|use|using|shoot|shooting|inject|injecting|do|doing) "
        r"(?:all|every|everything|the whole|a whole|all of|the rest|enough)\b",
    ]),
    # Self-harm that has gone too far: bleeding that will not stop.
    (("too deep", "too far", "bleeding"), [
        r"\b(?:cut|cutting|slashed|sliced) (?:\w+ ){0,2}?(?:too deep|too far|a vein|an artery)\b",
        r"\b(?:blade|knife|razor|cut|cutting|hurting myself)\b.{0,60}\bwent too far\b",
        r"\bwent too far\b.{0,40}\b(?:blade|knife|razor|cut|cutting)\b",
        r"\b(?:cut|cuts|wrists?|blade|razor|knife)\b.{0,50}\b(?:can not|will not) stop (?:the )?bleeding\b",
    ]),
    (("jump", "traffic", "in front of", "wrist", "throat", "gun", "pistol", "rifle", "brains"), [
        r"\b(?:jump|jumping) (?:off|from|in front of) (?:a|the|my|this) (?:bridge|building|roof|cliff|train|bus|car|"
        r"tower|balcony|truck|lorry)\b",
        r"\b(?:step|walk|run|throw myself|walking|stepping) (?:out )?in(?:to| front of) (?:traffic|a train|the train|"
        r"a bus|a truck|a lorry)\b",
        r"\b(?:slit|cut|cutting|slash|slashing) my (?:wrists?|throat)\b",
        r"\b(?:gun|pistol|rifle) (?:to|in) my (?:head|mouth)\b|\bblow my (?:brains|head) (?:out|off)\b",
    ]),
]

_SU_OTHER_GROUPS = [
    (("goodbye", "good bye", "farewell", "suicide note"), [
        r"\b(?:posted|sent|wrote|written|texted|left|messaged|emailed|put up|said|saying|sending) (?:\w+ ){0,3}?"
        r"(?:goodbye|good bye|farewell|suicide note)\b(?! to (?:heroin|drugs?|the|his old|her old|using|opioids?|"
        r"pills|gear|that|this|it|withdrawal|smack|dope|addiction|methadone|suboxone))",
    ]),
    (("himself", "herself", "themselves", "themself", "his life", "her life", "their life", "it all"), [
        r"\b(?:going to|trying to|about to|threatening to|threatened to|wants to|want to|would|will|"
        r"talking about|talks about|tried to|planning to|plans to|attempting to|attempted to|thinking about|"
        r"thinks about|thinking of) "
        r"(?:kill|killing|end|ending|hang|hanging|shoot|shooting|hurt|hurting|off|offing) (?:himself|herself|"
        r"themselves|themself|his life|her life|their life|their lives|it all)\b",
        r"\b(?:himself|herself|themselves) (?:on purpose|deliberately)\b",
    ]),
    (("suicid",), [
        r"\b(?:is|s|are|seems|sounds|looks) (?!not |never |no longer )(?:\w+ )?(?:feeling |being |acting |really |very |)suicidal\b",
        r"\b(?:tried|attempted|is trying|s trying|are trying) (?:to |)(?:commit suicide|suicide)\b",
    ]),
]


def _fast(pattern: str) -> str:
    """A leading word boundary becomes a literal space (the text is searched with one space in front),
    which lets the regex engine jump from space to space instead of trying every position."""
    if pattern.startswith(r"\b"):
        return " " + pattern[2:]
    if pattern.startswith("^"):
        return "^ " + pattern[1:]
    return pattern


def _compile_groups(groups, with_kind=False):
    out = []
    for group in groups:
        kind, keys, patterns = group if with_kind else (None,) + tuple(group)
        # a key that contains another key of the same group adds nothing to the gate
        keys = frozenset(k for k in keys if not any(j != k and j in k for j in keys))
        out.append((kind, keys, _LazyRegex("|".join(f"(?:{_fast(p)})" for p in patterns))))
    return out


_OD = _compile_groups(_OD_GROUPS, with_kind=True)
_SU_SELF = _compile_groups(_SU_SELF_GROUPS)
_SU_OTHER = _compile_groups(_SU_OTHER_GROUPS)

# The key words of every group; a group runs only when one of its keys is in the text.
_ALL_KEYS = tuple(sorted({k for _, keys, _ in _OD + _SU_SELF + _SU_OTHER for k in keys}))


def _keys_in(text: str) -> set:
    return {k for k in _ALL_KEYS if k in text}


class _Hit:
    """A match found in " " + text, reported in the coordinates of text."""
    __slots__ = ("_start", "_end", "_text")

    def __init__(self, m: re.Match, text: str):
        start, end = m.start(), m.end() - 1
        if m.group(0).startswith(" "):
            start += 1
        self._start, self._end, self._text = max(0, start - 1), max(0, end), text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _index: int = 0) -> str:
        return self._text[self._start:self._end]


def _hits(groups, text, found):
    padded = " " + text
    for kind, keys, rx in groups:
        if not found.isdisjoint(keys):
            for m in rx.finditer(padded):
                yield kind, _Hit(m, text)


# =============================================================================================
# Deciding whether a hit reports something happening now
# =============================================================================================


# Small patterns used by the rules below, compiled once at import.
_MODAL_TAIL = _LazyRegex(r"\b(?:can|could|may|might|will|would|should|to|make|makes|cause|causes|causing|let)"
                         r"\b(?: \w+)?$")
_SPECIFIC_MODAL = _LazyRegex(r"\b(?:i|he|she|they|we|my \w+|his|her)\s+(?:can|could|may|might|will|would|should)(?: \w+)?\s*$")
_YOU = _LazyRegex(r"\b(?:your|you)\b")
_WHO_CLAUSE = _LazyRegex(r"\b(?:(?:a|any|every|the) \w+|someone|somebody|anyone|anybody|people|a person) who (?:\w+ )?$")
_NEGATABLE = _LazyRegex(r"(?:overdosing|having|unresponsive|unconscious|out cold|lifeless|this|it)")
_IF_WHEN = _LazyRegex(r"\b(?:if|when|whenever|what happens|in case)\b")
_PERSON_WORD = _LazyRegex(r"\b(?:i|he|she|they|my)\b")
_MODAL_END = _LazyRegex(r"\b(?:can|could|may|might|will|would|should|to|not|dont|risks?|chances?|odds|likely)\s*$|"
                        r"\b(?:can|could|may|might|will|would|should) be\s*$")
_SUBJECT_END = _LazyRegex(rf"\b(?:{_PRON}|my \w+|friend|mate|someone|somebody)\b(?: \w+)?\s*$")
_GENERIC_NEAR = _LazyRegex(r"\b(?:you|your|someone|somebody|people|anyone|a person|a friend|others)\b")
_THIRD_END = _LazyRegex(r"\b(?:he|she|they|him|her|them|his|their|(?:my|our|your) (?!self\b)\w+)\b(?: \w+){0,2}$")
_ME = _LazyRegex(r"\b(?:i|me|myself)\b")
_PAST_WORDS = _LazyRegex(r"\b(?:used to|tried|attempted|was|were|wanted|thought|said|told|wrote|texted)\b")
_HELP_END = _LazyRegex(r"\b(?:help|support|talk to|deal with|approach|handle)\b(?: \w+){0,3}$")
_HELP_WHO = _LazyRegex(r"\b(?:help|support)\b(?: \w+){0,4} (?:who|that)\b")


def _window(text: str, start: int, words: int = 9) -> str:
    return " ".join(text[:start].split()[-words:])


_MEANING_ANY = _LazyRegex(r"\bmean(?:s|ing)?\b")
_HOW_TO_TELL = _LazyRegex(r"how (?:do|can|would|will|could|should|does) \w+ (?:even |ever |actually |really )?"
                          r"(?:know|tell|recogni[sz]e|spot|check|identify|see)|"
                          r"how to (?:know|tell|recogni[sz]e|spot|check|identify|notice|pick)\b")
# Getting ready for something that may happen: "so I know what to watch for", "one day I'll find him".
_PREPARING = _LazyRegex(r"\b(?:so i know|so i am ready|what to (?:watch|look) (?:for|out for)|be prepared|prepare for|"
                        r"just in case|one day|if it ever|ever happens|happens again|in the future|be ready)\b")
_MEANING_END = _LazyRegex(r"\b(?:meaning|what (?:does|do) (?:it|that|this|they) mean|signs?|symptoms?)\s*$|"
                          r"^(?:what|does|do|is|are) .{0,40}\bmeans?\b")
_EVER = _LazyRegex(r"\s*(?:i|he|she|they|we|you|my \w+|someone|somebody) (?:\w+ )?ever\b")
_THEY = _LazyRegex(r"\b(?:they|them|their|theyre|they re)\b")


def _is_general(text: str, start: int, end: int, modal: bool = True) -> bool:
    """A hypothetical or general question with nobody in particular: "what if someone stops breathing".

    `modal`: also treat "can/could/will ... <phrase>" after a generic subject as general
    ("opioids can make you stop breathing"); off for first-person suicidal statements.
    """
    prefix = _window(text, start, 10)
    match_text = text[start:end]
    hypo = None
    for hypo in _HYPO.finditer(prefix):
        pass
    if hypo is None:
        words = prefix.split()
        tail = " ".join(words[-4:])
        if modal and _MODAL_TAIL.search(tail) and not _SPECIFIC_MODAL.search(tail):
            return True
        # "do your lips turn blue ...", "can people stop breathing ...": a question about anyone.
        # "should you put someone on their side after they've taken too much": "they" is that someone.
        if (_AUX_QUESTION.match(prefix) or _AUX_QUESTION.match(text)) and _GENERIC.search(prefix + " " + match_text) \
                and not _SPECIFIC.search(_THEY.sub(" ", _YOU.sub(" ", prefix))):
            return True
        return bool(_WHO_CLAUSE.search(prefix)) and \
            not _SPECIFIC.search(" ".join(words[-3:]))
    segment = prefix[hypo.end():] + " " + match_text
    if _HOW_TO_TELL.search(prefix) and not _NOW.search(text):
        return True     # "how would I know if my son was overdosing": how to recognise it, not a report
    if _EVER.match(segment):
        return True     # "in case I ever feel suicidal", "if he ever stops breathing": not now
    if _SPECIFIC.search(segment.replace(" a person", " ").replace("the person", " ")) and not _GENERIC.search(segment):
        # "put someone in a cold shower if they're overdosing": "they" is the someone before
        wide = _window(text, start, 18)
        before_hypo = wide[:wide.rfind(hypo.group(0))] if hypo.group(0) in wide else prefix[:hypo.start()]
        return bool(_GENERIC.search(before_hypo)) and not _SPECIFIC.search(
            _THEY.sub(" ", segment.replace(" a person", " ").replace("the person", " ")))
    return True


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATED_BEFORE.search(text[max(0, start - 20):start]))


_INTENT_BEFORE = _LazyRegex(r"\b(?:think|thinking|thought|talk|talking|dream|dreaming) (?:about|of)\s*$|"
                            r"\b(?:want|wanna|plan|planning|going|decided|ready|tempted|considering|intend|intending)"
                            r"(?: to| on)?(?: be)?\s*$")
_ON_PURPOSE = _LazyRegex(r"\b(?:on purpose|deliberately|intentionally|to die|end it|end my life|kill myself)\b")
_WAKE_NOT = _LazyRegex(r"(?:will not|would not|does not|do not|is not|are not|s not|not|never|still not|will never) ")
# The nearest subject before a phrase: "i" in "so I don't wake up", "my friend" in "my friend won't wake up".
_CONJUNCTION_END = _LazyRegex(r"\b(?:and|so|to|then|or)\s*$")
_SUBJECT_WORD = _LazyRegex(r"\b(?:i|me|myself|you|we|he|she|they|him|her|them|someone|somebody|my \w+|(?:his|her|their|our) \w+)\b")
_PAST_VERB = _LazyRegex(r"(?:took|taken|had|done|did|used|shot|injected|snorted|smoked|swallowed|consumed|"
                        r"drank|popped|ate)\b")


_TOLD_STATE = _LazyRegex(r"\b(?:was|were|had been|been|found|got)\s*(?:\w+\s*)?$")
_GAVE = _LazyRegex(r"\b(?:gave|given|used|sprayed|administered|injected)\b")


# "how do I keep my son from overdosing when he gets out": keeping it from happening, asked about.
# "Stop" only with a time to come: "how do I stop him overdosing" can be said while it happens.
_PREVENTING = _LazyRegex(r"\b(?:(keep|keeps|keeping|prevent|prevents|preventing|protect|protecting)|stop|stops|stopping)"
                         r"\b(?: \w+){0,3}\s*$")
_COLLAPSE_START = _LazyRegex(r"(?:fell|fallen|collapsed|dropped|keeled|passed out|went down|used|took|had|shot|injected|"
                             r"smoked|snorted)\b")
_IF_SUBJECT_END = _LazyRegex(r"\bif (?:i|he|she|they|we|you|my \w+|someone|somebody)\s*$")
_CONSEQUENCE = _LazyRegex(r" (?:\w+ ){0,3}?(?:would|will|could|do|does|is|are|can)\b")
_WHAT_HAPPENS_IF = _LazyRegex(r"\bwhat (?:would|will|could|might) happen if\b|\bwhat happens if\b|^(?:\w+ )?what if\b|"
                              r"\bwhat would (?:i|we|you|one) (?:even |actually )?do if\b")
_FEAR_WORDS = r"(?:scared|afraid|terrified|frightened|worried|worry|worries|fear|fearful|nervous|paranoid|anxious)"
_FEAR = _LazyRegex(r"\b(?:" + _FEAR_WORDS + r"|dread)\b")
_SOME_DAY = _LazyRegex(r"\b(?:someday|some day|one day|one of these days|first week|next (?:week|month|year)|"
                       r"(?:the )?next (?:guy|guys|guy s|batch|dealer|plug|lot|bag|supply|delivery|connect)\b|"
                       r"(?:my|his|her|their) (?:own )?release\b|"
                       r"when (?:\w+ ){1,2}(?:gets|get|comes|come|is|are) (?:out|home|released|back)|"
                       r"if (?:\w+ ){1,2}(?:relapses|relapse|uses|use|goes back|go back))\b")


def _feared_some_day(text: str, start: int | None = None, words: int = 12) -> bool:
    """A fear (in the words before `start`, or anywhere) of what may happen some day, nothing placing it now."""
    where = text if start is None else _window(text, start, words)
    return bool(_FEAR.search(where)) and bool(_SOME_DAY.search(text)) and not _NOW.search(text)


_FEARED_LATER = _LazyRegex(r"\b" + _FEAR_WORDS + r" (?:of|about)(?: \w+){0,3}?\s*$")
_LATER = _LazyRegex(r" (?:if|when|once|after|again|one day|someday|some day|in the future|next)\b")
_INVERTING = frozenset(("will", "would", "could", "can", "might", "may", "does", "do", "did", "should", "is", "are"))
_PRONOUN_START = _LazyRegex(r"(?:he|she|they|i|you|we|my \w+|someone|somebody)\b")
_IF_SOMEONE_MEANS = _LazyRegex(r"^(?:\w+ )?(?:if|when) (?:(?:someone|somebody|anyone|anybody)(?: s|s)?|a person|people|"
                               r"your \w+|i|he|she|they|my \w+)\b"
                               r".*\b(?:does|do|would|could|is) (?:that|it|this) mean\b")
_IF_BECOMES = _LazyRegex(r"\b(?:if|when|in case) (?:\w+ ){1,3}?(?:becomes|become|ever becomes|ever goes|were to become|"
                         r"was to become)\s*$")
_TIME_TO_COME = _LazyRegex(r"\b(?:when|once|after|again|ever|future|from now on|next time)\b")


def _preventing(text: str, m: re.Match) -> bool:
    frame = _PREVENTING.search(_window(text, m.start(), 5))
    return bool(frame and _ASKS.search(text) and not _NOW.search(text)
                and (frame.group(1) or _TIME_TO_COME.search(text)))


def _overlaps_a_figure_of_speech(text: str, m: re.Match) -> bool:
    return any(f.start() < m.end() and m.start() < f.end() for f in _FIGURE_OF_SPEECH.finditer(text))


def _od_reason(text: str, kind: str, m: re.Match) -> str | None:
    """Why an overdose hit is not a report of an overdose now (None: it is one)."""
    phrase = m.group(0)
    if kind != "past" and _preventing(text, m):
        return "preventing"
    if kind != "past" and _overlaps_a_figure_of_speech(text, m):
        return "figure of speech"     # "I think she's dead wrong", "so angry I can't breathe"
    if _JOKES_OF.search(_window(text, m.start(), 4)) and not _NOW.search(text):
        return "someone's joke"       # "my boyfriend makes jokes about overdosing, how do I bring it up"
    if kind != "past" and _IF_BECOMES.search(_window(text, m.start(), 5)) and not _NOW.search(text):
        return "general"     # "if my brother becomes unconscious after taking something, what do I do first"
    if kind != "past" and _IF_SOMEONE_MEANS.search(text) and not _NOW.search(text):
        return "general"     # "if someone's lips go blue does that mean they're overdosing"
    if _window(text, m.start(), 1) in _INVERTING and _PRONOUN_START.match(phrase):
        return "asked"       # "if he uses again after jail, will he overdose"
    if kind != "past" and phrase.startswith("overdosing") and _FEARED_LATER.search(_window(text, m.start(), 4)) \
            and _LATER.match(text, m.end()) and not _NOW.search(text):
        return "feared, not happening"     # "I'm terrified of overdosing if I relapse"
    if kind == "now":
        if _is_general(text, m.start(), m.end()):
            return "general"
        if _COLLAPSE_START.match(phrase) and _HISTORY.search(text) and not _NOW.search(text):
            return "history"     # "he passed out after using last year"
        if _MEANING_END.search(text) or _PREPARING.search(text) and not _NOW.search(text):
            return "general"     # "pinpoint pupils blue lips meaning", "so I know what to watch for"
        if _MEANING_ANY.search(text) and not _SPECIFIC.search(text):
            return "general"     # "blue lips it is meaning overdose"
        if phrase == "overdosing" and _HISTORY.search(text) and not _NOW.search(text):
            return "history"     # "she was overdosing last year", "survived an OD in February"
        if (_TOLD_STATE.search(_window(text, m.start(), 3)) or _GAVE.search(phrase)) \
                and _HISTORY.search(text) and not _NOW.search(text):
            return "history"     # "I was found unresponsive two years ago"
        if phrase.startswith("overdosing") and _INTENT_BEFORE.search(_window(text, m.start(), 4)):
            return "intent (see the suicide rules)"
        if _WAKE_NOT.match(phrase):
            subjects = _SUBJECT_WORD.findall(_window(text, m.start(), 8))
            if subjects and subjects[-1] in ("i", "me", "myself", "you", "we"):
                return "about the speaker's own waking (see the suicide rules)"
            if not subjects and not _SUBJECT_WORD.search(text[:m.start()]) \
                    and _CONJUNCTION_END.search(_window(text, m.start(), 2)):
                return "no one named: 'and not wake up' (see the suicide rules)"
        if _NEGATABLE.match(phrase) and _negated(text, m.start()):
            return "negated"
        return None
    if kind == "past":
        if _feared_some_day(text, m.start()) and not _JUST_NOW.search(text):
            return "feared, not happening"     # "I'm scared one day I'll find my daughter OD'd in her room"
        if _is_general(text, m.start(), m.end()) or _WHAT_HAPPENS_IF.search(text[:m.start()]) \
                or _IF_SUBJECT_END.search(_window(text, m.start(), 3)) and _CONSEQUENCE.match(text, m.end()):
            return "general"     # "what would happen if I took too much of my methadone by mistake"
        if _IF_WHEN.search(_window(text, m.start(), 3)) and _HOW_TO_TELL.search(text[m.end():]) and not _NOW.search(text):
            return "general"     # "if my mate went over, how would I even know"
        if _negated(text, m.start()):
            return "negated"
        if _HISTORY.search(text) and not _NOW.search(text):
            return "history"
        if _PAST_VERB.match(phrase) and _IF_WHEN.search(_window(text, m.start(), 8)) \
                and not _PERSON_WORD.search(_window(text, m.start(), 4)):
            return "general"
        return None
    # simple
    prefix = _window(text, m.start(), 10)
    if _INTENT_BEFORE.search(_window(text, m.start(), 4)) or _ON_PURPOSE.search(text):
        return "intent (see the suicide rules)"
    if _HYPO.search(prefix) or _negated(text, m.start()):
        return "general"
    if _MODAL_END.search(prefix):
        return "modal"
    if _GENERIC_SUBJECT_END.search(prefix):
        return "general"     # "how much naloxone do you give someone who overdoses"
    if phrase == "overdoses" and not _SUBJECT_END.search(prefix):
        return "noun"
    if _HISTORY.search(text) and not _NOW.search(text):
        return "history"
    return None


_SELF_WORDS = _LazyRegex(r"\b(?:i|me|my|myself)\b")
_IF_EVER_BEFORE = _LazyRegex(r"\b(?:if|in case|when|whenever|should) (?:i|he|she|they|we|my \w+) (?:\w+ )?ever\b")
_SPEAKER_STATE_END = _LazyRegex(r"\b(?:i am|i m|im|i feel|i felt|i have been|i ve been|i keep|i keep being|i still feel|"
                                r"i get|i am getting|i m getting|i am feeling|i m feeling)(?: really| so| very| quite| a bit| kind of)?\s*$")
_HELP_FRAME = _LazyRegex(r"\b(?:help|support|talk to|talking to|deal with|approach|handle|look after)\b(?: \w+){0,4} "
                         r"(?:who|that|if|when|whos)\b(?: \w+){0,3}$")


_GROUP_AFTER = _LazyRegex(r" (?:people|persons|callers|folks|ones|patients|users|teens|teenagers|men|women|kids|"
                          r"youth|young people|clients)\b")


_SERVICE_SCOPE = _LazyRegex(r"\b(?:only|just|purely|strictly) (?:for|do|does|deal with|deals with|take|takes|handle|"
                            r"handles|help with|helps with)(?: like)? (?:\w+ )?suicid")


def _scopes_a_service(text: str, m: re.Match) -> bool:
    """This very "suicid..." ends a phrase about what a service is for ("Lifeline only does suicide stuff").

    Anchored to the phrase, so "is it only for suicidal people, because I'm suicidal" still hears the second.
    """
    at = text.find("suicid", m.start(), m.end())
    return at >= 0 and any(s.end() == at + len("suicid") for s in _SERVICE_SCOPE.finditer(text, 0, at + len("suicid")))


# What someone else fears the drug will do: "my mum says I'll kill myself with this stuff" (also a figure
# of speech to the model, below).
_FEARED_BY_OTHERS_PATTERN = (
    r"\b(?:says|said|thinks|reckons|tells me|told me|worries|worried|scared|warned|warns)\b.{0,30}"
    r"\bkill (?:my|him|her|your)self (?:with (?:this|that|the|these|those|drugs|stuff|gear|pills|dope|it)|"
    r"if (?:i|you|he|she) keep|by taking|taking)\b")
_FEARED_BY_OTHERS = _LazyRegex(_FEARED_BY_OTHERS_PATTERN)
_THEY_SAY = _LazyRegex(r"\b(?:someone|somebody|he|she|they|my \w+|a friend|a mate)\b(?: who| that)?"
                       r"(?: is| are| was| were| ever| always| still)? (?:tells|told|says|said|saying|telling|"
                       r"keeps saying|keeps telling|talks about|talked about|talking about|keeps talking about|"
                       r"jokes about|joked about|joking about)\b")
# "why does the service ask me if I'm feeling suicidal at every appointment": someone else's question
_ASKED_ME_IF = _LazyRegex(r"\b(?:ask|asks|asked|asking|check|checks|checked|checking) (?:me |us )?(?:if|whether) "
                          r"(?:i|we) (?:am|m|was|feel|felt|am feeling|m feeling|have been|ve been|had|have|ve had|ever had|ever have|"
                          r"was having|am having|m having|ever felt|ever feel)\s*$")
_ASKED_IF_ENOUGH = _LazyRegex(r"\b(?:would|could|will|can|is) (?:that|it|this|one|that one|a \w+|one \w+)(?: \w+)? be enough "
                              r"to (?:kill me|die)\b")
_OTHERS_WOULD_THINK = _LazyRegex(r"\b(?:would|will|do|does|did|might|could) (?:they|he|she|people|you|anyone|the \w+) "
                                 r"(?:think|assume|say|decide|reckon|believe) (?:that )?(?:i am|i m)?\s*$")
_JOKES_OF = _LazyRegex(r"\b(?:jokes?|joked|joking|banter\w*|memes?) (?:about|of)(?: \w+)?\s*$")
_JOKES = _LazyRegex(r"\b(?:jokes?|joked|joking|kids|kidding|banters?) (?:\w+ ){0,3}?(?:about|that)\b")
_GROUP_WHO_END = _LazyRegex(r"\b(?:for|to|about|with) (?:\w+ )?\w+s (?:who|that)\s*$")
_ONLY_FOR = _LazyRegex(r"\b(?:(?:only|just|purely|strictly|meant) (?:for|do|does|deal with|take|handle|help with)|"
                       r"(?:have|has|need|needs|got) to be|must (?:i |you )?be)(?: like)?(?: people who are| people who feel|"
                       r" those who are| when you are| when you feel)?$")


# suicidal thoughts asked about as a medicine's side effect
_AS_SIDE_EFFECT = _LazyRegex(r"\bsuicid\w* (?:thinking|thoughts?|ideation|feelings?|behaviou?rs?|moods?)? ?(?:is |are |a |as )*"
                             r"(?:side effects?|symptoms?)\b|\bside effects? (?:\w+ ){0,3}?suicid")
# someone else who talks or jokes of ending it, told by the person worried about them (at risk, not emergency)
_TALKS_OF_END = _LazyRegex(r"\b(?<!\bi )(?<!\bwe )(?:talks|talked|keeps talking|keeps joking|(?:is|s|are|been) (?:talking|joking)|"
                           r"jokes|joked|mentions|mentioned) "
                           r"?(?: about| of)?(?: \w+)?\s*$")
_OTHER_SUBJECT_END = _LazyRegex(r"\b(?:he|she|they|my \w+|his \w+|her \w+)(?: s| is| was| has been| s been| might be| could be)?"
                                r"(?: \w+ing| thinking (?:of|about))?\s*$")
_ASKING_FOR_STUDY = _LazyRegex(r"\b(?:asking|ask|this is|it s|its|it is) (?:for|about) (?:a |my |our |the )?(?:class|school|"
                               r"course|assignment|project|essay|uni|college|study|research|training|presentation|homework|"
                               r"module|lecture)\b")
# "asking for me": a general-sounding question the speaker says is about themself
_ASKING_FOR_ME = _LazyRegex(r"\b(?:asking|ask|asked|this is) (?:for|about) (?:me|myself)\b(?! and)|\basking for myself\b")


def _su_self_reason(text: str, m: re.Match) -> str | None:
    phrase = m.group(0)
    prefix = _window(text, m.start(), 10)
    # ("nobody needs me, I'm taking the lot": a phrase that opens with its own subject is not negated by
    # the clause before it)
    if _negated(text, m.start()) and not phrase.startswith(
            ("do not", "no ", "not ", "nothing", "can not", "never", "will not", "no longer", "i am ", "i m ", "i will ")):
        return "negated"
    if _ASKING_FOR_STUDY.search(text) and not _NOW_SU.search(text):
        return "general"                 # "is it common to feel suicidal in withdrawal, I'm asking for a class"
    if _ASKING_FOR_ME.search(text) or _QUICK_ALL_AT_ONCE.match(phrase):
        return None                      # "is it quick if you neck all your methadone at once, asking for me"
    if phrase.lstrip().startswith(("how much", "how many")) and "wake up" in phrase and _SELF_WORDS.search(text):
        return None                      # "how many of these before you never wake up, I've got a full box"
    if _FEARED_BY_OTHERS.search(text):
        return "someone else's fear"     # "my mum says I'll kill myself with this stuff"
    if _IF_EVER_BEFORE.search(_window(text, m.start(), 9)) and not _NOW.search(text):
        return "general"                 # "if I ever feel like hurting myself down the road, who would I call"
    if "suicid" in phrase and _AS_SIDE_EFFECT.search(text) and not _SELF_WORDS.search(prefix):
        return "general"                 # "is suicidal thinking a side effect of vivitrol"
    if _HOW_TO_TELL.search(text[:m.start()]) and _OTHER_SUBJECT_END.search(_window(text, m.start(), 5)) \
            and not _NOW_SU.search(text):
        return "general"                 # "how can I tell if my son's thinking of ending it"
    if _TALKS_OF_END.search(prefix) and not _NOW_SU.search(text):
        return "someone else's talk (at risk)"   # "my brother talks about ending it when he's drunk"
    if ("wake" in phrase or "overdos" in phrase) and _feared_some_day(text, m.start()) and not _RESIGNED.search(text):
        return "feared, not happening"   # "I worry that one day I'll relapse and not wake up"
    if _overlaps_a_figure_of_speech(text, m):
        return "figure of speech"        # "I wanted to die laughing", "I'd rather die than queue every morning"
    if _IF_SOMEONE_MEANS.search(text) and not _NOW_SU.search(text):
        return "general"                 # "if I relapse does that mean I'm going to overdose"
    if _ASKING_HOW_TO_HELP.search(text) and _THEY_SAY.search(prefix):
        return "someone else's words"    # "what do I say to someone who tells me they feel like giving up"
    if "overdos" in phrase and phrase.startswith("going") and _feared_some_day(text, m.start(), words=16):
        return "feared, not happening"   # "I'm scared my son's going to overdose someday"
    if _ASKED_IF_ENOUGH.search(prefix + " " + phrase) or _OTHERS_WOULD_THINK.search(prefix) \
            or _ASKED_ME_IF.search(prefix):
        return "asked"                   # "would one pill be enough to kill me", "would they think I'm suicidal"
    if _JOKES.search(prefix) and _THIRD_END.search(prefix) and not _ME.search(" ".join(prefix.split()[-3:])):
        return "someone else's joke"     # "my friend jokes every weekend that he's gonna OD, is that a red flag"
    if _GROUP_WHO_END.search(prefix):
        return "general"                 # "is Narcan for people who want to die"
    if "suicid" in phrase or phrase.startswith("self"):
        # "suicidal", "commit suicide": whose? A generic or hypothetical subject is a question.
        if _GROUP_AFTER.match(text, m.end()) or _ONLY_FOR.search(_window(text, m.start(), 6)) \
                or _scopes_a_service(text, m):
            return "general"     # "is Samaritans only for suicidal people", "does Lifeline only do suicide stuff"
        if _HELP_FRAME.search(prefix):
            return "helping someone"
        # "how do I tell my mum I am suicidal": the speaker's own state, whatever the frame around it.
        speaker_says = bool(_SPEAKER_STATE_END.search(prefix))
        if not speaker_says and _HOW_TO_TELL.search(text[:m.start()]) and not _NOW.search(text):
            return "general"     # "how to spot a student who might be suicidal"
        if not speaker_says and _is_general(text, m.start(), m.end(), modal=False):
            return "general"
        near = " ".join(prefix.split()[-5:])
        if _GENERIC_NEAR.search(near) and not _SELF_WORDS.search(near):
            return "general"
        if _THIRD_END.search(prefix) and not _ME.search(" ".join(prefix.split()[-3:])):
            return "someone else (see the other rules)"
    if _is_general(text, m.start(), m.end(), modal=False) and not _SELF_WORDS.search(prefix + " " + phrase):
        return "general"
    if _PAST_WORDS.search(prefix + " " + phrase) and _HISTORY.search(text) and not _NOW_SU.search(text):
        return "history"
    return None


_GENERIC_SUBJECT_END = _LazyRegex(r"\b(?:someone|somebody|anyone|anybody|people|a person|a friend|a loved one|"
                                  r"a family member|(?:a|any|some) \w+)(?: who| that)?\s*$")
_ASKING_HOW_TO_HELP = _LazyRegex(r"\b(?:what|how) (?:should|do|can|could|would) i (?:say|tell|talk|help|support|"
                                 r"approach|bring|handle|deal|respond|reply)\b|\bwhat (?:to|should i) say\b|"
                                 r"\bhow (?:to|do you|would you|should you|can you|do people) (?:talk|speak|help|support|approach|"
                                 r"respond|reply|deal)\b")


def _su_other_reason(text: str, m: re.Match) -> str | None:
    prefix = _window(text, m.start(), 10)
    if _negated(text, m.start()):
        return "negated"
    if _AS_SIDE_EFFECT.search(text) and not _SELF_WORDS.search(prefix):
        return "general"     # "is suicidal thinking a side effect of vivitrol"
    if _GENERIC_SUBJECT_END.search(prefix):
        return "general"
    if _ASKING_HOW_TO_HELP.search(text):
        return "asking how to help"
    if _HOW_TO_TELL.search(text[:m.start()]) and not _NOW.search(text):
        return "general"     # "how would I know if my husband was thinking about hurting himself"
    if _HELP_END.search(prefix) or _HELP_WHO.search(prefix + " " + m.group(0)):
        return "helping someone"
    if _is_general(text, m.start(), m.end()):
        return "general"
    if _HISTORY.search(text) and not _NOW_SU.search(_USING_AGAIN.sub("", text)):
        return "history"     # "she tried to kill herself two years ago, she's using again, what's the line"
    return None


_USING_AGAIN = _LazyRegex(r"\b(?:using|use|uses|used|drinking|taking|smoking|on) (?:\w+ ){0,2}again\b")


def detect_crisis(text: str) -> str | None:
    """OVERDOSE or SUICIDE when the text reports a crisis happening now; None for anything else."""
    if not text:
        return None
    norm = normalise(text)
    if not norm:
        return None
    found = _keys_in(norm)
    if not found:
        return None
    for kind, m in _hits(_OD, norm, found):
        if _od_reason(norm, kind, m) is None:
            return OVERDOSE
    for _, m in _hits(_SU_SELF, norm, found):
        if _su_self_reason(norm, m) is None:
            return SUICIDE
    for _, m in _hits(_SU_OTHER, norm, found):
        if _su_other_reason(norm, m) is None:
            return SUICIDE
    return None


# =============================================================================================
# At risk: no emergency now, but a life may be at stake. A floor beneath the model for the plainest
# wordings: hoping the drug kills them, not caring if it does, feeling a burden, and planning to use
# alone right after a break (tolerance is lowest then). Each returns the crisis kind it leans to.
# =============================================================================================

_USING_WORDS = (r"(?:use|using|do|doing|take|taking|have|having|shoot|shooting|fix|smoke|smoking|score|"
                r"inject|injecting|going to|gonna|about to)")
_AT_RISK = [
    # "soon as I get out of detox Monday I'm going straight to my old spot to get what I used to get"
    (OVERDOSE, _LazyRegex(
        r"\b(?:get|getting|got|come|coming) out of (?:detox|rehab|jail|prison|hospital|treatment)\b.{0,60}"
        r"\b(?:straight|going|gonna|go|first thing)\b.{0,50}\b(?:what i used to (?:get|use|take|do|have|score)|"
        r"my old (?:spot|dealer|plug|amount|dose|usual|connect)|score|get on|my usual)\b")),
    # "dying doesn't scare me anymore", "I'm not afraid of overdosing any more"
    (SUICIDE, _LazyRegex(
        r"\b(?:dying|death|being dead|overdosing|dropping) (?:does not|do not|no longer|is not|s not) (?:even )?"
        r"(?:scare|scares|frighten|frightens|bother|bothers|worry|worries|scary) (?:me|to me)\b"
        r"(?! (?:\w+ ){1,2}(?:do|does)\b)|"
        r"\b(?:i am|i m) (?:not|no longer) (?:even )?(?:scared|afraid|frightened) (?:of|to) (?:dying|die|death|"
        r"overdosing|dropping)\b(?=.*\b(?:any ?more|now|these days|not really|honestly)\b)")),
    # using where nobody will come in: "a good way to make sure no one walks in on me when I use"
    (OVERDOSE, _LazyRegex(
        r"\b(?:make sure|so|so that|where) (?:no one|nobody|noone|no body|no one else|nobody else) (?:\w+ ){0,2}?"
        r"(?:walks? in|comes? in|finds? me|checks? on me|sees? me|interrupts?|disturbs?|bothers? me|knows)\b.{0,30}"
        r"\b(?:when|while|whilst|as|if) i (?:" + _USING_WORDS + r"|m using|am using|get on|get high|do it)\b")),
    # indifference to a deadly batch, asking the drug to take them, hurting themselves when sick
    (OVERDOSE, _LazyRegex(
        r"\b(?:laced|cut with|fentanyl|fenny|strong|hot one|hot batch|bad batch|overdose)\b.{0,40}"
        r"\b(?:then )?(?:whatever|so be it|who cares|i do not care|i could not care less|do not care)\b(?! about)")),
    (OVERDOSE, _LazyRegex(
        r"\b(?:if|when) i (?:drop|go over|overdose|die|died|do not wake up|never wake up|don t wake up)\b.{0,40}"
        r"\b(?:who cares|so be it|so what|whatever|i do not care|do not care|fine by me|fine with me|that s fine|"
        r"that is fine|good riddance|no (?:great )?loss)\b(?! about)")),
    (OVERDOSE, _LazyRegex(
        r"\blet (?:the |this |these )?(?:drugs?|gear|dope|stuff|fentanyl|heroin|pills|batch|it) (?:take|have|finish) me\b")),
    (OVERDOSE, _LazyRegex(
        r"\b(?:fentanyl|laced|overdos\w*|dying|death|the batch|what happens to me)\b.{0,60}\b(?:stopped|quit|given up|gave up) "
        r"(?:caring|worrying)\b(?! about (?:the|my|what|how) (?:kids?|job|house|weight|money|people))")),
    (OVERDOSE, _LazyRegex(
        r"\bif i (overdose|die|go over|drop) (?:then )?i \1\b|"
        r"\b(?:overdose|die|dead|gone|go over|go out|going out|went out)\b.{0,30}\bat least (?:it|everything|this|the pain) "
        r"(?:would|will|d|ll|is|s) (?:all )?(?:stop|end|be over|be peaceful|be quick|be painless)\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:punch|punching|hit|hitting|bang|banging|smash|smashing) (?:my head against |my head on )?(?:the )?"
        r"(?:walls?|my head|doors?)\b.{0,30}\b(?:till|until|so hard|bleed|bleeds|break|breaks|broke)\b")),
    # the old amount after a break, unknown drugs taken anyway, using hidden where nobody would find them
    (OVERDOSE, _LazyRegex(
        r"\b(?:same|old|usual|full|normal|regular) (?:amount|dose|hit|shot|bag|quantity)\b.{0,60}\b(?:prison|jail|rehab|"
        r"detox|clean|off it|out|months|weeks|hospital|since)\b|"
        r"\b(?:prison|jail|rehab|detox|clean|off it|got out|months|weeks|hospital)\b.{0,60}\b" + _USING_WORDS +
        r"\b.{0,20}\b(?:same|old|usual|full|normal|regular) (?:amount|dose|hit|shot|bag)\b")),
    (OVERDOSE, _LazyRegex(
        r"\b(?:do not|dont|no idea) (?:know )?what (?:is|s|these|this|they|it)(?: \w+)?(?: is| are| s)?(?: in it)?\b.{0,40}"
        r"\b(?:anyway|regardless|but i am|but i m|and i am|and i m|still)\b")),
    (OVERDOSE, _LazyRegex(
        r"\b" + _USING_WORDS + r"\b (?:\w+ ){0,3}?(?:in a locked|locked in|behind a locked|so nobody|so no one|"
        r"where nobody|where no one)\b")),
    (OVERDOSE, _LazyRegex(
        r"\b(?:after|since|out of hospital after|left hospital after) (?:an? |his |her |the |their )?overdose\b.{0,60}"
        r"\b(?:back on it|using again|already using|back using|straight back|used again)\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:i am|i m) (?:just |so |really |completely )?done(?:,? (?:i am|i m) done)?(?: with (?:all of it|everything|"
        r"it all|all this|all of this|life|living|trying|fighting))?\s*$|"
        r"\b(?:i am|i m) (?:just |so |really )?done with (?:all of it|everything|it all|all this|all of this|fighting)\b")),
    (OVERDOSE, _LazyRegex(
        r"\b(?:hope|hoping|hopes|wish|wishing|praying)\b.{0,40}\b(?:kills? me|takes? me out|takes? me|"
        r"(?:get|gets|getting|is|s) (?:a )?hot (?:one|shot|batch|bag|dose)|"
        r"finish(?:es)? me|does me in|do me in|be the last|is the last|the last one|last time i wake|"
        r"never wake|not wake up)\b(?! (?:i need|i will need|before|of|for|in|on|at|we|they))")),
    (OVERDOSE, _LazyRegex(
        r"\b(?:kills? me|takes? me|i die|i do not wake up|i never wake up|i overdose)\b.{0,25}"
        r"\b(?:so be it|whatever|who cares|so what|i do not care|fine by me|good)\b")),
    (OVERDOSE, _LazyRegex(
        r"\b(?:do not|dont|would not|could not|no longer) (?:even )?(?:care(?: less)?|give a (?:stuff|toss|damn|shit|fuck|"
        r"rat s|fig|hoot|monkey s)) (?:if|whether) "
        r"(?:it|this|the \w+|this \w+|that \w+|i)\b.{0,20}\b(?:kills? me|die|died|dead|wake up|overdose|too strong|"
        r"laced|drop|go over|od|o d)\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:hurting|cutting|burning|hitting|punching|scratching) (?:my ?self|my (?:arms?|legs?|skin|wrists?))\b "
        r"(?:\w+ ){0,3}(?:is|s|are) (?:the only thing|all) (?:that )?(?:helps?|works?|gets? me through|calms? me)\b|"
        r"\bonly thing (?:that )?(?:helps?|works?|gets? me through) (?:\w+ ){0,4}(?:is|s) (?:hurting|cutting|burning|"
        r"hitting) (?:my ?self|my (?:arms?|legs?|skin|wrists?))\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:better|easier|happier|lighter)\b.{0,40}\b(?:if |that |when )?i (?:am|was|were|m|be|is) "
        r"(?:not (?:here|there|around|alive|in the picture)|gone|dead|out of the way)\b"
        r"(?! (?:them|him|her|those|people|the house|home|at home|when|for the))|"
        r"\b(?:better|easier|happier)\b.{0,40}\bif i (?:just )?(?:went over|died|overdosed|did not wake up|never woke up|"
        r"dropped|od d|was to (?:go over|die|overdose))\b")),
    # self-harm in other words: "I keep scratching my arms until they bleed"
    (SUICIDE, _LazyRegex(
        r"\b(?:scratch\w*|burn\w*|cut\w*|hit\w*|punch\w*|bang\w*|carv\w*|pinch\w*|bit\w*|starv\w*) "
        r"(?:my ?self|my (?:arms?|legs?|wrists?|skin|thighs?|head|hands?|stomach))\b.{0,40}"
        r"\b(?:bleed\w*|blood|until|till|again|deserve|scars?|marks?|on purpose|every (?:night|day)|"
        r"against (?:the |a )?wall|into (?:the |a )?wall|when (?:the )?cravings?|"
        r"with (?:a |my |the )?(?:lighter|cigarettes?|cigs?|razor|blade|knife|scissors|glass)|"
        r"when (?:it|things|life|the \w+) (?:gets?|got|get) (?:\w+ )?(?:bad|too much|hard|rough|dark))\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:hold|holds|holding|held|put|puts|putting|press\w*) (?:a |the |my )?(?:lighter|flame|lit cigarette|cigarette|"
        r"blade|knife|razor)\b.{0,20}\b(?:to|on|against|into|across) my (?:arms?|skin|legs?|wrists?|hands?|thighs?|stomach)\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:i am|i m|im|i feel like|i feel|feel like|i am just|i m just) (?:just |such |nothing but |)(?:a |an )?"
        r"(?:burden|millstone|dead weight|drain on (?:everyone|them|my family)|waste of space)\b|"
        r"\bmillstone (?:round|around) (?:my |our |the )?\w*(?: s)? ?neck\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:steer|steering|drive|driving|swerve|swerving|crash|crashing|veer|veering) (?:the car |my car |the truck )?"
        r"(?:into|off|in front of) (?:a |the )?(?:tree|wall|bridge|oncoming \w+|traffic|truck|lorry|river|cliff|pole|train)\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:started|start|starting|been|keep|kept|back to) cutting(?: myself)?(?: again)?\b"
        r"(?! (?:down|back|my|the|it|them|out|up|corners|hair|class|school|lines?|doses?))")),
    (SUICIDE, _LazyRegex(
        r"\b(?:i feel|i am|i m|feeling|i just feel|i feel so) (?:so |completely |totally |really |just |utterly )?"
        r"(?:hopeless|worthless|empty inside)\b|"
        r"\bmy life (?:is|s) (?:a )?(?:waste|over|worthless|pointless|meaningless|nothing|finished|ruined for good)\b|"
        # "I'm a useless old man on a script and no good to anybody"
        r"\b(?:i am|i m|im|i feel) (?:\w+ ){0,10}?(?:no good|no use|useless|good for nothing) (?:to|for) "
        r"(?:anybody|anyone|anyone at all|nobody|no one|my family|my kids|them|anything)\b|"
        r"\b(?:i am|i m|im) (?:just )?(?:a |an )?(?:useless|worthless|pathetic|hopeless) (?:\w+ ){0,2}?"
        r"(?:man|woman|person|waste|junkie|mess|failure|father|mother|dad|mum|mom|son|daughter)\b")),
    (SUICIDE, _LazyRegex(
        r"\b(?:hurt|harmed|cut|burned|burnt) my ?self\b.{0,30}\b(?:last night|today|tonight|this morning|yesterday|again|"
        r"this week)\b|"
        r"\bfresh (?:cuts|burns|scars)\b|\b(?:cuts|burns) (?:all )?(?:on|up|down) (?:her|his|their|my) "
        r"(?:arms?|legs?|wrists?|thighs?|stomach)\b")),
    # hopelessness about trying again: "why even try, I always end up back here"
    (SUICIDE, _LazyRegex(
        r"\bwhy (?:do i |should i |would i |does anyone |)(?:even |ever |)(?:bother|try)(?:ing)?(?: any ?more| at all)?"
        r"(?:\s*$| i | it | when | if | everything | nothing )|"
        r"\bno point (?:in )?(?:even )?(?:trying|going on|bothering)\b|"
        r"\b(?:what s|whats|what is) the point (?:of |in )?(?:even )?(?:trying|bothering|any of it|anything|it all)\s*$")),
    (SUICIDE, _LazyRegex(
        r"\b(?:suffers?|suffering|hurting|ruined|burden)\b.{0,25}\bbecause of me\b.{0,60}"
        r"\b(?:better|gone|not (?:here|there|around))\b")),
]
_USE_ALONE = _LazyRegex(r"\b(?:alone|on my own|on me own|by myself|by meself|solo|nobody (?:is )?(?:home|around|here)|no one (?:is )?(?:home|around|here)|"
                        r"(?:flat|house|place|room|home) to myself|(?:no one|nobody) knows where i am|"
                        r"when (?:\w+ ){1,3}(?:at work|out|away|asleep|gone))\b")
_AFTER_BREAK = _LazyRegex(
    r"\b(?:after|since|out of|left|leaving|got out|get out|getting out|released|discharged|coming out|came out)\b"
    r"(?: \w+){0,4} (?:rehab|detox|jail|prison|hospital|centre|center|treatment|addiction|inside|lock ?up|juvie)\b|"
    r"\b(?:clean|off it|off the gear|sober|abstinent|dry|stopped) (?:for )?(?:\w+ ){0,2}?(?:days?|weeks?|months?|years?)\b|"
    r"\b(?:days?|weeks?|months?|years?) (?:clean|off it|off|sober|without)\b|"
    r"\bfirst (?:time|shot|hit|bag|point|one|go|use) (?:using |i have used |i used )?in (?:a |an |\w+ |half a )?"
    r"(?:days?|weeks?|months?|years?|year|while|ages)\b")
_INTENT_NOW = _LazyRegex(
    r"\b(?:i am going to|i m going to|i will|i am gonna|i plan|i am planning|i m planning|planning to|"
    r"going to|about to|tonight|i want to|i am just going to)\b.{0,40}\b(?:use|shoot|take|do|smoke|score|"
    r"have|chase|fix|inject|heroin|gear|smack|dope|fentanyl)\b|"
    r"\b(?:i am|i m) (?:\w+ )?(?:doing it|using|setting up|having (?:a|one|some)|shooting up|smoking|fixing)\b|\bfirst time using\b|"
    r"\b(?:i am|i m) (?:grabbing|picking up|scoring|getting|buying) (?:a|some|an|me a|myself a) (?:\w+ )?(?:point|bag|hit|gram|"
    r"g|half|quarter|baggie|cap|pill|pills|blues|some)\b")


_ASKS = _LazyRegex(r"\b(?:how|what|why|when|where|should|is (?:it|that|this|there)|are there|any ways? to|was (?:it|that|this)|do i|does|can i|"
                   r"could i|would|do (?:they|people|you)|did (?:they|he|she)|are they)\b")
_JUST_NOW = _LazyRegex(r"\bjust (?:used|took|taken|had|did|done|shot|injected|smoked|snorted|swallowed)\b|"
                       r"\bsomething (?:is |s )?(?:wrong|not right)\b")


_FIGURE_OF_SPEECH = _LazyRegex(
    r"\boverdos\w* on (?:\w+ )?(?:" + _NOT_A_DRUG + r")\b|"
    r"\b(?:craving|cravings|withdrawal|withdrawals|rattle|this job|work|kids|exams?)\b.{0,20}\b(?:is|s|are|gonna|going to|will|ll) "
    r"be the (?:death|end) of me\b|"
    # a service doubted, not a life: "what's the point of rehab if half the people relapse anyway"
    r"\bwhat (?:is |s )?the (?:point|use) (?:of|in) (?:going to |doing |trying |even )?(?:\w+ )?(?:rehab|treatment|detox|"
    r"meetings?|methadone|suboxone|buprenorphine|counsell?ing|therapy|program|programme|naloxone|narcan|"
    r"test strips?|testing|the clinic|a clinic|aa|na|smart)\b|"
    r"\bdead (?:keen|tired|embarrassed|jealous|chuffed|excited|serious|funny|good|easy|boring|bored|lucky|right|wrong|"
    r"set|certain|sure|quiet|slow|on time|against)\b|"
    r"\b(?:gonna|going to|will|would|d) kill (?:me|him|her|you|us)\b.{0,20}\b(?:when|if)\b|"
    r"\bkill(?:ed|ing)? it\b|\b(?:could|would|d) (?:murder|kill|die) (?:for )?(?:a|an|one|some|another)\b(?! more day)|"
    r"\b(?:almost|nearly) died (?:laughing|of embarrassment|when|of shame)\b|\bdying (?:to|for|of laughter)\b|"
    r"\bend of my (?:rope|tether) with\b|\bkill (?:me|him|her|us) for\b|"
    r"\b(?:die|dying|death) (?:from|of|with) (?:these |this |the |my |a )?(?:cramps|withdrawal|sickness|flu|cold|pain|aches|"
    r"sweats|runs|diarrh\w*|stomach \w+)\b|\bfeel(?:ing)? like dying\b.{0,40}\b(?:day \w+|without|withdrawal|"
    r"coming off|cramps|when will it end|when it will end|(?:till|until|before) i (?:get|have|take) (?:my )?(?:dose|fix|"
    r"script|methadone|meds|medicine|bup|bupe|suboxone|subs|pills?|dope))\b|"
    r"\b(?:die|died|dying) (?:of )?laughing\b|"
    # "I keep having dreams that I overdosed", "my anxiety makes me feel like I'm overdosing"
    r"\b(?:dreams?|dreamt|dreamed|dreaming|nightmares?) (?:\w+ ){0,2}?(?:that |about |where )?(?:i|he|she|they|someone|my \w+) "
    r"(?:\w+ )?(?:overdosed|od d|died|was dying|were dying|was dead|killed (?:myself|himself|herself))\b|"
    r"\b(?:anxiety|panic(?: attacks?)?|nerves|stress) (?:\w+ ){0,3}?(?:makes?|made|making) me feel like (?:i m |i am )?"
    r"(?:overdosing|dying|having an overdose)\b|"
    r"\b(?:so|too) (?:angry|mad|furious|upset|stressed|wound up|worked up) (?:(?:at|with) \w+ )?(?:that )?i (?:can not|could not) "
    r"(?:breathe|think|see straight)\b|"
    r"\b(?:dope ?sickness|sickness|withdrawal|withdrawals|cramps|rattle|cluck|clucking|aches) (?:\w+ )?(?:makes|is making|"
    r"made) me (?:feel like (?:i )?)?(?:want to|wanna) die\b|\b(?:going to|gonna|will|ll) be the death of (?:me|us|him|her)\b|"
    r"\b(?:pain|cramps|aches?|back|knee|legs?|head|stomach|withdrawal|sickness|rattle) (?:is |are |s )?killing me\b|"
    # "I'd rather die than queue every morning", but not "than live like this" or "than go on"
    r"\b(?:would|d) rather die than (?!(?:live|living|(?:go|going) on(?= *$| like| living| with (?:this|life|my life)| any)|"
    r"keep going|carry on|carrying on|keep living|feel|feeling|be alive|wake up|face|be here|exist|stay alive)\b)\w+|"
    # everyday things that "will kill me": traffic, the boss, the heat
    r"\b(?:traffic|commute|drive|work|job|boss|heat|weather|kids|exams?|queue|wait|noise|neighbours?|neighbors?|"
    r"this (?:place|week|job|day|cold))\b.{0,40}\b(?:going to|gonna|will|is killing|s killing) (?:kill )?me\b|"
    + _FEARED_BY_OTHERS_PATTERN)


def figure_of_speech(text: str) -> bool:
    """Words a model can mistake for danger: "I overdosed on chocolate", "dead keen", "mum will kill
    me when she sees this", "I'm going to kill it at the interview"."""
    return bool(_FIGURE_OF_SPEECH.search(normalise(text)))


_BODY_NOW = _LazyRegex(
    r"\b(?:i am|i m|i feel|i am feeling|i m feeling|(?:i am |i m )?starting to feel|(?:i am |i m )?getting) "
    r"(?:really |so |very |a bit |kind of |super |quite )?(?:sleepy|drowsy|dizzy|faint|woozy|heavy|numb|cold|floaty|"
    r"out of it|weird|strange|funny)\b|\bcan not (?:keep my eyes open|stay awake|breathe properly|feel my \w+)\b")


def feels_unwell_now(text: str) -> bool:
    """The speaker's body now: "I'm starting to feel really sleepy" (read after a turn judged at risk)."""
    return bool(_BODY_NOW.search(normalise(text)))


def about_later(text: str) -> bool:
    """A fear of what may happen one day ("I'm scared I'll overdose one day by forgetting my pills") or
    getting ready for it ("what's the go if a mate overdoses, just wanna be ready"), nothing placing it now."""
    norm = normalise(text)
    later = _feared_some_day(norm) or bool(_PREPARING.search(norm))
    return later and not _NOW.search(norm) and not _JUST_NOW.search(norm) and not _RESIGNED.search(norm)


# Words that turn a fear into resignation: "I'm scared I'll overdose one day and I don't even care".
_RESIGNED = _LazyRegex(r"\b(?:care|caring|point|hope|hoping|wish|want to (?:die|be dead|go|end|be gone)|rather|mind|matter|"
                       r"matters|bother|"
                       r"whatever happens|so be it|let it)\b")


def told_as_history(text: str) -> bool:
    """A question about something the words place in the past ("he overdosed a few years back, how do I
    bring it up", "in that soap he overdosed, was it accurate"), with nothing bringing it into the
    present ("tonight", "again", "still", "just used", "something's wrong")."""
    norm = normalise(text)
    return bool(_HISTORY.search(norm)) and bool(_ASKS.search(norm)) and not _NOW.search(norm) \
        and not _NOW_SU.search(norm) and not _JUST_NOW.search(norm)


_ASKED_OF_OTHERS = _LazyRegex(r"\b(?:can|could|should|will|would|may|might|is it (?:ok|okay|safe) for) (?:he|she|they|him|her|"
                              r"them|my \w+|your \w+|a person|someone|people)\b")
# Asking how to use more safely ("what's the least risky way", "tips for not dropping if I'm using by myself"):
# the model alone does not call that a crisis.
_SEEKING_SAFETY = _LazyRegex(r"\b(?:least risky|less risky|safer|safest|more safely|(?:stay|staying|be|keep) safe|tips|"
                             r"reduce (?:the |my )?risk|lower (?:the |my )?risk|(?:not|avoid|stop) (?:dropping|overdosing|going over|"
                             r"an overdose|od ing)|prevent (?:an )?overdose)\b")


# A story on a screen or in the news: "watching a soap and a lad OD'd, do they come round that quick"
_ON_SCREEN = _LazyRegex(r"\b(?:watching|watched|saw|seen|in|on) (?:a |the |that |this |some )?(?:\w+ )?(?:soap|movie|film|tv show|"
                        r"telly|tv|episode|series|documentary|doco|programme|program|podcast|news)\b")


def on_screen(text: str) -> bool:
    norm = normalise(text)
    return bool(_ON_SCREEN.search(norm)) and not _NOW.search(norm) and not _ME_NOW.search(norm)


_ME_NOW = _LazyRegex(r"\b(?:i am|i m|i feel|i want|i will|i just|i have just|i ve just)\b")


# Past thoughts told from a better place: "I used to think about ending it back when I was using, I'm doing a lot better now"
_BETTER_NOW = _LazyRegex(r"\b(?:doing|feeling|feel|i m|i am|much|lot|way|so much) (?:\w+ )?(?:better|well|good|fine|great|okay|ok) "
                         r"now\b|\bin a (?:good|better) place now\b")


def better_now(text: str) -> bool:
    norm = normalise(text)
    return bool(_BETTER_NOW.search(norm)) and bool(_HISTORY.search(norm)) and not _RESIGNED.search(norm)


def seeking_safety(text: str) -> bool:
    norm = normalise(text)
    return bool(_SEEKING_SAFETY.search(norm)) and not _RESIGNED.search(norm) and not _NOW.search(norm)


_RISK_QUESTION_END = _LazyRegex(r"\b(?:is (?:it |that |this )?(?:risky|dangerous|safe|ok|okay|bad|normal)|"
                                r"what (?:happens?|will happen|happen)|is that right|is that true)\s*$")


_IF_I_USED_WOULD = _LazyRegex(r"^(?:\w+ )?(?:if|say|suppose|what if) (?:i|we) (?:\w+ ){0,2}?(?:used|use|took|take|had|have|did|do|"
                              r"went back|go back|shot|injected)\b.{0,60}\b(?:would|could|will|might|can|is|does) "
                              r"(?:i|it|that|my|me)\b")


# Someone close who talks of suicide, asked about by the person who loves them ("my brother talks about
# ending it when he's drunk, what do I do"): the crisis line first, then how to help. Not a story from the
# past, and not a question about people in general.
_OTHERS_SUICIDAL_TALK = _LazyRegex(
    r"\b(?:he|she|they|my \w+|(?:friend|mate|brother|sister|son|daughter|partner|husband|wife|boyfriend|girlfriend|dad|"
    r"mum|mom|father|mother))\b(?: \w+){0,4}? (?:keeps? |has been |s been |is |s |was |kept |started |always |sometimes |"
    r"often |now )?(?:talking|talks|talked|saying|says|said|mentioning|mentions|mentioned|joking|jokes|joked|texting|texts|"
    r"texted|posting|posts|posted|writing|writes|wrote) (?:about |that |to me about )?(?:\w+ ){0,3}?"
    r"(?:suicide|killing (?:him|her|them)sel(?:f|ves)|ending (?:it|it all|his life|her life|their life|things)|"
    r"wanting to die|(?:he|she|they) (?:wants?|want) to (?:die|end it)|not wanting to (?:live|be here|be alive)|"
    r"not being (?:here|around|alive)|taking (?:his|her|their) (?:own )?life|being better off dead|being dead)\b")


# "if he ever talks about wanting to die", "a friend who says she wants to die": not someone now
_IF_OR_ANYONE = _LazyRegex(r"\b(?:if|when|whenever|ever|in case|what if|a friend|a mate|someone|somebody|anyone|anybody|"
                           r"a person|people|a \w+ who|an? \w+ that)\b")


def at_risk(text: str) -> str | None:
    """OVERDOSE or SUICIDE when the words are at risk (see above); None otherwise."""
    norm = normalise(text)
    others = _OTHERS_SUICIDAL_TALK.search(norm)
    if others and not _negated(norm, others.start()) and not (_HISTORY.search(norm) and not _NOW_SU.search(norm)) \
            and not _IF_OR_ANYONE.search(_window(norm, others.end(), 14)):
        return SUICIDE
    if not norm or (_AUX_QUESTION.match(norm) or _RISK_QUESTION_END.search(norm) or _ASKED_OF_OTHERS.search(norm)) \
            and not _ME.search(norm):
        return None     # a question about someone else's risk: "he stopped two weeks, same amount, is it risky"
    if _IF_I_USED_WOULD.search(norm) and not _RESIGNED.search(norm):
        return None     # "if I used the same amount after detox would I overdose": asking what would happen
    for kind, pattern in _AT_RISK:
        m = pattern.search(norm)
        if m and not _negated(norm, m.start()):
            return kind
    if _USE_ALONE.search(norm) and _AFTER_BREAK.search(norm) and _INTENT_NOW.search(norm) \
            and not norm.startswith(("is it", "why", "how", "what", "should", "can", "do ", "does")):
        return OVERDOSE
    return None


def explain(text: str) -> list[tuple[str, str, str | None]]:
    """Every phrase that matched, as (rule set, phrase, reason it was set aside or None)."""
    norm = normalise(text)
    found = _keys_in(norm)
    out = [(f"overdose/{kind}", m.group(0), _od_reason(norm, kind, m)) for kind, m in _hits(_OD, norm, found)]
    out += [("suicide/self", m.group(0), _su_self_reason(norm, m)) for _, m in _hits(_SU_SELF, norm, found)]
    out += [("suicide/other", m.group(0), _su_other_reason(norm, m)) for _, m in _hits(_SU_OTHER, norm, found)]
    return out
