"""`export … --out notes.csv/march.csv` (a file's name where a folder was meant) said "the
folder …/notes.csv does not exist" — but it does, as a file: the sentence sent the person
looking for a folder to make, which the file stands in the way of."""

from __future__ import annotations

import pytest

from inbox_app.files import replacing


def test_a_file_in_the_way_of_the_folder_is_named(tmp_path):
    (tmp_path / "notes.csv").write_text("kept\n", encoding="utf-8")
    target = tmp_path / "notes.csv" / "march" / "out.csv"
    with pytest.raises(OSError) as refused, replacing(target) as handle:
        handle.write("x")
    assert str(refused.value) == (f"Cannot write {target}: {tmp_path / 'notes.csv'} is a file,"
                                  " not a folder.")
    assert (tmp_path / "notes.csv").read_text(encoding="utf-8") == "kept\n"


def test_a_missing_folder_is_still_said_so(tmp_path):
    target = tmp_path / "nowhere" / "out.csv"
    with pytest.raises(OSError, match=r"the folder .*nowhere does not exist"), \
            replacing(target) as handle:
        handle.write("x")
