"""Importing a shop system's customer list: who the customers are, what they have spent,
their tags.

Each row is matched to the customers the inbox knows by email address, phone number
or handle; customers who have not written yet are added, so that their first message
finds them known, value and tags included. The export's "total spent" is the total to
date, so a row's value replaces the customer's; tags are added, never taken away.
Rows are saved a batch to a transaction: a killed import keeps the batches it saved,
and importing the same file again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from inbox_app.core.csv_table import RowError
from inbox_app.core.customer_list import (
    CustomerList,
    CustomerRecord,
    parse_customer_list,
    read_customer_list,
)
from inbox_app.store import Store

BATCH = 500


@dataclass
class CustomerImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def line(self) -> str:
        return (f"new {self.new}, updated {self.updated}, unchanged {self.unchanged},"
                f" errors {len(self.errors)}")

    def sentence(self) -> str:
        """The same, as the window says it."""
        parts = [f"{self.new} new customer{'s' if self.new != 1 else ''}",
                 f"{self.updated} updated", f"{self.unchanged} already up to date"]
        text = "Imported the customer list: " + ", ".join(parts)
        if self.errors:
            first = "; ".join(str(e) for e in self.errors[:3])
            more = f" and {len(self.errors) - 3} more" if len(self.errors) > 3 else ""
            count = len(self.errors)
            text += f"; {count} row{'s' if count != 1 else ''} skipped ({first}{more})"
        return text + "."


def import_customer_csv(
    store: Store, path: str | Path, *, mapping: Sequence[str] = (), tags: Sequence[str] = (),
    staff: str | None = None, on_error: Callable[[RowError], None] | None = None,
) -> CustomerImportSummary:
    """Imports a customer-list CSV; raises CsvFileError or OSError when it cannot be read."""
    table = read_customer_list(Path(path).read_bytes(), str(path), mapping)
    return save_customer_list(store, table, tags=tags, staff=staff, on_error=on_error)


def save_customer_list(
    store: Store, table: CustomerList, *, tags: Sequence[str] = (), staff: str | None = None,
    on_error: Callable[[RowError], None] | None = None,
) -> CustomerImportSummary:
    summary = CustomerImportSummary()
    tags = [tag.strip() for tag in tags if tag.strip()]

    def failed(error: RowError) -> None:
        summary.errors.append(error)
        if on_error:
            on_error(error)

    waiting: list[CustomerRecord] = []

    def save_waiting() -> None:
        for outcome in store.save_customer_records(waiting, tags=tags, staff=staff):
            if outcome.outcome == "skipped":
                failed(RowError(outcome.row, outcome.reason))
            else:
                setattr(summary, outcome.outcome, getattr(summary, outcome.outcome) + 1)
        waiting.clear()

    for parsed in parse_customer_list(table, region=store.phone_region()):
        if isinstance(parsed, RowError):
            failed(parsed)
            continue
        waiting.append(parsed)
        if len(waiting) >= BATCH:
            save_waiting()
    if waiting:
        save_waiting()
    summary.errors.sort(key=lambda error: error.line)
    return summary
