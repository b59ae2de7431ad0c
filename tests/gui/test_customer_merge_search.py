"""The customer merge dialog finds the other customer by the address they wrote from."""

from __future__ import annotations

from inbox_app.gui.merging import CustomerMergeDialog


def test_typing_an_email_address_finds_the_customer_who_wrote_from_it(qtbot, demo_jobs,
                                                                      demo_store):
    """Pasting the address found no one ("No other customer matches."): only names were
    searched."""
    with_email = [c for c in demo_store.list_customers(limit=500)
                  if any(i.kind == "email" for i in c.identities)]
    keep, other = with_email[0], with_email[-1]  # the last: not shown before a search
    address = next(i.value for i in other.identities if i.kind == "email")
    dialog = CustomerMergeDialog(demo_jobs, keep)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.ui.searchEdit, address)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and dialog.chosen is not None
                    and dialog.chosen.id == other.id, timeout=15000)
    assert dialog.ok_button.isEnabled()
