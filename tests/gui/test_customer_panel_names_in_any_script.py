"""A name written right to left (Arabic, Hebrew) starts beside the avatar, as the line
under it and every other name in the window do: it was set against the pane's far edge,
apart from the picture and the "Customer since" line, as if it were someone else's."""

from __future__ import annotations

import pytest

from tests.gui.conftest import settle


def ink_from_left(label) -> int:
    """How far from the label's left edge its first dark pixel is."""
    image = label.grab().toImage()
    for x in range(image.width()):
        if any(image.pixelColor(x, y).lightness() < 110 for y in range(image.height())):
            return x
    raise AssertionError("nothing drawn")


@pytest.mark.parametrize("name", ["محمد الفارسي", "נועה כהן", "王小明", "Ann Lee"])
def test_the_name_starts_beside_the_avatar(window, qtbot, demo_store, name):
    panel = window.customer
    demo_store.rename_customer(panel.customer_id, name)
    panel.reload()
    settle(qtbot, window)
    label = panel.ui.customerName
    assert label.text().replace("\u200b", "") == name
    assert label.width() > 100
    assert ink_from_left(label) < 8
