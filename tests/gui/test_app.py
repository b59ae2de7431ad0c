"""The window as a whole: start-up, screenshot, themes, remembered state, the thread's
HTML and images, the Insights page, errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from inbox_app.core.html import sanitize_html
from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now
from inbox_app.gui import theme
from tests.gui.conftest import settle

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_renders_the_loaded_window_and_exits(tmp_path):
    out = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "inbox_app", "--db", str(tmp_path / "x.db"), "--demo",
         "--screenshot", str(out), "--theme", "dark"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "propagateSizeHints" not in done.stderr  # the offscreen platform's noise
    image = QImage(str(out))
    assert image.width() > 800 and image.height() > 500
    corner = QColor(image.pixel(image.width() // 2, image.height() - 40))
    assert corner.lightness() < 100  # the dark palette


def test_a_store_that_is_not_a_store_is_one_sentence(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not sqlite at all, just some text " * 50)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "inbox_app", "--db", str(bogus), "--screenshot",
         str(tmp_path / "x.png")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith("inbox-app:") and "Traceback" not in done.stderr


def test_geometry_splitters_staff_and_order_are_remembered(make_window, qtbot, settings):
    first = make_window()
    first.resize(1100, 700)
    qtbot.waitUntil(lambda: first.width() == 1100)
    first.ui.workSplitter.setSizes([300, 500, 200])
    sizes = first.ui.workSplitter.sizes()
    first.ui.orderCombo.setCurrentIndex(1)
    first.set_staff("Priya Raman")
    first.close()
    assert settings.value("staff") == "Priya Raman"
    for key in ("window/geometry", "window/mainSplitter", "window/workSplitter"):
        assert settings.value(key) is not None, key
    second = make_window()
    second.resize(1100, 700)  # the offscreen screen clamps restored geometry; panes scale alike
    qtbot.waitUntil(lambda: second.width() == 1100)
    restored = second.ui.workSplitter.sizes()
    assert abs(restored[0] / restored[1] - sizes[0] / sizes[1]) < 0.05
    assert second.ui.orderCombo.currentIndex() == 1


def test_a_narrower_window_keeps_the_sidebars_width(window, qtbot):
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    sidebar = window.ui.mainSplitter.sizes()[0]
    queue, thread, customer = window.ui.workSplitter.sizes()
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: window.width() == 1100)
    assert window.ui.mainSplitter.sizes()[0] == sidebar
    narrower = window.ui.workSplitter.sizes()
    assert narrower[0] < queue and narrower[1] < thread  # the rest share the loss


def test_a_narrow_window_shows_every_toolbar_action_as_an_icon(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    toolbar = window.ui.mainToolBar
    more = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert not more.isVisible()
    narrow = window.minimumSize().width() + 20  # about 1,000 px: the names need ~1,400
    assert narrow < toolbar.sizeHint().width()
    window.resize(narrow, 700)
    qtbot.waitUntil(lambda: window.width() == narrow)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    qtbot.waitUntil(lambda: not more.isVisible())  # nothing hidden behind »
    buttons = [toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator()]
    named = [b for b in buttons if isinstance(b, QToolButton) and b is not more]
    assert all(b.isVisible() for b in buttons)
    assert all(b.toolTip() for b in named)  # the name, on hover
    assert "reply" in toolbar.widgetForAction(window.ui.actionReply).toolTip().lower()
    assert window.state.staff_button.text()  # who is working stays named
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon)


FIRST_START_ON_A_SMALL_SCREEN = """
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from inbox_app.gui.main_window import MainWindow
app = QApplication([])
folder = Path(tempfile.mkdtemp())
window = MainWindow(str(folder / "x.db"), staff=None,
                    settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
window.show()
room = window.screen().availableGeometry()
print(app.platformName(), window.width(), window.height(), room.width(), room.height())
window.close()
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian xvfb)")
def test_the_first_window_fits_a_small_screen(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24", sys.executable, "-c",
         FIRST_START_ON_A_SMALL_SCREEN],
        cwd=ROOT, env={**env, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    platform, width, height, room_width, room_height = done.stdout.split()[-5:]
    assert platform == "xcb"
    assert (int(room_width), int(room_height)) == (1280, 720)
    assert (int(width), int(height)) == (1280, 720)


def test_light_and_dark_palettes(window, qtbot):
    app = QApplication.instance()
    assert theme.apply(app, "dark") == "dark"
    window.state.set_theme("dark")
    assert theme.colors()["window"] == theme.DARK["window"]
    assert app.palette().window().color().name() == theme.DARK["window"]
    window.state.set_theme("light")
    assert app.palette().window().color().name() == theme.LIGHT["window"]
    assert window.state.settings.value("theme") == "light"


def test_insights_opens_the_dashboard_on_first_use(window, qtbot):
    from inbox_app.gui.dashboard import DashboardView

    assert getattr(window, "dashboard", None) is None  # not built at start-up
    window.ui.actionShowInsights.trigger()
    assert window.ui.contentStack.currentWidget() is window.ui.insightsHost
    dashboard = window.findChild(QWidget, "insights_page")
    assert isinstance(dashboard, DashboardView)
    with qtbot.waitSignal(dashboard.figures_ready, timeout=30000):
        pass
    window.ui.actionShowQueue.trigger()
    assert window.ui.contentStack.currentWidget() is window.ui.queuePage
    window.ui.actionShowInsights.trigger()
    assert window.findChild(QWidget, "insights_page") is dashboard


def test_shortcuts_dialog_lists_the_keys(window, qtbot):
    from inbox_app.gui.dialogs import ShortcutsDialog

    dialog = ShortcutsDialog(window.findChildren(type(window.ui.actionReply)), window)
    qtbot.addWidget(dialog)
    table = dialog.ui.shortcutsTable
    keys = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for key in ("J", "K", "R", "A", "T", "E", "S", "/", "?", "F5"):
        assert key in keys, key


def test_an_unexpected_error_is_logged_and_shown(monkeypatch, caplog):
    from inbox_app.gui import app as gui_app

    shown = []
    monkeypatch.setattr(gui_app.QMessageBox, "exec", lambda box: shown.append(box.text()))
    previous = sys.excepthook
    try:
        gui_app.install_excepthook()
        try:
            raise RuntimeError("disk on fire")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert "disk on fire" in shown[0]
    assert "disk on fire" in caplog.text


def _png() -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def image_server():
    body = _png()
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_remote_images_are_blocked_until_a_person_loads_them(window, qtbot, demo_store,
                                                             image_server):
    base, hits = image_server
    html = sanitize_html(f'<p>See the photo <img src="{base}/pixel.png"> and'
                         ' <a href="https://example.com/track">the tracking page</a>'
                         '<script>alert(1)</script></p>')
    result = demo_store.save_messages([IncomingMessage(
        kind="email", account="Shop mail", external_id="<img-1@x>", text="See the photo",
        html=html, at=now(), author_name="Pia Photo",
        identities=(IdentityRef("email", "pia@example.com"),),
    )])
    target = next(iter(result.conversation_ids))
    window.refresh_all()
    settle(qtbot, window)
    window.open_conversation(target)
    settle(qtbot, window)
    view = window.conversation
    assert view.conversation.id == target
    assert view.ui.imagesBar.isVisibleTo(view) and window.ui.actionLoadImages.isEnabled()
    assert "blocked:" in view.ui.threadBrowser.toHtml() and hits == []
    assert "alert" not in view.ui.threadBrowser.toHtml()
    view.ui.loadImagesButton.click()
    settle(qtbot, window)
    assert hits == ["/pixel.png"]
    assert not view.ui.imagesBar.isVisibleTo(view)
    assert f"{base}/pixel.png" in view._image_cache
    assert "blocked:" not in view.ui.threadBrowser.toHtml()


def test_links_open_in_the_browser(window, qtbot, monkeypatch):
    from inbox_app.gui import conversation_view

    opened = []
    monkeypatch.setattr(conversation_view.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()))
    from PySide6.QtCore import QUrl

    window.conversation.ui.threadBrowser.anchorClicked.emit(QUrl("https://example.com/a"))
    window.conversation.ui.threadBrowser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://example.com/a"]


