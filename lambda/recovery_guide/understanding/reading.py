"""What a question means, in the conversation so far: the understanding's one entry point after the
crisis check.

read(text, locale, context) runs the trained question model (topics plus the turns that are not a
topic: small talk, a request for a number, a follow-up leaning on the last answer), resolves a
follow-up against the entry last spoken about, chooses the entry within the topic, and decides
whether the skill is sure enough to answer or should ask which of two things the person means.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import library
from .lazy_regex import LazyRegex
from .normalise import normalise

ANSWER, ASK_BACK, UNSURE, SMALL_TALK, NUMBER, FOLLOW_UP = "answer", "ask_back", "unsure", "small_talk", "number", "follow_up"
OUT_OF_SCOPE = "out_of_scope"

# Sure enough to answer: the best topic has this probability, or leads the next by this much.
SURE = 0.5
CLEAR_LEAD = 0.25
# Worth offering when asking back; below NOT_ANY nothing is close enough, and the skill says what it covers.
WORTH_OFFERING = 0.12
NOT_ANY = 0.2
# A turn that is not a question (small talk, a number, a follow-up) wins only with this much.
UTILITY_SHARE = 0.4
# A question on the helpline topic that leans this much towards asking for a number is a number request.
NUMBER_WITHIN_HELPLINE = 0.05
HELPLINE = "helpline"

_PRONOUN = re.compile(r"\b(it|that|this|them|those|they|one)\b")
# Words that say what a question is about: with one of them the question stands on its own.
_LIBRARY_WORDS = (r"buprenorphine|naloxone|naltrexone|methadone|lofexidine|fentanyl|heroin|opioid|withdrawal|detox|"
                  r"rehab|treatment|overdose|relapse|helpline|pregnant|tolerance")
_SUBJECT_WORDS = re.compile(rf"\b({_LIBRARY_WORDS}|clonidine|kratom|xylazine|alcohol)\b")

# Words of the library's world (after normalising). With one of them, a question the model is unsure
# of is still one of ours: the skill offers its best two readings rather than saying what it covers.
_DOMAIN_WORDS = re.compile(
    rf"\b({_LIBRARY_WORDS}|prescription|stop|stopped using|"
    r"recovery|use|using|used|user|drugs?|habit|addict\w*|clean|sober|cravings?|crave|high|doses?|dosing|"
    r"clinic|counsell?or|counsell?ing|support meeting|inject\w*|needles?|sick|aches?|pharmacy|chemist)\b")
# The least share a topic needs to be offered when the words are the library's but the model is unsure.
WORTH_OFFERING_IN_DOMAIN = 0.08
# Below this, "out of scope" does not outweigh the library's own words.
OUT_OF_SCOPE_DOUBT = 0.6

# Words that ask for a line or a person to contact ("who do I ring", "a support line for families",
# "number for NA"). When the model reads such words as another topic, the person still gets a number:
# a description of help with no way to reach it fails the asker. Not for an emergency (the crisis
# check answers those with the emergency number) nor questions about the helplines themselves.
_ASKS_FOR_CONTACT = LazyRegex(
    r"\b(?:phone number|numbers? (?:for|to|of a|i can|we can|please)|(?:the|a|any|your|their|some) "
    r"(?:\w+ ){0,3}?number\b(?! of)|(?:a|any|some) (?:\w+ ){0,2}?(?:helpline|phone line|support line|advice line|"
    r"text line|line for|line to)\b|"
    r"(?:who|whom|where|somebody|someone|anyone|anybody|person|counsell?or) (?:do |can |should |could |would )?"
    r"(?:i |we |you |they |he |she |(?:my|our|his|her) \w+ )?(?:even |actually |really |just |then )?(?:ring|call|phone|text|contact)\b|"
    r"(?:who|whom) (?:do|can|should|could|would) (?:i|we|my \w+) (?:talk|speak|chat) (?:to|with)\b|"
    r"(?:a|any|some) (?:\w+ ){0,2}?(?:line|helpline|hotline|number) (?:just |only |especially |specifically )for\b|"
    r"(?:a|any|some) (?:\w+ ){0,3}?(?:line|helpline|hotline|number) (?:\w+ ){1,3}?(?:can|could|should|would|will|might) "
    r"(?:call|ring|phone|text)\b|"
    r"(?:anywhere|somewhere|a place|places) (?:\w+ ){0,3}?(?:can|could|to) (?:ring|call|phone|text)\b|"
    r"(?:contact|contacts|contact details) (?:for|of)\b|give me (?:a |the |some )?contacts?\b|"
    r"(?:get hold of|get in touch with|reach) (?:na|aa|narcotics anonymous|smart recovery|support meeting|nar anon|samaritans|frank|"
    r"lifeline|a counsell?or|someone|somebody|a person|(?:a|an) (?:real |actual |live )?(?:human|person)|"
    r"the \w+ (?:line|helpline|service))\b|"
    r"(?:can|could|may) (?:i|we) (?:call|ring|phone|text|speak to|talk to) (?:someone|somebody|anyone|a person|"
    r"a counsell?or|a human|a real person)\b|"
    r"(?:someone|somebody|anyone|anybody|a person|(?:a|any|some) counsell?or) (?:i|we|you|he|she|they|(?:my|our|his|her) \w+) "
    r"(?:can|could|might) (?:ring|call|phone|text|talk to|speak to|message)\b|"
    # "are there peer workers who've been through it that I can actually talk to"
    r"(?:people|peers?|peer (?:workers?|supporters?|support workers?)|volunteers?|counsell?ors?|mentors?)\b(?: \w+){0,8}? "
    r"(?:that|who|whom) (?:i|we) (?:can|could) (?:actually |really |just )?(?:talk|speak|chat) (?:to|with)\b|"
    r"(?:can|could) (?:i|we) (?:text|message|chat)\b(?! (?:my|him|her|them|his|their))|"
    r"(?:can|could) (?:he|she|they|(?:my|our|his|her) \w+) (?:text|message|chat (?:to|with)|ring|call|phone) "
    r"(?:someone|somebody|anyone|anybody|a person|a counsell?or)\b|"
    r"(?:want|need|like|wanna|would like) to (?:talk|speak|chat) (?:to|with) (?:someone|somebody|a person|a human|"
    r"a counsell?or|a professional|anyone|a real person)\b|"
    r"what (?:\w+ ){0,2}?(?:number|line|helpline)s? (?:do|should|can|could|would|will) (?:i|we|you|they)\b|"
    r"(?:a|any|some|that) (?:\w+ ){0,3}?(?:line|helpline|hotline|number) (?:that|which|where|who)\b|"
    r"who (?:is |s )?(?:awake|around|up|there|available|on) (?:\w+ ){0,3}?to (?:talk|speak|chat) (?:to|with)\b|"
    r"(?:someone|somebody|anyone|anybody|a person|people) to (?:talk|speak|chat|yarn) (?:to|with)\b|"
    r"(?:need|want|have) to (?:call|ring|phone|text|speak to|talk to) (?:someone|somebody|a person|a counsell?or|a human|"
    r"a real person)\b|"
    r"(?:can|could|should|do) (?:i|we) (?:call|ring|phone|text|be calling|be ringing|be phoning|be texting) (?:the )?(?:\d+|one one one|nine nine nine|triple zero|"
    r"samaritans|frank|lifeline|nhs|the helpline|\w+ line|\w+ helpline)\b|"
    r"^(?:\w+ ){1,4}(?:line number|number|helpline|hotline)(?: please| now)?$|"
    # "drugs helpline for students": a few words around a helpline are asking for one
    r"^(?:\w+ ){0,4}(?:helpline|hotline|help line|hot line)s?(?: \w+){1,4}$|"
    # "is there any doctor on phone who can tell me what to give": a person to speak to, by phone
    r"(?:doctor|nurse|counsell?or|pharmacist|someone|somebody|anyone|anybody|a person|a human|expert|professional)s? "
    r"(?:on|over) (?:the )?phone\b|"
    r"^(?:\w+ ){1,5}(?:phone|phone number|contact number)(?: please| now)?$(?<!my phone)(?<!your phone)(?<!his phone)(?<!her phone)(?<!our phone)|"
    r"(?:who|whom|where) to (?:ring|call|phone|text|contact|turn to)\b|"
    # "what is the number of Tele MANAS" (Indian English), "what's that never use alone line"
    r"(?:what is|what s|whats|give me|tell me|need|want|send me) the number of (?!(?:people|times|days|hours|weeks|months|"
    r"years|pills|tablets|doses|deaths|overdoses|users|beds|sessions|steps|milligrams|mg)\b)|"
    r"what (?:is |s )?(?:that|the|this) (?:\w+ ){0,4}?(?:line|hotline|helpline)\b(?! (?:between|of|about))|"
    r"^(?:the |a |any )?(?:\w+ )?(?:line|helpline|number)(?: please| now)?$)")
# Every way of asking above says one of these words: a question without any of them ("how long does
# withdrawal last", most first requests) is answered without compiling the pattern, which costs a cold
# start about 6 ms. tests/test_understanding_dialog.py proves each alternative contains one.
CONTACT_WORDS = ("number", "line", "ring", "call", "phone", "phoning", "text", "contact", "hold", "touch", "reach",
                 "speak", "talk", "chat", "message", "yarn", "turn")


_EMERGENCY_WORDS = re.compile(r"\b(?:overdose|not breathing|ambulance|911|999|000|112|emergency|police|nine nine nine|"
                              r"nine one one|triple zero|"
                              r"paramedics?|"
                              # naloxone given, not naloxone sought: "who do I ring to get naloxone" wants a number
                              r"(?<!get )(?<!find )(?<!buy )(?<!order )(?<!free )(?<!some )naloxone"
                              r"(?! (?:mailed|delivered|sent|kits?|for free|near))"
                              r")\b")
NUMBER_NEEDS = ("crisis", "drug", "treatment", "any")


# An overdose told as a death or a loss is no emergency now: "whom should I call, my cousin died from
# overdose last year" asks for a number.
_LOSS_TO_OVERDOSE = re.compile(r"(?<!if )(?<!when )(?<!if he )(?<!if she )(?<!if they )(?<!when he )(?<!when she )"
                               r"\b(?:die|died|dies|passed away|passed|lost (?:\w+ ){1,2}?to) (?:from |of |after |to )?(?:an |a )?"
                               r"overdose\b")


# "at what point should I ring 111 if I'm rattling": when to get help, not which number.
_WHEN_TO_RING = re.compile(r"\b(?:at what point|how (?:sick|bad|long|ill)|how do i know when)\b")


def asks_for_contact(norm: str) -> bool:
    if not any(word in norm for word in CONTACT_WORDS) or _WHEN_TO_RING.search(norm):
        return False
    return bool(_ASKS_FOR_CONTACT.search(norm)) and not _EMERGENCY_WORDS.search(_LOSS_TO_OVERDOSE.sub("", norm))


# A question about another substance, with no opioid in it, is outside the library: only the
# out-of-scope entries (with their safety lines) answer it, so "how long does xanax withdrawal last"
# never gets opioid timings. The model alone learns this unevenly from few examples.
_OTHER_SUBSTANCES = re.compile(
    r"\b(alcohol|(?<!eating and )(?<!eating or )(?<!eat or )(?<!eat and )(?<!food and )(?<!food or )"
    r"drinking(?! (?:water|fluids?|enough|plenty|electrolytes?|juice|tea|broth))|"
    r"drinks(?! (?:of water|water))|drunk|alcoholic|aa meetings?|beer|wine|liquor|vodka|whiskey|booze|hangover|vape|vaping|nicotine|"
    r"zyns?|snus|"
    r"cigarettes?|durr(?:y|ies)|ciggies|ciggy|fags|smokes|"
    # "is smoking it safer than shooting it": a way of using the drug, not tobacco
    r"smoking(?! (?:it|heroin|fent\w*|gear|dope|foil|on foil|them|those|pills|blues|oxy\w*|h)\b)(?!.*\b(?:shooting|injecting|"
    r"banging|snorting|iv)\b)|tobacco|gutka|gutkha|meth(?! (?:script|scripts|prescription|dose|doses|clinic|program|"
    r"programme|maintenance|treatment|take homes?)\b)|methamphetamine|ket|sleeping (?:tablets|pills)|zopiclone|zolpidem|ambien|ice|crystal|cocaine|coke|crack|cannabis|"
    r"marijuana|weed|ganja|charas|bhang|hashish|(?<=on )spice|(?<=smoking )spice|(?<=smokes )spice|ecstasy|mdma|molly|ketamine|gambling|caffeine|xanax|valium|ativan|klonopin|diazepam|"
    r"alprazolam|lorazepam|clonazepam|benzos?|benzodiazepines?|adderall|ritalin|stimulants?|speed)\b")
_OPIOID = re.compile(
    r"\b(opioids?(?<!not opioids)(?<!not opioid)|heroin|fentanyl|buprenorphine|naloxone|naltrexone|methadone|lofexidine|opioid pill|overdose|"
    r"kratom|tramadol|morphine|codeine|pain ?killers?|pain pills?|(?:the|my|his|her|on|off|of) pills|dope ?sick|drug sick|withdrawal sick|"
    r"junk ?sick)\b")


# "Drug and alcohol service" is how services are named (Australia, the UK): not a question about alcohol.
_DRUG_AND_ALCOHOL = re.compile(r"\bdrugs? (?:and|n) alcohol\b|\balcohol (?:and|n) (?:other )?drugs?\b|\baod\b")


# "how much water should I be drinking": drinking to stay hydrated, not alcohol.
_HYDRATION = re.compile(r"\b(?:water|fluids?|gatorade|electrolytes?|hydrat\w*|rehydrat\w*|juice|tea|broth|soup|ors|"
                        r"food|snacks?|meals?)\b")


# "is withdrawal riskier if I'm coming off benzos at the same time": the other substance is an addition
# to an opioid withdrawal, not the subject.
_ALONGSIDE_WITHDRAWAL = re.compile(r"\b(?:withdrawal|withdrawals|detox|kick\w*|stop\w*|cold turkey)\b.*\b(?:at the same time|"
                                   r"as well|on top|both|also|too)\b|"
                                   r"\b(?:at the same time|as well|on top|both|also)\b.*\b(?:withdrawal|withdrawals|detox|kick\w*|"
                                   r"stop\w*|cold turkey)\b")
# "withdrawal" with no other substance attached ("xanax withdrawal", "withdrawal from benzos") is the
# library's own: "can withdrawal give you a fit or is that only when you're coming off benzos".
_WITHDRAWAL_WORD = re.compile(r"\bwithdrawals?\b")


def _withdrawal_of_its_own(norm: str, others: re.Pattern) -> bool:
    for m in _WITHDRAWAL_WORD.finditer(norm):
        before = " ".join(norm[:m.start()].split()[-2:])
        after = " ".join(norm[m.end():].split()[:3])
        if not others.search(before) and not (re.match(r"(?:from|off|of|on) ", after) and others.search(after)):
            return True
    return False


def other_substance_only(text: str) -> bool:
    norm = normalise(text)
    if _ALONGSIDE_WITHDRAWAL.search(norm) or _withdrawal_of_its_own(norm, _OTHER_SUBSTANCES):
        return False
    found = {m.group(0) for m in _OTHER_SUBSTANCES.finditer(norm)}
    if found and found <= {"drinking", "drinks"} and _HYDRATION.search(norm):
        return False
    return bool(found) and not _OPIOID.search(norm) and not _DRUG_AND_ALCOHOL.search(norm)


# Opioids taken with another drug that slows breathing (benzodiazepines, alcohol, gabapentinoids,
# sleeping pills) is how many overdoses happen: "can I drink on methadone" or "subs and booze ok" needs
# the overdose warning, whatever the medicine's own answers say. Not when the question is about stopping
# both (withdrawal's own answers carry the seizure warning), about naloxone, or methadone being drunk.
_BENZODIAZEPINES = (r"benzos?|benzodiazepines?|xanax|xannies|valium|vallies|ativan|klonopin|diazepam|alprazolam|lorazepam|"
                    r"clonazepam|etizolam|temazepam|bars")
_SLOWS_BREATHING = LazyRegex(
    r"\b(?:" + _BENZODIAZEPINES + r"|gabapentin|gabbies|gabbys|gabapentinoids?|pregabalin|lyrica|"
    r"sleeping (?:pills?|tablets?)|sleepers|zopiclone|zolpidem|ambien|muscle relaxants?|soma|downers|"
    r"alcohol|booze|beers?|wine|liquor|vodka|whiske?y|spirits|drink|drinks|drinking|(?:a )?pegs?|a cold one|"
    r"(?:a )?pints?|a few drinks|a glass of \w+)\b")
_OPIOID_TAKEN = LazyRegex(
    r"\b(?:opioids?|opiates?|heroin|fentanyl|fent|buprenorphine|sublocade|methadone|done|oxy\w*|opioid pills?|"
    r"hydrocodone|morphine|codeine|tramadol|endone|pain ?killers?|pain (?:pills?|meds|medicines?|medication)|dope)\b")
_TAKEN_TOGETHER = LazyRegex(
    r"\b(?:mix\w*|combin\w*|together|with|alongside|along with|on|while|whilst|and|plus|then|after|same time)\b")
_NOT_TAKEN_TOGETHER = LazyRegex(
    r"\b(?:naloxone|narcan|naltrexone|vivitrol|not (?:on )?(?:opioids?|opiates?|heroin|pills)|no opioids?|come off|"
    r"coming off|get off|getting off|came off|quit\w*|stop\w*(?! (?:my |your |his |her |their |the )?breath\w*)|"
    r"withdrawal|withdrawals|detox\w*|rattl\w*|cluck\w*|taper\w*|wean\w*|kick\w*|fake|pressed|counterfeit|"
    r"drink (?:it|my|your|his|her|their|the) |drinks? (?:it|them) |smell\w* of|eat\w* (?:and|or|n) drink\w*|"
    r"drink\w* (?:water|fluids?|juice|tea|electrolytes?)|for (?:the |his |her |my |their )?(?:drinking|alcohol|drink))\b")


def taken_with_depressant(text: str) -> bool:
    """An opioid taken with benzodiazepines, alcohol, gabapentinoids or sleeping pills."""
    norm = normalise(text)
    if not (_SLOWS_BREATHING.search(norm) and _OPIOID_TAKEN.search(norm)):
        return False
    return bool(_TAKEN_TOGETHER.search(norm)) and not _NOT_TAKEN_TOGETHER.search(norm)


MIXING_ENTRY = "overdose-mixing-depressants"

# Coming off opioids and benzodiazepines or heavy drinking together: stopping those can cause seizures,
# so the answer is the one that says so, not "opioid withdrawal is rarely life-threatening".
_STOPS_A_DEPRESSANT = LazyRegex(r"\b(?:" + _BENZODIAZEPINES + r"|alcohol|booze|the drink|drinking)\b")
_STOPPING = LazyRegex(
    r"\b(?:come off|coming off|get off|getting off|quit\w*|stop\w*(?! (?:my |your |his |her |their |the )?breath\w*)|"
    r"withdrawal|withdrawals|detox\w*|rattl\w*|cluck\w*|kick\w*|cold turkey)\b")
SEIZURE_ENTRY = "withdrawal-danger-seizures"


# Drinking that is not alcohol, a drink used to cope (the relief answers say why not), comparisons
# ("like coming off the drink") and drinking medicine ("drinking codeine syrup").
_NOT_STOPPING_TOGETHER = LazyRegex(
    r"\b(?:naltrexone|vivitrol|naloxone|narcan|drink\w* (?:water|fluids?|juice|tea|electrolytes?)|"
    r"eat\w* (?:and|or|n) drink\w*|(?:keep|keeping|hold|holding) (?:\w+ ){0,3}?down|(?:stay|keep|lay) off|avoid\w*|"
    r"to cope|cope with|coping|edge off|help\w* (?:me |him |her )?(?:with|for|through)|for (?:the )?withdrawal|"
    r"get (?:me |him |her )?through|eas\w*|good for|to sleep|drink\w* (?:\w+ )?(?:codeine|cough|syrup|lean|methadone|done|opioid|opiate)|"
    r"(?:do not|never) (?:touch|touched|use|used|take|took|do|did)|"
    r"(?:like|as|than|only|just|unlike|compared to|versus|vs|way they say) (?:\w+ ){0,3}?(?:alcohol|booze|the drink|"
    r"drinking))\b")


def stopping_with_depressant(text: str) -> bool:
    """Coming off an opioid and a benzodiazepine or alcohol together."""
    norm = normalise(text)
    if not (_STOPPING.search(norm) and _STOPS_A_DEPRESSANT.search(norm)):
        return False
    return bool(_OPIOID_TAKEN.search(norm) or _ALONGSIDE_WITHDRAWAL.search(norm)
                or _withdrawal_of_its_own(norm, _STOPS_A_DEPRESSANT)) and not _NOT_STOPPING_TOGETHER.search(norm) \
        and not _DRUG_AND_ALCOHOL.search(norm)


@dataclass
class Reading:
    kind: str                      # ANSWER, ASK_BACK, UNSURE, SMALL_TALK, NUMBER, FOLLOW_UP
    entry: str | None = None       # ANSWER: the entry to speak
    topic: str | None = None
    options: list = field(default_factory=list)   # ASK_BACK: [(topic, entry), ...], best first
    detail: str | None = None      # SMALL_TALK / NUMBER / FOLLOW_UP: which kind ("thanks", "crisis", "more")
    confidence: float = 0.0


def ranked_topics(text: str, locale: str | None) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(topics, other turns), each [(label, probability)] best first; only topics with an entry in
    the listener's country."""
    lib = library.load()
    available = lib.topics_offered(locale)
    topics, others = [], []
    for label, p in lib.question_model().probabilities(text, block="topics"):
        if label.startswith("@"):
            others.append((label, p))
        elif label in available:
            topics.append((label, p))
    return topics, others


