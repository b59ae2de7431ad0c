"""Writing report files so that a failure never leaves half a file behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from inbox_app.files import replacing


class ReportError(Exception):
    """A report that cannot be written, in one sentence a person can act on."""


def replace_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Writes through `write` into `path` as files.replacing does: whole or not at all,
    with ordinary permissions, a symlink kept a link, a device or a pipe written into."""
    with replacing(path, binary=True, error=ReportError) as stream:
        write(stream)
