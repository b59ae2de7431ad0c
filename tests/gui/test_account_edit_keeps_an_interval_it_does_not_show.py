"""Accounts → Edit shows the interval in whole minutes: an account the command line set to
be checked every 30 seconds (`--interval 30`, the shortest allowed) shows "1 min". Saving
another change (here the feed's address) left it checked once a minute: the interval is
changed only when the person changes it."""

from __future__ import annotations

from tests.servers import static

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Reviews</title>
<item><title>Lovely beans</title><link>https://reviews.example/1</link><guid>r1</guid>
<description>Great coffee</description></item></channel></rss>"""


def test_a_half_minute_interval_stays_when_something_else_is_saved(
        accounts_dialog, store, http_server, qtbot):
    http_server.route("GET", "/reviews.rss", static(RSS))
    http_server.route("GET", "/reviews-new.rss", static(RSS))
    store.add_account("Reviews", "feed", {"url": http_server.url("/reviews.rss")},
                      poll_interval=30)
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    assert accounts_dialog.widgets["interval"].value() == 1
    accounts_dialog.set_field("--url", http_server.url("/reviews-new.rss"))
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args[1], tested.args
    assert store.get_account("Reviews").poll_interval == 30

    accounts_dialog.start_edit()
    accounts_dialog.set_field("interval", 2)
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args[1], tested.args
    assert store.get_account("Reviews").poll_interval == 120
