"""The template picker and the Templates dialog as staff use them all day: a preview that
reads as the customer will read it (an apostrophe, an ampersand), a long template name
that is cut short with an ellipsis rather than scrolled sideways, and a template whose
placeholder this app cannot fill (saved by a newer version on a shared store), which
must never put a raw "{order_number}" in front of a customer."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from inbox_app.core.templates import TemplateValues
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.models.template_model import TemplateModel
from inbox_app.gui.templates import TemplatePicker, TemplatesDialog

ANN_MARIE = TemplateValues("Dr. Ann-Marie O'Neil", "Fish & Chips", "Maya Okafor")
LONG_NAME = "Refund issued — your money goes back to the card you paid with (5–10 days)"


@pytest.fixture
def jobs(store, db_path):
    made = Jobs(str(db_path))
    yield made
    made.wait()


def open_picker(qtbot, jobs) -> TemplatePicker:
    picker = TemplatePicker(jobs, ANN_MARIE)
    qtbot.addWidget(picker)
    picker.resize(420, 328)
    picker.show()
    qtbot.waitUntil(lambda: picker.loaded)
    return picker


def shown(label) -> str:
    """The words a label puts on screen: its text read as rich text only when it is told
    so (a line without a tag would otherwise show "&#x27;" as typed)."""
    assert label.textFormat() == Qt.TextFormat.RichText
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_the_pickers_preview_reads_as_the_customer_will(qtbot, jobs, store):
    store.save_template("Open", "We're open, {name}, at {business}.")
    picker = open_picker(qtbot, jobs)
    assert shown(picker.ui.previewLabel) == \
        "We're open, Dr. Ann-Marie O'Neil, at Fish & Chips."  # was "We&#x27;re open…"


def test_the_dialogs_preview_reads_as_the_customer_will(qtbot, jobs, store):
    store.save_template("Open", "We're open, {first_name} & co.")
    dialog = TemplatesDialog(jobs, ANN_MARIE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: jobs.pending == 0 and dialog.model.rowCount() > 0)
    assert shown(dialog.ui.previewLabel) == "We're open, Ann-Marie & co."


@pytest.mark.parametrize("dialog_class", [TemplatePicker, TemplatesDialog])
def test_a_long_template_name_is_cut_short_not_scrolled_sideways(qtbot, jobs, store,
                                                               dialog_class):
    store.save_template(LONG_NAME, "Hi {first_name}, your refund is on its way.")
    dialog = dialog_class(jobs, ANN_MARIE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: jobs.pending == 0 and dialog.model.rowCount() > 0)
    view = dialog.ui.templateList
    assert not view.horizontalScrollBar().isVisible()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert view.textElideMode() == Qt.TextElideMode.ElideRight


def test_a_long_names_tooltip_gives_the_whole_name_and_the_text_as_written():
    model = TemplateModel()
    from inbox_app.gui.models.template_model import Template
    model.set_templates([Template(1, LONG_NAME, "Use <b>this</b> & that")])
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == f"{LONG_NAME}\nUse <b>this</b> & that"


def save_unchecked(db_path, name: str, body: str) -> None:
    """As a newer version of the app on the same store (or an old backup) saved it."""
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO templates (name, body, created_at, updated_at)"
                           " VALUES (?, ?, 0, 0)", (name, body))


def test_a_template_with_a_placeholder_this_app_cannot_fill_is_not_inserted(
        qtbot, jobs, store, db_path):
    save_unchecked(db_path, "Shipped", "Hi {first_name}, order {order_number} has left.")
    picker = open_picker(qtbot, jobs)
    assert "{order_number} is not a placeholder" in shown(picker.ui.previewLabel)
    assert "Manage templates" in shown(picker.ui.previewLabel)
    assert not picker.ui.insertButton.isEnabled()
    qtbot.keyClick(picker.ui.filterEdit, Qt.Key.Key_Return)
    assert picker.chosen_text == ""  # was "Hi Ann-Marie, order {order_number} has left."
    assert picker.isVisible()


def test_a_good_template_is_still_inserted_next_to_one_that_cannot_be_filled(
        qtbot, jobs, store, db_path):
    save_unchecked(db_path, "Apology", "Sorry {frist_name}!")
    store.save_template("Thanks", "Thanks {first_name}!")
    picker = open_picker(qtbot, jobs)
    qtbot.keyClicks(picker.ui.filterEdit, "tha")
    assert picker.ui.insertButton.isEnabled()
    qtbot.keyClick(picker.ui.filterEdit, Qt.Key.Key_Return)
    assert picker.chosen_text == "Thanks Ann-Marie!"
