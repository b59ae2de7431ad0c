"""Writing a file a person named (an export, a report): whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def is_device_or_pipe(path: str | Path) -> bool:
    """True for something that exists and is neither a plain file nor a folder: /dev/null,
    /dev/stdout, a named pipe a script reads from."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def replacing(path: str | Path, *, binary: bool = False, newline: str | None = "",
              error: type[Exception] = OSError) -> Iterator[IO]:
    """Yields a file to write `path` through: a temporary file beside it, renamed into
    place once written and on the disk, so a full disk or a crash leaves the old file (or
    none), never a torn one. A device or a pipe is written directly: renaming a file over
    it would put a plain file in its place (as root, over /dev/null itself).

    Failures raise `error` with one sentence a person can act on."""
    target = Path(path)
    if target.is_dir():
        raise error(f"Cannot write {target}: it is a folder; name a file in it.")
    mode = "wb" if binary else "w"
    options = {} if binary else {"encoding": "utf-8", "newline": newline}
    if is_device_or_pipe(target):
        try:
            with open(target, mode, **options) as handle:
                yield handle
        except OSError as problem:
            raise error(f"Cannot write {target}: {problem.strerror or problem}.") from None
        return
    folder = target.parent
    if not folder.is_dir():
        raise error(f"Cannot write {target}: the folder {folder} does not exist.")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                                 dir=folder)
    except OSError as problem:
        raise error(f"Cannot write {target}: {problem.strerror or problem}.") from None
    try:
        with os.fdopen(descriptor, mode, **options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as problem:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise error(f"Cannot write {target}: {problem.strerror or problem}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
