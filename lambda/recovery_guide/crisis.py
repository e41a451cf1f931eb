"""Is the person telling us about an emergency happening now? Overdose or suicidal crisis.

`detect_crisis(text)` returns OVERDOSE, SUICIDE or None. It runs on every turn, before any other
matching, so it is stdlib only, compiled at import, and fast (a few microseconds for most text).

How it decides
--------------
1. The text is normalised the way speech recognition delivers it: lower case, no punctuation,
   contractions spelled out ("isnt", "can't", "wont" -> "is not", "can not", "will not"), and the
   many spellings of "OD" ("o d", "OD'd", "o.d.") mapped to "overdose", "overdosed", "overdosing".
2. Phrases that describe a crisis are found: signs of an overdose (not breathing, can't wake them,
   blue lips, collapsed, took too much, is overdosing) and suicidal thoughts or intent (kill myself,
   end it all, want to die, better off without me, ...).
3. Each hit is then checked against the ways people talk *about* these things without being in them:
   - a general question: "how do I know if someone is overdosing", "what do I do if a person
     stops breathing" (a hypothetical word such as "if" or "signs of", with no particular person);
   - a modal: "can opioids make you stop breathing", "could I overdose on methadone";
   - negation: "is it dangerous to give naloxone to someone who is not overdosing";
   - history: "I overdosed two years ago", "I used to want to die";
   - figures of speech never match in the first place ("this craving is killing me",
     "I'm dying to know", "I feel like I'm dying from withdrawal").
   When a particular person is named ("my friend", "he", "I"), a present-tense sign stays a crisis
   even inside a question ("what do I do, is he overdosing?"): a false alarm costs a few seconds,
   a miss can cost a life.
4. An overdose that is happening beats a suicidal statement, because the overdose response gives
   the steps that keep someone alive until help arrives (both lead with the emergency number).
"""
from __future__ import annotations

import re
import unicodedata

OVERDOSE = "crisis_overdose"
SUICIDE = "crisis_suicide"

# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

