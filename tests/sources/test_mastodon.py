"""Mastodon against a local server replaying Mastodon.py's recorded Mastodon 4.6 answers."""

from __future__ import annotations

import io
import json
import socket
import time

import pytest

from inbox_app import secrets
from inbox_app.cli import main
from inbox_app.replies import deliver, reply
from inbox_app.sources import mastodon
from inbox_app.sources.poller import poll_once
from tests.servers import Reply, json_reply
from tests.sources.mastodon_standin import MENTION_STATUS, MENTIONS, TOKEN, MastodonServer
from tests.sources.recorded import mastodon_json, mastodon_reply

NOW = 1_900_000_000


@pytest.fixture
def shop(store, http_server, corpus):
    store.add_account("shop", "mastodon", {"server": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    return store


def recorded_notification(cassette: str, index: int, base_url: str) -> dict:
    return mastodon_json(cassette, index, base_url)[0]


def test_adding_an_account_verifies_the_token_first(store, db_path, http_server, corpus,
                                                    monkeypatch, capsys, memory_keyring):
    MastodonServer(http_server)
    monkeypatch.setattr("sys.stdin", io.StringIO(TOKEN + "\n"))
    code = main(["--db", str(db_path), "account", "add", "mastodon", "--name", "Shop",
                 "--server", http_server.base_url])
    assert code == 0
    assert "signed in as @mastodonpy_test@127.0.0.1 (0 followers)" in capsys.readouterr().out
    (request,) = http_server.requests_to("/api/v1/accounts/verify_credentials")
    assert request.header("Authorization") == f"Bearer {TOKEN}"
    assert secrets.get_secret("Shop") == TOKEN
    assert store.get_account("Shop").config == {
        "server": http_server.base_url, "account_id": "117020457910412882",
        "acct": "mastodonpy_test"}
    assert TOKEN not in json.dumps(store.get_account("Shop").config)


def test_a_refused_token_adds_nothing(db_path, store, http_server, corpus, monkeypatch, capsys):
    http_server.route("GET", "/api/v1/accounts/verify_credentials",
                      lambda r: mastodon_reply("test_home_tl_anonymous_throws.yaml", 0,
                                               http_server.base_url))
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    code = main(["--db", str(db_path), "account", "add", "mastodon", "--name", "Shop",
                 "--server", http_server.base_url])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("inbox-app: The account was not added: 127.0.0.1 refused the access "
                          "token (“The access token is invalid”)")
    assert err.count("\n") == 1
    assert store.list_accounts() == []
    assert secrets.get_secret("Shop") is None


def test_a_server_address_that_is_not_a_web_address_is_refused(db_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_path), "account", "add", "mastodon", "--name", "Shop",
              "--server", "http://mastodon.example"])
    assert exit_info.value.code == 2
    assert "plain http is allowed only for this computer" in capsys.readouterr().err


def test_a_mention_becomes_a_message_with_its_customer(shop, http_server):
    http_server.route("GET", "/api/v1/notifications",
                      lambda r: mastodon_reply(MENTIONS, 1, http_server.base_url))
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (1, None)
    (request,) = http_server.requests_to("/api/v1/notifications")
    assert request.query == {"types[]": ["mention", "quote"], "limit": ["40"],
                             "include_filtered": ["true"]}
    assert request.header("Authorization") == f"Bearer {TOKEN}"

    (row,) = shop.queue(shop_query())
    conversation = shop.get_conversation(row.conversation_id)
    (message,) = shop.messages(conversation.id)
    assert (message.kind, message.external_id, message.direction) == (
        "mastodon", MENTION_STATUS, "in")
    assert message.text == "@mastodonpy_test hello!"
    assert message.html == (
        f'<p><span><a href="{http_server.base_url}/@mastodonpy_test" rel="noopener noreferrer '
        'nofollow">@<span>mastodonpy_test</span></a></span> hello!</p>')
    assert message.at == 1785592302  # 2026-08-01T13:51:42.823Z
    assert message.url == f"{http_server.base_url}/@admin/{MENTION_STATUS}"
    assert message.meta["visibility"] == "public" and message.meta["acct"] == "admin"
    customer = shop.get_customer(message.customer_id)
    assert [(i.kind, i.value, i.followers) for i in customer.identities] == [
        ("mastodon", "admin@127.0.0.1", 1)]
    assert customer.influence == 1
    assert shop.stats()["by_family"]["social"] == 1
    assert shop.get_account("shop").cursor == {"since_id": "21"}


