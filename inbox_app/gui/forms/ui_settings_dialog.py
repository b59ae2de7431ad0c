# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QTabWidget, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.setMinimumSize(QSize(620, 460))
        self.rootLayout = QVBoxLayout(SettingsDialog)
        self.rootLayout.setSpacing(10)
        self.rootLayout.setObjectName(u"rootLayout")
        self.tabs = QTabWidget(SettingsDialog)
        self.tabs.setObjectName(u"tabs")
        self.businessTab = QWidget()
        self.businessTab.setObjectName(u"businessTab")
        self.businessForm = QFormLayout(self.businessTab)
        self.businessForm.setObjectName(u"businessForm")
        self.businessForm.setVerticalSpacing(10)
        self.businessLabel = QLabel(self.businessTab)
        self.businessLabel.setObjectName(u"businessLabel")

        self.businessForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.businessLabel)

        self.businessEdit = QLineEdit(self.businessTab)
        self.businessEdit.setObjectName(u"businessEdit")

        self.businessForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.businessEdit)

        self.businessHint = QLabel(self.businessTab)
        self.businessHint.setObjectName(u"businessHint")

        self.businessForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.businessHint)

        self.brandLabel = QLabel(self.businessTab)
        self.brandLabel.setObjectName(u"brandLabel")

        self.businessForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.brandLabel)

        self.brandEdit = QLineEdit(self.businessTab)
        self.brandEdit.setObjectName(u"brandEdit")

        self.businessForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.brandEdit)

        self.competitorLabel = QLabel(self.businessTab)
        self.competitorLabel.setObjectName(u"competitorLabel")

        self.businessForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.competitorLabel)

        self.competitorEdit = QLineEdit(self.businessTab)
        self.competitorEdit.setObjectName(u"competitorEdit")

        self.businessForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.competitorEdit)

        self.termsHint = QLabel(self.businessTab)
        self.termsHint.setObjectName(u"termsHint")
        self.termsHint.setWordWrap(True)

        self.businessForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.termsHint)

        self.regionLabel = QLabel(self.businessTab)
        self.regionLabel.setObjectName(u"regionLabel")

        self.businessForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.regionLabel)

        self.regionCombo = QComboBox(self.businessTab)
        self.regionCombo.setObjectName(u"regionCombo")

        self.businessForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.regionCombo)

        self.regionHint = QLabel(self.businessTab)
        self.regionHint.setObjectName(u"regionHint")
        self.regionHint.setWordWrap(True)

        self.businessForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.regionHint)

        self.currencyLabel = QLabel(self.businessTab)
        self.currencyLabel.setObjectName(u"currencyLabel")

        self.businessForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.currencyLabel)

        self.currencyEdit = QLineEdit(self.businessTab)
        self.currencyEdit.setObjectName(u"currencyEdit")
        self.currencyEdit.setMaxLength(5)
        self.currencyEdit.setMaximumSize(QSize(90, 16777215))

        self.businessForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.currencyEdit)

        self.currencyHint = QLabel(self.businessTab)
        self.currencyHint.setObjectName(u"currencyHint")
        self.currencyHint.setWordWrap(True)

        self.businessForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.currencyHint)

        self.signatureLabel = QLabel(self.businessTab)
        self.signatureLabel.setObjectName(u"signatureLabel")

        self.businessForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.signatureLabel)

        self.signatureEdit = QPlainTextEdit(self.businessTab)
        self.signatureEdit.setObjectName(u"signatureEdit")
        self.signatureEdit.setMaximumSize(QSize(16777215, 76))
        self.signatureEdit.setTabChangesFocus(True)

        self.businessForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.signatureEdit)

        self.signatureHint = QLabel(self.businessTab)
        self.signatureHint.setObjectName(u"signatureHint")
        self.signatureHint.setWordWrap(True)

        self.businessForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.signatureHint)

        self.tabs.addTab(self.businessTab, "")
        self.staffTab = QWidget()
        self.staffTab.setObjectName(u"staffTab")
        self.staffLayout = QVBoxLayout(self.staffTab)
        self.staffLayout.setObjectName(u"staffLayout")
        self.staffHint = QLabel(self.staffTab)
        self.staffHint.setObjectName(u"staffHint")
        self.staffHint.setWordWrap(True)

        self.staffLayout.addWidget(self.staffHint)

        self.staffList = QListWidget(self.staffTab)
        self.staffList.setObjectName(u"staffList")

        self.staffLayout.addWidget(self.staffList)

        self.staffAddRow = QHBoxLayout()
        self.staffAddRow.setObjectName(u"staffAddRow")
        self.newStaffEdit = QLineEdit(self.staffTab)
        self.newStaffEdit.setObjectName(u"newStaffEdit")

        self.staffAddRow.addWidget(self.newStaffEdit)

        self.addStaffButton = QPushButton(self.staffTab)
        self.addStaffButton.setObjectName(u"addStaffButton")
        self.addStaffButton.setAutoDefault(False)

        self.staffAddRow.addWidget(self.addStaffButton)


        self.staffLayout.addLayout(self.staffAddRow)

        self.tabs.addTab(self.staffTab, "")
        self.checkingTab = QWidget()
        self.checkingTab.setObjectName(u"checkingTab")
        self.checkingForm = QFormLayout(self.checkingTab)
        self.checkingForm.setObjectName(u"checkingForm")
        self.checkingForm.setVerticalSpacing(10)
        self.intervalLabel = QLabel(self.checkingTab)
        self.intervalLabel.setObjectName(u"intervalLabel")

        self.checkingForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.intervalLabel)

        self.intervalSpin = QSpinBox(self.checkingTab)
        self.intervalSpin.setObjectName(u"intervalSpin")
        self.intervalSpin.setMinimum(1)
        self.intervalSpin.setMaximum(1440)
        self.intervalSpin.setValue(5)

        self.checkingForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.intervalSpin)

        self.intervalHint = QLabel(self.checkingTab)
        self.intervalHint.setObjectName(u"intervalHint")
        self.intervalHint.setWordWrap(True)

        self.checkingForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.intervalHint)

        self.negativeCheck = QCheckBox(self.checkingTab)
        self.negativeCheck.setObjectName(u"negativeCheck")

        self.checkingForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.negativeCheck)

        self.dueCheck = QCheckBox(self.checkingTab)
        self.dueCheck.setObjectName(u"dueCheck")

        self.checkingForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dueCheck)

        self.mentionsCheck = QCheckBox(self.checkingTab)
        self.mentionsCheck.setObjectName(u"mentionsCheck")

        self.checkingForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.mentionsCheck)

        self.trayCheck = QCheckBox(self.checkingTab)
        self.trayCheck.setObjectName(u"trayCheck")

        self.checkingForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.trayCheck)

        self.undoSendLabel = QLabel(self.checkingTab)
        self.undoSendLabel.setObjectName(u"undoSendLabel")

        self.checkingForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.undoSendLabel)

        self.undoSendCombo = QComboBox(self.checkingTab)
        self.undoSendCombo.setObjectName(u"undoSendCombo")

        self.checkingForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.undoSendCombo)

        self.undoSendHint = QLabel(self.checkingTab)
        self.undoSendHint.setObjectName(u"undoSendHint")
        self.undoSendHint.setWordWrap(True)

        self.checkingForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.undoSendHint)

        self.tabs.addTab(self.checkingTab, "")
        self.appearanceTab = QWidget()
        self.appearanceTab.setObjectName(u"appearanceTab")
        self.appearanceForm = QFormLayout(self.appearanceTab)
        self.appearanceForm.setObjectName(u"appearanceForm")
        self.themeLabel = QLabel(self.appearanceTab)
        self.themeLabel.setObjectName(u"themeLabel")

        self.appearanceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.themeLabel)

        self.themeCombo = QComboBox(self.appearanceTab)
        self.themeCombo.setObjectName(u"themeCombo")

        self.appearanceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.themeCombo)

        self.tabs.addTab(self.appearanceTab, "")
        self.dataTab = QWidget()
        self.dataTab.setObjectName(u"dataTab")
        self.dataLayout = QVBoxLayout(self.dataTab)
        self.dataLayout.setSpacing(8)
        self.dataLayout.setObjectName(u"dataLayout")
        self.locationTitle = QLabel(self.dataTab)
        self.locationTitle.setObjectName(u"locationTitle")

        self.dataLayout.addWidget(self.locationTitle)

        self.locationLabel = QLabel(self.dataTab)
        self.locationLabel.setObjectName(u"locationLabel")
        self.locationLabel.setWordWrap(True)
        self.locationLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.dataLayout.addWidget(self.locationLabel)

        self.backupLabel = QLabel(self.dataTab)
        self.backupLabel.setObjectName(u"backupLabel")
        self.backupLabel.setWordWrap(True)

        self.dataLayout.addWidget(self.backupLabel)

        self.dataButtons = QHBoxLayout()
        self.dataButtons.setObjectName(u"dataButtons")
        self.backupButton = QPushButton(self.dataTab)
        self.backupButton.setObjectName(u"backupButton")
        self.backupButton.setAutoDefault(False)

        self.dataButtons.addWidget(self.backupButton)

        self.openFolderButton = QPushButton(self.dataTab)
        self.openFolderButton.setObjectName(u"openFolderButton")
        self.openFolderButton.setAutoDefault(False)

        self.dataButtons.addWidget(self.openFolderButton)

        self.dataSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dataButtons.addItem(self.dataSpacer)


        self.dataLayout.addLayout(self.dataButtons)

        self.dataHint = QLabel(self.dataTab)
        self.dataHint.setObjectName(u"dataHint")
        self.dataHint.setWordWrap(True)

        self.dataLayout.addWidget(self.dataHint)

        self.dataBottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dataLayout.addItem(self.dataBottom)

        self.tabs.addTab(self.dataTab, "")

        self.rootLayout.addWidget(self.tabs)

        self.problemLabel = QLabel(SettingsDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.problemLabel)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.rootLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.businessLabel.setBuddy(self.businessEdit)
        self.brandLabel.setBuddy(self.brandEdit)
        self.competitorLabel.setBuddy(self.competitorEdit)
        self.regionLabel.setBuddy(self.regionCombo)
        self.currencyLabel.setBuddy(self.currencyEdit)
        self.signatureLabel.setBuddy(self.signatureEdit)
        self.intervalLabel.setBuddy(self.intervalSpin)
        self.undoSendLabel.setBuddy(self.undoSendCombo)
        self.themeLabel.setBuddy(self.themeCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)
        self.buttonBox.rejected.connect(SettingsDialog.reject)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.businessLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Business name", None))
        self.businessEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. Harbour Lane Coffee", None))
        self.businessHint.setText(QCoreApplication.translate("SettingsDialog", u"Templates fill it in for {business}.", None))
        self.businessHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.brandLabel.setText(QCoreApplication.translate("SettingsDialog", u"B&rand terms", None))
        self.brandEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"your name, product names, your @handle \u2014 comma-separated", None))
        self.competitorLabel.setText(QCoreApplication.translate("SettingsDialog", u"C&ompetitor terms", None))
        self.competitorEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"competitors to keep an eye on \u2014 comma-separated", None))
        self.termsHint.setText(QCoreApplication.translate("SettingsDialog", u"Messages naming them are labelled as brand or competitor mentions; Insights shows your share of the conversation.", None))
        self.termsHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.regionLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Phone region", None))
        self.regionHint.setText(QCoreApplication.translate("SettingsDialog", u"Numbers written without a country code are read as this region's.", None))
        self.regionHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.currencyLabel.setText(QCoreApplication.translate("SettingsDialog", u"C&urrency", None))
        self.currencyEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. \u20ac", None))
        self.currencyHint.setText(QCoreApplication.translate("SettingsDialog", u"Shown with customers' value in the window and the monthly summary: a sign such as \u20ac or a code such as CHF.", None))
        self.currencyHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.signatureLabel.setText(QCoreApplication.translate("SettingsDialog", u"Email si&gnature", None))
        self.signatureEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. {staff_name}\n"
