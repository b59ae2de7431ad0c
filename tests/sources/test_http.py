"""The HTTP layer every channel uses, against a real local server that misbehaves."""

import gzip
import time

import pytest

from inbox_app.sources.http import FetchError, check_url, make_session, request
from tests.servers import Reply, endless, json_reply, stalling, static


@pytest.fixture
def session():
    s = make_session()
    yield s
    s.close()


def test_plain_http_only_to_this_computer():
    assert check_url("http://127.0.0.1:8080/feed")
    assert check_url("http://localhost/x")
    assert check_url("https://example.com/feed")
    with pytest.raises(FetchError, match="plain http"):
        check_url("http://example.com/feed")
    with pytest.raises(FetchError, match="not a web address"):
        check_url("file:///etc/passwd")


def test_a_normal_fetch_and_a_conditional_one(http_server, session):
    http_server.route("GET", "/feed", static(b"<rss/>", etag='"v1"'))
    first = request(session, "GET", http_server.url("/feed"))
    assert first.status == 200 and first.body == b"<rss/>" and first.header("etag") == '"v1"'
    again = request(session, "GET", http_server.url("/feed"), headers={"If-None-Match": '"v1"'})
    assert again.status == 304 and again.body == b""


def test_a_body_over_the_cap_is_an_error_not_a_memory_blowup(http_server, session):
    http_server.route("GET", "/big", lambda r: Reply(200, {}, b"x" * 3_000_000))
    with pytest.raises(FetchError, match="sent more than 1 MB"):
        request(session, "GET", http_server.url("/big"), max_bytes=1024 * 1024)


def test_an_endless_body_stops_at_the_cap(http_server, session):
    http_server.route("GET", "/endless", endless())
    with pytest.raises(FetchError, match="sent more than"):
        request(session, "GET", http_server.url("/endless"), max_bytes=1024 * 1024)


def test_a_gzip_bomb_stops_at_the_cap_after_decompression(http_server, session):
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    http_server.route("GET", "/bomb", lambda r: Reply(
        200, {"Content-Encoding": "gzip", "Content-Type": "application/xml"}, bomb))
    with pytest.raises(FetchError, match="sent more than"):
        request(session, "GET", http_server.url("/bomb"), max_bytes=2 * 1024 * 1024)


def test_a_server_that_stalls_mid_body_ends_within_the_timeouts(http_server, session):
    http_server.route("GET", "/stall", stalling(pause=30))
    started = time.monotonic()
    with pytest.raises(FetchError, match="stopped answering|took too long"):
        request(session, "GET", http_server.url("/stall"), timeout=(2, 1), deadline=3, retries=0)
    assert time.monotonic() - started < 10


def test_a_slow_drip_is_cut_by_the_deadline(http_server, session):
    def drip(_request):
        def body():
            for _ in range(100):
                time.sleep(0.2)
                yield b"x"
        return Reply(200, {}, body())

    http_server.route("GET", "/drip", drip)
    with pytest.raises(FetchError, match="took too long"):
        request(session, "GET", http_server.url("/drip"), timeout=(2, 5), deadline=1.5)


def test_server_errors_are_retried_then_reported_plainly(http_server, session):
    http_server.route("GET", "/flaky", lambda r: Reply(500, {}, b"oops"))
    with pytest.raises(FetchError, match="server error \\(500\\)"):
        request(session, "GET", http_server.url("/flaky"))
    assert len(http_server.requests_to("/flaky")) == 3


def test_429_with_a_long_retry_after_is_not_waited_for_but_reported(http_server, session):
    http_server.route("GET", "/limited", lambda r: Reply(429, {"Retry-After": "120"}, b""))
    with pytest.raises(FetchError) as caught:
        request(session, "GET", http_server.url("/limited"))
    assert caught.value.retry_after == 120
    assert "asking too often" in str(caught.value)
    assert len(http_server.requests_to("/limited")) == 1


def test_a_short_retry_after_is_honoured(http_server, session):
    calls = []

    def limited_once(request_):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Reply(429, {"Retry-After": "1"}, b"")
        return json_reply({"ok": True})

    http_server.route("GET", "/once", limited_once)
    assert request(session, "GET", http_server.url("/once")).json() == {"ok": True}
    assert calls[1] - calls[0] >= 0.9


