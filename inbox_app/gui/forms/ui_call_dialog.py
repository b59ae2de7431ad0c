# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'call_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateTimeEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QRadioButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_CallDialog(object):
    def setupUi(self, CallDialog):
        if not CallDialog.objectName():
            CallDialog.setObjectName(u"CallDialog")
        CallDialog.setMinimumSize(QSize(520, 0))
        self.rootLayout = QVBoxLayout(CallDialog)
        self.rootLayout.setSpacing(10)
        self.rootLayout.setObjectName(u"rootLayout")
        self.callForm = QFormLayout()
        self.callForm.setObjectName(u"callForm")
        self.callForm.setVerticalSpacing(8)
        self.callForm.setHorizontalSpacing(12)
        self.numberLabel = QLabel(CallDialog)
        self.numberLabel.setObjectName(u"numberLabel")

        self.callForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.numberLabel)

        self.numberEdit = QLineEdit(CallDialog)
        self.numberEdit.setObjectName(u"numberEdit")

        self.callForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.numberEdit)

        self.matchLabel = QLabel(CallDialog)
        self.matchLabel.setObjectName(u"matchLabel")
        self.matchLabel.setWordWrap(True)
        self.matchLabel.setTextFormat(Qt.RichText)

        self.callForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.matchLabel)

        self.nameLabel = QLabel(CallDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.callForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(CallDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.callForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.directionLabel = QLabel(CallDialog)
        self.directionLabel.setObjectName(u"directionLabel")

        self.callForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.directionLabel)

        self.directionRow = QHBoxLayout()
        self.directionRow.setObjectName(u"directionRow")
        self.inboundRadio = QRadioButton(CallDialog)
        self.inboundRadio.setObjectName(u"inboundRadio")
        self.inboundRadio.setChecked(True)

        self.directionRow.addWidget(self.inboundRadio)

        self.outboundRadio = QRadioButton(CallDialog)
        self.outboundRadio.setObjectName(u"outboundRadio")

        self.directionRow.addWidget(self.outboundRadio)

        self.directionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.directionRow.addItem(self.directionSpacer)


        self.callForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.directionRow)

        self.statusLabel = QLabel(CallDialog)
        self.statusLabel.setObjectName(u"statusLabel")

        self.callForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(CallDialog)
        self.statusCombo.setObjectName(u"statusCombo")

        self.callForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.whenLabel = QLabel(CallDialog)
        self.whenLabel.setObjectName(u"whenLabel")

        self.callForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.whenLabel)

        self.whenEdit = QDateTimeEdit(CallDialog)
        self.whenEdit.setObjectName(u"whenEdit")
        self.whenEdit.setCalendarPopup(True)

        self.callForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.whenEdit)

        self.durationLabel = QLabel(CallDialog)
        self.durationLabel.setObjectName(u"durationLabel")

        self.callForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.durationLabel)

        self.durationEdit = QLineEdit(CallDialog)
        self.durationEdit.setObjectName(u"durationEdit")

        self.callForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.durationEdit)

        self.summaryLabel = QLabel(CallDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.callForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(CallDialog)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)
        self.summaryEdit.setMaximumSize(QSize(16777215, 110))

        self.callForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.summaryEdit)

        self.lineLabel = QLabel(CallDialog)
        self.lineLabel.setObjectName(u"lineLabel")

        self.callForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.lineLabel)

        self.lineCombo = QComboBox(CallDialog)
        self.lineCombo.setObjectName(u"lineCombo")

        self.callForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.lineCombo)


        self.rootLayout.addLayout(self.callForm)

        self.problemLabel = QLabel(CallDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.problemLabel)

        self.buttonBox = QDialogButtonBox(CallDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.rootLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.numberLabel.setBuddy(self.numberEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.directionLabel.setBuddy(self.inboundRadio)
        self.statusLabel.setBuddy(self.statusCombo)
        self.whenLabel.setBuddy(self.whenEdit)
        self.durationLabel.setBuddy(self.durationEdit)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.lineLabel.setBuddy(self.lineCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CallDialog)

        QMetaObject.connectSlotsByName(CallDialog)
    # setupUi

    def retranslateUi(self, CallDialog):
        CallDialog.setWindowTitle(QCoreApplication.translate("CallDialog", u"Log a call", None))
        self.numberLabel.setText(QCoreApplication.translate("CallDialog", u"&Number", None))
        self.numberEdit.setPlaceholderText(QCoreApplication.translate("CallDialog", u"as the caller ID showed it", None))
        self.matchLabel.setText("")
        self.nameLabel.setText(QCoreApplication.translate("CallDialog", u"Na&me", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("CallDialog", u"who was on the line (optional)", None))
        self.directionLabel.setText(QCoreApplication.translate("CallDialog", u"Ca&ll", None))
        self.inboundRadio.setText(QCoreApplication.translate("CallDialog", u"They called us", None))
        self.outboundRadio.setText(QCoreApplication.translate("CallDialog", u"We called them", None))
        self.statusLabel.setText(QCoreApplication.translate("CallDialog", u"&Outcome", None))
        self.whenLabel.setText(QCoreApplication.translate("CallDialog", u"&When", None))
        self.whenEdit.setDisplayFormat(QCoreApplication.translate("CallDialog", u"ddd d MMM yyyy  HH:mm", None))
        self.durationLabel.setText(QCoreApplication.translate("CallDialog", u"&Duration", None))
        self.durationEdit.setPlaceholderText(QCoreApplication.translate("CallDialog", u"e.g. 4:30, 5 min or 1h 10m (optional)", None))
        self.summaryLabel.setText(QCoreApplication.translate("CallDialog", u"&Summary", None))
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("CallDialog", u"What was it about? What was promised?", None))
        self.lineLabel.setText(QCoreApplication.translate("CallDialog", u"&Phone line", None))
        self.problemLabel.setText("")
    # retranslateUi