def shop_query():
    from inbox_app.store import QueueQuery

    return QueueQuery(filter="all")


def test_a_repoll_asks_since_the_last_one_and_stores_nothing_twice(shop, http_server):
    http_server.route("GET", "/api/v1/notifications",
                      lambda r: mastodon_reply(MENTIONS, 1, http_server.base_url))
    poll_once(shop, at=NOW)
    (again,) = poll_once(shop, at=NOW + 300)
    assert (again.new, again.duplicates, again.error) == (0, 0, None)
    second = http_server.requests_to("/api/v1/notifications")[1]
    assert second.query["since_id"] == ["21"]
    assert shop.stats()["messages"] == 1


def _five_mentions(base_url: str) -> list[dict]:
    """Real mention notifications 25, 24, 23, 21, 20 (newest first), each from its cassette."""
    return [
        recorded_notification("test_notifications_dismiss.yaml", 1, base_url),
        recorded_notification("test_notifications_exclude_and_types.yaml", 3, base_url),
        recorded_notification("test_notifications_types.yaml", 2, base_url),
        recorded_notification(MENTIONS, 1, base_url),
        recorded_notification("test_notifications.yaml", 1, base_url),
    ]


def _paged_server(http_server, page_size: int = 2):
    """Answers like Mastodon: newest first, `limit` per page, `next` links by max_id."""
    everything = _five_mentions(http_server.base_url) + [
        recorded_notification("test_follow_with_notify_reblog.yaml", 5, http_server.base_url)]
    MastodonServer(http_server).serve(everything, page_size)
    return everything


def test_pagination_follows_next_links_until_caught_up(shop, http_server):
    shop.set_cursor("shop", {"since_id": "19"})
    _paged_server(http_server)
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (5, None)
    queries = [r.query for r in http_server.requests_to("/api/v1/notifications")]
    assert queries[0] == {"types[]": ["mention", "quote"], "limit": ["40"],
                          "include_filtered": ["true"],
                          "since_id": ["19"]}
    assert [q.get("max_id") for q in queries[1:]] == [["24"], ["21"]]
    assert all(q["types[]"] == ["mention", "quote"] for q in queries)
    assert shop.get_account("shop").cursor == {"since_id": "25"}
    assert {m for m in _external_ids(shop)} == {
        "117020578070305017", "117020577834177997", "117020577600332262", MENTION_STATUS,
        "117020576916218297"}


def _external_ids(store) -> list[str]:
    ids = []
    for row in store.queue(shop_query()):
        ids.extend(m.external_id for m in store.messages(row.conversation_id))
    return ids


def test_a_burst_larger_than_one_poll_is_finished_by_the_next_polls(shop, http_server,
                                                                   monkeypatch):
    monkeypatch.setattr(mastodon, "MAX_PAGES", 2)
    shop.set_cursor("shop", {"since_id": "19"})
    _paged_server(http_server)
    assert poll_once(shop, at=NOW)[0].new == 4
    assert shop.get_account("shop").cursor == {
        "since_id": "25", "gaps": [{"max_id": "21", "since_id": "19"}]}
    assert poll_once(shop, at=NOW + 300)[0].new == 1
    assert shop.get_account("shop").cursor == {
        "since_id": "25", "gaps": [{"max_id": "20", "since_id": "19"}]}
    assert poll_once(shop, at=NOW + 600)[0].new == 0
    assert shop.get_account("shop").cursor == {"since_id": "25"}
    assert len(_external_ids(shop)) == 5
    gap_request = [r for r in http_server.requests_to("/api/v1/notifications")
                   if r.query.get("max_id") == ["21"] and "since_id" in r.query][0]
    assert gap_request.query["since_id"] == ["19"]


def test_only_mentions_are_queue_items(shop, http_server):
    base = http_server.base_url
    mixed = (mastodon_json("test_follow_with_notify_reblog.yaml", 5, base)  # a "status" post
             + mastodon_json("test_notification_requests_accept.yaml", 14, base)  # sign-ups
             + mastodon_json(MENTIONS, 1, base))
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply(mixed))
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.duplicates + result.skipped) == (1, 4)
    assert shop.stats()["messages"] == 1
    assert shop.get_account("shop").cursor == {"since_id": "21"}


