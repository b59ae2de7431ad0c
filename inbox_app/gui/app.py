"""Starting the window: the application, the store, who is working, the theme.

`run_window(args)` is what `inbox-app` runs without a command. With `--demo` it
opens a freshly generated demo store in a temporary folder; with
`--screenshot OUT.png` it saves the window once the queue has loaded and exits.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from inbox_app import APP_NAME
from inbox_app.store import (
    DB_ENV,
    NotFound,
    StoreDamaged,
    StoreError,
    data_dir,
    default_location,
    display_location,
    is_postgres,
    open_store,
)

log = logging.getLogger("inbox_app")
SCREENSHOT_TIMEOUT_MS = 120_000
UI_SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005
COLLECTOR_LATEST_MS = 30_000
# Objects made between the collector's youngest runs (Python's default is 700). A poll
# allocates hundreds of thousands (parsed JSON pages) and frees them by reference count;
# at 700, that many allocations set off a full collection every 70,000 of them, each
# walking everything then alive: 35–65 ms of the event loop's time, four times a
# 10,000-mention poll. At 10,000, a young collection walks at most that (~1 ms) and a
# full one comes a fourteenth as often.
YOUNG_COLLECTION = 10_000
NEW_STORE_TEXT = "Start a new store there"
REMEMBERED_STAFF = "staff"  # QSettings: who last worked in the window (gui/window_state.py)
DAMAGE_KEY = "damaged_store"  # QSettings: a store found damaged while working (gui/recovery.py)
DEMO_TITLE = "Inbox — demo shop"
DEMO_LABEL = "Demo shop: made-up customers, not kept"
DEMO_GREETING = ("This is a demo shop with made-up customers; nothing here is kept. Quit and"
                 " start Inbox without --demo to set up your own.")
PREFERRED_FONTS = ("Inter", "Segoe UI", "SF Pro Text", "Cantarell", "Noto Sans", "Ubuntu")


def log_path() -> Path:
    return data_dir() / "inbox-app.log"


def configure_logging() -> None:
    if log.handlers:
        return
    log.setLevel(logging.INFO)
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_path(), encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)


def keep_the_event_loop_moving(window) -> None:
    """Interpreter settings for a responsive window while workers poll, parse and score.

    Every Python slot, paint and model call on the UI thread needs the GIL, and each time a
    busy worker holds it the UI thread waits up to the switch interval; a repaint makes
    hundreds of such calls, so Python's 5 ms became stalls of a quarter second during a big
    poll — 1 ms makes them short. And once the window is up, what exists then (modules, Qt
    wrappers) lives as long as the app: `gc.freeze()` keeps the garbage
    collector's full walks off it (one held the event loop ~90 ms). Later objects are
    collected as usual. Measured by tests/benchmarks/bench_poll_ui.py. The collector itself was
    off during start-up (see __main__) and comes back on here too; the thousand or so
    objects start-up left unreachable stay, frozen — less than a collection would cost.
    """
    sys.setswitchinterval(UI_SWITCH_INTERVAL)
    window.queue_ready.connect(collect_from_now_on, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(COLLECTOR_LATEST_MS, gc.enable)  # a queue that never loads, say


def collect_from_now_on() -> None:
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
    gc.enable()  # off while starting (see __main__)


def install_excepthook(*, headless: bool = False) -> None:
    """Unexpected errors are logged and shown in a dialog (no slot swallows one).
    Headless runs (--screenshot) print the error and exit 1 instead."""

    def hook(kind, error, trace) -> None:
        text = "".join(traceback.format_exception(kind, error, trace))
        log.error("Unexpected error:\n%s", text)
        app = QApplication.instance()
        if headless or app is None:
            print(text, file=sys.stderr)
            if app is not None:
                app.exit(1)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                          f"{error}\n\nThe window keeps running; details are in {log_path()}.")
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def choose_font(app: QApplication) -> None:
    """A preferred family at the design's 10 pt, or larger where the person has set a
    larger system font (a 14 pt desktop should not get 10 pt text in this window)."""
    from inbox_app.gui.theme import DESIGN_POINT_SIZE

    families = set(QFontDatabase.families())
    for family in PREFERRED_FONTS:
        if family in families:
            system_size = app.font().pointSizeF()
            font = QFont(family)
            font.setPointSizeF(max(DESIGN_POINT_SIZE, system_size))
            app.setFont(font)
            return


def prepare_store(args) -> str:
    """The store's location, created and migrated; a demo store is generated first."""
    if getattr(args, "demo", False):
        from inbox_app import demo

        gc.enable()  # generating the demo store is bulk work (the collector was off, see __main__)
        return demo.create_store()
    location = args.db or default_location()
    open_store(location).close()
    return location


