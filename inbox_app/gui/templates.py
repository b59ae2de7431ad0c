"""Templates (canned replies): a dialog to write them, and a picker in the composer.

The picker filters as you type; Enter inserts the chosen template with its
placeholders filled for the open conversation (see core/templates.py). A template naming a
placeholder this version cannot fill is shown with what to fix, never inserted.

Both show the first lines of a template filled in (a returns policy of sixty lines
pushed the dialogs' buttons below a laptop's screen). Two people may edit one template
at once: a save over a colleague's change made since the template was opened, or over
one they deleted meanwhile, is refused once with what happened; saving again is
deliberate and goes through. Words typed and not saved yet are not dropped: choosing another
template (or New template) keeps them aside until that one is chosen again, and Close
names what is unsaved once before a second Close lets it go.
"""

from __future__ import annotations

import html
from itertools import pairwise

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox, QToolButton, QWidget

from inbox_app.core.templates import (
    PLACEHOLDERS,
    TemplateError,
    TemplateValues,
    check_placeholders,
    check_template,
    fill,
)
from inbox_app.core.text import plural
from inbox_app.gui.forms.ui_template_picker import Ui_TemplatePicker
from inbox_app.gui.forms.ui_templates_dialog import Ui_TemplatesDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.models.template_model import Template, TemplateModel, TemplateRole
from inbox_app.gui.theme import repolish, show_message
from inbox_app.gui.widgets import FittedDialog
from inbox_app.store import NotFound, Store, StoreError

SAMPLE = TemplateValues(customer_name="Ann Lee", business="Your business", staff="You")
PREVIEW_LINES = 8
PREVIEW_CHARACTERS = 600
NEW_BODY = "Hi {first_name},\n\n\n\n{staff} at {business}"


class TemplateChangedMeanwhile(StoreError):
    """Someone else saved the template since this dialog read it; `name` and `body` are
    theirs."""

    def __init__(self, name: str, body: str):
        super().__init__("Someone else changed this template since you opened it; Save again"
                         " to replace their text with yours.")
        self.name, self.body = name, body


class TemplateDeletedMeanwhile(StoreError):
    def __init__(self) -> None:
        super().__init__("Someone else deleted this template since you opened it; Save again"
                         " to keep your text as a new template.")


def load_templates(store: Store) -> list[Template]:
    return [Template.from_row(row) for row in store.list_templates()]


def save_unless_changed(store: Store, name: str, body: str, template_id: int | None,
                        seen: tuple[str, str] | None) -> int:
    """Saves the template, unless the stored one is no longer the (name, body) `seen`."""
    if template_id is not None and seen is not None:
        stored = next((row for row in store.list_templates() if row["id"] == template_id),
                      None)
        if stored is None:
            raise TemplateDeletedMeanwhile()
        if (stored["name"], stored["body"]) != seen:
            raise TemplateChangedMeanwhile(stored["name"], stored["body"])
    try:
        return store.save_template(name, body, template_id=template_id)
    except NotFound:
        raise TemplateDeletedMeanwhile() from None


def unfillable(template: Template) -> str:
    """Why the template cannot be inserted ("" when it can): one saved by a newer version
    on a shared store, or written into the store by hand, may name a placeholder this
    version does not fill, and a raw "{order_number}" must not reach a customer."""
    try:
        check_placeholders(template.body)
    except TemplateError as error:
        return f"This template cannot be inserted as it is: {error} Fix it under Manage" \
            " templates…"
    return ""


def _preview_html(text: str) -> str:
    """The first lines of the filled template: enough to check the placeholders, never
    so many that the dialog outgrows the screen."""
    lines = text.split("\n")
    shown = "\n".join(lines[:PREVIEW_LINES])
    more = len(lines) - min(len(lines), PREVIEW_LINES)
    if len(shown) > PREVIEW_CHARACTERS:
        shown = shown[:PREVIEW_CHARACTERS].rstrip() + "…"
    preview = html.escape(shown).replace("\n", "<br>")
    if more:
        preview += f"<br><i>… {plural(more, 'more line')}</i>"
    return preview


