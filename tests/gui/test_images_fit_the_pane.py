"""Pictures in HTML mail, once a person loads them: scaled down to the room the thread
pane has (not to a fixed width) and again as the pane is resized, never enlarged, never
making the thread scroll sideways; blocked ones stay small placeholders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextFormat

from inbox_app.core.html import BLOCKED_SCHEME
from inbox_app.gui import conversation_view
from inbox_app.gui.thread_html import PLACEHOLDER_SIZE
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.sources.mail.samples import mail

BANNER = "https://news.example/banner.png"  # 1200×400
LOGO = "https://news.example/logo.png"  # 120×60
PHOTO = "https://news.example/photo.png"  # 200×80, the mail gives no size
GONE = "https://news.example/gone.png"  # the server has no such picture
PICTURES = {BANNER: (1200, 400), LOGO: (120, 60), PHOTO: (200, 80)}
HEIGHT = 900


@pytest.fixture
def served(monkeypatch) -> list[list[str]]:
    """The pictures "Load images" fetches, made here instead of on the internet."""
    asked = []

    def fetch(urls):
        asked.append(list(urls))
        return {url: png(*PICTURES[url]) for url in urls if url in PICTURES}

    monkeypatch.setattr(conversation_view, "fetch_images", fetch)
    return asked


def png(width: int, height: int) -> bytes:
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(QColor("#3a63e0"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    return bytes(data)


def conversation_of(location: str, html: str) -> int:
    store = open_store(location)
    try:
        store.save_messages([incoming_message(
            parse_message(mail(text="Our new catalogue.", html=html)), account="shop",
            own_addresses={"shop@example.com"}, received_at=1_790_000_000, folder="INBOX")])
        return store._scalar("SELECT max(conversation_id) FROM messages")
    finally:
        store.close()


def images(browser) -> dict[str, list[tuple[int, int]]]:
    """Each image source in the thread and the sizes it is laid out at."""
    document = browser.document()
    cursor = QTextCursor(document)
    shown: dict[str, list[tuple[int, int]]] = {}
    for position, character in enumerate(document.toRawText()):
        if character != "\ufffc":
            continue
        cursor.setPosition(position + 1)
        image = cursor.charFormat().toImageFormat()
        width = image.width() if image.hasProperty(QTextFormat.Property.ImageWidth) else None
        height = image.height() if image.hasProperty(QTextFormat.Property.ImageHeight) else None
        shown.setdefault(image.name(), []).append((width, height))
    return shown


def pane_width(window, width: int, qtbot) -> object:
    """The window `width` wide (at least its least width, 1013 px offscreen); returns
    the thread, laid out at its new width."""
    browser = window.conversation.ui.threadBrowser
    before = browser.viewport().width()
    window.resize(width, HEIGHT)
    qtbot.waitUntil(lambda: browser.viewport().width() != before
                    and browser.document().textWidth() == browser.viewport().width())
    return browser


def stays_within(browser) -> None:
    assert browser.horizontalScrollBar().maximum() == 0
    assert browser.document().size().width() <= browser.viewport().width()


def loaded(window, qtbot, conversation_id: int):
    window.open_conversation(conversation_id)
    settle(qtbot, window)
    window.conversation.load_images()
    settle(qtbot, window)
    return window.conversation.ui.threadBrowser


MAIL = (f'<p>Our new catalogue.</p><img src="{BANNER}" width="1200" height="400">'
        f'<p>And the logo:</p><img src="{LOGO}" width="120" height="60">'
        f'<p>A photo:</p><img src="{PHOTO}">')


def test_a_wide_picture_fills_the_pane_and_never_scrolls_it_sideways(
        make_window, qtbot, empty_location, served):
    window = make_window(empty_location)
    conversation = conversation_of(empty_location, MAIL)
    browser = loaded(window, qtbot, conversation)
    assert served == [[BANNER, LOGO, PHOTO]]
    widths = []
    for width in (2400, 1400, 1100, 1013, 1800):
        browser = pane_width(window, width, qtbot)
        stays_within(browser)
        shown = images(browser)
        [(banner_width, banner_height)] = shown[BANNER]
        assert banner_width <= browser.viewport().width() - 40  # within its card
        assert abs(banner_height * 3 - banner_width) <= 3  # in proportion
        assert shown[LOGO] == [(120, 60)] and shown[PHOTO] == [(200, 80)]  # as they are
        widths.append(banner_width)
    assert widths[0] > 480  # the pane's room, not a width fixed for every pane
    assert widths[0] > widths[1] > widths[2] >= widths[3] and widths[4] > widths[2]  # follows
    assert widths[0] <= 1200  # and never past its own size


def test_pictures_in_quotes_lists_and_the_mails_own_tables_stay_within_the_pane(
        make_window, qtbot, empty_location, served):
    banner = f'<img src="{BANNER}" width="1200" height="400">'
    html = (f"<blockquote><p>Quoted:</p>{banner}<blockquote>{banner}</blockquote></blockquote>"
            f"<ul><li>Listed: {banner}</li><li><ol><li>{banner}</li></ol></li></ul>"
            f"<table><tr><td>{banner}</td><td>{banner}</td></tr>"
            f"<tr><td colspan=\"2\"><table><tr><td>{banner}</td></tr></table></td></tr></table>")
    window = make_window(empty_location)
    browser = loaded(window, qtbot, conversation_of(empty_location, html))
    for width in (2000, 1200, 1013):
        browser = pane_width(window, width, qtbot)
        stays_within(browser)
        assert len(images(browser)[BANNER]) == 7


def test_blocked_pictures_stay_small_placeholders(make_window, qtbot, empty_location, served):
    html = (f'<p>Sale</p><img src="{BANNER}" width="1200" height="400">'
            f'<img src="{GONE}" width="900" height="300">'
            '<img src="https://t.example/open.gif" width="1" height="1">')
    window = make_window(empty_location)
    window.open_conversation(conversation_of(empty_location, html))
    settle(qtbot, window)
    browser = pane_width(window, 1800, qtbot)
    stays_within(browser)
    shown = images(browser)
    assert shown[BLOCKED_SCHEME + BANNER] == [(None, None)]  # the placeholder's own size
    assert shown[BLOCKED_SCHEME + GONE] == [(None, None)]
    assert shown[BLOCKED_SCHEME + "https://t.example/open.gif"] == [(1, 1)]
    assert served == []  # nothing fetched until a person asks

    window.conversation.load_images()
    settle(qtbot, window)
    shown = images(browser)
    assert shown[BANNER][0][0] > 480
    # One the server did not give stays a placeholder, not a banner-sized stretched icon.
    assert shown[GONE] == [(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE)]
    assert shown["https://t.example/open.gif"] == [(1, 1)]
