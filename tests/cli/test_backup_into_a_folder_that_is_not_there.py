"""`backup --out some/new/folder/copy.db`: a cron job's typo in a folder name made the
whole path (folders scattered wherever the typo pointed) and said "backed up". A file in a
folder that is not there is refused as `report` and `export` refuse one, naming the folder,
and nothing is made; a name ending in `/` is a folder, made if need be (README)."""

from __future__ import annotations

import pytest


@pytest.fixture
def shop(run_cli):
    assert run_cli("staff", "add", "Maya Okafor")[0] == 0
    return run_cli


def test_a_copy_into_a_folder_that_is_not_there_is_refused_naming_it(shop, tmp_path):
    target = tmp_path / "bakcups" / "nightly" / "shop.db"
    code, out, err = shop("backup", "--out", str(target))
    assert (code, out) == (2, "")
    assert err == (f"inbox-app: Cannot write {target}: the folder {target.parent} does not"
                   " exist; nothing was written (end --out with / to have a new folder"
                   " made).\n")
    assert not (tmp_path / "bakcups").exists()


def test_a_copy_under_a_file_says_it_is_a_file(shop, tmp_path):
    document = tmp_path / "notes.txt"
    document.write_text("not a folder\n", encoding="utf-8")
    code, out, err = shop("backup", "--out", str(document / "shop.db"))
    assert (code, out) == (2, "")
    assert err == (f"inbox-app: Cannot write {document / 'shop.db'}: {document} is a file,"
                   " not a folder; nothing was written.\n")
    assert document.read_text(encoding="utf-8") == "not a folder\n"


def test_a_folder_named_with_a_slash_is_still_made(shop, tmp_path):
    folder = tmp_path / "usb" / "shop"
    code, out, err = shop("backup", "--out", f"{folder}/")
    [made] = folder.iterdir()
    assert (code, out, err) == (0, f"backed up to {made}\n", "")


def test_a_file_in_a_folder_that_is_there_is_written(shop, tmp_path):
    target = tmp_path / "copy.db"
    assert shop("backup", "--out", str(target)) == (0, f"backed up to {target}\n", "")