class TemplatesDialog(FittedDialog):
    """Create, edit and delete templates. Signals: changed() after a save or delete."""

    changed = Signal()

    def __init__(self, jobs: Jobs, values: TemplateValues | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_TemplatesDialog()
        self.ui.setupUi(self)
        repolish(self)
        self.jobs = jobs
        self.values = values or SAMPLE
        self.editing: int | None = None
        self.seen: tuple[str, str] | None = None  # the edited template as stored when read
        self.model = TemplateModel(self)
        ui = self.ui
        ui.templateList.setModel(self.model)
        ui.templateList.selectionModel().currentChanged.connect(self._on_current)
        ui.filterEdit.textChanged.connect(self._on_filter)
        ui.newButton.clicked.connect(lambda: self.start_new(ask=True))
        ui.deleteButton.clicked.connect(self.delete_current)
        ui.saveButton.clicked.connect(self.save)
        # Unsaved words of templates not in the editor, by template (None: a new one).
        self.set_aside: dict[int | None, tuple[str, str]] = {}
        self._told_unsaved = False  # Close named what is unsaved; Close again lets it go
        ui.nameEdit.textChanged.connect(self._on_typed)
        ui.bodyEdit.textChanged.connect(self._update_preview)
        inserts = []
        for key, meaning in PLACEHOLDERS.items():
            button = QToolButton(self)
            button.setText("{" + key + "}")
            button.setToolTip(f"Insert {meaning}")
            button.setAccessibleName(f"Insert {meaning}")  # not "left brace first…"
            button.setProperty("role", "chip")
            button.clicked.connect(lambda _c=False, k=key: self._insert_placeholder(k))
            ui.placeholderRow.insertWidget(ui.placeholderRow.count() - 1, button)
            inserts.append(button)
        # Tab reaches the buttons where they are, under the text, not after Save.
        chain = [ui.bodyEdit, *inserts, ui.closeButton, ui.saveButton]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        repolish(self)
        self.start_new()
        self.reload()

    # Loading

    def reload(self, select: int | None = None) -> None:
        self.jobs.run(load_templates, lambda found: self._on_loaded(found, select))

    def _on_loaded(self, templates: list[Template], select: int | None) -> None:
        self.model.set_templates(templates)
        self.ui.deleteButton.setEnabled(False)
        if select is not None:
            row = self.model.row_of(select)
            if row is not None:
                self.ui.templateList.setCurrentIndex(self.model.index(row))
        elif self.model.rowCount() and self.editing is None and not self.ui.nameEdit.text():
            self.ui.templateList.setCurrentIndex(self.model.index(0))

    def _on_filter(self, text: str) -> None:
        """Filters the list; the template being written stays chosen while it is listed
        (nothing is chosen otherwise, so Delete cannot hit another one)."""
        self.model.set_filter(text)
        row = self.model.row_of(self.editing) if self.editing is not None else None
        self.ui.templateList.setCurrentIndex(self.model.index(row) if row is not None
                                             else QModelIndex())
        self.ui.deleteButton.setEnabled(row is not None)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        template: Template | None = current.data(TemplateRole.TEMPLATE) if current.isValid() \
            else None
        self.ui.deleteButton.setEnabled(template is not None)
        if template is None or template.id == self.editing and self.seen is not None:
            return  # already in the editor, perhaps changed: not to be read over
        left = self._set_aside()
        self.editing = template.id
        self.seen = (template.name, template.body)
        self._show_words(*self.set_aside.pop(template.id, (template.name, template.body)),
                         left=left)

    # Editing

    def unsaved(self) -> bool:
        """Words typed in the editor that are not what is stored (or, for a new template,
        not the empty start)."""
        typed = (self.ui.nameEdit.text().strip(), self.ui.bodyEdit.toPlainText().strip())
        return typed != (self.seen or ("", NEW_BODY.strip()))

    def _set_aside(self) -> str:
        """Keeps the editor's unsaved words for when their template is chosen again;
        returns the sentence saying so ("" when nothing was unsaved)."""
        if not self.unsaved():
            self.set_aside.pop(self.editing, None)
            return ""
        self.set_aside[self.editing] = (self.ui.nameEdit.text(), self.ui.bodyEdit.toPlainText())
        if self.editing is None:
            return "The new template you were writing waits: New template brings it back."
        return (f"Your unsaved changes to “{self.seen[0] if self.seen else ''}” wait until you"
                " choose it again.")

    def _show_words(self, name: str, body: str, *, left: str) -> None:
        self.ui.nameEdit.setText(name)
        self.ui.bodyEdit.setPlainText(body)
        self._show_problem(left)

    def _unsaved_names(self) -> list[str]:
        kept = [(key, name.strip() or "the new template")
                for key, (name, _body) in self.set_aside.items() if key != self.editing]
        if self.unsaved():
            kept.append((self.editing, self.ui.nameEdit.text().strip() or "the new template"))
        return [name for _key, name in kept]

    def _on_typed(self) -> None:
        self._told_unsaved = False  # new words: to be told of again
        self._show_problem("")

    def done(self, result: int) -> None:
        """Closing (Close, Escape, the window's ✕) names what is unsaved first, once (as
        Save again replaces a colleague's change: no box that stops everything)."""
        unsaved = self._unsaved_names()
        if unsaved and not self._told_unsaved:
            listed = ", ".join(f"“{name}”" if name != "the new template" else name
                               for name in unsaved)
            self._show_problem(f"Not saved: {listed}. Save template keeps them; Close again"
                               " lets them go.")
            self._told_unsaved = True
            return
        self.set_aside.clear()
        super().done(result)

    def start_new(self, *, ask: bool = False) -> None:
        """An empty template to write (or the new one set aside before); `ask`: pressed
        by the person, so unsaved words in the editor are set aside first."""
        if ask and self.editing is None and self.unsaved():
            self.ui.nameEdit.setFocus()  # a new one is being written: it is the new one
            return
        left = self._set_aside() if ask else ""
        self.editing = None
        self.seen = None
        self.ui.templateList.selectionModel().clearSelection()
        self.ui.templateList.selectionModel().setCurrentIndex(
            QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        self._show_words(*self.set_aside.pop(None, ("", NEW_BODY)), left=left)
        self.ui.nameEdit.setFocus()

    def _insert_placeholder(self, key: str) -> None:
        self.ui.bodyEdit.insertPlainText("{" + key + "}")
        self.ui.bodyEdit.setFocus()

    def _update_preview(self) -> None:
        body = self.ui.bodyEdit.toPlainText()
        self.ui.previewLabel.setText(_preview_html(fill(body, self.values)))
        self._on_typed()

    def _show_problem(self, text: str) -> None:
        show_message(self.ui.problemLabel, text)

    def save(self) -> None:
        name, body = self.ui.nameEdit.text().strip(), self.ui.bodyEdit.toPlainText().strip()
        try:
            check_template(name, body)
        except TemplateError as error:
            self._show_problem(str(error))
            (self.ui.nameEdit if not name else self.ui.bodyEdit).setFocus()
            return
        editing, seen = self.editing, self.seen
        self.ui.saveButton.setEnabled(False)
        self.jobs.run(lambda store: save_unless_changed(store, name, body, editing, seen),
                      lambda template_id: self._on_saved(template_id, name, body),
                      self._on_failed)

    def _on_saved(self, template_id: int, name: str, body: str) -> None:
        self.ui.saveButton.setEnabled(True)
        self.editing = template_id
        self.seen = (name, body)  # a second Save before the list is read back is no clash
        self.changed.emit()
        self.reload(select=template_id)

    def _on_failed(self, error: Exception) -> None:
        self.ui.saveButton.setEnabled(True)
        if not isinstance(error, StoreError):
            self.jobs.failed.emit(error, "")
            return
        if isinstance(error, TemplateChangedMeanwhile):
            self.seen = (error.name, error.body)  # Save again: replacing theirs is meant
        elif isinstance(error, TemplateDeletedMeanwhile):
            self.editing, self.seen = None, None
            self.reload()
        self._show_problem(str(error))

    def delete_current(self, *, confirm: bool = True) -> None:
        index = self.ui.templateList.currentIndex()
        template: Template | None = index.data(TemplateRole.TEMPLATE) if index.isValid() \
            else None
        if template is None:
            return
        if confirm and QMessageBox.question(
            self, "Delete template", f"Delete the template “{template.name}”?",
        ) != QMessageBox.StandardButton.Yes:
            return
        self.jobs.run(lambda store: store.delete_template(template.id),
                      lambda _r: self._on_deleted(template.id), self._on_failed)

    def _on_deleted(self, template_id: int) -> None:
        self.set_aside.pop(template_id, None)
        self.changed.emit()
        self.start_new(ask=self.editing != template_id)
        self.reload()


class TemplatePicker(FittedDialog):
    """Filter-as-you-type list of templates; `chosen_text` is the filled template.

    Signals: manage_requested() when "Manage templates…" is pressed.
    """

    manage_requested = Signal()

    def __init__(self, jobs: Jobs, values: TemplateValues, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_TemplatePicker()
        self.ui.setupUi(self)
        self.values = values
        self.chosen_text = ""
        self.model = TemplateModel(self)
        ui = self.ui
        ui.templateList.setModel(self.model)
        ui.templateList.selectionModel().currentChanged.connect(lambda *_: self._preview())
        ui.templateList.doubleClicked.connect(lambda _i: self.choose())
        ui.filterEdit.textChanged.connect(self._on_filter)
        ui.filterEdit.installEventFilter(self)
        ui.insertButton.clicked.connect(self.choose)
        ui.manageButton.clicked.connect(self._manage)
        ui.insertButton.setEnabled(False)
        self.loaded = False
        jobs.run(load_templates, self._on_loaded)

    def _on_loaded(self, templates: list[Template]) -> None:
        self.loaded = True
        self.model.set_templates(templates)
        self._select_first()
        if not templates:
            self.ui.previewLabel.setText(
                "No templates yet: Manage templates… writes your first one.")

    def _on_filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._select_first()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.ui.templateList.setCurrentIndex(self.model.index(0))
        self._preview()

    def _current(self) -> Template | None:
        index = self.ui.templateList.currentIndex()
        return index.data(TemplateRole.TEMPLATE) if index.isValid() else None

    def _preview(self) -> None:
        template = self._current()
        self.ui.insertButton.setEnabled(template is not None)
        if template is None:
            if self.loaded and self.model.total:
                self.ui.previewLabel.setText("No template matches.")
            return
        problem = unfillable(template)
        self.ui.insertButton.setEnabled(not problem)
        self.ui.previewLabel.setText(html.escape(problem) if problem
                                     else _preview_html(fill(template.body, self.values)))

    def choose(self) -> None:
        template = self._current()
        if template is None or unfillable(template):
            return
        self.chosen_text = fill(template.body, self.values)
        self.accept()

    def _manage(self) -> None:
        self.reject()
        self.manage_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down move through the list while the filter keeps the focus."""
        if watched is self.ui.filterEdit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                view = self.ui.templateList
                row = view.currentIndex().row() + (1 if key_event.key() == Qt.Key.Key_Down
                                                   else -1)
                if 0 <= row < self.model.rowCount():
                    view.setCurrentIndex(self.model.index(row))
                return True
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose()
                return True
        return super().eventFilter(watched, event)
