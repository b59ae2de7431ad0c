"""The window on a big store: start to queue painted, and applying a filter or a search.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_window.py [--count 200000]

`--floor` also starts a window holding only the queue — the main window's form, the
queue's model and delegate, the store's first page; no sidebar, thread, customer panel,
menus' wiring or anything else the app builds — to show how close to the bare window
even a start that built everything else after the first paint could come.

Builds (once, cached in the temp folder) a store of COUNT synthetic messages through
the import pipeline, then measures:
- from process start to the queue's rows painted on screen, next to a bare PySide6
  window from process start to its 100-row list painted (both programs report the
  moment of that paint on the system-wide monotonic clock, which the parent started);
- `inbox-app --screenshot` from process start to the saved PNG (queue, first
  conversation, sidebar counts all in, then the PNG written), next to the bare window
  saving a PNG the same way;
- in one window: choosing a filter, a channel, and typing a search, each from the
  click to the first page shown.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inbox_app.pipeline import import_jsonl  # noqa: E402
from inbox_app.store import StoreError, open_store  # noqa: E402
from tests.benchmarks.synthetic import write_import_file  # noqa: E402

STAFF = "Maya"
BARE = """
import sys, time
from PySide6.QtCore import QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QListView, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QListView()
view.setModel(QStringListModel([f"Conversation {i}" for i in range(100)]))
window.setCentralWidget(view)
window.resize(1440, 900)
window.show()
if sys.argv[1] == "--painted":
    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, lambda: (print(time.monotonic()), app.exit(0)))
            return False

    probe = Painted()
    view.viewport().installEventFilter(probe)
else:
    QTimer.singleShot(0, lambda: (window.grab().save(sys.argv[1]), app.exit(0)))
sys.exit(app.exec())
"""
# `inbox-app` as its entry point runs it, plus a probe that prints the moment the queue's
# viewport has painted rows (its first paint with the first page in the model) and quits.
APP_PAINTED = """
import gc, sys, time
gc.disable()  # as inbox_app/__main__.py starts
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import inbox_app.gui.main_window as main_window

class Painted(QObject):
    def __init__(self, window):
        super().__init__()
        self.window = window
        window.ui.queueView.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.window.queue_model.rowCount():
            QTimer.singleShot(0, lambda: (print(time.monotonic()), QApplication.instance().exit(0)))
        return False

build = main_window.MainWindow.__init__
def probed(self, *args, **kwargs):
    build(self, *args, **kwargs)
    self._probe = Painted(self)
main_window.MainWindow.__init__ = probed
sys.argv = ["inbox-app", *sys.argv[1:]]
from inbox_app.__main__ import run
sys.exit(run())
"""


# Only what painting the queue's first page needs (the floor of any start of this app).
QUEUE_ONLY = """
import gc, sys, time
gc.disable()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from inbox_app.gui.delegates import QueueDelegate
from inbox_app.gui.forms.ui_main_window import Ui_MainWindow
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.models.queue_model import QueueModel
from inbox_app.store import QueueQuery
app = QApplication(sys.argv[:1])
window = QMainWindow()
ui = Ui_MainWindow()
ui.setupUi(window)
model = QueueModel(Jobs(sys.argv[1], window), window)
ui.queueView.setModel(model)
ui.queueView.setItemDelegate(QueueDelegate(ui.queueView))
model.set_query(QueueQuery())
window.resize(1440, 900)
window.show()

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and model.rowCount():
            QTimer.singleShot(0, lambda: (print(time.monotonic()), app.exit(0)))
        return False

probe = Painted()
ui.queueView.viewport().installEventFilter(probe)
sys.exit(app.exec())
"""


def build_store(count: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"inbox-bench-window-{count}.db"
    if path.exists():
        store = open_store(path)
        try:
            if store.stats()["messages"] >= count:
                return path
        finally:
            store.close()
        path.unlink()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "messages.jsonl"
        write_import_file(source, count)
        store = open_store(path)
        started = time.perf_counter()
        summary = import_jsonl(store, source)
        print(f"built the store: {summary.line()} in {time.perf_counter() - started:.0f} s")
        with contextlib.suppress(StoreError):
            store.add_staff(STAFF)
        store.close()
    return path


def timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def until_painted(command: list[str], runs: int) -> float:
    """Process start to the moment the program printed (on the same monotonic clock)."""
    times = []
    for _ in range(runs):
        started = time.monotonic()
        done = subprocess.run(command, check=True, capture_output=True, cwd=ROOT, text=True)
        times.append(float(done.stdout.split()[-1]) - started)
    return statistics.median(times)


def in_window(path: Path) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from inbox_app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp()
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(str(path), staff=STAFF, settings=settings)
    loop = QEventLoop()
    window.queue_ready.connect(loop.quit)
    window.show()
    QTimer.singleShot(60000, loop.quit)
    loop.exec()
    results = {}

    def measure(name: str, change) -> None:
        wait = QEventLoop()
        window.queue_model.loaded.connect(wait.quit)
        started = time.perf_counter()
        change()
        wait.exec()
        results[name] = time.perf_counter() - started
        window.queue_model.loaded.disconnect(wait.quit)
        while window.jobs.pending:
            app.processEvents()

    measure("filter: Negative", lambda: window.select_key("view:negative"))
    measure("filter: channel Phone", lambda: window.select_key("kind:phone"))
    measure("filter: Everything", lambda: window.select_key("view:all"))
    measure("search 'refund' (typed, after the debounce)",
            lambda: window.ui.searchEdit.setText("refund"))
    measure("search 'subscription holidays'",
            lambda: window.ui.searchEdit.setText("subscription holidays"))
    window.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--floor", action="store_true",
                        help="also a window holding only the queue (see above)")
    args = parser.parse_args()
    path = build_store(args.count)
    store = open_store(path)
    stats = store.stats()
    store.close()
    out = Path(tempfile.mkdtemp())
    # pip compiles an installed package's bytecode; a source tree under
    # PYTHONDONTWRITEBYTECODE would recompile all of inbox_app on every start instead.
    compileall.compile_dir(ROOT / "inbox_app", quiet=1)
    app = ["--db", str(path), "--as", STAFF]
    painted = until_painted([sys.executable, "-c", APP_PAINTED, *app], args.runs)
    bare_painted = until_painted([sys.executable, "-c", BARE, "--painted"], args.runs)
    floor = until_painted([sys.executable, "-c", QUEUE_ONLY, str(path)], args.runs) \
        if args.floor else None
    app_seconds = timed([sys.executable, "-m", "inbox_app", *app,
                         "--screenshot", str(out / "app.png")], args.runs)
    bare_seconds = timed([sys.executable, "-c", BARE, str(out / "bare.png")], args.runs)
    print(f"store: {stats['messages']:,} messages, {stats['conversations']:,} conversations"
          f"  (medians of {args.runs} starts)")
    print(f"start to the queue's rows painted:    {painted:.2f} s"
          f"  bare PySide6 window to its list painted: {bare_painted:.2f} s"
          f"  ({painted / bare_painted:.1f}x)")
    if floor is not None:
        print(f"a window holding only the queue:      {floor:.2f} s"
              f"  ({floor / bare_painted:.1f}x the bare window)")
    print(f"start to --screenshot saved:          {app_seconds:.2f} s"
          f"  bare window, same steps: {bare_seconds:.2f} s  ({app_seconds / bare_seconds:.1f}x)")
    for name, seconds in in_window(path).items():
        print(f"{name:<45} {seconds * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
