"""How customers' email looks in the window's thread."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from inbox_app.gui.theme import colors
from inbox_app.gui.thread_html import render_thread, shown_formatting
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.sources.mail.samples import mail

OWN = {"shop@example.com"}
SHOTS = os.environ.get("THREAD_SHOTS")


def incoming(raw: bytes):
    return incoming_message(parse_message(raw), account="shop", own_addresses=OWN,
                            received_at=1_790_000_000, folder="INBOX")


def conversation_of(location: str, raw: bytes) -> int:
    store = open_store(location)
    try:
        store.save_messages([incoming(raw)])
        return store._scalar("SELECT max(conversation_id) FROM messages")
    finally:
        store.close()


def stored(location: str, raw: bytes):
    """The conversation and its messages, as the store gives them back."""
    conversation_id = conversation_of(location, raw)
    store = open_store(location)
    try:
        return store.get_conversation(conversation_id), store.messages(conversation_id)
    finally:
        store.close()


def shown(window, qtbot, conversation_id: int, name: str = ""):
    window.open_conversation(conversation_id)
    settle(qtbot, window)
    browser = window.conversation.ui.threadBrowser
    if SHOTS and name:
        browser.grab().save(str(Path(SHOTS) / f"{name}.png"))
    return browser


GMAIL_HTML = (
    '<div dir="ltr">Hi, the mug arrived with a cracked handle. Can you send a new one?</div>'
    '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 2 Mar 2026 at'
    " 09:12, Corner Shop &lt;shop@example.com&gt; wrote:<br></div>"
    '<blockquote class="gmail_quote"><div>Dear Ann, your order 1041 has shipped.</div>'
    "<blockquote><div>Where is my order? Third time I ask!!!</div></blockquote></blockquote></div>")
GMAIL_TEXT = ("Hi, the mug arrived with a cracked handle. Can you send a new one?\n\n"
              "On Mon, 2 Mar 2026 at 09:12, Corner Shop <shop@example.com> wrote:\n\n"
              "> Dear Ann, your order 1041 has shipped.\n>\n>> Where is my order? Third time I"
              " ask!!!\n")
OUTLOOK_HTML = (
    '<div class="WordSection1"><p class="MsoNormal">We still have not received the invoice'
    " for PO 7781.</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">"
    '<p class="MsoNormal"><b>From:</b> Corner Shop &lt;shop@example.com&gt;<br><b>Sent:</b>'
    " Monday, March 2, 2026 9:12 AM<br><b>To:</b> Tom Becker<br><b>Subject:</b> RE: Invoice"
    "</p></div><p>Dear Tom, the invoice is attached.</p></div>")
OUTLOOK_TEXT = ("We still have not received the invoice for PO 7781.\n\nFrom: Corner Shop"
                " <shop@example.com>\nSent: Monday, March 2, 2026 9:12 AM\nTo: Tom Becker\n"
                "Subject: RE: Invoice\n\nDear Tom, the invoice is attached.\n")
APPLE_HTML = (
    '<body dir="auto">Perfect, Thursday works for the pickup.<br><br><div dir="ltr">'
    '<blockquote type="cite">On 2 Mar 2026, at 09:12, Corner Shop &lt;shop@example.com&gt;'
    ' wrote:<br></blockquote></div><blockquote type="cite"><div dir="ltr">Your order is ready.'
    " When would you like to collect it?</div></blockquote></body>")
APPLE_TEXT = ("Perfect, Thursday works for the pickup.\n\n> On 2 Mar 2026, at 09:12, Corner"
              " Shop <shop@example.com> wrote:\n>\n> Your order is ready. When would you like"
              " to collect it?\n")
ARABIC = ("مرحبا، لم يصل طلبي رقم 1041 بعد. هل يمكنكم التحقق من الشحنة من فضلكم؟ شكرا جزيلا"
          " لكم على المساعدة السريعة والخدمة الممتازة")


@pytest.fixture
def location(tmp_path) -> str:
    path = str(tmp_path / "mail.db")
    open_store(path).close()
    return path


@pytest.mark.parametrize(("html", "text", "new", "old"), [
    (GMAIL_HTML, GMAIL_TEXT, "cracked handle", "has shipped"),
    (OUTLOOK_HTML, OUTLOOK_TEXT, "PO 7781", "invoice is attached"),
    (APPLE_HTML, APPLE_TEXT, "Thursday works", "collect it"),
], ids=["gmail", "outlook", "apple-mail"])
def test_quoted_history_of_an_html_reply_is_folded_until_asked_for(
        make_window, qtbot, location, html, text, new, old):
    conversation = conversation_of(location, mail(text=text, html=html))
    window = make_window(location)
    browser = shown(window, qtbot, conversation)
    assert new in browser.toPlainText()
    assert old not in browser.toPlainText() and "wrote:" not in browser.toPlainText()
    assert "Show the quoted history" in browser.toPlainText()

    message = window.conversation.snapshot.entries[0]
    browser.anchorClicked.emit(QUrl(f"action:whole:{message.id}"))
    assert old in browser.toPlainText()


SIGNED_HTML = (
    '<div dir="ltr">The grinder stopped working after a week. Can you replace it?</div>'
    '<div><br></div>-- <br><div dir="ltr"><b>Tom Becker</b><br>Becker Bakery | 12 High St'
    '<br><img src="https://bakery.example/logo.png" width="320" height="90"><br>'
    "This email and any attachments are confidential and intended solely for the addressee."
    "</div>")
SIGNED_TEXT = ("The grinder stopped working after a week. Can you replace it?\n\n-- \n"
               "Tom Becker\nBecker Bakery | 12 High St\nThis email and any attachments are"
               " confidential and intended solely for the addressee.\n")


def test_an_html_signature_folds_away_as_the_text_s_does(make_window, qtbot, location):
    """The text of a mail left its signature out, but its HTML showed all of it: name,
    address, logo and a disclaimer under every customer's two lines."""
    conversation = conversation_of(location, mail(text=SIGNED_TEXT, html=SIGNED_HTML))
    window = make_window(location)
    browser = shown(window, qtbot, conversation, "signature-folded")
    assert "grinder stopped working" in browser.toPlainText()
    assert "Becker Bakery" not in browser.toPlainText()
    assert "confidential" not in browser.toPlainText()
    assert "Show the signature" in browser.toPlainText()

    message = window.conversation.snapshot.entries[0]
    browser.anchorClicked.emit(QUrl(f"action:whole:{message.id}"))
    assert "Becker Bakery" in browser.toPlainText()


