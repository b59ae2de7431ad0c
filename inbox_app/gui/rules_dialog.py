"""Rules: a dialog to write what happens by itself when a customer writes (core/rules.py).

The list on the left is the order the rules are tried in (the first that assigns wins);
the form on the right is the selected rule, or a new one. The store checks a rule again
as it saves it, so its refusals (a name taken, someone who left) show here as they are.
The form's fields are filled and read in gui/rules_form.py; the line saying what the rule
as typed would have matched lately is gui/rules_preview.py.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from inbox_app.core.kinds import KIND_LABELS, KINDS
from inbox_app.core.rules import Rule, RuleError, checked, split_list
from inbox_app.core.text import plural
from inbox_app.core.timeutil import now
from inbox_app.gui.forms.ui_rules_dialog import Ui_RulesDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.models.rule_model import RuleModel, RuleRole
from inbox_app.gui.rules_form import (
    ListCompleter,
    RulesContext,
    load_context,
    rule_in_form,
    show_rule,
    spent_at_least,
)
from inbox_app.gui.rules_preview import RulePreview
from inbox_app.gui.theme import repolish, show_message
from inbox_app.gui.widgets import FittedDialog, TickDelegate
from inbox_app.store import NotFound, StaleEdit, StoreError
from inbox_app.store.rules import RUN_DAYS, RuleRun

CHANNEL_COLUMNS = 3
NO_ACTION_YET = "Choose someone to assign to or a label, and this line says what the rule does."


class RulesDialog(FittedDialog):
    """Write, order, switch off and delete rules.

    Signals: changed() after anything was stored.
    """

    changed = Signal()

    def __init__(self, jobs: Jobs, *, staff: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_RulesDialog()
        self.ui.setupUi(self)
        repolish(self)
        self.jobs = jobs
        self.staff = staff
        self.editing: str | None = None  # the stored name of the rule in the form; None: new
        self.edited_from: Rule | None = None  # that rule as it was when it filled the form
        self.loaded = False
        self.context = RulesContext([], [], [], [])
        self._keep_form = False
        self._moving = False
        self._applying = False
        self.preview = RulePreview(self)
        self.model = RuleModel(self)
        self.model.enabled_toggled.connect(self._store_enabled)
        ui = self.ui
        ui.ruleList.setModel(self.model)
        ui.ruleList.setItemDelegate(TickDelegate(ui.ruleList))
        ui.ruleList.selectionModel().currentChanged.connect(self._on_current)
        self.channel_boxes: dict[str, QCheckBox] = {}
        for place, kind in enumerate(KINDS):
            box = QCheckBox(KIND_LABELS[kind].replace("&", "&&"), self)
            box.toggled.connect(self._on_form_changed)
            ui.channelGrid.addWidget(box, place // CHANNEL_COLUMNS, place % CHANNEL_COLUMNS)
            self.channel_boxes[kind] = box
        self.tag_completer = ListCompleter([], ui.tagsEdit)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        ui.tagsEdit.setCompleter(self.tag_completer)
        for edit in (ui.nameEdit, ui.wordsEdit, ui.tagsEdit, ui.spentEdit, ui.labelsEdit):
            edit.textChanged.connect(self._on_form_changed)
        for combo in (ui.accountCombo, ui.assignCombo):
            combo.currentIndexChanged.connect(self._on_form_changed)
        ui.negativeCheck.toggled.connect(self._on_form_changed)
        ui.newButton.clicked.connect(self.start_new)
        ui.deleteButton.clicked.connect(lambda: self.delete_current())
        ui.upButton.clicked.connect(lambda: self.move_current(-1))
        ui.downButton.clicked.connect(lambda: self.move_current(1))
        ui.saveButton.clicked.connect(self.save)
        ui.applyButton.clicked.connect(lambda: self.apply_current())
        self._shortcut(QKeySequence.StandardKey.Save, self.save)
        self._shortcut("Ctrl+Up", lambda: self.move_current(-1))
        self._shortcut("Ctrl+Down", lambda: self.move_current(1))
        # Delete only from the list: in a text field the key deletes text.
        self._shortcut(Qt.Key.Key_Delete, lambda: self.delete_current(), ui.ruleList)
        self._set_tab_order()
        self.start_new()
        self.jobs.run(load_context, self._on_opened)

    def _shortcut(self, keys, slot, widget: QWidget | None = None) -> None:
        shortcut = QShortcut(QKeySequence(keys), widget or self)
        if widget is not None:
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    def _set_tab_order(self) -> None:
        ui = self.ui
        chain = [ui.ruleList, ui.upButton, ui.downButton, ui.newButton, ui.deleteButton,
                 ui.nameEdit, *self.channel_boxes.values(), ui.accountCombo, ui.wordsEdit,
                 ui.tagsEdit, ui.spentEdit, ui.negativeCheck, ui.assignCombo, ui.labelsEdit, ui.applyButton,
                 ui.closeButton, ui.saveButton]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # Loading

    def _on_opened(self, context: RulesContext) -> None:
        self.context = context
        self.tag_completer.model().setStringList(context.tags)
        self._show_rule(self.form_rule())  # the staff and accounts to choose from, now known
        self.loaded = True
        self._on_loaded(context.rules, None)

    def reload(self, select: str | None = None, problem: str = "", *,
               or_renamed: bool = False) -> None:
        """Reads the rules again. `select` shows that rule in the form (after a save);
        otherwise the rule being edited stays selected and the form is left as typed.
        `problem`: a sentence to show once the form is filled again. `or_renamed`: when
        `select` is gone, show the one rule whose name is new instead (a colleague renamed
        the rule being edited)."""
        known = {self.model.rule_at(row).name.casefold()
                 for row in range(self.model.rowCount())} if or_renamed else None
        self.jobs.run(lambda store: store.list_rules(),
                      lambda rules: self._on_loaded(rules, select, problem, known))

    def _on_loaded(self, rules: list[Rule], select: str | None, problem: str = "",
                   known: set[str] | None = None) -> None:
        self._moving = False
        self.model.set_rules(rules)
        self.ui.emptyBox.setVisible(not rules)
        if select is not None and known is not None and self.model.row_of(select) is None:
            fresh = [rule.name for rule in rules if rule.name.casefold() not in known]
            select = fresh[0] if len(fresh) == 1 else select
        if select is not None:
            self._select(select)
        elif self.editing is not None:
            self._keep_form = True
            self._select(self.editing)
            self._keep_form = False
        elif rules and self._form_is_blank():
            self._select(rules[0].name)
        self._update_buttons()
        if problem:
            self._show_problem(problem)

    def _select(self, name: str) -> None:
        row = self.model.row_of(name)
        if row is not None:
            self.ui.ruleList.setCurrentIndex(self.model.index(row))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Only a chosen row fills the form: the list also makes its first row current,
        # unselected, when it gets the focus, and that must not replace a rule being written.
        rule: Rule | None = current.data(RuleRole.RULE) if current.isValid() else None
        chosen = self.ui.ruleList.selectionModel().isSelected(current)
        if rule is not None and chosen and not self._keep_form:
            self.editing, self.edited_from = rule.name, rule
            self._show_rule(rule)
        self._update_buttons()

    def _editing_row(self) -> int | None:
        return self.model.row_of(self.editing) if self.editing is not None else None

    def _editing_rule(self) -> Rule | None:
        row = self._editing_row()
        return self.model.rule_at(row) if row is not None else None

    def _update_buttons(self) -> None:
        row = self._editing_row()
        self.ui.deleteButton.setEnabled(row is not None)
        self.ui.upButton.setEnabled(row is not None and row > 0)
        self.ui.downButton.setEnabled(row is not None and row < self.model.rowCount() - 1)
        self._update_apply_button()

    def _update_apply_button(self) -> None:
        """Applying runs the rule as stored, so only a saved rule, unchanged, can be."""
        stored = self._editing_rule()
        try:
            unchanged = stored is not None and checked(self.form_rule()) == stored
        except RuleError:
            unchanged = False
        button = self.ui.applyButton
        button.setEnabled(unchanged and not self._applying)
        button.setToolTip(
            f"Do what this rule does to the open conversations customers wrote to in the"
            f" last {RUN_DAYS} days" if unchanged or stored is None
            else "Save the rule first: this runs the rule as it is saved")

    # The form

    def _show_rule(self, rule: Rule) -> None:
        show_rule(self.ui, self.channel_boxes, self.context, rule)
        self._on_form_changed()

    def form_rule(self) -> Rule:
        """The rule as the form has it (untidied: `checked` says what is wrong with it);
        a rule being edited keeps whether it is switched on."""
        stored = self._editing_rule()
        return rule_in_form(self.ui, self.channel_boxes,
                            enabled=stored.enabled if stored is not None else True)

    def _form_is_blank(self) -> bool:
        return self.form_rule() == Rule(name="")

    def _on_form_changed(self) -> None:
        rule = self.form_rule()
        self.ui.describeLabel.setText(rule.describe() if rule.assign or rule.labels
                                      else NO_ACTION_YET)
        self._show_problem("")
        self._update_apply_button()
        self.preview.schedule()

    def _show_problem(self, text: str) -> None:
        show_message(self.ui.problemLabel, text)

    # Changes, each stored in a worker

    def start_new(self) -> None:
        self.editing, self.edited_from = None, None
        selection = self.ui.ruleList.selectionModel()
        selection.clearSelection()
        selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        self._show_rule(Rule(name=""))
        self.ui.nameEdit.setFocus()
        self._update_buttons()

    def save(self) -> None:
        if not self.ui.saveButton.isEnabled():
            return  # the last save has not reported yet
        spent = self.ui.spentEdit.text().strip()
        if spent and spent_at_least(self.ui.spentEdit.text()) is None:
            self._show_problem(f"{spent!r} is not an amount (e.g. 1,000 or 1250.50).")
            self.ui.spentEdit.setFocus()
            return
        for edit, example in ((self.ui.wordsEdit, "refund, broken"),
                              (self.ui.tagsEdit, "VIP, wholesale")):
            typed = edit.text().strip()
            if typed and not split_list(typed):
                # As `rule add --words ','`: an empty list means "any message".
                self._show_problem(f"{typed!r} holds no words (write them as '{example}').")
                edit.setFocus()
                return
        rule = self.form_rule()
        try:
            checked(rule)
        except RuleError as error:
            self._show_problem(str(error))
            ui = self.ui
            (ui.nameEdit if not rule.name.strip()
             else ui.assignCombo if not (rule.assign or rule.labels) else ui.wordsEdit).setFocus()
            return
        replacing, staff = self.editing, self.staff
        expected = self.edited_from if replacing is not None else None
        self.ui.saveButton.setEnabled(False)
        self.jobs.run(lambda store: store.save_rule(rule, replacing=replacing,
                                                    expected=expected, staff=staff),
                      self._on_saved, lambda error: self._on_save_failed(error, replacing))

    def _on_saved(self, rule: Rule) -> None:
        self.ui.saveButton.setEnabled(True)
        self.editing = rule.name
        self.changed.emit()
        self.reload(select=rule.name)

    def _on_failed(self, error: Exception) -> None:
        self.ui.saveButton.setEnabled(True)
        self._moving = False
        if not isinstance(error, StoreError):
            self.jobs.failed.emit(error, "")
            return
        self._show_problem(str(error))
        if isinstance(error, StaleEdit):  # the form again, as the colleague left the rule
            self.reload(select=self.editing, problem=str(error))
        else:
            self.reload()  # the list as the store has it, whatever the refused change showed

    def _on_save_failed(self, error: Exception, replacing: str | None) -> None:
        """As any refusal, and: the rule being edited is gone (a colleague removed it), so
        the form, kept as typed, becomes a new rule — the next Save adds it, as the refusal
        suggests; or a colleague renamed or changed it, so the form shows it as they left
        it (under its new name), to change again."""
        if isinstance(error, NotFound) and replacing is not None and self.editing == replacing:
            self.editing, self.edited_from = None, None
            self.ui.ruleList.selectionModel().clearSelection()
        if isinstance(error, StaleEdit):
            self.ui.saveButton.setEnabled(True)
            self._show_problem(str(error))
            self.reload(select=self.editing, problem=str(error), or_renamed=True)
            return
        self._on_failed(error)

    def _on_stored(self) -> None:
        self.changed.emit()
        self.reload()

    def _store_enabled(self, name: str, enabled: bool) -> None:
        staff = self.staff
        self.jobs.run(lambda store: store.enable_rule(name, enabled, staff=staff),
                      lambda _rule: self._on_stored(), self._on_failed)

    def move_current(self, steps: int) -> None:
        """Moves the rule in the form up (negative) or down the list, one move at a time."""
        row = self._editing_row()
        if row is None or self._moving or not 0 <= row + steps < self.model.rowCount():
            return
        self._moving = True
        name, staff = self.editing, self.staff
        self.jobs.run(lambda store: store.move_rule(name, steps, staff=staff),
                      lambda _place: self._on_stored(), self._on_failed)

    def apply_current(self, *, confirm: bool = True) -> None:
        """Runs the stored rule over the open conversations customers wrote to lately: for
        a rule written after the messages it is meant for."""
        rule = self._editing_rule()
        if rule is None or not self.ui.applyButton.isEnabled():
            return
        if confirm and QMessageBox.question(
            self, "Apply rule",
            f"Apply “{rule.name}” to the open conversations customers wrote to in the last"
            f" {RUN_DAYS} days? It assigns those nobody has and adds its labels, as if it"
            " had been there when they wrote; each change shows in the conversation's"
            " history as done by the rule.",
        ) != QMessageBox.StandardButton.Yes:
            return
        name, staff, since = rule.name, self.staff, now() - RUN_DAYS * 86400
        self._applying = True
        self._update_apply_button()
        self.jobs.run(lambda store: store.run_rule(name, since=since, staff=staff),
                      self._on_applied, self._on_apply_failed)

    def _on_applied(self, run: RuleRun) -> None:
        self._applying = False
        self._update_apply_button()
        if not run.matched:
            text = (f"No open conversation of the last {RUN_DAYS} days matches"
                    f" “{run.rule}”; nothing changed.")
        else:
            text = (f"“{run.rule}” matched {plural(run.matched, 'open conversation')}:"
                    f" assigned {run.assigned}, labelled {run.labelled}.")
        show_message(self.ui.problemLabel, text, ok=True)
        if run.assigned or run.labelled:
            self.changed.emit()

    def _on_apply_failed(self, error: Exception) -> None:
        self._applying = False
        self._on_failed(error)

    def delete_current(self, *, confirm: bool = True) -> None:
        rule = self._editing_rule()
        if rule is None:
            return
        if confirm and QMessageBox.question(
            self, "Delete rule", f"Delete the rule “{rule.name}”? New messages will no longer"
            " be assigned or labelled by it.",
        ) != QMessageBox.StandardButton.Yes:
            return
        name, staff = rule.name, self.staff
        self.jobs.run(lambda store: store.remove_rule(name, staff=staff),
                      lambda _r: self._on_deleted(), self._on_failed)

    def _on_deleted(self) -> None:
        self.changed.emit()
        self.start_new()
        self.reload()
