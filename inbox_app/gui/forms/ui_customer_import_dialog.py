# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'customer_import_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_CustomerImportDialog(object):
    def setupUi(self, CustomerImportDialog):
        if not CustomerImportDialog.objectName():
            CustomerImportDialog.setObjectName(u"CustomerImportDialog")
        CustomerImportDialog.setMinimumSize(QSize(1000, 600))
        self.rootLayout = QVBoxLayout(CustomerImportDialog)
        self.rootLayout.setSpacing(8)
        self.rootLayout.setObjectName(u"rootLayout")
        self.fileLabel = QLabel(CustomerImportDialog)
        self.fileLabel.setObjectName(u"fileLabel")
        self.fileLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.fileLabel)

        self.mappingTitle = QLabel(CustomerImportDialog)
        self.mappingTitle.setObjectName(u"mappingTitle")

        self.rootLayout.addWidget(self.mappingTitle)

        self.mappingGrid = QGridLayout()
        self.mappingGrid.setObjectName(u"mappingGrid")
        self.mappingGrid.setHorizontalSpacing(12)
        self.mappingGrid.setVerticalSpacing(6)

        self.rootLayout.addLayout(self.mappingGrid)

        self.fileTitle = QLabel(CustomerImportDialog)
        self.fileTitle.setObjectName(u"fileTitle")

        self.rootLayout.addWidget(self.fileTitle)

        self.rawTable = QTableView(CustomerImportDialog)
        self.rawTable.setObjectName(u"rawTable")
        self.rawTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rawTable.setAlternatingRowColors(True)
        self.rawTable.setMaximumSize(QSize(16777215, 170))
        self.rawTable.verticalHeader().setVisible(False)

        self.rootLayout.addWidget(self.rawTable)

        self.previewTitle = QLabel(CustomerImportDialog)
        self.previewTitle.setObjectName(u"previewTitle")

        self.rootLayout.addWidget(self.previewTitle)

        self.previewTable = QTableView(CustomerImportDialog)
        self.previewTable.setObjectName(u"previewTable")
        self.previewTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.previewTable.setAlternatingRowColors(True)
        self.previewTable.verticalHeader().setVisible(False)

        self.rootLayout.addWidget(self.previewTable)

        self.resultLabel = QLabel(CustomerImportDialog)
        self.resultLabel.setObjectName(u"resultLabel")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.rootLayout.addWidget(self.resultLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.tagsLabel = QLabel(CustomerImportDialog)
        self.tagsLabel.setObjectName(u"tagsLabel")

        self.buttonRow.addWidget(self.tagsLabel)

        self.tagsEdit = QLineEdit(CustomerImportDialog)
        self.tagsEdit.setObjectName(u"tagsEdit")
        self.tagsEdit.setMinimumSize(QSize(220, 0))

        self.buttonRow.addWidget(self.tagsEdit)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.closeButton = QPushButton(CustomerImportDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.closeButton)

        self.importButton = QPushButton(CustomerImportDialog)
        self.importButton.setObjectName(u"importButton")

        self.buttonRow.addWidget(self.importButton)


        self.rootLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.tagsLabel.setBuddy(self.tagsEdit)
        self.tagsLabel.setBuddy(self.tagsEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CustomerImportDialog)
        self.closeButton.clicked.connect(CustomerImportDialog.reject)

        self.importButton.setDefault(True)


        QMetaObject.connectSlotsByName(CustomerImportDialog)
    # setupUi

    def retranslateUi(self, CustomerImportDialog):
        CustomerImportDialog.setWindowTitle(QCoreApplication.translate("CustomerImportDialog", u"Import a customer list", None))
        self.fileLabel.setText("")
        self.mappingTitle.setProperty(u"role", QCoreApplication.translate("CustomerImportDialog", u"section", None))
        self.mappingTitle.setText(QCoreApplication.translate("CustomerImportDialog", u"WHICH COLUMN HOLDS WHAT", None))
        self.fileTitle.setProperty(u"role", QCoreApplication.translate("CustomerImportDialog", u"section", None))
        self.fileTitle.setText(QCoreApplication.translate("CustomerImportDialog", u"THE FILE", None))
#if QT_CONFIG(accessibility)
        self.rawTable.setAccessibleName(QCoreApplication.translate("CustomerImportDialog", u"The file", None))
#endif // QT_CONFIG(accessibility)
        self.previewTitle.setProperty(u"role", QCoreApplication.translate("CustomerImportDialog", u"section", None))
        self.previewTitle.setText(QCoreApplication.translate("CustomerImportDialog", u"HOW IT WILL BE READ", None))
#if QT_CONFIG(accessibility)
        self.previewTable.setAccessibleName(QCoreApplication.translate("CustomerImportDialog", u"How it will be read", None))
#endif // QT_CONFIG(accessibility)
        self.resultLabel.setText("")
        self.tagsLabel.setText(QCoreApplication.translate("CustomerImportDialog", u"&Tag everyone in this list", None))
        self.tagsEdit.setPlaceholderText(QCoreApplication.translate("CustomerImportDialog", u"optional, e.g. shopify", None))
#if QT_CONFIG(tooltip)
        self.tagsEdit.setToolTip(QCoreApplication.translate("CustomerImportDialog", u"Tags added to every customer in the list (separate several with commas); tags are added, never taken away.", None))
#endif // QT_CONFIG(tooltip)
        self.closeButton.setText(QCoreApplication.translate("CustomerImportDialog", u"Cancel", None))
        self.importButton.setText(QCoreApplication.translate("CustomerImportDialog", u"Import", None))
    # retranslateUi