def test_a_reply_in_a_thread_joins_the_conversation_through_the_context(shop, http_server):
    base = http_server.base_url
    http_server.route("GET", "/api/v1/notifications",
                      lambda r: mastodon_reply(MENTIONS, 1, base))
    poll_once(shop, at=NOW)
    first = shop.queue(shop_query())[0].conversation_id

    # A later mention answering a status the app never saw (the shop's own post, made on the
    # web); its context shows the thread started with the mention stored above.
    parent = mastodon_json("test_status_reply.yaml", 0, base)
    answer = mastodon_json("test_status_reply.yaml", 2, base)
    mention = recorded_notification(MENTIONS, 1, base)
    mention.update(id="30", status=answer)
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([mention]))
    context_path = f"/api/v1/statuses/{answer['id']}/context"
    http_server.route("GET", context_path, lambda r: json_reply(
        {"ancestors": [recorded_notification(MENTIONS, 1, base)["status"], parent],
         "descendants": []}))
    (result,) = poll_once(shop, at=NOW + 300)
    assert result.new == 1
    assert len(http_server.requests_to(context_path)) == 1
    assert [m.external_id for m in shop.messages(first)] == [MENTION_STATUS, answer["id"]]
    assert shop.stats()["conversations"] == 1


def test_a_thread_whose_start_is_unknown_is_its_own_conversation(shop, http_server, corpus):
    base = http_server.base_url
    answer = mastodon_json("test_status_reply.yaml", 2, base)
    mention = recorded_notification(MENTIONS, 1, base)
    mention.update(id="30", status=answer)
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([mention]))
    http_server.route("GET", f"/api/v1/statuses/{answer['id']}/context",
                      lambda r: mastodon_reply("test_status_context.yaml", 1, base))
    (result,) = poll_once(shop, at=NOW)
    assert result.new == 1
    (message,) = shop.messages(shop.queue(shop_query())[0].conversation_id)
    assert message.meta["in_reply_to_id"] == "117020583245459824"
    assert message.text == "@mastodonpy_test_2 same!"


# Replies

@pytest.fixture
def mentioned(shop, http_server):
    MastodonServer(http_server)
    poll_once(shop, at=NOW)
    return shop.queue(shop_query())[0].conversation_id


def test_a_reply_is_posted_in_the_thread_with_the_customer_mentioned(shop, mentioned,
                                                                      http_server):
    http_server.route("POST", "/api/v1/statuses", lambda r: mastodon_reply(
        "test_status_reply.yaml", 2, http_server.base_url))
    shop.set_setting("email_signature", "Harbour Lane Coffee")  # email only: posts go unsigned
    result = reply(shop, mentioned, "Thanks, we are on it!", None)
    assert (result.delivery, result.error) == ("sent", None)
    (request,) = http_server.requests_to("/api/v1/statuses")
    assert request.json() == {"status": "@admin Thanks, we are on it!",
                              "in_reply_to_id": MENTION_STATUS, "visibility": "public"}
    assert request.header("Authorization") == f"Bearer {TOKEN}"
    assert request.header("Idempotency-Key").startswith(f"inbox-app-{result.message_id}-")
    sent = shop.get_message(result.message_id)
    assert (sent.direction, sent.delivery, sent.external_id) == ("out", "sent",
                                                                 "117020583258292382")
    assert sent.conversation_id == mentioned
    assert shop.get_conversation(mentioned).awaiting_since is None

    # The customer answers the shop's reply: it lands in the same conversation.
    follow_up = recorded_notification(MENTIONS, 1, http_server.base_url)
    follow_up["id"] = "40"
    follow_up["status"].update(id="117020599999999999", in_reply_to_id="117020583258292382")
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([follow_up]))
    poll_once(shop, at=NOW + 600)
    assert "117020599999999999" in [m.external_id for m in shop.messages(mentioned)]
    assert shop.stats()["conversations"] == 1


