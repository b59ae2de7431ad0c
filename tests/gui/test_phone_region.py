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


def test_the_merge_picker_writes_numbers_as_the_shops_region_does(make_window, qtbot, tmp_path,
                                                                   monkeypatch):
    from inbox_app.gui import merging

    location = str(tmp_path / "berlin.db")
    store = open_store(location)
    store.set_setting("phone_region", "DE")
    store.save_messages([
        msg("call-1", "Preisliste bitte", kind="phone", phone="+49 30 12345678", author="Jörg"),
        msg("call-2", "Rückruf bitte", kind="phone", phone="+49 30 87654321", author="Jörg B."),
    ])
    store.close()
    window = make_window(location, staff=None)
    window.open_conversation(1)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.customer.phone_region == "DE", timeout=15000)
    opened = []
    monkeypatch.setattr(merging.CustomerMergeDialog, "exec",
                        lambda dialog: opened.append(dialog) or 0)
    window.merging.prompt_merge_customer()
    qtbot.waitUntil(lambda: bool(opened), timeout=15000)
    dialog = opened[0]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=15000)
    assert "030 12345678" in dialog.ui.introLabel.text()
    assert "030 87654321" in dialog.model.index(0).data()
    assert "030 87654321" in dialog.ui.detailLabel.text()
