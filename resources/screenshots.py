"""Takes the README's screenshots: `xvfb-run -a -s "-screen 0 1600x1000x24" python
resources/screenshots.py [OUT_DIR]` (default resources/screenshots/).

Builds a fresh demo store, opens the window as a person would, picks a lively
conversation (an email thread with a reply, from a tagged customer), and saves:
main.png, conversation.png, composer.png and dark.png.
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
from inbox_app.store import QueueQuery, open_store  # noqa: E402


def settle(window, ms: int = 400) -> None:
    """Lets jobs report and the window paint (a script, not a test)."""
    loop = QEventLoop()
    while True:
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        if window.jobs.pending == 0:
            return


def pick_conversation(location: str) -> int:
    store = open_store(location)
    try:
        best = None
        for row in store.queue(QueueQuery(filter="open", kind="email", limit=200)):
            customer = store.get_customer(row.customer_id) if row.customer_id else None
            if customer is None:
                continue
            messages = store.messages(row.conversation_id)
            score = (len(customer.tags) > 0) * 4 + (customer.value is not None) * 2 + min(
                len(messages), 4) + any(m.direction == "out" for m in messages) * 3 + (
                row.sentiment is not None and row.sentiment < -0.05) * 2
            if best is None or score > best[0]:
                best = (score, row.conversation_id)
        return best[1]
    finally:
        store.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="inbox-shots-"))
    location = str(folder / "demo.db")
    store = open_store(location)
    demo.fill(store)
    store.close()
    app = QApplication([])
    app.setOrganizationName("inbox_app-screenshots")
    gui_app.choose_font(app)
    theme.apply(app, "light")
    from inbox_app.gui.main_window import MainWindow

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(location, staff=demo.STAFF[0], settings=settings, theme_mode="light")
    window.resize(1440, 900)
    window.show()
    settle(window, 800)
    window.grab().save(str(out / "main.png"))

    target = pick_conversation(location)
    window.open_conversation(target)
    settle(window)
    window.grab().save(str(out / "conversation.png"))

    composer = window.conversation.ui.composerEdit
    composer.setPlainText(
        "Hi! So sorry about the wait — I've just checked with the courier and your parcel is"
        " at the local depot. It goes out on the first van tomorrow morning, and I've added a"
        " free bag of Lighthouse blend for the trouble.\n\nMaya at Harbour Lane")
    composer.setFocus()
    settle(window)
    window.grab().save(str(out / "composer.png"))
    composer.clear()

    window.state.set_theme("dark")
    settle(window)
    window.grab().save(str(out / "dark.png"))
    window.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
