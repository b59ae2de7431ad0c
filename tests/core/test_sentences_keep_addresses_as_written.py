"""A message that starts with an address or a server's name keeps its case wherever it is
made a sentence — the command line, the window's status bar, the account form: capitalized,
"mastodon.social refused…" would name a server that does not exist, "Http://…" an address
nobody typed. Words still start with a capital."""

from __future__ import annotations

import pytest

from inbox_app.core.text import capitalized, sentence


@pytest.mark.parametrize("message", [
    "mastodon.social refused the sign-in",
    "reviews.example answered 404",
    "http://reviews.example/feed uses plain http; use https://",
    "ann@shop.example is not an address the shop can reply to",
    "ann.bsky.social was not found",
    "reviews.example's security certificate could not be verified",
    "imap.shop.example:993 did not answer in time",
    "127.0.0.1 sent more than 1 MB",
])
def test_an_address_or_server_first_keeps_its_case(message):
    assert capitalized(message) == message
    assert sentence(message) == message + "."


@pytest.mark.parametrize("message, shown", [
    ("the feed is empty", "The feed is empty."),
    ("'x' is not a web address", "'x' is not a web address."),
    ("e.g. 1250.50 is an amount", "E.g. 1250.50 is an amount."),
    ("été comes before autumn", "Été comes before autumn."),
    ("  spaced out  ", "Spaced out."),
    ("", ""),
])
def test_words_first_are_capitalized(message, shown):
    assert sentence(message) == shown
