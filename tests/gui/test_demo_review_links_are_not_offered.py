"""The demo's reviews and mentions carry made-up addresses under the reserved `.example`
domain: "Open the original ↗" in their thread sent the browser to a page that cannot
exist (the look-up left the computer and failed). The thread says the demo made the
item up instead; a real feed's link, even on an `.example` test site, stays a link."""

from __future__ import annotations

from dataclasses import replace

from inbox_app.core.models import Message
from inbox_app.gui import theme
from inbox_app.gui.thread_html import render_thread
from inbox_app.store import QueueQuery


def feed_thread(store):
    """The demo's newest review or mention: its conversation and the item."""
    (row,) = store.queue(QueueQuery(filter="all", kind="feed", order="newest", limit=1))
    conversation = store.get_conversation(row.conversation_id)
    (item,) = [entry for entry in store.thread(conversation.id) if isinstance(entry, Message)]
    return conversation, item


def test_a_demo_review_offers_no_link_to_its_made_up_page(demo_store):
    conversation, item = feed_thread(demo_store)
    assert item.url.startswith("https://reviews.example/") and item.meta.get("demo")

    page = render_thread(conversation, [item], theme.LIGHT)

    assert 'href="https://reviews.example' not in page and "Open the original" not in page
    assert "the demo made this item up" in page


def test_a_real_feed_items_link_stays_a_link(demo_store):
    conversation, item = feed_thread(demo_store)
    real = replace(item, meta={key: value for key, value in item.meta.items() if key != "demo"},
                   url="https://localeats.example/reviews/77")

    page = render_thread(conversation, [real], theme.LIGHT)

    assert '<a href="https://localeats.example/reviews/77">Open the original ↗</a>' in page