@pytest.mark.parametrize("original", ["public", "unlisted", "private", "direct"])
def test_a_reply_is_never_more_visible_than_the_post_it_answers(shop, http_server, original):
    mention = recorded_notification(MENTIONS, 1, http_server.base_url)
    mention["status"]["visibility"] = original
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([mention]))
    http_server.route("POST", "/api/v1/statuses", lambda r: mastodon_reply(
        "test_status_reply.yaml", 2, http_server.base_url))
    poll_once(shop, at=NOW)
    reply(shop, shop.queue(shop_query())[0].conversation_id, "Noted.", None)
    (request,) = http_server.requests_to("/api/v1/statuses")
    assert request.json()["visibility"] == original


def test_visibility_order():
    assert mastodon.narrowest("public") == "public"
    assert mastodon.narrowest("public", "private") == "private"
    assert mastodon.narrowest("unlisted", "direct") == "direct"
    assert mastodon.narrowest("limited") == "direct"
    assert mastodon.narrowest(None) == "direct"


def test_a_content_warning_is_carried_over(shop, http_server):
    mention = recorded_notification(MENTIONS, 1, http_server.base_url)
    mention["status"]["spoiler_text"] = "order problem"
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply([mention]))
    http_server.route("POST", "/api/v1/statuses", lambda r: mastodon_reply(
        "test_status_reply.yaml", 2, http_server.base_url))
    poll_once(shop, at=NOW)
    conversation = shop.queue(shop_query())[0].conversation_id
    assert shop.get_conversation(conversation).subject == "order problem"
    reply(shop, conversation, "@admin sorry about that", None)
    (request,) = http_server.requests_to("/api/v1/statuses")
    assert request.json() == {"status": "@admin sorry about that",
                              "in_reply_to_id": MENTION_STATUS, "visibility": "public",
                              "spoiler_text": "order problem"}


def test_a_refused_reply_is_kept_as_a_failed_draft_with_the_reason(shop, mentioned,
                                                                   http_server):
    http_server.route("POST", "/api/v1/statuses", lambda r: mastodon_reply(
        "test_lang_for_errors.yaml", 1, http_server.base_url))
    result = reply(shop, mentioned, "x" * 600, None)
    assert result.delivery == "failed"
    assert result.error == ("127.0.0.1 refused it: Gültigkeitsprüfung ist fehlgeschlagen: "
                            "Text Begrenzung von 500 Zeichen überschritten.")
    draft = shop.get_message(result.message_id)
    assert (draft.delivery, draft.error, draft.text) == ("failed", result.error, "x" * 600)


def test_a_rate_limited_reply_says_to_send_it_again_not_that_the_app_will(
        shop, mentioned, http_server):
    """A poll waits out "too many requests" by itself; a failed reply is sent again only by
    a person. It said "the app waits at least 30 min before asking again", and nothing did."""
    http_server.route("POST", "/api/v1/statuses", lambda r: json_reply(
        {"error": "Too many requests"}, status=429, headers={"Retry-After": "1790"}))
    result = reply(shop, mentioned, "On its way.", None)
    assert (result.delivery, result.error) == (
        "failed", "127.0.0.1 (Mastodon) says the app is asking too often; send the reply"
                  " again in 30 min or later.")


def test_a_retry_sends_the_same_idempotency_key(shop, mentioned, http_server):
    answers = [Reply(503, {}, b"busy"),
               mastodon_reply("test_status_reply.yaml", 2, http_server.base_url)]
    http_server.route("POST", "/api/v1/statuses", lambda r: answers.pop(0))
    first = reply(shop, mentioned, "On its way.", None)
    assert first.delivery == "failed" and "server error (503)" in first.error
    second = deliver(shop, first.message_id)
    assert second.delivery == "sent"
    keys = [r.header("Idempotency-Key") for r in http_server.requests_to("/api/v1/statuses")]
    assert len(keys) == 2 and keys[0] == keys[1]


def test_a_mention_is_not_added_twice():
    assert mastodon.with_mention("hi @Admin, thanks", "admin") == "hi @Admin, thanks"
    assert mastodon.with_mention("thanks", "ann@social.example") == "@ann@social.example thanks"


# Errors on the account's health

def _health(store) -> str:
    return store.get_account("shop").last_error


