"""Bluesky against a local PDS stand-in answering with real recorded XRPC responses.

The stand-in (tests/sources/bluesky_standin.py) serves the corpus account's
real 200-item listNotifications and the other recorded answers.
"""

from __future__ import annotations

import io
import json
import time
from collections import Counter

import pytest

from inbox_app import secrets
from inbox_app.cli import main
from inbox_app.core.models import IncomingMessage
from inbox_app.replies import deliver, reply
from inbox_app.sources import bluesky
from inbox_app.sources.poller import poll_once
from inbox_app.store import QueueQuery
from tests.servers import Reply, json_reply
from tests.sources.bluesky_standin import HANDLE, PASSWORD, SHOP_DID, XRPC, Pds
from tests.sources.recorded import bluesky_json

NOW = 1_900_000_000


@pytest.fixture
def shop(bluesky_shop):
    return bluesky_shop


def _session_blob() -> dict:
    return json.loads(secrets.get_secret("shop", slot="session"))


def _conversations(store):
    return store.queue(QueueQuery(filter="all", limit=500))


# Sessions

def test_adding_signs_in_once_and_the_polls_reuse_that_session(store, db_path, pds,
                                                               http_server, monkeypatch,
                                                               capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(["--db", str(db_path), "account", "add", "bluesky", "--name", "shop",
                 "--handle", "@ShinyaKato.dev", "--service", http_server.base_url])
    assert code == 0
    assert f"signed in as @{HANDLE} ({SHOP_DID})" in capsys.readouterr().out
    poll_once(store, at=NOW)
    poll_once(store, at=NOW + 300)
    assert pds.created == 1
    assert [r.header("Authorization") for r in
            pds.requests("app.bsky.notification.listNotifications")] == ["Bearer access-1"] * 2
    assert store.get_account("shop").config == {"handle": HANDLE,
                                                "service": http_server.base_url,
                                                "did": SHOP_DID}


def test_the_session_is_kept_in_the_keyring_and_not_recreated_each_poll(shop, pds):
    for step in range(3):
        (result,) = poll_once(shop, at=NOW + step * 300)
        assert result.error is None
    assert pds.created == 1 and pds.refreshed == 0
    blob = _session_blob()
    assert (blob["accessJwt"], blob["refreshJwt"], blob["did"]) == ("access-1", "refresh-1",
                                                                    SHOP_DID)
    assert PASSWORD not in json.dumps(blob)


def test_an_expired_access_token_is_refreshed_not_recreated(shop, pds):
    poll_once(shop, at=NOW)
    pds.expire("access-1")
    (result,) = poll_once(shop, at=NOW + 300)
    assert result.error is None
    (refresh,) = pds.requests("com.atproto.server.refreshSession")
    assert refresh.header("Authorization") == "Bearer refresh-1" and refresh.body == b""
    assert (pds.created, pds.refreshed) == (1, 1)
    assert _session_blob()["accessJwt"] == "access-2"
    last = pds.requests("app.bsky.notification.listNotifications")[-1]
    assert last.header("Authorization") == "Bearer access-2"
    poll_once(shop, at=NOW + 600)
    assert (pds.created, pds.refreshed) == (1, 1)


def test_after_signing_in_everything_goes_to_the_server_the_did_document_names(
        store, http_server, corpus):
    """Sign-in at the address given (Bluesky's entryway); reads, refreshes and replies at
    the account's own server, as the session's DID document names it."""
    own = Pds(http_server, pds_path="/pds")
    store.add_account("shop", "bluesky", {"handle": HANDLE, "service": http_server.base_url})
    secrets.set_secret("shop", PASSWORD)
    (result,) = poll_once(store, at=NOW)
    assert result.error is None and result.new > 0
    assert _session_blob()["pds"] == http_server.base_url + "/pds"
    own.expire("access-1")
    (result,) = poll_once(store, at=NOW + 300)
    assert result.error is None and own.refreshed == 1
    paths = {request.path for request in http_server.requests}
    assert "/xrpc/com.atproto.server.createSession" in paths
    assert "/pds/xrpc/com.atproto.server.refreshSession" in paths
    assert "/pds/xrpc/app.bsky.notification.listNotifications" in paths
    assert not {path for path in paths if path.startswith("/xrpc/")} - {
        "/xrpc/com.atproto.server.createSession"}


def test_a_did_document_naming_an_unsafe_server_is_ignored(shop, pds, http_server, caplog):
    answer = bluesky_json("com.atproto.server.createSession.json")
    answer.update(accessJwt="access-1", refreshJwt="refresh-1")
    answer.pop("active"), answer.pop("status")
    answer["didDoc"]["service"][0]["serviceEndpoint"] = "http://10.1.2.3:2583"
    pds.valid_access.add("access-1")
    http_server.route("POST", XRPC + "com.atproto.server.createSession",
                      lambda r: json_reply(answer))
    (result,) = poll_once(shop, at=NOW)
    assert result.error is None
    assert _session_blob()["pds"] is None
    assert pds.requests("app.bsky.notification.listNotifications")
    assert "not a safe address" in caplog.text


def test_when_the_refresh_token_has_expired_too_the_app_signs_in_again(shop, pds):
    poll_once(shop, at=NOW)
    pds.expire("access-1", "refresh-1")
    (result,) = poll_once(shop, at=NOW + 300)
    assert result.error is None
    assert (pds.created, pds.refreshed) == (2, 0)
    assert _session_blob()["accessJwt"] == "access-2"


# Reading

def test_the_real_notifications_become_messages_customers_and_threads(shop, pds):
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.skipped, result.error) == (24, 176, None)
    (request,) = pds.requests("app.bsky.notification.listNotifications")
    assert request.query == {"limit": ["50"], "reasons": ["mention", "reply", "quote"]}

    messages = [m for row in _conversations(shop) for m in shop.messages(row.conversation_id)]
    assert Counter(m.meta["reason"] for m in messages) == {"reply": 17, "quote": 4,
                                                           "mention": 3}
    by_uri = {m.external_id: m for m in messages}
    thanks = by_uri["at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k4as23yu2g"]
    assert thanks.text == "あ、なるほどそういうことだったんですね！ご親切にありがとうございます😊"
    assert thanks.author_name == "まかれの"
    assert thanks.url == ("https://bsky.app/profile/did:plc:wpmuup4caccl3a726wdni6wj/post/"
                          "3k6k4as23yu2g")
    assert thanks.at == 1693800035  # its createdAt, 2023-09-04T04:00:35Z

    # A link shortened for display is stored in full; the HTML keeps it clickable.
    music = next(m for m in messages if m.text.startswith("The music to this one"))
    assert music.text.splitlines()[0] == (
        "The music to this one … 😘👌 https://www.youtube.com/watch?v=Zyyn5rvmJ9I")
    assert 'href="https://www.youtube.com/watch?v=Zyyn5rvmJ9I"' in music.html
    assert music.text.splitlines()[1].startswith("[quoting https://bsky.app/profile/")

    # The author's DID and handle are identities of one customer, with followers.
    customer = shop.get_customer(thanks.customer_id)
    assert [(i.kind, i.value, i.followers) for i in customer.identities] == [
        ("bluesky", "did:plc:wpmuup4caccl3a726wdni6wj", 1032),
        ("bluesky", "maccalennon.bsky.social", 1032)]
    assert customer.influence == 1032
    assert len(pds.requests("app.bsky.actor.getProfile")) == 19

    # Replies to replies in the batch share a conversation; separate replies to one of the
    # shop's own posts stay separate matters.
    assert len(_conversations(shop)) == 19
    chain = [by_uri[f"at://{u}"] for u in (
        "did:plc:yk4dd2qkboz2yv6tpubpc6co/app.bsky.feed.post/3k6h5l3ytoi2o",
        "did:plc:oio4hkxaop4ao4wz2pp3f4cr/app.bsky.feed.post/3k6h5wnblxk2g",
        "did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3k6h62dzqiz26")]
    assert {m.author_name for m in chain} == {"daniel 🫠", "Kuba Suder", "Jaz"}
    assert len({m.conversation_id for m in chain}) == 1


