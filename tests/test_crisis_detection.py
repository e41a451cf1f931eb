"""The crisis detector: every way people say "an overdose is happening" or "I want to die" is caught;
questions about overdose or suicide, withdrawal fears, figures of speech and past events are not.

Sentences are written as speech arrives: often without punctuation, contractions spelled oddly,
in the ways people speak in the US, the UK, Canada, Australia and India.
"""
from __future__ import annotations

import json
import os

import pytest

from recovery_guide.understanding.crisis import OVERDOSE, SUICIDE, detect_crisis, normalise

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

# --- an overdose happening now, to the speaker or someone else -------------------------------------
OVERDOSE_STATEMENTS = [
    # breathing
    "my friend isn't breathing",
    "my friend isnt breathing",
    "he is not breathing",
    "she stopped breathing",
    "i think he's stopped breathing what do i do",
    "he's barely breathing",
    "my boyfriend is hardly breathing and he took something",
    "i can't breathe i took too much",
    "I CANT BREATHE",
    "her breathing is really slow and shallow",
    "mate's not breathing",                                   # UK / Australia
    "my mate's stopped breathing help",
    "someone here is not breathing",
    "my son's not breathing properly",
    # waking and responding
    "i can't wake him up",
    "I can't wake my husband",
    "she won't wake up",
    "he wont wake up",
    "my dad is unresponsive",
    "he is not responding",                                   # India
    "she is not responding and her lips look blue",
    "my brother passed out and won't respond",
    "he passed out and we cant wake him",
    "she's unconscious on the bathroom floor",
    "he's out cold and won't come round",                     # UK
    "my roommate is snoring really loud and i can't wake him up",
    "he's making gurgling sounds and i can't get him to wake up",
    "my friend is not getting up after taking tablets",        # India
    # colour, collapse
    "he's collapsed and gone blue",                           # UK / Australia
    "her lips are blue",
    "his face is turning grey",
    "his lips have gone purple",
    "she's gone floppy and grey",
    "my partner collapsed after using",
    # overdose itself
    "someone is overdosing",
    "I think someone is overdosing they're not breathing",
    "I think I'm having an overdose",
    "i think im overdosing",
    "am I overdosing",
    "my friend is overdosing what do i do",
    "is my friend overdosing",
    "he's OD'ing",
    "he is O-D-ing",
    "my friend O.D.ed",
    "he o d'd",
    "she just ODed on fentanyl",
    "my brother just overdosed",
    "i think my girlfriend overdosed",
    "she's taken an overdose",                                # UK
    "he has taken overdose of sleeping tablets",              # India
    "my sister consumed too many tablets",                    # India
    "he took too much",
    "i think i took too much",
    "I took all my pills",
    "my mum swallowed a whole bottle of pills",
    "need narcan now",
    "i gave him narcan and he's still not breathing",
    "we gave her naloxone what now",
    "help my friend overdosed",
    "i think he's dead he's not moving",
    "he is having a drug poisoning",                          # Canada
    "my buddy's turning blue eh",                              # Canada
    "I think I'm dying",
    "my friend just took a bunch of pills and won't wake up",
    "hes not breathin",
    "he's cold and blue",
    "she's passed out and we can't rouse her",                # UK
    "he's not come round yet and his lips are blue",           # UK
    "my partner's just collapsed after a hit",
    "i think my bf is od ing",
    "he is OD",                                                 # India: "he is OD"
    "my uncle is not responding after taking drugs",           # India
    "my brother took heavy dose and not waking up",            # India
    "she's gone grey and she's not breathing",
    "overdose help",
    "the naloxone didn't work",
    "i found my son unresponsive",
    "theres a man passed out and he wont wake up",
    "help me i'm dying",
    "my son is lying there not moving after using",
    "i've rung 999 he's not breathing",                        # UK
    "he's not breathing i've called triple zero",              # Australia
    "narcan brought him back and now he wants to go cop",      # revived and going to buy more
    "we narcanned him and now he's fixing to go get well",     # Southern US: about to go and use
    "did way more than i usually do and my arms have gone numb",
    "bhai saans nahi le raha please help",                     # Hindi words in Indian English: not breathing
    "bachcha ne nani ki goliyan kha li",                       # a child swallowed grandmother's pills
]

