"""A search for text that starts with a dash — a discount "-20%", a "--" — is a search, as
`grep -e -x` and `git log --grep -x` read the word after an option that takes a value:
argparse took it for an unknown option ("expected one argument"), and `--search=--` for no
search at all, listing the open queue as if that were what matched. A command's own option
after `--search` is still the value forgotten (`queue --search --json`)."""

from __future__ import annotations

import json

import pytest

LINES = "\n".join(json.dumps(line) for line in (
    {"kind": "email", "id": "a1", "text": "Is the -20% discount on beans still on?",
     "at": "2026-03-01T10:00:00Z", "email": "ann@example.com", "author_name": "Ann Lee"},
    {"kind": "email", "id": "b1", "text": "Where is my order?",
     "at": "2026-03-02T10:00:00Z", "email": "bo@example.com", "author_name": "Bo Kim"},
)) + "\n"


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "two.jsonl"
    source.write_text(LINES, encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    return run_cli


def customers_found(run_cli, *search: str) -> list[str]:
    code, out, err = run_cli("queue", *search, "--json")
    assert (code, err) == (0, "")
    return [row["customer"] for row in json.loads(out)]


@pytest.mark.parametrize("search", [["--search", "-20%"], ["--search=-20%"]])
def test_a_discount_written_with_its_minus_is_searched_for(shop, search):
    assert customers_found(shop, *search) == ["Ann Lee"]


@pytest.mark.parametrize("search", [["--search", "--"], ["--search=--"]])
def test_two_dashes_are_a_search_not_the_open_queue(shop, search):
    assert customers_found(shop, *search) == customers_found(shop, "--search", "!!") == []


def test_an_export_searches_for_a_dash_too(shop, tmp_path):
    target = tmp_path / "found.csv"
    code, out, err = shop("export", "conversations", "--search", "-20%", "--out", str(target))
    assert (code, out, err) == (0, f"exported 1 conversation to {target}\n", "")


def test_an_option_after_search_is_a_forgotten_value_not_a_search(shop):
    with pytest.raises(SystemExit) as ended:
        shop("queue", "--search", "--json")
    assert ended.value.code == 2
