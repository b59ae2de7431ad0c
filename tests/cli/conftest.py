"""What the command-line tests share: a store filled from a few import lines, as a shop's
script would fill it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

# A customer's question, the store's first message in many tests.
ANN_ASKS = {"kind": "email", "id": "a1", "text": "Where is my order?",
            "at": "2026-03-01T10:00:00Z", "email": "ann@example.com", "author_name": "Ann Lee"}


@pytest.fixture
def imported(run_cli, tmp_path) -> Callable[..., Callable]:
    """`imported(*lines)` imports these JSON Lines into the test's store (`--db`) and gives
    back `run_cli` for the commands that follow."""

    def fill(*lines: dict) -> Callable:
        source = tmp_path / "lines.jsonl"
        source.write_text("".join(json.dumps(line) + "\n" for line in lines),
                          encoding="utf-8")
        assert run_cli("import", str(source))[0] == 0
        return run_cli

    return fill
