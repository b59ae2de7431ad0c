"""Every account form shows whole in the Accounts dialog: its fields, hints and tick boxes
are never cut at the right edge, where the form scrolls only up and down."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QCheckBox

from inbox_app.gui import theme
from inbox_app.gui.accounts_dialog import KIND_ORDER


@pytest.fixture(autouse=True)
def styled():
    """As `inbox-app` starts: its stylesheet on (it sets the fonts the form is measured in)."""
    theme.apply(QApplication.instance(), "light")


def _show_more_options(dialog) -> None:
    for box in dialog.ui.formHost.findChildren(QCheckBox):
        if box.text() == "Show more options":
            box.setChecked(True)


@pytest.mark.parametrize("kind", KIND_ORDER)
def test_a_form_with_all_its_options_shown_fits_beside_its_scroll_bar(
        accounts_dialog, qtbot, kind):
    accounts_dialog.start_add(kind)
    _show_more_options(accounts_dialog)
    for _ in range(3):  # the form's new rows, then the dialog growing to them
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        qtbot.wait(10)
    scroll, host = accounts_dialog.ui.formScroll, accounts_dialog.ui.formHost
    assert host.width() <= scroll.viewport().width(), (
        f"{kind}: the form is {host.width()} px wide in a {scroll.viewport().width()} px view")
