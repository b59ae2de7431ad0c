"""A real HTTP server on 127.0.0.1 for channel tests: routes, recorded requests, misbehaviour.

Handlers get a `Request` and return a `Reply`. A reply's body may be bytes or an
iterable of chunks (to stream, stall or never end). Conditional GET is built in
for `static()` replies, so tests can see the app's ETag/Last-Modified handling.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""


Handler = Callable[[Request], Reply]


def json_reply(value, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
                 json.dumps(value).encode("utf-8"))


def static(body: bytes, content_type: str = "application/xml", *, etag: str | None = None,
           last_modified: str | None = None, headers: dict[str, str] | None = None) -> Handler:
    """A fixed document that answers conditional requests with 304."""

    def handle(request: Request) -> Reply:
        base = {"Content-Type": content_type, **(headers or {})}
        if etag:
            base["ETag"] = etag
        if last_modified:
            base["Last-Modified"] = last_modified
        if etag and request.header("If-None-Match") == etag:
            return Reply(304, base)
        if last_modified and not etag and request.header("If-Modified-Since") == last_modified:
            return Reply(304, base)
        return Reply(200, base, body)

    return handle


def stalling(first: bytes = b"<rss>", pause: float = 3600.0) -> Handler:
    """Sends a little, then goes quiet (a server that stalls mid-body)."""

    def handle(request: Request) -> Reply:
        def body():
            yield first
            time.sleep(pause)
            yield b"</rss>"

        return Reply(200, {"Content-Type": "application/xml"}, body())

    return handle


def endless(chunk: bytes = b"<item>" + b"x" * 4096 + b"</item>") -> Handler:
    """A body that never ends."""

    def handle(request: Request) -> Reply:
        def body():
            while True:
                yield chunk

        return Reply(200, {"Content-Type": "application/xml"}, body())

    return handle


class LocalHTTPServer:
    def __init__(self):
        self.routes: dict[tuple[str, str], Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between header and body

            def log_message(self, *args):
                pass

            def _handle(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(self.command, parts.path, parse_qs(parts.query),
                                  dict(self.headers.items()), body)
                with owner._lock:
                    owner.requests.append(request)
                handler = owner.routes.get((self.command, parts.path)) or owner.routes.get(
                    ("*", parts.path))
                reply = handler(request) if handler else Reply(404, {}, b"not found")
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if isinstance(reply.body, (bytes, bytearray)):
                    if "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if self.command != "HEAD" and reply.status not in (204, 304):
                        self.wfile.write(reply.body)
                    return
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for chunk in reply.body:
                        if chunk:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                            self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        class _Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # clients that give up mid-body are what these tests are about

        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, method: str, path: str, handler: Handler) -> None:
        self.routes[(method, path)] = handler

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
