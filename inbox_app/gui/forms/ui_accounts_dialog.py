# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'accounts_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QFormLayout,
    QFrame, QGridLayout, QHBoxLayout, QLabel,
    QListView, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QStackedWidget, QToolButton, QVBoxLayout,
    QWidget)

class Ui_AccountsDialog(object):
    def setupUi(self, AccountsDialog):
        if not AccountsDialog.objectName():
            AccountsDialog.setObjectName(u"AccountsDialog")
        AccountsDialog.setMinimumSize(QSize(880, 560))
        self.rootLayout = QHBoxLayout(AccountsDialog)
        self.rootLayout.setSpacing(16)
        self.rootLayout.setObjectName(u"rootLayout")
        self.listColumn = QVBoxLayout()
        self.listColumn.setSpacing(8)
        self.listColumn.setObjectName(u"listColumn")
        self.listTitle = QLabel(AccountsDialog)
        self.listTitle.setObjectName(u"listTitle")

        self.listColumn.addWidget(self.listTitle)

        self.accountList = QListView(AccountsDialog)
        self.accountList.setObjectName(u"accountList")
        self.accountList.setMinimumSize(QSize(250, 0))
        self.accountList.setMaximumSize(QSize(300, 16777215))
        self.accountList.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.accountList.setIconSize(QSize(22, 22))
        self.accountList.setSpacing(3)

        self.listColumn.addWidget(self.accountList)

        self.addButton = QToolButton(AccountsDialog)
        self.addButton.setObjectName(u"addButton")
        self.addButton.setPopupMode(QToolButton.InstantPopup)
        self.addButton.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)

        self.listColumn.addWidget(self.addButton)


        self.rootLayout.addLayout(self.listColumn)

        self.pages = QStackedWidget(AccountsDialog)
        self.pages.setObjectName(u"pages")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setSpacing(10)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyTitle = QLabel(self.emptyPage)
        self.emptyTitle.setObjectName(u"emptyTitle")

        self.emptyLayout.addWidget(self.emptyTitle)

        self.emptyText = QLabel(self.emptyPage)
        self.emptyText.setObjectName(u"emptyText")
        self.emptyText.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyText)

        self.kindGrid = QGridLayout()
        self.kindGrid.setObjectName(u"kindGrid")
        self.kindGrid.setHorizontalSpacing(8)
        self.kindGrid.setVerticalSpacing(8)

        self.emptyLayout.addLayout(self.kindGrid)

        self.emptySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptySpacer)

        self.pages.addWidget(self.emptyPage)
        self.detailPage = QWidget()
        self.detailPage.setObjectName(u"detailPage")
        self.detailLayout = QVBoxLayout(self.detailPage)
        self.detailLayout.setSpacing(8)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailTitle = QLabel(self.detailPage)
        self.detailTitle.setObjectName(u"detailTitle")
        self.detailTitle.setTextFormat(Qt.PlainText)

        self.detailLayout.addWidget(self.detailTitle)

        self.detailKind = QLabel(self.detailPage)
        self.detailKind.setObjectName(u"detailKind")

        self.detailLayout.addWidget(self.detailKind)

        self.healthTitle = QLabel(self.detailPage)
        self.healthTitle.setObjectName(u"healthTitle")

        self.detailLayout.addWidget(self.healthTitle)

        self.healthLabel = QLabel(self.detailPage)
        self.healthLabel.setObjectName(u"healthLabel")
        self.healthLabel.setWordWrap(True)
        self.healthLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.detailLayout.addWidget(self.healthLabel)

        self.settingsTitle = QLabel(self.detailPage)
        self.settingsTitle.setObjectName(u"settingsTitle")

        self.detailLayout.addWidget(self.settingsTitle)

        self.configLabel = QLabel(self.detailPage)
        self.configLabel.setObjectName(u"configLabel")
        self.configLabel.setWordWrap(True)
        self.configLabel.setTextFormat(Qt.RichText)
        self.configLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.detailLayout.addWidget(self.configLabel)

        self.detailResult = QLabel(self.detailPage)
        self.detailResult.setObjectName(u"detailResult")
        self.detailResult.setWordWrap(True)

        self.detailLayout.addWidget(self.detailResult)

        self.detailSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.detailLayout.addItem(self.detailSpacer)

        self.detailButtons = QHBoxLayout()
        self.detailButtons.setObjectName(u"detailButtons")
        self.removeButton = QPushButton(self.detailPage)
        self.removeButton.setObjectName(u"removeButton")
        self.removeButton.setAutoDefault(False)

        self.detailButtons.addWidget(self.removeButton)

        self.detailButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.detailButtons.addItem(self.detailButtonSpacer)

        self.enableButton = QPushButton(self.detailPage)
        self.enableButton.setObjectName(u"enableButton")
        self.enableButton.setAutoDefault(False)

        self.detailButtons.addWidget(self.enableButton)

        self.detailTestButton = QPushButton(self.detailPage)
        self.detailTestButton.setObjectName(u"detailTestButton")
        self.detailTestButton.setAutoDefault(False)

        self.detailButtons.addWidget(self.detailTestButton)

        self.editButton = QPushButton(self.detailPage)
        self.editButton.setObjectName(u"editButton")
        self.editButton.setAutoDefault(False)

        self.detailButtons.addWidget(self.editButton)


        self.detailLayout.addLayout(self.detailButtons)

        self.pages.addWidget(self.detailPage)
        self.editPage = QWidget()
        self.editPage.setObjectName(u"editPage")
        self.editLayout = QVBoxLayout(self.editPage)
        self.editLayout.setSpacing(8)
        self.editLayout.setObjectName(u"editLayout")
        self.editTitle = QLabel(self.editPage)
        self.editTitle.setObjectName(u"editTitle")
        self.editTitle.setTextFormat(Qt.PlainText)

        self.editLayout.addWidget(self.editTitle)

        self.editIntro = QLabel(self.editPage)
        self.editIntro.setObjectName(u"editIntro")
        self.editIntro.setWordWrap(True)

        self.editLayout.addWidget(self.editIntro)

        self.formScroll = QScrollArea(self.editPage)
        self.formScroll.setObjectName(u"formScroll")
        self.formScroll.setFocusPolicy(Qt.NoFocus)
        self.formScroll.setWidgetResizable(True)
        self.formScroll.setFrameShape(QFrame.NoFrame)
        self.formScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.formHost = QWidget()
        self.formHost.setObjectName(u"formHost")
        self.fieldsForm = QFormLayout(self.formHost)
        self.fieldsForm.setObjectName(u"fieldsForm")
        self.fieldsForm.setVerticalSpacing(6)
        self.fieldsForm.setHorizontalSpacing(12)
        self.fieldsForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.formScroll.setWidget(self.formHost)

        self.editLayout.addWidget(self.formScroll)

        self.editResult = QLabel(self.editPage)
        self.editResult.setObjectName(u"editResult")
        self.editResult.setWordWrap(True)
        self.editResult.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.editLayout.addWidget(self.editResult)

        self.editButtons = QHBoxLayout()
        self.editButtons.setObjectName(u"editButtons")
        self.editTestButton = QPushButton(self.editPage)
        self.editTestButton.setObjectName(u"editTestButton")
        self.editTestButton.setAutoDefault(False)

        self.editButtons.addWidget(self.editTestButton)

        self.editButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.editButtons.addItem(self.editButtonSpacer)

        self.cancelButton = QPushButton(self.editPage)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setAutoDefault(False)

        self.editButtons.addWidget(self.cancelButton)

        self.saveButton = QPushButton(self.editPage)
        self.saveButton.setObjectName(u"saveButton")

        self.editButtons.addWidget(self.saveButton)


        self.editLayout.addLayout(self.editButtons)

        self.pages.addWidget(self.editPage)

        self.rootLayout.addWidget(self.pages)


        self.retranslateUi(AccountsDialog)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(AccountsDialog)
    # setupUi

    def retranslateUi(self, AccountsDialog):
        AccountsDialog.setWindowTitle(QCoreApplication.translate("AccountsDialog", u"Accounts", None))
        self.listTitle.setProperty(u"role", QCoreApplication.translate("AccountsDialog", u"section", None))
        self.listTitle.setText(QCoreApplication.translate("AccountsDialog", u"CHANNELS THE APP READS", None))
