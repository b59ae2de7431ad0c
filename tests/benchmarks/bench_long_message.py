"""Scoring the longest message the app keeps (100,000 characters), with and without emoji.

Run: .venv/bin/python tests/benchmarks/bench_long_message.py
VADER's own `polarity_scores` rescans the whole text for every sentiment word and every
score after a "but", so its time grows with the square of the length; the app's scorer
(core/valence.py, the same scores) grows with the length.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inbox_app.core.sentiment import analyzer, polarity  # noqa: E402
from inbox_app.core.text import MAX_TEXT  # noqa: E402

SENTENCE = "the coffee was great but the delivery was terrible and I am not happy at all "


def timed(score, text: str) -> tuple[float, dict]:
    started = time.perf_counter()
    result = score(text)
    return time.perf_counter() - started, result


def main() -> None:
    plain = (SENTENCE * (MAX_TEXT // len(SENTENCE) + 1))[:MAX_TEXT]
    with_emoji = plain[:-1] + "😀"
    ours, vader = polarity(), analyzer().polarity_scores
    for name, text in (("without emoji", plain), ("with one emoji", with_emoji)):
        fast, fast_scores = timed(ours, text)
        slow, slow_scores = timed(vader, text)
        assert fast_scores == slow_scores
        print(f"{len(text):,} characters {name}: the app {fast * 1000:.0f} ms,"
              f" VADER's polarity_scores {slow:.1f} s (same scores)")


if __name__ == "__main__":
    main()