def best_entry(text: str, topic: str, locale: str | None) -> str | None:
    """The entry within the topic that answers the words best, among those offered in the country."""
    lib = library.load()
    model = lib.question_model()
    if topic not in model.groups:
        return None
    answers = lib.answers(locale)
    return next((eid for eid, _ in model.probabilities(text, block="entries", group=topic) if eid in answers), None)


def subject_of(entry_id: str | None) -> str | None:
    entry = library.load().entries.get(entry_id or "")
    return entry.get("subject") if entry else None


def resolve_follow_up(text: str, context: dict, follow_up: bool) -> str | None:
    """The words read against what the last answer was about, when they name no subject of their
    own: "where do I get it" after naloxone means naloxone; "how long" after methadone, methadone."""
    subject = subject_of(context.get("entry"))
    if not subject:
        return None
    norm = normalise(text)
    if _SUBJECT_WORDS.search(norm):
        return None
    if _PRONOUN.search(norm):
        return _PRONOUN.sub(subject, norm, count=1)
    return f"{norm} {subject}" if follow_up else None


# Follow-ups that only point back ("tell me more", "another one") rather than ask about the subject.
POINTING = ("more", "another")


def read(text: str, locale: str | None, context: dict | None = None) -> Reading:
    context = context or {}
    topics, others = ranked_topics(text, locale)
    best_topic = topics[0][1] if topics else 0.0
    best_other = others[0] if others else ("", 0.0)
    if best_topic < SURE:
        # Not clear on its own: perhaps it leans on the last answer ("where do I get it", "how long").
        follow_up = best_other[0].startswith("@follow:") and best_other[0][8:] not in POINTING
        resolved = resolve_follow_up(text, context, follow_up)
        if resolved is not None:
            resolved_topics, _ = ranked_topics(resolved, locale)
            if resolved_topics and resolved_topics[0][1] >= max(NOT_ANY, best_topic):
                topics, text, best_other = resolved_topics, resolved, ("", 0.0)
    label, share = best_other
    kind, _, detail = label[1:].partition(":")
    if kind == "follow" and detail not in POINTING and not context.get("entry"):
        share = 0.0   # "side effects?" with nothing said before: read it as the question it can be
    if kind == "number" and share >= NUMBER_WITHIN_HELPLINE and topics and topics[0][0] == HELPLINE:
        share = max(share, UTILITY_SHARE)   # about the helplines, and asking for one: give the line itself
        topics = [(t, p) for t, p in topics if t != HELPLINE]
    if share >= UTILITY_SHARE and share >= (topics[0][1] if topics else 0.0):
        return Reading({"small": SMALL_TALK, "number": NUMBER, "follow": FOLLOW_UP}[kind], detail=detail,
                       confidence=share)
    helpline_sure = bool(topics) and topics[0][0] == HELPLINE and (
        topics[0][1] >= SURE or topics[0][1] - (topics[1][1] if len(topics) > 1 else 0.0) >= CLEAR_LEAD)
    if topics and not helpline_sure and asks_for_contact(normalise(text)):
        # A helpline answer the model is sure of names its number; otherwise give the line itself.
        need, p = next(((label.partition(":")[2], p) for label, p in others
                        if label.startswith("@number:") and label.partition(":")[2] in NUMBER_NEEDS), ("any", 0.0))
        return Reading(NUMBER, detail=need, confidence=p)
    safety_entry = MIXING_ENTRY if taken_with_depressant(text) else SEIZURE_ENTRY if stopping_with_depressant(text) else None
    if safety_entry and safety_entry in library.load().answers(locale):
        # Two drugs at once: the answer that carries the safety fact, whatever the model leans to.
        return Reading(ANSWER, entry=safety_entry, topic=library.load().entries[safety_entry]["topic"], confidence=1.0)
    if other_substance_only(text):
        # About alcohol, benzodiazepines, stimulants...: the library's opioid answers would mislead.
        entry = best_entry(text, OUT_OF_SCOPE, locale)
        if entry:
            return Reading(ANSWER, entry=entry, topic=OUT_OF_SCOPE, confidence=1.0)
    if (topics and topics[0][0] == OUT_OF_SCOPE and topics[0][1] < OUT_OF_SCOPE_DOUBT
            and _DOMAIN_WORDS.search(normalise(text))):
        # Words of the library's world, read as "not ours" without much conviction: weigh the rest.
        topics = [(t, p) for t, p in topics if t != OUT_OF_SCOPE]
    if not topics:
        return Reading(UNSURE)
    (t1, p1), (t2, p2) = topics[0], (topics[1] if len(topics) > 1 else ("", 0.0))
    if p1 >= SURE or p1 - p2 >= CLEAR_LEAD:
        return Reading(ANSWER, entry=best_entry(text, t1, locale), topic=t1, confidence=p1)
    if p1 < NOT_ANY:
        if _DOMAIN_WORDS.search(normalise(text)):
            in_domain = [(t, best_entry(text, t, locale)) for t, p in topics[:2]
                         if p >= WORTH_OFFERING_IN_DOMAIN and t != OUT_OF_SCOPE]
            in_domain = [(t, e) for t, e in in_domain if e]
            if in_domain:
                return Reading(ASK_BACK, options=in_domain, confidence=p1)
        return Reading(UNSURE, topic=OUT_OF_SCOPE if not _SUBJECT_WORDS.search(normalise(text)) else None,
                       confidence=p1)
    options = [(t, best_entry(text, t, locale)) for t, p in ((t1, p1), (t2, p2)) if p >= WORTH_OFFERING
               and t != OUT_OF_SCOPE]
    options = [(t, e) for t, e in options if e]
    if not options:
        return Reading(ANSWER, entry=best_entry(text, t1, locale), topic=t1, confidence=p1)
    return Reading(ASK_BACK, options=options, confidence=p1)