def test_a_repoll_reads_only_what_is_new(shop, pds):
    poll_once(shop, at=NOW)
    assert shop.get_account("shop").cursor["indexed_at"] == "2023-09-04T04:25:05.748Z"
    (again,) = poll_once(shop, at=NOW + 300)
    assert (again.new, again.error) == (0, None)
    assert shop.stats()["messages"] == 24
    assert len(pds.requests("app.bsky.notification.listNotifications")) == 2


def test_pages_are_followed_down_to_the_last_poll(shop, pds):
    shop.set_cursor("shop", {"indexed_at": "2023-08-31T00:00:00.000Z", "uris": []})
    pds.page_size = 50
    (result,) = poll_once(shop, at=NOW)
    assert result.new == 24
    cursors = [r.query.get("cursor") for r in
               pds.requests("app.bsky.notification.listNotifications")]
    assert cursors == [None, ["50"], ["100"], ["150"]]


def test_a_burst_larger_than_one_poll_is_finished_by_the_next_polls(shop, pds, monkeypatch):
    monkeypatch.setattr(bluesky, "MAX_PAGES", 2)
    shop.set_cursor("shop", {"indexed_at": "2023-08-31T00:00:00.000Z", "uris": []})
    pds.page_size = 50
    first = poll_once(shop, at=NOW)[0].new
    assert shop.get_account("shop").cursor["gaps"][0]["cursor"] == "100"
    later = [poll_once(shop, at=NOW + 300 * n)[0].new for n in (1, 2)]
    assert first + sum(later) == 24
    assert "gaps" not in shop.get_account("shop").cursor


