"""Calendar invitations (a customer booking a pickup or a fitting): the shop reads what the
event is, never a page of `BEGIN:VCALENDAR` as if the customer had written it, and can save
the invitation to open it in a calendar — also Outlook's, which hides it in the
multipart/alternative instead of attaching an .ics file."""

from __future__ import annotations

from inbox_app.sources.mail_files import attachments_of, fetch_attachment
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.sources.poller import poll_once

HEADERS = ("From: Ann Lee <ann@example.com>\r\nTo: shop@example.com\r\n"
           "Subject: Invitation: Cake pickup\r\nMessage-ID: <invite-1@example.com>\r\n"
           "Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n")
ICS = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nPRODID:Microsoft Exchange Server 2010\r\n"
       "VERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nEND:VTIMEZONE\r\n"
       "BEGIN:VEVENT\r\nORGANIZER;CN=Ann Lee:mailto:ann@example.com\r\n"
       "SUMMARY;LANGUAGE=en-US:Pickup of the wedding cake\\, three tiers\r\n"
       "DTSTART;TZID=W. Europe Standard Time:20260310T100000\r\n"
       "DTEND;TZID=W. Europe Standard Time:20260310T103000\r\n"
       "LOCATION:Corner Shop\\, back door\r\nDESCRIPTION:Please have it boxed. We will come "
       "with the\r\n  van.\\nThanks!\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def parsed(raw: str):
    mail = parse_message(raw.encode())
    return mail, incoming_message(mail, account="shop", own_addresses={"shop@example.com"},
                                  received_at=1_790_000_000, folder="INBOX")


def test_an_invitation_alone_reads_as_the_event_not_as_its_source():
    mail, message = parsed(HEADERS + "Content-Type: text/calendar; charset=utf-8; "
                           "method=REQUEST\r\n\r\n" + ICS)
    assert mail.text == (
        "Invitation: Pickup of the wedding cake, three tiers\n"
        "When: 2026-03-10 10:00 (W. Europe Standard Time)\n"
        "Where: Corner Shop, back door\n\n"
        "Please have it boxed. We will come with the van.\nThanks!")
    assert message.text == mail.text.removesuffix("\nThanks!")  # a closing, as in any mail
    assert [(a.name, a.content_type) for a in mail.attachments] == [
        ("invite.ics", "text/calendar")]


def test_outlook_s_invitation_in_the_alternative_can_be_saved(store, dovecot, folder,
                                                              mail_account):
    mail_account()
    dovecot.deliver(folder, (
        HEADERS + 'Content-Type: multipart/alternative; boundary="a"\r\n\r\n'
        "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee you on Tuesday!\r\n"
        "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>See you on Tuesday!</p>\r\n"
        "--a\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n"
        "Content-Transfer-Encoding: 7bit\r\n\r\n" + ICS + "--a--\r\n").encode())
    assert poll_once(store, account="shop")[0].new == 1
    message = store.get_message(store._scalar("SELECT id FROM messages"))
    assert message.text == "See you on Tuesday!"

    [invite] = attachments_of(store, message.conversation_id)

    assert (invite.name, invite.content_type) == ("invite.ics", "text/calendar")
    assert fetch_attachment(store, invite).replace(b"\r\n", b"\n") == (
        ICS.replace("\r\n", "\n").encode().removesuffix(b"\n"))  # the boundary's line end


def test_a_cancellation_says_so_and_an_all_day_event_has_only_its_day():
    ics = (ICS.replace("METHOD:REQUEST", "METHOD:CANCEL")
           .replace("DTSTART;TZID=W. Europe Standard Time:20260310T100000",
                    "DTSTART;VALUE=DATE:20260310"))
    _, message = parsed(HEADERS + "Content-Type: text/calendar; method=CANCEL\r\n\r\n" + ics)
    assert message.text.splitlines()[:2] == [
        "Cancelled: Pickup of the wedding cake, three tiers", "When: 2026-03-10"]
