"""Team mode in the window: the network drops just as a reply goes out — the mail server
took it, and the shared database cannot be told. When the network is back the reply is
recorded as sent, the composer is empty and the customer got it once: nothing invites
sending it a second time."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit

import pytest

from inbox_app import replies
from inbox_app.replies import Sent
from inbox_app.secrets import set_secret
from tests.gui.conftest import settle
from tests.gui.test_team import current_id, desktop, live_ready, reply_card
from tests.pgserver import TcpProxy

pytestmark = pytest.mark.postgres
TEXT = "Your parcel left the shop this morning."


@pytest.fixture
def proxy(pg_demo_location):
    proxy = TcpProxy(urlsplit(pg_demo_location).port)
    yield proxy
    proxy.close()


@pytest.fixture
def mail_server_then_outage(proxy):
    """Takes each reply, then the network drops (for a moment: real outages last longer,
    which changes nothing but the wait)."""
    import inbox_app.sources.mail  # noqa: F401  (registers the real sender first)

    delivered = []
    came_back = threading.Event()

    def send(store, outgoing):
        delivered.append(outgoing.text)
        proxy.cut()
        threading.Timer(2.0, lambda: (proxy.restore(), came_back.set())).start()
        return Sent(external_id=f"<sent-{outgoing.message_id}@shop>")

    previous = replies._SENDERS.get("email")
    replies.register_sender("email", send)
    yield delivered, came_back
    replies._SENDERS["email"] = previous


def test_a_reply_that_went_out_as_the_network_dropped_is_sent_once(
        make_window, pg_demo_location, proxy, mail_server_then_outage, qtbot):
    delivered, came_back = mail_server_then_outage
    parts = urlsplit(pg_demo_location)
    url = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}"))
    window = make_window(url)
    live_ready(qtbot, window)
    window.select_key("kind:email")
    settle(qtbot, window)
    target = current_id(window)
    set_secret(window.conversation.conversation.account, "app-password")
    composer = window.conversation.ui.composerEdit
    qtbot.keyClicks(composer, TEXT)

    window.conversation.ui.sendButton.click()
    qtbot.waitUntil(came_back.is_set, timeout=15000)
    qtbot.waitUntil(lambda: window.conversation.ui.composerStatus.text() == "Sent.",
                    timeout=30000)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "✓ Sent" in reply_card(window, TEXT), timeout=15000)

    assert delivered == [TEXT]
    assert composer.toPlainText() == ""
    assert window.local_drafts.pending() == []
    with desktop(pg_demo_location) as store:
        sent = [m for m in store.messages(target) if m.direction == "out" and m.text == TEXT]
        assert [m.delivery for m in sent] == ["sent"]
        assert store.draft(target, window.staff) == ""
