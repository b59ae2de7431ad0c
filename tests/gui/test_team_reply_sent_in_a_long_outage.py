"""Team mode in the window: the mail server took a reply, then the shared database stayed
away longer than recording it is retried. The reply went: the composer must not give it
back as unsent, and it is recorded once the database answers again."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pytest

from inbox_app import replies
from inbox_app.replies import Sent
from inbox_app.secrets import set_secret
from tests.gui.conftest import settle
from tests.gui.test_team import current_id, desktop, live_ready
from tests.pgserver import TcpProxy

pytestmark = pytest.mark.postgres
TEXT = "Your parcel left the shop this morning."


@pytest.fixture
def proxy(pg_demo_location):
    proxy = TcpProxy(urlsplit(pg_demo_location).port)
    yield proxy
    proxy.close()


@pytest.fixture
def mail_server_then_long_outage(proxy, monkeypatch):
    """Takes each reply, then the network drops and stays down past the retries (cut to
    a moment here: two minutes in the app)."""
    import inbox_app.sources.mail  # noqa: F401  (registers the real sender first)

    monkeypatch.setattr("inbox_app.store.pg_locks.RECORD_DELIVERY_SECONDS", 0.5)
    delivered = []

    def send(store, outgoing):
        delivered.append(outgoing.text)
        proxy.cut()
        return Sent(external_id=f"<sent-{outgoing.message_id}@shop>")

    monkeypatch.setitem(replies._SENDERS, "email", send)
    return delivered


def test_a_reply_sent_in_a_long_outage_is_recorded_when_the_database_is_back(
        make_window, pg_demo_location, proxy, mail_server_then_long_outage, qtbot):
    delivered = mail_server_then_long_outage
    parts = urlsplit(pg_demo_location)
    url = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}"))
    window = make_window(url)
    live_ready(qtbot, window)
    window.select_key("kind:email")
    settle(qtbot, window)
    target = current_id(window)
    set_secret(window.conversation.conversation.account, "app-password")
    ui = window.conversation.ui
    qtbot.keyClicks(ui.composerEdit, TEXT)

    ui.sendButton.click()
    qtbot.waitUntil(lambda: "not recorded" in ui.composerStatus.text(), timeout=30000)
    assert ui.composerStatus.text().startswith(
        "Sent, but not recorded yet: the store cannot be reached.")
    assert ui.composerEdit.toPlainText() == ""
    assert TEXT not in [draft.text for draft in window.local_drafts.pending()]

    proxy.restore()
    qtbot.waitUntil(lambda: not window.read_only, timeout=30000)
    settle(qtbot, window)
    window.conversation.composer.retry_kept()  # what the window does every half minute
    settle(qtbot, window)
    with desktop(pg_demo_location) as store:
        sent = [m for m in store.messages(target) if m.direction == "out" and m.text == TEXT]
        assert [m.delivery for m in sent] == ["sent"]
        assert store.draft(target, window.staff) == ""
    assert delivered == [TEXT]
    assert ui.composerEdit.toPlainText() == ""
    assert replies.unrecorded_replies(pg_demo_location) == []
