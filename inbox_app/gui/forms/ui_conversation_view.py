# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'conversation_view.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QStackedWidget, QToolButton, QVBoxLayout, QWidget)

from inbox_app.gui.widgets import (ElidingLabel, HintLabel, ThreadBrowser)

class Ui_ConversationView(object):
    def setupUi(self, ConversationView):
        if not ConversationView.objectName():
            ConversationView.setObjectName(u"ConversationView")
        ConversationView.resize(640, 800)
        self.rootLayout = QVBoxLayout(ConversationView)
        self.rootLayout.setSpacing(0)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(ConversationView)
        self.pages.setObjectName(u"pages")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setSpacing(8)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyLayout.setContentsMargins(24, -1, 24, -1)
        self.emptyTopSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyTopSpace)

        self.emptyLabel = QLabel(self.emptyPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setTextFormat(Qt.PlainText)
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setAlignment(Qt.AlignCenter)

        self.emptyLayout.addWidget(self.emptyLabel)

        self.emptyHint = HintLabel(self.emptyPage)
        self.emptyHint.setObjectName(u"emptyHint")
        self.emptyHint.setTextFormat(Qt.RichText)
        self.emptyHint.setWordWrap(True)
        self.emptyHint.setAlignment(Qt.AlignCenter)

        self.emptyLayout.addWidget(self.emptyHint)

        self.emptyBottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyBottomSpace)

        self.pages.addWidget(self.emptyPage)
        self.threadPage = QWidget()
        self.threadPage.setObjectName(u"threadPage")
        self.threadLayout = QVBoxLayout(self.threadPage)
        self.threadLayout.setSpacing(0)
        self.threadLayout.setObjectName(u"threadLayout")
        self.threadLayout.setContentsMargins(0, 0, 0, 0)
        self.conversationHeader = QFrame(self.threadPage)
        self.conversationHeader.setObjectName(u"conversationHeader")
        self.headerLayout = QVBoxLayout(self.conversationHeader)
        self.headerLayout.setSpacing(6)
        self.headerLayout.setObjectName(u"headerLayout")
        self.headerLayout.setContentsMargins(20, 14, 16, 12)
        self.subjectLabel = QLabel(self.conversationHeader)
        self.subjectLabel.setObjectName(u"subjectLabel")
        self.subjectLabel.setTextFormat(Qt.PlainText)
        self.subjectLabel.setWordWrap(True)
        self.subjectLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.headerLayout.addWidget(self.subjectLabel)

        self.metaLabel = QLabel(self.conversationHeader)
        self.metaLabel.setObjectName(u"metaLabel")
        self.metaLabel.setTextFormat(Qt.RichText)

        self.headerLayout.addWidget(self.metaLabel)

        self.actionRow = QHBoxLayout()
        self.actionRow.setSpacing(6)
        self.actionRow.setObjectName(u"actionRow")
        self.assignButton = QToolButton(self.conversationHeader)
        self.assignButton.setObjectName(u"assignButton")

        self.actionRow.addWidget(self.assignButton)

        self.snoozeButton = QToolButton(self.conversationHeader)
        self.snoozeButton.setObjectName(u"snoozeButton")
        self.snoozeButton.setPopupMode(QToolButton.InstantPopup)

        self.actionRow.addWidget(self.snoozeButton)

        self.closeButton = QToolButton(self.conversationHeader)
        self.closeButton.setObjectName(u"closeButton")

        self.actionRow.addWidget(self.closeButton)

        self.labelButton = QToolButton(self.conversationHeader)
        self.labelButton.setObjectName(u"labelButton")

        self.actionRow.addWidget(self.labelButton)

        self.moreButton = QToolButton(self.conversationHeader)
        self.moreButton.setObjectName(u"moreButton")
        self.moreButton.setPopupMode(QToolButton.InstantPopup)

        self.actionRow.addWidget(self.moreButton)

        self.actionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionRow.addItem(self.actionSpacer)


        self.headerLayout.addLayout(self.actionRow)

        self.labelsArea = QWidget(self.conversationHeader)
        self.labelsArea.setObjectName(u"labelsArea")
        self.labelsArea.setVisible(False)

        self.headerLayout.addWidget(self.labelsArea)


        self.threadLayout.addWidget(self.conversationHeader)

        self.imagesBar = QFrame(self.threadPage)
        self.imagesBar.setObjectName(u"imagesBar")
        self.imagesLayout = QHBoxLayout(self.imagesBar)
        self.imagesLayout.setObjectName(u"imagesLayout")
        self.imagesLayout.setContentsMargins(12, 6, 8, 6)
        self.imagesLabel = QLabel(self.imagesBar)
        self.imagesLabel.setObjectName(u"imagesLabel")

        self.imagesLayout.addWidget(self.imagesLabel)

        self.imagesSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.imagesLayout.addItem(self.imagesSpacer)

        self.loadImagesButton = QPushButton(self.imagesBar)
        self.loadImagesButton.setObjectName(u"loadImagesButton")

        self.imagesLayout.addWidget(self.loadImagesButton)


        self.threadLayout.addWidget(self.imagesBar)

        self.threadBrowser = ThreadBrowser(self.threadPage)
        self.threadBrowser.setObjectName(u"threadBrowser")
        self.threadBrowser.setOpenLinks(False)
        self.threadBrowser.setOpenExternalLinks(False)

        self.threadLayout.addWidget(self.threadBrowser)

        self.composerOuter = QVBoxLayout()
        self.composerOuter.setObjectName(u"composerOuter")
        self.composerOuter.setContentsMargins(12, 8, 12, 14)
        self.draftingLabel = QLabel(self.threadPage)
        self.draftingLabel.setObjectName(u"draftingLabel")
        self.draftingLabel.setVisible(False)
        self.draftingLabel.setWordWrap(True)
        self.draftingLabel.setTextFormat(Qt.PlainText)

        self.composerOuter.addWidget(self.draftingLabel)

        self.composerFrame = QFrame(self.threadPage)
        self.composerFrame.setObjectName(u"composerFrame")
        self.composerLayout = QVBoxLayout(self.composerFrame)
        self.composerLayout.setSpacing(4)
        self.composerLayout.setObjectName(u"composerLayout")
        self.composerLayout.setContentsMargins(8, 8, 8, 8)
        self.modeRow = QHBoxLayout()
        self.modeRow.setSpacing(4)
        self.modeRow.setObjectName(u"modeRow")
        self.replyModeButton = QToolButton(self.composerFrame)
        self.replyModeButton.setObjectName(u"replyModeButton")
        self.replyModeButton.setCheckable(True)
        self.replyModeButton.setChecked(True)
        self.replyModeButton.setAutoExclusive(True)

        self.modeRow.addWidget(self.replyModeButton)

        self.noteModeButton = QToolButton(self.composerFrame)
        self.noteModeButton.setObjectName(u"noteModeButton")
        self.noteModeButton.setCheckable(True)
        self.noteModeButton.setAutoExclusive(True)

        self.modeRow.addWidget(self.noteModeButton)

        self.modeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.modeRow.addItem(self.modeSpacer)

        self.channelHint = ElidingLabel(self.composerFrame)
        self.channelHint.setObjectName(u"channelHint")

        self.modeRow.addWidget(self.channelHint)

        self.templateButton = QToolButton(self.composerFrame)
        self.templateButton.setObjectName(u"templateButton")
        self.templateButton.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)

        self.modeRow.addWidget(self.templateButton)


        self.composerLayout.addLayout(self.modeRow)

        self.composerEdit = QPlainTextEdit(self.composerFrame)
        self.composerEdit.setObjectName(u"composerEdit")
        self.composerEdit.setMinimumSize(QSize(0, 70))
        self.composerEdit.setMaximumSize(QSize(16777215, 110))
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.composerEdit.sizePolicy().hasHeightForWidth())
        self.composerEdit.setSizePolicy(sizePolicy)
        self.composerEdit.setTabChangesFocus(True)

        self.composerLayout.addWidget(self.composerEdit)

        self.hintRow = QHBoxLayout()
        self.hintRow.setSpacing(8)
        self.hintRow.setObjectName(u"hintRow")
        self.signatureHint = ElidingLabel(self.composerFrame)
        self.signatureHint.setObjectName(u"signatureHint")
        self.signatureHint.setVisible(False)

        self.hintRow.addWidget(self.signatureHint)

        self.roomLabel = QLabel(self.composerFrame)
        self.roomLabel.setObjectName(u"roomLabel")
        self.roomLabel.setVisible(False)

        self.hintRow.addWidget(self.roomLabel, 0, Qt.AlignRight)

        self.hintRow.setStretch(0, 1)

        self.composerLayout.addLayout(self.hintRow)

        self.statusRow = QHBoxLayout()
        self.statusRow.setSpacing(8)
        self.statusRow.setObjectName(u"statusRow")
        self.composerStatus = QLabel(self.composerFrame)
        self.composerStatus.setObjectName(u"composerStatus")
        self.composerStatus.setVisible(False)
        self.composerStatus.setWordWrap(True)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.composerStatus.sizePolicy().hasHeightForWidth())
        self.composerStatus.setSizePolicy(sizePolicy1)

        self.statusRow.addWidget(self.composerStatus)

        self.undoSendButton = QPushButton(self.composerFrame)
        self.undoSendButton.setObjectName(u"undoSendButton")
        self.undoSendButton.setVisible(False)
        self.undoSendButton.setAutoDefault(False)

        self.statusRow.addWidget(self.undoSendButton)


        self.composerLayout.addLayout(self.statusRow)

        self.sendRow = QHBoxLayout()
        self.sendRow.setSpacing(6)
        self.sendRow.setObjectName(u"sendRow")
        self.sendSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.sendRow.addItem(self.sendSpacer)

        self.openOriginalButton = QPushButton(self.composerFrame)
        self.openOriginalButton.setObjectName(u"openOriginalButton")
        self.openOriginalButton.setVisible(False)

        self.sendRow.addWidget(self.openOriginalButton)

        self.sendCloseButton = QPushButton(self.composerFrame)
        self.sendCloseButton.setObjectName(u"sendCloseButton")
        self.sendCloseButton.setAutoDefault(False)

        self.sendRow.addWidget(self.sendCloseButton)

        self.sendButton = QPushButton(self.composerFrame)
        self.sendButton.setObjectName(u"sendButton")

        self.sendRow.addWidget(self.sendButton)


        self.composerLayout.addLayout(self.sendRow)


        self.composerOuter.addWidget(self.composerFrame)


        self.threadLayout.addLayout(self.composerOuter)

        self.threadLayout.setStretch(2, 1)
        self.pages.addWidget(self.threadPage)

        self.rootLayout.addWidget(self.pages)


        self.retranslateUi(ConversationView)

        QMetaObject.connectSlotsByName(ConversationView)
    # setupUi

    def retranslateUi(self, ConversationView):
        self.emptyLabel.setText(QCoreApplication.translate("ConversationView", u"Select a conversation, or press J to start.", None))
        self.emptyHint.setText("")
        self.subjectLabel.setText("")
        self.metaLabel.setText("")