def test_likes_reposts_and_follows_are_not_queue_items(shop, pds):
    pds.notifications["notifications"] = [
        n for n in pds.notifications["notifications"] if n["reason"] in ("like", "repost",
                                                                         "follow")]
    (result,) = poll_once(shop, at=NOW)
    assert (result.new, result.duplicates + result.skipped) == (0, 176)
    assert shop.stats()["messages"] == 0


def test_broken_facets_do_not_break_the_text():
    text, html = bluesky.rich_text("café ok", [
        {"index": {"byteStart": 3, "byteEnd": 4},  # inside the two bytes of "é"
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://x.example"}]},
        {"index": {"byteStart": 6, "byteEnd": 99}, "features": [{"$type": "x#link"}]},
    ])
    assert (text, html) == ("café ok", None)


# Replying

@pytest.fixture
def conversation_with(shop, pds):
    poll_once(shop, at=NOW)

    def find(uri: str) -> int:
        for row in _conversations(shop):
            if any(m.external_id == uri for m in shop.messages(row.conversation_id)):
                return row.conversation_id
        raise AssertionError(uri)

    return find


THANKS = "at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k4as23yu2g"


def test_a_reply_is_a_post_with_root_and_parent(shop, pds, conversation_with):
    conversation = conversation_with(THANKS)
    result = reply(shop, conversation, "どういたしまして！ See https://shop.example/help", None)
    assert (result.delivery, result.error) == ("sent", None)
    (request,) = pds.requests("com.atproto.repo.createRecord")
    body = request.json()
    assert pds.lexicons.input_errors("com.atproto.repo.createRecord", body) == []
    record = body["record"]
    assert set(body) == {"repo", "collection", "rkey", "record"}
    assert (body["repo"], body["collection"]) == (SHOP_DID, "app.bsky.feed.post")
    assert set(record) == {"$type", "text", "createdAt", "reply", "facets"}
    assert record["reply"] == {
        "root": {"uri": "at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k3k3gwjt2q",
                 "cid": "bafyreihvdsfczasqo7fadxtwsdq56e6mrodlfn6f4qaleglzr2nwmwkrxm"},
        "parent": {"uri": THANKS,
                   "cid": "bafyreidkrb4ci4v6o2laiicznvak2wxwklkmdpccna6r6qlvvz6sewghkq"}}
    link = "https://shop.example/help"
    start = len("どういたしまして！ See ".encode())
    assert record["facets"] == [{"index": {"byteStart": start,
                                           "byteEnd": start + len(link)},
                                 "features": [{"$type": "app.bsky.richtext.facet#link",
                                               "uri": link}]}]
    assert abs(bluesky.epoch(record["createdAt"]) - time.time()) < 60
    assert request.header("Authorization") == "Bearer access-1"
    sent = shop.get_message(result.message_id)
    assert sent.external_id == f"at://{SHOP_DID}/app.bsky.feed.post/{body['rkey']}"
    assert sent.meta["cid"] == "bafyreibzwceddubi4x2b2gjbkmzi7cbngjtcmalimppxwtn3mmedu3pzse"


def test_a_reply_to_a_top_level_mention_uses_the_mention_as_root(shop, pds, conversation_with):
    mention = "at://did:plc:trw6iydbhpncolfzwrrh5juw/app.bsky.feed.post/3k6cjazqxnp23"
    conversation = conversation_with(mention)
    reply(shop, conversation, "Thanks for asking", None)
    record = pds.requests("com.atproto.repo.createRecord")[0].json()["record"]
    # The conversation's latest customer post is henoya's follow-up reply in the same thread.
    assert record["reply"]["root"]["uri"] == mention
    assert set(record) == {"$type", "text", "createdAt", "reply"}


def test_the_300_grapheme_limit_is_checked_before_sending(shop, pds, conversation_with):
    conversation = conversation_with(THANKS)
    too_long = reply(shop, conversation, "👍" * 301, None)
    assert too_long.delivery == "failed"
    assert too_long.error == ("Bluesky posts can be at most 300 characters and this reply has "
                              "301; shorten it and send it again (the text is kept).")
    assert shop.get_message(too_long.message_id).text == "👍" * 301
    assert pds.requests("com.atproto.repo.createRecord") == []
    # 300 letters with combining accents: 600 code points, still 300 characters.
    accented = "e\u0301" * 300
    assert reply(shop, conversation, accented, None).delivery == "sent"


def test_a_retry_after_a_lost_answer_does_not_post_twice(shop, pds, conversation_with):
    conversation = conversation_with(THANKS)
    pds.create_record_answers.append(Reply(502, {}, b"bad gateway"))
    first = reply(shop, conversation, "We are checking.", None)
    assert first.delivery == "failed" and "server error (502)" in first.error
    second = deliver(shop, first.message_id)
    assert second.delivery == "sent"
    assert len(pds.requests("com.atproto.repo.createRecord")) == 1
    (lookup,) = pds.requests("com.atproto.repo.getRecord")
    rkey = pds.requests("com.atproto.repo.createRecord")[0].json()["rkey"]
    assert lookup.query == {"repo": [SHOP_DID], "collection": ["app.bsky.feed.post"],
                            "rkey": [rkey]}
    assert shop.get_message(first.message_id).external_id.endswith(rkey)


def test_a_retry_after_a_real_failure_posts_once(shop, pds, conversation_with):
    conversation = conversation_with(THANKS)
    _failing_then_working(pds)
    first = reply(shop, conversation, "We are checking.", None)
    assert first.delivery == "failed"
    assert deliver(shop, first.message_id).delivery == "sent"
    assert len(pds.requests("com.atproto.repo.getRecord")) == 1
    assert len(pds.requests("com.atproto.repo.createRecord")) == 2


def _failing_then_working(pds):
    original = Pds.create_record
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            return Reply(503, {}, b"down")  # nothing was written
        return original(pds, request)

    pds.route("POST", "com.atproto.repo.createRecord", handler, auth=True)
    return handler


def test_without_the_post_s_refs_the_thread_is_read_first(shop, pds):
    thread = bluesky_json("app.bsky.feed.getPostThread.json")["thread"]["post"]
    shop.save_messages([IncomingMessage(
        kind="bluesky", external_id=thread["uri"], text="an imported post", at=NOW,
        account="shop", meta={"uri": thread["uri"]})])
    conversation = _conversations(shop)[0].conversation_id
    assert reply(shop, conversation, "Hello", None).delivery == "sent"
    (lookup,) = pds.requests("app.bsky.feed.getPostThread")
    assert lookup.query == {"uri": [thread["uri"]], "depth": ["0"], "parentHeight": ["0"]}
    record = pds.requests("com.atproto.repo.createRecord")[0].json()["record"]
    assert record["reply"] == {
        "root": {"uri": thread["record"]["reply"]["root"]["uri"],
                 "cid": thread["record"]["reply"]["root"]["cid"]},
        "parent": {"uri": thread["uri"], "cid": thread["cid"]}}


def test_a_deleted_post_is_a_clear_refusal(shop, pds, http_server):
    http_server.route("GET", XRPC + "app.bsky.feed.getPostThread", lambda r: json_reply(
        {"thread": {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://x/y/z",
                    "notFound": True}}))
    shop.save_messages([IncomingMessage(kind="bluesky", external_id="at://x/y/z", text="hi",
                                        at=NOW, account="shop", meta={"uri": "at://x/y/z"})])
    result = reply(shop, _conversations(shop)[0].conversation_id, "Hello", None)
    assert (result.delivery, result.error) == (
        "failed", "The customer's post has been deleted; there is nothing to reply to.")


# Errors on the account's health

def test_a_wrong_app_password_is_one_sentence(store, pds, http_server):
    store.add_account("shop", "bluesky", {"handle": HANDLE, "service": http_server.base_url})
    secrets.set_secret("shop", "wrong-password")
    (result,) = poll_once(store, at=NOW)
    assert result.error == (f"Bluesky refused the app password for {HANDLE} (“Invalid "
                            "identifier or password”): create a new app password and enter it "
                            "(Accounts → Edit, or `inbox-app account secret 'shop'`).")


def test_the_recorded_deactivated_account_is_said_plainly(shop, pds, http_server):
    http_server.route("POST", XRPC + "com.atproto.server.createSession", lambda r: json_reply(
        bluesky_json("com.atproto.server.createSession.json")))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == (f"Bluesky says the account {HANDLE} is deactivated; reactivate it "
                            "in Bluesky to read and reply.")
    assert secrets.get_secret("shop", slot="session") is None


def test_a_suspended_account_is_said_plainly(shop, pds, http_server):
    http_server.route("GET", XRPC + "app.bsky.notification.listNotifications",
                      lambda r: json_reply({"error": "AccountTakedown",
                                            "message": "Account has been taken down"},
                                           status=400))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == (f"Bluesky says the account {HANDLE} has been taken down (suspended "
                            "by its moderators); it cannot be read or used to reply.")


def test_rate_limits_are_honoured_from_the_reset_header(shop, pds, http_server):
    reset = str(int(time.time()) + 600)
    http_server.route("GET", XRPC + "app.bsky.notification.listNotifications",
                      lambda r: json_reply({"error": "RateLimitExceeded",
                                            "message": "Rate Limit Exceeded"}, status=429,
                                           headers={"ratelimit-limit": "3000",
                                                    "ratelimit-remaining": "0",
                                                    "ratelimit-reset": reset}))
    (result,) = poll_once(shop, at=NOW)
    assert result.error.startswith("Bluesky says the app is asking too often; the app waits at "
                                   "least 10 min")
    assert result.next_poll_at >= NOW + 590


def test_a_recorded_error_body_is_quoted(shop, pds, http_server):
    http_server.route("GET", XRPC + "app.bsky.notification.listNotifications",
                      lambda r: json_reply(bluesky_json("error.InvalidRequestError.json"),
                                           status=400))
    (result,) = poll_once(shop, at=NOW)
    assert result.error == ("Bluesky refused app.bsky.notification.listNotifications "
                            "(“parameter is missing”).")


def test_a_service_that_is_not_bluesky_is_said_plainly(store, http_server):
    store.add_account("shop", "bluesky", {"handle": HANDLE, "service": http_server.base_url})
    secrets.set_secret("shop", PASSWORD)
    (result,) = poll_once(store, at=NOW)
    assert result.error == ("127.0.0.1 does not answer Bluesky requests "
                            "(com.atproto.server.createSession): check the address (--service).")


def test_record_keys_are_valid_tids_and_stable_per_reply():
    key = bluesky.record_key(42, NOW)
    assert key == bluesky.record_key(42, NOW) != bluesky.record_key(43, NOW)
    assert len(key) == 13 and key[0] in "234567abcdefghij"
    assert bluesky.record_key(42, NOW) < bluesky.record_key(42, NOW + 1)


def test_the_reply_command_keeps_a_refused_draft(shop, pds, conversation_with, db_path,
                                                 tmp_path, capsys):
    conversation = conversation_with(THANKS)
    draft = tmp_path / "reply.txt"
    draft.write_text("🙂" * 320, encoding="utf-8")
    code = main(["--db", str(db_path), "reply", str(conversation), "--text-file", str(draft)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("inbox-app: the reply was not sent: Bluesky posts can be at most 300 "
                          "characters and this reply has 320;")
    assert "It is kept as a failed draft" in err
    (failed,) = shop.failed_replies(conversation)
    assert failed.text == "🙂" * 320


def test_an_unknown_service_name_is_said_plainly(store, monkeypatch):
    import socket

    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    store.add_account("shop", "bluesky", {"handle": HANDLE, "service": "https://bsky.socail"})
    secrets.set_secret("shop", PASSWORD)
    (result,) = poll_once(store, at=NOW)
    assert result.error == ("No Bluesky server is known at https://bsky.socail: check the "
                            "address (--service).")


def test_the_lexicon_checker_catches_what_a_server_would_refuse(pds):
    good = {"repo": SHOP_DID, "collection": "app.bsky.feed.post", "record": {
        "$type": "app.bsky.feed.post", "text": "hi", "createdAt": "2026-01-01T00:00:00.000Z"}}
    assert pds.lexicons.input_errors("com.atproto.repo.createRecord", good) == []
    bad = json.loads(json.dumps(good))
    bad["record"].update(text="x" * 301, reply={"root": {"uri": "at://x/y/z"}}, mood="ok")
    del bad["record"]["createdAt"]
    bad["rkey"] = ".."
    assert set(pds.lexicons.input_errors("com.atproto.repo.createRecord", bad)) == {
        "app.bsky.feed.post: missing createdAt",
        "app.bsky.feed.post: mood is not defined by the lexicon",
        "app.bsky.feed.post.reply: missing parent",
        "app.bsky.feed.post.reply.root: missing cid",
        "app.bsky.feed.post.text: more than 300 graphemes",
        "input.rkey: '..' is not a valid record-key",
    }
    assert pds.lexicons.params_errors("app.bsky.notification.listNotifications",
                                      {"limit": ["500"], "since": ["x"]}) == [
        "limit: 500 is out of range",
        "app.bsky.notification.listNotifications: unknown parameter since"]


@pytest.mark.parametrize("helper", [False, True], ids=["in line", "in the helper"])
@pytest.mark.parametrize(("body", "said"), [
    (b"<html>Maintenance</html>", "Bluesky sent a web page where the app expected JSON data:"
                                  " check the address (--service)"),
    (b'{"notifications": {"oops": 1}}',
     "Bluesky sent notifications in a shape the app does not know."),
    (b"[]", "Bluesky sent notifications in a shape the app does not know."),
])
def test_a_page_that_is_not_a_list_of_notifications_is_one_sentence(shop, pds, http_server,
                                                                     body, said, helper):
    from inbox_app.sources import parse_worker

    if helper:
        parse_worker.start()
    pds.route("GET", "app.bsky.notification.listNotifications",
              lambda r: Reply(200, {"Content-Type": "application/json"}, body), auth=True)
    (result,) = poll_once(shop, at=NOW)
    assert result.error.startswith(said)
    assert shop.stats()["messages"] == 0


def test_a_link_cards_title_reads_as_the_page_wrote_it_not_as_its_html():
    """The corpus' getTimeline.json carries card titles as sites put them in <title>."""
    from inbox_app.sources.bluesky_text import embed_lines

    card = {"$type": "app.bsky.embed.external#view",
            "external": {"uri": "https://example.com/p92",
                         "title": "Meta&#039;s new &quot;P92&quot; &amp; more"}}
    assert embed_lines(card) == ['[link: Meta\'s new "P92" & more https://example.com/p92]']
