"""One `poll --once` over 100 feeds that each answer after 200 ms, against the serial sum.

Run: .venv/bin/python tests/benchmarks/bench_poll_feeds.py [--feeds 100] [--delay 0.2]
     [--workers N]  (default: the poller's own MAX_WORKERS)
The serial sum is the same 100 fetches made one after another (no storing);
the round is the real command: concurrent fetches, then each account's items
and cursor stored in one transaction. The second round is all 304s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inbox_app.cli import main as cli  # noqa: E402
from inbox_app.sources import feeds, poller  # noqa: E402
from inbox_app.sources.http import make_session  # noqa: E402
from inbox_app.store import open_store  # noqa: E402
from tests.servers import LocalHTTPServer, Reply  # noqa: E402


def feed(number: int) -> bytes:
    items = "".join(
        f"<item><guid isPermaLink='false'>feed{number}-item{n}</guid>"
        f"<title>Review {n} of shop {number}</title><link>https://reviews.example/{number}/{n}"
        f"</link><pubDate>Mon, 0{n + 1} Mar 2026 09:00:00 +0000</pubDate>"
        f"<description>&lt;p&gt;The coffee was {'great' if n % 2 else 'cold'} today.&lt;/p&gt;"
        "</description></item>" for n in range(5))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Shop {number}</title>'
            f"{items}</channel></rss>").encode()


def slow(body: bytes, delay: float):
    def handle(request):
        time.sleep(delay)
        if request.header("If-None-Match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'}, b"")
        return Reply(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, body)

    return handle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=poller.MAX_WORKERS)
    args = parser.parse_args()
    poller.MAX_WORKERS = args.workers
    server = LocalHTTPServer()
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "bench.db"
            store = open_store(db)
            for number in range(args.feeds):
                server.route("GET", f"/feed/{number}", slow(feed(number), args.delay))
                store.add_account(f"Feed {number:03d}", "feed",
                                  {"url": server.url(f"/feed/{number}")})
            accounts = store.list_accounts()
            store.close()

            session = make_session()
            started = time.perf_counter()
            fetched = sum(len(feeds.fetch(account, None, session).items) for account in accounts)
            serial = time.perf_counter() - started
            session.close()

            rounds = []
            for _ in range(2):
                output = io.StringIO()
                started = time.perf_counter()
                with contextlib.redirect_stdout(output):
                    code = cli(["--db", str(db), "poll", "--once"])
                rounds.append(time.perf_counter() - started)
                assert code == 0, output.getvalue()
            store = open_store(db)
            stored = store.stats()["messages"]
            store.close()
    finally:
        server.close()
    assert fetched == stored == args.feeds * 5, (fetched, stored)
    print(f"feeds:                 {args.feeds}, each answering after {args.delay * 1000:.0f} ms")
    print(f"poller threads:        {poller.MAX_WORKERS}")
    print(f"serial sum of fetches: {serial:.2f} s")
    print(f"poll --once (wall):    {rounds[0]:.2f} s  ({serial / rounds[0]:.1f}x faster), "
          f"{stored} messages stored")
    print(f"second round (304s):   {rounds[1]:.2f} s, nothing new")


if __name__ == "__main__":
    main()
