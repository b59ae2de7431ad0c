"""Import call log…: the preview reads the dates as the import will. The import finds
the day/month order from every row (a 13 in the day's place, far down the file); the
preview looked at its first eight rows only, so in a US shop it showed 3 December for
what the import then stored as 12 March."""

from __future__ import annotations

from inbox_app.gui.call_import import preview_calls, read_file
from inbox_app.sources.call_log import import_call_csv


def test_the_preview_takes_the_day_month_order_from_the_whole_file(store, tmp_path):
    store.set_setting("phone_region", "US")
    early = [f"12/03/2026 09:{minute:02d},+1 207 555 01{minute:02d},in,60"
             for minute in range(10, 20)]
    path = tmp_path / "calls.csv"
    path.write_text("Time,Number,Direction,Duration\n" + "\n".join(early)
                    + "\n13/03/2026 10:00,+1 207 555 0199,in,60\n", encoding="utf-8")

    rows, problems, problem = preview_calls(read_file(store, str(path)), [], str(path))

    assert problem is None and not problems
    assert rows[0][0] == "2026-03-12 09:10"
    import_call_csv(store, path)
    first = store.find_customer("+1 207 555 0110")
    stored = store.messages(store.customer_conversations(first.id)[0]["id"])[0]
    assert stored.at == 1773306600  # 2026-03-12 09:10 UTC, as the preview said
