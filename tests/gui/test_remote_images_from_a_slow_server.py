""""Load images" against a server that never finishes: each picture has a deadline, so a
hostile sender cannot hold a worker (and the window's quit, which waits for it) for ever."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from inbox_app.gui import remote_images
from tests.gui.test_images_fit_the_pane import png


@pytest.fixture
def dripping_server():
    """/slow sends a picture's bytes one every 0.1 s (each within any read timeout); /quick
    sends it at once."""
    picture = png(40, 40)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(picture)))
            self.end_headers()
            if self.path == "/quick":
                self.wfile.write(picture)
                return
            started = time.monotonic()
            for byte in picture:
                if time.monotonic() - started > 8:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", picture
    server.shutdown()
    server.server_close()


def test_a_picture_that_takes_too_long_is_given_up_and_the_others_shown(
        dripping_server, monkeypatch):
    base, picture = dripping_server
    monkeypatch.setattr(remote_images, "PICTURE_SECONDS", 1.0)
    started = time.monotonic()
    fetched = remote_images.fetch_images([f"{base}/slow", f"{base}/quick"])
    assert fetched == {f"{base}/quick": picture}
    assert time.monotonic() - started < 6  # the slow one alone takes 8 s to send


def test_a_server_that_hangs_up_midway_costs_only_its_picture(dripping_server, monkeypatch):
    """The body is read below requests, whose errors it no longer wraps."""
    base, picture = dripping_server
    monkeypatch.setattr(remote_images, "PICTURE_SECONDS", 30.0)
    monkeypatch.setattr(remote_images, "ALL_PICTURES_SECONDS", 30.0)
    monkeypatch.setattr(remote_images, "TIMEOUT", (5, 0.05))  # each byte comes after 0.1 s
    assert remote_images.fetch_images([f"{base}/slow", f"{base}/quick"]) == {
        f"{base}/quick": picture}
