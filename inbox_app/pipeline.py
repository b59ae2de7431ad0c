"""Bulk ingest: parse, score in worker processes, store in batches.

Scoring (VADER) and parsing are the slow steps, so while the store writes one
batch, worker processes parse and score the next ones (one per core but the
writer's), and the writer takes a chunk itself whenever it would otherwise wait.
Each batch is one transaction; importing the same file again changes nothing.
"""

from __future__ import annotations

import gc
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, fields
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO

from inbox_app.core import importing
from inbox_app.core.importing import LineError, OverlongLine, parse_and_score
from inbox_app.core.models import IdentityRef, IncomingMessage, IngestResult, Sentiment
from inbox_app.core.sentiment import Scorer, score_many
from inbox_app.store import Store, stored_keys

BATCH = 5000  # messages stored in one transaction (fewer, larger commits: fewer page writes)
# An import's transactions grow from BATCH to this: a page of an index takes many rows in
# one commit instead of being written again in each (storing 100,000 messages alone: 6–10 %
# less CPU time than at 5,000), while a small import shows its first rows as soon as before.
# The write lock is held about a second at a time.
MOST_BATCH = 20000
CHUNK = 1000  # lines parsed and scored as one unit of work
AHEAD = 2 * MOST_BATCH // CHUNK  # chunks a worker has in hand: work for while a batch is stored
OPTIMIZE_AFTER = 5000
READ_BLOCK = 1024 * 1024  # bytes a JSON Lines file is read by (see bounded_lines)


@dataclass
class ImportSummary:
    imported: int = 0
    duplicates: int = 0
    errors: list[LineError] = field(default_factory=list)
    left_out: list[LineError] = field(default_factory=list)  # rows that are no message
    conversation_ids: set[int] = field(default_factory=set)

    def line(self) -> str:
        return f"imported {self.imported}, duplicates {self.duplicates}, errors {len(self.errors)}"


class _Collector:
    """Who has paused the cyclic garbage collector, and whether it ran before the first."""

    lock = threading.Lock()
    pauses = 0
    was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Bulk ingest makes hundreds of thousands of objects and frees them itself, without
    cycles; the collector's passes over them found nothing and cost 12 % of an import's
    time (measured on 100,000 messages). Nested and concurrent pauses end with the last."""
    with _Collector.lock:
        if _Collector.pauses == 0:
            _Collector.was_enabled = gc.isenabled()
            gc.disable()
        _Collector.pauses += 1
    try:
        yield
    finally:
        with _Collector.lock:
            _Collector.pauses -= 1
            if _Collector.pauses == 0 and _Collector.was_enabled:
                gc.enable()


def _bulk(store: Store, opening: list) -> AbstractContextManager[None]:
    """More than one chunk is a bulk write: the store's upkeep moves beside it."""
    return store.checkpoints_aside() if len(opening) > 1 else nullcontext()


def _batches(items: Iterable[IncomingMessage], size: int) -> Iterator[list[IncomingMessage]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    store: Store,
    items: Iterable[IncomingMessage],
    *,
    batch: int = BATCH,
    workers: int | None = None,
    staff: str | None = None,
    on_batch: Callable[[IngestResult], None] | None = None,
) -> IngestResult:
    """Stores any number of items, about `batch` to a transaction.

    Items without a sentiment are scored in worker processes, and in this one whenever
    it would otherwise wait for them; a single chunk starts no workers.
    """
    total = IngestResult()
    waiting: list[IncomingMessage] = []

    def store_waiting() -> None:
        result = store.save_messages(waiting, staff=staff)
        waiting.clear()
        total.add(result)
        if on_batch:
            on_batch(result)

    chunks = _batches(items, CHUNK)
    opening = list(islice(chunks, 2))
    fresh: deque[list[IncomingMessage]] = deque()

    def texts() -> Iterator[tuple[list[str]]]:
        """Each chunk's texts to score; items already stored are left out here."""
        for chunk in chain(opening, chunks):
            known = store.existing_keys(chunk)
            kept = [i for i in chunk if (i.kind, i.account, i.external_id) not in known]
            total.duplicates += len(chunk) - len(kept)
            fresh.append(kept)
            yield ([item.text for item in kept if item.sentiment is None],)

    with collector_paused(), _bulk(store, opening), Scorer(
            workers if len(opening) > 1 else 0) as scorer:
        for scores in scorer.map_ordered(score_many, texts(), here=score_many, ahead=AHEAD):
            chunk = fresh.popleft()
            unscored = [item for item in chunk if item.sentiment is None]
            for item, row in zip(unscored, scores, strict=True):
                item.sentiment = Sentiment(*row)
            waiting.extend(chunk)
            if len(waiting) >= batch:
                store_waiting()
        if waiting:
            store_waiting()
    if total.imported >= OPTIMIZE_AFTER:
        store.optimize()
    return total


