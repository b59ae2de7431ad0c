"""Templates as a shop uses them: a long one (terms, a returns policy) must not push the
dialog's buttons off a laptop's screen, and two people editing the same one must not
silently wipe out each other's words."""

from __future__ import annotations

import pytest

from inbox_app.core.templates import TemplateValues
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.templates import TemplatePicker, TemplatesDialog

LAPTOP_HEIGHT = 768
ANN = TemplateValues("Ann Lee", "Harbour Lane", "Maya Okafor")
POLICY = "\n".join(f"{n}. Items can be returned within 30 days, {{first_name}}." for n in
                   range(1, 61))


@pytest.fixture
def jobs(store, db_path):
    made = Jobs(str(db_path))
    yield made
    made.wait()


def open_dialog(qtbot, jobs) -> TemplatesDialog:
    dialog = TemplatesDialog(jobs, ANN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: jobs.pending == 0 and dialog.model.rowCount() > 0)
    return dialog


def test_a_long_template_keeps_the_dialog_within_a_laptop_screen(qtbot, jobs, store):
    store.save_template("Returns policy", POLICY)
    dialog = open_dialog(qtbot, jobs)
    assert dialog.ui.bodyEdit.toPlainText() == POLICY
    preview = dialog.ui.previewLabel.text()
    assert preview.startswith("1. Items can be returned within 30 days, Ann.")
    assert preview.endswith("<i>… 52 more lines</i>")
    assert dialog.minimumSizeHint().height() < LAPTOP_HEIGHT
    assert dialog.height() < LAPTOP_HEIGHT


def test_a_long_template_keeps_the_picker_within_a_laptop_screen(qtbot, jobs, store):
    store.save_template("Returns policy", POLICY)
    picker = TemplatePicker(jobs, ANN)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.loaded)
    assert "more lines" in picker.ui.previewLabel.text()
    assert picker.minimumSizeHint().height() < LAPTOP_HEIGHT
    picker.choose()
    assert picker.chosen_text.count("\n") == 59  # what goes in is the whole template


def test_a_template_a_colleague_changed_meanwhile_is_not_overwritten_unasked(
        qtbot, jobs, store):
    template_id = store.save_template("Delivery", "Hi {first_name}, it left today.")
    dialog = open_dialog(qtbot, jobs)
    store.save_template("Delivery", "Hi {first_name}, it left today with DHL.",
                        template_id=template_id)  # Theo, at the other computer
    dialog.ui.bodyEdit.setPlainText("Hi {first_name}, it is on its way.")
    dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: jobs.pending == 0)
    assert "changed this template" in dialog.ui.problemLabel.text()
    assert [t["body"] for t in store.list_templates()] == [
        "Hi {first_name}, it left today with DHL."]
    assert dialog.ui.bodyEdit.toPlainText() == "Hi {first_name}, it is on its way."
    with qtbot.waitSignal(dialog.changed):  # saving again, knowing, replaces theirs
        dialog.ui.saveButton.click()
    assert [t["body"] for t in store.list_templates()] == ["Hi {first_name}, it is on its way."]


def test_a_template_a_colleague_deleted_meanwhile_can_be_saved_as_a_new_one(
        qtbot, jobs, store):
    template_id = store.save_template("Delivery", "Hi {first_name}, it left today.")
    dialog = open_dialog(qtbot, jobs)
    store.delete_template(template_id)
    dialog.ui.bodyEdit.setPlainText("Hi {first_name}, it is on its way.")
    dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: jobs.pending == 0)
    problem = dialog.ui.problemLabel.text()
    assert "deleted" in problem and "There is no template" not in problem
    assert store.list_templates() == []
    with qtbot.waitSignal(dialog.changed):
        dialog.ui.saveButton.click()
    assert [(t["name"], t["body"]) for t in store.list_templates()] == [
        ("Delivery", "Hi {first_name}, it is on its way.")]


def test_saving_twice_in_a_row_is_not_taken_for_a_colleagues_change(qtbot, jobs, store):
    store.save_template("Delivery", "Hi {first_name}, it left today.")
    dialog = open_dialog(qtbot, jobs)
    for body in ("Hi {first_name}, it is on its way.", "Hi {first_name}, it is out today."):
        dialog.ui.bodyEdit.setPlainText(body)
        with qtbot.waitSignal(dialog.changed):
            dialog.ui.saveButton.click()
        qtbot.waitUntil(lambda: jobs.pending == 0)
        assert dialog.ui.problemLabel.text() == ""
    assert [t["body"] for t in store.list_templates()] == ["Hi {first_name}, it is out today."]
