"""Every note on a customer can be read in the panel: it showed the latest five, and a
sixth note hid the first for good (a customer's notes appear nowhere else)."""

from __future__ import annotations

from tests.gui.conftest import settle


def test_older_notes_are_a_click_away(window, qtbot, demo_store):
    panel = window.customer
    customer_id = panel.customer_id
    for number in range(1, 8):
        demo_store.add_note(f"Note number {number}", customer_id=customer_id, staff="Maya")
    panel.reload()
    settle(qtbot, window)
    label = panel.ui.notesLabel
    shown = label.text()
    assert "Note number 7" in shown and "Note number 3" in shown
    assert "Note number 2" not in shown
    total = len(demo_store.notes(customer_id=customer_id))
    assert f"Show {total - 5} older note" in shown

    label.linkActivated.emit("notes:all")
    assert all(f"Note number {number}" in label.text() for number in range(1, 8))
    assert "older note" not in label.text()

    panel.reload()  # a refresh keeps them all shown for this customer
    settle(qtbot, window)
    assert "Note number 1" in label.text()


def test_a_note_of_several_lines_keeps_its_lines(window, qtbot, demo_store):
    """A customer list's note cell may hold line breaks; they showed run together."""
    panel = window.customer
    demo_store.add_note("Likes dark roast\nNo nuts <ever>", customer_id=panel.customer_id)
    panel.reload()
    settle(qtbot, window)
    assert "Likes dark roast<br>No nuts &lt;ever&gt;" in panel.ui.notesLabel.text()
