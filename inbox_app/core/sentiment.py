"""VADER sentiment, exactly as `SentimentIntensityAnalyzer().polarity_scores(text)`.

Scoring was the slow step of a bulk import (VADER scores about 20,000 texts/s on
one core), so large batches are spread over worker processes; small ones stay
in-process.

`polarity` gives `polarity_scores`'s exact scores about three times as fast, and in
time that grows with a message's length rather than its square (see
`core/valence.py`): tests compare both on VADER's whole corpus and on generated texts.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from inbox_app.core.models import Sentiment

T = TypeVar("T")

_analyzer: SentimentIntensityAnalyzer | None = None
_polarity: Callable[[str], dict[str, float]] | None = None

PARALLEL_FROM = 4000
CHUNK = 1000


def analyzer() -> SentimentIntensityAnalyzer:
    """Built on first use: the window starts without VADER (or multiprocessing, below)."""
    global _analyzer
    if _analyzer is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _analyzer = SentimentIntensityAnalyzer()
    return _analyzer


def polarity() -> Callable[[str], dict[str, float]]:
    """`SentimentIntensityAnalyzer().polarity_scores`, the same scores faster."""
    global _polarity
    if _polarity is None:
        from inbox_app.core.valence import valence_scorer

        _polarity = valence_scorer(analyzer())
    return _polarity


def start_worker() -> None:
    """A worker process's first step: VADER built, and an end with its parent."""
    end_with_parent()
    polarity()


def end_with_parent() -> None:
    """In a worker process: exits once the process that started it is gone. A parent killed
    with -9 cannot tell its workers, and they would wait for work for ever."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None:
        return
    import threading
    from multiprocessing.connection import wait

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def score(text: str) -> Sentiment:
    s = polarity()(text)
    return Sentiment(compound=s["compound"], pos=s["pos"], neu=s["neu"], neg=s["neg"])


def score_many(texts: Sequence[str]) -> list[tuple[float, float, float, float]]:
    """Plain tuples: cheap to send between processes."""
    polarity_of = polarity()
    out = []
    for text in texts:
        s = polarity_of(text)
        out.append((s["compound"], s["pos"], s["neu"], s["neg"]))
    return out


def score_batch(texts: Sequence[str]) -> list[Sentiment]:
    return _as_sentiments(score_many(texts))


def core_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def worker_count() -> int:
    """Worker processes for bulk work: one per core but the one the caller keeps busy
    storing (measured: a third process on two cores slows the writer more than it helps)."""
    return core_count() - 1


class Scorer:
    """Runs scoring (and parsing) in `workers` processes; 0 runs it in line.

    Use as a context manager so the worker processes end with it.
    """

    def __init__(self, workers: int | None = None):
        self.workers = worker_count() if workers is None else workers
        self._pool: Executor | None = None

    def __enter__(self) -> Scorer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _executor(self) -> Executor:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the caller may be a Qt program with live threads.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=start_worker
            )
        return self._pool

    def map_ordered(
        self,
        function: Callable[..., T],
        calls: Iterable[tuple],
        *,
        here: Callable[..., T] | None = None,
        ahead: int = 2,
    ) -> Iterator[T]:
        """`function(*args)` for each args tuple, run ahead in the workers, yielded in order
        while the caller works on earlier results (one process only: run in line).

        Each worker is given up to `ahead` calls at a time: enough to keep it busy while
        the caller works on a result. With `here`, this process does not sit waiting for a
        worker: while the oldest call is unfinished, it takes the next call itself, as
        `here(*args)` (same result), so every core stays busy whichever side is ahead.
        """
        if self.workers <= 0:
            for args in calls:
                yield (here or function)(*args)
            return
        pool = self._executor()
        calls = iter(calls)
        pending: deque[Future | _Done] = deque()
        busy = self.workers * ahead  # calls given to the workers and not finished yet
        most = busy + 4  # results waiting for their turn: bounds the memory held
        more = True

        def unfinished() -> int:
            return sum(1 for p in pending if isinstance(p, Future) and not p.done())

        while True:
            while more and len(pending) < most and unfinished() < busy:
                args = next(calls, None)
                if args is None:
                    more = False
                else:
                    pending.append(pool.submit(function, *args))
            if not pending:
                return
            oldest = pending[0]
            if (here is not None and more and len(pending) < most
                    and isinstance(oldest, Future) and not oldest.done()):
                args = next(calls, None)
                if args is None:
                    more = False
                else:
                    pending.append(_Done(here(*args)))
                continue
            pending.popleft()
            yield oldest.result() if isinstance(oldest, Future) else oldest.value

    def score_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[list[Sentiment]]:
        """Scores each chunk, yielding results in the order the chunks came."""
        for scores in self.map_ordered(score_many, ((list(chunk),) for chunk in chunks)):
            yield _as_sentiments(scores)

    def score(self, texts: Sequence[str]) -> list[Sentiment]:
        if len(texts) < PARALLEL_FROM or self.workers <= 0:
            return _as_sentiments(score_many(texts))
        chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
        out: list[Sentiment] = []
        for part in self.score_chunks(chunks):
            out.extend(part)
        return out


class _Done:
    """A result this process worked out itself, waiting for its turn."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def _as_sentiments(rows: list[tuple[float, float, float, float]]) -> list[Sentiment]:
    return [Sentiment(*row) for row in rows]
