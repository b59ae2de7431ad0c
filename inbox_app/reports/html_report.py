"""The summary as one self-contained HTML page (no scripts, no remote resources).

Charts are plain CSS bars so the page opens anywhere, prints well and can be
mailed as an attachment.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from inbox_app.core.kinds import KIND_LABELS
from inbox_app.core.metrics import REFERENCE_RATIOS
from inbox_app.reports import formatting as fmt
from inbox_app.reports.figures import Figures
from inbox_app.reports.output import replace_atomically

FAMILY_COLOURS = {"email": "#3b6fb6", "social": "#d9822b", "phone": "#3e9e6e"}

STYLE = """
body { font-family: Inter, 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif;
       color: #1f2933; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
h1 { margin: 0; font-size: 1.8rem; } h2 { margin-top: 2.2rem; font-size: 1.2rem;
     border-bottom: 1px solid #d8dee4; padding-bottom: .3rem; }
.sub { color: #52606d; margin: .2rem 0 1.5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .8rem; }
.card { background: #f3f6f9; border-radius: .5rem; padding: .8rem 1rem; }
.card .label { color: #52606d; font-size: .85rem; } .card .big { font-size: 1.6rem; font-weight: 600; }
.card .note { color: #52606d; font-size: .8rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e4e7eb; }
th { color: #52606d; font-weight: 600; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: .8rem; vertical-align: middle; }
.track { position: relative; background: #f3f6f9; height: 1.4rem; border-radius: .2rem; }
.fill { position: absolute; left: 0; top: .3rem; height: .8rem; background: #3b6fb6; }
.ref { position: absolute; top: 0; height: 1.4rem; border-left: 2px dashed; }
.legend span { margin-right: 1rem; font-size: .85rem; color: #52606d; }
footer { margin-top: 2.5rem; color: #7b8794; font-size: .8rem; }
"""


def _card(label: str, big: str, note: str) -> str:
    return (f'<div class="card"><div class="label">{escape(label)}</div>'
            f'<div class="big">{escape(big)}</div><div class="note">{escape(note)}</div></div>')


def _bar(value: float, scale: float, colour: str, title: str) -> str:
    width = 0 if not scale else max(0.0, value / scale * 100)
    return (f'<span class="bar" title="{escape(title)}" '
            f'style="width:{width:.1f}%;background:{colour}"></span>')


def _ratio_rows(figures: Figures) -> str:
    rows = []
    for key, label in (("phone_to_social", "Phone : social"), ("email_to_social", "Email : social")):
        value = figures.ratios[key]
        strategic = REFERENCE_RATIOS["strategic"][key]
        informal = REFERENCE_RATIOS["informal"][key]
        scale = max(5.0, (value or 0) * 1.15)
        fill = "" if value is None else (
            f'<div class="fill" style="width:{value / scale * 100:.1f}%"></div>')
        rows.append(
            f"<tr><td>{label}</td><td class='n'>{fmt.ratio(value)}</td><td style='width:60%'>"
            f'<div class="track">{fill}'
            f'<div class="ref" style="left:{strategic / scale * 100:.1f}%;border-color:#3e9e6e" '
            f'title="strategic {strategic:g}:1"></div>'
            f'<div class="ref" style="left:{informal / scale * 100:.1f}%;border-color:#9aa5b1" '
            f'title="informal {informal:g}:1"></div></div></td></tr>'
        )
    return "".join(rows)


def _period_line(figures: Figures) -> str:
    """`March 2026 (2026-03-01 to 2026-03-31)`; for a month under way, as the Insights page
    heads it: `March 2026 · 1–10 March 2026 so far`."""
    period = figures.period
    heading = fmt.period_heading(figures)
    if heading.endswith(" so far"):
        return heading
    return f"{period.title} ({period.first.isoformat()} to {period.last.isoformat()})"


def html_text(figures: Figures) -> str:
    period = figures.period
    business = figures.business_name or "Your business"
    generated = datetime.fromtimestamp(figures.generated_at).strftime("%d %B %Y, %H:%M")
    unit, weeks = fmt.chart_bars(figures)  # a month under way: up to this week; years: months
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{escape(business)} · customer service · {escape(period.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{escape(business)}</h1>",
        f"<p class='sub'>Customer-service summary · {escape(_period_line(figures))}</p>",
        "<div class='cards'>",
        *(_card(*card) for card in fmt.headline_cards(figures)),
        "</div>",
        "<h2>How customers reach you</h2>",
        "<table><tr><th>Ratio</th><th class='n'>This period</th><th>against strategic "
        "<span style='color:#3e9e6e'>(green)</span> and informal "
        "<span style='color:#9aa5b1'>(grey)</span> companies</th></tr>",
        _ratio_rows(figures),
        "</table>",
        "<p class='sub'>A survey found strategic companies run about 2:1 phone:social and "
        "1.5:1 email:social, informal ones 4:1 and 3:1.</p>",
    ]
    if figures.inbound["social"] == 0:
        parts.append("<p>No social messages came in, so the ratios cannot be computed.</p>")
    parts.append("<table><tr><th>Channel</th><th class='n'>Inbound</th></tr>")
    parts.extend(f"<tr><td>{escape(KIND_LABELS.get(kind, kind))}</td><td class='n'>{number:,}</td>"
                 "</tr>" for kind, number in figures.by_kind.items())
    parts.append("</table>")

    parts.append(f"<h2>Volume by {unit}</h2><p class='legend'>")
    parts.extend(f"<span><span class='bar' style='width:.8rem;background:{colour}'></span> "
                 f"{family}</span>" for family, colour in FAMILY_COLOURS.items())
    parts.append(f"</p><table><tr><th>{'Week from' if unit == 'week' else unit.title()}</th>"
                 "<th class='n'>Messages</th><th></th></tr>")
    busiest = max((w.total for w in weeks), default=0)
    for week in weeks:
        bars = "".join(_bar(week.inbound[f], busiest, c, f"{f} {week.inbound[f]}")
                       for f, c in FAMILY_COLOURS.items())
        parts.append(f"<tr><td>{escape(week.label)}</td><td class='n'>{week.total:,}</td>"
                     f"<td style='width:60%;white-space:nowrap'>{bars}</td></tr>")
    parts.append("</table>")

    response = figures.first_response
    parts.append("<h2>How fast you answer</h2>")
    parts.append(f"<p>{escape(fmt.speed_sentences(figures))}</p>")
    parts.append("<table><tr><th>First reply</th><th class='n'>Conversations</th><th></th></tr>")
    buckets = [*response.histogram, ("no reply yet", response.unanswered)]
    tallest = max((n for _, n in buckets), default=0)
    for label, number in buckets:
        colour = "#9aa5b1" if label == "no reply yet" else "#3b6fb6"
        parts.append(f"<tr><td>{escape(label)}</td><td class='n'>{number:,}</td>"
                     f"<td style='width:60%'>{_bar(number, tallest, colour, label)}</td></tr>")
    parts.append("</table>")

    parts.append(f"<h2>How customers feel</h2><p>{escape(fmt.mood_sentence(figures))}</p>"
                 f"<table><tr><th>{'Week from' if unit == 'week' else unit.title()}</th>"
                 "<th class='n'>Mean compound</th><th class='n'>Negative</th></tr>")
    for week in weeks:
        parts.append(f"<tr><td>{escape(week.label)}</td>"
                     f"<td class='n'>{fmt.compound(week.mood.mean_compound)}</td>"
                     f"<td class='n'>{fmt.percent(week.mood.negative_share)}</td></tr>")
    parts.append("</table><table><tr><th>Family</th><th class='n'>Messages</th>"
                 "<th class='n'>Mean compound</th><th class='n'>Negative</th></tr>")
    for family, mood in figures.sentiment_by_family.items():
        parts.append(f"<tr><td>{family}</td><td class='n'>{mood.messages:,}</td>"
                     f"<td class='n'>{fmt.compound(mood.mean_compound)}</td>"
                     f"<td class='n'>{fmt.percent(mood.negative_share)}</td></tr>")
    parts.append("</table>")

    parts.append("<h2>Top customers</h2><table><tr><th class='n'>#</th><th>Customer</th>"
                 "<th class='n'>Messages</th><th class='n'>Followers</th><th class='n'>Value</th>"
                 "</tr>")
    for rank, customer in enumerate(figures.top_customers, start=1):
        parts.append(f"<tr><td class='n'>{rank}</td><td>{escape(customer.name)}</td>"
                     f"<td class='n'>{customer.inbound:,}</td>"
                     f"<td class='n'>{fmt.count(customer.influence)}</td>"
                     f"<td class='n'>{escape(fmt.money(customer.value, figures.currency))}</td></tr>")
    parts.append("</table>")

    parts.append("<h2>Your most valuable customers who wrote</h2>"
                 f"<p>{escape(fmt.valuable_sentence(figures))}</p>")
    if figures.valuable_customers:
        parts.append("<table><tr><th class='n'>#</th><th>Customer</th><th class='n'>Value</th>"
                     "<th class='n'>Messages</th><th class='n'>Mean compound</th>"
                     "<th class='n'>Waiting now</th></tr>")
        for rank, customer in enumerate(figures.valuable_customers, start=1):
            parts.append(f"<tr><td class='n'>{rank}</td><td>{escape(customer.name)}</td>"
                         f"<td class='n'>{escape(fmt.money(customer.value, figures.currency))}</td>"
                         f"<td class='n'>{customer.inbound:,}</td>"
                         f"<td class='n'>{fmt.compound(customer.mean_compound)}</td>"
                         f"<td class='n'>{customer.waiting:,}</td></tr>")
        parts.append("</table>")

    parts.append("<h2>Your team</h2><table><tr><th>Staff</th><th class='n'>Replies</th>"
                 "<th class='n'>Closed</th><th class='n'>First response, median</th>"
                 "<th class='n'>Open follow-ups</th><th class='n'>Overdue</th></tr>")
    for member in figures.staff:
        parts.append(f"<tr><td>{escape(member.name)}</td><td class='n'>{member.replies:,}</td>"
                     f"<td class='n'>{member.closed:,}</td>"
                     f"<td class='n'>{fmt.seconds(member.first_response_median_s)}</td>"
                     f"<td class='n'>{member.open_followups:,}</td>"
                     f"<td class='n'>{member.overdue:,}</td></tr>")
    parts.append("</table>")
    parts.append(f"<footer>Generated {escape(generated)} by inbox_app. Follow-ups and overdue "
                 "are as of that moment; everything else covers the period.</footer>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_html(figures: Figures, path: str | Path) -> Path:
    target = Path(path)
    text = html_text(figures)
    replace_atomically(target, lambda handle: handle.write(text.encode("utf-8")))
    return target
