"""Understanding in conversation: asking back, follow-ups in context, the three crisis levels, small
talk, and every way of asking for a number getting the number."""
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import EMERGENCY, LOCALES, REPO, Dialog

CRISIS_LINE = {"en-US": "988", "en-GB": "116 123", "en-CA": "988", "en-AU": "13 11 14", "en-IN": "14416"}


def first_sentences(text: str, n: int) -> str:
    return " ".join(re.split(r"(?<=[.!?])\s", text.strip())[:n])


@pytest.fixture
def dialog_in(skill):
    return lambda locale="en-US": Dialog(skill, locale=locale)


# --- asking back -------------------------------------------------------------------------------------
# How often the model is unsure is measured on blind sets (bench/understanding.py); here the model is
# made unsure of one question, so the dialog around asking back is checked whatever the model learns.

@pytest.fixture
def unsure_about(monkeypatch):
    from recovery_guide.understanding import reading
    real = reading.ranked_topics

    def unsure(words, topics):
        def ranked(text, locale):
            if text == words:
                return topics, []
            return real(text, locale)
        monkeypatch.setattr(reading, "ranked_topics", ranked)
    return unsure


def test_a_question_between_two_topics_is_asked_back_and_the_second_one_answers_it(dialog, unsure_about):
    unsure_about("withdrawal help", [("withdrawal_relief", 0.38), ("withdrawal_timeline", 0.34)])
    turn = dialog.say("withdrawal help")
    assert turn.topic is None and turn.options == ["withdrawal_relief", "withdrawal_timeline"]
    assert turn.text.startswith("I can tell you about") and turn.text.endswith("Which would help?")
    assert "how long withdrawal lasts" in turn.text
    chosen = dialog.say("the second one")
    assert chosen.topic == "withdrawal_timeline" and " says " in chosen.text


def test_naming_one_of_the_choices_picks_it(dialog, unsure_about):
    unsure_about("withdrawal help", [("withdrawal_relief", 0.38), ("withdrawal_timeline", 0.34)])
    dialog.say("withdrawal help")
    assert dialog.say("how long it lasts").topic == "withdrawal_timeline"


def test_yes_takes_the_one_thing_offered(dialog, unsure_about):
    unsure_about("suboxone stuff", [("buprenorphine", 0.45), ("out_of_scope", 0.3)])
    turn = dialog.say("suboxone stuff")
    assert turn.options == ["buprenorphine"] and turn.text.startswith("Do you want to hear about")
    assert dialog.say("yes").topic == "buprenorphine"


def test_a_clear_question_is_answered_without_asking_back(dialog):
    turn = dialog.say("how long does heroin withdrawal last")
    assert turn.topic == "withdrawal_timeline" and turn.options == []


# --- follow-ups in context ---------------------------------------------------------------------------

def test_where_do_i_get_it_after_narcan_is_about_naloxone(dialog):
    dialog.say("what is narcan")
    turn = dialog.say("where do i get it")
    assert turn.topic == "naloxone"
    assert "over the counter" in turn.text or "pharmac" in turn.text


def test_a_follow_up_with_no_subject_leans_on_the_last_answer(dialog):
    dialog.say("what is methadone")
    assert dialog.say("how long do people stay on it").topic in ("methadone", "maintenance_vs_abstinence")


def test_what_was_the_second_one_after_the_helplines_is_the_second_line(dialog):
    lines = dialog.say("give me a helpline number")
    assert "1-800-662-4357" in lines.text and "988" in lines.text
    second = dialog.say("what was the second one")
    assert first_sentences(second.text, 2).count("988") >= 1 and "1-800-662-4357" not in second.text


def test_say_the_number_again_repeats_the_line_just_given(dialog_in):
    dialog = dialog_in("en-GB")
    dialog.say("what's the samaritans number")
    again = dialog.say("say the number again")
    assert "116 123" in first_sentences(again.text, 2)


