"""Before pressing Send, the shop sees whom an email reply reaches — "To: ann@example.com ·
Cc: bob@annco.example" above the text, as Front and Help Scout show it — because replies
keep the customer's Cc. Only in Reply mode of an email conversation; read off the window's
thread; a long list fits the pane with everyone in the tooltip."""

from __future__ import annotations

import email
from email import policy

from inbox_app import secrets
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.sources.mail.samples import mail
from tests.store.helpers import msg

OWN = {"shop@example.com", "orders@example.com"}


def add_mail(location: str, raw: bytes, account: str = "shop") -> int:
    store = open_store(location)
    try:
        store.save_messages([incoming_message(parse_message(raw), account=account,
                                              own_addresses=OWN, received_at=1_790_000_000,
                                              folder="INBOX")])
        return store._scalar("SELECT max(conversation_id) FROM messages")
    finally:
        store.close()


def shop_with_account(location: str, **config) -> None:
    store = open_store(location)
    try:
        store.add_account("shop", "email", {"address": "shop@example.com",
                                            "aliases": ["orders@example.com"], **config},
                          poll_interval=3600)
    finally:
        store.close()


def opened(window, qtbot, conversation_id: int):
    window.open_conversation(conversation_id)
    settle(qtbot, window)
    return window.conversation.composer.recipients.label


def test_the_reply_names_the_customer_and_whom_they_copied_in(make_window, qtbot,
                                                              empty_location):
    shop_with_account(empty_location)
    copied = add_mail(empty_location, mail(
        message_id="<c1@ann>", to="shop@example.com, Bob Park <bob@annco.example>",
        headers={"Cc": "Orders@Example.com, carla@annco.example"}))
    window = make_window(empty_location)

    line = opened(window, qtbot, copied)

    assert line.isVisible()
    assert line.text() == "To: ann@example.com · Cc: bob@annco.example, carla@annco.example"
    assert "orders@example.com" not in line.toolTip().lower()
    assert "bob@annco.example" in line.accessibleName()


def test_an_internal_note_and_other_channels_name_nobody(make_window, qtbot, empty_location):
    shop_with_account(empty_location)
    copied = add_mail(empty_location, mail(message_id="<c2@ann>",
                                           headers={"Cc": "bob@annco.example"}))
    store = open_store(empty_location)
    store.save_messages([msg("t1", "Is the shop open Sunday?", kind="telegram",
                             author="Cat", handle="cat_k", thread="tg")])
    chat = store._scalar("SELECT max(conversation_id) FROM messages")
    store.close()
    window = make_window(empty_location)
    composer = window.conversation.composer
    line = opened(window, qtbot, copied)
    assert line.isVisible()

    composer.set_note_mode(True)
    assert not line.isVisible()
    composer.set_note_mode(False)
    assert line.isVisible()

    opened(window, qtbot, chat)
    assert not line.isVisible()


def test_the_next_conversation_never_shows_the_previous_ones_recipients(
        make_window, qtbot, empty_location, monkeypatch):
    """Its addresses are read off the window's thread: until they are, the line is empty,
    and a late answer about the conversation before is not shown."""
    import threading

    from inbox_app.sources import mail_recipients

    shop_with_account(empty_location)
    first = add_mail(empty_location, mail(message_id="<c3@ann>",
                                          headers={"Cc": "bob@annco.example"}))
    second = add_mail(empty_location, mail(message_id="<c4@dee>", subject="Gift card",
                                           sender=("Dee", "dee@example.net")))
    window = make_window(empty_location)
    line = opened(window, qtbot, first)
    assert "bob@annco.example" in line.text()
    release = threading.Event()
    real = mail_recipients.reply_recipients

    def slow(store, conversation_id):
        release.wait(10)
        return real(store, conversation_id)

    monkeypatch.setattr(mail_recipients, "reply_recipients", slow)
    window.open_conversation(second)
    qtbot.waitUntil(lambda: window.conversation.composer.conversation_id == second)

    assert not line.isVisible()
    release.set()
    settle(qtbot, window)
    assert line.isVisible() and line.text() == "To: dee@example.net"


