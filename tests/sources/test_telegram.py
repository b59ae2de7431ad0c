"""Telegram against a local Bot API stand-in (tests/sources/telegram_standin.py)."""

from __future__ import annotations

import io
import logging
import time

import pytest

from inbox_app import secrets
from inbox_app.cli import main
from inbox_app.replies import reply
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import Reply, json_reply
from tests.sources.telegram_standin import TOKEN, BotApi, fixture, method

NOW = 1_900_000_000
ANN, BOB, CHLOE = 111111111, 222222222, 333333333


@pytest.fixture
def api(http_server):
    return BotApi(http_server)


@pytest.fixture
def shop(store, api, http_server):
    store.add_account("shop", "telegram", {"api": http_server.base_url})
    secrets.set_secret("shop", TOKEN)
    return store


def _messages(store):
    rows = store.queue(QueueQuery(filter="all"))
    return {m.external_id: m for row in rows for m in store.messages(row.conversation_id)}


def test_adding_checks_the_token_with_get_me(store, db_path, api, http_server, monkeypatch,
                                             capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(TOKEN + "\n"))
    code = main(["--db", str(db_path), "account", "add", "telegram", "--name", "Bot",
                 "--api", http_server.base_url])
    assert code == 0
    assert "connected to @HarbourLaneBot (Harbour Lane)" in capsys.readouterr().out
    assert len(api.requests("getMe")) == 1
    assert secrets.get_secret("Bot") == TOKEN


def test_something_that_is_not_a_bot_token_is_refused_before_asking(db_path, store, api,
                                                                     http_server, monkeypatch,
                                                                     capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("my password\n"))
    code = main(["--db", str(db_path), "account", "add", "telegram", "--name", "Bot",
                 "--api", http_server.base_url])
    assert code == 2
    assert "That does not look like a bot token" in capsys.readouterr().err
    assert http_server.requests == [] and store.list_accounts() == []


def test_private_messages_become_messages_and_the_rest_does_not(shop, api):
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.skipped, result.error) == (4, 3, None)
    (request,) = api.requests("getUpdates")
    assert request.json() == {"timeout": 3, "limit": 100, "allowed_updates": ["message", "edited_message"]}
    assert shop.get_account("shop").cursor == {"offset": 500107}

    messages = _messages(shop)
    assert sorted(messages) == [f"{ANN}:41", f"{ANN}:43", f"{BOB}:8", f"{CHLOE}:12"]
    first, photo = messages[f"{ANN}:41"], messages[f"{ANN}:43"]
    assert first.text == "Hi! My order #1041 hasn't arrived yet 😟"
    assert (first.at, first.author_name, first.kind) == (1775037600, "Ann Lee", "telegram")
    assert photo.text == "Here is the label\n[photo]"
    assert photo.conversation_id == first.conversation_id  # one conversation per chat
    assert messages[f"{CHLOE}:12"].text == (
        "📦 Your tracking page (https://track.example/p/ZX81) says delivered, but nothing is "
        "here")
    assert messages[f"{BOB}:8"].text == "[contact: Bob +4915112345678]"

    ann = shop.get_customer(first.customer_id)
    assert {(i.kind, i.value, i.display) for i in ann.identities} == {
        ("telegram", str(ANN), "@ann_lee"), ("telegram", "ann_lee", "ann_lee")}
    bob = shop.get_customer(messages[f"{BOB}:8"].customer_id)
    assert {(i.kind, i.value) for i in bob.identities} == {
        ("telegram", str(BOB)), ("phone", "+4915112345678")}
    assert shop.stats()["conversations"] == 3


def test_the_next_poll_confirms_with_the_offset_and_stores_nothing_twice(shop, api,
                                                                         http_server):
    poll_once(shop, at=NOW)
    (again,) = poll_once(shop, at=NOW + 60)
    assert (again.new, again.error) == (0, None)
    assert api.requests("getUpdates")[1].json()["offset"] == 500107
    # A server that sends the same updates again (they were never confirmed) adds nothing.
    everything = fixture("getUpdates.json")
    http_server.route("POST", method("getUpdates"), lambda r: json_reply(everything))
    (replayed,) = poll_once(shop, at=NOW + 120)
    assert (replayed.new, replayed.duplicates, replayed.skipped) == (0, 4, 3)
    assert shop.stats()["messages"] == 4