def test_a_reply_answering_between_the_quotes_keeps_its_history(location):
    html = ("<div>See below.</div><blockquote>Which colour?</blockquote><div>Blue please,"
            " and gift wrapped.</div>")
    text = "See below.\n\n> Which colour?\n\nBlue please, and gift wrapped."
    _conversation, [message] = stored(location, mail(text=text, html=html))
    assert "gift wrapped" in shown_formatting(message)


def test_wide_pictures_and_preformatted_lines_stay_within_the_pane(make_window, qtbot,
                                                                   location):
    html = ("<p>Hello, see the picture.</p><pre>" + "a very long preformatted line " * 20
            + '</pre><img src="https://news.example/banner.jpg" width="1200" height="400">'
            '<img src="https://news.example/photo.jpg" width="300" height="100">')
    conversation = conversation_of(location, mail(text="Hello, see the picture.", html=html))
    window = make_window(location)
    browser = shown(window, qtbot, conversation)
    assert browser.document().size().width() <= browser.viewport().width() + 1
    assert browser.horizontalScrollBar().maximum() == 0


def test_a_blocked_image_shows_a_placeholder_not_a_stretched_banner(location):
    html = ('<p>Sale</p><img src="https://news.example/banner.jpg" width="600" height="200">'
            '<img src="https://t.example/open.gif" width="1" height="1">')
    conversation, [message] = stored(location, mail(text="Sale", html=html))
    page = render_thread(conversation, [message], colors())
    assert 'src="blocked:https://news.example/banner.jpg"' in page
    assert 'width="600"' not in page and 'height="200"' not in page
    assert 'width="1" height="1"' in page  # a tracking pixel stays invisible


@pytest.mark.parametrize("html", [None, f"<div>{ARABIC}</div>", f'<div dir="rtl">{ARABIC}</div>'],
                         ids=["plain", "html-undeclared", "html-dir-rtl"])
def test_right_to_left_mail_is_laid_out_right_to_left(make_window, qtbot, location, html):
    conversation = conversation_of(location, mail(text=ARABIC, html=html))
    window = make_window(location)
    browser = shown(window, qtbot, conversation)
    block = browser.document().begin()
    while block.isValid() and "مرحبا" not in block.text():
        block = block.next()
    assert block.isValid()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