def test_a_late_answer_about_the_conversation_before_is_not_shown(
        make_window, qtbot, empty_location, monkeypatch):
    import threading

    from inbox_app.sources import mail_recipients

    shop_with_account(empty_location)
    first = add_mail(empty_location, mail(message_id="<c9@ann>",
                                          headers={"Cc": "bob@annco.example"}))
    second = add_mail(empty_location, mail(message_id="<c10@dee>", subject="Gift card",
                                           sender=("Dee", "dee@example.net")))
    window = make_window(empty_location)
    composer = window.conversation.composer
    opened(window, qtbot, second)
    release = threading.Event()
    real = mail_recipients.reply_recipients

    def slow_for_the_first(store, conversation_id):
        if conversation_id == first:
            release.wait(10)
        return real(store, conversation_id)

    monkeypatch.setattr(mail_recipients, "reply_recipients", slow_for_the_first)
    window.open_conversation(first)
    qtbot.waitUntil(lambda: composer.conversation_id == first)
    window.open_conversation(second)
    qtbot.waitUntil(lambda: composer.recipients.label.isVisible())
    release.set()
    settle(qtbot, window)

    assert composer.recipients.label.text() == "To: dee@example.net"


def test_a_new_message_copying_someone_in_updates_the_line(make_window, qtbot,
                                                           empty_location):
    shop_with_account(empty_location)
    conversation = add_mail(empty_location, mail(message_id="<c5@ann>"))
    window = make_window(empty_location)
    line = opened(window, qtbot, conversation)
    assert line.text() == "To: ann@example.com"

    add_mail(empty_location, mail(message_id="<c6@ann>", in_reply_to="<c5@ann>",
                                  references="<c5@ann>", subject="Re: Order 1041",
                                  headers={"Cc": "bob@annco.example"}))
    window.conversation.reload()
    settle(qtbot, window)

    assert line.text() == "To: ann@example.com · Cc: bob@annco.example"


def test_a_long_copy_list_fits_a_1024_window_with_everyone_in_the_tooltip(
        make_window, qtbot, empty_location):
    shop_with_account(empty_location)
    crowd = [f"colleague.number{n}@a-rather-long-company-name.example" for n in range(1, 26)]
    conversation = add_mail(empty_location, mail(message_id="<c7@ann>",
                                                 headers={"Cc": ", ".join(crowd)}))
    window = make_window(empty_location)
    window.resize(1024, 700)
    line = opened(window, qtbot, conversation)
    qtbot.waitUntil(lambda: window.width() <= 1024)

    assert window.width() <= 1024
    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    # As many of them as the pane has room for, or how many they are: never cut mid-name.
    assert line.text().startswith("To: ann@example.com · Cc: ")
    assert line.text().endswith((" more", "25 people"))
    assert all(address in line.toolTip() for address in crowd)


def test_a_conversation_with_no_address_says_so_before_send(make_window, qtbot,
                                                            empty_location):
    shop_with_account(empty_location)
    store = open_store(empty_location)
    store.save_messages([msg("n1", "(no address)", kind="email", author="Unknown",
                             account="shop", thread="none")])
    conversation = store._scalar("SELECT max(conversation_id) FROM messages")
    store.close()
    window = make_window(empty_location)

    line = opened(window, qtbot, conversation)

    assert line.isVisible()
    assert line.text() == "There is no email address to reply to in this conversation."
    assert line.property("role") == "problem"


def test_the_sent_reply_reaches_whom_the_line_named_and_shows_its_cc(
        make_window, qtbot, empty_location, dovecot, smtp_server):
    folder = dovecot.new_folder()
    shop_with_account(empty_location, **dovecot.account_config(folder,
                                                               smtp_port=smtp_server.port))
    secrets.set_secret("shop", dovecot.password)
    conversation = add_mail(empty_location, mail(message_id="<c8@ann>",
                                                 headers={"Cc": "bob@annco.example"}))
    window = make_window(empty_location)
    line = opened(window, qtbot, conversation)
    named = line.text()

    window.conversation.ui.composerEdit.setPlainText("Bob can collect it Friday.")
    window.conversation.composer.send()
    qtbot.waitUntil(lambda: len(smtp_server.received) == 1, timeout=15000)
    settle(qtbot, window)

    sent = email.message_from_bytes(smtp_server.received[0].data, policy=policy.default)
    assert named == f"To: {sent['To'].addresses[0].addr_spec} · Cc: " \
                    f"{sent['Cc'].addresses[0].addr_spec}"
    thread = window.conversation.ui.threadBrowser.toPlainText()
    assert thread.count("Cc: bob@annco.example") == 2  # Ann's message and the reply


