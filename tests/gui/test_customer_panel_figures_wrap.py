"""The customer pane's three figures (Value, Followers, Messages) side by side where the
pane is wide enough, and on two rows where it is not, so the pane can be narrower than the
three tiles in a row without cutting a figure or its caption.

The tiles stood in one fixed row: the pane could not be made narrower than about 245 px,
the widest fixed cost of a 1,024-pixel window, and 290 px at a 14 pt font."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from inbox_app.gui.customer_panel import MIN_WIDTH
from tests.gui.conftest import settle
from tests.gui.sidebar_names import with_app_font


@pytest.fixture(params=[10.0, 14.0], ids=["10pt", "14pt"])
def font_size(request, qapp):
    with_app_font(request, request.param)
    return request.param


def tiles(panel):
    ui = panel.ui
    return {ui.valueTile: (ui.valueLabel, ui.valueName),
            ui.influenceTile: (ui.influenceLabel, ui.influenceName),
            ui.activityTile: (ui.activityLabel, ui.activityName)}


def placed(widget, within) -> QRect:
    return QRect(widget.mapTo(within, QPoint(0, 0)), widget.size())


def figures_whole(panel) -> None:
    """Every figure and caption has the width its text needs, inside the pane's visible
    part; no tile lies over another, nor over what comes below them."""
    shown = panel.ui.customerScroll.viewport()
    rects = []
    for tile, labels in tiles(panel).items():
        rects.append(placed(tile, shown))
        assert shown.rect().contains(rects[-1]), tile.objectName()
        for label in labels:
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), \
                label.text()
    for index, rect in enumerate(rects):
        assert not any(rect.intersects(other) for other in rects[index + 1:])
    below = placed(panel.ui.identitiesTitle, shown)
    assert all(rect.bottom() < below.top() for rect in rects)


def at_customer_width(window, qtbot, width: int) -> None:
    splitter = window.ui.workSplitter
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0], sum(sizes) - sizes[0] - width, width])
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.customer.width() == max(
        width, window.customer.minimumSizeHint().width()))
    QApplication.processEvents()


def test_the_figures_wrap_in_a_narrow_pane(font_size, make_window, qtbot, demo_store):
    window = make_window()
    window.resize(1440 if font_size == 10 else 1700, 900)
    settle(qtbot, window)
    panel = window.customer
    assert panel.snapshot is not None
    demo_store.set_setting("currency", "CHF")  # its code goes in the caption: "Value (CHF)"
    demo_store.set_customer_value(panel.customer_id, 88_888)  # as wide as a value gets
    window.refresh_all()
    panel.reload()
    settle(qtbot, window)
    assert panel.ui.valueName.text() == "Value (CHF)"
    assert panel.ui.valueLabel.text() == "88,888"

    at_customer_width(window, qtbot, 0)  # as narrow as the splitter lets it
    assert panel.width() <= MIN_WIDTH + (0 if font_size == 10 else 60)
    figures_whole(panel)
    ui = panel.ui
    assert ui.activityTile.y() > ui.valueTile.y()  # on a row of its own
    link = panel.merge_button  # its words whole, or "Merge…" (whole in its tooltip)
    assert link.text() in (link.full_text, link.short_text)
    assert link.fontMetrics().horizontalAdvance(link.text()) <= link.contentsRect().width()

    at_customer_width(window, qtbot, 360 if font_size == 10 else 480)
    figures_whole(panel)
    assert ui.valueTile.y() == ui.influenceTile.y() == ui.activityTile.y()  # one row
    assert ui.valueTile.width() == ui.influenceTile.width() == ui.activityTile.width()


def test_a_1024_window_leaves_the_conversation_its_room(request, qapp, make_window, qtbot):
    """At 1,024 pixels the panes stand at their minimums; the customer pane's is no longer
    set by the three tiles in a row, so the conversation gets the width it gave up."""
    with_app_font(request, 10.0)
    window = make_window()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    settle(qtbot, window)
    assert window.customer.minimumSizeHint().width() <= MIN_WIDTH
    figures_whole(window.customer)


def test_a_long_tag_is_cut_to_the_narrow_pane(request, qapp, make_window, qtbot, demo_store):
    """A long tag's chip is shortened to the room the pane has (150 px of text at most), so
    it no longer holds the pane at about 245 px either."""
    with_app_font(request, 10.0)
    window = make_window()
    window.resize(1440, 900)
    settle(qtbot, window)
    panel = window.customer
    tag = "Competitor: the roastery that opened beside the station"
    demo_store.tag_customer(panel.customer_id, tag)
    panel.reload()
    settle(qtbot, window)
    (chip,) = [panel._chips.itemAt(i).widget() for i in range(panel._chips.count())
               if panel._chips.itemAt(i).widget().toolTip() == f"Remove the tag {tag}"]

    at_customer_width(window, qtbot, 0)
    assert panel.width() <= MIN_WIDTH
    area = panel.ui.tagsArea
    qtbot.waitUntil(lambda: chip.geometry().right() < area.width())  # inside the pane
    assert chip.text().endswith("…  ×")
    assert chip.width() >= chip.sizeHint().width()  # its shortened text whole on it
