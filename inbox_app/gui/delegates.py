"""Painting the queue's cards and the left bar's rows."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from inbox_app.core.text import one_line
from inbox_app.gui import icons
from inbox_app.gui.models.queue_model import QueueRole
from inbox_app.gui.models.sidebar_model import SidebarRole
from inbox_app.gui.theme import colors

CARD_HEIGHT = 84
AVATAR = 36
MOOD_COLORS = {"negative": "danger", "positive": "success"}


def _font(base: QFont, *, size: float | None = None, bold: bool = False,
          weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    if size is not None:
        font.setPointSizeF(size)
    if weight is not None:
        font.setWeight(weight)
    elif bold:
        font.setBold(True)
    return font



def _pill(painter: QPainter, right: float, top: float, text: str, font: QFont,
          fg: str, bg: str) -> float:
    """Draws a rounded label ending at `right`; returns its left edge."""
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(text) + 12
    rect = QRectF(right - width, top, width, metrics.height() + 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(bg))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setFont(font)
    painter.setPen(QColor(fg))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect.left()


def focus_ring(painter: QPainter, rect: QRectF, radius: float) -> None:
    """The ring round the current row while its list has the keyboard focus: the selection
    alone looks the same whether the keys go to this list or to another pane."""
    painter.save()
    painter.setPen(QPen(QColor(colors()["accent"]), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    painter.restore()


class QueueDelegate(QStyledItemDelegate):
    """A card: avatar with a channel badge, name and time, subject, preview, and markers
    for mood, unread, assignee and follow-up date."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(320, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        c = colors()
        row = index.data(QueueRole.ROW)
        if row is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.fillRect(rect, QColor(c["panel"]))
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if selected or hovered or focused:
            card = rect.adjusted(6, 2, -6, -2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c["selected"] if selected else c["hover"]))
            painter.drawRoundedRect(card, 8, 8)
            if focused:
                focus_ring(painter, card, 8)
        else:
            painter.setPen(QPen(QColor(c["border"]), 1))
            painter.drawLine(QPointF(rect.left() + 62, rect.bottom()),
                             QPointF(rect.right() - 12, rect.bottom()))

        base = option.font
        unread = row.unread
        left = rect.left() + 16
        if unread:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c["accent"]))
            painter.drawEllipse(QPointF(rect.left() + 9, rect.top() + 30), 3.5, 3.5)
        avatar = QRectF(left, rect.top() + 12, AVATAR, AVATAR)
        name = one_line(row.customer_name)
        icons.paint_avatar(painter, avatar, name, base)
        badge = icons.channel_pixmap(row.kind, 16)
        badge_rect = QRectF(avatar.right() - 12, avatar.bottom() - 12, 17, 17)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c["selected"] if selected else c["panel"]))
        painter.drawEllipse(badge_rect.adjusted(-1.5, -1.5, 1.5, 1.5))
        painter.drawPixmap(badge_rect.adjusted(0.5, 0.5, -0.5, -0.5).toRect(), badge)

        text_left = avatar.right() + 12
        right = rect.right() - 16
        name_font = _font(base, weight=QFont.Weight.Bold if unread else QFont.Weight.DemiBold)
        small = _font(base, size=max(7.0, base.pointSizeF() - 1.5))
        small_bold = _font(small, bold=True)
        time_text = index.data(QueueRole.TIME_TEXT) or ""
        painter.setFont(small_bold if unread else small)
        painter.setPen(QColor(c["accent"] if unread else c["muted"]))
        time_width = QFontMetrics(painter.font()).horizontalAdvance(time_text)
        top = rect.top() + 10
        line = QFontMetrics(name_font).height()
        painter.drawText(QRectF(right - time_width, top, time_width, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, time_text)

        name_right = right - time_width - 8
        mood = index.data(QueueRole.SENTIMENT)
        if mood in MOOD_COLORS:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c[MOOD_COLORS[mood]]))
            painter.drawEllipse(QPointF(name_right - 4, top + line / 2), 4, 4)
            name_right -= 14
        painter.setFont(name_font)
        painter.setPen(QColor(c["text"]))
        metrics = QFontMetrics(name_font)
        painter.drawText(QRectF(text_left, top, name_right - text_left, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                            int(name_right - text_left)))

        subject_top = top + line + 1
        subject = one_line(row.subject)
        preview = one_line(row.preview)
        if not subject or subject == preview:
            subject, preview = preview, ""
        subject_font = _font(base, bold=unread)
        painter.setFont(subject_font)
        painter.setPen(QColor(c["text"]))
        subject_metrics = QFontMetrics(subject_font)
        width = int(right - text_left)
        painter.drawText(QRectF(text_left, subject_top, width, subject_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         subject_metrics.elidedText(subject, Qt.TextElideMode.ElideRight, width))

        bottom_top = subject_top + subject_metrics.height() + 1
        pill_right = right
        due = index.data(QueueRole.DUE_STATE)
        if due == "overdue":
            pill_right = _pill(painter, pill_right, bottom_top, "Overdue", small_bold,
                               c["danger"], c["danger_soft"]) - 6
        elif due == "today":
            pill_right = _pill(painter, pill_right, bottom_top, "Due today", small_bold,
                               c["warning"], c["note"]) - 6
        if row.status == "snoozed":
            pill_right = _pill(painter, pill_right, bottom_top, "Snoozed", small,
                               c["muted"], c["hover"]) - 6
        if row.assignee:
            size = QFontMetrics(small).height() + 2
            circle = QRectF(pill_right - size, bottom_top, size, size)
            icons.paint_avatar(painter, circle, row.assignee, base)
            pill_right = circle.left() - 6
        if preview:
            painter.setFont(base)
            painter.setPen(QColor(c["muted"]))
            metrics = QFontMetrics(base)
            width = int(pill_right - text_left)
            painter.drawText(QRectF(text_left, bottom_top, width, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(preview, Qt.TextElideMode.ElideRight, width))
        painter.restore()


# The left bar's row, left to right: 12 px, the 16 px icon, 10 px, the name, 6 px, the red
# mark of a failing account (14 px with its gap), the count's pill, 10 px.
SIDEBAR_TEXT_LEFT = 38
SIDEBAR_RIGHT_PAD = 10
SIDEBAR_PILL_PAD = 12  # the pill's width beyond its figure
SIDEBAR_PILL_GAP = 6
SIDEBAR_ERROR_MARK = 14
SIDEBAR_ROW_HEIGHT = 32  # at the design's 10 pt; a larger font gets taller rows
SIDEBAR_SECTION_HEIGHT = 34


def sidebar_name_font(base: QFont, selected: bool) -> QFont:
    return _font(base, weight=QFont.Weight.DemiBold if selected else QFont.Weight.Normal)


def sidebar_count_font(base: QFont, selected: bool) -> QFont:
    return _font(base, size=max(7.0, base.pointSizeF() - 1.5), bold=selected)


def sidebar_section_font(base: QFont) -> QFont:
    font = _font(base, size=max(7.0, base.pointSizeF() - 2), bold=True)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.8)
    return font


def _advance(font: QFont, text: str) -> int:
    """The whole pixels `text` takes, rounded up: eliding compares the fractional width,
    so a width rounded down would cut the name's last letter to "…"."""
    return math.ceil(QFontMetricsF(font).horizontalAdvance(text))


def _pill_width(font: QFont, count: int) -> int:
    return _advance(font, f"{count:,}") + SIDEBAR_PILL_PAD


class SidebarDelegate(QStyledItemDelegate):
    """Rows with an icon, a label and a count; section titles in small capitals; a red
    mark on an account whose last poll failed (the error is the tooltip).

    A row's size hint is the width it needs whole, chosen or not (a chosen row's name and
    count are bold), in the font it is painted with, up to `room`: the window widens the
    bar to the widest row's need (window_state.fit_sidebar), so a larger desktop font cuts
    no names."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # The widest a row is laid out (the bar's narrowest inside), set by the window: a list
        # lays every row out as wide as its widest hint, so one name longer than the bar
        # has room for would push every count out of sight.
        self.room: int | None = None

    def needed_width(self, font: QFont, index: QModelIndex) -> int:
        """The width the row needs to show whole in `font`, chosen or not."""
        if index.data(SidebarRole.IS_SECTION):
            return 12 + _advance(sidebar_section_font(font), str(index.data()).upper()) + 8
        width = SIDEBAR_TEXT_LEFT + SIDEBAR_RIGHT_PAD + max(
            _advance(sidebar_name_font(font, selected), str(index.data()))
            for selected in (False, True))
        count = index.data(SidebarRole.COUNT)
        if count:
            width += SIDEBAR_PILL_GAP + max(_pill_width(sidebar_count_font(font, selected), count)
                                            for selected in (False, True))
        if index.data(SidebarRole.ERROR):
            width += SIDEBAR_ERROR_MARK
        return width

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = self.needed_width(option.font, index)
        if self.room is not None:
            width = min(width, self.room)
        line = QFontMetrics(option.font).height()
        if index.data(SidebarRole.IS_SECTION):
            return QSize(width, max(SIDEBAR_SECTION_HEIGHT, line + 18))
        return QSize(width, max(SIDEBAR_ROW_HEIGHT, line + 12))

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,  # noqa: N802 — Qt's
                  option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        """A name cut to "…" (a long tag, or a bar that gave way to a small screen) is whole
        in its tooltip, above an account's health."""
        if event is None or event.type() != QEvent.Type.ToolTip or \
                index.data(SidebarRole.IS_SECTION):
            return super().helpEvent(event, view, option, index)
        tip = index.data(Qt.ItemDataRole.ToolTipRole) or ""
        in_sight = min(option.rect.right(), view.viewport().width() - 1) - option.rect.left() + 1
        if self.needed_width(option.font, index) > in_sight:
            tip = f"{index.data()}\n{tip}" if tip else str(index.data())
        if not tip:
            QToolTip.hideText()
            return True
        QToolTip.showText(event.globalPos(), tip, view, view.visualRect(index))
        return True

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        c = colors()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect)
        base = option.font
        if index.data(SidebarRole.IS_SECTION):
            painter.setFont(sidebar_section_font(base))
            painter.setPen(QColor(c["muted"]))
            painter.drawText(rect.adjusted(12, 10, -8, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             str(index.data()).upper())
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if selected or hovered or focused:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c["selected"] if selected else c["hover"]))
            painter.drawRoundedRect(rect.adjusted(2, 1, -2, -1), 7, 7)
            if focused:
                focus_ring(painter, rect.adjusted(2, 1, -2, -1), 7)
        icon_name = index.data(SidebarRole.ICON_NAME)
        if icon_name:
            tint = c["accent"] if selected else None
            pix = icons.pixmap(icon_name, 16, tint) if not icon_name.startswith("channel-") \
                else icons.channel_pixmap(icon_name[len("channel-"):], 16)
            painter.drawPixmap(int(rect.left() + 12), int(rect.center().y() - 8), pix)
        count = index.data(SidebarRole.COUNT)
        right = rect.right() - SIDEBAR_RIGHT_PAD
        if count:
            font = sidebar_count_font(base, selected)
            width = _pill_width(font, count)
            height = max(18, QFontMetrics(font).height() + 2)
            pill = QRectF(right - width, rect.center().y() - height / 2, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c["panel"] if selected else c["hover"]))
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setFont(font)
            painter.setPen(QColor(c["accent"] if selected else c["muted"]))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, f"{count:,}")
            right = pill.left() - SIDEBAR_PILL_GAP
        if index.data(SidebarRole.ERROR):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c["danger"]))
            painter.drawEllipse(QPointF(right - 4, rect.center().y()), 4, 4)
            right -= SIDEBAR_ERROR_MARK
        font = sidebar_name_font(base, selected)
        painter.setFont(font)
        painter.setPen(QColor(c["accent"] if selected else c["text"]))
        metrics = QFontMetrics(font)
        left = rect.left() + SIDEBAR_TEXT_LEFT
        painter.drawText(QRectF(left, rect.top(), right - left, rect.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight,
                                            int(right - left)))
        painter.restore()
