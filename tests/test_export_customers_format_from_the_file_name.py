"""`inbox-app export customers --out contacts.vcf` wrote a CSV under the .vcf name (the
format defaulted to csv), which a phone's contacts app refuses as a broken card. As
`report` does, the format now follows the file's name when --format is not given; a
--format given is kept."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "messages.jsonl"
    source.write_text(json.dumps({
        "kind": "email", "id": "m1", "text": "Where is my order?", "at": "2026-03-01T10:00:00Z",
        "email": "ann@example.com", "author_name": "Ann Lee"}) + "\n", encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    return run_cli


@pytest.mark.parametrize("name", ["contacts.vcf", "Contacts.VCF", "contacts.vcard"])
def test_a_vcf_name_gets_vcards(shop, tmp_path, name):
    target = tmp_path / name

    code, out, err = shop("export", "customers", "--out", str(target))

    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")


def test_a_csv_name_or_any_other_gets_csv(shop, tmp_path):
    for name in ("customers.csv", "customers.txt", "customers"):
        target = tmp_path / name
        assert shop("export", "customers", "--out", str(target))[0] == 0
        assert target.read_text(encoding="utf-8-sig").startswith("customer,name,emails,")


def test_a_format_given_is_kept_whatever_the_name(shop, tmp_path):
    target = tmp_path / "contacts.vcf"

    assert shop("export", "customers", "--format", "csv", "--out", str(target))[0] == 0

    assert target.read_text(encoding="utf-8-sig").startswith("customer,name,emails,")


def test_conversations_to_a_vcf_name_are_still_refused_in_a_sentence(shop, tmp_path):
    code, out, err = shop("export", "conversations", "--format", "vcard",
                          "--out", str(tmp_path / "x.vcf"))

    assert (code, err) == (2, "inbox-app: Conversations export as CSV (--format csv).\n")
    code, out, err = shop("export", "conversations", "--out", str(tmp_path / "x.csv"))
    assert code == 0 and out.startswith("exported 1 conversation to ")
