"""`export conversations` takes the queue's view options (--kind, --tag, --account) as
`queue` does, so a script exports what `queue` lists: the owner's "phone calls for the
accountant" was every conversation, or refused as an unknown option."""

from __future__ import annotations

import csv
import json

import pytest

from inbox_app.cli import main
from inbox_app.store import open_store
from tests.store.helpers import msg


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "shop.db"
    store = open_store(path)
    store.save_messages([
        msg("e1", "Where is my order?", email="ann@example.com", author="Ann Lee",
            account="Shop mail"),
        msg("p1", "Call me back", kind="phone", phone="+1 207 555 0142", author="Bo Chen"),
        msg("m1", "Love it", kind="mastodon", handle="@cat@mastodon.social", author="Cat"),
    ])
    bo = store.find_customer("+12075550142")
    store.tag_customer(bo.id, "wholesale")
    store.close()
    return path


def exported(db, tmp_path, *options):
    out = tmp_path / "view.csv"
    assert main(["--db", str(db), "export", "conversations", "--out", str(out), *options]) == 0
    with open(out, encoding="utf-8-sig", newline="") as file:
        return sorted(row["customer"] for row in csv.DictReader(file))


def listed(db, capsys, *options):
    capsys.readouterr()
    assert main(["--db", str(db), "queue", "--filter", "all", "--json", *options]) == 0
    return sorted(row["customer"] for row in json.loads(capsys.readouterr().out))


@pytest.mark.parametrize("options", [
    ("--kind", "phone"), ("--tag", "wholesale"), ("--account", "shop MAIL"),
    ("--kind", "email", "--account", "Shop mail"), ("--kind", "telegram"),
])
def test_the_export_holds_what_the_queue_lists(db, tmp_path, capsys, options):
    assert exported(db, tmp_path, *options) == listed(db, capsys, *options)


def test_one_kind_for_the_accountant(db, tmp_path):
    assert exported(db, tmp_path, "--kind", "phone") == ["Bo Chen"]


def test_the_customer_export_refuses_the_view_options(db, tmp_path, capsys):
    code = main(["--db", str(db), "export", "customers", "--out", str(tmp_path / "c.csv"),
                 "--kind", "phone"])
    assert code == 2
    assert "the customer export lists every customer" in capsys.readouterr().err
    assert not (tmp_path / "c.csv").exists()
