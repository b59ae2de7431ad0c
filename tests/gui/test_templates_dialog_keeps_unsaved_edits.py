"""File → Templates: words typed into a template and not saved yet are not wiped out
by choosing another template in the list, by New template, by filtering the list or by
closing the dialog. Before, the other template's text simply replaced them. Now they
wait until their template is chosen again, and Close names what is unsaved once before
a second Close lets it go (as Save again replaces a colleague's change)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inbox_app.core.templates import TemplateValues
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.templates import TemplatesDialog

EDITED = "Hi {first_name}, it left today; here is a long paragraph I worked on."
REFUND = "Sorry {first_name}, the refund is on its way."


@pytest.fixture
def jobs(store, db_path):
    made = Jobs(str(db_path))
    yield made
    made.wait()


@pytest.fixture
def dialog(qtbot, jobs, store):
    store.save_template("Order shipped", "Hi {first_name}, it left today.")
    store.save_template("Refund", REFUND)
    made = TemplatesDialog(jobs, TemplateValues("Ann Lee", "Harbour Lane", "Maya Okafor"))
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: jobs.pending == 0 and made.model.rowCount() == 2)
    assert made.ui.nameEdit.text() == "Order shipped"
    return made


def choose(dialog, name: str) -> None:
    row = next(row for row in range(dialog.model.rowCount())
               if dialog.model.template_at(row).name == name)
    dialog.ui.templateList.setCurrentIndex(dialog.model.index(row))


def said(dialog) -> str:
    return dialog.ui.problemLabel.text()


def words(dialog) -> tuple[str, str]:
    return dialog.ui.nameEdit.text(), dialog.ui.bodyEdit.toPlainText()


def test_unsaved_words_wait_while_another_template_is_read(dialog, qtbot, store, jobs):
    dialog.ui.bodyEdit.setPlainText(EDITED)
    choose(dialog, "Refund")
    assert words(dialog) == ("Refund", REFUND)
    assert said(dialog) == ("Your unsaved changes to “Order shipped” wait until you choose"
                            " it again.")
    choose(dialog, "Order shipped")
    assert words(dialog) == ("Order shipped", EDITED)
    with qtbot.waitSignal(dialog.changed):
        dialog.ui.saveButton.click()
    qtbot.waitUntil(lambda: jobs.pending == 0)
    assert EDITED in [t["body"] for t in store.list_templates()]
    choose(dialog, "Refund")
    assert said(dialog) == ""  # nothing was unsaved


def test_a_new_template_waits_for_new_template(dialog):
    dialog.ui.newButton.click()
    dialog.ui.nameEdit.setText("Opening hours")
    dialog.ui.bodyEdit.setPlainText("We open at 8.")
    choose(dialog, "Refund")
    assert words(dialog) == ("Refund", REFUND)
    assert said(dialog) == ("The new template you were writing waits: New template brings"
                            " it back.")
    dialog.ui.newButton.click()
    assert words(dialog) == ("Opening hours", "We open at 8.")
    dialog.ui.newButton.click()  # while one is written, that is the new one
    assert words(dialog) == ("Opening hours", "We open at 8.") and said(dialog) == ""


def test_nothing_is_said_when_nothing_was_changed(dialog):
    choose(dialog, "Refund")
    dialog.ui.newButton.click()
    assert dialog.ui.nameEdit.text() == ""
    choose(dialog, "Order shipped")
    assert said(dialog) == ""
    dialog.ui.closeButton.click()
    assert not dialog.isVisible()


def test_close_names_what_is_unsaved_once(dialog, qtbot):
    dialog.ui.bodyEdit.setPlainText(EDITED)
    choose(dialog, "Refund")
    dialog.ui.newButton.click()
    dialog.ui.nameEdit.setText("Opening hours")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert said(dialog) == ("Not saved: “Order shipped”, “Opening hours”. Save template keeps"
                            " them; Close again lets them go.")
    dialog.ui.bodyEdit.setPlainText("We open at 8.")  # more words: told again
    dialog.ui.closeButton.click()
    assert dialog.isVisible()
    dialog.ui.closeButton.click()
    assert not dialog.isVisible()


def test_filtering_the_list_keeps_the_words_and_what_delete_deletes(dialog, qtbot):
    dialog.ui.bodyEdit.setPlainText(EDITED)
    qtbot.keyClicks(dialog.ui.filterEdit, "ord")
    assert words(dialog) == ("Order shipped", EDITED)
    assert dialog.ui.templateList.currentIndex().data() == "Order shipped"
    assert dialog.ui.deleteButton.isEnabled()
    dialog.ui.filterEdit.clear()
    qtbot.keyClicks(dialog.ui.filterEdit, "refund")
    assert words(dialog) == ("Order shipped", EDITED)
    # The template written is not listed: nothing is chosen, and Delete deletes nothing.
    assert not dialog.ui.templateList.currentIndex().isValid()
    assert not dialog.ui.deleteButton.isEnabled()