def import_lines(
    store: Store,
    lines: Iterable[bytes | str],
    *,
    on_error: Callable[[LineError], None] | None = None,
    workers: int | None = None,
    staff: str | None = None,
    on_batch: Callable[[IngestResult], None] | None = None,
) -> ImportSummary:
    """Imports JSON Lines, `BATCH` messages to the first transaction, twice as many to
    each next one up to MOST_BATCH.

    Chunks of lines are parsed and scored in worker processes, and in this one whenever
    it would otherwise wait for them; a file of one chunk starts no workers.
    """
    summary = ImportSummary()
    region = store.phone_region()
    waiting: list[IncomingMessage] = []
    batch = BATCH

    def store_waiting() -> None:
        nonlocal batch
        result = store.save_messages(waiting, staff=staff)
        waiting.clear()
        batch = min(2 * batch, max(MOST_BATCH, BATCH))
        summary.imported += result.imported
        summary.duplicates += result.duplicates
        summary.conversation_ids |= result.conversation_ids
        if on_batch:
            on_batch(result)

    # Lines already imported are not scored again: asked of this store here, and of the
    # same file from the worker processes (PostgreSQL: only here).
    here = partial(_parse_chunk, region=region, already_stored=store.existing_keys)
    in_workers = partial(
        _parse_chunk, region=region,
        already_stored=partial(stored_keys, store.location)
        if store.engine == "sqlite" and store.location != ":memory:" else None,
    )
    chunks = _line_chunks(lines, CHUNK)
    opening = list(islice(chunks, 2))
    calls = ((chunk, number) for number, chunk in chain(opening, chunks))
    with collector_paused(), _bulk(store, opening), Scorer(
            workers if len(opening) > 1 else 0) as scorer:
        for parsed in scorer.map_ordered(in_workers, calls, here=here, ahead=AHEAD):
            for entry in parsed.entries:
                if isinstance(entry, LineError):
                    summary.errors.append(entry)
                    if on_error:
                        on_error(entry)
                else:
                    waiting.append(entry)
            if len(waiting) >= batch:
                store_waiting()
        if waiting:
            store_waiting()
    if summary.imported >= OPTIMIZE_AFTER:
        store.optimize()
    return summary


def _parse_chunk(
    lines: list, first_line: int, *, region: str,
    already_stored: Callable[[list[IncomingMessage]], set[tuple[str, str, str]]] | None,
) -> ParsedChunk:
    return ParsedChunk(parse_and_score(lines, first_line, region, already_stored))


class ParsedChunk:
    """A chunk of lines parsed and scored. From a worker process it travels as plain tuples:
    a third of the pickling cost of the dataclasses, most of it paid by the busy writer."""

    __slots__ = ("entries",)

    def __init__(self, entries: list[IncomingMessage | LineError]):
        self.entries = entries

    def __reduce__(self):
        return _chunk_from_tuples, ([
            entry if isinstance(entry, LineError) else _message_tuple(entry)
            for entry in self.entries
        ],)


MESSAGE_FIELDS = tuple(f.name for f in fields(IncomingMessage))
IDENTITIES = MESSAGE_FIELDS.index("identities")
SENTIMENT = MESSAGE_FIELDS.index("sentiment")


def _message_tuple(item: IncomingMessage) -> tuple:
    values = [getattr(item, name) for name in MESSAGE_FIELDS]
    values[IDENTITIES] = tuple(
        (ref.kind, ref.value, ref.display, ref.followers) for ref in item.identities)
    if (mood := item.sentiment) is not None:
        values[SENTIMENT] = (mood.compound, mood.pos, mood.neu, mood.neg)
    return tuple(values)


def _chunk_from_tuples(rows: list) -> ParsedChunk:
    entries: list[IncomingMessage | LineError] = []
    for row in rows:
        if isinstance(row, LineError):
            entries.append(row)
            continue
        item = IncomingMessage(*row)
        item.identities = tuple(IdentityRef(*ref) for ref in row[IDENTITIES])
        if row[SENTIMENT] is not None:
            item.sentiment = Sentiment(*row[SENTIMENT])
        entries.append(item)
    return ParsedChunk(entries)


def _line_chunks(lines: Iterable[bytes | str], size: int) -> Iterator[tuple[int, list]]:
    """(number of the first line, lines) in chunks of `size` lines."""
    iterator = iter(lines)
    number = 1
    while chunk := list(islice(iterator, size)):
        yield number, chunk
        number += len(chunk)


def bounded_lines(
    handle: BinaryIO, head: bytes = b"", *, block: int = READ_BLOCK, limit: int | None = None
) -> Iterator[bytes | OverlongLine]:
    """The lines of `head` and then of `handle` (without their `\\n`), read a block at a
    time: a line longer than `limit` (MAX_LINE) comes as an OverlongLine, its bytes
    skipped as they are read. Iterating a file reads each line whole, at any length: a
    file of one endless line, or of lines that end in CR alone, was held in memory
    whole — several times over — to be told it was too long."""
    limit = limit or importing.MAX_LINE
    read = getattr(handle, "read1", handle.read)
    started: list[bytes] = []  # the line under way, while it is within the limit
    size = 0  # the length of the line under way
    for data in chain((head,), iter(partial(read, block), b"")):
        lines = data.split(b"\n")
        rest = lines.pop()
        if lines:
            if size:
                size += len(lines[0])
                lines[0] = OverlongLine(size) if size > limit else b"".join((*started, lines[0]))
                started, size = [], 0
            if len(data) > limit:  # only then can a line inside it be over the limit
                lines = [OverlongLine(len(line)) if type(line) is bytes and len(line) > limit
                         else line for line in lines]
            yield from lines
        if rest:
            size += len(rest)
            if size <= limit:
                started.append(rest)
            else:
                started = []
    if size:
        yield OverlongLine(size) if size > limit else b"".join(started)


def import_jsonl(store: Store, path: str | Path, **kwargs) -> ImportSummary:
    """Imports a JSON Lines file; raises OSError when it cannot be read at all."""
    with open(path, "rb") as handle:
        return import_lines(store, bounded_lines(handle), **kwargs)