def test_thread_shows_notes_inbound_and_outbound_differently(window, qtbot, demo_store):
    from inbox_app.gui.thread_html import render_thread

    target = window.conversation.conversation.id
    demo_store.add_note("Refund approved by Maya", conversation_id=target, staff="Maya Okafor")
    demo_store.add_outbound(target, "We are on it.", staff="Theo Brandt", delivery="failed",
                            error="The server was down.")
    conversation = demo_store.get_conversation(target)
    page = render_thread(conversation, demo_store.thread(target), theme.LIGHT)
    assert theme.LIGHT["note"] in page and "Internal note · Maya Okafor" in page
    assert theme.LIGHT["danger_soft"] in page and "<b>Failed</b> — The server was down." in page
    assert theme.LIGHT["inbound"] in page
    assert "action:retry:" in page


def test_a_huge_message_shows_its_start_until_a_person_asks_for_the_rest(
        window, qtbot, demo_store):
    """Laying out 100,000 characters without a space held the window ~3 s, tables nested
    30 deep for minutes; the thread shows a bounded start with places to wrap, the whole
    text only when asked, and flattens tables nested past eight."""
    import re

    from PySide6.QtCore import QUrl

    from inbox_app.core.html import MAX_TABLE_DEPTH
    from inbox_app.gui.thread_html import SHOWN_CHARACTERS, SHOWN_HTML

    link = "https://example.com/" + "t" * 120  # a long address stays one link
    blob = "QUJD" * 25_000  # 100,000 characters: a pasted base64 block, say
    formatted = sanitize_html("<p>" + "<b>x</b> " * 10_000 + "</p>")
    assert len(formatted) > SHOWN_HTML
    nested = sanitize_html("<table><tr><td>" * 30 + "Deep inside" + "</td></tr></table>" * 30)
    result = demo_store.save_messages([
        IncomingMessage(kind="email", account="Shop mail", external_id=f"<huge-{n}@x>",
                        text=text, html=html, at=now() - 60 + n, author_name="Bo Blob",
                        identities=(IdentityRef("email", "bo@example.com"),))
        for n, (text, html) in enumerate([(f"See {link} and {blob}", None),
                                           ("x " * 10_000, formatted),
                                           ("Deep inside", nested)])])
    long_one, formatted_one, nested_one = sorted(result.conversation_ids)
    window.refresh_all()
    settle(qtbot, window)
    window.open_conversation(long_one)
    settle(qtbot, window)
    view = window.conversation
    browser = view.ui.threadBrowser
    (message,) = view.snapshot.entries
    shown = browser.toPlainText()
    assert len(shown) < SHOWN_CHARACTERS + 1_000
    assert f"Show the whole message ({len(message.text):,} characters)" in shown
    assert max(len(run) for run in re.findall(r"[^\s\u200b]+", shown)) <= len(link)
    assert f'href="{link}"' in browser.toHtml()
    browser.anchorClicked.emit(QUrl(f"action:whole:{message.id}"))
    whole = browser.toPlainText()
    assert message.text in whole.replace("\u200b", "") and "Show the whole" not in whole
    assert max(len(run) for run in re.findall(r"[^\s\u200b]+", whole)) <= len(link)
    browser.selectAll()
    copied = browser.createMimeDataFromSelection().text()  # what Ctrl+C puts on the clipboard
    assert message.text in copied and "\u200b" not in copied

    window.open_conversation(formatted_one)
    settle(qtbot, window)
    shown = browser.toPlainText()
    assert "Its formatting is too large to show here; this is its text." in shown
    assert "x x x" in shown
    assert browser.toHtml().count("font-weight:700") < 10  # not 10,000 bold words

    window.open_conversation(nested_one)  # 30 tables in one another took Qt minutes
    settle(qtbot, window)
    assert "Deep inside" in browser.toPlainText()
    (deep,) = view.snapshot.entries  # tamed by the loader, in its worker thread
    assert view.snapshot.formatting[deep.id].count("<table") == MAX_TABLE_DEPTH
    assert browser.toHtml().count("<table") <= MAX_TABLE_DEPTH + 2  # + the card's own two


