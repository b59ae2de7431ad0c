"""Log a call, import a call log, and templates from the composer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inbox_app.core.templates import TemplateValues
from inbox_app.core.timeutil import now
from inbox_app.gui.call_import import CallImportDialog
from inbox_app.gui.calls import CallDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.templates import TemplatePicker, TemplatesDialog
from tests.gui.conftest import settle
from tests.store.helpers import msg


@pytest.fixture
def jobs(store, db_path):
    made = Jobs(str(db_path))
    yield made
    made.wait()


@pytest.fixture
def call_dialog(qtbot, jobs):
    dialog = CallDialog(jobs, staff="Maya")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.context_loaded)
    return dialog


def test_the_number_is_formatted_as_it_is_typed_and_matched_live(call_dialog, store, qtbot):
    assert "As you type the number" in call_dialog.ui.matchLabel.text()
    store.add_staff("Maya")
    store.save_messages([msg("p1", "Asked about opening hours", kind="phone",
                             phone="+1 207 555 0142", author="Bo Chen",
                             thread="phone:+12075550142")])
    qtbot.keyClicks(call_dialog.ui.numberEdit, "2075550142")
    assert call_dialog.ui.numberEdit.text() == "(207) 555-0142"
    qtbot.waitUntil(lambda: "Bo Chen" in call_dialog.ui.matchLabel.text())
    assert "1 conversation" in call_dialog.ui.matchLabel.text()
    assert call_dialog.ui.nameEdit.text() == "Bo Chen"
    call_dialog.ui.outboundRadio.setChecked(True)
    call_dialog.ui.durationEdit.setText("4:30")
    call_dialog.ui.summaryEdit.setPlainText("Called back: opening hours are 8 to 6.")
    with qtbot.waitSignal(call_dialog.logged) as logged:
        call_dialog.ok_button.click()
    conversation_id, line = logged.args
    assert line == "Logged an outgoing call (4 min 30 s) to Bo Chen at (207) 555-0142."
    thread = store.messages(conversation_id)
    assert [m.direction for m in thread] == ["in", "out"]
    call = thread[-1]
    assert call.text == "Called back: opening hours are 8 to 6."
    assert call.meta["call"] == {"direction": "out", "duration": 270, "status": "answered",
                                 "number": "+12075550142"}
    assert call.staff == "Maya"


def test_a_new_caller_and_the_refusals(call_dialog, store, qtbot):
    qtbot.keyClicks(call_dialog.ui.numberEdit, "+44 20 7946 0958")
    qtbot.waitUntil(lambda: "New caller" in call_dialog.ui.matchLabel.text())
    call_dialog.ui.durationEdit.setText("forever")
    assert "cannot be read" in call_dialog.ui.problemLabel.text()
    call_dialog.ok_button.click()
    assert "cannot be read" in call_dialog.ui.problemLabel.text()
    assert store.latest_message_id() == 0
    call_dialog.ui.durationEdit.clear()
    call_dialog.ui.numberEdit.clear()
    call_dialog.ok_button.click()
    assert call_dialog.ui.problemLabel.text() == "The number is missing: type the caller's number."
    call_dialog.ui.numberEdit.setText("12")
    call_dialog.ok_button.click()
    assert "is not a phone number" in call_dialog.ui.problemLabel.text()
    assert store.latest_message_id() == 0
    call_dialog.ui.numberEdit.setText("+44 20 7946 0958")
    call_dialog.ui.statusCombo.setCurrentIndex(1)
    with qtbot.waitSignal(call_dialog.logged) as logged:
        call_dialog.ok_button.click()
    assert logged.args[1] == "Logged a missed call from +44 20 7946 0958."


CALL_LOG = """When,Number,Kind,Seconds,Who,Notes
2026-03-02 09:30,+1 207 555 0142,incoming,125,Bo Chen,Asked about beans
2026-03-02 10:05,(207) 555-0199,outgoing,60,Ann Lee,Call back
2026-03-02 11:00,+1 207 555 0142,missed,0,Bo Chen,
"""


def test_importing_a_call_log_with_a_column_chosen_by_hand(qtbot, jobs, store, tmp_path,
                                                           qtmodeltester):
    path = tmp_path / "calls.csv"
    path.write_text(CALL_LOG, encoding="utf-8")
    dialog = CallImportDialog(jobs, str(path), staff=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.file is not None and jobs.pending == 0)
    assert dialog.raw_model.rowCount() == 3 and dialog.raw_model.columnCount() == 6
    assert dialog.combos["time"].currentData() == "1"
    assert dialog.combos["direction"].currentData() == ""  # "Kind" is not a known name
    assert "no direction column" in dialog.ui.resultLabel.text()
    assert not dialog.ui.importButton.isEnabled()
    dialog.set_column("direction", 3)
    qtbot.waitUntil(lambda: dialog.ui.importButton.isEnabled())
    assert dialog.preview_model.rowCount() == 3
    index = dialog.preview_model.index
    assert [index(0, c).data() for c in range(5)] == [
        "2026-03-02 09:30", "(207) 555-0142", "in", "2 min 5 s", "Bo Chen"]
    assert index(2, 5).data() == "Missed call"
    qtmodeltester.check(dialog.raw_model)
    qtmodeltester.check(dialog.preview_model)
    with qtbot.waitSignal(dialog.imported, timeout=15000) as imported:
        dialog.ui.importButton.click()
    assert imported.args[0] == "Imported 3 calls, 0 already logged."
    assert store.stats()["by_kind"]["phone"] == 3


def test_a_file_that_is_not_a_call_log_says_so(qtbot, jobs, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\x00\x00binary")
    dialog = CallImportDialog(jobs, str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "binary data" in dialog.ui.resultLabel.text())
    assert not dialog.ui.importButton.isEnabled()


def test_templates_refuse_an_empty_name_then_save_edit_and_delete(qtbot, jobs, store,
                                                                  qtmodeltester):
    dialog = TemplatesDialog(jobs, TemplateValues("Ann Lee", "Harbour Lane", "Maya Okafor"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: jobs.pending == 0)
    dialog.ui.bodyEdit.setPlainText("Hi {first_name}, your order is on its way. {staff}")
    assert dialog.ui.previewLabel.text() == "Hi Ann, your order is on its way. Maya"
    dialog.ui.saveButton.click()
    assert dialog.ui.problemLabel.text() == "A template needs a name."
    assert store.list_templates() == []
    dialog.ui.nameEdit.setText("Order shipped")
    dialog.ui.bodyEdit.setPlainText("Hi {frist_name}")
    dialog.ui.saveButton.click()
    assert "{frist_name} is not a placeholder" in dialog.ui.problemLabel.text()
    dialog.ui.bodyEdit.setPlainText("Hi {first_name}, your order is on its way. {staff}")
    with qtbot.waitSignal(dialog.changed):
        dialog.ui.saveButton.click()
    (saved,) = store.list_templates()
    assert saved["name"] == "Order shipped"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.ui.bodyEdit.setPlainText("Hello {first_name}!")
    with qtbot.waitSignal(dialog.changed):
        dialog.ui.saveButton.click()
    assert [t["body"] for t in store.list_templates()] == ["Hello {first_name}!"]
    qtbot.waitUntil(lambda: jobs.pending == 0)
    dialog.start_new()
    dialog.ui.nameEdit.setText("order SHIPPED")
    dialog.ui.bodyEdit.setPlainText("x")
    dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: "already a template" in dialog.ui.problemLabel.text())
    qtmodeltester.check(dialog.model)
    dialog.ui.templateList.setCurrentIndex(dialog.model.index(0))
    with qtbot.waitSignal(dialog.changed):
        dialog.delete_current(confirm=False)
    assert store.list_templates() == []


def test_the_picker_filters_as_you_type_and_fills_the_placeholders(qtbot, jobs, store,
                                                                    qtmodeltester):
    store.save_template("Order shipped", "Hi {first_name}, it left today. — {staff} at {business}")
    store.save_template("Refund", "Sorry {first_name}, the refund is on its way.")
    store.save_template("Opening hours", "We open at 8.")
    picker = TemplatePicker(jobs, TemplateValues("ann lee", "Harbour Lane", "Maya Okafor"))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.loaded)
    assert picker.model.rowCount() == 3
    qtbot.keyClicks(picker.ui.filterEdit, "ref")
    assert picker.model.rowCount() == 1
    qtbot.keyClick(picker.ui.filterEdit, Qt.Key.Key_Backspace)
    qtbot.keyClick(picker.ui.filterEdit, Qt.Key.Key_Backspace)
    qtbot.keyClick(picker.ui.filterEdit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(picker.ui.filterEdit, "o")
    assert [picker.model.template_at(r).name for r in range(picker.model.rowCount())] == [
        "Opening hours", "Order shipped", "Refund"]
    qtbot.keyClick(picker.ui.filterEdit, Qt.Key.Key_Down)
    assert "it left today" in picker.ui.previewLabel.text()
    qtmodeltester.check(picker.model)
    qtbot.keyClick(picker.ui.filterEdit, Qt.Key.Key_Return)
    assert picker.chosen_text == "Hi Ann, it left today. — Maya at Harbour Lane"
    qtbot.keyClicks(picker.ui.filterEdit, "zzz")
    assert picker.model.rowCount() == 0 and picker.ui.previewLabel.text() == "No template matches."


def test_ctrl_t_inserts_a_template_into_the_composer(window, qtbot, demo_store):
    demo_store.save_template("Quick thanks", "Thanks {first_name}! — {staff}")
    conversation = window.conversation.conversation
    window.select_key("kind:email")
    settle(qtbot, window)
    conversation = window.conversation.conversation
    window.ui.actionInsertTemplate.trigger()
    picker = window.last_dialog
    qtbot.waitUntil(lambda: picker.loaded and picker.model.rowCount() > 1)  # the demo shop's too
    qtbot.keyClicks(picker.ui.filterEdit, "quick")
    assert picker.model.rowCount() == 1
    picker.choose()
    text = window.conversation.ui.composerEdit.toPlainText()
    first = conversation.customer_name.split()[0]
    assert text == f"Thanks {first}! — Maya"
    assert now() > 0


def test_ctrl_enter_in_the_summary_logs_the_call_and_enter_is_a_new_line(call_dialog, qtbot):
    qtbot.keyClicks(call_dialog.ui.numberEdit, "+44 20 7946 0958")
    summary = call_dialog.ui.summaryEdit
    summary.setFocus()
    qtbot.keyClicks(summary, "Wants a price list")
    qtbot.keyClick(summary, Qt.Key.Key_Return)
    qtbot.keyClicks(summary, "for cafes")
    assert summary.toPlainText() == "Wants a price list\nfor cafes"
    with qtbot.waitSignal(call_dialog.logged, timeout=10000):
        qtbot.keyClick(summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_3cx_log_leaves_its_internal_calls_out_without_calling_them_problems(
        qtbot, jobs, store):
    """The preview marked the call between two extensions as a row that would fail, and the
    result said "1 row skipped" as for a broken row."""
    from tests.conftest import FIXTURES

    dialog = CallImportDialog(jobs, str(FIXTURES / "calls" / "threecx_call_logs.csv"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ui.importButton.isEnabled())
    index = dialog.preview_model.index
    assert index(3, 0).data() == "row 5"
    assert index(3, 5).data().startswith("left out: 'Internal' is a call between the shop's")
    assert "skipped" not in dialog.ui.resultLabel.text()
    with qtbot.waitSignal(dialog.imported, timeout=15000) as imported:
        dialog.ui.importButton.click()
    assert imported.args[0] == ("Imported 3 calls, 0 already logged, 1 call with no customer"
                                " left out.")
