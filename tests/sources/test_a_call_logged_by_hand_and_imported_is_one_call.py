"""`inbox-app call log` and the phone system's export, in either order, store one call.

The import matched a call written to the minute with one logged by hand with seconds,
but only when the hand-logged call came first: `call log --at 10:42` after the export
listed the call at 10:42:15 (or an export to the minute, then `call log` with seconds)
stored the call twice.
"""

from __future__ import annotations

import pytest

EXPORT = "Start Time,From,To,Direction,Duration\n{written},+12075550142,+12075550100,{way},185\n"


@pytest.fixture
def import_export(run_cli, tmp_path):
    def run(written: str, way: str = "inbound") -> str:
        path = tmp_path / "export.csv"
        path.write_text(EXPORT.format(written=written, way=way), encoding="utf-8")
        code, out, err = run_cli("import", str(path))
        assert (code, err) == (0, "")
        return out.strip()

    return run


def log_by_hand(run_cli, at: str, way: str = "in") -> str:
    code, out, err = run_cli("call", "log", "--phone", "(207) 555-0142", "--at", at,
                             "--direction", way)
    assert (code, err) == (0, "")
    return out.strip()


def calls_stored(run_cli) -> str:
    return run_cli("stats", "--json")[1].split('"messages": ')[1].split(",")[0]


@pytest.mark.parametrize("written, typed", [("2026-03-02 10:42:15", "2026-03-02T10:42"),
                                            ("3/2/2026 10:42", "2026-03-02T10:42:37"),
                                            ("3/2/2026 10:42", "2026-03-02T10:42")])
def test_a_call_logged_after_the_export_was_imported_is_already_logged(
        run_cli, import_export, written, typed):
    assert import_export(written) == "imported 1, duplicates 0, errors 0"

    assert log_by_hand(run_cli, typed) == "that call with (207) 555-0142 is already logged"
    assert calls_stored(run_cli) == "1"


@pytest.mark.parametrize("written, typed", [("2026-03-02 10:42:15", "2026-03-02T10:42"),
                                            ("3/2/2026 10:42", "2026-03-02T10:42:37")])
def test_the_export_imported_after_the_call_was_logged_stores_it_once(
        run_cli, import_export, written, typed):
    assert log_by_hand(run_cli, typed).startswith("logged an incoming call")

    assert import_export(written) == "imported 0, duplicates 1, errors 0"
    assert calls_stored(run_cli) == "1"


def test_a_call_back_in_the_same_minute_is_another_call(run_cli, import_export):
    import_export("2026-03-02 10:42:15")

    assert log_by_hand(run_cli, "2026-03-02T10:42", "out").startswith("logged an outgoing call")
    assert calls_stored(run_cli) == "2"


def test_two_calls_seconds_apart_in_one_minute_with_seconds_stay_two(run_cli, import_export):
    import_export("2026-03-02 10:42:15")

    assert log_by_hand(run_cli, "2026-03-02T10:42:50").startswith("logged an incoming call")
    assert calls_stored(run_cli) == "2"
