"""What the main window opens beside itself: the first-run welcome and the demo shop,
the dialogs of the menus (accounts, templates, settings, calls) and the exports.

A mixin of MainWindow (gui/main_window.py), which holds the queue, the conversation and
what keeps them current; these only start a dialog or a job and report its outcome.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from inbox_app.gui.local_drafts import LocalDrafts
from inbox_app.store import StoreError, data_dir, display_location

KEEP_OPEN_TEXT = "Keep the window open"
CLOSE_LOSING_TEXT = "Close anyway"
BACKUP_CHECK_MS = 3600 * 1000
EXPORT_FILTERS = {"csv": "CSV files (*.csv)", "vcard": "vCard files (*.vcf)"}


def export_folder():
    """Where an export is offered: the Documents folder, where people look for what they
    saved (the home folder when there is none)."""
    from pathlib import Path

    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class WindowDialogs:
    """The main window's start-up chores, dialogs and exports (see the module docstring)."""

    # Start-up chores: the daily backup, the first-run welcome

    def _start_background_chores(self) -> None:
        from inbox_app.gui.welcome import is_first_run

        if not self.demo:  # a made-up shop that is not kept has nothing worth a backup
            self.back_up_if_due()
            # A shop's laptop may keep the window open for days: each new day has its
            # backup all the same (asked every hour; nothing is done once today's is made).
            self.backup_timer = QTimer(self, interval=BACKUP_CHECK_MS)
            self.backup_timer.timeout.connect(self.back_up_if_due)
            self.backup_timer.start()
        if self.welcome_enabled and not self.demo:
            self.jobs.run(is_first_run, lambda empty: self.show_welcome() if empty else None)

    def back_up_if_due(self) -> None:
        """Today's automatic backup, in the pool, unless one was made today."""
        from inbox_app.backup import backup_if_due

        def backed_up(made) -> None:
            # By the way only: never over what the status bar is saying (a reply refused).
            if made is not None and not self.statusBar().currentMessage():
                self.show_status(f"Today's backup is in {made.parent}.")

        if not self.read_only:
            self.jobs.run(backup_if_due, backed_up,
                          lambda error: self.show_problem(f"The daily backup failed: {error}"))

    def _on_store_damaged(self, error) -> None:
        """Work met broken pages in the store: remembered, so that the next start checks it
        and offers the newest backup; said once, with the choice to quit now."""
        from inbox_app.gui import recovery
        from inbox_app.gui.app import remember_damage

        if self.demo or self.told_damaged:
            return
        self.told_damaged = True
        remember_damage(self.state.settings, self.location)
        if recovery.tell_damaged(error, self):
            self.close()

    def close_losing_drafts(self, lost: dict) -> bool:
        """Drafts neither the store nor this computer could take (a full disk): the
        window stays open unless the owner says to close and lose them."""
        from PySide6.QtWidgets import QMessageBox

        count = len(lost)
        drafts = "draft" if count == 1 else f"{count} drafts"
        box = QMessageBox(QMessageBox.Icon.Warning, "Drafts not saved",
                          f"Your {drafts} could not be saved, in the store or on this"
                          " computer (is the disk full?). Closing now loses what you typed."
                          " Keep the window open, free some space, then close again — or"
                          " copy the text from Show Details first.", parent=self)
        box.setDetailedText("\n\n".join(lost.values()))
        keep = box.addButton(KEEP_OPEN_TEXT, QMessageBox.ButtonRole.RejectRole)
        box.addButton(CLOSE_LOSING_TEXT, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        self.last_dialog = box
        box.exec()
        return box.clickedButton() is not keep

    # Restoring a backup while working

    def restore_backup(self) -> None:
        """File → Restore a backup…: the store goes back to a backup's moment."""
        from inbox_app.gui import recovery
        from inbox_app.store import is_postgres

        if self.demo or is_postgres(self.location):
            self.show_problem("The demo shop has no backups." if self.demo else
                              "A shared PostgreSQL store is restored on its server"
                              " (pg_restore).")
            return
        chosen = recovery.choose_backup(self.location, self)
        if chosen is not None:
            self.restore_from(chosen)

    def restore_from(self, backup) -> None:
        """Puts `backup` in place of the store after asking; the window then shows it."""
        from inbox_app.backup import restore
        from inbox_app.gui import recovery

        if not recovery.confirm_restore(backup, self):
            return
        composer = self.conversation.composer
        composer.send_held_now()  # into the store it was written for, before it is replaced
        if composer.save_all_and_wait():  # drafts the store could not take: keep them
            self.show_problem("Some drafts could not be saved; free some space first.")
            return
        self._show(None)  # nothing typed from now on may land in the restored store
        self.stop_timed_work()
        self.live.stop(timeout=1.0)
        location, poller, jobs = self.location, self.poller, self.jobs

        def work():
            # A poll still running would write its cursor, newer than the backup's, into
            # the restored store, and the messages in between would never come again.
            poller.wait()
            jobs.wait()
            return restore(location, backup)

        kept, error = recovery.in_worker("Restoring the backup…", work, self)
        if not self.read_only:
            self.start_timed_work()
        self._show_replaced_store()
        self._dashboard_changed()
        if error is not None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(self, "The backup could not be restored", str(error))
            return
        self.show_status(f"Restored {backup.name}"
                         + (f"; the store as it was is kept as {kept.name}." if kept else "."))

    def show_welcome(self) -> None:
        from inbox_app.gui.welcome import CHANNEL, DEMO, WelcomeDialog

        self.first_run.emit()
        dialog = WelcomeDialog(self.jobs, self)
        self.last_dialog = dialog

        def finished(choice: str, me: str) -> None:
            if me:
                self.set_staff(me)
            if choice == CHANNEL:
                QTimer.singleShot(0, self.show_accounts)
            elif choice == DEMO:
                self.open_demo()
            else:
                self.refresh_all()

        dialog.finished_setup.connect(finished)
        dialog.open()

    def open_demo(self) -> None:
        """Switches this window to a freshly generated demo store in a temporary folder."""
        from inbox_app import demo

        self.show_status("Building the demo shop…")
        self.poll_progress.show()
        self.jobs.run(demo.create_store, self._switch_to_demo, with_store=False)

    def _switch_to_demo(self, location: str) -> None:
        from inbox_app import demo

        self.poll_progress.hide()
        self.demo = True
        self.location = location
        self.jobs.location = location
        self.local_drafts = LocalDrafts(data_dir(), display_location(location))
        self.conversation.composer.drafts.local_drafts = self.local_drafts
        self.offline.watch()
        from inbox_app.gui.app import DEMO_LABEL  # as a --demo start says it; this one was cut

        self.store_label.setText(DEMO_LABEL)
        self.setWindowTitle("Inbox — demo shop")
        self.staff = demo.STAFF[0]
        self.conversation.set_staff(self.staff)
        self.customer.staff = self.staff
        self.state.refresh_staff_button()
        self._show_replaced_store()
        self.notifier.check()
        self.store_switched.emit(location)
        self.show_status("This is the demo shop; quit and start again for your own inbox.")

    def _show_replaced_store(self) -> None:
        """Another store (the demo) or the same one put back to a backup: nothing the
        window remembers of the old contents holds — merges to undo, the newest message
        seen, the change subscription, the queue and the counts."""
        self.merging.undo_stack.clear()
        self._update_undo_action()
        self.notifier.last_message_id = None
        self.live.restart_in(self.jobs)
        if getattr(self, "dashboard", None) is not None:  # Insights counted the old store
            self.dashboard.store_location = self.location
            self.dashboard.store_changed()
        self.apply_query()
        self.refresh_sidebar()

    # Dialogs

    def show_accounts(self) -> None:
        from inbox_app.gui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.jobs, staff=self.staff, parent=self,
                                push=self.poller.push)
        self.last_dialog = dialog
        dialog.changed.connect(self.refresh_sidebar)
        # An alias added is the shop's own: no longer named as someone the reply copies in.
        dialog.changed.connect(self.conversation.composer.recipients.refresh)
        # A new account can be checked at once, but not while a check runs or offline.
        dialog.changed.connect(lambda: self.ui.actionPoll.setEnabled(
            self.poller.available and not self.poller.running and not self.read_only))
        dialog.open()

    def template_values(self):
        from inbox_app.core.templates import TemplateValues

        conversation = self.current_conversation()
        return TemplateValues(customer_name=conversation.customer_name if conversation else "",
                              business=self.business_name, staff=self.staff or "")

    def show_templates(self) -> None:
        from inbox_app.gui.templates import TemplatesDialog

        dialog = TemplatesDialog(self.jobs, self.template_values(), self)
        self.last_dialog = dialog
        dialog.open()

    def show_rules(self) -> None:
        from inbox_app.gui.rules_dialog import RulesDialog

        dialog = RulesDialog(self.jobs, staff=self.staff, parent=self)
        self.last_dialog = dialog
        dialog.changed.connect(self.refresh_all)
        dialog.open()

    def insert_template(self) -> None:
        """Ctrl+T: pick a template and put it, filled, into the composer."""
        from inbox_app.gui.templates import TemplatePicker

        composer = self.conversation.composer
        if self.current_id() is None or self.actions_.several_selected("answer it"):
            return
        shown = self.current_conversation()
        if shown is None or composer.conversation_id != shown.id:
            # Moved on in the queue, and the next one not shown yet: the reply box is still
            # the last conversation's, and the template would go there, filled for nobody.
            self.show_status("The conversation is still opening: press Ctrl+T again once it"
                             " shows.")
            return
        if composer.answered_elsewhere and not composer.note_mode:
            self.show_problem("Feed items are answered on their own site; open the original.")
            return
        picker = TemplatePicker(self.jobs, self.template_values(), self)
        self.last_dialog = picker
        picker.manage_requested.connect(self.show_templates)

        def chosen(result: int) -> None:
            if result and picker.chosen_text:
                composer.insert_text(picker.chosen_text)

        picker.finished.connect(chosen)
        picker.open()
        picker.ui.filterEdit.setFocus()

    def show_settings(self) -> None:
        from inbox_app.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        self.last_dialog = dialog
        dialog.saved.connect(self.refresh_all)
        dialog.theme_chosen.connect(self.state.set_theme)
        dialog.open()

    def log_call(self) -> None:
        from inbox_app.gui.calls import CallDialog

        dialog = CallDialog(self.jobs, staff=self.staff, parent=self)
        self.last_dialog = dialog
        dialog.logged.connect(self._on_call_logged)
        dialog.open()

    def _on_call_logged(self, conversation_id: int, line: str) -> None:
        self.show_status(line)
        self.refresh_all()
        self.open_conversation(conversation_id)

    def import_calls(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a call log", "",
                                              "Call logs (*.csv *.txt);;All files (*)")
        if path:
            self.open_call_import(path)

    def open_call_import(self, path: str) -> None:
        from inbox_app.gui.call_import import CallImportDialog

        self._open_import(CallImportDialog(self.jobs, path, staff=self.staff, parent=self))

    def import_customers(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a customer list", "", "Customer lists (*.csv *.txt);;All files (*)")
        if path:
            self.open_customer_import(path)

    def open_customer_import(self, path: str) -> None:
        from inbox_app.gui.customer_import import CustomerImportDialog

        self._open_import(CustomerImportDialog(self.jobs, path, staff=self.staff, parent=self))

    def _open_import(self, dialog) -> None:
        """An import dialog: its summary goes to the status bar and the window refreshes."""
        self.last_dialog = dialog
        dialog.imported.connect(lambda line: (self.show_status(line), self.refresh_all()))
        dialog.open()

    # Exports

    def export(self, what: str, fmt: str) -> None:
        from pathlib import Path

        suffix = ".vcf" if fmt == "vcard" else ".csv"
        suggested = str(export_folder() / f"inbox-{what}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, f"Export {what}", suggested,
                                              EXPORT_FILTERS[fmt])
        if path:
            # A name typed without an ending: a spreadsheet or a phone opens the file by it.
            self.export_to(what, fmt, path if Path(path).suffix else path + suffix)

    def export_to(self, what: str, fmt: str, path: str) -> None:
        from inbox_app import exports

        query = self.build_query() if what == "conversations" else None
        self.poll_progress.show()
        self.show_status(f"Exporting {what}…")

        def work(store) -> int:
            if what == "conversations":
                return exports.export_conversations(store, path, query)
            return exports.export_customers(store, path, fmt)

        def done(count: int) -> None:
            self.poll_progress.setVisible(self.poller.running)
            self.show_status(f"Exported {count:,} {what} to {path}.")

        def failed(error: Exception) -> None:
            self.poll_progress.setVisible(self.poller.running)
            if isinstance(error, StoreError):
                self.show_problem(str(error))
            else:
                self.jobs.failed.emit(error, "")

        self.jobs.run(work, done, failed)