# --- suicidal thoughts or intent now -------------------------------------------------------------
SUICIDE_STATEMENTS = [
    "I want to kill myself",
    "i wanna kill myself",
    "I'm going to kill myself tonight",
    "i keep thinking about killing myself",
    "I want to end it all",
    "i just want to end it",
    "i want to end my life",
    "I'm thinking of ending my life",
    "i want to die",
    "I just wanna die",
    "I'd be better off dead",
    "everyone would be better off without me",
    "my family would be better off without me",
    "I don't want to be alive anymore",
    "i dont want to live anymore",
    "I don't wanna live any more",
    "there's no reason to live",
    "i have nothing to live for",
    "I'm suicidal",
    "I feel suicidal",
    "i've been having suicidal thoughts",
    "im feeling really suicidal tonight",
    "i'm going to take my own life",
    "I want to take my life",
    "i'm going to overdose on purpose",
    "i want to OD on purpose",
    "I'm going to take everything I have so I don't wake up",
    "I want to go to sleep and never wake up",
    "dying seems better than living",
    "death would be easier than this",
    "I can't go on",
    "i cant go on like this",
    "I want it all to stop forever",
    "i wish i was dead",
    "I wish I could just die",
    "i'd rather be dead",
    "life isn't worth living",
    "what's the point of living anymore",
    "I'm thinking about suicide",
    "i want to commit suicide",
    "i've written a suicide note",
    "I can't take it anymore",
    "I can't do this anymore",
    "i won't be here tomorrow",
    "I'm done with life",
    "i want to hang myself",
    "I'm going to jump off a bridge",
    "i want to hurt myself",
    "how much heroin would it take to kill me",
    "i just want to disappear forever",
    "i'm going to use everything i've got and not wake up",
    "my son says he's going to kill himself",
    "my girlfriend is trying to kill herself",
    "my friend is suicidal right now",
    "honestly mate I want to top myself",                     # UK: "top myself"
    "i feel like ending it all tonight",
    "i dont see any reason to go on living",
    "i am planning to end my life",                           # India
    "nobody would miss me if i was gone",
    "i don't want to wake up tomorrow",
    "i hope i don't wake up",
    "i've got a rope",
    "i'm thinking about overdosing on purpose",
    "the world would be better without me",
    "my wife is threatening to kill herself",
    "i'm a burden and everyone would be better off without me",
    "i'm ready to end it all",                                  # Australia / UK
    "i want to jump in front of a train",
    "i don't see the point anymore",
    "how many pills does it take to die",
    "i feel like dying",
    "what is the most painless way to die",
    "easiest way to overdose and not wake up",
    "my friend says he feels like dying",
    "this is my last night",
    "tonight's my last night on earth",
    "how do i tell my mum i am suicidal",                      # the speaker's own state inside a question
    "main marna chahta hoon",                                  # Hindi: I want to die
    "i'm on the station platform thinking about stepping in front of the next train",
    "i picked up a gun this morning and i know what it's for",
]