def test_a_long_poll_that_waits_for_a_message_is_fine(shop, http_server):
    def slow(request):
        time.sleep(0.5)
        return json_reply({"ok": True, "result": []})

    http_server.route("POST", method("getUpdates"), slow)
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (0, None)
    assert shop.get_account("shop").cursor == {}


# Replies

def test_a_reply_goes_to_the_chat_answering_the_latest_message(shop, api, http_server):
    poll_once(shop, at=NOW)
    conversation = _messages(shop)[f"{ANN}:41"].conversation_id
    result = reply(shop, conversation, "Thanks Ann, a new parcel leaves today.", None)
    assert (result.delivery, result.error) == ("sent", None)
    (request,) = api.requests("sendMessage")
    assert request.json() == {
        "chat_id": ANN, "text": "Thanks Ann, a new parcel leaves today.",
        "reply_parameters": {"message_id": 43, "allow_sending_without_reply": True}}
    assert shop.get_message(result.message_id).external_id == f"{ANN}:44"

    # Ann answers the bot's reply: same conversation.
    answer = fixture("getUpdates.json")["result"][0]
    answer["update_id"] = 500200
    answer["message"].update(message_id=45, text="Great, thank you!",
                             reply_to_message=fixture("sendMessage.json")["result"])
    http_server.route("POST", method("getUpdates"),
                      lambda r: json_reply({"ok": True, "result": [answer]}))
    poll_once(shop, at=NOW + 60)
    assert _messages(shop)[f"{ANN}:45"].conversation_id == conversation


def test_a_reply_longer_than_telegram_allows_is_kept_as_a_failed_draft(shop, api):
    poll_once(shop, at=NOW)
    conversation = _messages(shop)[f"{ANN}:41"].conversation_id
    result = reply(shop, conversation, "a" * 4097, None)
    assert result.error == ("Telegram messages can be at most 4096 characters and this reply "
                            "has 4097; shorten it and send it again (the text is kept).")
    assert api.requests("sendMessage") == []


def test_a_customer_who_blocked_the_bot_is_said_plainly(shop, api, http_server):
    poll_once(shop, at=NOW)
    http_server.route("POST", method("sendMessage"),
                      lambda r: json_reply(fixture("error.blocked.json"), status=403))
    result = reply(shop, _messages(shop)[f"{CHLOE}:12"].conversation_id, "Checking!", None)
    assert (result.delivery, result.error) == (
        "failed", "The customer has blocked the shop's bot, so Telegram will not deliver the "
                  "reply.")
    assert shop.get_message(result.message_id).delivery == "failed"


# Errors on the account's health

@pytest.mark.parametrize(("answer", "status", "expected"), [
    ("error.unauthorized.json", 401,
     "Telegram refused the bot token (mistyped, or revoked in @BotFather): enter the bot's "
     "current token (Accounts → Edit, or `inbox-app account secret 'shop'`), or check the API "
     "address (--api 127.0.0.1)."),
    ("error.conflict.json", 409,
     "Telegram says another program is reading this bot's messages (“Conflict: terminated by "
     "other getUpdates request; make sure that only one bot instance is running”): only one "
     "can — delete the bot's webhook or stop the other copy."),
])
def test_refusals_are_one_sentence_without_the_token(shop, http_server, answer, status,
                                                     expected):
    http_server.route("POST", method("getUpdates"),
                      lambda r: json_reply(fixture(answer), status=status))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == shop.get_account("shop").last_error == expected
    assert TOKEN not in result.error and TOKEN.split(":")[1] not in result.error


def test_rate_limits_are_honoured_from_retry_after(shop, http_server):
    http_server.route("POST", method("getUpdates"), lambda r: json_reply(
        fixture("error.too_many_requests.json"), status=429))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == ("Telegram says the app is asking too often; the app waits at least 15 min "
                            "before asking again.")
    assert result.next_poll_at == NOW + 900