@pytest.mark.parametrize("words", ["hi", "thanks", "cheers", "ok thanks"])
def test_small_talk_gets_a_short_natural_reply_not_the_out_of_scope_speech(dialog, words):
    turn = dialog.say(words)
    assert "I can only help" not in turn.text and not turn.end_session
    assert turn.topic is None


def test_words_of_the_library_the_model_is_unsure_of_get_its_best_two_offered(dialog, unsure_about):
    unsure_about("what can i do about the aches when coming off", [("withdrawal_relief", 0.15),
                                                                  ("withdrawal_symptoms", 0.11)])
    turn = dialog.say("what can i do about the aches when coming off")
    assert turn.topic is None and turn.options == ["withdrawal_relief", "withdrawal_symptoms"]


def test_words_from_outside_the_library_the_model_is_unsure_of_hear_what_it_covers(dialog, unsure_about):
    unsure_about("what's on telly tonight", [("relapse", 0.15), ("naloxone", 0.11)])
    turn = dialog.say("what's on telly tonight")
    assert turn.options == [] and turn.topic == "out_of_scope"


# --- the three crisis levels -------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_an_emergency_gets_the_number_in_the_first_sentence(dialog_in, locale):
    turn = dialog_in(locale).say("my little boy drank some of my methadone and he's really sleepy")
    assert turn.risk == "emergency" and turn.topic == "crisis_overdose"
    assert EMERGENCY[locale] in first_sentences(turn.text, 1)


@pytest.mark.parametrize("locale", LOCALES)
def test_someone_at_risk_hears_the_emergency_number_and_the_crisis_line_first(dialog_in, locale):
    turn = dialog_in(locale).say("honestly it would be easier for everyone if i just wasn't here anymore")
    assert turn.risk == "at_risk" and turn.topic in ("crisis_suicide", "crisis_overdose")
    assert EMERGENCY[locale] in first_sentences(turn.text, 1)
    assert CRISIS_LINE[locale] in first_sentences(turn.text, 2)
    assert not turn.end_session


def test_at_risk_with_a_question_hears_the_lines_then_the_answer(dialog):
    turn = dialog.say("i don't care anymore if the next hit kills me, how long does withdrawal last")
    assert turn.risk == "at_risk"
    assert "911" in first_sentences(turn.text, 1)
    assert "The Australian Government says" in turn.text


@pytest.mark.parametrize("locale, drug_line", [("en-US", "1-800-662-4357"), ("en-GB", "0300 123 6600")])
def test_at_risk_asking_for_a_number_hears_the_crisis_line_then_the_one_they_asked_for(dialog_in, locale, drug_line):
    dialog = dialog_in(locale)
    turn = dialog.say("ever since i relapsed i feel completely hopeless, what's the number for drug help")
    assert turn.risk == "at_risk"
    assert EMERGENCY[locale] in first_sentences(turn.text, 1) and CRISIS_LINE[locale] in first_sentences(turn.text, 2)
    assert drug_line in turn.text
    assert drug_line in dialog.say("say the number again").text


def test_after_someone_at_risk_a_fainter_sign_of_danger_keeps_the_lines_first(dialog):
    assert dialog.say("ever since the relapse i feel completely hopeless").risk == "at_risk"
    turn = dialog.say("i'm starting to feel really sleepy")
    assert turn.risk == "at_risk" and "911" in first_sentences(turn.text, 1)
    assert dialog.say("ok thanks").risk is None


def test_the_same_faint_sign_alone_is_not_a_crisis(dialog):
    assert dialog.say("i'm starting to feel really sleepy").risk is None


EMERGENCY_ONLY, ANY_RISK = ("emergency",), ("emergency", "at_risk")


