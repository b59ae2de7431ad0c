# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'call_import_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDialog,
    QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_CallImportDialog(object):
    def setupUi(self, CallImportDialog):
        if not CallImportDialog.objectName():
            CallImportDialog.setObjectName(u"CallImportDialog")
        CallImportDialog.setMinimumSize(QSize(900, 600))
        self.rootLayout = QVBoxLayout(CallImportDialog)
        self.rootLayout.setSpacing(8)
        self.rootLayout.setObjectName(u"rootLayout")
        self.fileLabel = QLabel(CallImportDialog)
        self.fileLabel.setObjectName(u"fileLabel")
        self.fileLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.fileLabel)

        self.mappingTitle = QLabel(CallImportDialog)
        self.mappingTitle.setObjectName(u"mappingTitle")

        self.rootLayout.addWidget(self.mappingTitle)

        self.mappingGrid = QGridLayout()
        self.mappingGrid.setObjectName(u"mappingGrid")
        self.mappingGrid.setHorizontalSpacing(12)
        self.mappingGrid.setVerticalSpacing(6)

        self.rootLayout.addLayout(self.mappingGrid)

        self.fileTitle = QLabel(CallImportDialog)
        self.fileTitle.setObjectName(u"fileTitle")

        self.rootLayout.addWidget(self.fileTitle)

        self.rawTable = QTableView(CallImportDialog)
        self.rawTable.setObjectName(u"rawTable")
        self.rawTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rawTable.setAlternatingRowColors(True)
        self.rawTable.setMaximumSize(QSize(16777215, 170))

        self.rootLayout.addWidget(self.rawTable)

        self.previewTitle = QLabel(CallImportDialog)
        self.previewTitle.setObjectName(u"previewTitle")

        self.rootLayout.addWidget(self.previewTitle)

        self.previewTable = QTableView(CallImportDialog)
        self.previewTable.setObjectName(u"previewTable")
        self.previewTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.previewTable.setAlternatingRowColors(True)

        self.rootLayout.addWidget(self.previewTable)

        self.resultLabel = QLabel(CallImportDialog)
        self.resultLabel.setObjectName(u"resultLabel")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.rootLayout.addWidget(self.resultLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.lineLabel = QLabel(CallImportDialog)
        self.lineLabel.setObjectName(u"lineLabel")

        self.buttonRow.addWidget(self.lineLabel)

        self.lineCombo = QComboBox(CallImportDialog)
        self.lineCombo.setObjectName(u"lineCombo")
        self.lineCombo.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.buttonRow.addWidget(self.lineCombo)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.closeButton = QPushButton(CallImportDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.closeButton)

        self.importButton = QPushButton(CallImportDialog)
        self.importButton.setObjectName(u"importButton")

        self.buttonRow.addWidget(self.importButton)


        self.rootLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.lineLabel.setBuddy(self.lineCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CallImportDialog)
        self.closeButton.clicked.connect(CallImportDialog.reject)

        self.importButton.setDefault(True)


        QMetaObject.connectSlotsByName(CallImportDialog)
    # setupUi

    def retranslateUi(self, CallImportDialog):
        CallImportDialog.setWindowTitle(QCoreApplication.translate("CallImportDialog", u"Import a call log", None))
        self.fileLabel.setText("")
        self.mappingTitle.setProperty(u"role", QCoreApplication.translate("CallImportDialog", u"section", None))
        self.mappingTitle.setText(QCoreApplication.translate("CallImportDialog", u"WHICH COLUMN HOLDS WHAT", None))
        self.fileTitle.setProperty(u"role", QCoreApplication.translate("CallImportDialog", u"section", None))
        self.fileTitle.setText(QCoreApplication.translate("CallImportDialog", u"THE FILE", None))
#if QT_CONFIG(accessibility)
        self.rawTable.setAccessibleName(QCoreApplication.translate("CallImportDialog", u"The file", None))
#endif // QT_CONFIG(accessibility)
        self.previewTitle.setProperty(u"role", QCoreApplication.translate("CallImportDialog", u"section", None))
        self.previewTitle.setText(QCoreApplication.translate("CallImportDialog", u"HOW IT WILL BE READ", None))
#if QT_CONFIG(accessibility)
        self.previewTable.setAccessibleName(QCoreApplication.translate("CallImportDialog", u"How it will be read", None))
#endif // QT_CONFIG(accessibility)
        self.resultLabel.setText("")
        self.lineLabel.setText(QCoreApplication.translate("CallImportDialog", u"&Phone line", None))
        self.closeButton.setText(QCoreApplication.translate("CallImportDialog", u"Cancel", None))
        self.importButton.setText(QCoreApplication.translate("CallImportDialog", u"Import", None))
    # retranslateUi

