"""Reading what accounts send — feeds, mail, Mastodon, Bluesky and Telegram — in a
helper process while a window is open.

Python runs one thread at a time. A poll that parses feeds and mail in the window's
own worker threads takes the interpreter away from the window's event loop for
100–300 ms at a time during a 10,000-item poll (tests/benchmarks/bench_poll_ui.py),
however the threads take turns; mapping 10,000 Mastodon mentions (sanitising their
HTML) in 25 poll threads at once held it up to 0.7 s. So the window starts a helper
process (`start()`), and channel modules hand it their CPU-heavy work through `run()`:
parsing or mapping what was downloaded, and VADER scoring of the result. The window's
process then only downloads and stores.

Without `start()` (the command line, a cron job, the tests of the channels) `run()`
parses in the calling thread, one channel at a time (PARSE_LOCK): a single poll round
gains nothing from a second process. A helper that dies (killed, out of memory)
fails only the account it was parsing, in one sentence; the next call starts a new one.
So does work that runs past DEADLINE_S (the parsers are bounded for every hostile input
we know of; this is for the one we do not): the helper is stopped, which a thread
could not be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from inbox_app.sources import PARSE_LOCK, SourceError

T = TypeVar("T")

DEADLINE_S = 120.0  # for one feed (at most 5 MB) or one mail; they take well under a second

_lock = threading.Lock()
_wanted = False
_pool: Executor | None = None


def start() -> None:
    """From now on `run()` works in a helper process (started on first use)."""
    global _wanted
    with _lock:
        _wanted = True


def stop() -> None:
    """Back to parsing in line; the helper process ends."""
    global _wanted, _pool
    with _lock:
        _wanted, pool, _pool = False, _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def in_process() -> bool:
    return _wanted


def run(function: Callable[..., T], *args) -> T:
    """`function(*args)`, in the helper process when one was asked for, else here under
    PARSE_LOCK. The function and its arguments and result must pickle."""
    if not _wanted:
        with PARSE_LOCK:
            return function(*args)
    pool = _helper()
    try:
        return pool.submit(function, *args).result(timeout=DEADLINE_S)
    except BrokenProcessPool:
        _discard(pool)
        raise SourceError("The helper process that reads what accounts send stopped while"
                          " reading this account; it will be tried again.") from None
    except FutureTimeout:
        _discard(pool, kill=True)
        raise SourceError(f"Reading what this account sent took longer than"
                          f" {DEADLINE_S:.0f} s, so it was stopped; it will be tried"
                          " again.") from None


def _helper() -> Executor:
    global _pool
    with _lock:
        if _pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the window has live threads; one process, so the work
            # queues there instead of competing for the window's second core.
            _pool = ProcessPoolExecutor(max_workers=1,
                                        mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_warm_up)
        return _pool


def _discard(pool: Executor, *, kill: bool = False) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    if kill:  # ProcessPoolExecutor cannot stop a running call (before Python 3.14)
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _warm_up() -> None:
    """Imports the parsers and builds VADER once, before the first account waits on it;
    the helper ends with the window, however the window ends."""
    from inbox_app.core.sentiment import start_worker

    start_worker()
    import inbox_app.sources.feed_parse  # noqa: F401
    import inbox_app.sources.mail_parse  # noqa: F401