@pytest.mark.parametrize("words, levels", [
    # a rescue under way, or self-harm gone too far: an emergency
    ("i'm doing cpr on him now what else do i do", EMERGENCY_ONLY),
    ("i gave her the narcan and she's still not right, do i give another", EMERGENCY_ONLY),
    ("he came round after the narcan and now he wants to go and score again", EMERGENCY_ONLY),
    ("i cut too deep this time and it won't stop bleeding", EMERGENCY_ONLY),
    # hoping the drug kills them, feeling a burden, using alone after a break: at risk at least
    ("part of me is hoping this batch finishes me off", ANY_RISK),
    ("if the gear takes me then so be it", ANY_RISK),
    ("my family suffers because of me, it'd be better if i wasn't around", ANY_RISK),
    ("i just got out of rehab and tonight i'm going to use on my own, alone in my flat", ANY_RISK),
    # what a bystander sees, last words to pass on, affairs settled: an emergency
    ("there's a lady slumped over the steering wheel in the car park", EMERGENCY_ONLY),
    ("my flatmate's got froth coming out of his mouth", EMERGENCY_ONLY),
    ("please tell my kids i'm sorry", EMERGENCY_ONLY),
    ("i found my cat a new home and paid back everyone i owed, i'm ready", EMERGENCY_ONLY),
    # self-harm, hopelessness about trying, hoping for a strong batch: at risk at least
    ("i hold a lighter to my arm when things get too much", ANY_RISK),
    ("why do i even bother, i end up using every single time", ANY_RISK),
    ("honestly i'm hoping the next bag is a hot one", ANY_RISK),
    ("six weeks clean and i'll have a shot by myself once everyone's out tonight", ANY_RISK),
    # no reaction to pain, the speaker feeling it happen, a plan with no way out: an emergency
    ("i rubbed his breastbone really hard and he never stirred", EMERGENCY_ONLY),
    ("i had a hit and i can feel myself slipping away", EMERGENCY_ONLY),
    ("no way out any more so i'm going to do it tonight", EMERGENCY_ONLY),
    ("the notes for my family are under the pillow", EMERGENCY_ONLY),
    ("there's a knife next to me on the bed", EMERGENCY_ONLY),
    # burden, thoughts of crashing the car, cutting again, the first use after months with no one around
    ("honestly i'm just a drain on everyone", ANY_RISK),
    ("i keep thinking about swerving into oncoming traffic", ANY_RISK),
    ("i've been cutting again since the relapse", ANY_RISK),
    ("first time in months and i've got the house to myself so i'm using tonight", ANY_RISK),
    ("my girlfriend's skin is cold and stiff and she used an hour ago", EMERGENCY_ONLY),
    ("he's breathing really slowly after the gear", EMERGENCY_ONLY),
    ("today's the day, nobody will even notice i'm gone", EMERGENCY_ONLY),
    ("since the relapse i just feel hopeless", ANY_RISK),
    ("i burned myself again this morning", ANY_RISK),
    ("my son has fresh cuts all down his arms", ANY_RISK),
    # brought round by naloxone and leaving before it can wear off; a goodbye in regional words
    ("the naloxone brought her round and now she's walking out the door", EMERGENCY_ONLY),
    ("just ringing to say ta ra to someone before i go", EMERGENCY_ONLY),
    # numb after a hit, the car exhaust; not caring about a deadly batch, asking the drug to take them,
    # hurting themselves when sick
    ("did a bump about ten minutes ago and now i can't feel my hands", EMERGENCY_ONLY),
    ("the hose is on the exhaust and i'm sitting in the car", EMERGENCY_ONLY),
    ("people reckon this batch is laced with fentanyl, so be it", ANY_RISK),
    ("just let the gear finish me off", ANY_RISK),
    ("when i'm hanging out i bang my head on the wall till it bleeds", ANY_RISK),
    ("if i go over this time then whatever", ANY_RISK),
    # collapsed after using; a plan timed for when they will be alone
    ("my daughter collapsed in the hallway after using", EMERGENCY_ONLY),
    ("i've worked everything out for when my husband leaves for his shift", EMERGENCY_ONLY),
    # nodding off after using again, a whole script swallowed; not caring if it kills them, self-harm as relief
    ("got out on friday, did what i used to, and now my chest is tight and i can't keep my eyes open", EMERGENCY_ONLY),
    ("i've swallowed my whole methadone script", EMERGENCY_ONLY),
    ("couldn't give a toss if i cark it tonight", ANY_RISK),
    ("cutting myself is the only thing that gets me through the rattle", ANY_RISK),
    ("if i drop dead off this next bag that's fine with me", ANY_RISK),
    # a lot of a medicine at once; brought round and wanting more; fatalism about the next hit
    ("my mum has swallowed a handful of her sleeping tablets and her oxy", EMERGENCY_ONLY),
    ("he came round after the naloxone spray and now he's trying to go and score", EMERGENCY_ONLY),
    ("if i go over i go over, at least the pain will stop", ANY_RISK),
    # fading after the first hit in a while, the whole packet, a gun at hand and no point; fentanyl, so be it
    ("just had my first hit since detox and i think i'm fading", EMERGENCY_ONLY),
    ("i took the lot, every tablet in the packet", EMERGENCY_ONLY),
    ("i'm in the garage with my dad's rifle and i can't see the point any more", EMERGENCY_ONLY),
    ("if there's fenty in this bag so be it", ANY_RISK),
    ("if i go out on this next one at least it'll be peaceful", ANY_RISK),
    # the heart slowing after a point; grabbing a bag to use alone in the car after treatment
    ("did a point earlier and my heart feels like it's slowing down", EMERGENCY_ONLY),
    ("been off it since rehab but i'm picking up a bag after my shift and using in the car by myself", ANY_RISK),
    ("everyone warns me about the fentanyl but honestly i gave up caring months ago", ANY_RISK),
    # a morning dose taken twice and its pull now; everything at once tonight; a weekend set as the end
    ("i think i had my oxycodone twice today by accident and now i feel really groggy", EMERGENCY_ONLY),
    ("nobody needs me, i'm taking the whole lot tonight", EMERGENCY_ONLY),
    ("sunday's the end for me, i've sorted out who gets the dog", EMERGENCY_ONLY),
    ("i'm a useless old fool on a methadone script and no good to anyone", ANY_RISK),
    # the body going under after a dose; a week's doses drunk at once; a way to go asked for
    ("feeling really woozy after smoking that gear", EMERGENCY_ONLY),
    ("she necked the whole week's methadone in one go", EMERGENCY_ONLY),
    ("what's the most painless way to go, i've got everything here", EMERGENCY_ONLY),
    ("can you stay with me while i go", EMERGENCY_ONLY),
    ("i want to shoot so much that i never wake up", EMERGENCY_ONLY),
    # no fear of dying left; a plan to use where nobody comes in; a friend who talks of ending it
    ("been on the gear twenty years and death doesn't even scare me anymore", ANY_RISK),
    ("how do i make sure nobody comes in while i'm using tonight", ANY_RISK),
    ("my mate keeps talking about killing himself when he's sick, what do i say to him", ANY_RISK),
    # danger told sideways: a colour and no answer, a head that won't stay up, a height or a quick end asked for
    ("my flatmate's gone a bit blue and isn't answering me, should i worry", EMERGENCY_ONLY),
    ("took my done and a few bars after and now i can hardly keep my eyes open", EMERGENCY_ONLY),
    ("how many of these tablets before you just never wake up, i've got a full box", EMERGENCY_ONLY),
    ("how tall does a car park have to be, i'm on the top floor now", EMERGENCY_ONLY),
    ("would it be painless if you swallowed the whole bottle, asking for me", EMERGENCY_ONLY),
    ("how do i make it look like an accidental overdose so my kids don't know", EMERGENCY_ONLY),
    # a locked door gone quiet, breaths far apart, a last request while taking them, a first shot alone after a break
    ("he's been locked in the toilet for ages and there's no sound at all", EMERGENCY_ONLY),
    ("her breaths are getting really far apart, is that normal", EMERGENCY_ONLY),
    ("put on my mum's favourite song while i swallow these, i want it to be the last thing", EMERGENCY_ONLY),
    ("first hit in three months and i'm doing it by meself tonight", ANY_RISK),
    # numb limbs after a strong batch, gone before someone comes home, a shot so it's over, easier if I went over
    ("that batch was way stronger than normal, i can't feel my legs", EMERGENCY_ONLY),
    ("i'll be gone before my wife comes home, i won't be here when she gets in", EMERGENCY_ONLY),
    ("doing the whole bag tonight so it's all over", EMERGENCY_ONLY),
    ("it'd be easier for my kids if i just overdosed", ANY_RISK),
    ("the day i'm out of rehab i'm going straight to my old dealer", ANY_RISK),
])
def test_danger_said_without_the_usual_words_gets_the_number_first(dialog, words, levels):
    turn = dialog.say(words)
    assert turn.risk in levels and "911" in first_sentences(turn.text, 1)


