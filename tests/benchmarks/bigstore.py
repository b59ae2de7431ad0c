"""A year of a busy shop, 200,000 messages, for the report benchmarks.

Built once and kept in pytest's cache folder (a few minutes to build);
sentiment is drawn at random instead of scored, since VADER is not what is measured.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

from inbox_app.core.identity import identity_refs
from inbox_app.core.models import IncomingMessage, Sentiment
from inbox_app.store import Store, open_store

VERSION = 1
START = int(datetime(2025, 4, 1, tzinfo=UTC).timestamp())
END = int(datetime(2026, 4, 1, tzinfo=UTC).timestamp())
STAFF = ("Maya Okafor", "Theo Brandt", "Priya Raman", "Sam Ito", "Lena Weber")
KINDS = (("email", 45), ("phone", 20), ("mastodon", 10), ("bluesky", 8), ("telegram", 5),
         ("feed", 12))
DAY = 86400


def _identity(kind: str, customer: int):
    if kind == "email":
        return identity_refs(kind, email=f"customer{customer}@mail.example")
    if kind == "phone":
        return identity_refs(kind, phone=f"+1 207 {200 + customer // 10000:03d} "
                                         f"{customer % 10000:04d}")
    if kind == "feed":
        return identity_refs(kind, author_name=f"Reviewer {customer}")
    return identity_refs(kind, handle=f"@c{customer}@social.example" if kind == "mastodon"
                         else f"c{customer}.{kind}.example", followers=customer % 900)


def _text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return "Harbour Lane did it again, lovely beans"
    if roll < 0.12:
        return "Bean Barons is cheaper than Harbour Lane" if roll < 0.10 else "Tried Bean Barons"
    return rng.choice(("Where is my order?", "Thanks for the quick help", "Can I pause it?",
                       "The grinder broke after a week", "Opening hours on Sunday?"))


def conversations(rng: random.Random, total_messages: int):
    """Yields (messages, close_at, close_staff, assign) per conversation until the total."""
    weights = [weight for _, weight in KINDS]
    kinds = [kind for kind, _ in KINDS]
    made = 0
    number = 0
    while made < total_messages:
        number += 1
        kind = rng.choices(kinds, weights)[0]
        customer = min(int(rng.paretovariate(1.1)) * 7 + rng.randrange(7), 60000)
        refs = _identity(kind, customer)
        thread = f"bench:{number}"
        at = START + int((END - START - DAY) * rng.random())
        messages = [IncomingMessage(kind=kind, external_id=f"{thread}:1", text=_text(rng), at=at,
                                    thread=thread, identities=refs, author_name=f"Customer {customer}",
                                    sentiment=Sentiment(round(rng.uniform(-1, 1), 4), 0, 1, 0))]
        last = at
        staff = rng.choice(STAFF)
        if rng.random() < 0.7:
            last += min(int(rng.lognormvariate(8.3, 1.2)), 5 * DAY)
            messages.append(IncomingMessage(kind=kind, external_id=f"{thread}:2", text="Sorted!",
                                            at=last, thread=thread, direction="out", staff=staff,
                                            delivery="sent", sentiment=Sentiment(0.5, 0, 1, 0)))
            if rng.random() < 0.3:
                last += rng.randrange(600, 2 * DAY)
                messages.append(IncomingMessage(
                    kind=kind, external_id=f"{thread}:3", text=_text(rng), at=last, thread=thread,
                    identities=refs, sentiment=Sentiment(round(rng.uniform(-1, 1), 4), 0, 1, 0)))
                if rng.random() < 0.6:
                    last += min(int(rng.lognormvariate(8.0, 1.0)), 3 * DAY)
                    messages.append(IncomingMessage(
                        kind=kind, external_id=f"{thread}:4", text="Done.", at=last,
                        thread=thread, direction="out", staff=staff, delivery="sent",
                        sentiment=Sentiment(0.4, 0, 1, 0)))
        close = last + rng.randrange(600, 3 * DAY) if rng.random() < 0.75 else None
        assign = None if close else (staff, last + rng.randrange(-5, 10) * DAY)
        made += len(messages)
        yield messages, (close if close and close < END else None), staff, assign


def build(path: Path, total_messages: int = 200_000, seed: int = 1) -> None:
    store = open_store(path)
    try:
        _fill(store, total_messages, seed)
    finally:
        store.close()


def _fill(store: Store, total_messages: int, seed: int) -> None:
    rng = random.Random(seed)
    store.set_setting("business_name", "Benchmark Coffee")
    store.set_setting("brand_terms", ["Harbour Lane"])
    store.set_setting("competitor_terms", ["Bean Barons"])
    for name in STAFF:
        store.add_staff(name)
    plans = list(conversations(rng, total_messages))
    batch: list[IncomingMessage] = []
    for messages, *_ in plans:
        batch.extend(messages)
        if len(batch) >= 5000:
            store.save_messages(batch)
            batch = []
    store.save_messages(batch)
    ids = store.conversation_ids_for_threads([plan[0][0].thread for plan in plans])
    with store.transaction():
        for messages, close, staff, assign in plans:
            conversation = ids[messages[0].thread]
            if close is not None:
                store.close_conversation(conversation, staff=staff, at=close)
            elif assign is not None:
                store.assign(conversation, assign[0], due_at=assign[1])


def cached(folder: Path, total_messages: int = 200_000) -> Path:
    """The benchmark store in `folder`, built on first use."""
    path = folder / f"report-bench-v{VERSION}-{total_messages}.db"
    if not path.exists():
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        build(partial, total_messages)
        shutil.move(partial, path)
    return path

