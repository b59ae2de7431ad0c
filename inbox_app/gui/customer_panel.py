"""The customer beside the thread: who they are, where they reach us, tags, notes,
value, influence, activity and their other conversations."""

from __future__ import annotations

import html
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QListWidgetItem, QMenu, QStyle, QWidget

from inbox_app.core.amounts import is_a_code, money
from inbox_app.core.identity import DEFAULT_REGION, format_phone
from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.text import capitalized, wrappable
from inbox_app.core.timeutil import relative
from inbox_app.gui import icons
from inbox_app.gui.customer_tags import TagChips
from inbox_app.gui.flow_layout import FlowLayout, TileLayout
from inbox_app.gui.forms.ui_customer_panel import Ui_CustomerPanel
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.loaders import CustomerSnapshot, load_customer
from inbox_app.gui.theme import colors, repolish
from inbox_app.gui.thread_html import SHOWN_NAME
from inbox_app.gui.widgets import ElidingLinkButton, show_shortened

IDENTITY_ICONS = {"email": "email", "phone": "phone", "mastodon": "mastodon",
                  "bluesky": "bluesky", "telegram": "telegram", "feed": "feed"}
MIN_WIDTH = 200
STATUS_MARK = {"open": "●", "snoozed": "◐", "closed": "✓"}
LATEST_NOTES = 5  # shown at first; the older ones are a click away
ALL_NOTES_LINK = "notes:all"
# A note's run without a space longer than this (a pasted link, an order reference) gets
# places to wrap, after its punctuation and every NOTE_PIECE characters: the label cannot
# break it, and made the pane, and the window, as wide as the run.
NOTE_RUN = 20
NOTE_PIECE = 12
NOTE_BREAKS = "/?&=#._-"