#if QT_CONFIG(tooltip)
        self.moreButton.setToolTip(QCoreApplication.translate("ConversationView", u"More: internal note, tag the customer, remove a label, mark unread, reopen, load images", None))
#endif // QT_CONFIG(tooltip)
        self.moreButton.setText(QCoreApplication.translate("ConversationView", u"More", None))
#if QT_CONFIG(accessibility)
        self.labelsArea.setAccessibleName(QCoreApplication.translate("ConversationView", u"Labels", None))
#endif // QT_CONFIG(accessibility)
        self.imagesLabel.setText(QCoreApplication.translate("ConversationView", u"Remote images are blocked to protect your privacy.", None))
        self.loadImagesButton.setText(QCoreApplication.translate("ConversationView", u"Load images", None))
#if QT_CONFIG(accessibility)
        self.threadBrowser.setAccessibleName(QCoreApplication.translate("ConversationView", u"Conversation thread", None))
#endif // QT_CONFIG(accessibility)
        self.draftingLabel.setText("")
#if QT_CONFIG(tooltip)
        self.draftingLabel.setToolTip(QCoreApplication.translate("ConversationView", u"Drafts are saved as people type; a colleague's shows here so the customer is not answered twice", None))
#endif // QT_CONFIG(tooltip)
        self.replyModeButton.setText(QCoreApplication.translate("ConversationView", u"Reply", None))
