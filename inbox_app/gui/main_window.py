"""The main window: the left bar, the queue, the conversation and the customer.

Everything the window reads or writes goes through `Jobs` (a worker with its own
store), so typing a search, polling or a slow disk never freezes it.

Changes made elsewhere — a colleague's computer on a shared store, or the command
line on this one — arrive through `LiveUpdates` and refresh what they touch
without moving the selection; the echo of the window's own change is recognised
and not loaded twice (on PostgreSQL, whose notifications name the row).
`ConnectionWatch` notices a store that stops answering: a banner says so, the
window turns read-only (drafts go to a file on this computer) and comes back by
itself when the store answers again. The welcome, the demo shop, the menus' dialogs
and the exports are in gui/window_dialogs.py, the query and the current conversation in
gui/window_queue.py, refreshing what is shown in gui/window_refresh.py, the queue and
Insights pages in gui/window_pages.py, wiring the actions (menus, toolbar, keys) in
gui/window_actions.py and the status bar with the poll's progress in gui/window_status.py
(mixins); this module builds the window and ties its parts together.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from inbox_app.core.text import shortened
from inbox_app.gui.actions import ConversationActions
from inbox_app.gui.bulk import BulkController
from inbox_app.gui.connection import ConnectionWatch
from inbox_app.gui.conversation_view import ConversationView
from inbox_app.gui.customer_panel import CustomerPanel
from inbox_app.gui.delegates import QueueDelegate, SidebarDelegate
from inbox_app.gui.forms.ui_main_window import Ui_MainWindow
from inbox_app.gui.held_reply import hold_seconds
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.keys import ShortcutGuard, keyboard_paths
from inbox_app.gui.live import LiveUpdates, OwnChanges
from inbox_app.gui.local_drafts import LocalDrafts
from inbox_app.gui.merging import MergeController
from inbox_app.gui.models.queue_model import QueueModel
from inbox_app.gui.models.sidebar_model import (
    INSIGHTS_KEY,
    VIEW_TITLES,
    SidebarModel,
)
from inbox_app.gui.notifications import Notifier
from inbox_app.gui.offline import OfflineMode
from inbox_app.gui.polling import PollController, PollFunction
from inbox_app.gui.widgets import HeadingFit
from inbox_app.gui.window_actions import WindowActions
from inbox_app.gui.window_dialogs import WindowDialogs
from inbox_app.gui.window_pages import WindowPages
from inbox_app.gui.window_queue import WindowQueue
from inbox_app.gui.window_refresh import WindowRefresh
from inbox_app.gui.window_state import WindowState
from inbox_app.gui.window_status import WindowStatus
from inbox_app.store import data_dir, display_location

SEARCH_DEBOUNCE_MS = 200
REFRESH_MS = 30_000
TITLE_LENGTH = 48  # characters of a view's heading (a long tag name is cut, whole in its tip)


class MainWindow(WindowPages, WindowRefresh, WindowQueue, WindowDialogs, WindowActions,
                 WindowStatus, QMainWindow):
    """Signals: queue_ready() once the first page of the first query is shown and the
    first conversation has loaded (what --screenshot waits for); first_run() when the
    store is empty and the welcome is about to show; store_switched(location);
    live_refreshed(changes) after a change made elsewhere was loaded; went_offline(reason)
    and came_back() when the store stops and starts answering again."""

    queue_ready = Signal()
    first_run = Signal()
    store_switched = Signal(str)
    live_refreshed = Signal(object)
    went_offline = Signal(str)
    came_back = Signal()

    def __init__(self, location: str, *, staff: str | None = None,
                 settings: QSettings | None = None, poll_fn: PollFunction | None = None,
                 theme_mode: str | None = None, parent: QWidget | None = None,
                 welcome: bool = True):
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.location = location
        self.staff: str | None = staff
        self.staff_names: list[str] = []
        self.customer_tags: list[str] = []  # offered by the tag prompt (T)
        self.conversation_labels: list[str] = []  # offered by the label prompt (L)
        self.current_key = "view:open"
        self.queue_key = "view:open"  # the view the queue shows (behind Insights too)
        self.business_name = ""
        self.welcome_enabled = welcome
        self.last_dialog: QWidget | None = None
        self.demo = False
        self.read_only = False
        self.told_damaged = False  # broken pages are said once a session
        self._ready = False
        self._last_row = 0
        self._keeping_shown = False
        self._pending_open: int | None = None
        # j/k after a refresh re-sorted the current conversation away: (its id, the ones
        # above and below it before) — see WindowQueue.move.
        self._moved_from: tuple[int, int | None, int | None] | None = None
        self._order_seen: list[int] | None = None
        self._current_in_sight = False
        self.jobs = Jobs(location, self)
        self.jobs.failed.connect(self._on_job_failed)
        self.own_changes = OwnChanges()
        self.local_drafts = LocalDrafts(data_dir(), display_location(location))
        self.state = WindowState(self, settings or QSettings(), theme_mode)

        self.queue_model = QueueModel(self.jobs, self)
        ui = self.ui
        self.heading = HeadingFit(ui.queueHeading, ui.titleRow, ui.viewTitle, ui.countLabel,
                                  ui.orderCombo)
        ui.queueView.setModel(self.queue_model)
        ui.queueView.setItemDelegate(QueueDelegate(ui.queueView))
        ui.queueView.setMouseTracking(True)
        ui.queueView.selectionModel().currentChanged.connect(self._on_current_changed)
        ui.queueView.customContextMenuRequested.connect(self._queue_menu)
        self.queue_model.loaded.connect(self._on_queue_loaded)
        self.queue_model.refreshing.connect(self._before_refresh)
        self.queue_model.refreshed.connect(self._on_queue_refreshed)
        self.queue_model.load_failed.connect(self.show_problem)
        self.queue_model.rowsInserted.connect(lambda *_: self._update_count())
        self.queue_model.removing.connect(self._before_rows_removed)

        self.sidebar_model = SidebarModel(self)
        ui.sidebarView.setModel(self.sidebar_model)
        ui.sidebarView.setItemDelegate(SidebarDelegate(ui.sidebarView))
        ui.sidebarView.setMouseTracking(True)
        ui.sidebarView.selectionModel().currentChanged.connect(self._on_sidebar_changed)

        self.conversation = ConversationView(self.jobs, ui.conversationHost)
        ui.conversationHostLayout.addWidget(self.conversation)
        self.customer = CustomerPanel(self.jobs, ui.customerHost)
        ui.customerHostLayout.addWidget(self.customer)
        self.conversation.composer.drafts.local_drafts = self.local_drafts
        self.conversation.composer.hold_for = hold_seconds(self.state.settings)
        self.conversation.composer.reopen.connect(self.open_conversation)
        self.conversation.composer.done_with.connect(self.move_on_from)
        self.conversation.loaded.connect(self._on_conversation_loaded)
        self.conversation.gone.connect(self._on_conversation_gone)
        self.conversation.changed.connect(self.after_change)
        self.conversation.problem.connect(self.show_problem)
        self.conversation.notice.connect(self.show_status)
        self.conversation.place_chosen.connect(self.select_key)
        self.conversation.place_chosen.connect(lambda _key: ui.queueView.setFocus())
        self.conversation.composer.escaped.connect(lambda: ui.queueView.setFocus())
        self.customer.changed.connect(lambda _id: self.refresh_all())
        self.customer.conversation_opened.connect(self.open_conversation)

        self.actions_ = ConversationActions(self)
        self.actions_.changed.connect(lambda _id: self.refresh_all())
        self.actions_.problem.connect(self.show_problem)
        self.actions_.taken.connect(self._on_taken)
        self.bulk = BulkController(self)
        self.bulk.changed.connect(self.refresh_all)
        self.bulk.problem.connect(self.show_problem)
        self.merging = MergeController(self)
        self.merging.changed.connect(self.refresh_all)
        self.merging.undo_changed.connect(self._update_undo_action)
        self.customer.split_requested.connect(self.merging.confirm_split)
        self.customer.merge_requested.connect(self.merging.prompt_merge_customer)
        self.customer.problem.connect(self.show_problem)
        self.conversation.composer.templates_requested.connect(self.insert_template)
        self.notifier = Notifier(self, self.state.settings)
        self._wire_actions()
        self._build_status_bar()

        self.poller = PollController(self.jobs, poll_fn, parent=self)
        self.poller.poll_started.connect(self._on_poll_started)
        self.poller.poll_finished.connect(self._on_poll_finished)
        self.poller.poll_failed.connect(self._on_poll_failed)
        ui.actionPoll.setEnabled(self.poller.available)
        if not self.poller.available:
            ui.actionPoll.setToolTip("Polling is not part of this build")

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._search_if_changed)
        ui.searchEdit.textChanged.connect(lambda _t: self._search_timer.start())
        ui.searchEdit.returnPressed.connect(self._search_now)
        ui.orderCombo.currentIndexChanged.connect(lambda _i: self.apply_query())
        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer)

        self.live = LiveUpdates(parent=self)
        self.live.changed.connect(self._on_live_changes)
        self.live.start_in(self.jobs)
        self.offline = OfflineMode(self)
        self.offline.watch()
        self.jobs.unreachable.connect(lambda _reason: self.connection.check_now())
        self.jobs.damaged.connect(self._on_store_damaged)

        # A shortcut whose action is off must not reach a list as type-to-find.
        self.shortcut_guard = ShortcutGuard(self)
        self.shortcut_guard.watch_all(self)
        keyboard_paths(self)

        self.state.restore()
        self.set_staff(staff)
        self.refresh_icons()
        self._show_page(ui.queuePage)
        ui.sidebarView.setCurrentIndex(self.sidebar_model.index(0))

    @property
    def connection(self) -> ConnectionWatch | None:
        return self.offline.connection

    # Staff and the left bar

    def set_staff(self, name: str | None) -> None:
        self.staff = name
        self.conversation.set_staff(name)
        self.customer.staff = name
        self.notifier.staff_changed(name)
        self.state.staff_changed(name)
        self.refresh_sidebar()
        if self.current_key in ("view:mine", "view:mentions"):  # whose they are changed
            self.apply_query()

    def _on_sidebar_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.sidebar_model.entry(current.row())
        if entry is None or entry.section:
            return
        self.current_key = entry.key
        if entry.key == INSIGHTS_KEY:
            self._ensure_dashboard()
            self._show_page(self.ui.insightsHost)
            return
        back = entry.key == self.queue_key and not self.queue_shown()
        self.queue_key = entry.key
        self._show_page(self.ui.queuePage)
        if back:  # the view left for Insights: as it was, the same conversation current
            self.ui.queueView.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        title = VIEW_TITLES.get(entry.key, entry.label)
        # A tag or account name can be a sentence long; the heading keeps to one line.
        shown = shortened(title, TITLE_LENGTH, at_word=True)
        self.ui.viewTitle.setText(shown)
        self.ui.viewTitle.setToolTip(title if shown != title else "")
        self.heading.fit()
        self.apply_query()

    def select_key(self, key: str) -> None:
        row = self.sidebar_model.row_of(key)
        if row is not None:
            self.ui.sidebarView.setCurrentIndex(self.sidebar_model.index(row))

    # What runs by itself

    def start_timed_work(self) -> None:
        """The periodic refresh, polling and new-message notices: on once the queue is
        shown, off while the store is away or being replaced, and at close."""
        self._refresh_timer.start()
        self.poller.start()
        self.notifier.start()

    def stop_timed_work(self) -> None:
        self._refresh_timer.stop()
        self.poller.stop()
        self.notifier.stop()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.state.fit_toolbar()
        self._fit_status_bar()

    # Closing

    def closeEvent(self, event) -> None:
        self.conversation.composer.send_held_now()  # Undo send ends with the window
        lost = self.conversation.composer.save_all_and_wait()
        if lost and not self.close_losing_drafts(lost):
            event.ignore()
            return
        self.offline.stop()
        self.live.stop(timeout=1.0)
        self.stop_timed_work()
        self.state.save()
        self.poller.shut_down()
        self.jobs.close()
        if getattr(self, "dashboard", None) is not None:
            self.dashboard.shutdown()
        super().closeEvent(event)
