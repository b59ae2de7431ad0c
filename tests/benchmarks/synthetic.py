"""Synthetic but realistic import files for benchmarks: varied texts, repeat customers, threads."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

OPENINGS = [
    "Hi there,", "Hello!", "Hey team,", "Good morning,", "Dear Harbour Lane,", "Quick one:",
    "Hi,", "Evening all,",
]
BODIES = [
    "my order #{n} still hasn't arrived and tracking has not moved in days.",
    "the beans I got were ground for filter but I asked for whole beans.",
    "just wanted to say the Ethiopian roast is fantastic, thank you so much!",
    "I was charged twice for my subscription this month, please refund one.",
    "do you do wholesale pricing for a small café? We use about 6 kg a week.",
    "the café was filthy today and the barista was rude. Really disappointed.",
    "can I pause my subscription over the holidays?",
    "love the new packaging, much nicer than before.",
    "this is the third time my delivery is late. Unacceptable, I want to cancel.",
    "what time do you open on Sundays?",
    "the grinder stopped working after a week. Terrible quality.",
    "great service yesterday, the flat white was perfect.",
]
CLOSINGS = ["Thanks!", "Cheers, {name}", "Regards", "Best, {name}", "", "Please help.", "x"]
FIRST = ["Ann", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kit", "Lu"]
LAST = ["Adams", "Brook", "Chen", "Diaz", "Evans", "Ford", "Gray", "Hill", "Ito", "Jones"]
KINDS = ["email"] * 40 + ["phone"] * 25 + ["mastodon"] * 10 + ["bluesky"] * 8 + \
    ["telegram"] * 5 + ["feed"] * 12


def texts(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        name = rng.choice(FIRST)
        parts = [rng.choice(OPENINGS), rng.choice(BODIES).format(n=10000 + i),
                 rng.choice(BODIES).format(n=20000 + i) if rng.random() < 0.3 else "",
                 rng.choice(CLOSINGS).format(name=name)]
        out.append(" ".join(p for p in parts if p))
    return out


def write_import_file(path: Path, count: int, *, customers: int | None = None,
                      seed: int = 1) -> list[str]:
    """Writes `count` JSONL messages; returns their texts (for scoring-alone comparisons)."""
    rng = random.Random(seed)
    customers = customers or max(1, count // 5)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    bodies = texts(count, seed)
    with open(path, "w", encoding="utf-8") as out:
        for i, text in enumerate(bodies):
            person = rng.randrange(customers)
            kind = rng.choice(KINDS)
            record = {
                "kind": kind,
                "id": f"bench-{i}",
                "text": text,
                "at": (start + timedelta(seconds=i * 300 + rng.randrange(300))).isoformat(),
                "author_name": f"{FIRST[person % len(FIRST)]} {LAST[person % len(LAST)]} {person}",
            }
            if kind == "email":
                record["email"] = f"customer{person}@example.com"
            elif kind == "phone":
                record["phone"] = f"+1 207 555 {person % 10000:04d}"
            elif kind in ("mastodon", "bluesky", "telegram"):
                record["handle"] = f"user{person}.example"
                record["followers"] = rng.randrange(0, 5000)
            if rng.random() < 0.4:
                record["thread"] = f"thread-{person}-{i // 50}"
            if rng.random() < 0.15:
                record["direction"] = "out"
                record["author_name"] = "Maya"
            out.write(json.dumps(record) + "\n")
    return bodies