_REWRITES = [(re.compile(p), r) for p, r in [
    # quotes and dots inside "O.D.", "o.d.'d"
    (r"[\u2018\u2019\u02bc`\u00b4]", "'"),
    (r"\bo\s*\.\s*d\b\s*\.?", "od"),
    # OD in all its spellings (before the apostrophes go)
    (r"\bo ?d ?'? ?(?:e?d|eed|deed)\b|\bo ded\b|\bo deed\b", "overdosed"),
    (r"\bo ?d ?'? ?(?:ing|in)\b|\bo ding\b", "overdosing"),
    (r"\bo ?d ?'? ?s\b", "overdoses"),
    (r"\bo ?d\b", "overdose"),
    (r"\b(he|she|they|i|you|we|someone|somebody|friend|mate|just|has|have|had|think|maybe|probably) odd\b",
     r"\1 overdosed"),
    (r"\bover ?doz", "overdos"),
    (r"\bover dos", "overdos"),
    # contractions, with or without the apostrophe
    (r"\bcan'?t\b|\bcannot\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "is not"),
    (r"\b(is|are|was|were|do|does|did|has|have|had|would|could|should|must|need)n'?t\b", r"\1 not"),
    (r"n't\b", " not"),
    (r"\bi'?m\b", "i am"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"'ll\b", " will"),
    (r"'d\b", " would"),
    (r"'s\b", " s"),
    (r"\b(he|she|it|that|what|there|who|everything|everyone|nobody)s\b", r"\1 s"),
    (r"\b(i|you|we|they)ve\b", r"\1 have"),
    (r"\b(you|we|they)re\b", r"\1 are"),
    (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"),
    (r"\bgotta\b", "got to"),
    (r"\bcuz\b|\bcause\b", "because"),
    # medicine names
    (r"\bnarcan[e]?\b|\bnarkan\b|\bnalox\w*|\bnalax\w*", "naloxone"),
    (r"\bbreath\b", "breathe"),
]]
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case ASCII words, contractions spelled out, "OD" mapped to "overdose"."""
    text = unicodedata.normalize("NFKD", str(text))
    text = text.encode("ascii", "ignore").decode("ascii") if not text.isascii() else text
    text = text.lower()
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------

# A person we can point at; "s" is what "'s" becomes ("he's", "mate's").
_PRON = r"(?:he|she|they|him|her|them|i|me|we|you)"
_AUX = r"(?:is|are|am|s|was|were|has|have|had|been|be|just|still|now|really|totally|all|gone|kind of|sort of|completely)"
_AUXES = rf"(?:{_AUX} ){{0,3}}"
_NOT = r"(?:not|no longer|never|barely|hardly|scarcely)"
_PERSON_NOUNS = (r"(?:friend|mate|buddy|bro|brother|sister|sis|son|daughter|mum|mom|mother|dad|father|husband|"
                 r"wife|partner|boyfriend|girlfriend|bf|gf|roommate|flatmate|housemate|cousin|uncle|aunt|"
                 r"nephew|niece|neighbour|neighbor|kid|child|baby|man|guy|girl|woman|lady|bloke|dude|fella|"
                 r"homie|pal|colleague|coworker|grandson|granddaughter|grandad|grandpa|grandma|nan|teen|"
                 r"teenager|fiance|fiancee|spouse|love|mister|stranger|person|people)")

# Words that make a sentence a general or hypothetical question rather than a report.
_HYPO = re.compile(
    r"\b(?:if|when|whenever|in case|incase|suppose|supposing|imagine|say|what happens|signs?|symptoms?|"
    r"how (?:do|can|would|will|could|should|does) (?:i|you|we|one|someone|people|a person) "
    r"(?:know|tell|recogni[sz]e|spot|check|identify|see)|risk|chance|likely|prevent|avoid|"
    r"(?:can|could|does|do|will|would|may|might) (?:naloxone|it|opioids?|fentanyl|heroin|methadone|"
    r"buprenorphine|suboxone|withdrawal|detox|drugs?|pills?|alcohol|benzos?|mixing))\b")
# Somebody in general, not a particular person.
_GENERIC = re.compile(
    r"\b(?:someone|somebody|some one|anyone|anybody|any one|a person|the person|a patient|people|"
    r"a (?:friend|loved one|family member|relative|child|teen|teenager|stranger|man|woman|guy|kid)|"
    r"your (?:friend|loved one|mate|partner)|you|one|others?|a \w+ who|someone s|person s)\b")
# A particular person: "my friend", "he", "I".
_SPECIFIC = re.compile(
    rf"\b(?:i|me|my|myself|we|us|our|he|him|his|she|her|they|them|their|this|mate|bro|babe|hubby|"
    rf"(?:my|our|his|her|their) \w+)\b")
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|nobody|without|nor)(?: \w+)?(?: \w+)? ?$")
_HISTORY = re.compile(
    r"\b(?:last (?:year|month|week|summer|winter|spring|fall|autumn|christmas|time|new year)|"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple of|couple|several|many) "
    r"(?:years?|months?|weeks?|yrs?) ago|years ago|months ago|weeks ago|ages ago|long ago|back in|in the past|"
    r"when i was|when (?:he|she|they) (?:was|were)|used to|in (?:19|20)\d\d|history of|"
    r"once before|(?:twice|two times|three times|several times|many times|a few times|multiple times)|"
    r"before (?:and|but|so|too|when|in)|before$|since then|(?:has|have|had) never|died (?:of|from|after)|"
    r"passed away|funeral|anniversary|still grieving|lost (?:him|her|them|my \w+) to)\b")
_NOW = re.compile(r"\b(?:now|right now|again|still|today|tonight|this morning|lately|these days|coming back|"
                  r"anymore|any more|at the moment|currently)\b")

# ---------------------------------------------------------------------------------------------
# Overdose phrases. Kind "now": a present state (is not breathing); "past": an event that has
# happened (overdosed, took too much); "simple": a habitual/future form that is a crisis only when
# nothing marks it as hypothetical (someone overdoses).
# ---------------------------------------------------------------------------------------------

_SUBJ = rf"(?:{_PRON}|(?:my|our|his|her|their|your|the|this) (?:\w+ )?{_PERSON_NOUNS}|{_PERSON_NOUNS}|someone|somebody|nobody)"

_OD_NOW = [
    # breathing
    rf"\b{_AUXES}{_NOT} (?:really |properly |even |at all )?breathing\b",
    rf"\b(?:stopped|stop|stops|quit|quitting|stopping) breathing\b",
    r"\bcan not (?:really |even )?(?:breathe|breathing)\b(?! (?:through|out of|in (?:the|this|here))|ok|well)",
    r"\b(?:struggling|fighting|trouble|difficulty|hard time|problems?) (?:to |with |)?breath(?:e|ing)\b",
    r"\bno (?:breathing|breath|pulse|heartbeat)\b",
    r"\bbreathing (?:is |s |has )?(?:gone |got |getting |really |very |so |super )*"
    r"(?:slow|shallow|weird|funny|strange|slowed|stopped|faint|weak|rattly|raspy)\b",
    r"\b(?:is|s|are|am) (?:barely|hardly) breathing\b",
    # waking / responding
    rf"\bcan not (?:seem to |get (?:him|her|them|it) to |)(?:wake|rouse|awaken|arouse)\b",
    r"\b(?:will not|would not|does not|do not|is not|are not|not|never) (?:wake|waking|woke|waken|wakes) ?(?:up)?\b",
    r"\b(?:wo|will) n ?t wake\b",
    r"\bunable to (?:wake|rouse)\b",
    r"\b(?:unresponsive|non ?responsive|unrousable|unconscious|unconcious|out cold|lifeless|not conscious|"
    r"not rousable|not rouseable)\b",
    r"\b(?:is not|are not|not|will not|would not|does not|stopped) (?:really )?(?:responding|respond|responsive|reacting|react)\b",
    r"\b(?:not|no) (?:moving|movement|response|reaction)\b(?! (?:on|in|to|out|away|forward|house|back))",
    r"\b(?:will not|would not|can not get (?:him|her|them) to|does not|is not|not) (?:come|coming) (?:round|around|to)\b",
    rf"\b(?:is|s|are) not getting up\b",
    r"\bnodding (?:off|out)? ?and (?:can not|will not|not)\b",
    r"\b(?:passed|blacked|pass|black) out\b(?:.{0,40})\b(?:can not|will not|not|no|unresponsive)\b",
    # colour
    r"\b(?:lips?|face|skin|fingers?|fingernails?|nails?|fingertips|mouth)\b (?:\w+ ){0,3}?"
    r"(?:blue|grey|gray|purple|bluish|greyish|grayish|ashen|ashy|white|pale)\b",
    r"\b(?:blue|grey|gray|purple|bluish) (?:lips?|face|skin|fingernails?|fingers?|nails?)\b",
    rf"\b(?:gone|going|turned|turning|turn|looks?|looking|went|is|s|has gone) (?:all |really |very |a bit |kinda )?"
    r"(?:blue|grey|gray|purple|ashen|bluish)\b",
    # sounds
    r"\b(?:gurgling|gurgle|gurgles|choking|snoring|rattling|death rattle)\b(?:.{0,40})\b(?:can not|will not|not|no)\b",
    r"\b(?:is|s|are|making|makes) (?:\w+ )?(?:gurgling|gurgle|choking|rattling) (?:sound|sounds|noise|noises)\b",
    # overdose itself
    rf"\b{_AUXES}(?:overdosing|having (?:an |a |another )?(?:overdose|od|drug poisoning|poisoning))\b",
    r"\b(?:this|it) (?:is|s) (?:an |a )?overdose\b",
    r"\b(?:think|thinks|believe|sure|feel|feels|feeling|seems|looks|guess|maybe) (?:like )?(?:it s |its |it is |this is |i am |he s |she s |)"
    r"(?:an |a )?overdose\b(?! (?:on|from))",
    r"\bin (?:an |a )?overdose\b",
    r"\bgoing into (?:an )?overdose\b",
    # naloxone now
    r"\bneed (?:the |some |a |my |his |her )?naloxone (?:now|right now|quick|quickly|fast|asap|immediately|urgently|right away|here)\b",
    r"\b(?:gave|given|give|giving|used|sprayed|spray|injected|inject|administered) (?:him|her|them|my \w+) "
    r"(?:some |the |a |two |2 |another |)(?:naloxone|doses? of naloxone|shot of naloxone)\b",
    r"\b(?:gave|given|used|sprayed|administered) (?:the |some |a |two |2 |another |)naloxone\b",
    r"\bwhere (?:is|s|did i put) (?:the |my )?naloxone\b",
    r"\b(?:naloxone|it) (?:is not|not|did not|does not|has not) (?:working|work|worked|helping|help)\b",
    # dying / dead, literal
    r"\bi (?:think|believe|feel sure) (?:that )?i (?:am|m) dying\b(?!.{0,40}\b(?:withdrawal|sick|detox|kicking))",
    rf"\b(?:think|believe|afraid|scared|worried) (?:that )?{_SUBJ} (?:is|s|are|might be|may be) (?:dead|dying)\b",
    rf"\b{_SUBJ} (?:is|s|are) (?:dead|dying) (?:on|in) (?:the|my|our|his|her) (?:floor|bathroom|bed|couch|sofa|car|room|toilet)\b",
    r"\b(?:help|emergency)\b.{0,30}\b(?:overdose|overdosing|overdosed)\b",
    r"\b(?:overdose|overdosing|overdosed)\b.{0,20}\b(?:help me|help us|please help|emergency|hurry)\b",
]
_OD_PAST = [
    r"\boverdosed\b",
    rf"\b(?:took|taken|take|had|done|did|used|shot|injected|snorted|smoked|swallowed|consumed|drank|popped|ate)"
    r" (?:\w+ ){0,3}?(?:too much|too many|way too much|far too much|a lot too much|an overdose|overdose|"
    r"a big overdose|a massive dose|too big (?:a )?(?:dose|hit|shot)|too strong|a heavy dose)\b",
    r"\b(?:took|taken|swallowed|consumed|had|ate|popped|drank|injected|shot) (?:all|every|the whole|a whole|"
    r"the entire|an entire|a full|whole) (?:of )?(?:my |his |her |their |the |a )?(?:\w+ )?"
    r"(?:pills?|tablets?|bottle|packet|pack|box|supply|stash|script|prescription|meds|medication|methadone|"
    r"dose|doses|bag|bags|gram|oxy|oxys|percs?|xanax|benzos?)\b",
    r"\b(?:has|s|have|just|suddenly|then) (?:just |)collapsed\b(?! (?:veins?|lung))",
    rf"\b{_SUBJ} (?:just |suddenly |)collapsed\b(?! (?:veins?|lung))",
    r"\bcollapsed (?:and|on|in|after)\b",
    r"\b(?:fell|fallen|gone|went) (?:unconscious|limp|floppy|still)\b",
    r"\b(?:is|s|gone|went|going|all) (?:limp|floppy)\b",
    r"\b(?:stopped|was not|were not) (?:breathing|responding|moving)\b",
    r"\b(?:turned|went) (?:blue|grey|gray|purple)\b",
]
_OD_SIMPLE = [
    r"\b(?:overdoses|overdosing)\b",
    r"\b(?:is|are|am|s) (?:about to|going to) overdose\b",
    r"\bfeel(?:s|ing)? like (?:i am|i m|he is|she is|they are) (?:going to|about to) overdose\b",
]

# ---------------------------------------------------------------------------------------------
# Suicide phrases. "self": the speaker; "other": a named other person at risk now; "past": an
# event that may be history ("I tried to kill myself").
# ---------------------------------------------------------------------------------------------

_SELF = r"(?:myself|my self|me)"
_SU_SELF = [
    rf"\b(?:kill|killing|kills|killed|off|offing|unalive|unaliving|end|ending|hang|hanging|shoot|shooting|"
    rf"drown|drowning|poison|poisoning|gas|gassing|stab|stabbing) (?:my ?self)\b(?! (?:laughing|with work|at work|at the gym|over (?:a|this|that) (?:job|exam)))",
    r"\bsuicidal\b",
    r"\bsuicide (?:note|plan|letter|attempt)\b",
    r"\b(?:commit|commiting|committing|do|doing|attempt|attempting|try|trying|plan|planning|consider|considering) suicide\b",
    r"\b(?:think|thinking|thought|thoughts|think a lot|thinking a lot) (?:about|of) (?:suicide|killing myself|ending (?:it|my life|things|everything)|dying|death|taking my (?:own )?life|not being (?:here|alive|around))\b",
    r"\bend(?:ing)? (?:it all|it|things|everything|my (?:own )?life|my life|this life|the pain|my pain|my suffering)"
    r"(?: (?:now|tonight|today|soon|forever|for good|once and for all|right now|here|all))*(?: |$)(?!(?:with|between|off|up|\w+ing|my (?:addiction|use|drug|habit|relationship)))",
    r"\btak(?:e|ing) my (?:own )?life\b(?! (?:back|in|into|one|day|step|forward|seriously|again))",
    r"\b(?:want|wants|wanting|wanted|going|ready|need|needs|wish|wishing|like|plan|planning|deserve|trying|try) (?:\w+ )?to die\b",
    r"\b(?:wanna|want to|wants to) (?:be )?dead\b",
    r"\bwish (?:i|id|i would|i could|i had|i d) (?:\w+ )?(?:be |were |was |)(?:dead|die|died|never been born|not born|not exist|disappear forever|not wake|never wake|fall asleep and never|go to sleep and never|go away forever)\b",
    r"\bwish (?:i|id|i would|i could) (?:were|was) (?:dead|gone|never born|not alive|not here)\b",
    r"\b(?:would|d|id) (?:rather|sooner) (?:be dead|die|not be alive|not exist|not be here|not wake up)\b",
    r"\bbetter off dead\b",
    r"\bbetter off (?:without me|if i (?:was|were|am) (?:gone|dead|not here|not around)|with me (?:gone|dead))\b",
    r"\b(?:dying|death|being dead|suicide|not waking up|not being alive|not existing) (?:seems|is|would be|feels|sounds|looks|s) (?:\w+ ){0,2}?(?:better|easier|preferable|the only|the answer|the best|nicer|kinder|a relief|like a relief)\b",
    r"\b(?:do not|dont|no longer|not) (?:really |even |)(?:want|wanna|wish|care) (?:to |)(?:be alive|live|living|exist|existing|be here|be around|be on this earth|wake up|go on|keep going|carry on|continue|survive|be in this world)\b"
    r"(?! (?:with|in|at|near|there|alone|here in|far|close|next|on (?:methadone|suboxone|buprenorphine|meds|medication)|like (?:a|an|that)|a (?:life|lie)))",
    r"\b(?:no|nothing|not any|not a single|zero) (?:reason|point|purpose|will|desire|point in|reason left) (?:to|for|in) (?:live|living|life|go on|going on|keep going|keeping going|carry on|carrying on|be alive|being alive|be here|stay|staying alive|wake up|exist|existing)\b",
    r"\bnothing (?:left )?to live for\b",
    r"\b(?:life|living|my life|it) (?:is|s|isnt|is not|s not|not|no longer) (?:no longer |really |even )?worth (?:living|it anymore|it any more|it now|anything|continuing|going on)\b",
    r"\bnot worth living\b",
    r"\bwhat s the point (?:of|in) (?:living|life|going on|being alive|anything|carrying on|trying anymore|waking up)\b|"
    r"\bwhat is the point (?:of|in) (?:living|life|going on|being alive|anything|carrying on|trying anymore|waking up)\b",
    r"\bcan not (?:go on|keep going|carry on|do this|take (?:it|this)|handle (?:it|this|life)|live (?:like this|with (?:this|myself))|cope|bear (?:it|this))"
    r"(?: (?:like this|with this|with life|any ?more|any longer|no more|much longer|forever))*(?: (?:and|i|so)\b.*)?$",
    r"\bcan not go on\b(?! (?:a |an |the |my |holiday|vacation|methadone|suboxone|buprenorphine|medication|meds|treatment|that|this (?:medication|program)|like (?:that|normal)))",
    r"\b(?:can not|will not|do not want to) (?:live|do|keep doing|go on) (?:like this|this way|this anymore) any ?(?:more|longer)\b",
    r"\b(?:want|need|wish|like|make) (?:\w+ ){0,2}?(?:it|this|everything|the pain|life|my life|things|all of this|it all)(?: all)? "
    r"(?:to |)(?:stop|end|be over|go away|finish)(?: \w+)? (?:forever|for good|permanently|once and for all)\b",
    r"\b(?:want|need|wish) (?:it all|everything|my life|life|it|this) (?:all )?(?:to |)(?:be over|end)\b(?! (?:up|with|soon so|so i can))",
    r"\b(?:go|going|get|got|fall|falling) (?:to )?sleep (?:and|then) (?:never|not) wake\b",
    r"\b(?:so|and|then|hope|hoping|wish|want|that) (?:i |)(?:will |would |)(?:never|not|do not|dont) (?:ever )?wake (?:up|back up)\b",
    r"\bnever (?:ever )?wake up (?:again|ever)\b",
    r"\bsleep forever\b",
    rf"\b(?:overdose|overdosing|overdosed|take|taking|took|shoot|shooting|inject|injecting|use|using) .{{0,50}}\b(?:on purpose|deliberately|intentionally|to die|to end it|to end my life|so i die|and die|to not wake up|so i will not wake up|so i do not wake up|until i die|enough to die|enough to kill me|enough to not wake up)\b",
    r"\b(?:want|wanna|going|plan|planning|thinking about|think about|thought about|thinking of|tempted|about|decided|ready) (?:to |)(?:overdose|overdosing)\b(?!.{0,30}\b(?:by accident|accidentally|by mistake)\b)",
    r"\b(?:going|gonna|plan|planning|want|wanna|ready|about|decided|thinking about|think about) (?:to |)(?:take|taking|swallow|swallowing|use|using|shoot|shooting|inject|injecting|do|doing) (?:all|every|everything|the whole|a whole|all of|the rest|enough)\b",
    r"\b(?:how much|how many) (?:\w+ ){0,3}(?:would|will|does it take to|to) (?:kill me|end my life|make me die|take to die)\b",
    r"\benough (?:\w+ ){0,2}to (?:kill me|kill myself|end my life|end it|die|not wake up)\b",
    r"\b(?:jump|jumping) (?:off|from|in front of) (?:a|the|my|this) (?:bridge|building|roof|cliff|train|bus|car|tower|balcony|truck|lorry)\b",
    r"\b(?:step|walk|run|throw myself|walking|stepping) (?:out )?in(?:to| front of) (?:traffic|a train|the train|a bus|a truck|a lorry)\b",
    r"\b(?:slit|cut|cutting|slash|slashing) my (?:wrists?|throat)\b",
    r"\b(?:gun|pistol|rifle) (?:to|in) my (?:head|mouth)\b|\bblow my (?:brains|head) (?:out|off)\b",
    r"\b(?:want|wanna|going|feel like|urge|urges|tempted|thinking about|planning|plan) (?:to |)(?:hurt|hurting|harm|harming|cut|cutting) (?:my ?self)\b",
    r"\bself ?harm(?:ing)?\b(?! (?:rates?|statistics|stats|prevention|is it|mean))",
    r"\b(?:i am|i m|im|feel|feeling) (?:done with|finished with|tired of|sick of|over) (?:life|living|being alive|existing|it all|everything)\b",
    r"\b(?:give|giving|given|gave) up on (?:life|living|myself|everything)\b",
    r"\b(?:not|will not|wont) be (?:here|around|alive) (?:tomorrow|much longer|for long|by (?:morning|tomorrow|monday|the weekend)|anymore|any more|next week)\b",
    r"\bi (?:should|deserve to|might as well|may as well|ought to|just want to) (?:just )?(?:die|be dead|not exist|not be here|disappear forever)\b",
    r"\b(?:everyone|everybody|they|the world|my (?:family|kids|children|son|daughter|mum|mom|parents|wife|husband|partner)|people|the family) (?:would|will|d) be (?:better|happier|fine|okay|ok) (?:off )?(?:without me|if i (?:was|were|am) (?:gone|dead|not (?:here|around)))\b",
    r"\b(?:disappear|vanish|go away|sleep) (?:forever|for good|permanently) (?:and never|and not|so)\b|\bwant to disappear forever\b",
    r"\bwhy (?:should|do|would) i (?:even )?(?:keep |bother )?(?:living|stay alive|be alive|go on|carry on|keep going|wake up)\b",
]
_SU_OTHER = [
    rf"\b(?:{_SUBJ}|he|she|they) (?:is |s |are |has been |keeps |keep |)(?:\w+ ){{0,3}}?(?:going to|trying to|about to|threatening to|threatened to|wants to|want to|said (?:he|she|they) would|says (?:he|she|they) will|talking about|talks about|tried to|planning to|plans to|attempting to|attempted to|is about to) "
    r"(?:kill|killing|end|ending|hang|hanging|shoot|shooting|hurt|hurting|off|offing) (?:himself|herself|themselves|themself|his life|her life|their life|their lives|it all)\b",
    rf"\b(?:{_SUBJ}|he|she|they) (?:is|s|are) (?:\w+ )?(?:feeling |being |acting |really |very |)suicidal\b",
    r"\b(?:himself|herself|themselves) (?:on purpose|deliberately)\b",
    rf"\b(?:{_SUBJ}|he|she|they) (?:just |)(?:tried|attempted|is trying|s trying|are trying) (?:to |)(?:commit suicide|suicide|kill (?:himself|herself|themselves)|overdose on purpose|end (?:his|her|their) life)\b",
]

_FLAGS = re.IGNORECASE


def _compile(patterns):
    return re.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


_RX_OD_NOW = _compile(_OD_NOW)
_RX_OD_PAST = _compile(_OD_PAST)
_RX_OD_SIMPLE = _compile(_OD_SIMPLE)
_RX_SU_SELF = _compile(_SU_SELF)
_RX_SU_OTHER = _compile(_SU_OTHER)

# A cheap first look: most questions contain none of these stems and skip all the work.
_PREFILTER = re.compile(
    r"breath|wake|waking|woke|rous|respon|conscious|blue|grey|gray|purple|ashen|pale|white|overdos|"
    r"too much|too many|naloxone|collaps|limp|floppy|gurgl|snor|chok|rattl|moving|dying|dead|"
    r"kill|suicid|die\b|end |ending|life|live|living|alive|exist|better off|go on|keep going|carry on|"
    r"take it|do this|stop|over|point|reason|wish|sleep|hurt|harm|cut|jump|traffic|wrist|gun|done with|"
    r"tired of|sick of|give up|giving up|here tomorrow|around|all|whole|every|purpose|deliberate|"
    r"intentional|unalive|hang|traffic|pulse|heartbeat|react|come round|come around|getting up|pass|black|"
    r"nodding|emergency|help|cold|lifeless|cope|bear|handle|worth|without me|disappear|vanish", _FLAGS)


# ---------------------------------------------------------------------------------------------
# Deciding whether a hit is a report of something happening now
# ---------------------------------------------------------------------------------------------

def _window(text: str, start: int, words: int = 9) -> str:
    before = text[:start].split()
    return " ".join(before[-words:])


def _is_general(text: str, start: int, end: int) -> bool:
    """A hypothetical or general question with nobody in particular: "what if someone stops breathing"."""
    prefix = _window(text, start, 10)
    hypo = None
    for hypo in _HYPO.finditer(prefix):
        pass
    match_text = text[start:end]
    if hypo is None:
        # No hypothetical word: still general when the subject is generic and a modal governs it
        # ("opioids can make you stop breathing", "a person can stop breathing").
        tail = " ".join(prefix.split()[-4:])
        if re.search(r"\b(?:can|could|may|might|will|would|should|to|make|makes|cause|causes|causing|let)\b(?: \w+)?$", tail) \
                and not re.search(r"\b(?:i|he|she|they|we|my \w+|his|her)\s+(?:can|could|may|might|will|would|should)\s*$", tail):
            return True
        return bool(re.search(r"\b(?:a|any|every|the) \w+ who (?:\w+ )?$", prefix)) and \
            not _SPECIFIC.search(" ".join(prefix.split()[-3:]))
    segment = prefix[hypo.end():] + " " + match_text
    if _SPECIFIC.search(segment.replace(" a person", " ").replace("the person", " ")) and not _GENERIC.search(segment):
        return False
    return True


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATED_BEFORE.search(text[max(0, start - 20):start]))


def _od_hit(text: str) -> bool:
    for m in _RX_OD_NOW.finditer(text):
        if _is_general(text, m.start(), m.end()):
            continue
        if re.match(r"(?:overdosing|having|unresponsive|unconscious|out cold|lifeless|in )", m.group(0)) \
                and _negated(text, m.start()):
            continue
        return True
    for m in _RX_OD_PAST.finditer(text):
        if _is_general(text, m.start(), m.end()) or _negated(text, m.start()):
            continue
        if _HISTORY.search(text) and not _NOW.search(text):
            continue
        if re.search(r"\b(?:if|when|whenever|what happens|in case)\b", _window(text, m.start(), 8)) and \
                re.match(r"(?:took|taken|take|had|done|did|used|shot|injected|snorted|smoked|swallowed|consumed|drank|popped|ate)\b",
                         m.group(0)) and not re.search(r"\b(?:i|he|she|they|my)\b", _window(text, m.start(), 4)):
            continue
        return True
    for m in _RX_OD_SIMPLE.finditer(text):
        prefix = _window(text, m.start(), 10)
        if _HYPO.search(prefix) or _negated(text, m.start()):
            continue
        if re.search(r"\b(?:can|could|may|might|will|would|should|to|not|dont|risk|chance|likely)\s*$", prefix):
            continue
        if m.group(0) == "overdoses" and not re.search(
                rf"\b(?:{_PRON}|my \w+|friend|mate|someone|somebody)\b(?: \w+)?\s*$", prefix):
            continue
        if _HISTORY.search(text) and not _NOW.search(text):
            continue
        return True
    return False


def _su_hit(text: str) -> bool:
    for m in _RX_SU_SELF.finditer(text):
        phrase = m.group(0)
        prefix = _window(text, m.start(), 10)
        if _negated(text, m.start()) and not phrase.startswith(("do not", "dont", "no ", "not ", "nothing", "can not",
                                                                  "never", "will not", "no longer")):
            continue
        if phrase.startswith("suicid") or " suicide" in phrase or phrase.startswith("self"):
            # "suicidal", "commit suicide": whose? A generic or hypothetical subject is a question.
            if re.search(r"\b(?:help|support|talk to|talking to|deal with|approach|handle)\b(?: \w+){0,4} "
                         r"(?:who|that|if|when|whos)\b(?: \w+){0,3}$", prefix):
                continue
            if _is_general(text, m.start(), m.end()):
                continue
            near = " ".join(prefix.split()[-5:])
            if re.search(r"\b(?:you|someone|somebody|people|anyone|a person|a friend|others)\b", near) and \
                    not re.search(r"\b(?:i|me|my|myself|im)\b", near):
                continue
            if re.search(r"\b(?:he|she|they|him|her|them|his|their)\b(?: \w+){0,2}$", prefix) and \
                    not re.search(r"\b(?:i|me|myself)\b", " ".join(prefix.split()[-3:])):
                # someone else is suicidal: the "other" rules decide
                continue
        if _is_general(text, m.start(), m.end()) and not re.search(r"\b(?:i|me|my|myself)\b", prefix + " " + phrase):
            continue
        if (re.search(r"\b(?:used to|tried|attempted|was|were|wanted|thought)\b", prefix + " " + phrase)
                and _HISTORY.search(text) and not _NOW.search(text)):
            continue
        return True
    for m in _RX_SU_OTHER.finditer(text):
        prefix = _window(text, m.start(), 10)
        if _negated(text, m.start()):
            continue
        if re.search(r"\b(?:help|support|talk to|deal with|approach|handle)\b(?: \w+){0,3}$", prefix) or \
                re.search(r"\b(?:help|support)\b(?: \w+){0,4} (?:who|that)\b", prefix + " " + m.group(0)):
            continue
        if _is_general(text, m.start(), m.end()):
            continue
        if _HISTORY.search(text) and not _NOW.search(text):
            continue
        return True
    return False


def detect_crisis(text: str) -> str | None:
    """OVERDOSE or SUICIDE when the text reports a crisis happening now; None for anything else."""
    if not text:
        return None
    norm = normalise(text)
    if not norm or not _PREFILTER.search(norm):
        return None
    if _od_hit(norm):
        return OVERDOSE
    if _su_hit(norm):
        return SUICIDE
    return None
