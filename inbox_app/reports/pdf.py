"""The summary as a PDF: the charts of gui/charts.py, pages of text and tables.

The one module outside `inbox_app/gui` allowed to use PySide6; it imports Qt only inside
functions (so do the charts): importing this module costs nothing, and
the command line, the store and the other renderers never load Qt.

Charts are QtCharts `QChart`s painted straight into the PDF (vector, so they
print sharply); text is laid out with `QTextDocument`. QtCharts needs a
QApplication (a bare QGuiApplication crashes it), so `application()` makes
one — offscreen unless the caller chose a platform — when none exists.
Everything is measured in CSS pixels (96 per inch) on an A4 page; the PDF
itself is written at 300 dpi.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.gui.charts import CARD, CHARTS, FAMILY_NAMES, INK, MUTED, qt_colour, qt_font
from inbox_app.gui.pdf_text import drawable
from inbox_app.reports import formatting as fmt
from inbox_app.reports.figures import Figures
from inbox_app.reports.output import ReportError, replace_atomically

PAGE_WIDTH, PAGE_HEIGHT = 793.7, 1122.5  # A4 in CSS pixels
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"  # Unicode bidi isolates
MARGIN = 48.0
DPI = 300

_application: Any = None


def application():
    """The running QApplication, or a new offscreen one when there is none."""
    global _application
    from PySide6.QtCore import QCoreApplication

    existing = QCoreApplication.instance()
    if existing is not None:
        from PySide6.QtWidgets import QApplication

        if not isinstance(existing, QApplication):
            raise ReportError("Charts need a QApplication, but this program runs a plain "
                              "Qt application.")
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _application = QApplication(["inbox-app"])
    return _application


# Pages


@dataclass
class _Canvas:
    """Lays blocks down a page top to bottom; with `painter` None it only measures,
    which is how the first pass learns how many pages there will be."""

    painter: Any
    new_page: Callable[[], None]
    y: float = MARGIN
    page: int = 1

    @property
    def width(self) -> float:
        return PAGE_WIDTH - 2 * MARGIN

    @property
    def bottom(self) -> float:
        return PAGE_HEIGHT - MARGIN - 20

    def room_for(self, height: float) -> None:
        if self.y + height > self.bottom and self.y > MARGIN:
            self.page_break()

    def page_break(self) -> None:
        self.page += 1
        if self.painter is not None:
            self.new_page()
        self.y = MARGIN

    def document(self, html: str, width: float | None = None, pixels: float = 11.5):
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setUseDesignMetrics(True)
        document.setDocumentMargin(0)
        document.setDefaultFont(qt_font(pixels))
        document.setDefaultStyleSheet(
            f"body, table, td, th, p, div {{ color: {INK}; }}"
            f" .muted {{ color: {MUTED}; }} th {{ color: {MUTED}; font-weight: 600; }}"
        )
        document.setHtml(f"<body>{html}</body>")
        document.setTextWidth(self.width if width is None else width)
        return document

    def text(self, html: str, *, x: float = MARGIN, width: float | None = None,
             pixels: float = 11.5, advance: bool = True, keep: float = 0) -> float:
        document = self.document(html, width, pixels)
        height = document.size().height()
        if advance:
            self.room_for(height + keep)
        if self.painter is not None:
            self.painter.save()
            self.painter.translate(x, self.y)
            document.drawContents(self.painter)
            self.painter.restore()
        if advance:
            self.y += height
        return height

    def chart(self, chart, height: float, *, x: float = MARGIN, width: float | None = None,
              advance: bool = True) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtWidgets import QGraphicsScene

        width = self.width if width is None else width
        if advance:
            self.room_for(height)
        if self.painter is not None:
            chart.resize(width, height)
            scene = QGraphicsScene()
            scene.addItem(chart)
            scene.render(self.painter, QRectF(x, self.y, width, height),
                         QRectF(0, 0, width, height))
            scene.removeItem(chart)
        if advance:
            self.y += height

    def table(self, header: list[tuple[str, str, int]], rows: list[list[str]], *,
              pixels: float = 11) -> None:
        """A table that goes on over as many pages as its rows need, its header on each:
        drawn whole, a long one (fifty staff) ran off the page and lost its last rows."""
        start = 0
        while start < len(rows):
            room = self.bottom - self.y
            if self._table_height(header, rows, start, start + 1, pixels) > room:
                if self.y > MARGIN:  # not even one row fits under what is on this page
                    self.page_break()
                    continue
                end = start + 1  # a row taller than a page: it is cut, as nothing else can be
            else:
                end, beyond = start + 1, len(rows) + 1  # `end` rows fit, `beyond` do not
                while beyond - end > 1:
                    middle = (end + beyond) // 2
                    if self._table_height(header, rows, start, middle, pixels) <= room:
                        end = middle
                    else:
                        beyond = middle
            height = self.text(_table(header, rows[start:end], first=start), pixels=pixels,
                               advance=False)
            self.y += height
            start = end
            if start < len(rows):
                self.page_break()

    def _table_height(self, header, rows, start: int, end: int, pixels: float) -> float:
        return self.document(_table(header, rows[start:end], first=start),
                             pixels=pixels).size().height()

    def heading(self, title: str, lead: str = "", keep: float = 160) -> None:
        """A section title with a lead paragraph, kept on one page with the next `keep` pixels."""
        html = (f"<div style='font-size:17px;font-weight:600'>{escape(title)}</div>")
        if lead:
            html += f"<div class='muted' style='font-size:11.5px'>{escape(lead)}</div>"
        self.room_for(self.document(html).size().height() + 30 + keep)
        if self.y > MARGIN:
            self.space(10)
        self.text(html)
        if self.painter is not None:
            from PySide6.QtGui import QPen

            pen = QPen(qt_colour("#d8dee4"))
            pen.setWidthF(1)
            self.painter.setPen(pen)
            self.painter.drawLine(MARGIN, self.y + 5, PAGE_WIDTH - MARGIN, self.y + 5)
        self.space(14)

    def space(self, height: float) -> None:
        self.y += height


def _table(header: list[tuple[str, str, int]], rows: list[list[str]], first: int = 0) -> str:
    """HTML for a plain table; header items are (text, align, width in percent). `first` is
    the index of its first row in the whole table, so a table split over pages keeps its
    stripes."""
    cells = "".join(
        f"<th align='{align}' width='{width}%' style='border-bottom:1px solid #9aa5b1'>"
        f"{escape(text)}</th>"
        for text, align, width in header
    )
    body = []
    for index, row in enumerate(rows):
        shade = " bgcolor='#f5f7fa'" if (first + index) % 2 else ""
        body.append(f"<tr{shade}>" + "".join(
            f"<td align='{header[i][1]}'>{cell}</td>" for i, cell in enumerate(row)
        ) + "</tr>")
    return ("<table width='100%' cellspacing='0' cellpadding='4' style='border-collapse:collapse'>"
            f"<tr>{cells}</tr>{''.join(body)}</table>")


def _header(canvas: _Canvas, figures: Figures) -> None:
    period = figures.period
    generated = datetime.fromtimestamp(figures.generated_at)
    business = escape(drawable(figures.business_name) or "Customer service")
    width = canvas.width

    def title(pixels: int) -> str:
        # dir: a name that starts in Hebrew or Arabic is not a right-to-left paragraph,
        # pushed to the right of the column, over a line that starts at its left.
        return (f"<div dir='ltr' style='font-size:{pixels}px;font-weight:700'>{business}</div>"
                "<div class='muted' style='font-size:14px'>Customer-service summary · "
                f"{escape(period.title)}</div>")

    html = title(26)
    if canvas.document(html, width * 0.65).size().height() > 64:  # a name over two lines
        html = title(19)
    title_height = canvas.text(html, width=width * 0.65, advance=False)
    under_way = fmt.period_heading(figures).endswith(" so far")
    if under_way:
        days = f"{_day(period.first)} – {_day(generated)} so far"
    elif period.first == period.last:  # one day (29 February), not "29 Feb – 29 Feb"
        days = _day(period.first)
    else:
        days = f"{_day(period.first)} – {_day(period.last)}"
    canvas.text(
        f"<div align='right' class='muted' style='font-size:11px'>{days}"
        f"<br>made {_day(generated)}, {generated:%H:%M}</div>",
        x=MARGIN + width * 0.65, width=width * 0.35, advance=False,
    )
    canvas.space(max(64.0, title_height + 13))  # a long business name wraps: room for it


def _day(moment) -> str:
    return f"{moment.day} {moment:%b %Y}"


def _cards(canvas: _Canvas, figures: Figures) -> None:
    cards = fmt.headline_cards(figures)
    columns, gap, height = 4, 10.0, 96.0
    width = (canvas.width - gap * (columns - 1)) / columns
    for row_start in range(0, len(cards), columns):
        canvas.room_for(height)
        for column, (label, number, note) in enumerate(cards[row_start:row_start + columns]):
            x = MARGIN + column * (width + gap)
            if canvas.painter is not None:
                from PySide6.QtCore import QRectF, Qt

                canvas.painter.setPen(Qt.PenStyle.NoPen)
                canvas.painter.setBrush(qt_colour(CARD))
                canvas.painter.drawRoundedRect(QRectF(x, canvas.y, width, height), 6, 6)
            saved = canvas.y
            canvas.y += 10
            canvas.text(
                f"<div class='muted' style='font-size:11px'>{escape(label)}</div>"
                f"<div style='font-size:25px;font-weight:700'>{escape(number)}</div>"
                f"<div class='muted' style='font-size:10px'>{_unbroken_parts(note)}</div>",
                x=x + 11, width=width - 20, advance=False,
            )
            canvas.y = saved
        canvas.y += height + gap


def _amount(value: float | None, currency: str) -> str:
    """An amount for a table cell, never broken between its currency and its number
    ("CHF" over "1,234,567.89")."""
    return escape(drawable(fmt.money(value, currency))).replace(" ", "&nbsp;")


def _unbroken_parts(note: str) -> str:
    """A card's note that wraps only between its " · " parts, never inside one."""
    return " · ".join(escape(part).replace(" ", "&nbsp;") for part in note.split(" · "))