def test_a_huge_note_shows_its_start_until_a_person_asks_for_the_rest(window, qtbot,
                                                                     demo_store):
    """A staff note is laid out like a message: a megabyte pasted by mistake would hold
    the window as long."""
    from PySide6.QtCore import QUrl

    from inbox_app.gui.thread_html import SHOWN_CHARACTERS

    target = window.conversation.conversation.id
    note_id = demo_store.add_note("Order log line, nothing to see here. " * 20_000,
                                  conversation_id=target, staff="Maya Okafor")
    (pasted,) = [n.text for n in demo_store.notes(conversation_id=target) if n.id == note_id]
    assert len(pasted) > 10 * SHOWN_CHARACTERS  # (the store keeps the first 100,000 or so)
    window.conversation.reload()
    settle(qtbot, window)
    browser = window.conversation.ui.threadBrowser
    shown = browser.toPlainText()
    assert f"Show the whole note ({len(pasted):,} characters)" in shown
    assert len(shown) < SHOWN_CHARACTERS + 3_000
    browser.anchorClicked.emit(QUrl(f"action:whole-note:{note_id}"))
    whole = browser.toPlainText().replace("\u200b", "")
    assert pasted.strip() in whole and "Show the whole note" not in whole


def test_an_endless_name_and_subject_wrap_within_the_window(window, qtbot, demo_store):
    """A 500-character name without a space made the customer panel 4,000 px wide (its
    right half cut off) and a long subject filled the conversation header."""
    from inbox_app.gui.thread_html import SHOWN_TITLE

    name, subject = "N" * 500, "T" * 2000
    result = demo_store.save_messages([IncomingMessage(
        kind="email", account="Shop mail", external_id="<endless@x>", text="hi", title=subject,
        at=now(), author_name=name, identities=(IdentityRef("email", "endless@example.com"),))])
    (target,) = result.conversation_ids
    window.refresh_all()
    settle(qtbot, window)
    window.open_conversation(target)
    settle(qtbot, window)
    panel = window.customer
    qtbot.waitUntil(lambda: panel.ui.customerName.text().startswith("NNN"))
    assert panel.minimumSizeHint().width() < 450
    assert panel.ui.customerPanel.width() <= panel.ui.customerScroll.viewport().width()
    stored = panel.snapshot.customer.name  # the store keeps a name's first few hundred
    assert len(stored) > 80 and panel.ui.customerName.toolTip() == stored
    label = window.conversation.ui.subjectLabel
    assert len(label.text().replace("\u200b", "")) == SHOWN_TITLE
    kept = window.conversation.conversation.subject
    assert len(kept) > SHOWN_TITLE and subject.startswith(kept.rstrip("…"))
    assert label.text().endswith("…") and label.toolTip() == kept
    assert window.conversation.minimumSizeHint().width() < 700



