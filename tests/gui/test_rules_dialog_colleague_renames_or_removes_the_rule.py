"""Team mode: a colleague renames or removes the rule open in my rules dialog.

The refusal says what they did and what to do next ("please make your change again",
"add it as a new rule"); the form must then let me do exactly that, instead of refusing
every later save of the rule under a name that is gone.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from inbox_app.gui.rules_dialog import RulesDialog

WHOLESALE = "Wholesale leads"


@pytest.fixture
def dialog(open_rules_dialog):
    opened = open_rules_dialog()
    opened.ui.ruleList.setCurrentIndex(opened.model.index(1))
    assert opened.ui.nameEdit.text() == WHOLESALE
    return opened


def save_and_wait(qtbot, demo_jobs, dialog: RulesDialog) -> None:
    qtbot.mouseClick(dialog.ui.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: demo_jobs.pending == 0, timeout=15000)


def test_a_rule_a_colleague_renamed_is_shown_under_its_new_name_to_change_again(
        dialog, demo_store, demo_jobs, qtbot):
    theirs = replace(demo_store.list_rules()[1], name="Wholesale to Theo", assign="Theo Brandt")
    demo_store.save_rule(theirs, replacing=WHOLESALE, staff="Theo Brandt")
    dialog.ui.labelsEdit.setText("wholesale-lead, b2b")
    save_and_wait(qtbot, demo_jobs, dialog)
    assert dialog.ui.problemLabel.text().startswith(
        f"Theo Brandt renamed the rule {WHOLESALE} to Wholesale to Theo")
    assert dialog.ui.nameEdit.text() == "Wholesale to Theo"  # reloaded, as the sentence says
    assert dialog.ui.assignCombo.currentText() == "Theo Brandt"
    dialog.ui.labelsEdit.setText("wholesale-lead, b2b")  # my change, made again
    save_and_wait(qtbot, demo_jobs, dialog)
    assert demo_store.list_rules()[1] == replace(theirs, labels=("wholesale-lead", "b2b"))


def test_a_rule_a_colleague_removed_can_be_added_again_from_the_form(dialog, demo_store,
                                                                     demo_jobs, qtbot):
    demo_store.remove_rule(WHOLESALE, staff="Theo Brandt")
    dialog.ui.labelsEdit.setText("wholesale-lead, b2b")
    save_and_wait(qtbot, demo_jobs, dialog)
    assert dialog.ui.problemLabel.text().startswith(f"Theo Brandt removed the rule {WHOLESALE}")
    assert dialog.ui.labelsEdit.text() == "wholesale-lead, b2b"  # what I typed is kept
    save_and_wait(qtbot, demo_jobs, dialog)  # "add it as a new rule if it is still wanted"
    assert [rule.name for rule in demo_store.list_rules()][-1] == WHOLESALE
    assert demo_store.list_rules()[-1].labels == ("wholesale-lead", "b2b")
