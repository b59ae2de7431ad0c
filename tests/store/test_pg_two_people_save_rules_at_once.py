"""Two computers saving rules at the same moment on a shared PostgreSQL store.

The rules are one list kept in one settings row: under READ COMMITTED the second
computer reads the list before the first commits, and writes its own list over the
first's — a rule added at the same moment is lost, and an edit made on a rule a
colleague is saving is not refused. The first computer's transaction is held open
here until the second is seen waiting (or is done), so the moment is not left to chance.
"""

from __future__ import annotations

import threading

import pytest

from inbox_app.core.rules import Rule
from inbox_app.store import open_store
from tests.pgserver import wait_until

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_desktops(pg_url):
    first, second = open_store(pg_url), open_store(pg_url)
    onlooker = open_store(pg_url)
    yield first, second, onlooker
    for store in (first, second, onlooker):
        store.close()


def test_two_rules_added_at_the_same_moment_are_both_kept(two_desktops):
    first, second, onlooker = two_desktops
    with first.transaction():
        first.save_rule(Rule("Refunds", words=("refund",), labels=("refund",)))
        worker = threading.Thread(target=lambda: second.save_rule(
            Rule("Wholesale", words=("wholesale",), labels=("wholesale",))))
        worker.start()
        wait_until(lambda: not worker.is_alive() or onlooker._scalar(
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock'"), timeout=10)
    worker.join(10)
    assert sorted(rule.name for rule in onlooker.list_rules()) == ["Refunds", "Wholesale"]
