"""A store whose pages are broken (a disk fault, a copy cut short): say so plainly and offer
to put the newest daily backup back, keeping the damaged file.

Damage shows in one of two ways. Broken pages the store needs to open at all stop the
start, and the offer comes at once. Broken pages elsewhere let the store open, and
show only when some work reads them (a job fails with StoreDamaged): the window then
says so and remembers it, and the next start checks the whole file (SQLite's
quick_check, in a worker) before making the same offer. A shop owner meets this after
a crash, without the command line at hand; the same restore is `inbox-app restore FILE`.

The owner can also put any backup back while working (File → Restore a backup…): after a
mistake, to go back to the morning's store. The store it replaces is kept first.
"""

from __future__ import annotations

import glob
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from inbox_app.gui.jobs import Jobs
from inbox_app.store import StoreDamaged

RESTORE_TEXT = "Restore the backup"
OPEN_TEXT = "Open it as it is"
QUIT_TEXT = "Quit"
KEEP_WORKING_TEXT = "Keep working"
RESTORED, OPEN, QUIT = "restored", "open", "quit"
ANOTHER_FILE = "Another file…"


def backup_moment(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%a %d %b %Y, %H:%M")


def in_worker(text: str, work: Callable[[], Any], parent: QWidget | None = None
              ) -> tuple[Any, Exception | None]:
    """Runs `work()` in a pool thread behind a modal progress dialog: (result, None) or
    (None, error). Before the window is up, or with its timers and polling paused."""
    jobs = Jobs("")
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    outcome: list[tuple[Any, Exception | None]] = []
    loop = QEventLoop()

    def finished(result: Any, error: Exception | None) -> None:
        outcome.append((result, error))
        loop.quit()

    jobs.run(work, lambda result: finished(result, None),
             lambda error: finished(None, error), with_store=False)
    if not outcome:
        loop.exec()
    progress.close()
    jobs.close()
    return outcome[0]


def check_pages(location: str, parent: QWidget | None = None) -> StoreDamaged | None:
    """The whole store file checked page by page (a worker): None when it is sound."""
    from inbox_app.backup import check_pages as problem_in
    from inbox_app.store.sqlite_file import damaged

    problem, error = in_worker("Checking the store…", lambda: problem_in(location), parent)
    if error is not None:
        return damaged(location, str(error))
    return None if problem is None else damaged(location, problem)


def ask(error: StoreDamaged, parent: QWidget | None = None, *, can_open: bool = False) -> str:
    """Shows what is wrong; RESTORED's wish (the newest backup), OPEN or QUIT."""
    box = QMessageBox(QMessageBox.Icon.Critical, "The store is damaged", str(error), parent=parent)
    open_anyway = box.addButton(OPEN_TEXT, QMessageBox.ButtonRole.ActionRole) if can_open else None
    if error.newest_backup is None or error.location is None:
        box.addButton(QUIT_TEXT, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return OPEN if open_anyway is not None and box.clickedButton() is open_anyway else QUIT
    box.setText(f"{error.location} is damaged" + (":" if can_open else
                                                  " and cannot be opened."))
    box.setInformativeText(
        f"The newest backup is from {backup_moment(Path(error.newest_backup))}. Restoring it "
        "keeps the damaged file in the backups folder; what reached the inbox since the backup "
        "is read again from the accounts whose servers still have it.")
    box.setDetailedText(str(error))
    restore = box.addButton(RESTORE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QUIT_TEXT, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RESTORED
    return OPEN if open_anyway is not None and clicked is open_anyway else QUIT


def recover(error: StoreDamaged, parent: QWidget | None = None, *, can_open: bool = False
            ) -> str:
    """RESTORED once the newest backup is in place of the damaged store, OPEN when the person
    chose to open it as it is, QUIT otherwise."""
    from inbox_app.backup import restore

    choice = ask(error, parent, can_open=can_open)
    if choice != RESTORED:
        return choice
    location, backup = str(error.location), str(error.newest_backup)
    _kept, problem = in_worker("Restoring the backup…", lambda: restore(location, backup), parent)
    if problem is not None:
        QMessageBox.critical(parent, "The backup could not be restored", str(problem))
        return QUIT
    return RESTORED


def tell_damaged(error: StoreDamaged, parent: QWidget) -> bool:
    """Said once in a session, when work met broken pages: True when the person chose to
    quit now (the next start checks the store and offers its newest backup)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "The store is damaged",
                      f"{error.location} is damaged: part of it cannot be read.", parent=parent)
    box.setInformativeText(
        "Quit and start Inbox again: it checks the store and offers to restore its newest "
        "backup, if there is one. What you keep working on now may not be saved.")
    box.setDetailedText(str(error))
    quit_now = box.addButton("Quit now", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(KEEP_WORKING_TEXT, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_now)
    box.exec()
    return box.clickedButton() is quit_now


def restorable(location: str) -> list[tuple[Path, str]]:
    """The backups a store can go back to, newest first, each with what it is: the daily
    ones and the copies kept by a restore (which undo it). Damaged copies are not."""
    from inbox_app.backup import automatic_backups, backups_folder

    found = [(path, "daily backup") for path in automatic_backups(location)]
    folder = backups_folder(location)
    found += [(path, "the store as it was before a restore")
              for path in folder.glob(f"{glob.escape(Path(location).stem)}-before-restore-*.db")]
    return sorted(found, key=lambda item: item[0].stat().st_mtime, reverse=True)


def choose_backup(location: str, parent: QWidget) -> Path | None:
    """Asks which backup to put back: one of this store's, or any file."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from inbox_app.backup import backups_folder

    found = restorable(location)
    items = [f"{backup_moment(path)} — {what}, {path.stat().st_size / 1e6:.1f} MB"
             for path, what in found] + [ANOTHER_FILE]
    prompt = ("Put the store back as it was at:" if found else
              f"There is no backup of this store in {backups_folder(location)} yet.")
    chosen, ok = QInputDialog.getItem(parent, "Restore a backup", prompt, items, 0, False)
    if not ok:
        return None
    if chosen != ANOTHER_FILE:
        return found[items.index(chosen)][0]
    path, _ = QFileDialog.getOpenFileName(parent, "Restore a backup",
                                          str(backups_folder(location)),
                                          "Inbox stores (*.db);;All files (*)")
    return Path(path) if path else None


def confirm_restore(backup: Path, parent: QWidget) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "Restore a backup",
                      f"Put the store back as it was in {backup.name}"
                      f" ({backup_moment(backup)})?", parent=parent)
    box.setInformativeText(
        "Everything since then — messages, replies, notes, tags — is replaced by the"
        " backup's. The store as it is now is kept in the backups folder first, so this can"
        " be undone by restoring that copy. Messages still on their servers come in again"
        " at the next check.")
    restore = box.addButton(RESTORE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is restore
