"""Realistic test mail built with the standard library, as bytes a server would hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr


def mail(
    *,
    subject: str = "Order 1041",
    sender: tuple[str, str] = ("Ann Lee", "ann@example.com"),
    to: str = "shop@example.com",
    message_id: str | None = "<m1@example.com>",
    in_reply_to: str | None = None,
    references: str | None = None,
    date: datetime | None = datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
    text: str | None = "Hello, where is my order?",
    html: str | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = formataddr(sender)
    message["To"] = to
    message["Subject"] = subject
    if date is not None:
        message["Date"] = format_datetime(date)
    if message_id:
        message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    for key, value in (headers or {}).items():
        message[key] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, data, content_type in attachments:
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def deliver_customer_mail(server, folder: str, count: int, *, text: Callable[[int], str],
                          first: int = 0, customers: int = 97) -> None:
    """`count` emails from customers about their orders into a dovecot folder, a minute
    apart over the last five days, a 40 kB photo on every tenth (the benchmarks' mailbox).
    `first` numbers them on from an earlier folder's, so message ids stay unique."""
    start = datetime.now(UTC) - timedelta(days=5)
    for number in range(count):
        who = (first + number) % customers
        attachments = (("photo.jpg", b"\xff\xd8" + b"x" * 40_000, "image/jpeg"),) \
            if number % 10 == 0 else ()
        server.deliver(folder, mail(
            message_id=f"<bench{first + number}@customer{who}.example>",
            sender=(f"Customer {who}", f"c{who}@customer.example"),
            subject=f"Order {1000 + number % 300}", date=start + timedelta(minutes=number),
            text=text(number), attachments=attachments))