#if QT_CONFIG(accessibility)
        self.accountList.setAccessibleName(QCoreApplication.translate("AccountsDialog", u"Accounts", None))
#endif // QT_CONFIG(accessibility)
        self.addButton.setText(QCoreApplication.translate("AccountsDialog", u"Add an account", None))
        self.emptyTitle.setProperty(u"role", QCoreApplication.translate("AccountsDialog", u"pageTitle", None))
        self.emptyTitle.setText(QCoreApplication.translate("AccountsDialog", u"Connect your first channel", None))
        self.emptyText.setText(QCoreApplication.translate("AccountsDialog", u"Every account is read in the background and lands in the one queue. Pick what to connect:", None))
        self.detailTitle.setProperty(u"role", QCoreApplication.translate("AccountsDialog", u"pageTitle", None))
        self.detailTitle.setText("")
        self.detailKind.setText("")
        self.healthTitle.setProperty(u"role", QCoreApplication.translate("AccountsDialog", u"section", None))
        self.healthTitle.setText(QCoreApplication.translate("AccountsDialog", u"HEALTH", None))
        self.healthLabel.setText("")
        self.settingsTitle.setProperty(u"role", QCoreApplication.translate("AccountsDialog", u"section", None))
        self.settingsTitle.setText(QCoreApplication.translate("AccountsDialog", u"SETTINGS", None))
        self.configLabel.setText("")
        self.detailResult.setText("")
        self.removeButton.setText(QCoreApplication.translate("AccountsDialog", u"Remove\u2026", None))
        self.enableButton.setText(QCoreApplication.translate("AccountsDialog", u"Switch off", None))
        self.detailTestButton.setText(QCoreApplication.translate("AccountsDialog", u"Test connection", None))
        self.editButton.setText(QCoreApplication.translate("AccountsDialog", u"Edit\u2026", None))
        self.editTitle.setProperty(u"role", QCoreApplication.translate("AccountsDialog", u"pageTitle", None))
        self.editTitle.setText("")
        self.editIntro.setText("")
        self.editResult.setText("")
        self.editTestButton.setText(QCoreApplication.translate("AccountsDialog", u"Test connection", None))
        self.cancelButton.setText(QCoreApplication.translate("AccountsDialog", u"Cancel", None))
        self.saveButton.setText(QCoreApplication.translate("AccountsDialog", u"Save", None))
    # retranslateUi

