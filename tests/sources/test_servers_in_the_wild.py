"""Channels against servers that answer in ways a shop meets in the wild: a web page where
the API's JSON should be, and a Mastodon reply whose text names someone else first."""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.sources.mastodon import with_mention
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import Reply
from tests.sources.telegram_standin import TOKEN, BotApi

NOW = 1_900_000_000
WEB_PAGE = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body>It works</body></html>"


@pytest.fixture
def bot_shop(store, http_server):
    api = BotApi(http_server)
    store.add_account("Bot", "telegram", {"api": http_server.base_url})
    secrets.set_secret("Bot", TOKEN)
    return api


def test_a_web_page_instead_of_the_bot_api_is_said_plainly(store, http_server, bot_shop):
    # A wrong --api (a web server, a captive portal) answered 200 with HTML: the account said
    # "Telegram refused getUpdates (“200”)."
    http_server.route("POST", bot_shop.path("getUpdates"),
                      lambda r: Reply(200, {"Content-Type": "text/html"}, WEB_PAGE))
    (result,) = poll_once(store, at=NOW)
    assert result.error == ("127.0.0.1 sent a web page where the app expected JSON data: check "
                            "the address (--api), or try again later if the server is down for "
                            "maintenance.")
    assert store.get_account("Bot").cursor == {}


def test_an_empty_answer_from_the_bot_api_is_said_plainly(store, http_server, bot_shop):
    http_server.route("POST", bot_shop.path("getUpdates"), lambda r: Reply(200, {}, b""))
    (result,) = poll_once(store, at=NOW)
    assert result.error == "127.0.0.1 sent an empty answer where the app expected JSON data."


@pytest.fixture
def mastodon_shop(store, http_server):
    store.add_account("shop", "mastodon", {"server": http_server.base_url})
    secrets.set_secret("shop", "token")
    return store


@pytest.mark.parametrize(("body", "said"), [
    (WEB_PAGE, "127.0.0.1 sent a web page where the app expected JSON data: check the address "
               "(--server), or try again later if the server is down for maintenance."),
    (b"", "127.0.0.1 sent an empty answer where the app expected JSON data."),
    (b"\xff\xfe[]", "127.0.0.1 sent something that is not JSON data."),
])
def test_mastodon_answers_that_are_not_json_are_plain_words(mastodon_shop, http_server, body,
                                                            said):
    # The account said "… is not JSON (Expecting value: line 1 column 1 (char 0))."
    http_server.route("GET", "/api/v1/notifications",
                      lambda r: Reply(200, {"Content-Type": "text/html"}, body))
    (result,) = poll_once(mastodon_shop, at=NOW)
    assert result.error == said


@pytest.mark.parametrize(("text", "acct", "sent"), [
    ("Thanks!", "ann", "@ann Thanks!"),
    ("@ann thanks!", "ann", "@ann thanks!"),
    ("Thanks, @Ann.", "ann", "Thanks, @Ann."),
    ("@anna will call you", "ann", "@ann @anna will call you"),
    ("Ask @ann@other.social", "ann", "@ann Ask @ann@other.social"),
    ("@bob thanks", "bob@other.social", "@bob@other.social @bob thanks"),
    ("Thanks!", "", "Thanks!"),
])
def test_the_reply_mentions_the_customer_unless_it_already_does(text, acct, sent):
    # "@anna" counted as mentioning @ann, so a direct reply to @ann reached only @anna.
    assert with_mention(text, acct) == sent


def test_an_email_reply_never_goes_out_through_an_account_of_another_kind(store):
    # The mail account "Shared" was removed and a Telegram bot added under its name: the
    # reply must not hand the bot's token to an SMTP server (it raised KeyError before).
    from inbox_app.core.identity import identity_refs
    from inbox_app.core.models import IncomingMessage
    from inbox_app.replies import reply

    store.save_messages([IncomingMessage(
        kind="email", external_id="<q1@ann>", text="Where is my order?", at=NOW,
        account="Shared", author_name="Ann Lee",
        identities=identity_refs("email", email="ann@example.com"))])
    store.add_account("Shared", "telegram", {"api": "http://127.0.0.1:9"})
    secrets.set_secret("Shared", TOKEN)
    [conversation] = store.queue(QueueQuery(filter="all"))
    result = reply(store, conversation.conversation_id, "It ships today.", None)
    assert (result.delivery, result.error) == (
        "failed", "The email account 'Shared' is no longer set up (that name is now a Telegram "
                  "account); add the email account again to reply.")
