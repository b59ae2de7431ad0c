"""The bar over a thread with blocked images says why in full however narrow the pane: in a
1,024-pixel window it read "Remote images are blocked to prote", cut by its button."""

from __future__ import annotations

from inbox_app.core.html import sanitize_html
from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from tests.gui.conftest import settle


def shows_all_of(label) -> bool:
    room = label.contentsRect()
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height()
    return label.fontMetrics().horizontalAdvance(label.text()) <= room.width()


def test_the_images_bar_says_why_in_full_in_a_small_window(window, qtbot, demo_store):
    html = sanitize_html('<p>Our new menu <img src="https://example.com/menu.png"></p>')
    result = demo_store.save_messages([IncomingMessage(
        kind="email", account="Shop mail", external_id="<menu@x>", text="Our new menu",
        html=html, at=now(), author_name="Pia Photo",
        identities=(IdentityRef("email", "pia@example.com"),))])
    (target,) = result.conversation_ids
    window.refresh_all()
    settle(qtbot, window)
    window.open_conversation(target)
    settle(qtbot, window)
    bar = window.conversation.ui.imagesBar
    label = window.conversation.ui.imagesLabel
    for width in (1440, 1024, window.minimumSizeHint().width()):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        qtbot.waitUntil(lambda: bar.isVisible() and label.width() > 0)
        assert shows_all_of(label), (width, label.width())
        button = window.conversation.ui.loadImagesButton
        assert not label.geometry().intersects(button.geometry())
        assert button.geometry().right() <= bar.contentsRect().right()
