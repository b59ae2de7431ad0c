"""The summary as JSON: exactly the keys of the command-line contract (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

from inbox_app.reports.figures import Figures, as_json
from inbox_app.reports.output import replace_atomically


def json_text(figures: Figures) -> str:
    return json.dumps(as_json(figures), ensure_ascii=False, indent=2) + "\n"


def write_json(figures: Figures, path: str | Path) -> Path:
    target = Path(path)
    text = json_text(figures)
    replace_atomically(target, lambda handle: handle.write(text.encode("utf-8")))
    return target
