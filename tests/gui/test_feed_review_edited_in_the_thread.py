"""A review the customer edited after the shop read it, as the window shows it: the first
version and the edit in one conversation, each with its own stars, the edit saying so."""

from __future__ import annotations

import time
from email.utils import formatdate

from inbox_app.sources.poller import poll_once
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.sources.feed_helpers import FeedSite

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def feed(title: str, text: str, stars: int, written: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:rev="http://purl.org/NET/RSS/2.0/modules/review/"><channel><title>LocalEats'
        f'</title><item><guid isPermaLink="false">r-77</guid><title>{title}</title>'
        "<link>https://localeats.example/reviews/77</link><author>dana@mail.example (Dana W.)"
        f"</author><description>{text}</description><rev:rating>{stars}</rev:rating>"
        f"<pubDate>{written}</pubDate></item></channel></rss>").encode()


def test_the_edit_of_a_review_shows_under_the_first_version(make_window, qtbot,
                                                             empty_location, http_server):
    site = FeedSite(http_server)
    written = formatdate(time.time() - 7200)
    url = site.put("/reviews", feed("Cold and slow", "Waited 25 minutes.", 1, written), RSS,
                   etag='"1"')
    store = open_store(empty_location)
    try:
        store.add_account("LocalEats", "feed", {"url": url})
        poll_once(store)
        site.put("/reviews", feed("They made it right", "The owner called and fixed it.", 4,
                                  written), RSS, etag='"2"')
        (result,) = poll_once(store)
        assert result.new == 1
        (conversation_id,) = {row["conversation_id"] for row in
                              store._rows("SELECT conversation_id FROM messages")}
    finally:
        store.close()

    window = make_window(empty_location)
    window.open_conversation(conversation_id)
    settle(qtbot, window)
    text = window.conversation.ui.threadBrowser.toPlainText()
    first, edit = text.index("Waited 25 minutes."), text.index("The owner called and fixed it.")
    assert first < edit
    assert "★☆☆☆☆ 1/5" in text[:first] and "★★★★☆ 4/5" in text[first:edit]
    assert "They made it right (edited)" in text[first:edit]
    assert text.count("Dana W.") >= 2