_ORDINALS = [
    (re.compile(r"\b(first|1st|former|number one|option one)\b"), 0),
    (re.compile(r"\b(second|2nd|latter|other|number two|option two|last)\b"), 1),
    (re.compile(r"\b(third|3rd|number three)\b"), 2),
]


def ordinal(text: str) -> int | None:
    """"The second one" → 1; None when the words name no position."""
    norm = normalise(text)
    for pattern, position in _ORDINALS:
        if pattern.search(norm):
            return position
    return None


# Words that name neither of two offers.
_FILLER = frozenset("the a an about of to and or how what is it i me you my".split())


def choose(text: str, choices: list, locale: str | None) -> int | None:
    """Which of the offered choices ([{"topic", "entry"}]) the words pick, if any: by position
    ("the second"), or by naming one of them ("how long it lasts")."""
    position = ordinal(text)
    if position is not None and position < len(choices):
        return position
    topics, _ = ranked_topics(text, locale)
    wanted = [c.get("topic") for c in choices]
    for topic, p in topics[:3]:
        if topic in wanted and p >= WORTH_OFFERING:
            return wanted.index(topic)
    words = set(normalise(text).split())
    for i, choice in enumerate(choices):
        offer_words = set(normalise(library.load().entries.get(choice.get("entry"), {}).get("offer", "")).split())
        if len(words & offer_words - _FILLER) >= 1:
            return i
    return None