# --- not a crisis: questions, fears, figures of speech, history -----------------------------------
NOT_OVERDOSE_CRISIS = [
    "what are the signs of an overdose",
    "what are the symptoms of an opioid overdose",
    "how do I know if someone is overdosing",
    "how can i tell if a person is overdosing",
    "what do I do if someone overdoses",
    "what should i do if someone stops breathing",
    "what do i do if my son overdoses",
    "what happens if someone won't wake up after using",
    "what are Good Samaritan laws",
    "will the good samaritan law protect me if i call 911",
    "can naloxone reverse a fentanyl overdose",
    "can narcan reverse an o d",
    "why are overdoses so common after detox",
    "how do I prevent an overdose after detox",
    "can you overdose on suboxone",
    "could I overdose on methadone",
    "if i'm taking my medication as prescribed could i still overdose",
    "is it dangerous to give naloxone to someone who is not overdosing",
    "will naloxone help if the person overdosed on other drugs",
    "can opioids make you stop breathing",
    "why do opioids slow your breathing",
    "do your lips turn blue in an overdose",
    "how do I use narcan",
    "where can i get naloxone",
    "what is dope sick",
    "i'm dope sick",
    "I feel so dope sick I can't sleep",
    "my brother died of an overdose last year",
    "I overdosed two years ago and I'm scared of using again",
    "my son has overdosed twice before",
    "i had an overdose back in 2019",
    "should I take the person to the emergency room",
    "how long does naloxone last",
    "is it safe to use alone",
    "how much fentanyl is too much",
    "what happens if you take too much methadone",
    "how many overdoses happen every year",
    "my veins collapsed from injecting",
    "I'm feeling blue today",
    "this craving is killing me",
    "I'm dying to know how long withdrawal lasts",
    "I feel like I'm dying from withdrawal",
    "can you die from withdrawal",
    "i can't sleep during withdrawal",
    "I can't stop using",
    "I'm not breathing right because of anxiety what helps",      # panic: genuinely ambiguous
    "what are the chances of overdosing after detox",
    "what if i take too much naltrexone",
    "how do i wake someone who is nodding out",
    "will naloxone wake them up",
    "she won't wake up for school",
    "my veins have collapsed",
    "my dad passed out drunk last night",
    "what should you do if a person won't wake up",
    "why do people turn blue when they overdose",
    "does fentanyl make you stop breathing",
    "i've overdosed three times",
    "i lost my sister to an overdose",
    "my friend is not moving in with me",
    "i'm not going to overdose i'm careful",
    "what would i do if my son overdosed in his room",
    "the nurse brought him back to the ward and he wants to use the phone",
    "i keep having nightmares that my brother overdosed",
    "had the runs for three days while rattling and can't keep fluids down, when do i see a doctor",
    "the staff saved her at the injecting room last month, is it safe to go back",
    "i'm scared that one day i'll find my son overdosed in his room",
    "is it true you put ice on someone or put them in a cold bath if they're overdosing",
    "watching a soap and a lad od'd, do they really come round that quick with narcan",
]
# Genuinely ambiguous: the detector may call it a crisis (a false alarm costs seconds), so it is not asserted.
AMBIGUOUS_ALLOWED = {"I'm not breathing right because of anxiety what helps"}

NOT_SUICIDE_CRISIS = [
    "is 988 only for suicide",
    "is the 988 number only for suicide related crises",
    "how do I help a friend who is suicidal",
    "how can i support someone who is suicidal",
    "what are the warning signs of suicide",
    "what is the suicide and crisis lifeline",
    "can withdrawal make you suicidal",
    "does methadone cause suicidal thoughts",
    "is the suicide rate higher in people who use opioids",
    "this is my last night in rehab before i go home",
    "a teacher i work with asked how to spot a pupil who might be suicidal",
    "why does my keyworker ask me if i'm feeling suicidal every visit",
    "what do i say if my daughter ever tells me she wants to die",
    "how do i help a friend who is saying she wants to die",
    "i worry that one day i'll slip up and not wake up",
    "if I don't get my pills I'll go into withdrawal and I can't stand it I might die",
    "can you die from opioid withdrawal",
    "I feel like I'm dying from withdrawal",
    "i feel like im dying",
    "this craving is killing me",
    "my back is killing me",
    "I'm dying to know when I'll feel normal",
    "I'm dying for a cigarette",
    "i don't want to die",
    "I don't want to die from an overdose",
    "I'm scared I'll die if I keep using",
    "I want to end my addiction",
    "i want to end it with my dealer",
    "I want to take my life back",
    "I'm ready to take my life back from heroin",
    "I want to stop using forever",
    "I want the withdrawal to stop",
    "I want this withdrawal to be over",
    "i can't go on methadone because of my job",
    "I can't stand the cravings",
    "I'm not suicidal I just want to know about suboxone",
    "i would never kill myself",
    "i used to want to die when i was using but now i'm doing better",
    "I tried to kill myself years ago and I'm in recovery now",
    "my cousin killed himself last year",
    "my brother died of an overdose last year",
    "I'm dope sick and miserable",
    "what happens when you call 988",
    "who should call the national helpline",
    "addiction and suicide how do i get help for myself or my loved one",
    "I don't want to live with my parents anymore",
    "i dont want to go on suboxone",
    "how do I kill the cravings",
    "i'm sick of withdrawal",
    "what is the point of detox",
    "is there any reason to take naltrexone",
    "my friend is suicidal what should i tell him",
    "what do i say to a friend who is suicidal",
    "how do i help my son who wants to kill himself",
    "does withdrawal make people suicidal",
    "i feel like i'm going to die from withdrawal",
    "i thought i was going to die during withdrawal",
    "i'm saying goodbye to heroin",
    "i want to die my hair blue",
    "i dont want to wake up early for the clinic",
    "i just want to go to sleep",
    "withdrawal makes me feel like dying",
    "what's the best way to stop using",
    "i want to stop heroin for good",
]


