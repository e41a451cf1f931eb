"""Privacy: only ids and preferences stored, deleted on disable or on request; logs carry no
user ids, utterances or slot text; requests for another skill are refused."""
import logging

import pytest

from conftest import Dialog, make_skill
from recovery_guide.app import ForeignSkillError
from recovery_guide_local.envelopes import EnvelopeBuilder
from recovery_guide.persistence.base import StoreUnavailable, user_key
from recovery_guide.persistence.memory_store import MemoryUserStore

USER = "amzn1.ask.account.tester"


def stored_user(store):
    store.update(user_key(USER), lambda r: {**r, "prefs": {"voice": "calm"}})
    return store


def test_disabling_the_skill_deletes_the_users_record():
    store = stored_user(MemoryUserStore())
    skill = make_skill(store=store)
    skill.invoke(EnvelopeBuilder(user_id=USER).skill_event("SkillDisabled"))
    assert store.get(user_key(USER)) == {}


def test_forget_me_asks_first_and_no_keeps_the_data():
    store = stored_user(MemoryUserStore())
    talk = Dialog(make_skill(store=store))
    question = talk.say("forget me")
    assert "yes or no" in question.text and question.end_session is False
    talk.say("no")
    assert store.get(user_key(USER)) != {}


def test_forget_me_then_yes_deletes_everything():
    store = stored_user(MemoryUserStore())
    talk = Dialog(make_skill(store=store))
    talk.say("delete my data")
    done = talk.say("yes")
    assert "deleted everything" in done.text
    assert store.get(user_key(USER)) == {}


class BrokenStore(MemoryUserStore):
    def delete(self, key):
        raise StoreUnavailable("down")


def test_forget_me_when_storage_is_down_says_so_honestly():
    talk = Dialog(make_skill(store=BrokenStore()))
    talk.say("delete my data")
    assert "nothing was deleted" in talk.say("yes").text


def test_logs_never_carry_user_ids_or_what_was_said(caplog):
    talk = Dialog(make_skill())
    secret = "my cousin zebediah keeps using fentanyl alone"
    with caplog.at_level(logging.DEBUG):
        talk.intent("QuestionIntent", {"query": secret})
        talk.say("i want to die")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "QuestionIntent" in logged           # what happened is logged ...
    assert "zebediah" not in logged and "want to die" not in logged   # ... never what was said
    assert USER not in logged and "tester" not in logged


def test_a_request_for_another_skill_is_refused():
    skill = make_skill(skill_id="amzn1.ask.skill.ours")
    with pytest.raises(ForeignSkillError):
        skill.invoke(EnvelopeBuilder(skill_id="amzn1.ask.skill.someone-else").launch())
    ours = skill.invoke(EnvelopeBuilder(skill_id="amzn1.ask.skill.ours").launch())
    assert ours["response"]["shouldEndSession"] is False
