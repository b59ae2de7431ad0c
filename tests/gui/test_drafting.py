"""Collision detection: a colleague's draft in the open conversation is named above the
composer — live on a shared store — so a customer is not answered twice."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inbox_app.core.timeutil import now
from inbox_app.gui.drafting import drafting_text
from inbox_app.store import open_store
from tests.gui.conftest import STAFF, settle
from tests.gui.test_team import COLLEAGUE, live_ready

NOW = 1_800_000_000


def test_the_words_for_colleagues_drafts():
    assert drafting_text([], NOW) == ""
    assert drafting_text([("Theo Brandt", NOW - 5)], NOW) == \
        "Theo Brandt is writing in this conversation."
    assert drafting_text([("Theo Brandt", NOW - 5), ("Priya Raman", NOW - 90)], NOW) == \
        "Theo Brandt and Priya Raman are writing in this conversation."
    assert drafting_text([("Theo Brandt", NOW - 30 * 60)], NOW) == \
        "Theo Brandt left an unsent draft here, saved 30 min ago."
    assert drafting_text([("Theo Brandt", NOW - 10)], NOW + 3 * 86400).startswith(
        "Theo Brandt left an unsent draft here, saved on ")
    assert drafting_text([("A", NOW), ("B", NOW - 600), ("C", NOW - 900), ("D", NOW - 999)],
                         NOW) == "A is writing in this conversation. B, C and D left unsent drafts here."


def drafting(window) -> str:
    label = window.conversation.ui.draftingLabel
    return label.text() if label.isVisible() else ""


def test_a_colleagues_draft_is_named_and_ones_own_is_not(window, qtbot, demo_store):
    target = window.conversation.conversation_id
    demo_store.save_draft(target, STAFF, "my own words")
    demo_store.save_draft(target, COLLEAGUE, "Hi, we are looking into it")
    window.conversation.reload()
    settle(qtbot, window)
    assert drafting(window) == f"{COLLEAGUE} is writing in this conversation."  # not "Maya…" too

    # 45 minutes: "3 h ago" read "on Sun" in the first three hours after midnight.
    demo_store._exec("UPDATE drafts SET updated_at = ? WHERE staff = ?",
                     (now() - 45 * 60, COLLEAGUE))
    window.conversation.reload()
    settle(qtbot, window)
    assert drafting(window) == f"{COLLEAGUE} left an unsent draft here, saved 45 min ago."

    window.set_staff(COLLEAGUE)  # the same computer, the colleague at it now
    settle(qtbot, window)
    window.conversation.reload()
    settle(qtbot, window)
    assert drafting(window) == f"{STAFF} is writing in this conversation."


def test_a_colleague_writing_elsewhere_shows_live_and_goes_when_sent(make_window, team_location,
                                                                    qtbot, monkeypatch):
    window = make_window(team_location)
    live_ready(qtbot, window)
    target = window.conversation.conversation_id
    refreshes = []
    refresh = window.queue_model.refresh
    monkeypatch.setattr(window.queue_model, "refresh",
                        lambda **kw: (refreshes.append(kw), refresh(**kw)))
    assert drafting(window) == ""
    colleague = open_store(team_location)
    try:
        colleague.save_draft(target, COLLEAGUE, "Sorry about that — ")
        qtbot.waitUntil(lambda: drafting(window) == f"{COLLEAGUE} is writing in this conversation.",
                        timeout=15000)
        if team_location.startswith("postgresql"):
            settle(qtbot, window)
            assert refreshes == []  # a draft changes nothing in the queue
        qtbot.keyClicks(window.conversation.ui.composerEdit, "I can take this one")
        colleague.save_draft(target, COLLEAGUE, "")  # sent, or thrown away
        qtbot.waitUntil(lambda: drafting(window) == "", timeout=15000)
    finally:
        colleague.close()
    assert window.conversation.ui.composerEdit.toPlainText() == "I can take this one"
    qtbot.keyClick(window.conversation.ui.composerEdit, Qt.Key.Key_Escape)
    settle(qtbot, window)