def _compose(canvas: _Canvas, figures: Figures, charts: dict[str, Any]) -> None:
    """Three pages: the overview and channel mix; speed and mood; customers and team."""
    _header(canvas, figures)
    _cards(canvas, figures)

    canvas.heading(
        "How customers reach you",
        "Strategic companies run about 2 : 1 phone to social and 1.5 : 1 email to social "
        "messages; informal ones 4 : 1 and 3 : 1.",
        keep=260,
    )
    chart_width = canvas.width * 0.62
    top = canvas.y
    canvas.chart(charts["ratio"], 260, width=chart_width, advance=False)
    side_x = MARGIN + chart_width + 16
    side_width = canvas.width - chart_width - 16
    verdicts = "".join(
        f"<p style='margin-bottom:6px'>{escape(fmt.ratio_verdict(key, figures.ratios[key]))}</p>"
        for key in ("phone_to_social", "email_to_social")
    )
    kinds = _table([("Channel", "left", 70), ("Inbound", "right", 30)],
                   [[escape(KIND_LABELS.get(kind, kind)), fmt.count(number)]
                    for kind, number in figures.by_kind.items()]
                   + [["<b>All channels</b>", f"<b>{fmt.count(figures.inbound['total'])}</b>"]])
    canvas.y = top + 8
    height = canvas.text(verdicts, x=side_x, width=side_width, pixels=11, advance=False)
    canvas.y = top + 8 + height + 4
    canvas.text(kinds, x=side_x, width=side_width, pixels=11, advance=False)
    canvas.y = top + 260

    canvas.heading(f"Volume by {fmt.chart_bars(figures)[0]}", keep=330)
    canvas.chart(charts["volume"], 330)

    canvas.page_break()
    canvas.heading(
        "How fast you answer",
        fmt.speed_sentences(figures),
        keep=320,
    )
    canvas.chart(charts["response"], 320)

    canvas.heading(
        "How customers feel",
        fmt.mood_sentence(figures),
        keep=310,
    )
    canvas.chart(charts["sentiment"], 310)
    canvas.space(10)
    canvas.table(
        [("Channel family", "left", 40), ("Messages", "right", 20), ("Mean compound", "right", 20),
         ("Negative", "right", 20)],
        [[FAMILY_NAMES[family], fmt.count(m.messages), fmt.compound(m.mean_compound),
          fmt.percent(m.negative_share)] for family, m in figures.sentiment_by_family.items()],
    )

    canvas.page_break()
    canvas.heading("Your best customers", fmt.customers_sentence(figures))
    total = figures.inbound["total"]
    rows = [[str(rank), escape(drawable(c.name)), fmt.count(c.inbound),
             fmt.percent(c.inbound / total if total else None), fmt.count(c.influence),
             _amount(c.value, figures.currency)]
            for rank, c in enumerate(figures.top_customers, start=1)]
    if rows:
        # Value the widest number column: "CHF 1,234,567.89" on one line.
        canvas.table([("#", "right", 6), ("Customer", "left", 34), ("Messages", "right", 12),
                      ("Share", "right", 12), ("Followers", "right", 16),
                      ("Value", "right", 20)], rows)
    else:
        canvas.text("<p class='muted'>No customer wrote in the period.</p>", pixels=11)

    canvas.heading("Your most valuable customers who wrote", fmt.valuable_sentence(figures))
    valuable_rows = [[str(rank), escape(drawable(c.name)),
                      _amount(c.value, figures.currency),
                      fmt.count(c.inbound),
                      fmt.compound(c.mean_compound), fmt.count(c.waiting)]
                     for rank, c in enumerate(figures.valuable_customers, start=1)]
    if valuable_rows:
        canvas.table([("#", "right", 6), ("Customer", "left", 32), ("Value", "right", 20),
                      ("Messages", "right", 14), ("Mean compound", "right", 14),
                      ("Waiting now", "right", 14)], valuable_rows)

    canvas.heading("Your team",
                   "Replies and closes in the period; open follow-ups and overdue ones as of "
                   "when this summary was made.")
    staff_rows = [[escape(drawable(s.name)), fmt.count(s.replies), fmt.count(s.closed),
                   fmt.seconds(s.first_response_median_s), fmt.count(s.open_followups),
                   fmt.count(s.overdue)] for s in figures.staff]
    if staff_rows:
        canvas.table([("Staff", "left", 30), ("Replies", "right", 12), ("Closed", "right", 12),
                      ("First reply, median", "right", 18), ("Open follow-ups", "right", 16),
                      ("Overdue", "right", 12)], staff_rows)
    else:
        canvas.text("<p class='muted'>No staff activity in the period.</p>", pixels=11)

    canvas.heading("How these figures are computed", keep=80)
    canvas.text(DEFINITIONS, pixels=10)


