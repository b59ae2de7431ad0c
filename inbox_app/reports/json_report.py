"""The summary as JSON: exactly the keys of the command-line contract (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

from inbox_app.reports.figures import Figures, as_json
from inbox_app.reports.output import replace_atomically


def json_text(figures: Figures, *, ascii_only: bool = False) -> str:
    """The summary as JSON text; `ascii_only` writes every other letter as a `\\u` escape,
    for a stream whose encoding cannot hold them all (a Windows code page), so that a
    script reads back the names exactly instead of question marks."""
    return json.dumps(as_json(figures), ensure_ascii=ascii_only, indent=2) + "\n"


def write_json(figures: Figures, path: str | Path) -> Path:
    target = Path(path)
    text = json_text(figures)
    replace_atomically(target, lambda handle: handle.write(text.encode("utf-8")))
    return target
