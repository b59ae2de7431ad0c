"""Import a customer list from the window: the columns found, the preview of whom each
row would add or update, the import, and files that cannot be used."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtCore import Qt

from inbox_app.core.customer_list import FIELDS, read_customer_list
from inbox_app.gui import customer_import
from inbox_app.gui.call_import import RowsModel
from inbox_app.gui.customer_import import CustomerImportDialog
from tests.conftest import FIXTURES
from tests.store.helpers import msg

LISTS = FIXTURES / "customers"
NO_IDENTITY = "the customers by; choose one above."


@pytest.fixture
def open_dialog(qtbot, demo_jobs):
    def open_it(path, *, staff: str | None = None) -> CustomerImportDialog:
        dialog = CustomerImportDialog(demo_jobs, str(path), staff=staff)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.file is not None and demo_jobs.pending == 0, timeout=15000)
        return dialog

    return open_it


def shown(model: RowsModel) -> list[list[str]]:
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def test_a_shopify_list_previews_whom_it_updates_and_imports(qtbot, demo_jobs, demo_store,
                                                             open_dialog):
    demo_store.save_messages([msg("ben-1", "Do you sell wholesale?", email="ben@example.com",
                                  author="Ben at Brook Café")])
    ben_id = demo_store.find_customer("ben@example.com").id
    dialog = open_dialog(LISTS / "shopify.csv", staff="Maya Okafor")

    assert set(dialog.combos) == set(FIELDS)
    chosen = {name: combo.currentData() for name, combo in dialog.combos.items()}
    assert chosen == {"name": "", "first_name": "2", "last_name": "3", "company": "6",
                      "email": "4", "phone": "14+13", "mastodon": "", "bluesky": "",
                      "telegram": "", "social": "", "value": "16", "tags": "20", "note": "18"}
    assert dialog.combos["phone"].currentText() == "14: Phone + 13: Default Address Phone"
    # The choices, as --map items, name the very columns the header suggested.
    data = (LISTS / "shopify.csv").read_bytes()
    assert read_customer_list(data, "shopify.csv", dialog.mapping()).columns == \
        dialog.file.columns
    assert dialog.raw_model.rowCount() == 5
    assert shown(dialog.raw_model)[0][:5] == ["2", "'7012345678901", "Ann", "Chen",
                                              "ann.chen@example.com"]

    assert shown(dialog.preview_model) == [
        ["2", "Ann Chen", "ann.chen@example.com, (207) 555-0101", "1,250.50",
         "VIP, subscriber", "new customer"],
        ["3", "Ben Brook", "ben@example.com, (207) 555-0102", "3,400.00", "wholesale",
         "updates Ben at Brook Café"],
        ["4", "", "", "", "",
         "skipped: no email address, phone number or handle to know the customer by"],
        ["5", "", "", "", "", "skipped: the value 'about 12' is not an amount of money"],
        ["6", "Eli Ford", "eli.ford@example.com", "0.00", "", "new customer"],
    ]
    problems = [dialog.preview_model.index(row, 0).data(RowsModel.Role.PROBLEM)
                for row in range(5)]
    assert problems == [False, False, True, True, False]
    painted = [dialog.preview_model.index(row, 5).data(Qt.ItemDataRole.ForegroundRole)
               for row in range(5)]
    assert [color is not None for color in painted] == problems  # skipped rows stand out
    assert dialog.ui.resultLabel.text() == \
        "2 of the first 5 rows cannot be read; they would be skipped."
    assert dialog.ui.importButton.isEnabled()

    dialog.ui.tagsEdit.setText("shopify, spring sale")
    assert dialog.preview_model.index(0, 4).data() == "VIP, subscriber, shopify, spring sale"
    with qtbot.waitSignal(dialog.imported, timeout=15000) as imported:
        dialog.ui.importButton.click()
    sentence = ("Imported the customer list: 2 new customers, 1 updated, 0 already up to date;"
                " 2 rows skipped (row 4: no email address, phone number or handle to know the"
                " customer by; row 5: the value 'about 12' is not an amount of money).")
    assert imported.args == [sentence]
    assert dialog.ui.resultLabel.text() == sentence
    assert dialog.ui.resultLabel.property("role") == "problem"
    assert dialog.ui.closeButton.text() == "Close"
    assert not dialog.ui.importButton.isEnabled()
    # The preview now says whom each row is; the sentence stays.
    qtbot.waitUntil(lambda: shown(dialog.preview_model)[0][5] == "saved: Ann Chen",
                    timeout=15000)
    assert [row[5] for row in shown(dialog.preview_model)] == [
        "saved: Ann Chen", "saved: Ben at Brook Café",
        "skipped: no email address, phone number or handle to know the customer by",
        "skipped: the value 'about 12' is not an amount of money", "saved: Eli Ford"]
    assert dialog.ui.resultLabel.text() == sentence
    assert not dialog.ui.importButton.isEnabled()

    ann = demo_store.find_customer("ann.chen@example.com")
    assert (ann.name, ann.value, ann.tags) == (
        "Ann Chen", 1250.5, ("shopify", "spring sale", "subscriber", "VIP"))
    assert demo_store.find_customer("+1 207 555 0101").id == ann.id
    ben = demo_store.find_customer("+1 207 555 0102")
    assert (ben.id, ben.name, ben.value, ben.tags) == (
        ben_id, "Ben at Brook Café", 3400.0, ("shopify", "spring sale", "wholesale"))
    assert demo_store.find_customer("eli.ford@example.com").value == 0.0
    staff = {row["staff"] for row in demo_store._rows(
        "SELECT staff FROM events WHERE action = 'customer.imported'")}
    assert staff == {"Maya Okafor"}


def test_the_preview_and_the_import_follow_the_columns_chosen(qtbot, demo_jobs, demo_store,
                                                              open_dialog):
    dialog = open_dialog(LISTS / "shopify.csv")
    dialog.set_column("value", None)  # the header names one; the person says it is not
    qtbot.waitUntil(lambda: dialog.preview_model.index(3, 5).data() == "new customer")
    assert shown(dialog.preview_model)[3] == [
        "5", "Dev Evans", "dev.evans@example.com", "", "", "new customer"]
    dialog.set_column("phone", 14)  # "Phone" only, not "Default Address Phone"
    qtbot.waitUntil(lambda: dialog.preview_model.index(0, 2).data() == "ann.chen@example.com")
    assert dialog.preview_model.index(1, 2).data() == "ben@example.com, (207) 555-0102"
    assert dialog.mapping() == [
        "name=", "first_name=2", "last_name=3", "company=6", "note=18", "email=4", "phone=14",
        "value=", "tags=20", "mastodon=", "bluesky=", "telegram=", "social="]
    assert dialog.ui.resultLabel.text() == \
        "1 of the first 5 rows cannot be read; they would be skipped."

    with qtbot.waitSignal(dialog.imported, timeout=15000) as imported:
        dialog.ui.importButton.click()
    assert imported.args[0].startswith("Imported the customer list: 4 new customers, 0 updated")
    ann = demo_store.find_customer("ann.chen@example.com")
    assert ann.value is None
    assert [i.value for i in ann.identities] == ["ann.chen@example.com"]
    assert demo_store.find_customer("dev.evans@example.com").name == "Dev Evans"

    dialog.set_column("email", None)
    dialog.set_column("phone", None)
    qtbot.waitUntil(lambda: NO_IDENTITY in dialog.ui.resultLabel.text())


@pytest.mark.parametrize("name, chosen, email, expected", [
    ("square.csv",
     {"first_name": "2", "last_name": "3", "email": "4", "phone": "5", "company": "7",
      "note": "12", "value": "18", "tags": "20"},
     "fay.gray@example.org", ("Fay Gray", 412.75, ("Regulars", "shop"))),
    ("woocommerce.csv", {"name": "1", "email": "5", "value": "7"},
     "hana.ito@example.net", ("Hana Ito", 1020.0, ("shop",))),
])
def test_square_and_woocommerce_lists_import_whole(qtbot, demo_jobs, demo_store, open_dialog,
                                                  name, chosen, email, expected):
    dialog = open_dialog(LISTS / name)
    assert {field: combo.currentData() for field, combo in dialog.combos.items()
            if combo.currentData()} == chosen
    assert [row[5] for row in shown(dialog.preview_model)] == ["new customer"] * 2
    dialog.ui.tagsEdit.setText(" shop ,")
    with qtbot.waitSignal(dialog.imported, timeout=15000) as imported:
        dialog.ui.importButton.click()
    assert imported.args[0] == \
        "Imported the customer list: 2 new customers, 0 updated, 0 already up to date."
    assert dialog.ui.resultLabel.property("role") == "success"
    customer = demo_store.find_customer(email)
    assert (customer.name, customer.value, customer.tags) == expected


def test_a_list_without_a_header_or_an_identity_column_asks_for_one(qtbot, demo_jobs, tmp_path,
                                                                    open_dialog):
    path = tmp_path / "spend.csv"
    path.write_text("Name,Total spent\nAnn Lee,12.00\n")
    dialog = open_dialog(path)
    assert dialog.ui.resultLabel.text() == (
        "The file has no email, phone or handle column to know the customers by;"
        " choose one above.")
    assert not dialog.ui.importButton.isEnabled()

    path = tmp_path / "plain.csv"
    path.write_text("ann@example.com,12.00\nben@example.com,30\n")
    dialog = open_dialog(path)
    assert dialog.ui.resultLabel.text() == \
        "The file has no header row naming its columns; choose them above."
    assert not dialog.ui.importButton.isEnabled()
    assert dialog.combos["email"].itemText(1) == "Column 1 (ann@example.com)"
    dialog.set_column("email", 1)
    dialog.set_column("value", 2)
    qtbot.waitUntil(lambda: dialog.ui.importButton.isEnabled())
    assert shown(dialog.preview_model) == [
        ["1", "", "ann@example.com", "12.00", "", "new customer"],
        ["2", "", "ben@example.com", "30.00", "", "new customer"]]
    assert dialog.ui.resultLabel.text() == ""


@pytest.mark.parametrize("content, sentence", [
    (b"\x89PNG\x00\x00binary", "Cannot read the file: it is not a CSV file (it holds binary"
                               " data)."),
    (b"", "Cannot read the file: it has no rows."),
    (None, os.strerror(errno.ENOENT) + "."),
])
def test_a_file_that_cannot_be_used_says_so_in_one_sentence(qtbot, demo_jobs, tmp_path, content,
                                                            sentence):
    path = tmp_path / "photo.csv"
    if content is not None:
        path.write_bytes(content)
    dialog = CustomerImportDialog(demo_jobs, str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: demo_jobs.pending == 0 and dialog.ui.resultLabel.text() != "")
    assert dialog.ui.resultLabel.text() == sentence
    assert dialog.ui.fileLabel.text() == "Cannot use photo.csv."
    assert not dialog.ui.importButton.isEnabled()
    assert dialog.combos == {}


def test_an_unexpected_error_goes_to_the_window_not_into_a_sentence(qtbot, demo_jobs, monkeypatch,
                                                                    open_dialog):
    dialog = open_dialog(LISTS / "square.csv")

    def broken(store, customer_file, mapping, saved=False):
        raise RuntimeError("a bug")

    monkeypatch.setattr(customer_import, "preview_customers", broken)
    with qtbot.waitSignal(demo_jobs.failed, timeout=15000) as failed:
        dialog.set_column("note", None)
    assert isinstance(failed.args[0], RuntimeError)
    assert not dialog.ui.importButton.isEnabled()


def test_the_file_menu_opens_it_and_the_window_says_what_came_in(window, qtbot, demo_store):
    assert window.ui.actionImportCustomers in window.ui.menuFile.actions()
    window.open_customer_import(str(LISTS / "square.csv"))
    dialog = window.last_dialog
    assert isinstance(dialog, CustomerImportDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.ui.importButton.isEnabled(), timeout=15000)
    with qtbot.waitSignal(dialog.imported, timeout=15000):
        dialog.ui.importButton.click()
    assert window.statusBar().currentMessage().startswith(
        "Imported the customer list: 2 new customers")
    assert demo_store.find_customer("fay.gray@example.org").value == 412.75
    dialog.close()


def test_a_row_naming_two_customers_says_it_merges_them(tmp_path, demo_store, open_dialog):
    demo_store.save_messages([
        msg("x-mail", "Hello", email="zoe.quill@example.com", author="Zoe Quill"),
        msg("x-call", "Called about beans", kind="phone", phone="(207) 555-0199",
            author="Zoe on the phone")])
    path = tmp_path / "customers.csv"
    path.write_text("Email,Phone,Total Spent\nzoe.quill@example.com,207-555-0199,80\n")
    dialog = open_dialog(path)
    assert dialog.preview_model.index(0, 5).data() == \
        "merges Zoe Quill and Zoe on the phone"