@pytest.mark.parametrize("words", ["is it dangerous to use alone after rehab", "how do you do cpr on someone",
                                   "i cut my finger cooking, can i still take my dose", "i hope i can stay off it this time",
                                   "my uncle overdosed back in 2019 and pulled through, how do i talk to him about it",
                                   "how do i tell my mum i'm on a script",
                                   "in that soap last night a character overdosed, would it really happen like that",
                                   "how long do you wait before a second spray for somebody who overdoses",
                                   "is it safe to work up on a roof while i'm on methadone",
                                   "my sister went over three years ago and she's fine now, should i bring it up",
                                   "i think i overdosed on chocolate this weekend",
                                   "i was found unconscious at a festival years ago, can i still be a peer worker",
                                   "i've started cutting down my methadone, how slow should i go",
                                   "we used naloxone on my uncle last year and he pulled through, where do we get another kit",
                                   "day three without my pills and i feel like dying, when does it end",
                                   "my brother will kill me for borrowing his car",
                                   "how can i tell if my partner is overdosing or just sleeping deeply",
                                   "i'm scared that one day i'll walk in and he won't be breathing, how do i get ready for that",
                                   "how can i protect my brother from overdosing once he's released",
                                   "can i ring the crisis line about drugs or is it only for suicidal callers",
                                   "is the lifeline just for suicidal stuff or can i ring about my using",
                                   "when someone's skin goes greyish does that mean they're overdosing",
                                   "saw a doco last night where a bloke od'd, is naloxone really that quick",
                                   "do you have to be suicidal before you can call samaritans",
                                   "i self harmed years back and i'm fine now, can i still get on methadone",
                                   "how can i even tell if my wife is thinking about hurting herself",
                                   "my dad always says i'll kill myself with those pills, how do i show him i'm ok",
                                   "this commute is going to kill me",
                                   "if my boyfriend went over at a party, how would i even know",
                                   "if my son uses again after rehab will he overdose",
                                   "honestly i could have died laughing at that",
                                   "i'd rather die than sit in that waiting room every day, is there another way to get my dose",
                                   "my nurse warned me i could kill myself taking extra tablets, how worried should i be",
                                   "what do i say when someone tells me they feel like ending it",
                                   "if i slip up does that mean i'll overdose",
                                   "she passed out after using at a party two years ago, should i bring it up",
                                   "this rattle will be the death of me",
                                   "my sister reckons i'm dead wrong about methadone, who's right",
                                   "i'd rather die than stay on a script forever, how do i come off it",
                                   "one time a mate went over at a gig and we threw water on him, was that right",
                                   "my cousin jokes that he's going to od every time he scores, should i worry",
                                   "is narcan only for people who want to die",
                                   "i'm frightened of overdosing when i finish rehab, what can i do",
                                   "we lost our eldest to an od in 2019 and now his brother is using, where do we start",
                                   "i get so angry at him i can't breathe, how do i stop shouting when he relapses",
                                   "the withdrawal makes me want to die, what can i take for it",
                                   "after a year off, would one pill be enough to kill me",
                                   "if i called samaritans would they think i'm suicidal, i only want to talk about pills",
                                   "i was suicidal back when i was on heroin but i'm doing much better now, is feeling flat normal",
                                   "i used to cut myself when i was using but that's all behind me, can the urge return",
                                   "i took loads of painkillers for my knee for years, how do i come off them",
                                   "is the crisis line ok to call about my husband, he's not suicidal just on the pills",
                                   "that documentary about fentanyl where a lad overdosed really got to me",
                                   "how do you support a mate who says he wants to die",
                                   "what would happen if i took too much bup by accident",
                                   "i'm worried my daughter will overdose when she comes home from rehab, what should we keep in the house",
                                   "my uncle overdosed in twenty nineteen and survived, how do we keep him safe",
                                   "i'd kill for one decent night's sleep",
                                   "i od'd once at uni and i'm scared it'll happen again, how do i stay safe",
                                   "if i had an overdose would the ambulance cost my parents a fortune",
                                   "i nearly od'd at a party in year eleven, how do i keep safe at festivals now",
                                   "there's a song about overdosing that always makes me think of my cousin, is there a group for that",
                                   "what do you do if a buddy tells you they want to end it",
                                   "i feel like dying every day till i get my methadone, is that normal",
                                   "i worry i'll overdose one day because i forget if i've had my tablets",
                                   "if i used my old amount after rehab would i overdose",
                                   "watching a soap and a lad od'd, do they really come round that quick with narcan",
                                   "withdrawal makes me feel like i want to die but i won't do anything, how do i cope",
                                   "can suicidal feelings be a side effect of naltrexone",
                                   "what's the use of detox if everyone goes back to it",
                                   "how do i stop my son overdosing if he relapses after rehab, is there a way",
                                   "the hospital told me i almost overdosed when they changed my tablets, how do i avoid that",
                                   "my partner makes jokes about od'ing and i hate it, how do i raise it",
                                   "if i'm going to use anyway, what's the safest way",
                                   "after jail can my brother go back to his old dose",
                                   "is it normal to feel a bit sleepy after taking my methadone every morning",
                                   "is it quicker if i take my whole dose in the morning instead of splitting it",
                                   "how would i know if my daughter is thinking of ending it",
                                   "if my mate becomes unresponsive at a party, what's the first thing to do",
                                   "do people often feel suicidal in withdrawal, it's for a college assignment",
                                   "i had dark thoughts years ago when i was using but i'm in a good place now",
                                   "these cravings are going to be the death of me"])