def test_a_copy_the_mail_server_refused_is_said_on_the_sent_reply(
        make_window, qtbot, empty_location, dovecot, smtp_server):
    folder = dovecot.new_folder()
    shop_with_account(empty_location, **dovecot.account_config(folder,
                                                               smtp_port=smtp_server.port))
    secrets.set_secret("shop", dovecot.password)
    conversation = add_mail(empty_location, mail(
        message_id="<c12@ann>", headers={"Cc": "bob@annco.example, gone@rejected.example"}))
    window = make_window(empty_location)
    opened(window, qtbot, conversation)

    window.conversation.ui.composerEdit.setPlainText("Bob can collect it Friday.")
    window.conversation.composer.send()
    qtbot.waitUntil(lambda: len(smtp_server.received) == 1, timeout=15000)
    settle(qtbot, window)

    thread = window.conversation.ui.threadBrowser.toPlainText()
    reply = thread[thread.index("Bob can collect it Friday."):]
    assert "The mail server refused gone@rejected.example" in reply
    assert "the reply reached ann@example.com, bob@annco.example." in reply


def test_a_larger_font_fits_the_names_again(make_window, qtbot, empty_location):
    """Settings' larger text: the names that fitted are named again as room allows."""
    shop_with_account(empty_location)
    conversation = add_mail(empty_location, mail(
        message_id="<c11@ann>", headers={"Cc": "bob@annco.example, carla@annco.example"}))
    window = make_window(empty_location)
    window.resize(1440, 800)
    line = opened(window, qtbot, conversation)
    qtbot.waitUntil(lambda: "carla@annco.example" in line.text())

    font = line.font()
    font.setPixelSize(font.pixelSize() * 3 if font.pixelSize() > 0 else 36)
    line.setFont(font)

    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    assert line.text().startswith("To: ann@example.com")


def test_an_alias_added_meanwhile_is_no_longer_copied_in(make_window, qtbot, empty_location):
    """The shop's second address, not yet an alias of the account, read as a colleague of
    the customer's; once added in Accounts it is the shop's own, and the line says so."""
    shop_with_account(empty_location)
    conversation = add_mail(empty_location, mail(
        message_id="<c13@ann>", headers={"Cc": "sales@example.com, bob@annco.example"}))
    window = make_window(empty_location)
    line = opened(window, qtbot, conversation)
    assert "sales@example.com" in line.text()
    store = open_store(empty_location)
    account = store.get_account("shop")
    store.update_account("shop", config={**account.config, "aliases": ["sales@example.com"]})
    store.close()

    window.conversation.composer.recipients.refresh()
    settle(qtbot, window)

    assert line.text() == "To: ann@example.com · Cc: bob@annco.example"


def test_an_alias_saved_in_the_accounts_dialog_reaches_the_line(make_window, qtbot,
                                                                  empty_location):
    """Saved in File → Accounts, the line follows at once, not at the next conversation."""
    shop_with_account(empty_location)
    conversation = add_mail(empty_location, mail(
        message_id="<c14@ann>", headers={"Cc": "sales@example.com, bob@annco.example"}))
    window = make_window(empty_location)
    line = opened(window, qtbot, conversation)
    window.show_accounts()
    dialog = window.last_dialog
    store = open_store(empty_location)
    account = store.get_account("shop")
    store.update_account("shop", config={**account.config, "aliases": ["sales@example.com"]})
    store.close()

    dialog.changed.emit()
    settle(qtbot, window)
    dialog.close()

    assert line.text() == "To: ann@example.com · Cc: bob@annco.example"