def named_store_missing(args) -> str | None:
    """The store file named with --db or INBOX_APP_DB when it is not there: an unplugged
    disk or an unmounted network folder far more often than a wish for a new store (the
    command line refuses it too). The data folder's own store is the app's to make."""
    named = str(args.db or os.environ.get(DB_ENV) or "")
    if not named or is_postgres(named) or getattr(args, "demo", False):
        return None
    path = named.removeprefix("sqlite:")
    if path == ":memory:" or Path(path).expanduser().exists():
        return None
    return path


def new_store_wanted(path: str) -> bool:
    """Asks whether to start a new, empty store at `path`; Quit is the default."""
    from inbox_app.gui.recovery import QUIT_TEXT

    box = QMessageBox(QMessageBox.Icon.Warning, "No store there",
                      f"There is no store at {path}.")
    box.setInformativeText(
        "If it is on a USB disk or a network folder, connect it and start Inbox again."
        " Or start a new, empty store there.")
    new_store = box.addButton(NEW_STORE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    quit_now = box.addButton(QUIT_TEXT, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_now)
    box.exec()
    return box.clickedButton() is new_store


def pick_staff(location: str, args, settings: QSettings) -> str | None:
    """--as, else the remembered person, else (for demos and screenshots) the first
    staff member, else whoever the person says they are."""
    store = open_store(location)
    try:
        staff = [member.name for member in store.list_staff()]
        if args.as_staff:
            try:
                return store.staff_named(args.as_staff).name
            except NotFound as error:
                raise NotOnStaff(str(error)) from None
    finally:
        store.close()
    remembered = settings.value(REMEMBERED_STAFF)
    if remembered and str(remembered) in staff:
        return str(remembered)
    if staff and (args.demo or args.screenshot):
        return staff[0]
    return None


class NotOnStaff(StoreError):
    """`--as NAME` named nobody on the staff list: the store itself is fine."""


def remember_damage(settings: QSettings, location: str) -> None:
    settings.setValue(DAMAGE_KEY, location)
    settings.sync()


def damage_suspected(settings: QSettings, location: str) -> bool:
    return str(settings.value(DAMAGE_KEY) or "") == location


def forget_damage(settings: QSettings) -> None:
    settings.remove(DAMAGE_KEY)
    settings.sync()


def open_for_window(args, settings: QSettings, *, headless: bool) -> tuple[str, str | None] | None:
    """The store's location and who is working, or None after saying why the store cannot
    be opened. A damaged store may be replaced by its newest backup, if the person agrees;
    one found damaged while working last time is checked first (gui/recovery.py)."""
    missing = named_store_missing(args)
    if missing is not None and (headless or not new_store_wanted(missing)):
        print(f"inbox-app: There is no store at {missing}.", file=sys.stderr)
        return None
    for attempt in range(2):
        try:
            location = prepare_store(args)
            if not headless and damage_suspected(settings, location):
                from inbox_app.gui import recovery

                damage = recovery.check_pages(location)
                if damage is not None:
                    choice = recovery.recover(damage, can_open=True)
                    if choice == recovery.QUIT:
                        return None
                forget_damage(settings)
            return location, pick_staff(location, args, settings)
        except StoreDamaged as error:
            print(f"inbox-app: {error}", file=sys.stderr)
            if headless:
                return None
            from inbox_app.gui import recovery

            if attempt == 0 and recovery.recover(error) == recovery.RESTORED:
                continue
            if attempt:
                QMessageBox.critical(None, "Cannot open the store", str(error))
            return None
        except NotOnStaff as error:
            print(f"inbox-app: {error}", file=sys.stderr)
            if not headless:
                QMessageBox.warning(None, "Not on the staff list",
                                    f"{error} Start Inbox without --as to choose who you"
                                    " are, or add them in Settings → Staff.")
            return None
        except StoreError as error:
            print(f"inbox-app: {error}", file=sys.stderr)
            if not headless:
                QMessageBox.critical(None, "Cannot open the store", str(error))
            return None
    return None


def when_settled(window, then) -> None:
    """Calls `then` once the window has nothing left to load (the sidebar's counts, the
    customer) and has painted what came last — what a screenshot should show."""
    jobs = window.jobs

    def after_paint() -> None:
        QTimer.singleShot(0, then)

    if jobs.pending:
        jobs.idle.connect(after_paint, Qt.ConnectionType.SingleShotConnection)
    else:
        after_paint()


def window_title(location: str) -> str:
    """"Inbox — inbox.db", or the shared database's name (never its password)."""
    if is_postgres(location):
        return f"Inbox — {display_location(location).rsplit('/', 1)[-1] or 'shared'} (shared)"
    return f"Inbox — {Path(location).name}"


def _no_display() -> bool:
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def _quiet_offscreen_noise() -> None:
    """The offscreen platform (--screenshot, headless runs) warns for every window that it
    cannot pass size hints on: true of it, and nothing a person can act on. Qt's other
    messages still reach stderr."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode, context, message: str) -> None:
        if message != OFFSCREEN_NOISE:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def run_window(args) -> int:
    if _no_display():
        if not args.screenshot:
            print("inbox-app: there is no display to open the window on; run it in a desktop "
                  "session (or under xvfb-run), or use a command such as `inbox-app queue`.",
                  file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    configure_logging()
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        _quiet_offscreen_noise()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Inbox")
    choose_font(app)
    headless = bool(args.screenshot)
    install_excepthook(headless=headless)
    settings = QSettings()
    if headless or args.demo:  # a screenshot, or a fresh store of its own
        return open_window(app, args, settings, headless=headless, guard=None)
    from inbox_app.gui.single_window import claim_the_window

    guard = claim_the_window(args.db or default_location(), args.as_staff)
    if isinstance(guard, int):
        return guard
    try:
        return open_window(app, args, settings, headless=headless, guard=guard)
    finally:
        guard.release()


def open_window(app: QApplication, args, settings: QSettings, *, headless: bool, guard) -> int:
    opened = open_for_window(args, settings, headless=headless)
    if opened is None:
        return 2
    location, staff = opened

    from inbox_app.gui import theme
    from inbox_app.gui.main_window import MainWindow

    theme.apply(app, args.theme or str(settings.value("theme", "system")))
    remembered = settings.value(REMEMBERED_STAFF)
    window = MainWindow(location, staff=staff, settings=settings, theme_mode=args.theme)
    window.setWindowTitle(window_title(location))
    if args.demo:
        mark_as_demo(window, settings, remembered)
    if args.screenshot:
        target = args.screenshot

        def shoot() -> None:
            saved = window.grab().save(target)
            if not saved:
                print(f"inbox-app: could not write {target}.", file=sys.stderr)
            app.exit(0 if saved else 2)

        window.queue_ready.connect(lambda: when_settled(window, shoot))
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: (
            print("inbox-app: the queue did not load in time.", file=sys.stderr), app.exit(2)))
    keep_the_event_loop_moving(window)
    window.show()
    if guard is not None:
        guard.answer_second_starts(window)
    if staff is None and not headless and not welcome_asks_who(location):
        QTimer.singleShot(0, window.state.choose_staff)
    code = app.exec()
    window.close()
    if args.demo or window.demo:  # --demo, or "Try the demo" in the welcome
        forget_demo(window.location)
    return code


def welcome_asks_who(location: str) -> bool:
    """An empty store gets the welcome, which asks for the person's name itself: a "Who
    are you?" beside it asked twice, and came back after the welcome had been answered."""
    from inbox_app.gui.welcome import is_first_run

    store = open_store(location)
    try:
        return is_first_run(store)
    finally:
        store.close()


def mark_as_demo(window, settings: QSettings, remembered) -> None:
    """A window on `--demo`'s made-up shop says so, and who works in it is not remembered:
    the person's own store would otherwise ask "Who are you?" at its next start. The window
    remembered the demo's first staff member as it opened; `remembered` is put back."""
    window.demo = True
    window.setWindowTitle(DEMO_TITLE)
    window.store_label.setText(DEMO_LABEL)
    window.store_label.setToolTip(f"The demo store: {display_location(window.location)}")
    window.show_status(DEMO_GREETING)
    if remembered is None:
        settings.remove(REMEMBERED_STAFF)
    else:
        settings.setValue(REMEMBERED_STAFF, remembered)


def forget_demo(location: str) -> None:
    """The demo store's temporary folder goes when its window closes (each start made
    another one)."""
    import shutil

    folder = Path(location).parent
    if folder.name.startswith("inbox-app-demo-"):
        shutil.rmtree(folder, ignore_errors=True)
