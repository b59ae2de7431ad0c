# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'templates_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout,
    QLabel, QLineEdit, QListView, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_TemplatesDialog(object):
    def setupUi(self, TemplatesDialog):
        if not TemplatesDialog.objectName():
            TemplatesDialog.setObjectName(u"TemplatesDialog")
        TemplatesDialog.setMinimumSize(QSize(760, 480))
        self.rootLayout = QHBoxLayout(TemplatesDialog)
        self.rootLayout.setSpacing(14)
        self.rootLayout.setObjectName(u"rootLayout")
        self.listColumn = QVBoxLayout()
        self.listColumn.setSpacing(8)
        self.listColumn.setObjectName(u"listColumn")
        self.filterEdit = QLineEdit(TemplatesDialog)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.listColumn.addWidget(self.filterEdit)

        self.templateList = QListView(TemplatesDialog)
        self.templateList.setObjectName(u"templateList")
        self.templateList.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.templateList.setTextElideMode(Qt.ElideRight)
        self.templateList.setMinimumSize(QSize(220, 0))
        self.templateList.setEditTriggers(QAbstractItemView.NoEditTriggers)

        self.listColumn.addWidget(self.templateList)

        self.listButtons = QHBoxLayout()
        self.listButtons.setObjectName(u"listButtons")
        self.newButton = QPushButton(TemplatesDialog)
        self.newButton.setObjectName(u"newButton")
        self.newButton.setAutoDefault(False)

        self.listButtons.addWidget(self.newButton)

        self.deleteButton = QPushButton(TemplatesDialog)
        self.deleteButton.setObjectName(u"deleteButton")
        self.deleteButton.setAutoDefault(False)

        self.listButtons.addWidget(self.deleteButton)


        self.listColumn.addLayout(self.listButtons)


        self.rootLayout.addLayout(self.listColumn)

        self.editColumn = QVBoxLayout()
        self.editColumn.setSpacing(8)
        self.editColumn.setObjectName(u"editColumn")
        self.nameLabel = QLabel(TemplatesDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.editColumn.addWidget(self.nameLabel)

        self.nameEdit = QLineEdit(TemplatesDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.editColumn.addWidget(self.nameEdit)

        self.bodyLabel = QLabel(TemplatesDialog)
        self.bodyLabel.setObjectName(u"bodyLabel")

        self.editColumn.addWidget(self.bodyLabel)

        self.bodyEdit = QPlainTextEdit(TemplatesDialog)
        self.bodyEdit.setObjectName(u"bodyEdit")
        self.bodyEdit.setTabChangesFocus(True)

        self.editColumn.addWidget(self.bodyEdit)

        self.placeholderRow = QHBoxLayout()
        self.placeholderRow.setSpacing(4)
        self.placeholderRow.setObjectName(u"placeholderRow")
        self.placeholderLabel = QLabel(TemplatesDialog)
        self.placeholderLabel.setObjectName(u"placeholderLabel")

        self.placeholderRow.addWidget(self.placeholderLabel)

        self.placeholderSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.placeholderRow.addItem(self.placeholderSpacer)


        self.editColumn.addLayout(self.placeholderRow)

        self.previewTitle = QLabel(TemplatesDialog)
        self.previewTitle.setObjectName(u"previewTitle")

        self.editColumn.addWidget(self.previewTitle)

        self.previewLabel = QLabel(TemplatesDialog)
        self.previewLabel.setObjectName(u"previewLabel")
        self.previewLabel.setTextFormat(Qt.RichText)
        self.previewLabel.setWordWrap(True)
        self.previewLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.previewLabel.setMinimumSize(QSize(0, 60))
        self.previewLabel.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.editColumn.addWidget(self.previewLabel)

        self.problemLabel = QLabel(TemplatesDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setWordWrap(True)

        self.editColumn.addWidget(self.problemLabel)

        self.saveRow = QHBoxLayout()
        self.saveRow.setObjectName(u"saveRow")
        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveRow.addItem(self.saveSpacer)

        self.closeButton = QPushButton(TemplatesDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.saveRow.addWidget(self.closeButton)

        self.saveButton = QPushButton(TemplatesDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.saveRow.addWidget(self.saveButton)


        self.editColumn.addLayout(self.saveRow)


        self.rootLayout.addLayout(self.editColumn)

        self.rootLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.bodyLabel.setBuddy(self.bodyEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TemplatesDialog)
        self.closeButton.clicked.connect(TemplatesDialog.accept)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(TemplatesDialog)
    # setupUi

    def retranslateUi(self, TemplatesDialog):
        TemplatesDialog.setWindowTitle(QCoreApplication.translate("TemplatesDialog", u"Templates", None))
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleName(QCoreApplication.translate("TemplatesDialog", u"Filter templates", None))
#endif // QT_CONFIG(accessibility)
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("TemplatesDialog", u"Filter templates", None))
#if QT_CONFIG(accessibility)
        self.templateList.setAccessibleName(QCoreApplication.translate("TemplatesDialog", u"Templates", None))
#endif // QT_CONFIG(accessibility)
        self.newButton.setText(QCoreApplication.translate("TemplatesDialog", u"New template", None))
        self.deleteButton.setText(QCoreApplication.translate("TemplatesDialog", u"Delete", None))
        self.nameLabel.setText(QCoreApplication.translate("TemplatesDialog", u"&Name (what you type to find it)", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("TemplatesDialog", u"e.g. Order on its way", None))
        self.bodyLabel.setText(QCoreApplication.translate("TemplatesDialog", u"Te&xt", None))
        self.bodyEdit.setPlaceholderText(QCoreApplication.translate("TemplatesDialog", u"Hi {first_name}, thanks for getting in touch\u2026", None))
        self.placeholderLabel.setText(QCoreApplication.translate("TemplatesDialog", u"Insert:", None))
        self.previewTitle.setProperty(u"role", QCoreApplication.translate("TemplatesDialog", u"section", None))
        self.previewTitle.setText(QCoreApplication.translate("TemplatesDialog", u"PREVIEW", None))
        self.previewLabel.setText("")
        self.problemLabel.setText("")
        self.closeButton.setText(QCoreApplication.translate("TemplatesDialog", u"Close", None))
        self.saveButton.setText(QCoreApplication.translate("TemplatesDialog", u"Save template", None))
    # retranslateUi

