"""The rules form shows a stored rule exactly as stored, and refuses what the command line
refuses: opening a rule and saving it again must never change it behind the owner's back."""

from __future__ import annotations

import pytest

from inbox_app.core.rules import Rule


@pytest.mark.parametrize("spent", [12_499.99, 2_000_000.0, 1_234_567.5])
def test_an_amount_spent_shows_as_stored_and_saves_unchanged(open_rules_dialog, demo_store,
                                                             demo_jobs, qtbot, spent):
    demo_store.save_rule(Rule("Big spenders", min_value=spent, assign="Maya Okafor"))
    dialog = open_rules_dialog()
    dialog._select("Big spenders")
    assert dialog.form_rule().min_value == spent
    assert dialog.ui.applyButton.isEnabled()  # the form is the rule as saved
    dialog.save()
    qtbot.waitUntil(lambda: demo_jobs.pending == 0, timeout=15000)
    assert dialog.ui.problemLabel.text() == ""
    assert demo_store.list_rules()[-1].min_value == spent


def test_words_that_are_only_commas_are_refused_as_on_the_command_line(open_rules_dialog,
                                                                       demo_store):
    dialog = open_rules_dialog()
    dialog.start_new()
    dialog.ui.nameEdit.setText("Everything to Theo")
    dialog.ui.wordsEdit.setText(" , ;")
    dialog.ui.assignCombo.setCurrentIndex(dialog.ui.assignCombo.findData("Theo Brandt"))
    dialog.save()
    assert dialog.ui.problemLabel.text() == ("', ;' holds no words (write them as"
                                             " 'refund, broken').")
    dialog.ui.wordsEdit.setText("")
    dialog.ui.tagsEdit.setText(",")  # any customer, as no tag at all would be
    dialog.save()
    assert dialog.ui.problemLabel.text() == "',' holds no words (write them as 'VIP, wholesale')."
    assert "Everything to Theo" not in [rule.name for rule in demo_store.list_rules()]
