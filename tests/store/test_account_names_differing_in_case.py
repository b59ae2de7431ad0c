"""Account names are the same in any case, and shown as written. A store made before that
rule may hold two accounts whose names differ only in case ("Shop" and "shop"): each keeps
its own cursor, health and switch (the exact name wins), on both engines."""

from __future__ import annotations

import json

import pytest

from inbox_app.store import StoreError
from inbox_app.store.errors import AccountBusy

FEED = {"url": "https://example.com/feed"}


def _add_twin(store, name: str, like: str) -> None:
    """An account added by an older version that compared names exactly."""
    row = store._row("SELECT * FROM accounts WHERE name = ?", (like,))
    with store.transaction():
        store._insert(
            "INSERT INTO accounts (name, kind, config, watch, enabled, poll_interval, cursor,"
            " failures, created_at) VALUES (?, ?, ?, ?, 1, ?, '{}', 0, ?) RETURNING id",
            (name, row["kind"], row["config"], row["watch"], row["poll_interval"],
             row["created_at"]),
        )


@pytest.fixture
def twins(store):
    store.add_account("Shop", "feed", FEED)
    _add_twin(store, "shop", like="Shop")
    return store


def test_a_poll_of_one_twin_leaves_the_other_twins_cursor_and_health_alone(twins):
    twins.record_poll_success("Shop", cursor={"etag": "big"}, at=1000, next_poll_at=1300)
    twins.record_poll_failure("shop", error="The feed answered 503.", at=1000,
                              next_poll_at=1600)
    big, small = twins.get_account("Shop"), twins.get_account("shop")
    assert (big.cursor, big.last_success_at, big.last_error, big.failures, big.next_poll_at) \
        == ({"etag": "big"}, 1000, None, 0, 1300)
    assert (small.cursor, small.last_success_at, small.last_error, small.failures,
            small.next_poll_at) == ({}, None, "The feed answered 503.", 1, 1600)
    twins.set_cursor("shop", {"etag": "small"})
    assert twins.get_account("Shop").cursor == {"etag": "big"}
    assert json.loads(twins._row("SELECT cursor FROM accounts WHERE name = 'shop'")["cursor"]) \
        == {"etag": "small"}


def test_the_exact_name_wins_and_each_twin_is_switched_and_removed_alone(twins):
    twins.set_account_enabled("shop", False)
    assert [(a.name, a.enabled) for a in twins.list_accounts()] == [
        ("Shop", True), ("shop", False)]
    assert twins.remove_account("shop").name == "shop"
    assert [a.name for a in twins.list_accounts()] == ["Shop"]
    assert twins.get_account("SHOP").name == "Shop"


def test_a_name_that_is_neither_twin_exactly_is_not_guessed(twins):
    """"SHOP" could be either: switching off, removing or reading the wrong one is worse
    than being asked for the name as written."""
    with pytest.raises(StoreError) as asked:
        twins.set_account_enabled("SHOP", False)
    assert str(asked.value) == ("Two accounts are called SHOP in some case: Shop and shop;"
                                " give the name exactly as it is written.")
    assert all(account.enabled for account in twins.list_accounts())
    with pytest.raises(StoreError, match="^There is already an account called SHOP.$"):
        twins.add_account("SHOP", "feed", FEED)


def test_accounts_are_listed_alphabetically_in_any_case_on_both_engines(store):
    for name in ("zeta", "Apple", "banana", "Zebra", "apricot"):
        store.add_account(name, "feed", FEED)
    expected = ["Apple", "apricot", "banana", "Zebra", "zeta"]
    assert [a.name for a in store.list_accounts()] == expected
    assert [a.name for a in store.due_accounts(at=0)] == expected


@pytest.mark.parametrize("name", ["Shop\nmail", "Shop\tmail", "Shop\x00mail", "Shop\u2028mail"])
def test_a_name_with_a_line_break_or_control_character_is_refused(store, name):
    with pytest.raises(StoreError, match="one line, without line breaks, tabs or other control"):
        store.add_account(name, "feed", FEED)
    assert store.list_accounts() == []


def test_a_name_needing_a_zero_width_joiner_is_kept(store):
    name = "می\u200cخواهم \U0001f469\u200d\U0001f4bb"  # Persian ZWNJ, an emoji ZWJ sequence
    assert store.add_account(name, "feed", FEED).name == name


def test_each_twin_is_read_under_its_own_lock(twins):
    """One lock for both twins made each round read one of them and skip the other as
    "being read right now"."""
    with twins.account_lock("Shop"), twins.account_lock("shop"):
        pass


def test_one_account_named_in_another_case_is_still_one_lock(store):
    store.add_account("Reviews", "feed", FEED)
    with store.account_lock("Reviews"), pytest.raises(AccountBusy):
        store.account_lock("REVIEWS").__enter__()