def test_posts_are_never_retried(http_server, session):
    http_server.route("POST", "/post", lambda r: Reply(503, {}, b""))
    with pytest.raises(FetchError):
        request(session, "POST", http_server.url("/post"), json_body={"a": 1})
    assert len(http_server.requests_to("/post")) == 1


def test_a_redirect_to_plain_http_elsewhere_is_refused_before_it_is_fetched(http_server, session):
    http_server.route("GET", "/moved", lambda r: Reply(302, {"Location": "http://example.com/x"}))
    with pytest.raises(FetchError, match="plain http"):
        request(session, "GET", http_server.url("/moved"))


def test_a_redirect_on_the_same_server_is_followed(http_server, session):
    http_server.route("GET", "/old", lambda r: Reply(301, {"Location": "/new"}))
    http_server.route("GET", "/new", static(b"here"))
    response = request(session, "GET", http_server.url("/old"))
    assert response.body == b"here" and response.history == [301]


def test_nobody_listening(session):
    with pytest.raises(FetchError, match="Could not reach 127.0.0.1"):
        request(session, "GET", "http://127.0.0.1:9/nothing", retries=0)


def test_credentials_are_not_carried_to_another_server_on_a_redirect(http_server, session):
    from tests.servers import LocalHTTPServer

    elsewhere = LocalHTTPServer()
    try:
        elsewhere.route("GET", "/landing", lambda r: Reply(200, {}, b"ok"))
        http_server.route("GET", "/same", lambda r: Reply(302, {"Location": "/here"}, b""))
        http_server.route("GET", "/here", lambda r: Reply(200, {}, b"ok"))
        http_server.route("GET", "/away", lambda r: Reply(
            302, {"Location": elsewhere.url("/landing")}, b""))
        secret = {"Authorization": "Bearer s3cret", "Cookie": "session=1", "Accept": "x/y"}
        request(session, "GET", http_server.url("/same"), headers=secret)
        assert http_server.requests_to("/here")[0].header("Authorization") == "Bearer s3cret"
        request(session, "GET", http_server.url("/away"), headers=secret)
        landed = elsewhere.requests_to("/landing")[0]
        assert landed.header("Authorization") is None and landed.header("Cookie") is None
        assert landed.header("Accept") == "x/y"
    finally:
        elsewhere.close()


def test_a_declared_1_gb_body_is_refused_before_reading(http_server, session):
    http_server.route("GET", "/huge", lambda r: Reply(
        200, {"Content-Length": str(1 << 30), "Content-Type": "application/xml"}, b"<rss>" * 1000))
    started = time.monotonic()
    with pytest.raises(FetchError, match="sent more than 10 MB"):
        request(session, "GET", http_server.url("/huge"))
    assert time.monotonic() - started < 5


def test_a_refusal_keeps_what_it_says_across_processes():
    """The parsing helper hands refusals back pickled: whether to retry must survive."""
    import pickle

    from inbox_app.sources.http import FetchError

    for sent in (FetchError("a shape the app does not know", retryable=False),
                 FetchError("slow down", status=429, retry_after=30.0),
                 FetchError("not JSON")):
        got = pickle.loads(pickle.dumps(sent))
        assert (str(got), got.status, got.retry_after, got.retryable) == (
            str(sent), sent.status, sent.retry_after, sent.retryable)
    assert not pickle.loads(pickle.dumps(FetchError("x", retryable=False))).retryable


def test_a_servers_retry_after_is_honoured_up_to_a_week():
    """Twenty digits of Retry-After overflowed the next try's date and stopped the round
    for every account; a date far ahead is as much a week as a number is."""
    from inbox_app.sources.http import LONGEST_WAIT_ASKED, parse_retry_after

    assert parse_retry_after("120") == 120
    assert parse_retry_after("99999999999999999999") == LONGEST_WAIT_ASKED
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT") == LONGEST_WAIT_ASKED
    assert parse_retry_after("soon") is None
