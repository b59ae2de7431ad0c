"""Rules from the window: write one in the form, refusals in one sentence, switch one off,
reorder, delete, and a rule written here acting on the next customer message.

The demo shop comes with three rules (inbox_app.demo.DEMO_RULES), in that order.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from inbox_app.core.rules import Rule
from inbox_app.demo import DEMO_RULES
from inbox_app.gui.models.rule_model import RuleModel, RuleRole
from inbox_app.gui.rules_dialog import NO_ACTION_YET, RulesDialog
from inbox_app.gui.theme import colors
from tests.store.helpers import msg

DEMO_NAMES = [rule.name for rule in DEMO_RULES]
CTRL = Qt.KeyboardModifier.ControlModifier


def settled(qtbot, demo_jobs) -> None:
    qtbot.waitUntil(lambda: demo_jobs.pending == 0, timeout=15000)


def names(store) -> list[str]:
    return [rule.name for rule in store.list_rules()]


def choose(combo, text: str) -> None:
    place = combo.findText(text)
    assert place >= 0, text
    combo.setCurrentIndex(place)


def select_row(qtbot, dialog: RulesDialog, row: int) -> None:
    dialog.ui.ruleList.setFocus()
    dialog.ui.ruleList.setCurrentIndex(dialog.model.index(row))
    assert dialog.editing == dialog.model.rule_at(row).name


def test_the_list_shows_the_rules_in_order_ticked_with_their_sentence(qtmodeltester):
    rules = [*DEMO_RULES, Rule("Phones", kinds=("phone",), labels=("call",), enabled=False)]
    model = RuleModel()
    model.set_rules(rules)
    qtmodeltester.check(model)
    shown = [(model.index(row).data(), model.index(row).data(Qt.ItemDataRole.CheckStateRole),
              model.index(row).data(Qt.ItemDataRole.ToolTipRole))
             for row in range(model.rowCount())]
    assert shown == [(rule.name, Qt.CheckState.Checked if rule.enabled
                      else Qt.CheckState.Unchecked, rule.describe()) for rule in rules]
    assert model.index(3).data(RuleRole.RULE) == rules[3]
    assert model.index(0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(3).data(Qt.ItemDataRole.ForegroundRole) == QColor(colors()["muted"])
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_the_dialog_opens_on_the_first_rule(open_rules_dialog, demo_store, qtmodeltester):
    dialog = open_rules_dialog()
    qtmodeltester.check(dialog.model)
    ui = dialog.ui
    assert [dialog.model.index(r).data() for r in range(dialog.model.rowCount())] == DEMO_NAMES
    assert not ui.emptyBox.isVisible()
    assert ui.nameEdit.text() == "Refunds to Priya"
    assert ui.wordsEdit.text() == "refund, money back, charged twice"
    assert ui.assignCombo.currentText() == "Priya Raman"
    assert ui.labelsEdit.text() == "refund"
    assert ui.describeLabel.text() == DEMO_RULES[0].describe()
    assert [ui.assignCombo.itemText(i) for i in range(ui.assignCombo.count())] == [
        "— nobody —", "Maya Okafor", "Priya Raman", "Theo Brandt"]
    assert not ui.upButton.isEnabled() and ui.downButton.isEnabled()
    assert dialog.tag_completer.model().stringList() == demo_store.all_tags()


def test_with_no_rules_the_dialog_explains_them_and_starts_a_new_one(open_rules_dialog, demo_store):
    for name in DEMO_NAMES:
        demo_store.remove_rule(name)
    dialog = open_rules_dialog()
    ui = dialog.ui
    assert ui.emptyBox.isVisible()
    assert "Rules assign and label new customer messages" in ui.emptyHint.text()
    assert dialog.editing is None and ui.nameEdit.text() == ""
    assert ui.describeLabel.text() == NO_ACTION_YET
    assert not ui.deleteButton.isEnabled()


def test_a_rule_written_in_the_form_is_stored_as_written(open_rules_dialog, demo_jobs, demo_store, qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    qtbot.mouseClick(ui.newButton, Qt.MouseButton.LeftButton)
    assert ui.nameEdit.text() == "" and ui.nameEdit.hasFocus()
    qtbot.keyClicks(ui.nameEdit, "Refunds by mail")
    qtbot.keyClick(dialog.channel_boxes["email"], Qt.Key.Key_Space)
    qtbot.keyClicks(ui.wordsEdit, "refund, money back")
    choose(ui.assignCombo, "Priya Raman")
    qtbot.keyClicks(ui.labelsEdit, "refund")
    said = 'When a customer writes (Email mentioning "refund" or "money back"): assign to ' \
        "Priya Raman; label refund."
    assert ui.describeLabel.text() == said
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    stored = demo_store.list_rules()
    assert names(demo_store) == [*DEMO_NAMES, "Refunds by mail"]
    assert stored[-1] == Rule("Refunds by mail", kinds=("email",), words=("refund", "money back"),
                              assign="Priya Raman", labels=("refund",))
    assert stored[-1].describe() == said
    settled(qtbot, demo_jobs)
    assert ui.ruleList.currentIndex().row() == 3 and dialog.editing == "Refunds by mail"
    assert ui.describeLabel.text() == said and ui.problemLabel.text() == ""


def test_a_rule_that_does_nothing_is_refused_at_once(open_rules_dialog, demo_jobs, demo_store, qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    dialog.start_new()
    qtbot.keyClick(ui.nameEdit, Qt.Key.Key_S, CTRL)
    assert ui.problemLabel.text() == "A rule needs a name."
    qtbot.keyClicks(ui.nameEdit, "Just   words")
    assert ui.problemLabel.text() == ""  # typing clears it
    qtbot.keyClicks(ui.wordsEdit, "hello")
    assert ui.describeLabel.text() == NO_ACTION_YET
    qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    assert ui.problemLabel.text() == ("The rule Just words does nothing: give it someone to "
                                      "assign to or a label.")
    assert ui.assignCombo.hasFocus()
    assert demo_jobs.pending == 0 and names(demo_store) == DEMO_NAMES


def test_a_name_already_taken_shows_the_stores_sentence(open_rules_dialog, demo_jobs, demo_store, qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    dialog.start_new()
    qtbot.keyClicks(ui.nameEdit, "wholesale LEADS")
    qtbot.keyClicks(ui.labelsEdit, "trade")
    qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.problemLabel.text() != "", timeout=15000)
    assert ui.problemLabel.text() == "There is already a rule called Wholesale leads."
    settled(qtbot, demo_jobs)
    assert ui.problemLabel.text() == "There is already a rule called Wholesale leads."
    assert ui.nameEdit.text() == "wholesale LEADS" and dialog.editing is None
    assert ui.saveButton.isEnabled()
    assert names(demo_store) == DEMO_NAMES


def test_editing_a_rule_keeps_its_place(open_rules_dialog, demo_jobs, demo_store, qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    select_row(qtbot, dialog, 1)
    assert ui.nameEdit.text() == "Wholesale leads"
    ui.nameEdit.selectAll()
    qtbot.keyClicks(ui.nameEdit, "Wholesale to Theo")
    choose(ui.assignCombo, "Theo Brandt")
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.keyClick(ui.nameEdit, Qt.Key.Key_S, CTRL)
    assert names(demo_store) == ["Refunds to Priya", "Wholesale to Theo", "VIP mail to Maya"]
    assert demo_store.list_rules()[1] == Rule(
        "Wholesale to Theo", words=("wholesale", "trade price", "bulk order"),
        assign="Theo Brandt", labels=("wholesale-lead",))
    settled(qtbot, demo_jobs)
    assert ui.ruleList.currentIndex().row() == 1 and dialog.editing == "Wholesale to Theo"


def test_a_rule_a_colleague_changed_meanwhile_is_not_overwritten(open_rules_dialog, demo_jobs,
                                                                 demo_store, qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    select_row(qtbot, dialog, 1)
    assert ui.nameEdit.text() == "Wholesale leads"
    theirs = replace(demo_store.list_rules()[1], assign="Priya Raman")
    demo_store.save_rule(theirs, replacing="Wholesale leads", staff="Theo Brandt")
    choose(ui.assignCombo, "Theo Brandt")
    qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.problemLabel.text() != "", timeout=15000)
    assert ui.problemLabel.text().startswith("Theo Brandt changed the rule Wholesale leads")
    assert demo_store.list_rules()[1] == theirs
    settled(qtbot, demo_jobs)
    assert ui.assignCombo.currentText() == "Priya Raman"  # the form shows it as they left it
    assert ui.problemLabel.text().startswith("Theo Brandt changed the rule")  # still said
    choose(ui.assignCombo, "Theo Brandt")  # seen, and changed again: now it is saved
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    assert demo_store.list_rules()[1].assign == "Theo Brandt"
    settled(qtbot, demo_jobs)


def test_unticking_a_rule_switches_it_off_in_the_store(open_rules_dialog, demo_jobs, demo_store, qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    select_row(qtbot, dialog, 2)
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.keyClick(ui.ruleList, Qt.Key.Key_Space)  # the list's tick, from the keyboard
    assert [rule.enabled for rule in demo_store.list_rules()] == [True, True, False]
    settled(qtbot, demo_jobs)
    index = dialog.model.index(2)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor(colors()["muted"])
    assert ui.ruleList.currentIndex().row() == 2
    # Editing a rule that is off keeps it off.
    qtbot.keyClicks(ui.labelsEdit, "vip")
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    assert demo_store.list_rules()[2] == Rule("VIP mail to Maya", kinds=("email",),
                                              tags=("VIP",), assign="Maya Okafor",
                                              labels=("vip",), enabled=False)
    settled(qtbot, demo_jobs)
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        assert dialog.model.setData(dialog.model.index(2), Qt.CheckState.Checked.value,
                                    Qt.ItemDataRole.CheckStateRole)
    assert [rule.enabled for rule in demo_store.list_rules()] == [True, True, True]
    settled(qtbot, demo_jobs)


def test_rules_move_up_and_down_in_the_store(open_rules_dialog, demo_jobs, demo_store, qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    refunds, wholesale, vip = DEMO_NAMES
    select_row(qtbot, dialog, 2)
    assert ui.upButton.isEnabled() and not ui.downButton.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.upButton, Qt.MouseButton.LeftButton)
    assert names(demo_store) == [refunds, vip, wholesale]
    settled(qtbot, demo_jobs)
    assert ui.ruleList.currentIndex().row() == 1 and dialog.editing == vip
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.keyClick(ui.ruleList, Qt.Key.Key_Up, CTRL)
    assert names(demo_store) == [vip, refunds, wholesale]
    settled(qtbot, demo_jobs)
    assert ui.ruleList.currentIndex().row() == 0
    assert not ui.upButton.isEnabled() and ui.downButton.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.keyClick(ui.ruleList, Qt.Key.Key_Down, CTRL)
    assert names(demo_store) == [refunds, vip, wholesale]
    settled(qtbot, demo_jobs)
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.downButton, Qt.MouseButton.LeftButton)
    assert names(demo_store) == [refunds, wholesale, vip]
    settled(qtbot, demo_jobs)
    assert ui.ruleList.currentIndex().row() == 2 and ui.nameEdit.text() == vip


def test_delete_asks_first_then_removes_the_rule(open_rules_dialog, demo_jobs, demo_store, qtbot,
                                                 monkeypatch):
    dialog = open_rules_dialog()
    ui = dialog.ui
    asked = []
    answer = QMessageBox.StandardButton.No

    def question(_parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    select_row(qtbot, dialog, 1)
    qtbot.keyClick(ui.ruleList, Qt.Key.Key_Delete)
    assert asked and asked[0][1].startswith("Delete the rule “Wholesale leads”?")
    settled(qtbot, demo_jobs)
    assert names(demo_store) == DEMO_NAMES
    answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.deleteButton, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert names(demo_store) == ["Refunds to Priya", "VIP mail to Maya"]
    settled(qtbot, demo_jobs)
    assert dialog.model.rowCount() == 2


def test_a_rule_saved_here_assigns_and_labels_the_next_message(open_rules_dialog, demo_jobs, demo_store,
                                                               qtbot):
    dialog = open_rules_dialog()
    ui = dialog.ui
    dialog.start_new()
    qtbot.keyClicks(ui.nameEdit, "Grinder repairs")
    qtbot.keyClicks(ui.wordsEdit, "grinder, burr set")
    choose(ui.assignCombo, "Theo Brandt")
    qtbot.keyClicks(ui.labelsEdit, "repair, hardware")
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    settled(qtbot, demo_jobs)
    result = demo_store.save_messages([
        msg("rules-dialog-1", "Hello, my GRINDER stopped turning.",
            email="grinder.owner@example.com", author="Nia Cole"),
        msg("rules-dialog-2", "Do you sell gift cards?", email="gift.cards@example.com",
            author="Ola Berg"),
    ])
    conversations = {demo_store.get_conversation(cid).customer_name:
                     demo_store.get_conversation(cid) for cid in result.conversation_ids}
    grinder, gifts = conversations["Nia Cole"], conversations["Ola Berg"]
    assert (grinder.assignee, grinder.labels) == ("Theo Brandt", ("hardware", "repair"))
    assert (gifts.assignee, gifts.labels) == (None, ())


def test_the_file_menu_opens_the_rules(window, qtbot):
    assert window.ui.actionRules in window.ui.menuFile.actions()
    window.ui.actionRules.trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, RulesDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=15000)
    assert [dialog.model.index(row).data() for row in range(dialog.model.rowCount())] == [
        "Refunds to Priya", "Wholesale leads", "VIP mail to Maya"]  # the demo shop's
    dialog.close()


def test_the_form_says_what_the_rule_would_have_matched_lately(open_rules_dialog, demo_jobs,
                                                               demo_store, qtbot):
    from inbox_app.core.timeutil import now

    demo_store.save_messages([msg(f"z{n}", "The zebrawood grinder squeaks", at=now() - 3600,
                                  email=f"z{n}@example.com") for n in range(3)])
    dialog = open_rules_dialog()
    dialog.start_new()
    dialog.ui.nameEdit.setText("Zebra")
    dialog.ui.wordsEdit.setText("zebrawood")
    qtbot.waitUntil(lambda: "would have matched" in dialog.ui.previewLabel.text(),
                    timeout=15000)
    qtbot.waitUntil(lambda: dialog.ui.previewLabel.text() == (
        "In the last 30 days, 3 customer messages in 3 conversations would have matched."),
        timeout=15000)
    dialog.ui.wordsEdit.setText("zebrawood-never-said")
    qtbot.waitUntil(lambda: dialog.ui.previewLabel.text() ==
                    "In the last 30 days, no customer message would have matched.",
                    timeout=15000)
    assert [rule.name for rule in demo_store.list_rules()] == DEMO_NAMES  # nothing saved


def test_the_form_takes_what_a_customer_has_spent(open_rules_dialog, demo_store, demo_jobs, qtbot):
    dialog = open_rules_dialog()
    dialog.start_new()
    dialog.ui.nameEdit.setText("Big spenders")
    dialog.ui.spentEdit.setText("lots")
    dialog.ui.assignCombo.setCurrentIndex(dialog.ui.assignCombo.findData("Maya Okafor"))
    dialog.save()
    assert dialog.ui.problemLabel.text() == "'lots' is not an amount (e.g. 1,000 or 1250.50)."
    dialog.ui.spentEdit.setText("$1,500")
    assert "who has spent at least 1,500" in dialog.ui.describeLabel.text()
    dialog.save()
    qtbot.waitUntil(lambda: len(demo_store.list_rules()) == 4, timeout=15000)
    assert demo_store.list_rules()[-1].min_value == 1500.0
    qtbot.waitUntil(lambda: demo_jobs.pending == 0, timeout=15000)
    dialog.start_new()
    dialog._select("Big spenders")
    assert dialog.ui.spentEdit.text() == "1500"


def test_a_saved_rule_is_applied_to_the_open_conversations_of_late(open_rules_dialog, demo_jobs,
                                                                    demo_store, qtbot,
                                                                    monkeypatch):
    from inbox_app.core.timeutil import now

    result = demo_store.save_messages([
        msg(f"q{n}", "My quokka mug arrived chipped", at=now() - 3600 * (n + 1),
            email=f"quokka{n}@example.com") for n in range(3)])
    chipped = sorted(result.conversation_ids)
    demo_store.assign(chipped[0], "Maya Okafor")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, text, *a, **k: (
        asked.append(text), QMessageBox.StandardButton.Yes)[1])
    dialog = open_rules_dialog()
    ui = dialog.ui
    dialog.start_new()
    assert not ui.applyButton.isEnabled()  # nothing saved to apply yet
    ui.nameEdit.setText("Breakages")
    ui.wordsEdit.setText("quokka, chipped")
    choose(ui.assignCombo, "Theo Brandt")
    ui.labelsEdit.setText("breakage")
    assert not ui.applyButton.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        dialog.save()
    settled(qtbot, demo_jobs)
    assert ui.applyButton.isEnabled()
    ui.labelsEdit.setText("breakage, urgent")  # unsaved: applying would not be what it shows
    assert not ui.applyButton.isEnabled()
    assert ui.applyButton.toolTip() == "Save the rule first: this runs the rule as it is saved"
    ui.labelsEdit.setText("breakage")
    assert ui.applyButton.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=15000):
        qtbot.mouseClick(ui.applyButton, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Apply “Breakages” to the open conversations")
    assert ui.problemLabel.text() == "“Breakages” matched 3 open conversations: assigned 2,"\
        " labelled 3."
    after = [demo_store.get_conversation(cid) for cid in chipped]
    assert [c.assignee for c in after] == ["Maya Okafor", "Theo Brandt", "Theo Brandt"]
    assert all(c.labels == ("breakage",) for c in after)
    history = demo_store.history(chipped[1])
    assert any(e["action"] == "assigned" and "Breakages" in str(e) for e in history)
    settled(qtbot, demo_jobs)
    dialog.apply_current(confirm=False)  # again: nothing twice
    qtbot.waitUntil(lambda: "assigned 0, labelled 0" in ui.problemLabel.text(), timeout=15000)
