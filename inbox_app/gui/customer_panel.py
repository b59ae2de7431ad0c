"""The customer beside the thread: who they are, where they reach us, tags, notes,
value, influence, activity and their other conversations."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QLineEdit, QListWidgetItem, QMenu, QStyle, QWidget

from inbox_app.core.amounts import money
from inbox_app.core.identity import DEFAULT_REGION
from inbox_app.core.text import capitalized
from inbox_app.gui import icons
from inbox_app.gui.customer_figures import compact_money, compact_number, tile_caption
from inbox_app.gui.customer_fitting import MergeLink, place_head, show_name
from inbox_app.gui.customer_lists import (
    copy_identity,
    copy_words,
    fill_conversations,
    fill_identities,
    is_show_all,
)
from inbox_app.gui.customer_notes import (
    ALL_NOTES_LINK,
    WHOLE_NOTE_LINK,
    notes_html,
    wrappable_note,  # noqa: F401  (the tests' way in, where it was)
)
from inbox_app.gui.customer_tags import TagChips
from inbox_app.gui.flow_layout import FlowLayout, TileLayout
from inbox_app.gui.forms.ui_customer_panel import Ui_CustomerPanel
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.loaders import CustomerSnapshot, load_customer
from inbox_app.gui.theme import colors, repolish
from inbox_app.gui.thread_html import SHOWN_NAME

# The pane's least width, whatever the font; beyond it, what its words need whole sets it
# (a section's title, a figure, the tag box: about 195 px at 14 pt). It gives way before the
# left bar on a 1,024-pixel laptop: the name breaks and goes below the avatar, the merge
# link shortens, the figures wrap.
MIN_WIDTH = 165


class CustomerPanel(QWidget):
    """Signals: changed(customer_id) after a tag, note or value was stored here;
    conversation_opened(conversation_id) when a past conversation is chosen;
    split_requested(identity_id, shown) from an identity's menu; merge_requested();
    problem(sentence) when what was typed could not be stored."""

    changed = Signal(int)
    conversation_opened = Signal(int)
    split_requested = Signal(int, str)
    merge_requested = Signal()
    problem = Signal(str)

    def __init__(self, jobs: Jobs, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_CustomerPanel()
        self.ui.setupUi(self)
        repolish(self)
        self.jobs = jobs
        self.staff: str | None = None
        self.snapshot: CustomerSnapshot | None = None
        self.known_tags: list[str] = []
        self.tags = TagChips(self.ui.tagsArea)
        self.tags.add_requested.connect(self.add_tag)
        self.tags.remove_requested.connect(self.remove_tag)
        # What was typed and not yet stored, per customer: (note, tag). The panel is shown
        # anew whenever the store changes, and another customer may be shown meanwhile.
        self._typed: dict[int, tuple[str, str]] = {}
        self.read_only = False
        self.currency = ""  # the shop's (the `currency` setting), set by the window
        self.phone_region = DEFAULT_REGION  # the shop's (`phone_region`), set by the window
        self._all_notes_of: int | None = None  # the customer whose every note is shown
        self._all_conversations_of: int | None = None  # ... and every conversation
        self._notes_whole: set[int] = set()  # the long notes asked for whole
        self.ui.notesLabel.linkActivated.connect(self._on_notes_link)
        self.ui.noteEdit.returnPressed.connect(self._add_note)
        self.ui.pastList.itemActivated.connect(self._open_past)
        self.ui.pastList.itemClicked.connect(self._open_past)
        identities = self.ui.identitiesList
        identities.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        identities.customContextMenuRequested.connect(self._identity_menu)
        # "Merge…" where its words do not fit (the whole offer is in the identities' menu
        # and the tooltip).
        self.merge_button = MergeLink("Merge customers…", "Merge…", self.ui.customerPanel)
        self.merge_button.setProperty("role", "link")
        self.merge_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.merge_button.setToolTip("Merge customers: the same person under two names?"
                                     " Merge them (Shift+M). Right-click an identity to"
                                     " split it off.")
        self.merge_button.clicked.connect(self.merge_requested)
        layout = self.ui.panelLayout
        layout.insertWidget(layout.indexOf(identities) + 1, self.merge_button)
        self._order_tabs()
        self.head = place_head(self.ui)
        self._place_figures()
        for view in (self.ui.pastList, self.ui.identitiesList):
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ui.valueTile.setCursor(Qt.CursorShape.PointingHandCursor)
        self.ui.valueTile.installEventFilter(self)
        name = self.ui.customerName
        # Beside the avatar in any script: a right-to-left name went to the far edge.
        name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
                          | Qt.AlignmentFlag.AlignVCenter)
        name.installEventFilter(self)
        name.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        name.customContextMenuRequested.connect(self._name_menu)
        self.setEnabled(False)

    def _place_figures(self) -> None:
        """The three figure tiles, from the form's fixed row into a TileLayout."""
        ui = self.ui
        layout = ui.panelLayout
        at = layout.indexOf(ui.statsRow)
        layout.removeItem(ui.statsRow)
        self.figures = TileLayout(spacing=ui.statsRow.spacing())
        for tile in (ui.valueTile, ui.influenceTile, ui.activityTile):
            ui.statsRow.removeWidget(tile)
            self.figures.addWidget(tile)
        ui.statsRow.deleteLater()
        layout.insertLayout(at, self.figures)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on the Value tile changes it (as V does); a double-click on the name
        changes the name (a single click selects it, to copy)."""
        if watched is self.ui.valueTile and event.type() == QEvent.Type.MouseButtonRelease \
                and event.button() == Qt.MouseButton.LeftButton:
            self.edit_value()
            return True
        if watched is self.ui.customerName \
                and event.type() == QEvent.Type.MouseButtonDblClick \
                and event.button() == Qt.MouseButton.LeftButton:
            self.edit_name()
            return True
        return super().eventFilter(watched, event)

    def _chrome(self) -> int:
        """The pane's width beside what it shows: its margins and a scroll bar."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self.ui.panelLayout.contentsMargins()
        return margins.left() + margins.right() + scroll_bar + 2

    def least_inside(self) -> int:
        """The width the pane's contents need at its narrowest, the name aside: what a long
        run of the name is broken to, so that the name never holds the pane wider."""
        layout = self.ui.panelLayout
        needs = (layout.itemAt(i).minimumSize().width() for i in range(layout.count())
                 if layout.itemAt(i) is not self.head)
        return max(MIN_WIDTH - self._chrome(), self.merge_button.least_width(), *needs)

    def minimumSizeHint(self) -> QSize:
        """Never narrower than what the panel shows needs (the widest figure tile, the
        merge link's short words, the margins, and a scroll bar): the window's splitter
        would otherwise cut its right edge off."""
        hint = super().minimumSizeHint()
        margins = self.ui.panelLayout.contentsMargins()
        inside = max(self.ui.customerPanel.minimumSizeHint().width() - margins.left()
                     - margins.right(), self.least_inside())
        return QSize(max(hint.width(), inside + self._chrome()), hint.height())

    @property
    def customer_id(self) -> int | None:
        return self.snapshot.customer.id if self.snapshot else None

    def show_customer(self, snapshot: CustomerSnapshot | None) -> None:
        tags_focused = self.tags.focused_place()
        shown_before = self.customer_id
        self._keep_typed(shown_before)
        self.snapshot = snapshot
        self.setEnabled(snapshot is not None)
        # No customer (an empty view): nothing of the last one stays, not even the frame.
        self.ui.customerPanel.setVisible(snapshot is not None)
        if snapshot is None:
            self.ui.customerName.setText("")
            self.ui.customerSince.setText("")
            self.ui.avatarLabel.clear()
            for figure in (self.ui.valueLabel, self.ui.influenceLabel, self.ui.activityLabel):
                figure.setText("–")
            self.ui.valueTile.setToolTip("")
            self.ui.identitiesList.clear()
            self.ui.pastList.clear()
            self.ui.notesLabel.setText("")
            self._fill_tags([])
            self.ui.noteEdit.clear()
            return
        customer = snapshot.customer
        ui = self.ui
        first = snapshot.first_seen or customer.created_at
        since = datetime.fromtimestamp(first).astimezone()
        ui.customerSince.setText(f"Customer since {since.strftime('%b %Y')}")
        ui.avatarLabel.setPixmap(icons.avatar_pixmap(customer.name, 48, self.font()))
        ui.valueLabel.setText(compact_money(customer.value, self.currency))
        ui.valueName.setText(tile_caption(self.currency))
        spent = "not known" if customer.value is None else money(customer.value, self.currency)
        ui.valueTile.setToolTip(f"Spent with you: {spent}. Click (or press V) to change it; a"
                                " customer list from your shop system sets it for everyone"
                                " (File → Import customer list).")
        ui.influenceLabel.setText(compact_number(customer.influence)
                                  if customer.influence else "–")
        ui.activityLabel.setText(f"{customer.messages:,}")
        fill_identities(ui.identitiesList, customer.identities, self.phone_region)
        self._fit(ui.identitiesList)
        self._fill_tags(list(customer.tags))
        self._show_notes()
        self._show_conversations()
        ui.pastTitle.setText(f"CONVERSATIONS ({len(snapshot.conversations)})")
        self._show_name(customer.name)
        self._restore_typed(customer.id)
        if tags_focused is not None and customer.id == shown_before:
            self.tags.focus_place(tags_focused)
        self._apply_read_only()
        self.updateGeometry()  # the stats it shows may need more width (minimumSizeHint)

    def _show_name(self, name: str) -> None:
        """The name, its long runs broken to the pane's least width; beside the avatar where
        its longest word fits there, else below it."""
        label, room = self.ui.customerName, self.least_inside()
        show_name(label, name, SHOWN_NAME, room)
        if not label.toolTip():
            label.setToolTip("Double-click to change the name.")
        metrics = label.fontMetrics()
        self.head.least_beside = min(room, max(
            (metrics.horizontalAdvance(word) for word in name.split()), default=0))
        self.head.invalidate()

    def _show_notes(self) -> None:
        """The latest notes (customer_notes.py); the older ones, and the whole of a long
        one, behind links (a sixth note would otherwise hide the first for good)."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        shown = notes_html(snapshot.notes, every=self._all_notes_of == snapshot.customer.id,
                           whole=self._notes_whole, muted=colors()["muted"])
        self.ui.notesLabel.setText(shown)
        self.ui.notesLabel.setVisible(bool(shown))

    def _show_conversations(self) -> None:
        """The latest conversations, or every one once asked for (kept while the panel
        is shown anew for the same customer, as it is on any change in the store)."""
        past, snapshot = self.ui.pastList, self.snapshot
        if snapshot is None:
            return
        current = past.currentRow() if past.hasFocus() else -1
        fill_conversations(past, snapshot.conversations,
                           self._all_conversations_of == snapshot.customer.id)
        if 0 <= current < past.count():
            past.setCurrentRow(current)

    def _on_notes_link(self, link: str) -> None:
        """The older notes, a long note whole, or a note's web link in the browser."""
        if link == ALL_NOTES_LINK and self.snapshot is not None:
            self._all_notes_of = self.snapshot.customer.id
            self._show_notes()
        elif link.startswith(WHOLE_NOTE_LINK):
            self._notes_whole.add(int(link.removeprefix(WHOLE_NOTE_LINK)))
            self._show_notes()
        elif QUrl(link).scheme() in ("http", "https"):
            QDesktopServices.openUrl(QUrl(link))

    def _keep_typed(self, customer_id: int | None) -> None:
        """Keeps what is typed in the note and tag boxes for the customer shown."""
        if customer_id is None:
            return
        note = self.ui.noteEdit.text()
        tag = self.tags.typed()
        if note or tag:
            self._typed[customer_id] = (note, tag)
        else:
            self._typed.pop(customer_id, None)

    def _restore_typed(self, customer_id: int) -> None:
        """Puts back what was typed for this customer."""
        note, tag = self._typed.pop(customer_id, ("", ""))
        if self.ui.noteEdit.text() != note:
            self.ui.noteEdit.setText(note)
        self.tags.put_back(tag)

    def set_shop(self, currency: str, phone_region: str) -> None:
        """The shop's currency and region, which the panel writes values and numbers in."""
        if (currency, phone_region) != (self.currency, self.phone_region):
            self.currency, self.phone_region = currency, phone_region
            self.show_customer(self.snapshot)

    def set_read_only(self, read_only: bool) -> None:
        """While the store is away: everything stays readable, nothing can be changed."""
        self.read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        editable = not self.read_only
        self.ui.noteEdit.setEnabled(editable)
        self.merge_button.setEnabled(editable)
        self.ui.valueTile.setCursor(Qt.CursorShape.PointingHandCursor if editable
                                    else Qt.CursorShape.ArrowCursor)
        self.tags.set_editable(editable)

    def reload(self) -> None:
        customer_id = self.customer_id
        if customer_id is not None:
            self.jobs.run(lambda store: load_customer(store, customer_id), self.show_customer)

    def _identity_menu(self, position) -> None:
        view = self.ui.identitiesList
        item = view.itemAt(position)
        if item is None:
            return
        self.identity_menu(item).exec(view.viewport().mapToGlobal(position))

    def identity_menu(self, item: QListWidgetItem) -> QMenu:
        """Copy the identity whole; split it off or merge (not while the store is away)."""
        view = self.ui.identitiesList
        menu = QMenu(self)
        menu.addAction(copy_words(item), lambda: copy_identity(item))
        if self.read_only:
            return menu
        menu.addSeparator()
        split = menu.addAction(icons.icon("split"), "Split off into a new customer…")
        split.setEnabled(view.count() > 1)
        if view.count() < 2:
            split.setToolTip("The customer's only identity cannot be split off.")
        split.triggered.connect(lambda: self.split_requested.emit(
            int(item.data(Qt.ItemDataRole.UserRole)), item.text()))
        merge = menu.addAction(icons.icon("merge"), "Merge with another customer…")
        merge.triggered.connect(self.merge_requested)
        return menu

    # Tags

    def _fill_tags(self, tags: list[str]) -> None:
        self.tags.show_tags(tags, self.known_tags)
        self._order_tabs()

    @property
    def _chips(self) -> FlowLayout:
        """The chips' layout (the tests' way in)."""
        return self.tags.layout

    @property
    def _tag_edit(self) -> QLineEdit | None:
        """The tag box (the tests' way in)."""
        return self.tags.entry

    def _order_tabs(self) -> None:
        """Tab goes down the panel as it reads: identities, merge, the tags (made anew for
        each customer, so otherwise last), the note, the conversations."""
        ui = self.ui
        chain = [ui.identitiesList, self.merge_button, *self.tags.widgets(), ui.noteEdit,
                 ui.pastList]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def last_in_tab_order(self) -> QWidget:
        """The panel's last stop for Tab (what the window's next stop follows)."""
        return self.ui.pastList

    def focus_tag_entry(self) -> None:
        self.tags.focus_entry()

    def add_tag(self, tag: str) -> None:
        tag, customer_id, staff = tag.strip(), self.customer_id, self.staff
        if not tag or customer_id is None:
            return
        self.tags.clear_typed()  # sent: what is typed next is another tag
        self.jobs.run(lambda store: store.tag_customer(customer_id, tag, staff=staff),
                      lambda _r: self._after_change(customer_id),
                      lambda error: self._tag_not_added(customer_id, tag, error))

    def _tag_not_added(self, customer_id: int, tag: str, error: Exception) -> None:
        """The tag comes back to its box (unless another is being typed there now), and the
        error is reported as any other."""
        if self.customer_id == customer_id and not self.tags.typed():
            self.tags.put_back(tag)
        self.jobs.failed.emit(error, "")

    def remove_tag(self, tag: str) -> None:
        customer_id, staff = self.customer_id, self.staff
        if customer_id is None:
            return
        self.jobs.run(lambda store: store.untag_customer(customer_id, tag, staff=staff),
                      lambda _r: self._after_change(customer_id))

    # Name

    def _name_menu(self, position) -> None:
        if self.snapshot is None or self.read_only:
            return
        menu = QMenu(self)
        menu.addAction("Change the name…", self.edit_name)
        menu.exec(self.ui.customerName.mapToGlobal(position))

    def edit_name(self) -> None:
        """Asks for the customer's name: one the inbox made up from an address or a number
        ("+12075558429") is otherwise kept until a customer list names them."""
        if self.snapshot is None or self.read_only:
            return
        customer, staff = self.snapshot.customer, self.staff
        text, ok = QInputDialog.getText(self, "Customer name", "The customer's name:",
                                        QLineEdit.EchoMode.Normal, customer.name)
        name = " ".join(text.split())
        if not ok or name == customer.name:
            return
        if not name:
            self.problem.emit("A customer needs a name; the name stays as it was.")
            return
        customer_id = customer.id
        self.jobs.run(lambda store: store.rename_customer(customer_id, name, staff=staff),
                      lambda _r: self._after_change(customer_id))

    # Value

    def edit_value(self) -> None:
        """Asks what the customer has spent with the shop; empty means not known."""
        if self.snapshot is None or self.read_only:
            return
        customer, staff = self.snapshot.customer, self.staff
        current = "" if customer.value is None else f"{customer.value:.2f}"
        text, ok = QInputDialog.getText(
            self, "Customer value",
            f"What {customer.name} has spent with you"
            f"{f', in {self.currency}' if self.currency else ''} (e.g. 1250.50; empty if not"
            " known):",
            QLineEdit.EchoMode.Normal, current)
        if not ok or text.strip() == current:
            return
        from inbox_app.core.amounts import AmountError, parse_amount

        try:
            value = parse_amount(text)
        except AmountError as error:
            self.problem.emit(f"{capitalized(str(error))}; the value stays as it"
                              " was.")
            return
        customer_id = customer.id
        self.jobs.run(lambda store: store.set_customer_value(customer_id, value, staff=staff),
                      lambda _r: self._after_change(customer_id))

    # Notes and past conversations

    def _add_note(self) -> None:
        text, customer_id, staff = self.ui.noteEdit.text().strip(), self.customer_id, self.staff
        if not text or customer_id is None:
            return
        self.ui.noteEdit.clear()
        self.jobs.run(lambda store: store.add_note(text, customer_id=customer_id, staff=staff),
                      lambda _r: self._after_change(customer_id),
                      lambda error: self._note_not_kept(customer_id, text, error))

    def _note_not_kept(self, customer_id: int, text: str, error: Exception) -> None:
        """The typed note comes back to its box (unless another is being typed there now)
        and the reason is said: it was cleared as it was sent, and lost when not kept."""
        edit = self.ui.noteEdit
        if self.customer_id == customer_id and not edit.text():
            edit.setText(text)
        self.problem.emit(f"The note was not kept: {error}")

    def _after_change(self, customer_id: int) -> None:
        self.reload()
        self.changed.emit(customer_id)

    def _open_past(self, item: QListWidgetItem) -> None:
        """Opens the conversation; the last row shows the older ones in its place (after
        the click's other signals, which would find their row gone)."""
        if item is None:
            return
        if not is_show_all(item):
            self.conversation_opened.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        elif self.snapshot is not None and self._all_conversations_of != self.customer_id:
            self._all_conversations_of = self.customer_id
            QTimer.singleShot(0, self, self._show_conversations)

    @staticmethod
    def _fit(view) -> None:
        rows = view.count()
        height = sum(view.sizeHintForRow(i) for i in range(rows)) + 6 if rows else 0
        view.setFixedHeight(max(height, 4))
