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
gui/window_queue.py, refreshing what is shown in gui/window_refresh.py (mixins).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QProgressBar, QWidget

from inbox_app.core.text import shortened
from inbox_app.gui import icons
from inbox_app.gui.actions import ConversationActions
from inbox_app.gui.bulk import BulkController
from inbox_app.gui.connection import ConnectionWatch
from inbox_app.gui.conversation_view import ConversationView
from inbox_app.gui.customer_panel import CustomerPanel
from inbox_app.gui.delegates import QueueDelegate, SidebarDelegate
from inbox_app.gui.dialogs import ShortcutsDialog
from inbox_app.gui.forms.ui_main_window import Ui_MainWindow
from inbox_app.gui.held_reply import hold_seconds
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.keys import ShortcutGuard, keyboard_paths
from inbox_app.gui.live import COALESCE_MS, POLLING_COALESCE_MS, LiveUpdates, OwnChanges
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
from inbox_app.gui.polling import PollController, PollFunction, summarize
from inbox_app.gui.theme import colors
from inbox_app.gui.widgets import ElidingLabel
from inbox_app.gui.window_dialogs import WindowDialogs
from inbox_app.gui.window_pages import WindowPages
from inbox_app.gui.window_queue import WindowQueue
from inbox_app.gui.window_refresh import WindowRefresh
from inbox_app.gui.window_state import WindowState
from inbox_app.store import (
    StoreError,
    data_dir,
    display_location,
)

SEARCH_DEBOUNCE_MS = 200
REFRESH_MS = 30_000
POLL_LINE_SHARE, STORE_LINE_SHARE = 0.35, 0.25  # of the status bar's width, at most
TITLE_LENGTH = 48  # characters of a view's heading (a long tag name is cut, whole in its tip)
ACTION_ICONS = {
    "actionPoll": "refresh", "actionReply": "reply", "actionNote": "note",
    "actionAssign": "assign", "actionTag": "tag", "actionLabel": "label",
    "actionSnooze": "snooze", "actionClose": "close", "actionReopen": "reopen",
    "actionMarkUnread": "unread", "actionLoadImages": "image", "actionSearch": "search",
    "actionShowQueue": "queue", "actionShowInsights": "insights",
    "actionShortcuts": "keyboard", "actionSwitchStaff": "staff",
    "actionLogCall": "call", "actionImportCalls": "import", "actionAccounts": "account",
    "actionTemplates": "template", "actionInsertTemplate": "template", "actionSettings": "settings",
    "actionUndoMerge": "undo", "actionMergeConversations": "merge", "actionMergeCustomer": "merge",
    "actionHistory": "history", "actionExportConversations": "export",
    "actionExportCustomersCsv": "export", "actionExportCustomersVcard": "export",
    "actionTakeNext": "take-next", "actionRestoreBackup": "history",
    "actionImportCustomers": "import", "actionRules": "assign",
}


