"""Accounts → Edit pointing an account at something else to read — a feed at another
address, another mailbox — reads the new source from the start. The old source's place
(its Last-Modified, the entries it listed) was kept: a new feed last changed before the old
one was answered "304 Not Modified" on every poll and never read."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from inbox_app.sources.poller import poll_once
from tests.servers import Reply, Request

OLD_REVIEWS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Old site</title>
<item><title>Lovely beans</title><link>https://old.example/1</link><guid>old-1</guid>
<description>Great coffee</description></item></channel></rss>"""
NEW_REVIEWS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>New site</title>
<item><title>Cold flat white</title><link>https://new.example/7</link><guid>new-7</guid>
<description>The flat white came cold.</description></item></channel></rss>"""


def last_changed(body: bytes, modified: str):
    """A feed file as a web server hands it out: 304 when it has not changed since the time
    the reader names (If-Modified-Since), as Apache and most servers compare it."""
    def handle(request: Request) -> Reply:
        headers = {"Content-Type": "application/rss+xml", "Last-Modified": modified}
        since = request.header("If-Modified-Since")
        if since and parsedate_to_datetime(since) >= parsedate_to_datetime(modified):
            return Reply(304, headers)
        return Reply(200, headers, body)

    return handle


def test_a_feed_given_a_new_address_is_read_there_from_the_start(
        accounts_dialog, store, http_server, qtbot):
    http_server.route("GET", "/old.rss",
                      last_changed(OLD_REVIEWS, "Thu, 02 Apr 2026 10:00:00 GMT"))
    http_server.route("GET", "/new.rss",
                      last_changed(NEW_REVIEWS, "Wed, 01 Apr 2026 09:00:00 GMT"))
    store.add_account("Reviews", "feed", {"url": http_server.url("/old.rss")})
    assert [r.new for r in poll_once(store, account="Reviews")] == [1]

    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("--url", http_server.url("/new.rss"))
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args[1], tested.args

    assert [r.new for r in poll_once(store, account="Reviews")] == [1]
    assert [r.header("If-Modified-Since") for r in http_server.requests_to("/new.rss")
            if r.method == "GET"][-1] is None


MAILBOX = {"address": "shop@example.com", "imap_host": "imap.example.com", "imap_port": 993,
           "imap_security": "ssl", "smtp_host": "smtp.example.com", "smtp_port": 587,
           "smtp_security": "starttls", "folder": "INBOX", "history_days": 30}
READ_UP_TO = {"folders": {"INBOX": {"uidvalidity": 1700000000, "last_uid": 4120,
                                    "pending": [4118, 4119, 4120]}}}


def _changed(store, **settings):
    from inbox_app import accounts

    account = store.get_account("Shop mail")
    setup = accounts.AccountSetup({**account.config, **settings}, "Password")
    return accounts.update_account(store, account, setup, "new-password", sign_in=None)[0]


def test_another_mailbox_starts_afresh_and_a_new_password_or_smtp_server_keeps_its_place(
        store):
    """Two mailboxes' INBOXes made by one script share a UIDVALIDITY: the old one's last
    UID skipped the new one's mail, and its UIDs waiting to be marked read (or deleted,
    with "delete after import") were applied to the other mailbox's messages."""
    store.add_account("Shop mail", "email", MAILBOX)
    store.set_cursor("Shop mail", READ_UP_TO)
    assert _changed(store, smtp_host="mail.example.com").cursor == READ_UP_TO
    assert _changed(store, imap_host="IMAP.example.com.").cursor == READ_UP_TO
    assert _changed(store, user="orders@example.com").cursor == {}
