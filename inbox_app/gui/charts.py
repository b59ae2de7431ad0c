"""The QtCharts charts the Insights page and the PDF summary (reports/pdf.py) share, and
their colours.

PySide6 is imported only inside functions, so the PDF renderer loads Qt only when it
draws. A chart needs a QApplication (reports.pdf.application makes one when none exists).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from inbox_app.core.metrics import REFERENCE_RATIOS
from inbox_app.reports import formatting as fmt
from inbox_app.reports.figures import Figures

FAMILY_COLOURS = {"email": "#3b6fb6", "social": "#d9822b", "phone": "#3e9e6e"}
FAMILY_NAMES = {"email": "Email", "social": "Social", "phone": "Phone"}
STRATEGIC_COLOUR = "#2f855a"
INFORMAL_COLOUR = "#8a94a6"
ANSWERED_COLOUR = "#3b6fb6"
UNANSWERED_COLOUR = "#b8c2cc"
NEGATIVE_COLOUR = "#e8a0a0"
MOOD_COLOUR = "#1f2933"
INK = "#1f2933"
MUTED = "#52606d"
CARD = "#f1f4f8"
FONT_FAMILIES = ["Inter", "DejaVu Sans", "Helvetica", "Arial", "sans-serif"]

def qt_font(pixels: float, bold: bool = False):
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    # Contextual alternates (Inter's raised colon in "10:00", its minus before digits) are
    # glyphs without a Unicode mapping: the PDF would show them but lose them as text.
    font.setFeature(QFont.Tag("calt"), 0)
    return font


def qt_colour(name: str):
    from PySide6.QtGui import QColor

    return QColor(name)


def _new_chart(title: str, dark: bool):
    from PySide6.QtCharts import QChart
    from PySide6.QtCore import QMargins, Qt

    chart = QChart()
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setDropShadowEnabled(False)
    if not dark:
        chart.setBackgroundBrush(qt_colour("#ffffff"))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setTitle(title)
    chart.setTitleFont(qt_font(14, bold=True))
    chart.setTitleBrush(qt_colour("#e4e7eb" if dark else INK))
    legend = chart.legend()
    legend.setFont(qt_font(11))
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setLabelColor(qt_colour("#e4e7eb" if dark else MUTED))
    return chart


def _style_axis(axis, dark: bool) -> None:
    axis.setLabelsFont(qt_font(11))
    axis.setLabelsColor(qt_colour("#cbd2d9" if dark else MUTED))
    axis.setGridLineColor(qt_colour("#3e4c59" if dark else "#e4e7eb"))
    axis.setLinePenColor(qt_colour("#616e7c" if dark else "#9aa5b1"))
    axis.setTitleFont(qt_font(11))
    axis.setTitleBrush(qt_colour("#cbd2d9" if dark else MUTED))


def _category_axis(labels: list[str], dark: bool):
    from PySide6.QtCharts import QBarCategoryAxis

    axis = QBarCategoryAxis()
    axis.append(labels)
    _style_axis(axis, dark)
    axis.setGridLineVisible(False)
    return axis


LABEL_ROOM_PX = 400  # the plot's width in a chart of the Insights page's two columns at its
# narrowest; the PDF's and a narrow page's charts are wider
LABEL_GAP_PX = 18  # between two labels (QtCharts keeps a margin round each)


def _bars_axis(labels: list[str], dark: bool):
    """The axis under bars 0…n−1 of weeks, months or years, naming every bar when the labels
    fit and every second, third… bar when they do not.

    QBarCategoryAxis gives each label its bar's width and cuts the rest: a quarter's weeks
    or a range's months all read "…". On this axis a label has the room up to the next."""
    from PySide6.QtCharts import QCategoryAxis
    from PySide6.QtGui import QFontMetricsF

    font = qt_font(11)
    widest = max((QFontMetricsF(font).horizontalAdvance(label) for label in labels), default=0)
    every = max(1, math.ceil(len(labels) * (widest + LABEL_GAP_PX) / LABEL_ROOM_PX))
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setStartValue(-0.5)
    for index in range(0, len(labels), every):
        axis.append(labels[index], index)
    axis.setRange(-0.5, len(labels) - 0.5)
    _style_axis(axis, dark)
    axis.setGridLineVisible(False)
    return axis