def compact_number(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    if value >= 1_000:
        return f"{value / 1000:.1f}k"
    return f"{value:,.0f}"


def compact_money(value: float | None, currency: str = "") -> str:
    """Whole units to 99,999 ("€1,251"), then short ("€250k"): the tile is narrow, so a
    currency written with letters (CHF) goes in the tile's caption instead."""
    if value is None:
        return "–"
    sign = "" if is_a_code(currency) else currency
    if abs(value) < 100_000:
        return money(value, sign, cents=False)
    return ("-" if value < 0 else "") + sign + compact_number(abs(value))


def tile_caption(currency: str) -> str:
    return f"Value ({currency})" if is_a_code(currency) else "Value"


def wrappable_note(text: str) -> str:
    """`text` with invisible places to wrap inside its long runs without a space: links
    too, as a note shows them as plain text in a pane 200 pixels wide."""
    return wrappable(text, NOTE_PIECE, longer_than=NOTE_RUN, after=NOTE_BREAKS,
                     links_whole=False)


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
        self.ui.notesLabel.linkActivated.connect(self._on_notes_link)
        self.ui.noteEdit.returnPressed.connect(self._add_note)
        self.ui.pastList.itemActivated.connect(self._open_past)
        self.ui.pastList.itemClicked.connect(self._open_past)
        identities = self.ui.identitiesList
        identities.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        identities.customContextMenuRequested.connect(self._identity_menu)
        # Short words: the link's width is the pane's narrowest (the whole offer is in the
        # identities' menu and the tooltip).
        self.merge_button = ElidingLinkButton("Merge customers…",
                                              self.ui.customerPanel)
        self.merge_button.setProperty("role", "link")
        self.merge_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.merge_button.setToolTip("The same person under two names? Merge them (Shift+M)."
                                     " Right-click an identity to split it off.")
        self.merge_button.clicked.connect(self.merge_requested)
        layout = self.ui.panelLayout
        layout.insertWidget(layout.indexOf(identities) + 1, self.merge_button)
        self._order_tabs()
        self._place_figures()
        for view in (self.ui.pastList, self.ui.identitiesList):
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ui.valueTile.setCursor(Qt.CursorShape.PointingHandCursor)
        self.ui.valueTile.installEventFilter(self)
        name = self.ui.customerName
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

    def minimumSizeHint(self) -> QSize:
        """Never narrower than what the panel shows needs (the widest figure tile, the
        merge link's words whole, the margins, and a scroll bar): the window's splitter
        would otherwise cut its right edge off."""
        hint = super().minimumSizeHint()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self.ui.panelLayout.contentsMargins()
        link = self.merge_button
        link_words = link.fontMetrics().horizontalAdvance(link.full_text) + 5  # its 4 px slack
        inside = max(self.ui.customerPanel.minimumSizeHint().width(),
                     link_words + margins.left() + margins.right())
        return QSize(max(hint.width(), inside + scroll_bar + 2, MIN_WIDTH), hint.height())

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
        show_shortened(ui.customerName, customer.name, SHOWN_NAME)
        if not ui.customerName.toolTip():
            ui.customerName.setToolTip("Double-click to change the name.")
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
        ui.identitiesList.clear()
        for identity in customer.identities:
            shown = identity.display or identity.value
            if identity.kind == "phone":
                shown = format_phone(identity.value, self.phone_region)
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, identity.id)
            kind = IDENTITY_ICONS.get(identity.kind)
            if kind:
                item.setIcon(icons.channel_icon(kind))
            tip = KIND_LABELS.get(identity.kind, identity.kind)
            if identity.followers:
                tip += f" · {identity.followers:,} followers"
            item.setToolTip(tip)
            ui.identitiesList.addItem(item)
        self._fit(ui.identitiesList)
        self._fill_tags(list(customer.tags))
        self._show_notes()
        ui.pastList.clear()
        for row in snapshot.conversations[:30]:
            title = (row["subject"] or row["preview"] or "").strip() or "(no text)"
            item = QListWidgetItem(f"{title}\n{STATUS_MARK.get(row['status'], '')}"
                                   f" {row['status']} · {relative(row['last_at'])}")
            item.setIcon(icons.channel_icon(row["kind"]))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            item.setToolTip(f"#{row['id']} · {KIND_LABELS.get(row['kind'], row['kind'])}")
            ui.pastList.addItem(item)
        ui.pastTitle.setText(f"CONVERSATIONS ({len(snapshot.conversations)})")
        self._restore_typed(customer.id)
        if tags_focused is not None and customer.id == shown_before:
            self.tags.focus_place(tags_focused)
        self._apply_read_only()
        self.updateGeometry()  # the stats it shows may need more width (minimumSizeHint)

    def _show_notes(self) -> None:
        """The latest notes, each with its lines, who wrote it and when; the older ones
        behind a link (a sixth note would otherwise hide the first for good)."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        c = colors()
        every = self._all_notes_of == snapshot.customer.id
        shown = snapshot.notes if every else snapshot.notes[-LATEST_NOTES:]
        older = len(snapshot.notes) - len(shown)
        notes = [
            f'<p style="margin:0 0 6px 0;">'
            f'{html.escape(wrappable_note(n.text)).replace(chr(10), "<br>")}'
            f'<br><span style="color:{c["muted"]};">{html.escape(n.staff or "someone")} · '
            f'{relative(n.at)}</span></p>'
            for n in shown
        ]
        if older:
            notes.insert(0, f'<p style="margin:0 0 6px 0;"><a href="{ALL_NOTES_LINK}">Show'
                            f' {older} older note{"s" if older != 1 else ""}</a></p>')
        self.ui.notesLabel.setText("".join(notes))
        self.ui.notesLabel.setVisible(bool(notes))

    def _on_notes_link(self, link: str) -> None:
        if link == ALL_NOTES_LINK and self.snapshot is not None:
            self._all_notes_of = self.snapshot.customer.id
            self._show_notes()

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
        if item is None or self.read_only:
            return
        menu = QMenu(self)
        split = menu.addAction(icons.icon("split"), "Split off into a new customer…")
        split.setEnabled(view.count() > 1)
        if view.count() < 2:
            split.setToolTip("The customer's only identity cannot be split off.")
        split.triggered.connect(lambda: self.split_requested.emit(
            int(item.data(Qt.ItemDataRole.UserRole)), item.text()))
        merge = menu.addAction(icons.icon("merge"), "Merge with another customer…")
        merge.triggered.connect(self.merge_requested)
        menu.exec(view.viewport().mapToGlobal(position))

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
        self.conversation_opened.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    @staticmethod
    def _fit(view) -> None:
        rows = view.count()
        height = sum(view.sizeHintForRow(i) for i in range(rows)) + 6 if rows else 0
        view.setFixedHeight(max(height, 4))