def test_an_expired_token_is_one_sentence_on_the_account(shop, http_server):
    http_server.route("GET", "/api/v1/notifications", lambda r: mastodon_reply(
        "test_unauthed_home_tl_throws.yaml", 1, http_server.base_url))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == _health(shop) == (
        "127.0.0.1 refused the access token (“The access token is invalid”): it was revoked or "
        "has expired; create a new token and enter it (Accounts → Edit, or `inbox-app account "
        "secret 'shop'`).")


def test_a_suspended_account_is_said_plainly(shop, http_server):
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply(
        {"error": "Your login is currently disabled"}, status=403))
    poll_once(shop, at=NOW)
    assert _health(shop) == ("127.0.0.1 says the shop's account is suspended or disabled "
                             "(“Your login is currently disabled”).")


def test_rate_limits_are_honoured_from_the_reset_header(shop, http_server):
    reset = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 1800))
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply(
        {"error": "Too many requests"}, status=429,
        headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                 "X-RateLimit-Reset": reset}))
    (result,) = poll_once(shop, at=NOW)
    assert result.error.startswith("127.0.0.1 (Mastodon) says the app is asking too often; "
                                   "the app waits at least 30 min before asking again")
    assert result.next_poll_at >= NOW + 1790
    assert len(http_server.requests_to("/api/v1/notifications")) == 1


def test_a_server_error_is_retried_later(shop, http_server):
    http_server.route("GET", "/api/v1/notifications", lambda r: Reply(502, {}, b"bad gateway"))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == "127.0.0.1 had a server error (502); it will be retried later."
    assert shop.get_account("shop").cursor == {}


@pytest.mark.parametrize("helper", [False, True], ids=["in line", "in the helper"])
@pytest.mark.parametrize(("body", "said"), [
    (b"<html>Maintenance</html>", "127.0.0.1 sent a web page where the app expected JSON data:"
                                  " check the address (--server), or try again later if the"
                                  " server is down for maintenance."),
    (b'{"error": "nope"}', "127.0.0.1 sent notifications in a shape the app does not know."),
    (b"\xff\xfe[]", "127.0.0.1 sent something that is not JSON data."),
])
def test_a_page_that_is_not_a_list_of_notifications_is_one_sentence(shop, http_server, body,
                                                                     said, helper):
    from inbox_app.sources import parse_worker

    if helper:
        parse_worker.start()
    http_server.route("GET", "/api/v1/notifications",
                      lambda r: Reply(200, {"Content-Type": "application/json"}, body))
    (result,) = poll_once(shop, at=NOW)
    assert result.error.startswith(said)
    assert shop.get_account("shop").cursor == {} and shop.stats()["messages"] == 0


def test_an_unknown_server_name_is_said_plainly(store, monkeypatch):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    store.add_account("shop", "mastodon", {"server": "https://mastodon.socail"})
    secrets.set_secret("shop", TOKEN)
    (result,) = poll_once(store, at=NOW)
    assert result.error == ("No Mastodon server is known at https://mastodon.socail: check the "
                            "address (--server).")


def test_a_next_link_to_another_server_is_not_followed(shop, http_server):
    mention = recorded_notification(MENTIONS, 1, http_server.base_url)
    shop.set_cursor("shop", {"since_id": "1"})
    http_server.route("GET", "/api/v1/notifications", lambda r: json_reply(
        [mention], headers={"Link": '<https://elsewhere.example/api/v1/notifications?max_id=21>;'
                                    ' rel="next"'}))
    (result,) = poll_once(shop, at=NOW)
    assert result.new == 1 and len(http_server.requests_to("/api/v1/notifications")) == 1


def test_a_server_without_the_mastodon_api_is_said_plainly(shop, http_server):
    (result,) = poll_once(shop, at=NOW)
    assert result.error == ("127.0.0.1 does not look like a Mastodon server: check the address "
                            "(--server).")


def test_a_deleted_post_is_a_clear_refusal_when_replying(shop, mentioned, http_server):
    http_server.route("POST", "/api/v1/statuses", lambda r: mastodon_reply(
        "test_status_missing.yaml", 0, http_server.base_url))
    result = reply(shop, mentioned, "Hello", None)
    assert result.error == ("127.0.0.1 has no such post any more (deleted, or no longer visible "
                            "to the shop).")
