"""What the window remembers (QSettings) and who is using it: geometry, splitters,
the queue order, the theme and the current staff member; and how wide the left bar is."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from inbox_app.gui import icons, theme
from inbox_app.gui.delegates import SidebarDelegate
from inbox_app.gui.dialogs import StaffDialog
from inbox_app.store import StoreError

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow

log = logging.getLogger("inbox_app")
STAFF_KEY = "staff"
THEME_KEY = "theme"
CUSTOMER_PANE_KEY = "window/customerPane"
WITH_NAMES = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICONS_ONLY = Qt.ToolButtonStyle.ToolButtonIconOnly


DEFAULT_SIZE = QSize(1440, 900)
# The left bar is as wide as its widest name needs, up to this many pixels at the design's
# 10 pt (more with a larger font): a tag named with a whole sentence is cut to "…" (or
# shown whole by dragging the bar wider) rather than hold a 1,024-pixel window wider than
# the screen. Not a share of the window's width: a minimum that follows the window's width
# would keep the window from being made narrower.
SIDEBAR_MOST = 300
# On a screen too narrow for the bar's names and the other panes' minimums (a 1,024-pixel
# laptop at 14 pt), the bar gives way — its names cut to "…", whole in their tooltip, the
# counts in sight — down to this at 10 pt (more with a larger font), so the window fits.
SIDEBAR_LEAST = 180


def default_size(window: QWidget) -> QSize:
    """1440×900, or what the screen has room for (a 1366×768 laptop, less its panel).

    Offscreen (tests, --screenshot) the "screen" is a nominal 800×600 that holds
    a larger window fine, so the full size is kept there.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return DEFAULT_SIZE
    return DEFAULT_SIZE.boundedTo(screen.availableGeometry().size())


def sidebar_need(view: QAbstractItemView) -> int:
    """The width the left bar's widest row needs whole (its delegate measures it)."""
    model, delegate, font = view.model(), view.itemDelegate(), view.font()
    if model is None or not isinstance(delegate, SidebarDelegate):
        return 0
    return max((delegate.needed_width(font, model.index(row, 0))
                for row in range(model.rowCount())), default=0)


def sidebar_chrome(view: QAbstractItemView) -> int:
    """The bar's width beside its rows: its frame and padding, and room for its scroll
    bar, which a short window shows and which takes its width from the rows."""
    scroll_bar = view.verticalScrollBar()
    frame = view.width() - view.viewport().width()
    if scroll_bar.isVisible():
        frame -= scroll_bar.width()
    return frame + scroll_bar.sizeHint().width()


def sidebar_most(font: QFont) -> int:
    """The widest the bar's minimum grows, for the app's font."""
    return round(SIDEBAR_MOST * max(1.0, font.pointSizeF() / theme.DESIGN_POINT_SIZE))


def sidebar_least(font: QFont) -> int:
    """The narrowest the bar gives way to a small screen, for the app's font: its views'
    names ("Due & overdue") and counts still whole."""
    return round(SIDEBAR_LEAST * max(1.0, font.pointSizeF() / theme.DESIGN_POINT_SIZE))