def test_questions_near_those_words_are_not_a_crisis(dialog, words):
    assert dialog.say(words).risk is None


@pytest.mark.parametrize("words", ["this withdrawal is killing me", "i'm dying to know how methadone works",
                                   "what are the signs of an overdose"])
def test_figures_of_speech_and_questions_are_not_a_crisis(dialog, words):
    assert dialog.say(words).risk is None


# --- the safety fact when two drugs meet --------------------------------------------------------------

@pytest.mark.parametrize("words", ["can i have a couple of beers on my methadone", "is valium ok with my subs",
                                   "what happens if you take gabapentin with heroin",
                                   "my dad has a glass of wine with his oxycodone every night, is that ok"])
def test_an_opioid_taken_with_a_downer_hears_the_overdose_warning(dialog, words):
    turn = dialog.say(words)
    assert turn.risk is None and "breathing" in turn.text and "death" in turn.text


@pytest.mark.parametrize("words", ["is it risky to come off heroin and xanax together",
                                   "i'm kicking the gear and my klonopin at the same time, is that dangerous",
                                   "can the rattle give you a fit or is that only coming off benzos"])
def test_coming_off_an_opioid_and_a_benzodiazepine_together_hears_about_seizures(dialog, words):
    turn = dialog.say(words)
    assert turn.topic == "withdrawal_danger" and "seizure" in turn.text


