"""Web addresses in a plain-text message are links to exactly that address. Written
between angle brackets or quotes (as mail programs write a link's address in the text
part) the link took in the escaped bracket: "…?id=1&gt" opened a page that is not
there, and a ";" was left hanging after it. An absurdly long address is broken into
lines to fit the pane, and its link kept the invisible breaks."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from inbox_app.gui.thread_html import plain_to_html


def links(text: str) -> list[tuple[str, str]]:
    """(address opened, text shown) of each link, as the thread's document holds them."""
    document = QTextDocument()
    document.setHtml(plain_to_html(text))
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                found.append((fragment.charFormat().anchorHref(), fragment.text()))
            it += 1
        block = block.next()
    return found


@pytest.mark.parametrize("written", [
    "Track it here <https://example.com/track?id=1&day=2> thanks",
    'The page "https://example.com/track?id=1&day=2" says nothing',
    "(see https://example.com/track?id=1&day=2)",
])
def test_a_link_between_brackets_or_quotes_is_the_address_alone(qapp, written):
    assert links(written) == [("https://example.com/track?id=1&day=2",
                               "https://example.com/track?id=1&day=2")]


def test_the_text_around_such_a_link_is_kept_as_written(qapp):
    document = QTextDocument()
    document.setHtml(plain_to_html("Track it <https://example.com/t?id=1> thanks"))
    assert document.toPlainText() == "Track it <https://example.com/t?id=1> thanks"


def test_an_absurdly_long_address_opens_whole(qapp):
    address = "https://example.com/" + "a" * 3000
    [(opened, shown)] = links(f"Here: {address} ok")
    assert opened == address
    assert shown.replace("\u200b", "") == address
