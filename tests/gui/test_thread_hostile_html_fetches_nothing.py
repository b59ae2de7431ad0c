"""Hostile HTML mail in the real thread view: nothing leaves this computer before a person
presses "Load images" (no pixel, no CSS, no srcset, no <link>, no refresh, no DNS look-up),
then only the mail's pictures are fetched; shapes made to break the view open as text."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QUrl

from inbox_app.gui import conversation_view
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.store import open_store
from tests.conftest import CORPUS as SHARED_CORPUS
from tests.gui.conftest import settle
from tests.gui.test_images_fit_the_pane import png
from tests.sources.mail.samples import mail

CORPUS = SHARED_CORPUS / "email"


@pytest.fixture
def recording_server():
    """A web server on loopback that answers every request with a picture and notes it."""
    hits: list[str] = []
    body = png(4, 4)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def connections(monkeypatch):
    """Every name looked up and every connection opened by this process from here on."""
    seen: list[object] = []
    look_up, connect = socket.getaddrinfo, socket.socket.connect

    def recorded_look_up(host, *args, **kwargs):
        seen.append(host)
        return look_up(host, *args, **kwargs)

    def recorded_connect(self, address):
        seen.append(address)
        return connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", recorded_look_up)
    monkeypatch.setattr(socket.socket, "connect", recorded_connect)
    return seen


def stored(location: str, raw: bytes, account: str = "shop") -> int:
    store = open_store(location)
    try:
        store.save_messages([incoming_message(
            parse_message(raw), account=account, own_addresses={"shop@example.com"},
            received_at=1_790_000_000, folder="INBOX")])
        return store._scalar("SELECT max(conversation_id) FROM messages")
    finally:
        store.close()


def hostile_mail(host: str) -> str:
    """Every way an HTML mail can make a mail program fetch something, aimed at `host`."""
    return f"""<html><head>
<link rel="stylesheet" href="http://{host}/link-css"><link rel="icon" href="http://{host}/favicon">
<link rel="dns-prefetch" href="//{host}"><link rel="preload" href="http://{host}/preload">
<meta http-equiv="refresh" content="0;url=http://{host}/refresh">
<base href="http://{host}/base/">
<style>@import url(http://{host}/import); body {{ background: url(http://{host}/css-bg) }}
</style></head>
<body background="http://{host}/body-bg" onload="fetch('http://{host}/onload')">
<p style="background-image:url('http://{host}/style-attr')">Hello, your order shipped.</p>
<img src="http://{host}/pixel.gif" width="1" height="1">
<img src="relative.png"><img src="//{host}/protocol-relative">
<img srcset="http://{host}/srcset 2x" src="http://{host}/picture.png" width="300">
<picture><source srcset="http://{host}/source-srcset"><img src="cid:logo@shop"></picture>
<table background="http://{host}/table-bg"><tr><td background="http://{host}/td-bg">cell</td>
</tr></table>
<svg><image href="http://{host}/svg-image"/><use xlink:href="http://{host}/svg-use"/></svg>
<video poster="http://{host}/poster"><source src="http://{host}/video"></video>
<audio src="http://{host}/audio"></audio><input type="image" src="http://{host}/input">
<object data="http://{host}/object"></object><embed src="http://{host}/embed">
<iframe src="http://{host}/iframe"></iframe><frameset><frame src="http://{host}/frame">
<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><image href='http://{host}/data-svg'/></svg>">
<img src="file:///etc/passwd"><img src="\\\\{host}\\share\\unc.png">
<a href="http://{host}/link">the tracking page</a> <a href="javascript:alert(1)">js</a>
</body></html>"""


def test_nothing_is_fetched_until_load_images_then_only_the_pictures(
        make_window, qtbot, empty_location, recording_server, connections, monkeypatch):
    host, hits = recording_server
    opened: list[str] = []
    monkeypatch.setattr(conversation_view.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()))
    window = make_window(empty_location)
    conversation = stored(empty_location, mail(text=None, html=hostile_mail(host)))
    window.open_conversation(conversation)
    settle(qtbot, window)
    browser = window.conversation.ui.threadBrowser
    assert "Hello, your order shipped." in browser.toPlainText()
    qtbot.wait(300)  # a refresh or a late resource would have asked by now
    assert hits == [] and connections == [] and opened == []

    window.conversation.load_images()
    settle(qtbot, window)
    assert sorted(hits) == ["/picture.png", "/pixel.gif"]
    assert opened == []

    browser.anchorClicked.emit(QUrl(f"http://{host}/link"))
    browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == [f"http://{host}/link"]


@pytest.mark.parametrize("html", [
    '<p>Order 42</p><img src="https://shop.example/a.png" width="{big}" height="{big}">',
    '<p>Order 42</p><table><tr><td colspan="{big}">a</td><td rowspan="\u00b2">b</td></tr></table>',
])
def test_sizes_no_number_can_hold_open_as_the_mail(make_window, qtbot, empty_location, html,
                                                  monkeypatch):
    """int() reads at most 4,300 digits and no "²": the thread stayed on the conversation
    before, with a traceback."""
    monkeypatch.setattr(conversation_view, "fetch_images",
                        lambda urls: {url: png(30, 20) for url in urls})
    window = make_window(empty_location)
    for big in ("9" * 5000, "9" * 400, "1e999"):
        conversation = stored(empty_location, mail(text=None, html=html.format(big=big),
                                                   message_id=f"<{len(big)}@x>"))
        window.open_conversation(conversation)
        settle(qtbot, window)
        assert window.conversation.conversation.id == conversation
        window.conversation.load_images()
        settle(qtbot, window)
        browser = window.conversation.ui.threadBrowser
        assert "Order 42" in browser.toPlainText()
        assert browser.horizontalScrollBar().maximum() == 0


def test_the_email_corpus_opens_without_a_look_up_or_a_connection(
        make_window, qtbot, empty_location, connections):
    """Real-world and adversarial mail (bounces, S/MIME, nested messages, torture tests)."""
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".eml", ".txt")
                   and p.parent.name != "addresses" and p.stat().st_size < 2_000_000)
    assert len(files) > 40
    window = make_window(empty_location)
    opened = []
    for number, path in enumerate(files):
        raw = path.read_bytes()
        if b"Message-ID" not in raw[:4000] and b"Message-Id" not in raw[:4000]:
            raw = f"Message-ID: <corpus-{number}@qa>\r\n".encode() + raw
        opened.append(stored(empty_location, raw))
    for conversation in dict.fromkeys(opened):
        window.open_conversation(conversation)
        settle(qtbot, window)
        assert window.conversation.conversation.id == conversation
    assert connections == []