@pytest.mark.parametrize("words", ["can i drink water while coming off heroin", "do i have to drink my methadone at the clinic",
                                   "can naltrexone help with both drinking and opioids"])
def test_drinking_that_is_not_mixing_gets_its_own_answer(dialog, words):
    assert "strongest warning" not in dialog.say(words).text


# --- numbers when asked ------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("words", ["give me a number to call", "is there a hotline i can ring",
                                   "i need someone to talk to", "what number do i call for help"])
def test_any_request_for_a_number_gets_a_number_in_the_first_two_sentences(dialog_in, locale, words):
    turn = dialog_in(locale).say(words)
    assert re.search(r"\d{3}", first_sentences(turn.text, 2)), turn.text


@pytest.mark.parametrize("words", [
    "my son's been using for a year and we're at the end of our rope, is there someone we can ring",
    "who do i ring if my daughter is using heroin", "is there a support line for families",
    "can i text instead, i can't talk out loud at home", "i want to talk to a counsellor about my heroin use",
    "number for narcotics anonymous", "treatment line",
    "who could my mum phone about her tramadol", "is there anywhere partners can ring for advice",
    "how do i get in touch with smart recovery", "can you give me a contact for drug support",
    "what number should i ring to find a detox", "is there a line that helps carers",
    "who do i call to get a naloxone kit sent to me", "i just need someone to talk to tonight",
    "how can i reach an actual person about my son's pills",
    "who can i speak to tonight about my codeine", "is there a line just for young people",
    "drug advice phone number", "is there a line someone like me can call about my pills",
    "is there anyone my brother can ring while he's using so he isn't on his own",
    "what's that line you ring for drug advice",
    "who should i call for counselling, my cousin died from an overdose last year",
    "i've no insurance and they let me out with nothing, who do i even call about free treatment",
    "can my son text someone about his drug use",
    "are there volunteers who've been there themselves that i could talk to",
])
def test_a_number_asked_for_inside_another_question_still_comes_first(dialog_in, words):
    turn = dialog_in("en-GB").say(words)
    assert re.search(r"\d{3}", first_sentences(turn.text, 2)), turn.text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_request_for_the_suicide_line_gets_the_crisis_line(dialog_in, locale):
    turn = dialog_in(locale).say("what's the number for the suicide hotline")
    assert CRISIS_LINE[locale] in first_sentences(turn.text, 2), turn.text
    assert turn.risk is None


