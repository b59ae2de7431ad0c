"""The conversation header's two text lines, fitted to the pane as it is resized: the subject
to its share of the pane's height (cut at a word, whole in its tooltip), and the line under
it ("#651 · Email · Open · Assigned to Maya Okafor · Follow up Wed") wrapping between its
parts. That line did not wrap: at 1,024 pixels wide it ran off the pane, the follow-up
date first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from inbox_app.gui.thread_html import SHOWN_TITLE
from inbox_app.gui.widgets import fit_to_height

# How thread_html.header_line joins its parts inside its one coloured span.
SEPARATOR = "  ·  "
KEPT_WHOLE = '<span style="white-space:nowrap;">'


def meta_parts(markup: str) -> tuple[str, list[str], str] | None:
    """header_line's markup as (its opening span, its parts, its closing), or None when it
    is not one span of parts joined by SEPARATOR."""
    head, _, rest = markup.partition(">")
    if not head.startswith("<span") or not rest.endswith("</span>"):
        return None
    return head + ">", rest.removesuffix("</span>").split(SEPARATOR), "</span>"


def part_width(part: str, font: QFont) -> float:
    """The width a part takes on one line, in `font` (bold where it is bold)."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setHtml(part + "\u00a0·")
    return document.idealWidth()


def wrapping_meta(markup: str, font: QFont, width: int) -> str:
    """The line under the subject, for a label `width` pixels wide: it breaks only between
    its parts, each with its "·", where a part fits a line; a part wider than that (a long
    name) may break inside, rather than run off the pane."""
    split = meta_parts(markup)
    if split is None:
        return markup
    opening, parts, closing = split
    pieces = []
    for number, part in enumerate(parts):
        text = part if number == len(parts) - 1 else part + "&nbsp;·"
        fits = width <= 0 or part_width(part, font) <= width
        pieces.append(f"{KEPT_WHOLE}{text}</span>" if fits else text)
    return opening + " ".join(pieces) + closing


class HeaderFit(QObject):
    """Fits the subject and the meta line of `pane`'s header to the pane, again whenever
    the labels' width or the pane's height change. `subject_share` is the share of the
    pane's height the subject may take (two lines at least)."""

    def __init__(self, pane: QWidget, subject: QLabel, meta: QLabel, subject_share: float):
        super().__init__(pane)
        self.pane, self.subject_label, self.meta_label = pane, subject, meta
        self.subject_share = subject_share
        self.subject = ""
        self.meta = ""
        self._subject_fitted = (-1, -1)  # the label's width and the pane's height it fits
        self._meta_fitted = -1  # the label's width
        meta.setWordWrap(True)
        meta.setMinimumWidth(1)  # a long part must not widen the pane; it wraps instead
        meta.setTextFormat(Qt.TextFormat.RichText)
        for watched in (pane, subject, meta):
            watched.installEventFilter(self)

    def show(self, subject: str, meta_markup: str) -> None:
        self.subject, self.meta = subject, meta_markup
        self.fit_subject()
        self.fit_meta()

    def fit_subject(self) -> None:
        label, height = self.subject_label, self.pane.height()
        self._subject_fitted = (label.width(), height)
        fit_to_height(label, self.subject, int(height * self.subject_share), SHOWN_TITLE)

    def fit_meta(self) -> None:
        label = self.meta_label
        self._meta_fitted = label.width()
        label.setText(wrapping_meta(self.meta, label.font(), label.contentsRect().width()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Resize:
            return super().eventFilter(watched, event)
        if self.subject and (
                (watched is self.pane and self._subject_fitted[1] != self.pane.height())
                or (watched is self.subject_label
                    and event.size().width() != self._subject_fitted[0])):
            self.fit_subject()
        if watched is self.meta_label and self.meta and event.size().width() != self._meta_fitted:
            self.fit_meta()
        return super().eventFilter(watched, event)

