"""A note holding a long run without a space (a tracking link, an order reference pasted
from the shop system) wraps inside the customer pane: the notes' label could not break the
run, so the pane became as wide as it — over 1,000 pixels for a parcel link — and the
window grew past the screen's edge."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QApplication

from tests.gui.conftest import settle

LINK = ("https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?"
        "piececode=00340434161094015902&lang=de&origin=shopsystem-order-20931")


def test_a_pasted_link_in_a_note_leaves_the_pane_and_window_as_wide(make_window, qtbot,
                                                                    demo_store):
    window = make_window()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    settle(qtbot, window)
    panel = window.customer
    narrowest = panel.minimumSizeHint().width()
    demo_store.add_note(f"Parcel went out: {LINK}", customer_id=panel.customer_id,
                        staff="Maya Okafor")
    panel.reload()
    settle(qtbot, window)
    QApplication.processEvents()

    assert panel.minimumSizeHint().width() == narrowest
    assert window.width() == 1024
    label = panel.ui.notesLabel
    assert LINK in html.unescape(label.text()).replace("\u200b", "")  # nothing of it is lost
    assert label.isVisible() and label.width() <= panel.width()


def test_only_long_runs_get_places_to_wrap_and_emoji_stay_whole():
    from inbox_app.gui.customer_panel import wrappable_note

    words = "Prefers oat milk; Geschäftsbedingungen apply"
    assert wrappable_note(words) == words  # words of up to twenty letters are left alone
    family = "👩\u200d👩\u200d👧\u200d👦" * 8 + "👍🏽" * 10 + "e\u0301" * 15
    wrapped = wrappable_note(family)
    assert "\u200b" in wrapped
    assert wrapped.replace("\u200b", "") == family
    for place in (i for i, char in enumerate(wrapped) if char == "\u200b"):
        after = wrapped[place + 1]
        assert after not in "\u200d\u0301\U0001f3fd" and wrapped[place - 1] != "\u200d"