def test_a_uk_request_for_a_drug_helpline_gets_frank(dialog_in):
    turn = dialog_in("en-GB").say("is there a drugs helpline i can phone")
    assert "FRANK" in turn.text and "0300 123 6600" in first_sentences(turn.text, 2)


def test_a_line_named_by_its_number_or_name_is_the_line_given(dialog_in):
    turn = dialog_in("en-GB").say("my neighbour has been sick for two days coming off heroin, should i be ringing 111")
    assert "NHS 111" in turn.text and "111" in first_sentences(turn.text, 2)
    turn = dialog_in("en-GB").say("what's the number for samaritans")
    assert "116 123" in first_sentences(turn.text, 2)


@pytest.mark.parametrize("locale, words", [("en-IN", "is there any doctor on phone who can tell what to give for withdrawal"),
                                           ("en-US", "never use alone number")])
def test_a_person_on_the_phone_or_a_line_named_in_a_few_words_gets_a_number(dialog_in, locale, words):
    turn = dialog_in(locale).say(words)
    assert re.search(r"\d{3}", first_sentences(turn.text, 2))


# --- conversations in batch --------------------------------------------------------------------------

def test_ask_jsonl_session_plays_one_conversation_and_a_blank_line_starts_another():
    cli = os.path.join(REPO, ".venv", "bin", "recovery-guide")
    command = [cli] if os.path.exists(cli) else [sys.executable, "-m", "recovery_guide_local.cli"]
    lines = "what is narcan\ntell me more\n\ntell me more\n"
    out = subprocess.run(command + ["ask", "--jsonl", "--session"], input=lines, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "RECOVERY_GUIDE_STORE": "memory"})
    turns = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(turns) == 3
    assert all({"intent", "topic", "speech", "text", "card", "end_session", "directives", "risk", "options"} <= t.keys()
               for t in turns)
    assert turns[1]["topic"] == "naloxone"      # more about the naloxone just spoken about
    assert turns[2]["topic"] is None            # a new conversation has nothing to say more about


# --- speech-recognition slips ------------------------------------------------------------------------