#if QT_CONFIG(tooltip)
        self.replyModeButton.setToolTip(QCoreApplication.translate("ConversationView", u"A reply to the customer, on their channel (R)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.replyModeButton.setAccessibleDescription(QCoreApplication.translate("ConversationView", u"A reply to the customer, on their channel", None))
#endif // QT_CONFIG(accessibility)
        self.noteModeButton.setText(QCoreApplication.translate("ConversationView", u"Internal note", None))
#if QT_CONFIG(tooltip)
        self.noteModeButton.setToolTip(QCoreApplication.translate("ConversationView", u"A note only the staff see; @name asks a colleague in (Shift+N)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.noteModeButton.setAccessibleDescription(QCoreApplication.translate("ConversationView", u"A note only the staff see; @name asks a colleague in", None))
#endif // QT_CONFIG(accessibility)
        self.channelHint.setText("")
        self.templateButton.setText(QCoreApplication.translate("ConversationView", u"Templates", None))
#if QT_CONFIG(tooltip)
        self.templateButton.setToolTip(QCoreApplication.translate("ConversationView", u"Insert a saved reply (Ctrl+T)", None))
#endif // QT_CONFIG(tooltip)
        self.signatureHint.setText("")
#if QT_CONFIG(tooltip)
        self.signatureHint.setToolTip(QCoreApplication.translate("ConversationView", u"Added under your reply as it goes out; change it in Settings \u2192 Business", None))
#endif // QT_CONFIG(tooltip)
        self.signatureHint.setProperty(u"role", QCoreApplication.translate("ConversationView", u"hint", None))
        self.roomLabel.setText("")
        self.roomLabel.setProperty(u"role", QCoreApplication.translate("ConversationView", u"hint", None))
        self.composerStatus.setText("")
        self.undoSendButton.setText(QCoreApplication.translate("ConversationView", u"&Undo", None))
#if QT_CONFIG(tooltip)
        self.undoSendButton.setToolTip(QCoreApplication.translate("ConversationView", u"Keep the reply from going out and bring it back to the composer (Alt+U)", None))
#endif // QT_CONFIG(tooltip)
        self.openOriginalButton.setText(QCoreApplication.translate("ConversationView", u"Open the original", None))
#if QT_CONFIG(tooltip)
        self.openOriginalButton.setToolTip(QCoreApplication.translate("ConversationView", u"Open the review or mention on its site, to answer it there", None))
#endif // QT_CONFIG(tooltip)
        self.sendCloseButton.setText(QCoreApplication.translate("ConversationView", u"Send and close", None))
#if QT_CONFIG(tooltip)
        self.sendCloseButton.setToolTip(QCoreApplication.translate("ConversationView", u"Send, close the conversation and go on to the next (Ctrl+Shift+Enter)", None))
#endif // QT_CONFIG(tooltip)
        self.sendButton.setText(QCoreApplication.translate("ConversationView", u"Send", None))
#if QT_CONFIG(tooltip)
        self.sendButton.setToolTip(QCoreApplication.translate("ConversationView", u"Send (Ctrl+Enter)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

