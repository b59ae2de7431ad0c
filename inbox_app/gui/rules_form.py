"""The rules dialog's form, field by field: what it offers to choose from (staff, accounts,
tags), how a stored rule shows in it, and the rule its fields hold as typed — read back to
the same rule, so that an unchanged rule saves unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.rules import Rule, split_list
from inbox_app.gui.forms.ui_rules_dialog import Ui_RulesDialog
from inbox_app.store import Store


@dataclass(frozen=True)
class RulesContext:
    """What the form offers: the rules, and the staff, accounts and tags to choose from."""

    rules: list[Rule]
    staff: list[str]
    accounts: list[tuple[str, str]]  # (name, as the combo shows it)
    tags: list[str]


def load_context(store: Store) -> RulesContext:
    return RulesContext(
        rules=store.list_rules(),
        staff=[member.name for member in store.list_staff()],
        accounts=[(account.name, f"{account.name} · {KIND_LABELS.get(account.kind, account.kind)}")
                  for account in store.list_accounts()],
        tags=store.all_tags(),
    )


def amount_text(value: float | None) -> str:
    """An amount as the form shows it, read back to the same value: "12499.99", never
    "12500" or "1e+06" (three decimals would read as thousands)."""
    if value is None:
        return ""
    return f"{value:.0f}" if value == int(value) else f"{value:.2f}"


def spent_at_least(typed: str) -> float | None:
    """The amount typed, or None when the field is empty or not an amount (saving
    says which)."""
    from inbox_app.core.amounts import AmountError, parse_amount

    try:
        return parse_amount(typed)
    except AmountError:
        return None


class ListCompleter(QCompleter):
    """Completes the last item of a comma-separated list: "VIP, who" → "VIP, wholesale"."""

    def splitPath(self, path: str) -> list[str]:
        return [re.split(r"[,;]", path)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex) -> str:
        chosen = super().pathFromIndex(index)
        text = self.widget().text() if self.widget() else ""
        cut = max(text.rfind(","), text.rfind(";"))
        return chosen if cut < 0 else f"{text[:cut + 1]} {chosen}"


def set_choices(combo: QComboBox, choices: list[tuple[str, object]], current: object,
                missing_text: str) -> None:
    """Fills the combo and chooses `current`, adding it when it is no longer offered (an
    account since removed, someone who left) so that saving keeps it or says why not."""
    with QSignalBlocker(combo):
        combo.clear()
        for text, data in choices:
            combo.addItem(text, data)
        place = combo.findData(current)
        if place < 0:
            combo.addItem(missing_text, current)
            place = combo.count() - 1
        combo.setCurrentIndex(place)


def show_rule(ui: Ui_RulesDialog, channel_boxes: dict[str, QCheckBox],
              context: RulesContext, rule: Rule) -> None:
    """Fills the form's fields with `rule`, with the staff and accounts of `context`."""
    ui.nameEdit.setText(rule.name)
    for kind, box in channel_boxes.items():
        box.setChecked(kind in rule.kinds)
    set_choices(ui.accountCombo,
                [("Any account", ()), *((shown, (name,)) for name, shown in context.accounts)],
                tuple(rule.accounts), " or ".join(rule.accounts))
    ui.wordsEdit.setText(", ".join(rule.words))
    ui.tagsEdit.setText(", ".join(rule.tags))
    ui.negativeCheck.setChecked(rule.negative)
    ui.spentEdit.setText(amount_text(rule.min_value))
    set_choices(ui.assignCombo,
                [("— nobody —", None), *((name, name) for name in context.staff)],
                rule.assign, f"{rule.assign} (no longer works the queue)")
    ui.labelsEdit.setText(", ".join(rule.labels))


def rule_in_form(ui: Ui_RulesDialog, channel_boxes: dict[str, QCheckBox], *,
                 enabled: bool) -> Rule:
    """The rule as the fields have it (untidied: `checked` says what is wrong with it);
    `enabled` is not in the form (the list's tick is)."""
    return Rule(
        name=ui.nameEdit.text(),
        kinds=tuple(kind for kind, box in channel_boxes.items() if box.isChecked()),
        accounts=tuple(ui.accountCombo.currentData() or ()),
        words=split_list(ui.wordsEdit.text()),
        tags=split_list(ui.tagsEdit.text()),
        negative=ui.negativeCheck.isChecked(),
        min_value=spent_at_least(ui.spentEdit.text()),
        assign=ui.assignCombo.currentData(),
        labels=split_list(ui.labelsEdit.text()),
        enabled=enabled,
    )
