"""Small widgets: labels and links that give way in a narrow window instead of pushing it
wider (their text ends in "…" where it does not fit, the whole of it in the tooltip), the
thread's browser, and the dialogs' base that opens them big enough for what they hold."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QMimeData, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from inbox_app.core.text import shortened, wrappable
from inbox_app.gui.theme import indicator_palette

LABEL_RUN = 12
QWIDGETSIZE_MAX = (1 << 24) - 1  # a label's unbroken run wraps sooner than the thread's: a panel is narrow


def show_shortened(label: QLabel, text: str, length: int) -> None:
    """At most `length` characters of a customer's words in a word-wrapping label, able to
    wrap anywhere in a long run; all of them in the tooltip when they were cut."""
    label.setText(wrappable(shortened(text, length), LABEL_RUN))
    label.setToolTip(text if len(text) > length else "")


def fit_to_height(label: QLabel, text: str, height: int, length: int, least_lines: int = 2) -> None:
    """As `show_shortened`, then cut shorter (at a word, ending in "…") until the word-wrapped
    label is at most `height` pixels tall at its width now — or `least_lines` lines, if
    more; all of the text in the tooltip when cut. Call again when its width changes."""

    def shown(characters: int) -> str:
        return wrappable(shortened(text, characters, at_word=True), LABEL_RUN)

    margins = label.contentsMargins().top() + label.contentsMargins().bottom()
    label.setText("X")  # one line as the label lays it out (a stylesheet's font included)
    line = label.heightForWidth(label.width()) - margins
    room = max(height, margins + least_lines * line)

    def fits(characters: int) -> bool:
        label.setText(shown(characters))
        return label.heightForWidth(label.width()) <= room

    longest = min(len(text), length)
    if label.width() > 0 and not fits(longest):
        fitting, too_long = 1, longest  # a binary search: each try lays out a few lines
        while too_long - fitting > 1:
            middle = (fitting + too_long) // 2
            if fits(middle):
                fitting = middle
            else:
                too_long = middle
        longest = fitting
    label.setText(shown(longest))
    label.setToolTip(text if len(text) > longest else "")


class ElidingLabel(QLabel):
    """One line of plain text; `text()` is always the whole of it. A shorter form of it
    (`set_short`) can stand in for it where a layout has no room for the whole."""

    def __init__(self, *args):
        super().__init__(*args)
        self._full = super().text()
        self._short = ""
        self.short_shown = False
        self.fixed_tip = ""  # see setToolTip
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what someone typed

    def text(self) -> str:
        return self._full

    def setText(self, text: str, short: str = "") -> None:
        """`short`: what is shown instead while `show_short(True)` (a count's number)."""
        self._full, self._short = text, short
        self.updateGeometry()
        self._elide()

    def short_text(self) -> str:
        return self._short or self._full

    def show_short(self, short: bool) -> None:
        if short != self.short_shown:
            self.short_shown = short
            self.updateGeometry()
            self._elide()

    def width_for(self, text: str) -> int:
        """The width the label needs to show `text` whole."""
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2

    def sizeHint(self) -> QSize:
        shown = self.short_text() if self.short_shown else self._full
        return QSize(self.width_for(shown), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        source = self.short_text() if self.short_shown else self._full
        shown = self.fontMetrics().elidedText(source, Qt.TextElideMode.ElideRight,
                                              self.contentsRect().width())
        QLabel.setText(self, shown)
        cut = shown != self._full
        QLabel.setToolTip(self, self.fixed_tip or (self._full if cut else ""))
        # A screen reader reads the whole sentence, not "9" or "Competitor: the ro…".
        self.setAccessibleName(self._full if cut else "")

    def setToolTip(self, tip: str) -> None:
        """A tooltip of the caller's own, shown whether or not the text was cut (it should
        say the whole text too); an empty one gives the whole text back when cut."""
        self.fixed_tip = tip
        self._elide()


def heading_lines(room: int, *, title: int, count: int, short_count: int, order: int,
                  gap: int) -> tuple[int, bool]:
    """How a list's heading — its name, its count and an order combo, each `…` pixels wide
    — fits `room` pixels: on one line or two (the combo on a line of its own), and whether
    the count shows only its number. The fewest lines first, then the whole count."""
    for lines in (1, 2):
        for short in (False, True):
            needed = title + gap + (short_count if short else count)
            if lines == 1:
                needed += gap + order
            if needed <= room:
                return lines, short
    return 2, True


class HeadingFit(QObject):
    """Lays a list's heading out in its grid `layout` for the room it has (see
    `heading_lines`), again whenever its row is resized, its font changes or `fit()` is
    called after a text changed: at 1,024 pixels the three shared one row and the count
    read "9 conver…", on a 14 pt desktop "…".

    `title` and `count` are ElidingLabels in row 0 (columns 0 and 1, the count's taking
    the room left), `order` the combo (column 2, or under them on the right)."""

    def __init__(self, row: QWidget, layout: QGridLayout, title: ElidingLabel,
                 count: ElidingLabel, order: QWidget):
        super().__init__(row)
        self.row, self.layout = row, layout
        self.title, self.count, self.order = title, count, order
        self._lines = 0
        for watched in (row, title, count):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self.fit()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        margins = self.layout.contentsMargins()
        room = self.row.width() - margins.left() - margins.right()
        if room <= 0:
            return
        gap = max(0, self.layout.horizontalSpacing())
        lines, short = heading_lines(
            room, title=self.title.width_for(self.title.text()),
            count=self.count.width_for(self.count.text()),
            short_count=self.count.width_for(self.count.short_text()),
            order=self.order.sizeHint().width(), gap=gap)
        self.count.show_short(short)
        # The count keeps its words; the title (a long tag's name) is what gives way.
        self.count.setMinimumWidth(self.count.sizeHint().width())
        if lines != self._lines:
            self._lines = lines
            self.layout.removeWidget(self.order)
            if lines == 1:
                self.layout.addWidget(self.order, 0, 2)
            else:  # within the first two columns: an empty third adds no spacing
                self.layout.addWidget(self.order, 1, 0, 1, 2, Qt.AlignmentFlag.AlignRight)


class HintLabel(QLabel):
    """A word-wrapped hint whose words may name a place to go as a link (Tab reaches it,
    Enter follows it). `text()` is the words as they read, without the markup; a screen
    reader hears them and where Enter goes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._words = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)

    def text(self) -> str:
        return self._words

    def focusInEvent(self, event) -> None:
        """Tab lands on the link itself, so Enter follows it (a label's own Tab stop came
        first: Enter there did nothing, and it took a second Tab)."""
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            QLabel.focusNextPrevChild(self, event.reason() == Qt.FocusReason.TabFocusReason)

    def show_hint(self, words: str, link: tuple[str, str] | None = None) -> None:
        """`link`: (href, the words in `words` that become its link) or None."""
        self._words = words
        shown = html.escape(words, quote=False)
        href, place = link or ("", "")
        if place and html.escape(place, quote=False) in shown:
            anchor = f'<a href="{html.escape(href)}">{html.escape(place, quote=False)}</a>'
            shown = shown.replace(html.escape(place, quote=False), anchor, 1)
            self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            self.setAccessibleDescription(f"Link: {place}. Enter opens it.")
        else:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.setAccessibleDescription("")
        self.setAccessibleName(words)
        QLabel.setText(self, shown)


class ElidingLinkButton(QPushButton):
    """A link-styled button (its role set by the caller) that keeps one line."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.full_text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width() - 4
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)


class ThreadBrowser(QTextBrowser):
    """The conversation thread. Long unbroken runs are shown with zero-width spaces to
    wrap at (core.text.wrappable); what is copied leaves them out."""

    def createMimeDataFromSelection(self) -> QMimeData:
        copied = super().createMimeDataFromSelection()
        clean = QMimeData()
        if copied.hasText():
            clean.setText(copied.text().replace("\u200b", ""))
        if copied.hasHtml():
            clean.setHtml(copied.html().replace("\u200b", ""))
        return clean


def room_on_screen(widget: QWidget) -> QSize | None:
    """The room the widget's screen has for a window, or None offscreen (tests,
    --screenshot), whose nominal 800×600 "screen" holds a larger window fine."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return None
    return screen.availableGeometry().size()


class FittedDialog(QDialog):
    """A dialog that opens at least at its size hint and cannot be made smaller than its
    layout needs.

    Qt opens a dialog at its size hint cut to two thirds of the screen, but never below
    the minimum size its form sets; a form whose minimum is smaller than what its layout
    needs (the Rules dialog: 820×540 set, 811×575 needed) then opened squeezed, its rows
    overlapping. Here the whole size hint is used, within the screen's room.

    In a text field of several lines Enter is a new line; Ctrl+Enter presses the dialog's
    default button, as it sends from the composer (Log a call's summary, a template's text).
    """

    _fitted = False
    _fitted_size: QSize | None = None  # the size this gave it, until the person resizes it

    def setVisible(self, visible: bool) -> None:
        if visible and not self._fitted:
            self._fitted = True
            self.fit_to_contents()
            for field in self.findChildren(QPlainTextEdit) + self.findChildren(QTextEdit):
                field.installEventFilter(self)
        super().setVisible(visible)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress
                and isinstance(watched, (QPlainTextEdit, QTextEdit))
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            default = next((button for button in self.findChildren(QPushButton)
                            if button.isDefault() and button.isVisible()
                            and button.isEnabled()), None)
            if default is not None:
                default.click()
                return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # What a dialog reads once open (the rules, the templates) may need more room.
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible() \
                and self.size() == self._fitted_size:
            self.fit_to_contents()
        return handled

    def fit_to_contents(self) -> None:
        """Grows the dialog to its size hint, within the screen; never shrinks it."""
        self.ensurePolished()
        least = self.minimumSize()
        if not least.isNull() and least.expandedTo(self.minimumSizeHint()) != least:
            # A minimum the form sets keeps the layout from setting its own: the larger.
            self.setMinimumSize(least.expandedTo(self.minimumSizeHint()))
        size = self.size() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) \
            else self.minimumSize()
        hint = self.sizeHint()
        room = room_on_screen(self) or QSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        width = min(max(size.width(), hint.width()), room.width())
        height = hint.height()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():  # words wrapped at that width
            height = max(height, layout.totalHeightForWidth(width))
        height = min(max(size.height(), height), room.height())
        wanted = QSize(width, height).expandedTo(size).expandedTo(self.minimumSize())
        if wanted != self.size() or not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            self.resize(wanted)
        self._fitted_size = self.size()


class TickDelegate(QStyledItemDelegate):
    """Draws a list's tick boxes in the theme's indicator colours (theme.indicator_palette):
    with the view's own, a dark theme's empty boxes could not be seen."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        super().initStyleOption(option, index)
        if option.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            option.palette = indicator_palette(option.palette)
