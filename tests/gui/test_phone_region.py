"""The customer panel writes a number as the shop's region writes it."""

from __future__ import annotations

from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.store.helpers import msg


def test_a_number_is_shown_as_the_shops_region_writes_it(make_window, qtbot, tmp_path):
    location = str(tmp_path / "berlin.db")
    store = open_store(location)
    store.set_setting("phone_region", "DE")
    store.save_messages([msg("call-1", "Preisliste bitte", kind="phone",
                             phone="+49 30 12345678", author="Jörg")])
    store.close()
    window = make_window(location, staff=None)
    window.open_conversation(1)
    settle(qtbot, window)
    panel = window.customer.ui
    qtbot.waitUntil(lambda: panel.identitiesList.count() == 1, timeout=15000)
    assert panel.identitiesList.item(0).text() == "030 12345678"  # not "+49 30 12345678"
