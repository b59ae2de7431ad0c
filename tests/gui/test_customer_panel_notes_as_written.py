"""Notes about a customer as staff write them: a link in a note opens (the panel showed it
as dead text, while the same note in a thread is a link), and a note of two thousand
characters shows its start with a link to the whole (it filled the pane, a screen and more
tall, and pushed the customer's conversations out of sight on every one of them)."""

from __future__ import annotations

import html

from inbox_app.gui import customer_panel
from tests.gui.conftest import settle

LINK = "https://shop.example.com/orders/12345?ref=abc&x=1"


def notes_shown(panel) -> str:
    return html.unescape(panel.ui.notesLabel.text()).replace("\u200b", "")


def test_a_link_in_a_note_opens_in_the_browser(window, qtbot, demo_store, monkeypatch):
    panel = window.customer
    demo_store.add_note(f"Order is at {LINK}, ask Theo", customer_id=panel.customer_id,
                        staff="Maya Okafor")
    panel.reload()
    settle(qtbot, window)
    assert f'<a href="{LINK}">' in notes_shown(panel)  # the comma after it is no part of it

    opened = []
    monkeypatch.setattr(customer_panel.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()))
    panel.ui.notesLabel.linkActivated.emit(LINK)
    assert opened == [LINK]


def test_only_web_links_open(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(customer_panel.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()))
    window.customer.ui.notesLabel.linkActivated.emit("file:///etc/passwd")
    assert opened == []


def test_a_long_note_shows_its_start_and_the_whole_on_a_click(window, qtbot, demo_store):
    panel = window.customer
    long_note = "Prefers the dark roast. " * 84  # about 2,000 characters
    demo_store.add_note(long_note, customer_id=panel.customer_id, staff="Maya Okafor")
    demo_store.add_note("Short one", customer_id=panel.customer_id, staff="Maya Okafor")
    panel.reload()
    settle(qtbot, window)
    shown = notes_shown(panel)
    assert "Short one" in shown
    assert shown.count("Prefers the dark roast.") < 20
    assert "Show the whole note (2,015 characters)" in shown

    label = panel.ui.notesLabel
    (note,) = [n for n in demo_store.notes(customer_id=panel.customer_id)
               if n.text.startswith("Prefers")]
    label.linkActivated.emit(f"notes:whole:{note.id}")
    assert notes_shown(panel).count("Prefers the dark roast.") == 84
    assert "Show the whole note" not in notes_shown(panel)

    panel.reload()  # shown anew on any change: it stays whole
    settle(qtbot, window)
    assert notes_shown(panel).count("Prefers the dark roast.") == 84


def test_the_note_boxs_hint_fits_the_pane(window, qtbot):
    """"Add a note about this custome…" was cut (at 1024 pixels, and at 1440 with a
    desktop's wider font); the box's accessible name and tooltip say the rest."""
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    settle(qtbot, window)
    edit = window.customer.ui.noteEdit
    room = edit.contentsRect().width() - 8
    assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room
    assert edit.accessibleName() == "Add a note about this customer"
