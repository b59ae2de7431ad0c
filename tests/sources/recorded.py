"""Real recorded API answers from the shared corpus, replayed by the local HTTP server.

Mastodon.py's cassettes were recorded against a Mastodon 4.6 server at
http://localhost:3000; its address in bodies and `Link` headers is rewritten to
the local test server, everything else (bodies, rate-limit headers) is served
as recorded.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import yaml

from tests.conftest import CORPUS
from tests.servers import Reply

RECORDED_HOST = "http://localhost:3000"
MASTODON = CORPUS / "mastodon"
BLUESKY = CORPUS / "bluesky"
LEXICONS = BLUESKY / "lexicons"
BLUESKY_RESPONSES = BLUESKY / "responses" / "atproto.dart"
KEPT_HEADERS = ("content-type", "link", "x-ratelimit-limit", "x-ratelimit-remaining",
                "x-ratelimit-reset", "retry-after")


@cache
def _cassette(name: str) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((MASTODON / "cassettes" / name).read_text(encoding="utf-8"), Loader=loader)


def interaction(cassette: str, index: int) -> dict:
    return copy.deepcopy(_cassette(cassette)["interactions"][index])


def mastodon_reply(cassette: str, index: int, base_url: str) -> Reply:
    """One recorded response, served as recorded (host rewritten)."""
    response = interaction(cassette, index)["response"]
    headers = {}
    for key, values in response["headers"].items():
        if key.lower() in KEPT_HEADERS:
            value = values[0] if isinstance(values, list) else values
            headers[key] = value.replace(RECORDED_HOST, base_url)
    body = response["body"]["string"].replace(RECORDED_HOST, base_url).encode("utf-8")
    return Reply(response["status"]["code"], headers, body)


def mastodon_json(cassette: str, index: int, base_url: str = RECORDED_HOST):
    """A recorded response body, parsed (to compose answers from real parts)."""
    response = interaction(cassette, index)["response"]
    return json.loads(response["body"]["string"].replace(RECORDED_HOST, base_url))


def mastodon_link(cassette: str, index: int, base_url: str) -> str:
    response = interaction(cassette, index)["response"]
    return response["headers"]["link"][0].replace(RECORDED_HOST, base_url)


def bluesky_json(name: str):
    return json.loads((BLUESKY_RESPONSES / name).read_text(encoding="utf-8"))


def lexicons_dir() -> Path:
    return LEXICONS
