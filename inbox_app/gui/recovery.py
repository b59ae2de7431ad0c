"""A store whose pages are broken (a disk fault, a copy cut short): say so plainly and offer
to put the newest daily backup back, keeping the damaged file.

Damage shows in one of two ways. Broken pages the store needs to open at all stop the
start, and the offer comes at once. Broken pages elsewhere let the store open, and
show only when some work reads them (a job fails with StoreDamaged): the window then
says so and remembers it, and the next start checks the whole file (SQLite's
quick_check, in a worker) before making the same offer. A shop owner meets this after
a crash, without the command line at hand; the same restore is `inbox-app restore FILE`.
"""

from __future__ import annotations

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


def backup_moment(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%a %d %b %Y, %H:%M")


def in_worker(text: str, work: Callable[[], Any], parent: QWidget | None = None
              ) -> tuple[Any, Exception | None]:
    """Runs `work()` in a pool thread behind a progress dialog: (result, None) or
    (None, error). Used before the window is up, so nothing else waits on the loop."""
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
    from inbox_app.store.sqlite import damaged

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
