"""`rule add --account Reveiws`: the misspelled account matched no message ever, and the
rule was added without a word. It is still added (an account may be set up after its
rule, and scripts read the exit code), but stderr says no account has that name and lists
those there are; an account named in any case, or one an import filed messages under, is
known."""

from __future__ import annotations

import json

import pytest

LINES = (
    {"kind": "feed", "account": "Reviews", "id": "r1", "text": "Slow delivery, cold coffee.",
     "at": "2026-03-01T10:00:00Z", "author_name": "Ann Lee"},
    {"kind": "email", "account": "Shop mail", "id": "m1", "text": "Where is my order?",
     "at": "2026-03-01T11:00:00Z", "email": "ben@example.com"},
)


@pytest.fixture
def shop(imported):
    return imported(*LINES)


def test_a_misspelled_account_is_said_and_the_rule_kept(shop):
    code, out, err = shop("rule", "add", "Bad reviews", "--account", "Reveiws", "--negative",
                          "--label", "review")
    assert code == 0
    assert out.startswith("added rule Bad reviews")
    assert err == ("inbox-app: no account is called Reveiws (accounts: Reviews, Shop mail);"
                   " the rule matches nothing on it until one is.\n")
    assert [rule["name"] for rule in json.loads(shop("rule", "list", "--json")[1])] == [
        "Bad reviews"]


def test_accounts_messages_were_filed_under_are_known_in_any_case(shop):
    code, _, err = shop("rule", "add", "Mail", "--account", "shop MAIL", "--account",
                        "reviews", "--label", "mail")
    assert (code, err) == (0, "")


def test_no_account_option_no_note(shop):
    assert shop("rule", "add", "Refunds", "--words", "refund", "--label", "refund")[::2] == (
        0, "")
