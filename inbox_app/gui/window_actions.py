"""The main window's actions (menus, toolbar, keys): what each one starts, which go off
without a conversation, without the store or without the queue in sight, their icons, the
queue's context menu, and the keys that move the focus (/ to search, R to reply).

What an action does to a conversation is in gui/actions.py (`ConversationActions`), to
several selected in gui/bulk.py; this only connects the window's actions to them.

A mixin of MainWindow (gui/main_window.py), which builds the widgets and controllers these
methods use (`ui`, `actions_`, `bulk`, `merging`, `poller`, `conversation`, `customer`,
`state`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from inbox_app.gui import icons
from inbox_app.gui.dialogs import ShortcutsDialog
from inbox_app.gui.models.sidebar_model import INSIGHTS_KEY
from inbox_app.gui.theme import colors

ACTION_ICONS = {
    "actionPoll": "refresh", "actionReply": "reply", "actionNote": "note",
    "actionAssign": "assign", "actionTag": "tag", "actionLabel": "label",
    "actionSnooze": "snooze", "actionClose": "close", "actionReopen": "reopen",
    "actionMarkUnread": "unread", "actionLoadImages": "image", "actionSearch": "search",
    "actionShowQueue": "queue", "actionShowInsights": "insights",
    "actionShortcuts": "keyboard", "actionSwitchStaff": "staff",
    "actionLogCall": "call", "actionImportCalls": "import", "actionAccounts": "account",
    "actionTemplates": "template", "actionInsertTemplate": "template", "actionSettings": "settings",
    "actionUndoMerge": "undo", "actionMergeConversations": "merge", "actionMergeCustomer": "merge",
    "actionHistory": "history", "actionExportConversations": "export",
    "actionExportCustomersCsv": "export", "actionExportCustomersVcard": "export",
    "actionTakeNext": "take-next", "actionRestoreBackup": "history",
    "actionImportCustomers": "import", "actionRules": "assign",
}


class WindowActions:
    """The main window's actions and their wiring (see the module docstring)."""

    def _wire_actions(self) -> None:
        ui, acts = self.ui, self.actions_
        ui.actionTakeNext.triggered.connect(acts.take_next)
        ui.actionNext.triggered.connect(lambda: self._on_queue_page(self.move, 1))
        ui.actionPrevious.triggered.connect(lambda: self._on_queue_page(self.move, -1))
        ui.actionSearch.triggered.connect(self.focus_search)
        ui.actionReply.triggered.connect(self.focus_reply)
        ui.actionNote.triggered.connect(acts.prompt_note)
        ui.actionAssign.triggered.connect(lambda: self._either("prompt_assign"))
        ui.actionTag.triggered.connect(lambda: self._either("prompt_tag"))
        ui.actionLabel.triggered.connect(lambda: self._either("prompt_label"))
        self.remove_label_action = self._remove_label_action()
        self.remove_label_action.triggered.connect(lambda: self._either("prompt_unlabel"))
        self.conversation.unlabel_requested.connect(acts.unlabel)
        ui.actionSnooze.triggered.connect(lambda: self._either("prompt_snooze"))
        ui.actionClose.triggered.connect(
            lambda: self.bulk.close() if self.bulk.active else self._on_current(acts.close))
        ui.actionReopen.triggered.connect(lambda: self._on_current(acts.reopen))
        ui.actionMarkUnread.triggered.connect(lambda: self._on_current(acts.mark_unread))
        ui.actionLoadImages.triggered.connect(
            lambda: self._on_queue_page(self.conversation.load_images))
        ui.actionPoll.triggered.connect(lambda: self.poller.poll_now(due_only=False))
        ui.actionSwitchStaff.triggered.connect(self.state.choose_staff)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionShortcuts.setShortcuts([ui.actionShortcuts.shortcut(), QKeySequence("F1")])
        ui.actionShortcuts.triggered.connect(self.show_shortcuts)
        ui.actionShowQueue.triggered.connect(self.show_queue)
        ui.actionShowInsights.triggered.connect(lambda: self.select_key(INSIGHTS_KEY))
        ui.actionAccounts.triggered.connect(self.show_accounts)
        ui.actionTemplates.triggered.connect(self.show_templates)
        ui.actionRules.triggered.connect(self.show_rules)
        ui.actionInsertTemplate.triggered.connect(self.insert_template)
        ui.actionSettings.triggered.connect(self.show_settings)
        ui.actionLogCall.triggered.connect(self.log_call)
        ui.actionImportCalls.triggered.connect(self.import_calls)
        ui.actionImportCustomers.triggered.connect(self.import_customers)
        ui.actionCustomerValue.triggered.connect(self.customer.edit_value)
        ui.actionRestoreBackup.triggered.connect(self.restore_backup)
        ui.actionExportConversations.triggered.connect(lambda: self.export("conversations", "csv"))
        ui.actionExportCustomersCsv.triggered.connect(lambda: self.export("customers", "csv"))
        ui.actionExportCustomersVcard.triggered.connect(lambda: self.export("customers", "vcard"))
        ui.actionUndoMerge.triggered.connect(self.merging.undo_last)
        ui.actionSelectAll.triggered.connect(lambda: self._on_queue_page(self.bulk.select_all))
        ui.actionMergeConversations.triggered.connect(
            lambda: self._on_queue_page(self.merging.prompt_merge_conversations))
        ui.actionMergeCustomer.triggered.connect(self.merging.prompt_merge_customer)
        ui.actionHistory.triggered.connect(self.merging.show_history)
        self._update_undo_action()
        for action in self.findChildren(type(ui.actionReply)):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.conversation.use_actions({
            "assign": ui.actionAssign, "snooze": ui.actionSnooze, "close": ui.actionClose,
            "label": ui.actionLabel, "note": ui.actionNote, "tag": ui.actionTag,
            "unlabel": self.remove_label_action,
            "unread": ui.actionMarkUnread, "reopen": ui.actionReopen,
            "load_images": ui.actionLoadImages, "snooze_presets": acts.snooze_preset_actions,
        })
        self.conversation_actions = [ui.actionReply, ui.actionNote, ui.actionAssign,
                                     ui.actionTag, ui.actionCustomerValue, ui.actionLabel,
                                     self.remove_label_action, ui.actionSnooze,
                                     ui.actionClose, ui.actionReopen, ui.actionMarkUnread,
                                     ui.actionInsertTemplate, ui.actionMergeCustomer,
                                     ui.actionHistory]
        # What changes the store (or needs it to answer): off while the store is away.
        self.store_actions = [ui.actionTakeNext, ui.actionPoll, ui.actionLogCall,
                              ui.actionImportCalls, ui.actionImportCustomers,
                              ui.actionRestoreBackup,
                              ui.actionAccounts, ui.actionTemplates, ui.actionRules,
                              ui.actionSettings, ui.actionSwitchStaff, ui.actionUndoMerge,
                              ui.actionMergeConversations, ui.actionExportConversations,
                              ui.actionExportCustomersCsv, ui.actionExportCustomersVcard]
        # What acts on the queue's selection: off while Insights hides the queue.
        self.queue_actions = [ui.actionNext, ui.actionPrevious, ui.actionSelectAll,
                              ui.actionMergeConversations, ui.actionLoadImages]
        self._set_conversation_actions(False)

    def _remove_label_action(self) -> QAction:
        """Conversation → Remove label…, after Label conversation… (in the header's More
        menu and the queue's right-click menu too): for one conversation, or in bulk."""
        ui = self.ui
        action = QAction("Remove label…", self)
        action.setObjectName("actionRemoveLabel")
        action.setShortcut(QKeySequence("Shift+L"))
        action.setToolTip("Take a label off the conversation, or off those selected (Shift+L)")
        menu_actions = ui.menuConversation.actions()
        after = menu_actions.index(ui.actionLabel) + 1
        ui.menuConversation.insertAction(
            menu_actions[after] if after < len(menu_actions) else None, action)
        return action

    def _either(self, prompt: str) -> None:
        """An action key acts on the selection when several are selected, else the current."""
        getattr(self.bulk if self.bulk.active else self.actions_, prompt)()

    def _update_undo_action(self) -> None:
        stack = self.merging.undo_stack
        action = self.ui.actionUndoMerge
        action.setEnabled(bool(stack) and not self.read_only)
        action.setText(f"Undo: {stack[-1].description}" if stack else "Undo")

    def refresh_icons(self) -> None:
        for name, icon_name in ACTION_ICONS.items():
            getattr(self.ui, name).setIcon(icons.icon(icon_name))
        self.ui.offlineIcon.setPixmap(icons.pixmap("warning", 20, colors()["offline_text"]))
        self.setWindowIcon(icons.icon("app", color=icons.BASE_STROKE))
        self.state.refresh_staff_button()
        self.conversation.refresh_icons()
        self.ui.sidebarView.viewport().update()
        self.ui.queueView.viewport().update()

    def focus_search(self) -> None:
        self.show_queue()
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def focus_reply(self) -> None:
        if self.current_id() is None or self.actions_.several_selected("reply to it"):
            return
        self.conversation.composer.set_note_mode(False)
        self.conversation.composer.focus()

    def show_shortcuts(self) -> None:
        ShortcutsDialog([a for a in self.findChildren(type(self.ui.actionReply))], self).exec()

    def _queue_menu(self, position) -> None:
        """Right-click on one of several selected offers what acts on them all (it made the
        clicked one current, which dropped the rest of the selection); elsewhere, what acts
        on the conversation clicked."""
        view = self.ui.queueView
        index = view.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        if self.bulk.active and view.selectionModel().isSelected(index):
            ui = self.ui
            offered = [ui.actionAssign, ui.actionTag, ui.actionLabel, self.remove_label_action,
                       ui.actionSnooze, ui.actionClose, ui.actionReopen]
            if self.bulk.selection().count == 2 and not self.bulk.whole_view:
                offered.append(ui.actionMergeConversations)
        else:
            view.setCurrentIndex(index)
            offered = self.conversation_actions
        for action in offered:
            if action.isVisible():
                menu.addAction(action)
        menu.exec(view.viewport().mapToGlobal(position))