@pytest.mark.parametrize("words, topic", [
    ("alexa what is bu pre nor fin", "buprenorphine"),
    ("is it safe to drive on method own", "methadone"),
    ("does clone a dean help with the sick", "withdrawal_relief"),
    ("nal trek zone what does it do", "naltrexone"),
])
def test_a_medicine_split_or_misheard_by_speech_recognition_is_still_understood(dialog, words, topic):
    assert dialog.say(words).topic == topic


@pytest.mark.parametrize("words, topic", [
    ("how long does it take to get a meth script sorted", "methadone"),      # methadone, not methamphetamine
    ("what should i eat or drink when i'm sick from coming off", "withdrawal_relief"),   # not alcohol
    ("i fell off the wagon after eight months what now", "relapse"),
    ("how much water should i drink when i'm hanging out", "withdrawal_relief"),   # drinking water, not alcohol
    ("how do i give up the ciggies", "out_of_scope"),
    ("where can my nephew get help to stop smoking ganja", "out_of_scope"),
    ("what drinks and food should we have in for my nephew while he comes off heroin", "withdrawal_relief"),
    ("how long does the cluck last off methadone", "withdrawal_timeline"),
    ("one four four four six what is that number", "helpline"),
])
def test_everyday_words_for_a_medicine_or_a_setback_find_their_topic(dialog, words, topic):
    assert dialog.say(words).topic == topic


@pytest.mark.parametrize("words, kept", [
    ("there's no naloxone here", "no naloxone"),
    ("nick said my methadone dose is wrong", "nick said my methadone"),
])
def test_joining_split_names_never_swallows_the_words_around_them(words, kept):
    from recovery_guide.understanding.normalise import normalise
    assert kept in normalise(words)


def test_a_general_question_naming_an_overdose_reaches_the_question_intent(dialog):
    # The local stand-in for the device's NLU sends crisis words to the crisis intents only when the
    # skill would judge the turn an emergency.
    turn = dialog.say("does the monthly naltrexone shot make an overdose more likely afterwards")
    assert turn.intent == "QuestionIntent" and turn.risk is None and turn.topic == "naltrexone"


def test_every_way_of_asking_for_a_number_says_one_of_the_words_checked_first():
    # asks_for_contact() skips the pattern for text with none of CONTACT_WORDS: that is sound only if
    # every match of the pattern must contain one of them, which the parsed pattern is walked to prove.
    from recovery_guide.understanding.reading import _ASKS_FOR_CONTACT, CONTACT_WORDS
    from recovery_guide_authoring.needles import always_contains_one_of

    assert always_contains_one_of(_ASKS_FOR_CONTACT.pattern, CONTACT_WORDS), \
        "an alternative can match without any of CONTACT_WORDS"


def test_a_synonym_pattern_is_skipped_only_when_it_could_not_have_matched(monkeypatch):
    # normalise() applies a synonym pattern only when the text holds one of its needles (derived at build
    # time): across every sentence the models are trained on, the text must come out the same as with
    # every pattern applied.
    from recovery_guide.understanding import normalise as module
    from recovery_guide.understanding.lazy_regex import LazyRegex
    from recovery_guide_authoring import training
    from recovery_guide_authoring.content import load
    from recovery_guide_authoring.needles import necessary_literals

    assert necessary_literals(r"\bsub ?locade\b|\bzubsolv\b") == ["locade", "zubsolv"]   # the longer run of each
    assert necessary_literals(r"(?<=\bthe )down\b") == ["down"]
    assert necessary_literals(r"\bi ?o ?p\b") is None      # no run of two letters every match contains
    content = load()
    texts = sorted({t for t, _ in training.question_examples(content) + training.crisis_examples(content)})
    skipping = [module.normalise.__wrapped__(t) for t in texts]
    monkeypatch.setattr(module, "_synonym_table", [(None, LazyRegex(p), r) for p, r in module.SYNONYM_SOURCES])
    applying_all = [module.normalise.__wrapped__(t) for t in texts]
    assert skipping == applying_all