"{business}", None))
        self.signatureHint.setText(QCoreApplication.translate("SettingsDialog", u"Added under every email reply. {staff} is the sender's first name, {staff_name} their full name, {business} the business name; a line whose placeholder has no value is left out.", None))
        self.signatureHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.tabs.setTabText(self.tabs.indexOf(self.businessTab), QCoreApplication.translate("SettingsDialog", u"Business", None))
        self.staffHint.setText(QCoreApplication.translate("SettingsDialog", u"The people who work the inbox. Someone who leaves is switched off: their history stays.", None))
#if QT_CONFIG(accessibility)
        self.staffList.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Staff", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newStaffEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Name of someone new", None))
#endif // QT_CONFIG(accessibility)
        self.newStaffEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Name of someone new", None))
        self.addStaffButton.setText(QCoreApplication.translate("SettingsDialog", u"Add", None))
        self.tabs.setTabText(self.tabs.indexOf(self.staffTab), QCoreApplication.translate("SettingsDialog", u"Staff", None))
        self.intervalLabel.setText(QCoreApplication.translate("SettingsDialog", u"Check accounts &every", None))
        self.intervalSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min", None))
        self.intervalHint.setText(QCoreApplication.translate("SettingsDialog", u"Accounts that use the default follow; F5 checks everything now.", None))
        self.intervalHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.negativeCheck.setText(QCoreApplication.translate("SettingsDialog", u"Tell me about new negative messages", None))
        self.dueCheck.setText(QCoreApplication.translate("SettingsDialog", u"Tell me when my follow-ups fall due", None))
        self.mentionsCheck.setText(QCoreApplication.translate("SettingsDialog", u"Tell me when a colleague mentions me in a note (@name)", None))
        self.trayCheck.setText(QCoreApplication.translate("SettingsDialog", u"Show the unread count in the system tray", None))
        self.undoSendLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Undo send", None))
        self.undoSendHint.setText(QCoreApplication.translate("SettingsDialog", u"A reply waits this long after Send before it goes out, so it can be taken back.", None))
        self.undoSendHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.tabs.setTabText(self.tabs.indexOf(self.checkingTab), QCoreApplication.translate("SettingsDialog", u"Checking && notifications", None))
        self.themeLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Theme", None))
        self.tabs.setTabText(self.tabs.indexOf(self.appearanceTab), QCoreApplication.translate("SettingsDialog", u"Appearance", None))
        self.locationTitle.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"section", None))
        self.locationTitle.setText(QCoreApplication.translate("SettingsDialog", u"THE STORE", None))
        self.locationLabel.setText("")
        self.backupLabel.setText("")
        self.backupButton.setText(QCoreApplication.translate("SettingsDialog", u"Back up now", None))
        self.openFolderButton.setText(QCoreApplication.translate("SettingsDialog", u"Open data folder", None))
        self.dataHint.setText(QCoreApplication.translate("SettingsDialog", u"A backup is made every day the app runs (the last seven are kept). Account passwords are never in the store or its backups: they live in your system's keyring.", None))
        self.dataHint.setProperty(u"role", QCoreApplication.translate("SettingsDialog", u"hint", None))
        self.tabs.setTabText(self.tabs.indexOf(self.dataTab), QCoreApplication.translate("SettingsDialog", u"Data", None))
        self.problemLabel.setText("")
    # retranslateUi

