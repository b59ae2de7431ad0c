"""The right-hand pane: a conversation's header, its thread and the reply composer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from inbox_app.core.html import BLOCKED_SCHEME, has_blocked_images
from inbox_app.core.models import Conversation, Message
from inbox_app.core.text import shortened
from inbox_app.core.timeutil import now
from inbox_app.gui import icons
from inbox_app.gui.colleague_reply import latest_reply
from inbox_app.gui.composer import Composer
from inbox_app.gui.conversation_header import HeaderFit
from inbox_app.gui.conversation_labels import LabelChips
from inbox_app.gui.drafting import drafting_text
from inbox_app.gui.forms.ui_conversation_view import Ui_ConversationView
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.loaders import ConversationSnapshot, load_conversation
from inbox_app.gui.remote_images import fetch_images, image_sources
from inbox_app.gui.theme import colors
from inbox_app.gui.thread_find import ThreadFind
from inbox_app.gui.thread_html import (
    PLACEHOLDER_SIZE,
    header_line,
    made_up_by_the_demo,
    render_thread,
)
from inbox_app.gui.thread_images import card_room, fit_images, image_positions
from inbox_app.replies import retry_reply, team_secret_check
from inbox_app.store import NotFound, StoreError

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
EMPTY_TEXT = "Select a conversation, or press J to start."
# The header's subject takes at most this share of the pane's height (two lines at least):
# 200 characters took nine lines of a 1,024 × 700 window, and the thread had none left.
SUBJECT_SHARE = 1 / 6


class ConversationView(QWidget):
    """Signals: loaded(ConversationSnapshot) each time a conversation is (re)read;
    changed(conversation_id) after something here stored a change (reply, note, retry);
    problem(message) when something here could not be done; notice(message) when
    something was done that changed nothing in the store (an attachment saved);
    unlabel_requested(conversation_id, label) when a label's chip asks to take it off;
    place_chosen(key) when the empty page's link to another view (its left-bar key) is
    followed."""

    loaded = Signal(object)
    unlabel_requested = Signal(int, str)
    gone = Signal(int)  # the conversation shown is no longer in the store
    changed = Signal(int)
    problem = Signal(str)
    notice = Signal(str)
    place_chosen = Signal(str)

    def __init__(self, jobs: Jobs, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conversationPane")
        self.ui = Ui_ConversationView()
        self.ui.setupUi(self)
        self.jobs = jobs
        self.staff: str | None = None
        self.staff_names: list[str] = []
        self.snapshot: ConversationSnapshot | None = None
        self._wanted: int | None = None
        self._images_allowed: set[int] = set()
        self._shown_whole: set[int] = set()  # long messages a person asked to see whole
        self._notes_shown_whole: set[int] = set()
        self._image_cache: dict[str, QImage] = {}
        self._pictures: set[str] = set()  # the sources shown as themselves, not a placeholder
        self._images_to_fit: list[int] = []  # where the thread's images are (fit_images)
        self._rooms: dict[int, float] = {}  # room in a card, by pane width (card_room)
        self._at_latest = False  # the thread stays scrolled to its latest message
        self._restore_to: int | None = None  # a reader's place, once the thread is laid out
        self._page_shown: str | None = None  # the thread's HTML as last set
        self._setting_page = False
        self.offline = False
        self.composer = Composer(self.ui, jobs, self)
        self.composer.sent.connect(self._on_composer_sent)
        self.composer.notice.connect(self.notice)
        self.composer.problem.connect(self.problem)
        self.ui.threadBrowser.anchorClicked.connect(self._on_anchor)
        self.labels = LabelChips(self.ui.labelsArea, follows=self.ui.moreButton)
        self.labels.remove_requested.connect(self._on_unlabel)
        self.ui.threadBrowser.installEventFilter(self)
        self._subject = ""
        self.header = HeaderFit(self, self.ui.subjectLabel, self.ui.metaLabel, SUBJECT_SHARE)
        bar = self.ui.threadBrowser.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_at_latest)
        bar.actionTriggered.connect(self._on_scrolled_by_hand)
        bar.valueChanged.connect(self._on_scrolled)
        self.ui.loadImagesButton.clicked.connect(self.load_images)
        self.ui.imagesLabel.setWordWrap(True)  # a narrow pane cut its sentence off
        self.ui.imagesBar.hide()
        self.ui.emptyHint.linkActivated.connect(self.place_chosen)
        self.ui.emptyHint.hide()
        self.ui.pages.setCurrentWidget(self.ui.emptyPage)
        self.find = ThreadFind(self, self.ui.threadBrowser, self.ui.threadLayout, 2,
                               lambda: self._on_scrolled_by_hand(0),
                               lambda: self.ui.pages.currentWidget() is self.ui.threadPage)

    @property
    def conversation(self) -> Conversation | None:
        return self.snapshot.conversation if self.snapshot else None

    @property
    def conversation_id(self) -> int | None:
        return self._wanted

    def set_staff_names(self, names: list[str]) -> None:
        """The staff list: whom a note can mention (bold in the thread, offered after @)."""
        changed = list(names) != self.staff_names
        self.staff_names = list(names)
        self._offer_colleagues()
        if changed and self.snapshot is not None:
            self._render(keep_scroll=True)

    def set_staff(self, staff: str | None) -> None:
        self.composer.save_draft()
        self.staff = staff
        self.composer.staff = staff
        self._offer_colleagues()

    def _offer_colleagues(self) -> None:
        """@ in a note offers the staff list but whoever is writing."""
        self.composer.mentions.set_names([name for name in self.staff_names
                                          if name != self.staff])

    def use_actions(self, actions: dict[str, QAction]) -> None:
        """The header's buttons trigger the window's actions (one place for the logic)."""
        ui = self.ui
        for button, name in ((ui.assignButton, "assign"), (ui.snoozeButton, "snooze"),
                             (ui.closeButton, "close"), (ui.labelButton, "label")):
            button.setDefaultAction(actions[name])
            button.setObjectName("actionButton")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        snooze_menu = QMenu(ui.snoozeButton)
        snooze_menu.aboutToShow.connect(lambda: self._fill_snooze(snooze_menu, actions))
        ui.snoozeButton.setMenu(snooze_menu)
        more = QMenu(ui.moreButton)
        for name in ("note", "tag", "unlabel", "unread", "reopen", "load_images"):
            more.addAction(actions[name])
        ui.moreButton.setMenu(more)
        ui.moreButton.setObjectName("actionButton")
        ui.moreButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._actions = actions
        self.refresh_icons()

    def _fill_snooze(self, menu: QMenu, actions: dict[str, QAction]) -> None:
        menu.clear()
        for action in actions["snooze_presets"]():
            menu.addAction(action)

    def refresh_icons(self) -> None:
        self.ui.moreButton.setIcon(icons.icon("plus"))
        self.ui.sendButton.setIcon(icons.icon("send", colors()["on_accent"]))
        self.ui.loadImagesButton.setIcon(icons.icon("image"))
        self.ui.templateButton.setIcon(icons.icon("template"))
        self.ui.openOriginalButton.setIcon(icons.icon("open"))
        self.find.bar.restyle()
        if self.snapshot:
            self._render(keep_scroll=True)  # a theme switch, while reading: keep the place

    # Loading

    def show_conversation(self, conversation_id: int | None) -> None:
        """Reads and shows a conversation (None: the empty page)."""
        if conversation_id is None:
            self.show_nothing()
            return
        self._wanted = conversation_id
        staff = self.staff
        self.jobs.run(lambda store: load_conversation(store, conversation_id, staff),
                      self._on_loaded, lambda error: self._on_load_failed(conversation_id, error))

    def show_nothing(self, text: str = EMPTY_TEXT, hint: str = "",
                     place: tuple[str, str] | None = None) -> None:
        """The empty page saying why no conversation is shown (an empty view, a search
        that found nothing) and, in `hint`, what to do about it; `place` (a view's key, its
        name in the hint) makes the name a link to that view."""
        if self._wanted is not None or self.snapshot is not None:
            self._wanted = None
            self._show_empty(text, hint, place)
        else:
            self._say_empty(text, hint, place)

    def _show_empty(self, text: str, hint: str = "",
                    place: tuple[str, str] | None = None) -> None:
        """The empty page with `text`; a conversation that could not be read stays wanted,
        so the next reload (the store back) shows it."""
        self.composer.detach()
        self.find.close()
        self.snapshot = None
        self._say_empty(text, hint, place)

    def _say_empty(self, text: str, hint: str, place: tuple[str, str] | None = None) -> None:
        self.ui.emptyLabel.setText(text)
        self.ui.emptyHint.show_hint(hint, place)
        self.ui.emptyHint.setVisible(bool(hint))
        self.ui.pages.setCurrentWidget(self.ui.emptyPage)

    def _on_load_failed(self, conversation_id: int, error: Exception) -> None:
        if not isinstance(error, StoreError):
            self.jobs.failed.emit(error, "")
            return
        if conversation_id != self._wanted:
            return
        if isinstance(error, NotFound):
            # A backup from before it came in was restored, here or from the command line:
            # what was read is of a conversation the store no longer has (and whose number
            # a new one may take), not one to go on answering.
            self._wanted = None
            self._show_empty("This conversation is no longer in the store.",
                             "A backup from before it came in may have been restored.")
            self.gone.emit(conversation_id)
            return
        if self.snapshot is not None and self.snapshot.conversation.id == conversation_id:
            return  # a refresh failed: keep showing what was read
        self._show_empty(f"This conversation cannot be shown: {error}")

    def reload(self) -> None:
        if self._wanted is not None:
            self.show_conversation(self._wanted)

    def _on_loaded(self, snapshot: ConversationSnapshot) -> None:
        if snapshot.conversation.id != self._wanted:
            return
        self._show_drafting(snapshot.others_drafting)
        first_time = self.snapshot is None or self.snapshot.conversation.id != self._wanted
        if snapshot == self.snapshot and self.ui.pages.currentWidget() is self.ui.threadPage:
            return  # nothing changed (the echo of a refresh): keep the reader's place
        if first_time:
            self.find.close()  # what was found was in the conversation before
        self.snapshot = snapshot
        conversation = snapshot.conversation
        self.composer.attach(conversation.id, conversation.kind, snapshot.draft,
                             snapshot.sendable, conversation.customer_name,
                             latest_reply(snapshot.entries))
        self.composer.set_original(self.original_url(snapshot))
        # Shown first: showing the page after its thread was set scrolled it back up.
        self.ui.pages.setCurrentWidget(self.ui.threadPage)
        self._render(keep_scroll=not first_time)
        self.loaded.emit(snapshot)

    def refresh_drafting(self) -> None:
        """Reads only who else is writing here (a colleague's draft saved or dropped)."""
        conversation_id, staff = self._wanted, self.staff
        if conversation_id is None or self.snapshot is None:
            return
        self.jobs.run(lambda store: store.drafts_by_others(conversation_id, staff),
                      lambda others: self._on_drafting(conversation_id, others),
                      self._on_drafting_failed)

    def _on_drafting(self, conversation_id: int, others: list[tuple[str, int]]) -> None:
        if conversation_id == self._wanted and self.snapshot is not None:
            self.snapshot = replace(self.snapshot, others_drafting=tuple(others))
            self._show_drafting(self.snapshot.others_drafting)

    def _on_drafting_failed(self, error: Exception) -> None:
        if not isinstance(error, StoreError):  # a store gone is told by the next reload
            self.jobs.failed.emit(error, "")

    def _show_drafting(self, others: tuple[tuple[str, int], ...]) -> None:
        text = drafting_text(others, now())
        self.ui.draftingLabel.setText(text)
        self.ui.draftingLabel.setVisible(bool(text))

    @staticmethod
    def original_url(snapshot: ConversationSnapshot) -> str | None:
        """The page of the latest item the customer posted (a review, a mention); none for
        one the demo made up (its page is on no server)."""
        for entry in reversed(snapshot.entries):
            if isinstance(entry, Message) and entry.direction == "in" and entry.url:
                return None if made_up_by_the_demo(entry) else entry.url
        return None

    def _render(self, keep_scroll: bool = False) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        conversation = snapshot.conversation
        ui = self.ui
        subject = (conversation.subject or shortened(conversation.preview, 80, at_word=True) or
                   f"Conversation with {conversation.customer_name}")
        self._subject = subject
        # The labels are chips of their own (each taken off with its ×), not in the line.
        self.header.show(subject, header_line(replace(conversation, labels=()), colors()))
        self.labels.show_labels(conversation.id, conversation.labels)
        allowed = conversation.id in self._images_allowed
        to_load = self.images_to_load()
        ui.imagesBar.setVisible(to_load)
        self._actions["load_images"].setEnabled(to_load)
        closed = conversation.status == "closed"
        self._actions["close"].setVisible(not closed)
        self._actions["reopen"].setVisible(conversation.status != "open")
        page = render_thread(conversation, snapshot.entries, colors(), images_allowed=allowed,
                             shown_whole=self._shown_whole,
                             notes_shown_whole=self._notes_shown_whole,
                             formatting=snapshot.formatting, staff=self.staff_names)
        if keep_scroll and page == self._page_shown:
            return  # set again, the thread would drop the text a reader has selected
        browser = ui.threadBrowser
        bar = browser.verticalScrollBar()
        position = bar.value()
        self._at_latest = not keep_scroll or self._at_latest
        self._restore_to = None if self._at_latest else position
        self._register_images(browser.document(), page)
        self._setting_page = True  # setHtml ends by scrolling its cursor (the top) into view
        try:
            browser.setHtml(page)
            self._page_shown = page
        finally:
            self._setting_page = False
        self._images_to_fit = image_positions(browser.document())
        self.find.document_changed()
        self._fit_images()
        self._keep_at_latest(bar.minimum(), bar.maximum())

    def images_to_load(self) -> bool:
        """Whether the conversation shown has remote images nobody has asked to load yet."""
        snapshot = self.snapshot
        if snapshot is None or snapshot.conversation.id in self._images_allowed:
            return False
        return any(isinstance(e, Message) and has_blocked_images(e.html)
                   for e in snapshot.entries)

    def _keep_at_latest(self, _minimum: int, maximum: int) -> None:
        """Qt lays a thread out after it is shown, and again as the pane is resized or its
        images load: one opened at its latest message stays there (it opened at its oldest,
        the range being empty when it was set), unless a person scrolled up; shown again
        (a label added, a reply's status), it stays where the reader was."""
        bar = self.ui.threadBrowser.verticalScrollBar()
        if self._setting_page:
            return
        if self._at_latest:
            bar.setValue(maximum)
        elif self._restore_to is not None and maximum >= self._restore_to:
            bar.setValue(self._restore_to)
            self._restore_to = None

    def _on_scrolled_by_hand(self, _action: int) -> None:
        self._at_latest = False  # back on again if the scroll ends at the bottom
        self._restore_to = None

    def _on_scrolled(self, value: int) -> None:
        bar = self.ui.threadBrowser.verticalScrollBar()
        if value == bar.maximum() and bar.maximum() > 0:
            self._at_latest = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and self._images_to_fit
                and watched is self.ui.threadBrowser
                and event.size().width() != event.oldSize().width()):
            self._fit_images()
        return super().eventFilter(watched, event)

    def _fit_images(self) -> None:
        """Scales the thread's images to the pane's width as it is now. Measured as if the
        scroll bar were showing, so it coming or going never rescales them (which could
        make it go or come again)."""
        if not self._images_to_fit:
            return
        browser = self.ui.threadBrowser
        bar = browser.verticalScrollBar().sizeHint().width()
        width = browser.maximumViewportSize().width() - bar
        if width not in self._rooms:
            if len(self._rooms) > 64:
                self._rooms.clear()
            self._rooms[width] = card_room(browser.document(), width)
        fit_images(browser.document(), self._images_to_fit, self._rooms[width], self._pictures)

    # Remote images

    def _register_images(self, document: QTextDocument, page: str) -> None:
        placeholder = icons.pixmap("image", PLACEHOLDER_SIZE, colors()["muted"]).toImage()
        self._pictures = set()
        for src in image_sources(page):
            image = self._image_cache.get(src.removeprefix(BLOCKED_SCHEME))
            if src.startswith(BLOCKED_SCHEME) or image is None:
                image = placeholder
            else:
                self._pictures.add(src)
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(src), image)

    def load_images(self) -> None:
        """Shows this conversation's remote images: a person asked, so fetch them now."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        conversation_id = snapshot.conversation.id
        self._images_allowed.add(conversation_id)
        urls = [src.removeprefix(BLOCKED_SCHEME)
                for e in snapshot.entries if isinstance(e, Message) and e.html
                for src in image_sources(e.html)]
        missing = [u for u in urls if u not in self._image_cache]
        self._render(keep_scroll=True)
        if missing:
            self.jobs.run(lambda: fetch_images(missing), self._on_images, with_store=False)

    def _on_images(self, fetched: dict[str, bytes]) -> None:
        for url, data in fetched.items():
            image = QImage.fromData(data)
            if not image.isNull():
                self._image_cache[url] = image
        self._page_shown = None  # the same page, now with its pictures
        self._render(keep_scroll=True)

    # Links and the composer

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "action" and url.path().startswith("retry:"):
            if self.offline:
                self.problem.emit("The store cannot be reached; try again when it is back.")
                return
            message_id = int(url.path().split(":", 1)[1])
            staff = self.staff
            self.jobs.run(
                lambda store: retry_reply(store, message_id, staff,
                                          has_secret=team_secret_check(store)),
                lambda _result: self._on_composer_sent(self._wanted or 0),
                lambda error: self.problem.emit(str(error)) if isinstance(error, StoreError)
                else self.jobs.failed.emit(error, ""))
        elif url.scheme() == "action" and url.path().startswith(("whole:", "whole-note:")):
            kind, entry_id = url.path().split(":", 1)
            shown = self._shown_whole if kind == "whole" else self._notes_shown_whole
            shown.add(int(entry_id))
            self._render(keep_scroll=True)
        elif url.scheme() == "action" and url.path().startswith("attachment:"):
            _, message_id, position = url.path().split(":")
            self.save_attachment(int(message_id), int(position))
        elif url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)

    def save_attachment(self, message_id: int, position: int) -> None:
        """Asks where, then fetches the attachment from the mail server in a job."""
        from inbox_app.sources import SourceError
        from inbox_app.sources.mail_files import attachments_of, safe_filename, save_attachment

        conversation = self.conversation
        if conversation is None:
            return
        message = next((m for m in self.snapshot.entries
                        if isinstance(m, Message) and m.id == message_id), None)
        listed = (message.meta.get("attachments") or []) if message else []
        if not 0 <= position < len(listed):
            return
        name = safe_filename(str(listed[position].get("name") or "attachment"))
        path = self.ask_save_path(name)
        if not path:
            return

        def fetch(store) -> str:
            mine = [a for a in attachments_of(store, conversation.id) if a.message_id == message_id]
            return str(save_attachment(store, mine[position], path))

        def failed(error: Exception) -> None:
            if isinstance(error, SourceError | StoreError | OSError):
                self.problem.emit(f"{name} could not be saved: {error}")
            else:
                self.jobs.failed.emit(error, "")

        self.notice.emit(f"Fetching {name} from the mail server…")
        self.jobs.run(fetch, lambda saved: self.notice.emit(f"Saved {name} to {saved}."), failed)

    def ask_save_path(self, name: str) -> str:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(self, "Save attachment", str(Path(folder) / name))
        return path

    def set_offline(self, offline: bool) -> None:
        """While the store is away: reading goes on, nothing is sent or retried."""
        self.offline = offline
        self.composer.set_offline(offline)
        self.labels.set_editable(not offline)

    def _on_unlabel(self, label: str) -> None:
        if self.snapshot is not None:
            self.unlabel_requested.emit(self.snapshot.conversation.id, label)

    def _on_composer_sent(self, conversation_id: int) -> None:
        self.reload()
        self.changed.emit(conversation_id)