DEFINITIONS = (
    "<p class='muted'><b>Inbound</b>: messages customers sent that arrived in the period "
    "(local time). Social = Mastodon, Bluesky, Telegram, feeds and reviews; phone = logged calls. "
    "<b>First response</b>: for conversations whose first customer message arrived in the "
    "period, the time to the first reply that went out (even after the period); median and "
    "90th percentile (nearest rank). <b>Resolution</b>: for conversations closed in the "
    "period, from the customer's first message to the close. <b>Sentiment</b>: VADER compound "
    "(−1 to +1) of inbound messages; negative means ≤ −0.05. <b>New</b> customers wrote for "
    "the first time ever in the period, <b>returning</b> ones had written before. "
    "<b>Top 20 %</b>: the most active fifth of the period's customers (rounded up) and their "
    "share of inbound messages. <b>Most valuable</b>: customers of known value (what they have "
    "spent, from your shop system's customer list) who wrote in the period, highest value "
    "first; <b>waiting now</b> counts their open conversations awaiting a reply when this "
    "summary was made. <b>Share of conversation</b>: brand mentions ÷ (brand + "
    "competitor mentions). <b>Follow-ups</b>: conversations assigned to someone and not closed; "
    "overdue once their due time has passed.</p>"
)


def _footer(painter, figures: Figures, page: int, pages: int) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFontMetricsF

    font = qt_font(9.5)
    painter.setPen(qt_colour(MUTED))
    painter.setFont(font)
    # Left to right whatever the name's first letter, as the rest of the line reads.
    painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    line = QRectF(MARGIN, PAGE_HEIGHT - MARGIN + 8, PAGE_WIDTH - 2 * MARGIN, 16)
    right = f"page {page} of {pages} · made with inbox_app"
    left = footer_left(figures, line.width() - 24 - QFontMetricsF(font).horizontalAdvance(right),
                       QFontMetricsF(font))
    painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
    painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                     right)


