"""A store whose pages are broken (a disk fault, a copy cut short) when the window starts:
say so plainly and offer to put the newest daily backup back, keeping the damaged file.

A shop owner meets this after a crash, without the command line at hand; the same
restore is `inbox-app restore FILE`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from inbox_app.gui.jobs import Jobs
from inbox_app.store import StoreDamaged

RESTORE_TEXT = "Restore the backup"


def backup_moment(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%a %d %b %Y, %H:%M")


def ask_to_restore(error: StoreDamaged, parent: QWidget | None = None) -> bool:
    """Shows what is wrong; True when the person chose to put the newest backup back."""
    box = QMessageBox(QMessageBox.Icon.Critical, "The store is damaged", str(error), parent=parent)
    if error.newest_backup is None or error.location is None:
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        return False
    box.setText(f"{error.location} is damaged and cannot be opened.")
    box.setInformativeText(
        f"The newest backup is from {backup_moment(Path(error.newest_backup))}. Restoring it "
        "keeps the damaged file in the backups folder; what reached the inbox since the backup "
        "is read again from the accounts whose servers still have it.")
    box.setDetailedText(str(error))
    restore = box.addButton(RESTORE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def restore_newest(error: StoreDamaged, parent: QWidget | None = None) -> str | None:
    """Restores the newest backup in a worker thread (a progress dialog meanwhile); None when
    it worked, else why not."""
    from inbox_app.backup import restore

    location, backup = str(error.location), str(error.newest_backup)
    jobs = Jobs(location)
    progress = QProgressDialog("Restoring the backup…", "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    outcome: list[str | None] = []
    loop = QEventLoop()

    def finished(result: str | None) -> None:
        outcome.append(result)
        loop.quit()

    jobs.run(lambda: restore(location, backup), lambda _kept: finished(None),
             lambda failure: finished(str(failure)), with_store=False)
    if not outcome:
        loop.exec()
    progress.close()
    jobs.close()
    return outcome[0]


def recover(error: StoreDamaged, parent: QWidget | None = None) -> bool:
    """True once the newest backup is back in place of the damaged store."""
    if not ask_to_restore(error, parent):
        return False
    problem = restore_newest(error, parent)
    if problem is not None:
        QMessageBox.critical(parent, "The backup could not be restored", problem)
        return False
    return True
