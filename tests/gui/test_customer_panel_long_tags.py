"""A long tag (a customer list may bring tags of up to 60 characters; one typed may be
longer) is shortened on its chip, whole in its tooltip: the chip made the customer panel
as wide as the tag — 512 pixels instead of 261 for sixty letters — and took that width
from the conversation beside it."""

from __future__ import annotations

import pytest

from tests.gui.conftest import settle


@pytest.mark.parametrize("tag", ["x" * 60, "W" * 60, "Großhändler mit Sonderkonditionen für "
                                                    "Cafés und Röstereien im Norden"])
def test_a_long_tag_leaves_the_panel_as_narrow_as_it_was(window, qtbot, demo_store, tag):
    panel = window.customer
    customer_id = panel.customer_id
    narrowest = panel.minimumSizeHint().width()
    demo_store.tag_customer(customer_id, tag)
    panel.reload()
    settle(qtbot, window)
    assert panel.minimumSizeHint().width() == narrowest
    (chip,) = [panel._chips.itemAt(i).widget() for i in range(panel._chips.count())
               if panel._chips.itemAt(i).widget().toolTip() == f"Remove the tag {tag}"]
    assert chip.text().endswith("…  ×")
    assert chip.accessibleName() == f"Tag {tag}, remove"

    chip.click()
    settle(qtbot, window)
    assert tag not in demo_store.get_customer(customer_id).tags
