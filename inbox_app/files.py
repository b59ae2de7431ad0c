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


def _umask() -> int:
    """The process's umask: Linux tells it; elsewhere it is set and set back at once (there
    is no call that only reads it)."""
    with contextlib.suppress(OSError, ValueError), \
            open("/proc/self/status", encoding="ascii", errors="replace") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    current = os.umask(0o022)
    os.umask(current)
    return current


@contextmanager
def replacing(path: str | Path, *, binary: bool = False, newline: str | None = "",
              error: type[Exception] = OSError) -> Iterator[IO]:
    """Yields a file to write `path` through: a temporary file beside it, renamed into
    place once written and on the disk, so a full disk or a crash leaves the old file (or
    none), never a torn one.

    The result reads as an ordinary file would: the umask's permissions, or those of the
    file it replaces. A symlink stays a link (the file it points to is replaced). A device
    or a pipe (`--out /dev/null`, a pipe a script reads) is written into: renaming a file
    over it would put a plain file in its place (as root, over /dev/null itself).

    Failures raise `error` with one sentence a person can act on."""
    shown = Path(path)
    if shown.is_dir():
        raise error(f"Cannot write {shown}: it is a folder; name a file in it.")
    mode = "wb" if binary else "w"
    options = {} if binary else {"encoding": "utf-8", "newline": newline}
    if is_device_or_pipe(shown):
        try:
            with open(shown, mode, **options) as handle:
                yield handle
        except OSError as problem:
            raise error(f"Cannot write {shown}: {problem.strerror or problem}.") from None
        return
    try:
        existing = os.stat(shown)
    except OSError:
        existing = None
    target = Path(os.path.realpath(shown))
    folder = target.parent
    if not folder.is_dir():
        given = shown.parent  # as the person wrote it, unless a symlink leads elsewhere
        in_the_way = next((part for part in (given, *given.parents) if part.is_file()), None)
        if in_the_way is not None:  # `--out notes.csv/x.csv`: no folder could be there
            raise error(f"Cannot write {shown}: {in_the_way} is a file, not a folder.")
        raise error(f"Cannot write {shown}: the folder {folder if given.is_dir() else given}"
                    " does not exist.")
    permissions = (stat.S_IMODE(existing.st_mode) if existing is not None
                   else 0o666 & ~_umask())
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                                 dir=folder)
    except OSError as problem:
        raise error(f"Cannot write {shown}: {problem.strerror or problem}.") from None
    try:
        with os.fdopen(descriptor, mode, **options) as handle:
            if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's file is not private
                os.fchmod(handle.fileno(), permissions)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as problem:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise error(f"Cannot write {shown}: {problem.strerror or problem}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
