"""`inbox-app customer value` and `inbox-app customer import`: output, stderr, exit codes."""

from __future__ import annotations

import json

from inbox_app.cli_workflow import CUSTOMER_FIELDS
from inbox_app.core.customer_list import FIELDS
from tests.conftest import FIXTURES

SHOPIFY = FIXTURES / "customers" / "shopify.csv"


def test_the_help_lists_the_fields_the_reader_knows():
    assert CUSTOMER_FIELDS == FIELDS


def test_import_prints_one_line_reports_bad_rows_and_exits_1(run_cli):
    code, out, err = run_cli("customer", "import", str(SHOPIFY), "--tag", "shopify")
    assert (code, out) == (1, "new 3, updated 0, unchanged 0, errors 2\n")
    assert err.splitlines() == [
        f"{SHOPIFY}: row 4: no email address, phone number or handle to know the customer by",
        f"{SHOPIFY}: row 5: the value 'about 12' is not an amount of money",
    ]
    code, out, _ = run_cli("customer", "import", str(SHOPIFY), "--tag", "shopify")
    assert out == "new 0, updated 0, unchanged 3, errors 2\n"
    code, out, _ = run_cli("customer", "show", "ann.chen@example.com", "--json")
    shown = json.loads(out)
    assert (shown["name"], shown["value"], shown["tags"]) == (
        "Ann Chen", 1250.5, ["shopify", "subscriber", "VIP"])


def test_import_json_lists_rows_and_clean_files_exit_0(run_cli, tmp_path):
    clean = tmp_path / "clean.csv"
    clean.write_text("Email,Total Spent\nann@example.com,$12.00\nben@example.com,\n")
    code, out, err = run_cli("customer", "import", str(clean), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"new": 2, "updated": 0, "unchanged": 0, "errors": []}
    code, out, err = run_cli("customer", "import", str(SHOPIFY), "--json")
    assert (code, err) == (1, "")
    assert json.loads(out)["errors"] == [
        {"row": 4, "reason": "no email address, phone number or handle to know the customer by"},
        {"row": 5, "reason": "the value 'about 12' is not an amount of money"},
    ]


def test_import_mistakes_are_one_sentence_and_exit_2(run_cli, tmp_path):
    code, out, err = run_cli("customer", "import", str(tmp_path / "missing.csv"))
    assert (code, out) == (2, "")
    assert err == f"inbox-app: cannot read {tmp_path / 'missing.csv'}: there is no such file.\n"
    no_identity = tmp_path / "names.csv"
    no_identity.write_text("Name,Total Spent\nAnn,12\n")
    code, _, err = run_cli("customer", "import", str(no_identity))
    assert code == 2 and "has no email, phone or handle column" in err
    code, _, err = run_cli("customer", "import", str(SHOPIFY), "--map", "email=Nope")
    assert code == 2 and "has no column 'Nope'" in err and "Traceback" not in err


def test_value_sets_clears_and_refuses_what_is_not_money(run_cli):
    run_cli("customer", "import", str(SHOPIFY))
    code, out, _ = run_cli("customer", "value", "ann.chen@example.com", "1.999,00 €")
    assert (code, out) == (0, "Ann Chen: value 1,999.00\n")  # no currency set yet
    run_cli("settings", "currency", "€")
    code, out, _ = run_cli("customer", "value", "ann.chen@example.com", "1999")
    assert (code, out) == (0, "Ann Chen: value €1,999.00\n")
    code, out, _ = run_cli("customer", "show", "Ann Chen")
    assert code == 0 and "  value: €1,999.00\n" in out
    code, out, _ = run_cli("customer", "show", "Ann Chen", "--json")
    shown = json.loads(out)
    assert (shown["value"], shown["currency"]) == (1999.0, "€")
    code, out, _ = run_cli("customer", "value", "Ann Chen", "none")
    assert (code, out) == (0, "Ann Chen: value cleared\n")
    code, _, err = run_cli("customer", "value", "Ann Chen", "lots")
    assert code == 2
    assert err == ("inbox-app: 'lots' is not an amount of money (e.g. 1250.50, or none to clear"
                   " it).\n")
    code, _, err = run_cli("customer", "value", "nobody@example.com", "5")
    assert code == 2 and "No customer matches" in err


def test_a_logged_number_exports_and_imports_back_as_the_same_customer(run_cli, tmp_path):
    """The README's promise, from the command line: exporting customers and importing the
    file back changes nothing, for a number the region cannot make international too."""
    run_cli("settings", "phone_region", "US")
    code, out, _ = run_cli("call", "log", "--phone", "0151 2345678", "--name", "Jörg Müller",
                           "--summary", "Preisliste")
    assert (code, out) == (0, "logged an incoming call from Jörg Müller at 01512345678 in #1\n")
    exported = tmp_path / "customers.csv"
    assert run_cli("export", "customers", "--format", "csv", "--out", str(exported))[0] == 0
    code, out, err = run_cli("customer", "import", str(exported))
    assert (code, out, err) == (0, "new 0, updated 0, unchanged 1, errors 0\n", "")
    code, out, _ = run_cli("customer", "show", "Jörg Müller", "--json")
    assert code == 0 and json.loads(out)["name"] == "Jörg Müller"


def test_merging_two_customers_of_one_name_says_which_went_where(run_cli, tmp_path):
    """"merged Amir Novak into Amir Novak" said nothing of which was kept."""
    lines = tmp_path / "two.jsonl"
    lines.write_text(
        '{"kind": "email", "id": "1", "text": "Hi", "at": "2026-03-01T10:00:00Z",'
        ' "email": "amir@work.example", "author_name": "Amir Novak"}\n'
        '{"kind": "email", "id": "2", "text": "Hi again", "at": "2026-03-02T10:00:00Z",'
        ' "email": "amir@home.example", "author_name": "Amir Novak"}\n', encoding="utf-8")
    run_cli("import", str(lines))
    keep = json.loads(run_cli("customer", "show", "amir@work.example", "--json")[1])["customer"]
    other = json.loads(run_cli("customer", "show", "amir@home.example", "--json")[1])["customer"]
    code, out, _ = run_cli("customer", "merge", "amir@work.example", "amir@home.example")
    assert (code, out) == (0, f"merged Amir Novak (#{other}) into Amir Novak (#{keep})\n")
