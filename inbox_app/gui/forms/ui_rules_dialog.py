# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'rules_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDialog, QFormLayout, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QListView, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_RulesDialog(object):
    def setupUi(self, RulesDialog):
        if not RulesDialog.objectName():
            RulesDialog.setObjectName(u"RulesDialog")
        RulesDialog.setMinimumSize(QSize(820, 540))
        self.rootLayout = QHBoxLayout(RulesDialog)
        self.rootLayout.setSpacing(16)
        self.rootLayout.setObjectName(u"rootLayout")
        self.listColumn = QVBoxLayout()
        self.listColumn.setSpacing(8)
        self.listColumn.setObjectName(u"listColumn")
        self.listTitle = QLabel(RulesDialog)
        self.listTitle.setObjectName(u"listTitle")

        self.listColumn.addWidget(self.listTitle)

        self.ruleList = QListView(RulesDialog)
        self.ruleList.setObjectName(u"ruleList")
        self.ruleList.setMinimumSize(QSize(240, 0))
        self.ruleList.setMaximumSize(QSize(300, 16777215))
        self.ruleList.setEditTriggers(QAbstractItemView.NoEditTriggers)

        self.listColumn.addWidget(self.ruleList)

        self.orderHint = QLabel(RulesDialog)
        self.orderHint.setObjectName(u"orderHint")
        self.orderHint.setWordWrap(True)
        self.orderHint.setMaximumSize(QSize(300, 16777215))

        self.listColumn.addWidget(self.orderHint)

        self.moveButtons = QHBoxLayout()
        self.moveButtons.setObjectName(u"moveButtons")
        self.upButton = QPushButton(RulesDialog)
        self.upButton.setObjectName(u"upButton")
        self.upButton.setAutoDefault(False)

        self.moveButtons.addWidget(self.upButton)

        self.downButton = QPushButton(RulesDialog)
        self.downButton.setObjectName(u"downButton")
        self.downButton.setAutoDefault(False)

        self.moveButtons.addWidget(self.downButton)


        self.listColumn.addLayout(self.moveButtons)

        self.listButtons = QHBoxLayout()
        self.listButtons.setObjectName(u"listButtons")
        self.newButton = QPushButton(RulesDialog)
        self.newButton.setObjectName(u"newButton")
        self.newButton.setAutoDefault(False)

        self.listButtons.addWidget(self.newButton)

        self.deleteButton = QPushButton(RulesDialog)
        self.deleteButton.setObjectName(u"deleteButton")
        self.deleteButton.setAutoDefault(False)

        self.listButtons.addWidget(self.deleteButton)


        self.listColumn.addLayout(self.listButtons)


        self.rootLayout.addLayout(self.listColumn)

        self.editColumn = QVBoxLayout()
        self.editColumn.setSpacing(8)
        self.editColumn.setObjectName(u"editColumn")
        self.emptyBox = QWidget(RulesDialog)
        self.emptyBox.setObjectName(u"emptyBox")
        self.emptyBox.setVisible(False)
        self.emptyLayout = QVBoxLayout(self.emptyBox)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyLayout.setContentsMargins(0, 0, 0, 8)
        self.emptyHint = QLabel(self.emptyBox)
        self.emptyHint.setObjectName(u"emptyHint")
        self.emptyHint.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyHint)


        self.editColumn.addWidget(self.emptyBox)

        self.ruleForm = QFormLayout()
        self.ruleForm.setObjectName(u"ruleForm")
        self.ruleForm.setVerticalSpacing(8)
        self.ruleForm.setHorizontalSpacing(12)
        self.ruleForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.ruleForm.setLabelAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignVCenter)
        self.nameLabel = QLabel(RulesDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.ruleForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(RulesDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(80)

        self.ruleForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.whenGap = QSpacerItem(0, 6, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.ruleForm.setItem(1, QFormLayout.ItemRole.SpanningRole, self.whenGap)

        self.whenTitle = QLabel(RulesDialog)
        self.whenTitle.setObjectName(u"whenTitle")

        self.ruleForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.whenTitle)

        self.channelsLabel = QLabel(RulesDialog)
        self.channelsLabel.setObjectName(u"channelsLabel")

        self.ruleForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.channelsLabel)

        self.channelGrid = QGridLayout()
        self.channelGrid.setObjectName(u"channelGrid")
        self.channelGrid.setHorizontalSpacing(16)
        self.channelGrid.setVerticalSpacing(6)

        self.ruleForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.channelGrid)

        self.channelsHint = QLabel(RulesDialog)
        self.channelsHint.setObjectName(u"channelsHint")

        self.ruleForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.channelsHint)

        self.accountLabel = QLabel(RulesDialog)
        self.accountLabel.setObjectName(u"accountLabel")

        self.ruleForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.accountLabel)

        self.accountCombo = QComboBox(RulesDialog)
        self.accountCombo.setObjectName(u"accountCombo")

        self.ruleForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.accountCombo)

        self.wordsLabel = QLabel(RulesDialog)
        self.wordsLabel.setObjectName(u"wordsLabel")

        self.ruleForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.wordsLabel)

        self.wordsEdit = QLineEdit(RulesDialog)
        self.wordsEdit.setObjectName(u"wordsEdit")
        self.wordsEdit.setClearButtonEnabled(True)

        self.ruleForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.wordsEdit)

        self.wordsHint = QLabel(RulesDialog)
        self.wordsHint.setObjectName(u"wordsHint")

        self.ruleForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.wordsHint)

        self.tagsLabel = QLabel(RulesDialog)
        self.tagsLabel.setObjectName(u"tagsLabel")

        self.ruleForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.tagsLabel)

        self.tagsEdit = QLineEdit(RulesDialog)
        self.tagsEdit.setObjectName(u"tagsEdit")
        self.tagsEdit.setClearButtonEnabled(True)

        self.ruleForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.tagsEdit)

        self.spentLabel = QLabel(RulesDialog)
        self.spentLabel.setObjectName(u"spentLabel")

        self.ruleForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.spentLabel)

        self.spentEdit = QLineEdit(RulesDialog)
        self.spentEdit.setObjectName(u"spentEdit")
        self.spentEdit.setClearButtonEnabled(True)

        self.ruleForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.spentEdit)

        self.negativeCheck = QCheckBox(RulesDialog)
        self.negativeCheck.setObjectName(u"negativeCheck")

        self.ruleForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.negativeCheck)

        self.thenGap = QSpacerItem(0, 6, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.ruleForm.setItem(11, QFormLayout.ItemRole.SpanningRole, self.thenGap)

        self.thenTitle = QLabel(RulesDialog)
        self.thenTitle.setObjectName(u"thenTitle")

        self.ruleForm.setWidget(12, QFormLayout.ItemRole.SpanningRole, self.thenTitle)

        self.assignLabel = QLabel(RulesDialog)
        self.assignLabel.setObjectName(u"assignLabel")

        self.ruleForm.setWidget(13, QFormLayout.ItemRole.LabelRole, self.assignLabel)

        self.assignCombo = QComboBox(RulesDialog)
        self.assignCombo.setObjectName(u"assignCombo")

        self.ruleForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.assignCombo)

        self.assignHint = QLabel(RulesDialog)
        self.assignHint.setObjectName(u"assignHint")

        self.ruleForm.setWidget(14, QFormLayout.ItemRole.FieldRole, self.assignHint)

        self.labelsLabel = QLabel(RulesDialog)
        self.labelsLabel.setObjectName(u"labelsLabel")

        self.ruleForm.setWidget(15, QFormLayout.ItemRole.LabelRole, self.labelsLabel)

        self.labelsEdit = QLineEdit(RulesDialog)
        self.labelsEdit.setObjectName(u"labelsEdit")
        self.labelsEdit.setClearButtonEnabled(True)

        self.ruleForm.setWidget(15, QFormLayout.ItemRole.FieldRole, self.labelsEdit)


        self.editColumn.addLayout(self.ruleForm)

        self.describeGap = QSpacerItem(0, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.editColumn.addItem(self.describeGap)

        self.describeLabel = QLabel(RulesDialog)
        self.describeLabel.setObjectName(u"describeLabel")
        self.describeLabel.setWordWrap(True)
        self.describeLabel.setTextFormat(Qt.PlainText)
        self.describeLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.editColumn.addWidget(self.describeLabel)

        self.previewLabel = QLabel(RulesDialog)
        self.previewLabel.setObjectName(u"previewLabel")
        self.previewLabel.setWordWrap(True)
        self.previewLabel.setTextFormat(Qt.PlainText)

        self.editColumn.addWidget(self.previewLabel)

        self.problemLabel = QLabel(RulesDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setWordWrap(True)
        self.problemLabel.setTextFormat(Qt.PlainText)

        self.editColumn.addWidget(self.problemLabel)

        self.formSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editColumn.addItem(self.formSpacer)

        self.saveRow = QHBoxLayout()
        self.saveRow.setObjectName(u"saveRow")
        self.applyButton = QPushButton(RulesDialog)
        self.applyButton.setObjectName(u"applyButton")
        self.applyButton.setAutoDefault(False)

        self.saveRow.addWidget(self.applyButton)

        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveRow.addItem(self.saveSpacer)

        self.closeButton = QPushButton(RulesDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.saveRow.addWidget(self.closeButton)

        self.saveButton = QPushButton(RulesDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.saveRow.addWidget(self.saveButton)


        self.editColumn.addLayout(self.saveRow)


        self.rootLayout.addLayout(self.editColumn)

        self.rootLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.accountLabel.setBuddy(self.accountCombo)
        self.wordsLabel.setBuddy(self.wordsEdit)
        self.tagsLabel.setBuddy(self.tagsEdit)
        self.spentLabel.setBuddy(self.spentEdit)
        self.assignLabel.setBuddy(self.assignCombo)
        self.labelsLabel.setBuddy(self.labelsEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RulesDialog)
        self.closeButton.clicked.connect(RulesDialog.accept)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(RulesDialog)
    # setupUi

    def retranslateUi(self, RulesDialog):
        RulesDialog.setWindowTitle(QCoreApplication.translate("RulesDialog", u"Rules", None))
        self.listTitle.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"section", None))
        self.listTitle.setText(QCoreApplication.translate("RulesDialog", u"RULES, TRIED IN THIS ORDER", None))
#if QT_CONFIG(accessibility)
        self.ruleList.setAccessibleName(QCoreApplication.translate("RulesDialog", u"Rules, tried in this order", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.ruleList.setToolTip("")
#endif // QT_CONFIG(tooltip)
        self.orderHint.setText(QCoreApplication.translate("RulesDialog", u"Every rule that matches adds its labels; of those that assign, the first one wins. Untick a rule to switch it off.", None))
        self.orderHint.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"hint", None))
        self.upButton.setText(QCoreApplication.translate("RulesDialog", u"Move up", None))
#if QT_CONFIG(tooltip)
        self.upButton.setToolTip(QCoreApplication.translate("RulesDialog", u"Try this rule earlier (Ctrl+Up)", None))
#endif // QT_CONFIG(tooltip)
        self.downButton.setText(QCoreApplication.translate("RulesDialog", u"Move down", None))
#if QT_CONFIG(tooltip)
        self.downButton.setToolTip(QCoreApplication.translate("RulesDialog", u"Try this rule later (Ctrl+Down)", None))
#endif // QT_CONFIG(tooltip)
        self.newButton.setText(QCoreApplication.translate("RulesDialog", u"New rule", None))
        self.deleteButton.setText(QCoreApplication.translate("RulesDialog", u"Delete\u2026", None))
#if QT_CONFIG(tooltip)
        self.deleteButton.setToolTip(QCoreApplication.translate("RulesDialog", u"Delete this rule (Delete)", None))
#endif // QT_CONFIG(tooltip)
        self.emptyHint.setText(QCoreApplication.translate("RulesDialog", u"Rules assign and label new customer messages by themselves. Example: mail mentioning \u201crefund\u201d goes to Priya.", None))
        self.emptyHint.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"hint", None))
        self.nameLabel.setText(QCoreApplication.translate("RulesDialog", u"&Name", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("RulesDialog", u"e.g. Refunds to Priya", None))
        self.whenTitle.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"section", None))
        self.whenTitle.setText(QCoreApplication.translate("RulesDialog", u"WHEN A CUSTOMER WRITES", None))
        self.channelsLabel.setText(QCoreApplication.translate("RulesDialog", u"Channels", None))
        self.channelsHint.setText(QCoreApplication.translate("RulesDialog", u"None ticked: any channel.", None))
        self.channelsHint.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"hint", None))
        self.accountLabel.setText(QCoreApplication.translate("RulesDialog", u"&Account", None))
        self.wordsLabel.setText(QCoreApplication.translate("RulesDialog", u"&Words", None))
        self.wordsEdit.setPlaceholderText(QCoreApplication.translate("RulesDialog", u"e.g. refund, money back", None))
        self.wordsHint.setText(QCoreApplication.translate("RulesDialog", u"Any of them, as whole words or phrases, in any case, in the subject or the text.", None))
        self.wordsHint.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"hint", None))
        self.tagsLabel.setText(QCoreApplication.translate("RulesDialog", u"Customer &tag", None))
        self.tagsEdit.setPlaceholderText(QCoreApplication.translate("RulesDialog", u"e.g. VIP, wholesale \u2014 any of them", None))
        self.spentLabel.setText(QCoreApplication.translate("RulesDialog", u"Has &spent at least", None))
        self.spentEdit.setPlaceholderText(QCoreApplication.translate("RulesDialog", u"e.g. 1,000 \u2014 the customer's value, from your shop's customer list", None))
        self.negativeCheck.setText(QCoreApplication.translate("RulesDialog", u"Only when the message sounds negative", None))
        self.thenTitle.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"section", None))
        self.thenTitle.setText(QCoreApplication.translate("RulesDialog", u"THEN", None))
        self.assignLabel.setText(QCoreApplication.translate("RulesDialog", u"Assign t&o", None))
        self.assignHint.setText(QCoreApplication.translate("RulesDialog", u"Only a conversation nobody has yet: a person's choice stands.", None))
        self.assignHint.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"hint", None))
        self.labelsLabel.setText(QCoreApplication.translate("RulesDialog", u"&Labels", None))
        self.labelsEdit.setPlaceholderText(QCoreApplication.translate("RulesDialog", u"e.g. refund \u2014 comma-separated", None))
        self.describeLabel.setText("")
        self.describeLabel.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"hint", None))
        self.previewLabel.setText("")
        self.previewLabel.setProperty(u"role", QCoreApplication.translate("RulesDialog", u"hint", None))
        self.problemLabel.setText("")
        self.applyButton.setText(QCoreApplication.translate("RulesDialog", u"Apply to open conversations\u2026", None))
#if QT_CONFIG(tooltip)
        self.applyButton.setToolTip(QCoreApplication.translate("RulesDialog", u"Do what this rule does to the open conversations customers wrote to in the last 30 days", None))
#endif // QT_CONFIG(tooltip)
        self.closeButton.setText(QCoreApplication.translate("RulesDialog", u"Close", None))
        self.saveButton.setText(QCoreApplication.translate("RulesDialog", u"Save rule", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("RulesDialog", u"Save this rule (Ctrl+S)", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

