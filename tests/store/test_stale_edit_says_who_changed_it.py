"""A refused edit says who changed the conversation and what they did, from its history.

Two desktops on one store (SQLite file or PostgreSQL): Maya acts on the version she
read, Theo (or a poll, a rule, the clock) changed it in the meantime. The refusal must
name the change, not just "someone else", and must not name a person when none did it.
"""

from __future__ import annotations

import pytest

from inbox_app.core.rules import Rule
from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery, StaleEdit, StoreError, open_store

from .helpers import msg

MAYA, THEO, PRIYA = "Maya Okafor", "Theo Brandt", "Priya Raman"


@pytest.fixture
def shop(store):
    for name in (MAYA, THEO, PRIYA):
        store.add_staff(name)
    store.save_messages([msg("m1", "Where is my order?", email="ana@example.org",
                             author="Ana", at=now() - 3600)])
    return store


@pytest.fixture
def theos(store_location):
    """Theo's desktop: its own connection to the same store."""
    other = open_store(store_location)
    yield other
    other.close()


def only_conversation(store) -> int:
    (row,) = store.queue(QueueQuery(filter="all"))
    return row.conversation_id


def refusal(action) -> StaleEdit:
    with pytest.raises(StaleEdit) as caught:
        action()
    return caught.value


def test_a_colleagues_close_is_named_with_who_what_and_when(shop, theos):
    conversation = only_conversation(shop)
    seen = shop.get_conversation(conversation).version
    theos.close_conversation(conversation, staff=THEO, at=now() - 150)
    error = refusal(lambda: shop.assign(conversation, MAYA, staff=MAYA, expected_version=seen))
    assert str(error) == (
        f"Conversation {conversation} was closed by Theo Brandt 2 minutes ago, after you"
        f" read it (it is at version {seen + 1} now): your change was not made; look at it"
        " again before changing it.")
    assert (error.conversation_id, error.change, error.by) == (
        conversation, "was closed by Theo Brandt 2 minutes ago", THEO)
    assert shop.get_conversation(conversation).assignee is None


@pytest.mark.parametrize(("theirs", "said"), [
    (lambda store, cid: store.assign(cid, PRIYA, staff=THEO), "was assigned to Priya Raman by"
                                                               " Theo Brandt"),
    (lambda store, cid: store.claim(cid, THEO), "was taken by Theo Brandt"),
    (lambda store, cid: store.assign(cid, None, staff=THEO), "was handed back to the queue by"
                                                             " Theo Brandt"),
    (lambda store, cid: store.label(cid, "Refund", staff=THEO), "was labelled Refund by"
                                                                " Theo Brandt"),
    (lambda store, cid: store.add_note("I rang her", conversation_id=cid, staff=THEO),
     "had a note added by Theo Brandt"),
])
def test_each_kind_of_change_is_said_as_it_was_made(shop, theos, theirs, said):
    conversation = only_conversation(shop)
    seen = shop.get_conversation(conversation).version
    theirs(theos, conversation)
    error = refusal(lambda: shop.close_conversation(conversation, staff=MAYA,
                                                    expected_version=seen))
    assert error.change == f"{said} a moment ago"
    assert str(error).startswith(f"Conversation {conversation} {said} a moment ago, after")


def test_a_snooze_from_an_unnamed_person_names_nobody(shop, theos):
    """A script without --as: the store does not know who, so the message does not say."""
    conversation = only_conversation(shop)
    seen = shop.get_conversation(conversation).version
    theos.snooze(conversation, now() + 86400)
    error = refusal(lambda: shop.close_conversation(conversation, staff=MAYA,
                                                    expected_version=seen))
    assert error.by is None
    # The date after the "when": "until Tue 8 Dec 2026, 13:40 a moment ago" reads as one time.
    assert error.change.startswith("was snoozed a moment ago, until ")
    assert " by " not in error.change


def test_the_same_person_on_another_computer_is_told_it_was_them(shop, theos):
    conversation = only_conversation(shop)
    seen = shop.get_conversation(conversation).version
    theos.close_conversation(conversation, staff=MAYA)
    error = refusal(lambda: shop.assign(conversation, PRIYA, staff=MAYA, expected_version=seen))
    assert error.change == "was closed by you, elsewhere, a moment ago"
    assert error.by is None  # not a colleague's change


def test_a_snooze_that_ended_is_not_blamed_on_a_person(shop, theos):
    conversation = only_conversation(shop)
    until = now() + 60
    shop.snooze(conversation, until, staff=MAYA)
    seen = shop.get_conversation(conversation).version
    theos.wake_snoozed(at=until + 1)
    error = refusal(lambda: shop.close_conversation(conversation, staff=MAYA,
                                                    expected_version=seen))
    assert error.change == "came back from its snooze a moment ago"
    assert error.by is None


