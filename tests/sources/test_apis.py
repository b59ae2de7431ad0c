"""The rate-limit and address helpers the API channels share."""

from __future__ import annotations

import time

import pytest

from inbox_app.sources import SourceError
from inbox_app.sources.apis import base_url, epoch, retry_after
from inbox_app.sources.http import Response


def answer(headers: dict[str, str]) -> Response:
    return Response("https://social.example/api", 429, headers, b"{}")


def test_retry_after_reads_every_platform_s_header():
    assert retry_after(answer({"Retry-After": "120"})) == 120
    soon = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 300))
    assert 290 < retry_after(answer({"x-ratelimit-reset": soon})) <= 300  # Mastodon: a date
    epoch_reset = str(int(time.time()) + 600)
    assert 590 < retry_after(answer({"RateLimit-Reset": epoch_reset})) <= 600  # Bluesky: epoch
    assert retry_after(answer({"RateLimit-Reset": "45"})) == 45  # IETF draft: seconds
    assert retry_after(answer({}), {"parameters": {"retry_after": 7}}) == 7  # Telegram body
    assert retry_after(answer({})) is None
    assert retry_after(answer({"x-ratelimit-reset": "soon"})) is None


def test_a_reset_in_the_past_means_now_and_a_far_one_is_capped():
    past = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
    assert retry_after(answer({"x-ratelimit-reset": past})) == 0
    assert retry_after(answer({"Retry-After": str(10 ** 8)})) == 24 * 3600


@pytest.mark.parametrize(("typed", "expected"), [
    ("mastodon.social", "https://mastodon.social"),
    ("https://mastodon.social/", "https://mastodon.social"),
    (" https://social.example:8443/ ", "https://social.example:8443"),
    ("http://127.0.0.1:3000", "http://127.0.0.1:3000"),
])
def test_server_addresses(typed, expected):
    assert base_url(typed, option="--server") == expected


def test_plain_http_to_another_computer_is_refused():
    with pytest.raises(SourceError, match="plain http"):
        base_url("http://mastodon.example", option="--server")


def test_api_times():
    assert epoch("2026-08-01T13:51:42.823Z") == 1785592302
    assert epoch("2023-09-04T04:00:35.516+00:00") == 1693800035
    assert epoch("2023-09-04T04:00:35") is None  # no zone: not trusted
    assert epoch(None) is None and epoch("yesterday") is None