def footer_left(figures: Figures, room: float, metrics) -> str:
    """The footer's "NAME · customer-service summary · PERIOD", the name shortened with an
    ellipsis when it would run into the page number beside it. The name is a bidi isolate:
    one in Hebrew or Arabic keeps its words together instead of being reordered with the
    rest of the line."""
    from PySide6.QtCore import Qt

    rest = f" · customer-service summary · {figures.period.title}"
    name = drawable(figures.business_name) or "Customer service"
    if metrics.horizontalAdvance(name + rest) > room:
        name = metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                  max(room - metrics.horizontalAdvance(rest), 0.0)) or "…"
    return FIRST_STRONG_ISOLATE + name + POP_DIRECTIONAL_ISOLATE + rest


def pdf_bytes(figures: Figures) -> bytes:
    """The summary as PDF bytes, laid out in two passes (measure, then paint)."""
    application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    charted = fmt.so_far(figures)  # a month under way: its weeks up to this one, as on screen
    charts = {name: build(charted) for name, build in CHARTS.items()}
    measure = _Canvas(None, lambda: None)
    _compose(measure, figures, charts)
    pages = measure.page

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(f"{figures.business_name or 'Customer service'} — customer-service summary,"
                    f" {figures.period.title}")
    writer.setCreator("inbox_app")
    painter = QPainter()
    if not painter.begin(writer):
        raise ReportError("Qt could not start a PDF.")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scale = DPI / 96
        painter.scale(scale, scale)
        state = {"page": 1}

        def new_page() -> None:
            _footer(painter, figures, state["page"], pages)
            writer.newPage()
            state["page"] += 1

        canvas = _Canvas(painter, new_page)
        _compose(canvas, figures, charts)
        _footer(painter, figures, state["page"], pages)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def write_pdf(figures: Figures, path: str | Path) -> Path:
    target = Path(path)
    content = pdf_bytes(figures)
    replace_atomically(target, lambda handle: handle.write(content))
    return target