def test_a_subject_or_name_written_as_html_is_shown_as_written(window, qtbot, demo_store):
    """Labels guess rich text from a leading tag: a subject of 30 nested tables would have
    been laid out (for minutes), a <h1> name shown huge."""
    from PySide6.QtCore import Qt

    subject = "<table><tr><td>" * 30 + "Hi"
    result = demo_store.save_messages([IncomingMessage(
        kind="email", account="Shop mail", external_id="<tags@x>", text="hi", title=subject,
        at=now(), author_name="<h1>Big Name</h1>",
        identities=(IdentityRef("email", "tags@example.com"),))])
    (target,) = result.conversation_ids
    window.refresh_all()
    settle(qtbot, window)
    window.open_conversation(target)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "Big Name" in window.customer.ui.customerName.text())
    for label in (window.conversation.ui.subjectLabel, window.customer.ui.customerName,
                  window.ui.countLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert window.customer.ui.customerName.text() == "<h1>Big Name</h1>"


def test_a_messages_age_is_shown_only_while_it_says_more_than_its_date():
    from inbox_app.core.timeutil import now
    from inbox_app.gui.thread_html import when

    current = now()
    assert when(current - 300).endswith(" · 5 min")
    assert when(current - 10).endswith(" · now")
    assert when(current + 30 * 60).endswith(" · in 30 min")
    for long_ago in (10 * 86400, 400 * 86400):  # "13 Nov" would repeat "Fri 13 Nov 2026"
        assert " · " not in when(current - long_ago)


def test_an_email_attachment_is_listed_and_saved_from_the_mail_server(
        make_window, qtbot, tmp_path, dovecot, monkeypatch):
    from PySide6.QtCore import QUrl

    from inbox_app import secrets
    from inbox_app.gui.conversation_view import ConversationView
    from inbox_app.sources.poller import poll_once
    from inbox_app.store import open_store
    from tests.sources.mail.samples import mail

    folder = dovecot.new_folder()
    receipt = b"%PDF-1.4\n" + b"r" * 4000
    dovecot.deliver(folder, mail(text="My receipt is attached; the grinder broke after a week.",
                                 attachments=(("receipt.pdf", receipt, "application/pdf"),)))
    location = str(tmp_path / "mail.db")
    store = open_store(location)
    store.add_account("Shop mail", "email", dovecot.account_config(folder))
    secrets.set_secret("Shop mail", dovecot.password)
    assert poll_once(store, account="Shop mail")[0].new == 1
    conversation_id = store._scalar("SELECT id FROM conversations")
    store.close()

    window = make_window(location)
    settle(qtbot, window)
    window.open_conversation(conversation_id)
    settle(qtbot, window)
    shown = window.conversation.ui.threadBrowser.toHtml()
    assert "receipt.pdf" in shown and "3 KB" in shown and "action:attachment:" in shown
    target = tmp_path / "saved" / "receipt.pdf"
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(ConversationView, "ask_save_path",
                        lambda self, name: asked.append(name) or str(target))
    message_id = window.conversation.snapshot.entries[0].id
    with qtbot.waitSignal(window.conversation.notice,
                          check_params_cb=lambda text: text.startswith("Saved"), timeout=15000):
        window.conversation._on_anchor(QUrl(f"action:attachment:{message_id}:0"))
    assert asked == ["receipt.pdf"] and target.read_bytes() == receipt
    assert window.statusBar().currentMessage() == f"Saved receipt.pdf to {target}."
    secrets.delete_secret("Shop mail")
    with qtbot.waitSignal(window.conversation.problem, timeout=15000) as problem:
        window.conversation._on_anchor(QUrl(f"action:attachment:{message_id}:0"))
    assert problem.args[0].startswith("receipt.pdf could not be saved: The password for")


def test_a_small_window_cuts_nothing_off_and_shows_where_the_other_buttons_went(
        window, qtbot):
    from PySide6.QtWidgets import QLabel, QToolButton

    theme.apply(QApplication.instance(), "light")  # as `inbox-app` starts: its stylesheet on
    window.resize(1024, 640)
    settle(qtbot, window)
    panel = window.customer
    content = panel.ui.customerPanel
    qtbot.waitUntil(lambda: panel.ui.customerScroll.viewport().width()
                    >= content.minimumSizeHint().width(), timeout=15000)
    link = panel.merge_button
    assert link.text() == link.full_text
    link.resize(90, link.height())  # narrower than its words: they end in "…"
    assert link.text().endswith("…") and len(link.text()) < len(link.full_text)
    count, order = window.ui.countLabel, window.ui.orderCombo
    assert order.width() >= order.sizeHint().width()  # "Priority" whole; the count gives way
    shown = QLabel.text(count)  # at 1,024 px the heading shows the number, the sentence in its tip
    assert shown == f"{window.queue_model.total:,}" and count.text().endswith("conversations")
    assert count.toolTip() == count.text()
    more = window.ui.mainToolBar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert more is not None and more.isVisible()  # the toolbar's buttons do not all fit
    image = more.grab().toImage()
    background = image.pixelColor(0, 0)
    assert any(image.pixelColor(x, y) != background  # its arrow is drawn, not padded away
               for x in range(image.width()) for y in range(image.height()))


def test_a_dialogs_default_button_is_as_wide_as_its_bold_words(window, qtbot):
    """The stylesheet makes the default button bold; its size must be worked out with the
    bold font too, or "Insert" shows as "lnserl"."""
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QPushButton

    theme.apply(QApplication.instance(), "light")
    # Not a feed item (answered on its own site, no picker): which one tops the demo's
    # queue depends on the hour it is generated.
    window.select_key("kind:email")
    settle(qtbot, window)
    window.insert_template()
    picker = window.last_dialog
    qtbot.waitExposed(picker)
    insert = next(b for b in picker.findChildren(QPushButton) if b.isDefault())
    assert insert.text() == "Insert"
    assert insert.font().weight() >= QFont.Weight.DemiBold
    bold_words = QFontMetrics(insert.font()).horizontalAdvance(insert.text())
    assert insert.width() >= bold_words + 2 * 12  # the stylesheet's padding each side
    picker.reject()


def test_the_daily_backups_note_never_covers_what_the_status_bar_says(window, qtbot, tmp_path,
                                                                     monkeypatch):
    import inbox_app.backup

    made = tmp_path / "backups" / "inbox-2026-12-06.db"
    monkeypatch.setattr(inbox_app.backup, "backup_if_due", lambda store: made)
    window.statusBar().clearMessage()
    window._start_background_chores()
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == f"Today's backup is in {made.parent}."
    window.show_problem("Your reply to Ann: Not sent: the mail server refused it.")
    window._start_background_chores()  # a backup that reports late
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == \
        "Your reply to Ann: Not sent: the mail server refused it."
