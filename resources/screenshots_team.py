"""Takes the team-mode screenshots on a real shared database: `xvfb-run -a -s "-screen 0
1600x1000x24" python resources/screenshots_team.py [OUT_DIR]` (default resources/screenshots/).

Needs Debian's `postgresql` server binaries (as the tests do): starts a throwaway
cluster on 127.0.0.1, fills the demo shop into it, and opens the window through a
TCP proxy. Saves team-take-next.png (after "Take next"), then cuts the proxy —
the server "goes away" — types a reply and saves team-offline.png with the
banner, restores the proxy and waits for the window to come back by itself.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from inbox_app import demo  # noqa: E402
from inbox_app.gui import app as gui_app  # noqa: E402
from inbox_app.gui import theme  # noqa: E402
from inbox_app.store import open_store  # noqa: E402
from tests.pgserver import Databases, PgCluster, TcpProxy, server_binaries  # noqa: E402


def wait_for(ready, limit_ms: int = 30_000, step_ms: int = 100) -> None:
    """Runs the event loop until `ready()` (a script, not a test)."""
    loop = QEventLoop()
    waited = 0
    while not ready():
        if waited >= limit_ms:
            raise SystemExit("screenshots_team.py: the window did not get there in time.")
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()
        waited += step_ms


def quiet(window) -> bool:
    return window.jobs.pending == 0


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    bindir = server_binaries()
    if bindir is None:
        raise SystemExit("screenshots_team.py: install Debian's postgresql package first.")
    cluster = PgCluster(bindir).start()
    proxy = None
    try:
        databases = Databases(cluster.url("postgres"), cluster.url)
        databases.admin.execute('CREATE DATABASE "inbox"')
        store = open_store(cluster.url("inbox"))
        demo.fill(store)
        store.close()
        proxy = TcpProxy(cluster.port)
        # Shown as the shop would see it: the counter PC's address, through the proxy.
        url = f"postgresql://{cluster.user}@127.0.0.1:{proxy.port}/inbox"

        app = QApplication([])
        app.setOrganizationName("inbox_app-screenshots")
        gui_app.choose_font(app)
        theme.apply(app, "light")
        from inbox_app.gui.main_window import MainWindow

        folder = Path(tempfile.mkdtemp(prefix="inbox-team-shots-"))
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(url, staff=demo.STAFF[0], settings=settings, theme_mode="light")
        window.setWindowTitle(gui_app.window_title(url))
        window.resize(1440, 900)
        window.show()
        wait_for(lambda: window.queue_model.rowCount() > 0 and quiet(window))
        window.select_key("view:unassigned")
        wait_for(lambda: quiet(window))

        window.ui.actionTakeNext.trigger()
        wait_for(lambda: window.statusBar().currentMessage().startswith("You took #")
                 and quiet(window))
        window.grab().save(str(out / "team-take-next.png"))

        window.select_key("kind:email")
        wait_for(lambda: window.conversation.conversation_id is not None and quiet(window))
        colleague = open_store(url)  # Theo, at the back office, starts answering it too
        taken = window.conversation.conversation_id
        colleague.save_draft(taken, demo.STAFF[1], "Hi! Quick update on your order: ")
        wait_for(lambda: window.conversation.ui.draftingLabel.isVisible() and quiet(window))
        window.grab().save(str(out / "team-drafting.png"))
        colleague.save_draft(taken, demo.STAFF[1], "")
        colleague.close()
        wait_for(lambda: not window.conversation.ui.draftingLabel.isVisible() and quiet(window))

        proxy.cut()
        window.connection.check_now()
        wait_for(lambda: window.read_only)
        composer = window.conversation.ui.composerEdit
        composer.setPlainText("Hi! I've checked with the roastery: your beans go out on "
                              "tomorrow's first van.\n\nMaya at Harbour Lane")
        composer.setFocus()
        wait_for(lambda: quiet(window))
        window.grab().save(str(out / "team-offline.png"))

        proxy.restore()
        wait_for(lambda: not window.read_only and quiet(window))
        window.close()
        databases.close()
        print(f"team screenshots written to {out}")
        return 0
    finally:
        if proxy is not None:
            proxy.close()
        cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