def _value_axis(low: float, high: float, label_format: str, dark: bool, ticks: int = 6):
    from PySide6.QtCharts import QValueAxis

    axis = QValueAxis()
    axis.setRange(low, high)
    axis.setTickCount(ticks)
    axis.setLabelFormat(label_format)
    _style_axis(axis, dark)
    return axis


def count_step(highest: int) -> int:
    """The step between a count axis's ticks: 1, 2, 5, 10, 20, 25, 50, 100… — the first
    that reaches past `highest` in five steps, so the axis has a handful of ticks however
    busy the shop."""
    magnitude = 1
    while True:
        for factor in (1, 2, 2.5, 5) if magnitude >= 10 else (1, 2, 5):
            step = int(factor * magnitude)
            if highest < step * 5:
                return step
        magnitude *= 10


def _count_axis(highest: int, dark: bool):
    """A 0-based axis for counts with whole-number ticks, a tick above the highest bar (a
    bar reaching the frame looks cut off), labelled as the cards write counts ("25,000":
    QValueAxis's printf formats have no thousands separator)."""
    from PySide6.QtCharts import QCategoryAxis

    step = count_step(highest)
    top = (highest // step + 1) * step
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setStartValue(0)
    for value in range(0, top + 1, step):
        axis.append(fmt.count(value), value)
    axis.setRange(0, top)
    _style_axis(axis, dark)
    return axis


def _attach(chart, series, *axes) -> None:
    chart.addSeries(series)
    for axis in axes:
        series.attachAxis(axis)


def ratio_chart(figures: Figures, dark: bool = False):
    """This period's phone:social and email:social against the strategic and informal lines."""
    from PySide6.QtCharts import QBarSeries, QBarSet, QLineSeries
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPen

    keys = ("phone_to_social", "email_to_social")
    values = [figures.ratios[key] for key in keys]
    title = "Channel mix: messages per social message"
    if all(value is None for value in values):
        title = "Channel mix (no social messages)"
    chart = _new_chart(title, dark)
    x_axis = _category_axis([fmt.RATIO_NAMES[key][1] for key in keys], dark)
    highest = max([4.0, *(value or 0 for value in values)])
    y_axis = _value_axis(0, _nice_ceiling(highest * 1.18), "%.1f", dark)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

    bars = QBarSet("This period")
    # Rounded as the cards show them, so the bar says 0.7 : 1 where a card does.
    bars.append([round(value or 0.0, 1) for value in values])
    bars.setColor(qt_colour(FAMILY_COLOURS["email"]))
    bars.setBorderColor(qt_colour(FAMILY_COLOURS["email"]))
    bars.setLabelColor(qt_colour("#e4e7eb" if dark else INK))
    bars.setLabelFont(qt_font(12, bold=True))
    series = QBarSeries()
    series.append(bars)
    series.setBarWidth(0.45)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value : 1")
    series.setLabelsPrecision(4)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    _attach(chart, series, x_axis, y_axis)

    # Each reference is drawn on both sides of its bar, not across it, so that it never
    # runs through the bar's label when the two values are close.
    for kind, colour in (("strategic", STRATEGIC_COLOUR), ("informal", INFORMAL_COLOUR)):
        for index, key in enumerate(keys):
            reference = REFERENCE_RATIOS[kind][key]
            for side, (start, end) in enumerate(((-0.42, -0.25), (0.25, 0.42))):
                line = QLineSeries()
                line.setName(f"{kind.title()} companies")
                line.append(index + start, reference)
                line.append(index + end, reference)
                pen = QPen(qt_colour(colour))
                pen.setWidthF(2.5)
                pen.setStyle(Qt.PenStyle.DashLine)
                line.setPen(pen)
                _attach(chart, line, x_axis, y_axis)
                if index or side:
                    chart.legend().markers(line)[0].setVisible(False)
    return chart


def _nice_ceiling(value: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 50, 100):
        if value <= step * 6:
            return max(step, -(-value // step) * step)
    return value


def volume_chart(figures: Figures, dark: bool = False):
    """Inbound messages per week (month, year: formatting.chart_bars), stacked by family."""
    from PySide6.QtCharts import QBarSet, QStackedBarSeries
    from PySide6.QtCore import Qt

    unit, weeks = fmt.chart_bars(figures)
    chart = _new_chart(f"Inbound messages by {unit} and channel", dark)
    x_axis = _bars_axis([week.label for week in weeks], dark)
    y_axis = _count_axis(max((week.total for week in weeks), default=0), dark)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series = QStackedBarSeries()
    for family, colour in FAMILY_COLOURS.items():
        bars = QBarSet(FAMILY_NAMES[family])
        bars.append([float(week.inbound[family]) for week in weeks])
        bars.setColor(qt_colour(colour))
        bars.setBorderColor(qt_colour(colour))
        series.append(bars)
    series.setBarWidth(0.6)
    _attach(chart, series, x_axis, y_axis)
    return chart


def response_chart(figures: Figures, dark: bool = False):
    """How long the period's new conversations waited for their first reply."""
    from PySide6.QtCharts import QBarSet, QStackedBarSeries
    from PySide6.QtCore import Qt

    response = figures.first_response
    # Two-line labels (QtCharts reads them as rich text) so a half-width chart need not elide.
    labels = [_two_lines(label) for label, _ in response.histogram] + [_two_lines("no reply")]
    chart = _new_chart("Time to first reply (conversations started this period)", dark)
    x_axis = _category_axis(labels, dark)
    highest = max([response.unanswered, *(n for _, n in response.histogram)])
    y_axis = _count_axis(highest, dark)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    answered = QBarSet("Answered")
    answered.append([float(n) for _, n in response.histogram] + [0.0])
    answered.setColor(qt_colour(ANSWERED_COLOUR))
    answered.setBorderColor(qt_colour(ANSWERED_COLOUR))
    waiting = QBarSet("No reply yet")
    waiting.append([0.0] * len(response.histogram) + [float(response.unanswered)])
    waiting.setColor(qt_colour(UNANSWERED_COLOUR))
    waiting.setBorderColor(qt_colour(UNANSWERED_COLOUR))
    series = QStackedBarSeries()
    series.append([answered, waiting])
    series.setBarWidth(0.6)
    _attach(chart, series, x_axis, y_axis)
    return chart


def _two_lines(label: str) -> str:
    head, _, tail = label.rpartition(" ")
    return f"<center>{head}<br>{tail}</center>" if head and len(label) > 6 else label


def sentiment_chart(figures: Figures, dark: bool = False):
    """Mean VADER compound (line) and share of negative messages (bars) per week (month,
    year: formatting.chart_bars)."""
    from PySide6.QtCharts import QBarSeries, QBarSet, QLineSeries
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPen

    unit, weeks = fmt.chart_bars(figures)
    chart = _new_chart(f"Sentiment by {unit}", dark)
    x_axis = _bars_axis([week.label for week in weeks], dark)
    means = [week.mood.mean_compound for week in weeks]
    mood_axis = _value_axis(-_mood_swing(means), _mood_swing(means), "%.1f", dark, ticks=5)
    mood_axis.setTitleText("mean compound")
    share_axis = _value_axis(0, 100, "%d %%", dark, ticks=5)
    share_axis.setTitleText("negative")
    share_axis.setGridLineVisible(False)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(mood_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(share_axis, Qt.AlignmentFlag.AlignRight)

    negative = QBarSet("Negative messages (right)")
    negative.append([(week.mood.negative_share or 0.0) * 100 for week in weeks])
    negative.setColor(qt_colour(NEGATIVE_COLOUR))
    negative.setBorderColor(qt_colour(NEGATIVE_COLOUR))
    bars = QBarSeries()
    bars.append(negative)
    bars.setBarWidth(0.5)
    _attach(chart, bars, x_axis, share_axis)

    # One line per run of weeks with messages: a week without any has no mood, and a line
    # drawn straight across it would show one between its neighbours'.
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(means):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((index, value))
    pen = QPen(qt_colour("#e4e7eb" if dark else MOOD_COLOUR))
    pen.setWidthF(2.5)
    for number, run in enumerate(run for run in runs if run):
        line = QLineSeries()
        line.setName("Mean compound (left)")
        for index, value in run:
            line.append(index, value)
        line.setPen(pen)
        line.setPointsVisible(True)
        _attach(chart, line, x_axis, mood_axis)
        if number:
            chart.legend().markers(line)[0].setVisible(False)
    return chart


def _mood_swing(means: list[float | None]) -> float:
    """How far the mood axis reaches each side of zero: past the most extreme week by at
    least a tenth, at most 1, and an even number of tenths, so that its five gridlines
    (±swing, ±swing/2, 0) stand on tenths and their one-decimal labels say where they are
    (±0.7 put gridlines at ±0.35 labelled "0.3")."""
    furthest = max([0.5, *(abs(m) for m in means if m is not None)])
    tenths = math.ceil(round(furthest * 10, 6)) + 1
    return min(1.0, (tenths + tenths % 2) / 10)


# What each chart shows, in words: a screen reader reads it as the chart's description.


def _percent_of(part: int, whole: int) -> str:
    return fmt.percent(part / whole) if whole else fmt.DASH


def _families(inbound: dict[str, int]) -> str:
    """`Email 2, Phone 1`: the families with messages, none said as `Social 0`."""
    return ", ".join(f"{FAMILY_NAMES[family]} {inbound[family]:,}"
                     for family in FAMILY_COLOURS if inbound.get(family))


def ratio_words(figures: Figures) -> str:
    """Each ratio with the survey's: `Phone : social 1.0 : 1 (strategic companies 2 : 1,
    informal 4 : 1).`"""
    said = []
    for key in ("phone_to_social", "email_to_social"):
        label = fmt.RATIO_NAMES[key][1]
        value = figures.ratios[key]
        shown = "no ratio" if value is None else fmt.ratio(value)
        said.append(f"{label} {shown} (strategic companies "
                    f"{REFERENCE_RATIOS['strategic'][key]:g} : 1, informal "
                    f"{REFERENCE_RATIOS['informal'][key]:g} : 1).")
    if all(figures.ratios[key] is None for key in ("phone_to_social", "email_to_social")):
        said.insert(0, "No social messages, so no ratios.")
    return " ".join(said)


def volume_words(figures: Figures) -> str:
    """The families' shares, then each bar: `4 inbound messages: Email 2 (50 %), …
    By week: 2 Mar: 3 (Email 1, Social 1, Phone 1); …`"""
    unit, bars = fmt.chart_bars(figures)
    total = figures.inbound["total"]
    if not total:
        return "No customer messages in the period."
    shares = ", ".join(f"{FAMILY_NAMES[family]} {figures.inbound[family]:,} "
                       f"({_percent_of(figures.inbound[family], total)})"
                       for family in FAMILY_COLOURS if figures.inbound[family])
    each = "; ".join(f"{bar.label}: {bar.total:,}" + (f" ({_families(bar.inbound)})"
                                                     if bar.total else "")
                     for bar in bars)
    return f"{total:,} inbound messages: {shares}. By {unit}: {each}."


def response_words(figures: Figures) -> str:
    """The bars of the first-reply chart: `4 conversations started; 1 answered: 1 in 1–4 h;
    3 with no reply yet.`"""
    response = figures.first_response
    started = response.count + response.unanswered
    if not started:
        return "No conversation started in the period."
    bands = ", ".join(f"{number:,} in {label}" for label, number in response.histogram if number)
    answered = f"{response.count:,} answered" + (f": {bands}" if bands else "")
    said = (f"{started:,} conversation{'' if started == 1 else 's'} started; {answered}; "
            f"{response.unanswered:,} with no reply yet.")
    if response.median is not None:
        said += f" Median first reply {fmt.seconds(response.median)}."
    return said


def sentiment_words(figures: Figures) -> str:
    """The period's mood, then each bar's: `Mean compound +0.12 (positive), 25 % negative.
    By week: 2 Mar +0.30, 0 % negative; …`"""
    mood = figures.sentiment
    if not mood.messages:
        return "No customer messages in the period, so no sentiment."
    unit, bars = fmt.chart_bars(figures)
    each = "; ".join(
        f"{bar.label} {fmt.compound(bar.mood.mean_compound)}, "
        f"{fmt.percent(bar.mood.negative_share)} negative" if bar.mood.messages
        else f"{bar.label} no messages" for bar in bars)
    return (f"Mean compound {fmt.compound(mood.mean_compound)} "
            f"({fmt.mood_word(mood.mean_compound)}), {fmt.percent(mood.negative_share)} "
            f"negative. By {unit}: {each}.")


CHART_WORDS: dict[str, Callable[[Figures], str]] = {
    "ratio": ratio_words,
    "volume": volume_words,
    "response": response_words,
    "sentiment": sentiment_words,
}


CHARTS: dict[str, Callable[..., Any]] = {
    "ratio": ratio_chart,
    "volume": volume_chart,
    "response": response_chart,
    "sentiment": sentiment_chart,
}