@pytest.mark.parametrize("text", OVERDOSE_STATEMENTS)
def test_overdose_statements_are_recognised(text):
    assert detect_crisis(text) == OVERDOSE, normalise(text)


@pytest.mark.parametrize("text", SUICIDE_STATEMENTS)
def test_suicidal_statements_are_recognised(text):
    assert detect_crisis(text) == SUICIDE, normalise(text)


@pytest.mark.parametrize("text", [t for t in NOT_OVERDOSE_CRISIS if t not in AMBIGUOUS_ALLOWED])
def test_overdose_questions_and_history_are_not_a_crisis(text):
    assert detect_crisis(text) is None, normalise(text)


@pytest.mark.parametrize("text", NOT_SUICIDE_CRISIS)
def test_suicide_questions_and_figures_of_speech_are_not_a_crisis(text):
    assert detect_crisis(text) is None, normalise(text)


def test_counts_meet_the_brief():
    assert len(OVERDOSE_STATEMENTS) >= 40 and len(SUICIDE_STATEMENTS) >= 40
    assert len(NOT_OVERDOSE_CRISIS) >= 40 and len(NOT_SUICIDE_CRISIS) >= 40


@pytest.mark.parametrize("text,expected", [
    ("He's not breathing.", OVERDOSE),
    ("HE'S NOT BREATHING!!!", OVERDOSE),
    ("he s not breathing", OVERDOSE),
    ("He’s not breathing", OVERDOSE),            # curly apostrophe
    ("Alexa, my friend’s lips are blue", OVERDOSE),
    ("I want to kill myself.", SUICIDE),
    ("I WANT TO DIE", SUICIDE),
    ("", None),
    ("   ", None),
])
def test_punctuation_case_and_apostrophes_do_not_matter(text, expected):
    assert detect_crisis(text) == expected


def test_an_overdose_happening_beats_a_suicidal_statement():
    # Both responses lead with the emergency number; the overdose one adds the steps that keep someone alive.
    assert detect_crisis("I took all my pills because I want to die") == OVERDOSE
    assert detect_crisis("I want to die and now she's not breathing") == OVERDOSE


def test_od_in_keeps_the_place_or_the_year_it_was_said_with():
    assert detect_crisis("hes od in the bathroom") == OVERDOSE
    assert detect_crisis("shes od in right now") == OVERDOSE
    assert detect_crisis("my brother had an od in 2020, how do i talk to him about it") is None


def test_asking_what_a_line_is_for_does_not_hide_saying_you_are_suicidal():
    assert detect_crisis("does lifeline only do suicide stuff") is None
    assert detect_crisis("is samaritans only for suicidal people, because i'm suicidal tonight") == SUICIDE
    assert detect_crisis("is the line just for suicidal people, i feel suicidal") == SUICIDE


@pytest.mark.parametrize("said", [
    "everything is pointless i want it to end",
    "i just want it all to stop",
    "i want it all to be over",
])
def test_wanting_everything_to_end_is_a_suicidal_crisis(said):
    assert detect_crisis(said) == SUICIDE


@pytest.mark.parametrize("said", ["i want the cramps to stop", "i want withdrawal to be over", "when will this be over"])
def test_wanting_symptoms_to_end_is_not(said):
    assert detect_crisis(said) is None


@pytest.mark.parametrize("slot_text, kind", [
    ("would miss me if i was gone", SUICIDE),        # said: "nobody would miss me if i was gone"
    ("is pointless i want it to end", SUICIDE),       # said: "everything is pointless i want it to end"
    ("isn't breathing", OVERDOSE),                     # said: "my friend isn't breathing"
])
def test_slot_text_is_read_with_the_dropped_carrier_word_put_back(slot_text, kind):
    from recovery_guide.understanding.crisis import detect_crisis_in_slot
    assert detect_crisis_in_slot(slot_text) == kind


@pytest.mark.parametrize("slot_text", ["long does withdrawal last", "is naloxone", "to help my son"])
def test_ordinary_slot_text_stays_a_question(slot_text):
    from recovery_guide.understanding.crisis import detect_crisis_in_slot
    assert detect_crisis_in_slot(slot_text) is None
