"""The email signature: set in Settings, named under the composer, added to what goes out."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inbox_app.gui.settings_dialog import SettingsDialog
from inbox_app.store import QueueQuery
from tests.gui.conftest import STAFF, email_view, replies_saying, settle

SIGNED_HINT = "Signed: Maya Okafor · Harbour Lane Coffee"


def set_signature(window, qtbot, signature: str) -> SettingsDialog:
    window.ui.actionSettings.trigger()
    dialog: SettingsDialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    dialog.ui.signatureEdit.setPlainText(signature)
    dialog.save_button.click()
    return dialog


def test_settings_refuse_a_misspelt_signature_and_keep_a_good_one(make_window, settings, qtbot,
                                                                  demo_store):
    window = email_view(make_window, settings, qtbot, 0)
    hint = window.conversation.ui.signatureHint
    assert hint.text() == "" and hint.isHidden()  # no signature yet: nothing to say

    dialog = set_signature(window, qtbot, "{staff_nme}\n{business}")
    settle(qtbot, window)  # the store refuses it
    assert dialog.ui.problemLabel.text().startswith(
        "In the email signature, {staff_nme} is not a placeholder")
    assert dialog.isVisible() and demo_store.get_setting("email_signature") == ""

    dialog.ui.signatureEdit.setPlainText("{staff_name}\n{business}\n")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert demo_store.get_setting("email_signature") == "{staff_name}\n{business}"
    settle(qtbot, window)
    assert hint.text() == SIGNED_HINT and hint.isVisible()

    window.ui.actionSettings.trigger()
    again: SettingsDialog = window.last_dialog
    qtbot.waitUntil(lambda: again.loaded is not None)
    assert again.ui.signatureEdit.toPlainText() == "{staff_name}\n{business}"
    again.reject()


def test_an_email_reply_goes_out_signed_and_a_note_does_not(make_window, settings, qtbot,
                                                            demo_store, sender):
    demo_store.set_setting("email_signature", "{staff_name}\n{business}")
    window = email_view(make_window, settings, qtbot, 0)
    ui = window.conversation.ui
    conversation_id = window.conversation.conversation_id
    assert ui.signatureHint.text() == SIGNED_HINT

    qtbot.keyClicks(ui.composerEdit, "It ships today.")
    qtbot.keyClick(ui.composerEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(sender) == 1, timeout=10000)
    settle(qtbot, window)
    signed = "It ships today.\n\nMaya Okafor\nHarbour Lane Coffee"
    assert sender[0].text == signed
    assert [m.delivery for m in replies_saying(demo_store, conversation_id, signed)] == ["sent"]

    ui.noteModeButton.click()
    assert ui.signatureHint.isHidden()  # notes are for the team, unsigned
    qtbot.keyClicks(ui.composerEdit, "Checked with the roastery.")
    qtbot.keyClick(ui.composerEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    notes = [entry.text for entry in demo_store.notes(conversation_id=conversation_id)]
    assert "Checked with the roastery." in notes


def test_only_email_conversations_are_signed(make_window, settings, qtbot, demo_store):
    demo_store.set_setting("email_signature", "{staff} at {business}")
    # The demo's Mastodon conversations may all be closed at this hour: open one.
    mastodon = demo_store.queue(QueueQuery(filter="all", kind="mastodon", limit=1))[0]
    if mastodon.status != "open":
        demo_store.reopen_conversation(mastodon.conversation_id)
    window = make_window(staff=STAFF)
    window.select_key("kind:mastodon")
    settle(qtbot, window)
    assert window.conversation.composer.kind == "mastodon"
    assert window.conversation.ui.signatureHint.isHidden()
    window.set_staff("Theo Brandt")
    window.select_key("kind:email")
    settle(qtbot, window)
    assert window.conversation.ui.signatureHint.text() == "Signed: Theo at Harbour Lane Coffee"
