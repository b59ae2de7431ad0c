"""A review's rating in the thread: stars in its header, with the rating in words beside
them, readable on the light and the dark theme; nothing for messages without one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from inbox_app.gui import theme
from inbox_app.gui.theme import contrast
from inbox_app.gui.thread_html import render_thread
from inbox_app.sources.feed_parse import FeedEntry
from inbox_app.sources.feeds import entry_message
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.sources.mail.samples import mail

AT = 1_790_000_000


@pytest.fixture
def light_afterwards():
    yield
    theme.apply(QApplication.instance(), "light")  # as the other tests expect it


def review(rating: tuple[float, float] | None, key: str = "r1"):
    return entry_message(FeedEntry(
        key=key, title="Lovely coffee, slow delivery", link=f"https://reviews.example/{key}",
        text="The beans are great but the parcel took nine days.", author_name="Priya N.",
        published=AT, rating=rating), "Trustpilot", AT + 60, "Trustpilot reviews")


def stored(location: str, item) -> tuple:
    """The conversation the item went to, and its messages, as the store gives them back."""
    store = open_store(location)
    try:
        store.save_messages([item])
        conversation_id = store._scalar("SELECT max(conversation_id) FROM messages")
        return store.get_conversation(conversation_id), store.messages(conversation_id)
    finally:
        store.close()


def header_text(browser) -> str:
    """The first line of the thread: the first message's header."""
    return next(line for line in browser.toPlainText().splitlines() if line.strip())


def test_a_rated_review_shows_its_stars_and_the_rating_in_words(make_window, qtbot, empty_location):
    conversation, _ = stored(empty_location, review((4, 5)))
    window = make_window(empty_location)
    window.open_conversation(conversation.id)
    settle(qtbot, window)
    browser = window.conversation.ui.threadBrowser
    header = header_text(browser)
    assert header.startswith("Priya N.") and "★★★★☆ 4/5" in header

    text = browser.toPlainText()
    cursor = QTextCursor(browser.document())
    for at in (text.index("★") + 1, text.index("☆") + 1, text.index("4/5") + 1):
        cursor.setPosition(at)
        assert cursor.charFormat().toolTip() == "Rated 4 out of 5"


def test_a_message_without_a_rating_shows_no_stars(empty_location):
    conversation, [message] = stored(empty_location, incoming_message(
        parse_message(mail(text="Where is my order?")), account="shop",
        own_addresses={"shop@example.com"}, received_at=AT, folder="INBOX"))
    _, [unrated] = stored(empty_location, review(None, key="r2"))
    for shown, entry in ((conversation, message), (conversation, unrated)):
        page = render_thread(shown, [entry], theme.LIGHT)
        assert "★" not in page and "☆" not in page and "Rated" not in page


@pytest.mark.parametrize(("rating", "shown"), [
    ({"value": 4, "best": 5}, "★★★★☆ 4/5"),
    ({"value": 5, "best": 5}, "★★★★★ 5/5"),
    ({"value": 0, "best": 5}, "☆☆☆☆☆ 0/5"),
    ({"value": 7, "best": 10}, "★★★★☆ 7/10"),
    ({"value": 4.5, "best": 5}, "★★★★★ 4.5/5"),
    ({"value": 3}, "★★★☆☆ 3/5"),
])
def test_a_rating_is_shown_out_of_five_stars_and_as_given(empty_location, rating, shown):
    conversation, [message] = stored(empty_location, review((4, 5)))
    page = render_thread(conversation, [replace(message, meta={"rating": rating})], theme.LIGHT)
    stars, words = shown.split(" ")
    full, empty = stars.count("★"), stars.count("☆")
    assert "★" * full + "</span>" in page and ">" + "☆" * empty + "</span>" in page
    assert f"&nbsp;{words}</span>" in page


@pytest.mark.parametrize("rating", [
    {"value": 6, "best": 5}, {"value": -1, "best": 5}, {"value": "many", "best": 5},
    {"value": 3, "best": 0}, {"value": float("nan"), "best": 5}, "4", 4, None,
])
def test_a_rating_that_makes_no_sense_shows_nothing(empty_location, rating):
    conversation, [message] = stored(empty_location, review((4, 5)))
    page = render_thread(conversation, [replace(message, meta={"rating": rating})], theme.LIGHT)
    assert "★" not in page and "☆" not in page


def test_a_title_shown_in_the_card_does_not_repeat_the_stars(empty_location):
    conversation, [message] = stored(empty_location, review((2, 5)))
    assert message.title.startswith("★★☆☆☆ ")  # as the feed reader titles a review
    page = render_thread(replace(conversation, subject="Another subject"), [message],
                         theme.LIGHT)
    assert "<b>Lovely coffee, slow delivery</b>" in page
    assert page.count("★★") == 1  # the header's


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_rating_reads_well_on_either_theme(make_window, qtbot, empty_location, mode,
                                               light_afterwards):
    """Measured on the pixels the thread paints, against its card: the given stars stand
    WCAG's 3:1 for marks that must be seen, the words beside them its 4.5:1 for text. The
    stars not given are drawn in the theme's muted text colour, as thin as the font's
    outline star is."""
    conversation, _ = stored(empty_location, review((3, 5)))
    window = make_window(empty_location)
    window.state.set_theme(mode)
    window.open_conversation(conversation.id)
    settle(qtbot, window)
    browser = window.conversation.ui.threadBrowser
    colours = theme.DARK if mode == "dark" else theme.LIGHT
    card = colours["inbound"]
    picture = browser.viewport().grab().toImage()
    text = browser.toPlainText()
    cursor = QTextCursor(browser.document())

    def strongest(first: int, last: int) -> float:
        cursor.setPosition(first)
        area = browser.cursorRect(cursor)
        cursor.setPosition(last)
        area = area.united(browser.cursorRect(cursor))
        assert picture.pixelColor(area.left(), area.top() - 3).name() == card  # on the card
        return max(contrast(picture.pixelColor(x, y).name(), card)
                   for x in range(area.left(), area.right() + 1)
                   for y in range(area.top(), area.bottom() + 1))

    assert strongest(text.index("★"), text.rindex("★") + 1) >= 3.0
    assert strongest(text.index("3/5"), text.index("3/5") + 3) >= 4.5
    cursor.setPosition(text.index("☆") + 1)
    assert contrast(cursor.charFormat().foreground().color().name(), card) >= 4.5