def test_a_customer_writing_again_is_said_as_such_not_as_the_last_close(shop, theos):
    """The reopen that a customer's message makes records no event of its own: the last
    event (Theo's close) must not be named as the change."""
    conversation = only_conversation(shop)
    theos.close_conversation(conversation, staff=THEO, at=now() - 60)
    seen = shop.get_conversation(conversation).version  # Maya saw it closed …
    theos.save_messages([msg("m2", "Hello? Still waiting", email="ana@example.org", refs=("m1",),
                             author="Ana", at=now() - 5)])  # … then Ana wrote again
    assert theos.get_conversation(conversation).status == "open"
    error = refusal(lambda: shop.snooze(conversation, now() + 3600, staff=MAYA,
                                        expected_version=seen))
    assert error.change == "was reopened when the customer wrote again a moment ago"
    assert error.by is None


def test_a_rule_that_assigned_it_is_named_as_the_rule(shop, theos):
    conversation = only_conversation(shop)
    seen = shop.get_conversation(conversation).version
    theos.save_rule(Rule("Refunds", words=("refund",), assign=PRIYA), staff=THEO)
    theos.save_messages([msg("m2", "I want a refund", email="ana@example.org", refs=("m1",),
                             author="Ana", at=now() - 5)])
    assert theos.get_conversation(conversation).assignee == PRIYA
    error = refusal(lambda: shop.close_conversation(conversation, staff=MAYA,
                                                    expected_version=seen))
    assert error.change == "was assigned to Priya Raman by the rule Refunds a moment ago"
    assert error.by is None


def test_several_changes_since_it_was_read_are_counted(shop, theos):
    conversation = only_conversation(shop)
    seen = shop.get_conversation(conversation).version
    theos.claim(conversation, THEO)
    theos.label(conversation, "Refund", staff=THEO)
    theos.close_conversation(conversation, staff=THEO)
    error = refusal(lambda: shop.reopen_conversation(conversation, staff=MAYA,
                                                     expected_version=seen))
    assert error.change == ("was closed by Theo Brandt a moment ago, the latest of 3 changes"
                            " since you read it")
    assert str(error) == (
        f"Conversation {conversation} was closed by Theo Brandt a moment ago, the latest of 3"
        f" changes since you read it (it is at version {seen + 3} now): your change was not"
        " made; look at it again before changing it.")


def test_a_script_is_told_who_changed_it_in_one_sentence(run_cli):
    """The command line, as a cron job or a second terminal sees a refused edit."""
    import json

    for name in (MAYA, THEO):
        run_cli("staff", "add", name)
    run_cli("call", "log", "--phone", "+1 207 555 0142")
    version = json.loads(run_cli("show", "1", "--json")[1])["version"]
    assert run_cli("close", "1", "--version", str(version), as_staff=THEO)[0] == 0
    code, out, err = run_cli("assign", "1", MAYA, "--version", str(version), as_staff=MAYA)
    assert (code, out) == (2, "")
    assert err == (f"inbox-app: Conversation 1 was closed by Theo Brandt a moment ago, after you"
                   f" read it (it is at version {version + 1} now): your change was not made;"
                   " look at it again before changing it.\n")


@pytest.fixture
def merged_away(shop, theos):
    """Ana wrote twice; Theo merged the second conversation into the first."""
    shop.save_messages([msg("m9", "Also, can I change the address?", email="ana@example.org",
                            author="Ana", at=now() - 600)])
    first, second = sorted(row.conversation_id for row in shop.queue(QueueQuery(filter="all")))
    seen = shop.get_conversation(second).version
    theos.merge_conversations(first, second, staff=THEO)
    return first, second, seen


@pytest.mark.parametrize("action", [
    lambda store, cid: store.close_conversation(cid, staff=MAYA),
    lambda store, cid: store.reopen_conversation(cid, staff=MAYA),
    lambda store, cid: store.assign(cid, MAYA, staff=MAYA),
    lambda store, cid: store.set_due(cid, now() + 86400, staff=MAYA),
    lambda store, cid: store.label(cid, "Refund", staff=MAYA),
    lambda store, cid: store.add_note("Rang her back", conversation_id=cid, staff=MAYA),
])
def test_a_conversation_merged_away_is_not_changed_behind_the_merge(shop, merged_away, action):
    """Closing it made an empty closed conversation out of the merged one (reopening it, an
    empty open one in the queue); a label or note on it was seen by no one."""
    first, second, _ = merged_away
    with pytest.raises(StoreError) as caught:
        action(shop, second)
    assert str(caught.value) == (
        f"Conversation {second} was merged into conversation {first} by Theo Brandt a moment"
        f" ago: make your change in conversation {first} instead.")
    after = shop.get_conversation(second)
    assert (after.status, after.assignee, after.due_at, after.labels) == (
        "merged", None, None, ())
    assert shop.notes(conversation_id=second) == []


def test_an_edit_made_on_the_version_read_before_the_merge_says_where_it_went(shop, merged_away):
    first, second, seen = merged_away
    with pytest.raises(StaleEdit) as caught:
        shop.snooze(second, now() + 3600, staff=MAYA, expected_version=seen)
    assert caught.value.change == (f"was merged into conversation {first} by Theo Brandt"
                                   " a moment ago")
    assert str(caught.value).endswith(
        f": your change was not made; make it in conversation {first} instead.")
    assert shop.get_conversation(second).status == "merged"
