"""How long the window's thread view holds the UI thread for hostile and huge messages.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_thread_layout.py

Qt lays rich text out on the UI thread, so each case is timed from the thread's HTML
(as `render_thread` makes it, with `core.html.tame_layout` and the display limits) to
the view painted. `--raw` lays out the message as stored instead, without those limits
(the window before them); cases that never finish that way are skipped there.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from inbox_app.core.html import sanitize_html  # noqa: E402
from inbox_app.core.models import Conversation, Message  # noqa: E402
from inbox_app.gui.theme import LIGHT  # noqa: E402
from inbox_app.gui.thread_html import render_thread  # noqa: E402

WORDS = " ".join(["coffee", "order", "late", "refund", "thanks", "beans"] * 3_000)
CASES: dict[str, tuple[str, str | None, bool]] = {  # name: (text, html, finishes raw)
    "100,000 characters without a space": ("QUJD" * 25_000, None, True),
    "100,000 characters of words": ((WORDS * 6)[:100_000], None, True),
    "formatting, 10,000 bold words": ("x", "<p>" + "<b>x</b> " * 10_000 + "</p>", True),
    "tables nested 16 deep": ("x", "<table><tr><td>" * 16 + "x" + "</td></tr></table>" * 16,
                              True),
    "tables nested 30 deep": ("x", "<table><tr><td>" * 30 + "x" + "</td></tr></table>" * 30,
                              False),
    "a 40 x 40 table": ("x", "<table>" + ("<tr>" + "<td>cell</td>" * 40 + "</tr>") * 40
                        + "</table>", True),
    "colspan 10,000": ("x", '<table><tr><td colspan="10000">x</td></tr>'
                       "<tr><td>y</td></tr></table>", True),
    "an ordinary email": ("Hi, where is my order #1041? Thanks, Ann",
                          "<p>Hi,</p><p>where is my order <b>#1041</b>?</p><p>Thanks,<br>Ann"
                          "</p>", True),
}


def conversation() -> Conversation:
    return Conversation(id=1, thread_key="t", kind="email", account="", customer_id=1,
                        customer_name="Ann Lee", subject="Order", status="open",
                        assignee=None, due_at=None, snoozed_until=None, first_at=0, last_at=0,
                        last_inbound_at=0, awaiting_since=None, closed_at=None,
                        last_compound=0.0, preview="", unread=False, message_count=1,
                        priority=0, version=1)


def message(text: str, markup: str | None) -> Message:
    return Message(id=1, conversation_id=1, customer_id=1, kind="email", account="",
                   external_id="x", direction="in", at=int(time.time()) - 60, text=text,
                   author_name="Ann Lee", staff=None, title=None, html=markup, url=None,
                   full_text=None, sentiment=None, delivery=None, error=None, meta={})


def laid_out(browser: QTextBrowser, app: QApplication, page: str) -> float:
    started = time.perf_counter()
    browser.setHtml(page)
    browser.repaint()
    app.processEvents()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", action="store_true", help="without the display limits")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    browser = QTextBrowser()
    browser.resize(540, 700)
    browser.show()
    for name, (text, markup, finishes_raw) in CASES.items():
        safe = sanitize_html(markup)
        if args.raw:
            if not finishes_raw:
                print(f"{name:38} skipped: laid out raw it does not finish in minutes")
                continue
            page = f"<p>{html.escape(text)}</p>" if safe is None else safe
        else:
            page = render_thread(conversation(), [message(text, safe)], LIGHT)
        times = [laid_out(browser, app, page) for _ in range(args.runs)]
        print(f"{name:38} {1000 * statistics.median(times):7.0f} ms (median of {args.runs})")


if __name__ == "__main__":
    main()
