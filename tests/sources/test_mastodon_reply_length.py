"""A Mastodon reply longer than the shop's server takes is refused before it is posted.

Mastodon refuses statuses over its limit (`configuration.statuses.max_characters` in
`GET /api/v2/instance`, 500 on a stock server) and counts as its StatusLengthValidator
does: the content warning with the text, every link as 23 characters, a remote
@user@domain mention as @user. The reply carries the customer's handle and their
content warning, so those count too. Before, the app posted any length and the server's
refusal came back as a failed draft; a script could not tell beforehand.
"""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.replies import reply
from inbox_app.sources import mastodon  # noqa: F401  (registers its sender)
from inbox_app.sources.mastodon_reply import countable_length, forget_character_limits
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import json_reply
from tests.sources.mastodon_standin import TOKEN, MastodonServer
from tests.sources.recorded import mastodon_json, mastodon_reply

NOW = 1_900_000_000
MENTIONS = "test_notifications_mentions_only.yaml"  # @admin "hello!"


@pytest.fixture(autouse=True)
def _forget_limits():
    forget_character_limits()  # each test's server says its own figure
    yield
    forget_character_limits()


@pytest.fixture
def shop(store, http_server, corpus):
    store.add_account("shop", "mastodon", {"server": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    MastodonServer(http_server)
    return store


def serve_limit(http_server, limit: int, per_url: int = 23) -> None:
    http_server.route("GET", "/api/v2/instance", lambda r: json_reply(
        {"domain": "127.0.0.1", "configuration": {"statuses": {
            "max_characters": limit, "characters_reserved_per_url": per_url}}}))


def mentioned(shop, http_server, spoiler: str = "") -> int:
    mention = mastodon_json(MENTIONS, 1, http_server.base_url)[0]
    mention["status"]["spoiler_text"] = spoiler
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([mention]))
    poll_once(shop, at=NOW)
    return shop.queue(QueueQuery(filter="all"))[0].conversation_id


def posted(http_server) -> list[str]:
    return [r.json()["status"] for r in http_server.requests_to("/api/v1/statuses")]


def test_the_reply_command_refuses_a_reply_over_the_servers_limit_before_posting(
        shop, http_server, run_cli, tmp_path):
    serve_limit(http_server, 500)
    conversation = mentioned(shop, http_server)
    draft = tmp_path / "reply.txt"
    draft.write_text("x" * 494 + "\n", encoding="utf-8")  # "@admin " makes it 501
    code, out, err = run_cli("reply", str(conversation), "--text-file", str(draft))
    assert (code, out) == (1, "")
    (failed,) = shop.failed_replies(conversation)
    assert err == (
        "inbox-app: the reply was not sent: Mastodon replies on 127.0.0.1 can be at most 500"
        " characters and this one has 501 (counted as Mastodon counts: with the customer's"
        " handle, which the reply starts with); shorten it and send it again (the text is"
        f" kept). It is kept as a failed draft (message {failed.id}).\n")
    assert posted(http_server) == []

    draft.write_text("x" * 493, encoding="utf-8")  # exactly 500: it goes
    code, out, err = run_cli("reply", str(conversation), "--text-file", str(draft))
    assert (code, err) == (0, "")
    assert out.startswith(f"reply sent in #{conversation}")
    assert posted(http_server) == ["@admin " + "x" * 493]


def test_links_count_23_and_remote_mentions_their_username(shop, http_server):
    serve_limit(http_server, 500)
    conversation = mentioned(shop, http_server)
    link = "https://harbourlane.example/orders/" + "a" * 160  # 195 characters, counted 23
    text = f"@jo@a-rather-long-server-name.example see {link} " + "x" * 430
    # 7 ("@admin ") + 4 ("@jo ") + 4 ("see ") + 23 + 1 + 430 = 469 as Mastodon counts
    assert len(text) > 600
    assert countable_length("@admin " + text) == 469
    result = reply(shop, conversation, text, None)
    assert (result.delivery, result.error) == ("sent", None)
    assert posted(http_server) == ["@admin " + text]


def test_the_content_warning_counts_with_the_text(shop, http_server):
    serve_limit(http_server, 500)
    conversation = mentioned(shop, http_server, spoiler="order problem")  # 13 characters
    result = reply(shop, conversation, "x" * 481, None)  # 13 + 7 + 481 = 501
    assert result.delivery == "failed"
    assert result.error.startswith("Mastodon replies on 127.0.0.1 can be at most 500 characters"
                                   " and this one has 501 (counted as Mastodon counts: with"
                                   " the customer's handle, which the reply starts with, and"
                                   " the content warning it carries);")
    assert posted(http_server) == []


def test_a_server_that_takes_longer_posts_takes_them(shop, http_server):
    serve_limit(http_server, 1000)
    conversation = mentioned(shop, http_server)
    result = reply(shop, conversation, "x" * 700, None)
    assert result.delivery == "sent"
    refused = reply(shop, conversation, "x" * 994, None)  # 1001 with the handle
    assert refused.delivery == "failed" and "at most 1000 characters" in refused.error
    assert len(posted(http_server)) == 1
    # The server's figure is asked once, not before every reply.
    assert len(http_server.requests_to("/api/v2/instance")) == 1


def test_a_server_that_does_not_say_its_limit_judges_for_itself(shop, http_server):
    """Without the server's figure the app does not guess and refuse a reply the server
    might take: the server's own refusal is kept as the failed draft, as before."""
    conversation = mentioned(shop, http_server)  # no /api/v2/instance: 404
    http_server.route("POST", "/api/v1/statuses", lambda r: mastodon_reply(
        "test_lang_for_errors.yaml", 1, http_server.base_url))
    result = reply(shop, conversation, "x" * 600, None)
    assert result.delivery == "failed"
    assert "Begrenzung von 500 Zeichen" in result.error
    assert len(posted(http_server)) == 1