class MainWindow(WindowPages, WindowRefresh, WindowQueue, WindowDialogs, QMainWindow):
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

    # Setup helpers

    def _wire_actions(self) -> None:
        ui, acts = self.ui, self.actions_
        ui.actionTakeNext.triggered.connect(acts.take_next)
        ui.actionNext.triggered.connect(lambda: self._on_queue_page(self.move, 1))
        ui.actionPrevious.triggered.connect(lambda: self._on_queue_page(self.move, -1))
        ui.actionSearch.triggered.connect(self.focus_search)
        ui.actionReply.triggered.connect(self.focus_reply)
        ui.actionNote.triggered.connect(acts.prompt_note)
        ui.actionAssign.triggered.connect(lambda: self._either("prompt_assign"))
        ui.actionTag.triggered.connect(lambda: self._either("prompt_tag"))
        ui.actionLabel.triggered.connect(lambda: self._either("prompt_label"))
        ui.actionSnooze.triggered.connect(lambda: self._either("prompt_snooze"))
        ui.actionClose.triggered.connect(
            lambda: self.bulk.close() if self.bulk.active else self._on_current(acts.close))
        ui.actionReopen.triggered.connect(lambda: self._on_current(acts.reopen))
        ui.actionMarkUnread.triggered.connect(lambda: self._on_current(acts.mark_unread))
        ui.actionLoadImages.triggered.connect(
            lambda: self._on_queue_page(self.conversation.load_images))
        ui.actionPoll.triggered.connect(lambda: self.poller.poll_now(due_only=False))
        ui.actionSwitchStaff.triggered.connect(self.state.choose_staff)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionShortcuts.setShortcuts([ui.actionShortcuts.shortcut(), QKeySequence("F1")])
        ui.actionShortcuts.triggered.connect(self.show_shortcuts)
        ui.actionShowQueue.triggered.connect(self.show_queue)
        ui.actionShowInsights.triggered.connect(lambda: self.select_key(INSIGHTS_KEY))
        ui.actionAccounts.triggered.connect(self.show_accounts)
        ui.actionTemplates.triggered.connect(self.show_templates)
        ui.actionRules.triggered.connect(self.show_rules)
        ui.actionInsertTemplate.triggered.connect(self.insert_template)
        ui.actionSettings.triggered.connect(self.show_settings)
        ui.actionLogCall.triggered.connect(self.log_call)
        ui.actionImportCalls.triggered.connect(self.import_calls)
        ui.actionImportCustomers.triggered.connect(self.import_customers)
        ui.actionCustomerValue.triggered.connect(self.customer.edit_value)
        ui.actionRestoreBackup.triggered.connect(self.restore_backup)
        ui.actionExportConversations.triggered.connect(lambda: self.export("conversations", "csv"))
        ui.actionExportCustomersCsv.triggered.connect(lambda: self.export("customers", "csv"))
        ui.actionExportCustomersVcard.triggered.connect(lambda: self.export("customers", "vcard"))
        ui.actionUndoMerge.triggered.connect(self.merging.undo_last)
        ui.actionSelectAll.triggered.connect(lambda: self._on_queue_page(self.bulk.select_all))
        ui.actionMergeConversations.triggered.connect(
            lambda: self._on_queue_page(self.merging.prompt_merge_conversations))
        ui.actionMergeCustomer.triggered.connect(self.merging.prompt_merge_customer)
        ui.actionHistory.triggered.connect(self.merging.show_history)
        self._update_undo_action()
        for action in self.findChildren(type(ui.actionReply)):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.conversation.use_actions({
            "assign": ui.actionAssign, "snooze": ui.actionSnooze, "close": ui.actionClose,
            "label": ui.actionLabel, "note": ui.actionNote, "tag": ui.actionTag,
            "unread": ui.actionMarkUnread, "reopen": ui.actionReopen,
            "load_images": ui.actionLoadImages, "snooze_presets": acts.snooze_preset_actions,
        })
        self.conversation_actions = [ui.actionReply, ui.actionNote, ui.actionAssign,
                                     ui.actionTag, ui.actionCustomerValue, ui.actionLabel,
                                     ui.actionSnooze,
                                     ui.actionClose, ui.actionReopen, ui.actionMarkUnread,
                                     ui.actionInsertTemplate, ui.actionMergeCustomer,
                                     ui.actionHistory]
        # What changes the store (or needs it to answer): off while the store is away.
        self.store_actions = [ui.actionTakeNext, ui.actionPoll, ui.actionLogCall,
                              ui.actionImportCalls, ui.actionImportCustomers,
                              ui.actionRestoreBackup,
                              ui.actionAccounts, ui.actionTemplates, ui.actionRules,
                              ui.actionSettings, ui.actionSwitchStaff, ui.actionUndoMerge,
                              ui.actionMergeConversations, ui.actionExportConversations,
                              ui.actionExportCustomersCsv, ui.actionExportCustomersVcard]
        # What acts on the queue's selection: off while Insights hides the queue.
        self.queue_actions = [ui.actionNext, ui.actionPrevious, ui.actionSelectAll,
                              ui.actionMergeConversations, ui.actionLoadImages]
        self._set_conversation_actions(False)

    def _either(self, prompt: str) -> None:
        """An action key acts on the selection when several are selected, else the current."""
        getattr(self.bulk if self.bulk.active else self.actions_, prompt)()

    def _update_undo_action(self) -> None:
        stack = self.merging.undo_stack
        action = self.ui.actionUndoMerge
        action.setEnabled(bool(stack) and not self.read_only)
        action.setText(f"Undo: {stack[-1].description}" if stack else "Undo")

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.poll_progress = QProgressBar(self)
        self.poll_progress.setObjectName("pollProgress")
        self.poll_progress.setRange(0, 0)
        self.poll_progress.setTextVisible(False)
        self.poll_progress.setFixedWidth(110)
        self.poll_progress.hide()
        # A long line (an account's failure, a store deep in folders) is cut with "…", whole
        # in its tooltip: a label's whole width made the window wider than the screen.
        self.poll_label = ElidingLabel("", self)
        self.store_label = ElidingLabel("", self)
        self.store_label.setObjectName("storeLabel")
        self._show_location()
        bar.addPermanentWidget(self.poll_progress)
        bar.addPermanentWidget(self.poll_label)
        bar.addPermanentWidget(self.store_label)

    def _show_location(self) -> None:
        """The store's place in the status bar, never with a database password."""
        shown = display_location(self.location)
        self.store_label.setText(shown)
        self.store_label.setToolTip(f"The store: {shown}")

    def refresh_icons(self) -> None:
        for name, icon_name in ACTION_ICONS.items():
            getattr(self.ui, name).setIcon(icons.icon(icon_name))
        self.ui.offlineIcon.setPixmap(icons.pixmap("warning", 20, colors()["offline_text"]))
        self.setWindowIcon(icons.icon("app", color=icons.BASE_STROKE))
        self.state.refresh_staff_button()
        self.conversation.refresh_icons()
        self.ui.sidebarView.viewport().update()
        self.ui.queueView.viewport().update()

    # Staff

    def set_staff(self, name: str | None) -> None:
        self.staff = name
        self.conversation.set_staff(name)
        self.customer.staff = name
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
        self.apply_query()

    def select_key(self, key: str) -> None:
        row = self.sidebar_model.row_of(key)
        if row is not None:
            self.ui.sidebarView.setCurrentIndex(self.sidebar_model.index(row))

    # Keys, menus, messages

    def focus_search(self) -> None:
        self.show_queue()
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def focus_reply(self) -> None:
        if self.current_id() is None or self.actions_.several_selected("reply to it"):
            return
        self.conversation.composer.set_note_mode(False)
        self.conversation.composer.focus()

    def show_shortcuts(self) -> None:
        ShortcutsDialog([a for a in self.findChildren(type(self.ui.actionReply))], self).exec()

    def _queue_menu(self, position) -> None:
        index = self.ui.queueView.indexAt(position)
        if not index.isValid():
            return
        self.ui.queueView.setCurrentIndex(index)
        menu = QMenu(self)
        for action in self.conversation_actions:
            if action.isVisible():
                menu.addAction(action)
        menu.exec(self.ui.queueView.viewport().mapToGlobal(position))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def show_problem(self, text: str) -> None:
        self.statusBar().showMessage(text, 12000)

    def _on_job_failed(self, error: Exception, text: str) -> None:
        if isinstance(error, StoreError):
            self.show_problem(str(error))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    # Polling

    def _on_poll_started(self) -> None:
        # Each account the poll stores is a change: shown once a second meanwhile, not ten
        # times (a 25-account poll kept the window repainting its queue), and all at the end.
        self.live.set_coalescing(POLLING_COALESCE_MS)
        self.ui.actionPoll.setEnabled(False)
        self.poll_progress.show()
        self.poll_label.setText("Checking for new messages…")

    def _on_poll_finished(self, results: list) -> None:
        self.live.set_coalescing(COALESCE_MS)
        self.ui.actionPoll.setEnabled(not self.read_only)
        self.poll_progress.hide()
        self.poll_label.setText(summarize(results))
        self.refresh_all(keep_current=True)

    def _on_poll_failed(self, message: str) -> None:
        self.live.set_coalescing(COALESCE_MS)
        self.ui.actionPoll.setEnabled(not self.read_only)
        self.poll_progress.hide()
        self.poll_label.setText(f"Polling failed: {message}")

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

    def _fit_status_bar(self) -> None:
        """The poll's line and the store's place keep to their share of the status bar, the
        rest left to its messages ("Closed #12", "Not sent: …"), which show on its left."""
        width = self.statusBar().width()
        self.poll_label.setMaximumWidth(max(120, int(width * POLL_LINE_SHARE)))
        self.store_label.setMaximumWidth(max(120, int(width * STORE_LINE_SHARE)))

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
