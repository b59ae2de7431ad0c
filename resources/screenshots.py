"""Takes the README's screenshots: `xvfb-run -a -s "-screen 0 1600x1000x24" python
resources/screenshots.py [OUT_DIR]` (default resources/screenshots/).

Builds a fresh demo store, opens the window as a person would, picks a lively
conversation (an email thread with a reply, from a tagged customer), and saves:
main.png, conversation.png, composer.png, undo-send.png, send-and-close.png and dark.png;
then the dialogs of the
second window: welcome.png (on an empty store), accounts.png, call.png,
rules.png, customer-import.png, templates.png, merge.png and bulk.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from inbox_app import demo  # noqa: E402
from inbox_app.gui import app as gui_app  # noqa: E402
from inbox_app.gui import theme  # noqa: E402
from inbox_app.store import QueueQuery, open_store  # noqa: E402


def settle(window, ms: int = 400) -> None:
    """Lets jobs report and the window paint (a script, not a test)."""
    loop = QEventLoop()
    while True:
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        if window.jobs.pending == 0:
            return


def pick_conversation(location: str) -> int:
    store = open_store(location)
    try:
        best = None
        for row in store.queue(QueueQuery(filter="open", kind="email", limit=200)):
            customer = store.get_customer(row.customer_id) if row.customer_id else None
            if customer is None:
                continue
            messages = store.messages(row.conversation_id)
            score = (len(customer.tags) > 0) * 4 + (customer.value is not None) * 2 + min(
                len(messages), 4) + any(m.direction == "out" for m in messages) * 3 + (
                row.sentiment is not None and row.sentiment < -0.05) * 2
            if best is None or score > best[0]:
                best = (score, row.conversation_id)
        return best[1]
    finally:
        store.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="inbox-shots-"))
    location = str(folder / "demo.db")
    store = open_store(location)
    demo.fill(store)
    store.set_setting("email_signature", "{staff} at {business}")
    store.close()
    app = QApplication([])
    app.setOrganizationName("inbox_app-screenshots")
    gui_app.choose_font(app)
    theme.apply(app, "light")
    from inbox_app.gui.main_window import MainWindow

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(location, staff=demo.STAFF[0], settings=settings, theme_mode="light")
    window.resize(1440, 900)
    window.show()
    settle(window, 800)
    window.grab().save(str(out / "main.png"))

    target = pick_conversation(location)
    window.open_conversation(target)
    settle(window)
    window.grab().save(str(out / "conversation.png"))

    composer = window.conversation.ui.composerEdit
    composer.setPlainText(
        "Hi! So sorry about the wait — I've just checked with the courier and your parcel is"
        " at the local depot. It goes out on the first van tomorrow morning, and I've added a"
        " free bag of Lighthouse blend for the trouble.")
    composer.setFocus()
    settle(window)
    window.grab().save(str(out / "composer.png"))
    window.conversation.composer.send()  # it waits five seconds, to be undone
    settle(window)
    window.grab().save(str(out / "undo-send.png"))
    window.conversation.composer.take_back()
    settle(window)
    window.conversation.composer.send_and_close()  # the next one shows; the reply waits
    settle(window)
    window.grab().save(str(out / "send-and-close.png"))
    window.conversation.composer.take_back()  # back to the first, with its text
    settle(window)
    composer.clear()

    window.ui.actionShowInsights.trigger()
    loop_until(lambda: getattr(window, "dashboard", None) is not None
               and window.dashboard.ui.exportButton.isEnabled(), 300)
    counted = QEventLoop()
    window.dashboard.figures_ready.connect(counted.quit)
    window.dashboard.ui.periodBox.setCurrentIndex(1)  # last month: a whole month to show
    QTimer.singleShot(20000, counted.quit)
    counted.exec()
    settle(window, 1200)  # the charts' animations
    window.grab().save(str(out / "insights.png"))
    window.ui.actionShowQueue.trigger()
    settle(window)

    mentions(window, out)

    window.state.set_theme("dark")
    settle(window)
    window.grab().save(str(out / "dark.png"))
    window.state.set_theme("light")
    settle(window)
    dialogs(window, location, folder, out)
    window.close()
    welcome(folder, settings, out)
    print(f"screenshots written to {out}")
    return 0


def mentions(window, out: Path) -> None:
    """Maya's Mentions view, and @ in a note offering her colleagues: the list is a window
    of its own, so this grabs the screen where the main window is."""
    window.select_key("view:mentions")
    settle(window, 600)
    window.ui.queueView.setCurrentIndex(window.queue_model.index(0, 0))
    settle(window, 600)
    composer = window.conversation.composer
    composer.set_note_mode(True)
    edit = window.conversation.ui.composerEdit
    edit.setFocus()
    QTest.keyClicks(edit, "Sure, I'll call them at two. @")
    settle(window, 600)
    frame = window.geometry()
    QApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(out / "mentions.png"))
    composer.mentions.completer.popup().hide()
    edit.clear()
    composer.set_note_mode(False)
    window.select_key("view:open")
    settle(window)


def shoot(widget, path: Path, window=None) -> None:
    loop_until(lambda: True, 300)
    widget.grab().save(str(path))


def loop_until(ready, ms: int = 200, limit: int = 60) -> None:
    loop = QEventLoop()
    for _ in range(limit):
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        if ready():
            return


def dialogs(window, location: str, folder: Path, out: Path) -> None:
    from inbox_app.gui.merging import MergeConversationsDialog

    store = open_store(location)
    try:
        store.add_account("Shop on Mastodon", "mastodon", {"server": "https://mastodon.social"})
        store.record_poll_success("Shop on Mastodon", cursor=None, at=demo_now() - 240,
                                  next_poll_at=demo_now() + 60)
        store.add_account("Google reviews", "feed", {"url": "https://www.google.com/alerts/feeds/1"},
                          watch="brand")
        store.record_poll_failure("Google reviews", error="www.google.com answered 503 (the "
                                  "service is unavailable); the app tries again later.",
                                  at=demo_now() - 600, next_poll_at=demo_now() + 1200)
        store.add_account("Shop line", "phone", {"number": "+1 207 555 0100"})
        first, second = two_conversations(store)
    finally:
        store.close()
    window.show_accounts()
    accounts = window.last_dialog
    accounts.resize(940, 600)
    loop_until(lambda: accounts.model.rowCount() == 3)
    accounts.ui.accountList.setCurrentIndex(accounts.model.index(0))
    shoot(accounts, out / "accounts-health.png")
    accounts.start_add("email")
    accounts.set_field("name", "Shop mail")
    accounts.set_field("--address", "hello@harbourlane.example")
    accounts.set_field("--imap-host", "imap.fastmail.com")
    accounts.set_field("--smtp-host", "smtp.fastmail.com")
    shoot(accounts, out / "accounts.png")
    accounts.close()

    window.log_call()
    call = window.last_dialog
    loop_until(lambda: call.context_loaded)
    from PySide6.QtTest import QTest

    customer_phone = phone_of_a_customer(location)
    for char in customer_phone:
        QTest.keyClick(call.ui.numberEdit, char)
    loop_until(lambda: "Matches" in call.ui.matchLabel.text())
    call.ui.durationEdit.setText("6:40")
    call.ui.summaryEdit.setPlainText("Wants 5 kg of the Lighthouse blend every month for the "
                                     "café; send the wholesale price list.")
    shoot(call, out / "call.png")
    call.reject()

    window.show_rules()
    rules = window.last_dialog
    rules.resize(980, 640)
    loop_until(lambda: rules.loaded and "would have" in rules.ui.previewLabel.text())
    shoot(rules, out / "rules.png")
    rules.reject()

    window.open_customer_import(str(shop_export(location, folder)))
    customers = window.last_dialog
    customers.resize(1100, 720)
    loop_until(lambda: customers.ui.importButton.isEnabled())
    customers.ui.tagsEdit.setText("shopify")
    shoot(customers, out / "customer-import.png")
    customers.reject()

    window.open_conversation(first)
    settle(window)
    window.show_templates()
    templates = window.last_dialog
    loop_until(lambda: templates.model.rowCount() == 4)
    templates.ui.templateList.setCurrentIndex(templates.model.index(1))
    shoot(templates, out / "templates.png")
    templates.close()

    store = open_store(location)
    try:
        pair = (store.get_conversation(first), store.get_conversation(second))
    finally:
        store.close()
    merge = MergeConversationsDialog(*pair, parent=window)
    merge.show()
    shoot(merge, out / "merge.png")
    merge.reject()

    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    model = window.queue_model
    window.ui.queueView.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(5, 0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.ui.queueView.scrollToTop()
    settle(window)
    window.grab().save(str(out / "bulk.png"))
    window.ui.queueView.clearSelection()


def demo_now() -> int:
    from inbox_app.core.timeutil import now

    return now()


def two_conversations(store) -> tuple[int, int]:
    """Two open email conversations of one customer: the same matter raised twice."""
    rows = store.queue(QueueQuery(filter="open", kind="email", limit=400)) + store.queue(
        QueueQuery(filter="all", kind="email", limit=400))
    by_customer: dict[int, list[int]] = {}
    for row in rows:  # open ones first; the two lists overlap, so each conversation once
        ids = by_customer.setdefault(row.customer_id, []) if row.customer_id else []
        if row.customer_id and row.conversation_id not in ids:
            ids.append(row.conversation_id)
    for ids in by_customer.values():
        if len(ids) >= 2:
            return ids[0], ids[1]
    return rows[0].conversation_id, rows[1].conversation_id


def phone_of_a_customer(location: str) -> str:
    store = open_store(location)
    try:
        row = store._row("SELECT value FROM identities WHERE kind = 'phone' AND customer_id IN"
                         " (SELECT id FROM customers WHERE message_count > 2) LIMIT 1")
        digits = row["value"] if row else "+12075550142"
        return digits[2:] if digits.startswith("+1") else digits
    finally:
        store.close()


def shop_export(location: str, folder: Path) -> Path:
    """A Shopify customer export: three demo customers who wrote, two who have not, one
    row the import skips."""
    store = open_store(location)
    try:
        known = store._rows(
            "SELECT c.name, i.value FROM customers c JOIN identities i ON i.customer_id = c.id"
            " WHERE i.kind = 'email' AND c.message_count > 1 ORDER BY c.message_count DESC"
            " LIMIT 3")
    finally:
        store.close()
    rows = ["Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address"
            " Company,Phone,Total Spent,Total Orders,Note,Tags"]
    spent = ["2480.00", "1315.50", "96.20"]
    for number, (person, amount) in enumerate(zip(known, spent, strict=False)):
        first, _, last = person["name"].partition(" ")
        rows.append(f"'70{number},{first},{last},{person['value']},yes,,,{amount},{number + 9},,"
                    f'"{"VIP, subscriber" if number == 0 else "subscriber"}"')
    rows += ["'703,Nadia,Okoro,nadia.okoro@example.org,yes,Okoro Bakes,'+12075550188,"
             '640.00,12,Wholesale: 5 kg a week,"wholesale"',
             "'704,Luis,Moreno,,no,,,35.00,1,,",
             "'705,Iris,Bell,iris.bell@example.net,yes,,,58.40,2,,"]
    path = folder / "shopify-customers.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def welcome(folder: Path, settings, out: Path) -> None:
    from inbox_app.gui.main_window import MainWindow

    location = str(folder / "empty.db")
    open_store(location).close()
    window = MainWindow(location, staff=None, settings=settings, theme_mode="light")
    window.resize(1440, 900)
    window.show()
    loop_until(lambda: window.last_dialog is not None)
    dialog = window.last_dialog
    dialog.ui.businessEdit.setText("Harbour Lane Coffee")
    dialog.ui.meEdit.setText("Maya Okafor")
    dialog.ui.staffEdit.setPlainText("Theo Brandt\nPriya Raman")
    shoot(dialog, out / "welcome.png")
    dialog.ui.nextButton.click()
    dialog.ui.competitorEdit.setText("Dockside Roasters, BeanBox")
    dialog.ui.nextButton.click()
    loop_until(lambda: dialog.ui.pages.currentWidget() is dialog.ui.nextPage)
    shoot(dialog, out / "welcome-next.png")
    dialog.reject()
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