def test_a_server_error_leaves_the_offset_alone(shop, http_server):
    http_server.route("POST", method("getUpdates"), lambda r: Reply(502, {}, b"bad gateway"))
    shop.set_cursor("shop", {"offset": 500100})
    (result,) = poll_once(shop, at=NOW)
    assert result.error == "127.0.0.1 had a server error (502); it will be retried later."
    assert shop.get_account("shop").cursor == {"offset": 500100}


def test_poll_and_reply_from_the_command_line(shop, api, db_path, tmp_path, capsys):
    assert main(["--db", str(db_path), "poll", "--once"]) == 0
    assert capsys.readouterr().out.startswith("shop: 4 new")
    conversation = _messages(shop)[f"{CHLOE}:12"].conversation_id
    text = tmp_path / "reply.txt"
    text.write_text("We are on it, Chloé.\n", encoding="utf-8")
    assert main(["--db", str(db_path), "reply", str(conversation), "--text-file",
                 str(text)]) == 0
    assert capsys.readouterr().out.startswith(f"reply sent in #{conversation}")
    assert api.requests("sendMessage")[0].json() == {
        "chat_id": CHLOE, "text": "We are on it, Chloé.",
        "reply_parameters": {"message_id": 12, "allow_sending_without_reply": True}}


def test_reply_close_closes_what_was_answered_and_not_what_was_refused(
        shop, api, http_server, db_path, tmp_path, capsys):
    poll_once(shop, at=NOW)
    answered = _messages(shop)[f"{CHLOE}:12"].conversation_id
    refused = _messages(shop)[f"{ANN}:41"].conversation_id
    text = tmp_path / "reply.txt"
    text.write_text("Sorted, thank you!", encoding="utf-8")
    assert main(["--db", str(db_path), "reply", str(answered), "--text-file", str(text),
                 "--close"]) == 0
    assert capsys.readouterr().out.strip().endswith(f"; #{answered} closed")
    assert shop.get_conversation(answered).status == "closed"

    http_server.route("POST", method("sendMessage"),
                      lambda r: json_reply(fixture("error.blocked.json"), status=403))
    assert main(["--db", str(db_path), "reply", str(refused), "--text-file", str(text),
                 "--close"]) == 1
    assert capsys.readouterr().err.strip().endswith("; the conversation stays open.")
    assert shop.get_conversation(refused).status == "open"


def test_the_token_stays_out_of_a_debug_log(shop, api, caplog):
    """urllib3 logs every URL at DEBUG, and the Bot API's URLs carry the token."""
    with caplog.at_level(logging.DEBUG):
        (result,) = poll_once(shop, at=NOW)
    assert result.new == 4
    requests_logged = [r for r in caplog.records if r.name == "urllib3.connectionpool"]
    assert any("/bot<token>/getUpdates" in r.getMessage() for r in requests_logged)
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


def test_a_backlog_is_read_in_one_poll_each_page_confirmed_only_once_stored(shop, api,
                                                                             store_location):
    """A day of messages waiting (Telegram keeps 24 h): 100 a call, at once, until caught up;
    each call's offset confirms the page before it only after that page is stored."""
    from inbox_app.store import open_store

    api.updates = []
    api.queue_private_messages(250)
    stored_when_asked = []
    answer = api.get_updates

    def counting(request):
        elsewhere = open_store(store_location)  # as another program sees the store
        try:
            stored_when_asked.append(elsewhere.stats()["messages"])
        finally:
            elsewhere.close()
        return answer(request)

    api.server.route("POST", api.path("getUpdates"), counting)
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.error) == (250, None)
    asked = [request.json() for request in api.requests("getUpdates")]
    assert [a.get("offset") for a in asked] == [None, 600_100, 600_200]
    assert [a["timeout"] for a in asked] == [3, 0, 0]  # catching up waits for nothing
    assert stored_when_asked == [0, 100, 200]
    assert shop.get_account("shop").cursor == {"offset": 600_250}
    assert shop.stats()["messages"] == 250

    api.queue_private_messages(100, first_id=600_250)  # exactly a page: one more call finds none
    (result,) = poll_once(shop, at=NOW + 60)
    assert result.new == 100
    assert [r.json()["timeout"] for r in api.requests("getUpdates")][3:] == [3, 0]
    assert shop.get_account("shop").cursor == {"offset": 600_350}
