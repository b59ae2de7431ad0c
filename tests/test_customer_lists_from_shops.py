"""Customer lists as shop systems, newsletter tools and address books export them, imported
through the command line: emails, phones, tags, values, and what a second import does."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES

CUSTOMERS = FIXTURES / "customers"


def shown(run_cli, who: str) -> dict:
    code, out, err = run_cli("customer", "show", who, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def identities(customer: dict) -> list[tuple[str, str]]:
    return sorted((i["kind"], i["value"]) for i in customer["identities"])


def test_mailchimp_tags_come_without_their_quotes(run_cli):
    """Mailchimp's TAGS cell is `"VIP","Newsletter"`; the tags were stored as `"VIP"`."""
    path = CUSTOMERS / "mailchimp_audience.csv"
    code, out, err = run_cli("customer", "import", str(path))
    assert (code, out, err) == (0, "new 2, updated 0, unchanged 0, errors 0\n", "")
    ann = shown(run_cli, "ann.chen@example.com")
    assert (ann["name"], ann["tags"]) == ("Ann Chen", ["Newsletter", "VIP"])
    assert identities(ann) == [("email", "ann.chen@example.com"), ("phone", "+12075550101")]
    assert run_cli("customer", "import", str(path))[1] == \
        "new 0, updated 0, unchanged 2, errors 0\n"


@pytest.mark.parametrize("export", ["google_contacts.csv", "google_contacts_legacy.csv"])
def test_a_google_contacts_export_imports(run_cli, export):
    """Google Contacts names its columns "E-mail 1 - Value", "Phone 1 - Value", writes
    several in a cell as "a ::: b", and its labels include "* myContacts"; the file was
    refused as having no email or phone column."""
    path = CUSTOMERS / export
    code, out, err = run_cli("customer", "import", str(path))
    assert (code, err) == (0, "")
    ann = shown(run_cli, "ann.chen@example.com")
    assert (ann["name"], ann["tags"]) == ("Ann Chen", ["VIP"])
    if export == "google_contacts.csv":
        assert out == "new 2, updated 0, unchanged 0, errors 0\n"
        assert identities(ann) == [
            ("email", "ann.c@biz.example"), ("email", "ann.chen@example.com"),
            ("email", "ann@work.example"), ("phone", "+12075550101"),
            ("phone", "+12075550109"), ("phone", "+12075550110")]
    else:
        assert identities(ann) == [("email", "ann.chen@example.com"),
                                   ("phone", "+12075550101")]


def test_a_google_contacts_row_joins_the_customers_who_wrote_and_called(run_cli, tmp_path):
    lines = tmp_path / "messages.jsonl"
    lines.write_text(
        '{"kind": "email", "id": "e1", "text": "Where is my order?", '
        '"at": "2026-03-01T10:00:00Z", "email": "Ann.Chen@Example.com"}\n'
        '{"kind": "phone", "id": "p1", "text": "Called", "at": "2026-03-01T11:00:00Z", '
        '"phone": "207.555.0110"}\n')
    assert run_cli("import", str(lines))[0] == 0
    path = CUSTOMERS / "google_contacts.csv"
    code, out, _ = run_cli("customer", "import", str(path))
    assert (code, out) == (0, "new 1, updated 1, unchanged 0, errors 0\n")
    ann = shown(run_cli, "(207) 555-0110")
    assert (ann["name"], ann["messages"]) == ("Ann Chen", 2)
    assert run_cli("customer", "import", str(path))[1] == \
        "new 0, updated 0, unchanged 2, errors 0\n"


def test_outlook_contacts_read_every_numbered_email_and_phone(run_cli, tmp_path):
    path = tmp_path / "outlook.csv"
    path.write_text("First Name,Last Name,E-mail Address,E-mail 2 Address,Home Phone,"
                    "Business Phone,Mobile Phone,Company\n"
                    "Ann,Chen,ann.chen@example.com,ann@work.example,,+1 207 555 0109,"
                    "+1 207 555 0101,Chen Café\n", encoding="utf-8")
    code, out, err = run_cli("customer", "import", str(path))
    assert (code, err) == (0, "")
    assert identities(shown(run_cli, "ann.chen@example.com")) == [
        ("email", "ann.chen@example.com"), ("email", "ann@work.example"),
        ("phone", "+12075550101"), ("phone", "+12075550109")]
    code, out, err = run_cli("customer", "import", str(CUSTOMERS / "outlook_contacts.csv"))
    assert (code, out, err) == (0, "new 0, updated 0, unchanged 1, errors 0\n", "")


@pytest.mark.parametrize("export", ["excel_semicolons_bom.csv", "excel_semicolons_cp1252.csv"])
def test_excel_semicolon_files_with_decimal_commas(run_cli, export):
    """As Excel saves a German sheet: semicolons, "1.234,50", "99,90 €", UTF-8 with a BOM
    or Windows-1252."""
    assert run_cli("settings", "phone_region", "DE")[0] == 0
    path = CUSTOMERS / export
    code, out, err = run_cli("customer", "import", str(path))
    assert (code, err) == (0, "")
    joerg, zoe = shown(run_cli, "joerg@example.de"), shown(run_cli, "zoe@example.de")
    assert (joerg["tags"], zoe["tags"]) == (["VIP"], ["Stammkunde"])
    if export == "excel_semicolons_bom.csv":
        assert (joerg["name"], joerg["value"], zoe["name"], zoe["value"]) == (
            "Jürg Müller", 1234.5, "Zoë Weber", 99.9)
        assert ("phone", "+49301234567") in identities(joerg)
        assert shown(run_cli, "ben@example.com")["value"] == 1234.0
    assert run_cli("customer", "import", str(path))[1].startswith("new 0, updated 0,")
