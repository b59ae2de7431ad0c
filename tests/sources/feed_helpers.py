"""Serving feeds from the local test server the way a real one would, and reading them back."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.servers import LocalHTTPServer, Reply, Request

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


class FeedSite:
    """Documents served with fixed headers and an ETag; conditional requests get 304.

    `answers` records (path, status) for every request, so a test can prove a
    re-poll downloaded nothing.
    """

    def __init__(self, server: LocalHTTPServer):
        self.server = server
        self.answers: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def put(self, path: str, body: bytes, headers: dict[str, str] | None = None,
            etag: str | None = '"v1"', last_modified: str | None = None) -> str:
        fixed = dict(headers or {})

        def handle(request: Request) -> Reply:
            sent = dict(fixed)
            if etag:
                sent["ETag"] = etag
            if last_modified:
                sent["Last-Modified"] = last_modified
            unchanged = (etag and request.header("If-None-Match") == etag) or (
                not etag and last_modified
                and request.header("If-Modified-Since") == last_modified)
            status = 304 if unchanged else 200
            with self._lock:
                self.answers.append((request.path, status))
            return Reply(status, sent, b"" if unchanged else body)

        self.server.route("GET", path, handle)
        return self.server.url(path)

    def statuses(self, path: str) -> list[int]:
        with self._lock:
            return [status for p, status in self.answers if p == path]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
