"""The page a search that finds nothing shows: what was searched for, readable in the
conversation pane whatever was typed or pasted into the search box."""

from __future__ import annotations

import pytest

from tests.gui.conftest import settle

TRACKING_LINK = ("https://track.parcel-courier.example/shipments/"
                 "HLC-2026-000431-GB-DISPATCHED-FROM-PORTLAND-WAREHOUSE-NUMBER-7")
PASTED_EMAIL = " ".join(["Dear team, I never got my parcel and nobody answers."] * 40)


@pytest.mark.parametrize("typed", [TRACKING_LINK, "x" * 300, PASTED_EMAIL],
                         ids=["tracking link", "one long word", "a pasted email"])
def test_what_was_searched_for_fits_the_pane(window, qtbot, typed):
    window.resize(1366, 768)
    window.select_key("view:all")
    settle(qtbot, window)
    window.ui.searchEdit.setText(typed)
    window.apply_query()
    settle(qtbot, window)
    pane = window.conversation
    label = pane.ui.emptyLabel
    assert pane.ui.pages.currentWidget() is pane.ui.emptyPage
    assert label.text().startswith("No conversations match “")
    assert typed[:20] in label.text().replace("\u200b", "")
    # Wider than the pane, the sentence was cut off at both sides; a pasted email made it
    # taller than the window.
    assert label.minimumSizeHint().width() <= pane.width()
    assert label.heightForWidth(pane.width()) <= pane.height() // 3
