"""Email: parsing the corpus, the hostile nesting, and a first poll of a full mailbox.

Run: /work/venv/bin/python tests/benchmarks/bench_mail.py [--messages 500]

Starts a throwaway dovecot on 127.0.0.1 (tests/sources/mail/servers.py), delivers
`--messages` realistic replies (quoted history, signature, an attachment on every
tenth) into a folder and measures:
- parse_message over every corpus file (median and worst, ms) and on
  `enclosed-endless.eml` (3 MB of nesting, stopped at the part limit);
- split_reply on a long Outlook-style reply (median, µs);
- one poll reading the whole folder into a fresh store (messages per second,
  wall time; the poll's cap of 500 messages per round applies);
- a re-poll with nothing new (wall time: one login, one SEARCH).
Nothing here fails on time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from inbox_app import secrets  # noqa: E402
from inbox_app.sources.mail_parse import parse_message  # noqa: E402
from inbox_app.sources.mail_quotes import split_reply  # noqa: E402
from inbox_app.sources.poller import poll_once  # noqa: E402
from inbox_app.store import open_store  # noqa: E402
from tests.conftest import CORPUS, MemoryKeyring  # noqa: E402
from tests.sources.mail.samples import deliver_customer_mail  # noqa: E402
from tests.sources.mail.servers import Dovecot  # noqa: E402

REPLY = """Thanks for getting back to me, but the replacement is also cracked.

Best regards,
Tom Becker
Purchasing | Becker GmbH

________________________________
From: Corner Shop <shop@example.com>
Sent: Tuesday, March 3, 2026 10:15 AM
To: Tom Becker <tom@becker.example>
Subject: RE: Broken handle

""" + "Earlier history line that goes on for a while. " * 400


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def bench_parsing() -> None:
    files = sorted(p for p in (CORPUS / "email").rglob("*") if p.is_file()
                   and p.suffix in (".eml", ".txt") and p.parent.name != "addresses")
    per_file = []
    for path in files:
        raw = path.read_bytes()
        per_file.append(min(timed(lambda raw=raw: parse_message(raw), 3)))
    print(f"parse_message, {len(files)} corpus files: median {statistics.median(per_file)*1e3:.1f} "
          f"ms, worst {max(per_file)*1e3:.0f} ms")
    endless = (CORPUS / "email/flanker/enclosed-endless.eml").read_bytes()
    print(f"parse_message, enclosed-endless.eml (3 MB): "
          f"{statistics.median(timed(lambda: parse_message(endless), 5))*1e3:.0f} ms")
    print(f"split_reply, {len(REPLY) // 1000} kB Outlook reply: "
          f"{statistics.median(timed(lambda: split_reply(REPLY), 50))*1e6:.0f} µs")


def bench_poll(count: int) -> None:
    keyring.set_keyring(MemoryKeyring())
    server = Dovecot()
    try:
        folder = server.new_folder("Bench")
        deliver_customer_mail(server, folder, count, text=lambda number: (
            f"Message {number}: where is my parcel?\n\n" + REPLY[:2000]))
        with tempfile.TemporaryDirectory() as directory:
            store = open_store(Path(directory) / "bench.db")
            store.add_account("bench", "email", server.account_config(folder))
            secrets.set_secret("bench", server.password)
            read, began = 0, time.perf_counter()
            while True:
                [result] = poll_once(store, account="bench")
                if result.error or not result.new:
                    break
                read += result.new
            elapsed = time.perf_counter() - began
            print(f"first read of {read} messages: {elapsed:.1f} s "
                  f"({read / elapsed:.0f} messages/s, including storing and scoring)")
            began = time.perf_counter()
            poll_once(store, account="bench")
            print(f"re-poll with nothing new: {(time.perf_counter() - began)*1e3:.0f} ms")
            store.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    args = parser.parse_args()
    bench_parsing()
    bench_poll(args.messages)


if __name__ == "__main__":
    main()