def screen_width(window: QWidget) -> int | None:
    """The width the window has on its screen (less its frame), or None offscreen (tests,
    --screenshot), whose nominal 800-pixel "screen" holds a wider window fine."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return None
    frame = window.frameGeometry().width() - window.width() if window.isVisible() else 0
    return screen.availableGeometry().width() - max(0, frame)


def sidebar_room(window: MainWindow) -> int | None:
    """The widest the bar's minimum may be for the window to fit its screen: what the screen
    leaves beside the other panes' minimums (the queue, the thread and the customer, which
    need theirs to be usable), or None where the screen sets no limit."""
    screen = screen_width(window)
    if screen is None:
        return None
    splitter, view = window.ui.mainSplitter, window.ui.sidebarView
    others = splitter.minimumSizeHint().width() - max(view.minimumWidth(),
                                                      view.minimumSizeHint().width())
    return screen - others


class _Resized(QObject):
    """Calls `then` each time `watched` changes width, once it has placed its insides (a
    filter sees the resize first: the list's viewport still had its old width), and each
    time a pane beside it asks for another size (`relaid`: a customer's wider figures, the
    Insights page), which can change how much room the screen leaves the bar."""

    def __init__(self, watched: QWidget, then, relaid: QWidget | None = None):
        super().__init__(watched)
        self._then = then
        self._due = False
        watched.installEventFilter(self)
        if relaid is not None:
            relaid.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        kind = event.type()
        widened = kind == QEvent.Type.Resize and event.size().width() != \
            event.oldSize().width()
        if (widened or kind == QEvent.Type.LayoutRequest) and not self._due:
            self._due = True  # one call for a burst of events
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        self._due = False
        self._then()


def staff_member_named(names: list[str], name: str) -> str | None:
    """The staff member `name` means, as the command line reads `--as`: the whole name in
    any case, or a first name only one of them has ("theo" is Theo Brandt)."""
    wanted = " ".join(name.split()).casefold()
    whole = [member for member in names if member.casefold() == wanted]
    if whole:
        return whole[0]
    if wanted and " " not in wanted:
        sharing = [member for member in names if member.split()[0].casefold() == wanted]
        if len(sharing) == 1:
            return sharing[0]
    return None


class WindowState:
    def __init__(self, window: MainWindow, settings: QSettings, theme_mode: str | None):
        self.window = window
        self.settings = settings
        self.theme_override = theme_mode
        self.theme_mode = theme_mode or str(settings.value(THEME_KEY, "system"))
        self._toolbar_named_width = 0
        self._sidebar_need = 0
        self._resized = _Resized(window.ui.sidebarView, self.fit_sidebar,
                                 relaid=window.ui.mainSplitter)
        self._watched_screen = False
        self._build_theme_menu()
        self._build_customer_pane_toggle()
        self._build_staff_button()
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_scheme_changed)

    # Geometry and splitters

    def restore(self) -> None:
        ui, s = self.window.ui, self.settings
        geometry = s.value("window/geometry")
        # Qt refuses a geometry saved on a screen layout that is gone (a second monitor
        # unplugged, a laptop off its dock); the form's own 1440×900 would then overflow a
        # smaller screen, so such a window starts as a first start does.
        if geometry is None or not self.window.restoreGeometry(geometry):
            self.window.resize(default_size(self.window))
        # A narrower window keeps the sidebar's width (its names would be cut) and narrows
        # the queue, thread and customer alike.
        ui.mainSplitter.setStretchFactor(0, 0)
        ui.mainSplitter.setStretchFactor(1, 1)
        # The bar's default is its minimum (the widest name's need once the rows are in).
        for splitter, default in ((ui.mainSplitter, [ui.sidebarView.minimumWidth(), 1220]),
                                  (ui.workSplitter, [390, 560, 290])):
            saved = s.value(f"window/{splitter.objectName()}")
            if saved is None or not splitter.restoreState(saved):
                splitter.setSizes(default)
        ui.orderCombo.setCurrentIndex(1 if s.value("queue/order") == "newest" else 0)
        shown = str(s.value(CUSTOMER_PANE_KEY, "shown")) != "hidden"
        self.customer_pane_action.setChecked(shown)
        self.show_customer_pane(shown)

    def fit_sidebar(self, *, rows_changed: bool = False) -> None:
        """Makes the left bar's minimum width its widest row's need (names in the font they
        are painted with, so a 14 pt desktop cuts none), up to its most, and no wider than
        lets the window fit its screen (a 1,024-pixel laptop at 14 pt). Called when its
        rows are filled (`rows_changed`), when the bar changes size (its frame and scroll
        bar are known once it is laid out), when a pane beside it asks for another size
        and when the window moves to another screen."""
        view = self.window.ui.sidebarView
        self._watch_screen()
        if rows_changed or not self._sidebar_need:
            self._sidebar_need = sidebar_need(view)
        if not self._sidebar_need:
            return
        chrome = sidebar_chrome(view)
        wanted = min(self._sidebar_need + chrome, sidebar_most(view.font()))
        room = sidebar_room(self.window)
        if room is not None:
            wanted = max(min(wanted, room), min(wanted, sidebar_least(view.font())))
        if wanted != view.minimumWidth():
            view.setMinimumWidth(wanted)
        delegate = view.itemDelegate()
        if isinstance(delegate, SidebarDelegate) and delegate.room != wanted - chrome:
            delegate.room = wanted - chrome
            view.doItemsLayout()

    def _watch_screen(self) -> None:
        """Fits the bar again when the window moves to another screen (a laptop taken off
        its dock): the room that screen leaves is another."""
        handle = self.window.windowHandle()
        if handle is not None and not self._watched_screen:
            self._watched_screen = True
            handle.screenChanged.connect(lambda _screen: self.fit_sidebar())

    def save(self) -> None:
        ui, s = self.window.ui, self.settings
        s.setValue("window/geometry", self.window.saveGeometry())
        s.setValue("window/mainSplitter", ui.mainSplitter.saveState())
        s.setValue("window/workSplitter", ui.workSplitter.saveState())
        s.setValue("queue/order", "newest" if ui.orderCombo.currentIndex() == 1 else "priority")
        s.setValue(CUSTOMER_PANE_KEY, "shown" if self.customer_pane_action.isChecked()
                   else "hidden")
        s.sync()

    # The customer pane

    def _build_customer_pane_toggle(self) -> None:
        """View → Customer pane: hidden, it gives its room to the queue and the thread (a
        1,024-pixel screen at 14 pt has none to spare) and F6 and Tab pass it by."""
        ui = self.window.ui
        action = QAction("Customer pane", self.window, checkable=True, checked=True)
        action.setToolTip("Show or hide the customer beside the conversation")
        action.toggled.connect(self.show_customer_pane)
        ui.menuView.insertAction(ui.actionShowQueue, action)
        self.customer_pane_action = action

    def show_customer_pane(self, shown: bool) -> None:
        host = self.window.ui.customerHost
        if shown != host.isVisibleTo(self.window):
            host.setVisible(shown)
        if shown != self.customer_pane_action.isChecked():
            self.customer_pane_action.setChecked(shown)

    # Theme

    def _build_theme_menu(self) -> None:
        menu = QMenu("Theme", self.window)
        group = QActionGroup(menu)
        self.theme_actions: dict[str, QAction] = {}
        for mode, label in (("system", "Follow the system"), ("light", "Light"),
                            ("dark", "Dark")):
            action = QAction(label, menu, checkable=True)
            action.setChecked(mode == self.theme_mode)
            action.triggered.connect(lambda _c=False, m=mode: self.set_theme(m))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[mode] = action
        self.window.ui.menuView.addSeparator()
        self.window.ui.menuView.addMenu(menu)

    def set_theme(self, mode: str) -> None:
        self.theme_mode = mode
        self.settings.setValue(THEME_KEY, mode)
        self.theme_actions[mode].setChecked(True)
        self.apply_theme()

    def apply_theme(self) -> str:
        app = QApplication.instance()
        chosen = theme.apply(app, self.theme_mode)
        self.window.refresh_icons()
        self.window.customer.show_customer(self.window.customer.snapshot)
        return chosen

    def _system_scheme_changed(self, *_args) -> None:
        if self.theme_mode == "system":
            self.apply_theme()

    # Toolbar

    def fit_toolbar(self) -> None:
        """Names beside the toolbar's icons while they fit; icons alone (names on hover)
        in a narrower window, rather than actions hidden behind the » menu."""
        toolbar = self.window.ui.mainToolBar
        staff_width = self.staff_button.sizeHint().width()  # named either way; may change
        if toolbar.toolButtonStyle() == WITH_NAMES:
            self._toolbar_named_width = toolbar.sizeHint().width() - staff_width
        needed = self._toolbar_named_width + staff_width
        wanted = WITH_NAMES if toolbar.width() >= needed else ICONS_ONLY
        if wanted != toolbar.toolButtonStyle():
            toolbar.setToolButtonStyle(wanted)

    # Staff

    def _build_staff_button(self) -> None:
        toolbar = self.window.ui.mainToolBar
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.staff_button = QToolButton(toolbar)
        self.staff_button.setObjectName("staffButton")
        self.staff_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.staff_button.setToolButtonStyle(WITH_NAMES)
        self.staff_menu = QMenu(self.staff_button)
        self.staff_menu.aboutToShow.connect(self._fill_staff_menu)
        self.staff_button.setMenu(self.staff_menu)
        toolbar.addWidget(self.staff_button)

    def _fill_staff_menu(self) -> None:
        menu = self.staff_menu
        menu.clear()
        group = QActionGroup(menu)
        for name in self.window.staff_names:
            action = QAction(name, menu, checkable=True)
            action.setChecked(name == self.window.staff)
            action.triggered.connect(lambda _c=False, n=name: self.window.set_staff(n))
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.window.ui.actionSwitchStaff)

    def refresh_staff_button(self) -> None:
        name = self.window.staff
        button = self.staff_button
        button.setText(name or "Who are you?")
        button.setIcon(icons.avatar_pixmap(name, 22, button.font()) if name
                       else icons.icon("staff"))
        button.setToolTip("You are working as " + name if name else "Choose who you are")
        if self.window.isVisible():  # before that the toolbar has no width yet
            self.fit_toolbar()

    def staff_changed(self, name: str | None) -> None:
        if name and not self.window.demo:  # the demo's staff are not this person's
            self.settings.setValue(STAFF_KEY, name)
        self.refresh_staff_button()

    def remembered_staff(self) -> str | None:
        value = self.settings.value(STAFF_KEY)
        return str(value) if value else None

    def work_as(self, name: str) -> None:
        """`--as NAME` given to a second start: switch to that staff member, by the spelling
        the store knows (as the first start does), or say why not."""
        window = self.window
        member = staff_member_named(window.staff_names, name)
        if member is None:
            window.show_problem(f"Started again as {name}, who is not on the staff list;"
                                f" still working as {window.staff or 'nobody yet'}.")
        elif member != window.staff:
            log.info("Started again as %s: the window now works as them", member)
            window.set_staff(member)
            window.show_status(f"Now working as {member}.")

    def choose_staff(self) -> None:
        """Asks who is using the app; a new name is added to the staff list."""
        dialog = StaffDialog(self.window.staff_names, self.window.staff, self.window)
        if not dialog.exec() or not dialog.chosen:
            return
        name = dialog.chosen
        if name in self.window.staff_names:
            self.window.set_staff(name)
            return

        def add(store):
            try:
                return store.staff_named(name).name
            except StoreError:
                return store.add_staff(name).name

        self.window.jobs.run(add, self.window.set_staff)
