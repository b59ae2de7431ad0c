# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'customer_merge_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QLabel, QLineEdit, QListView,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_CustomerMergeDialog(object):
    def setupUi(self, CustomerMergeDialog):
        if not CustomerMergeDialog.objectName():
            CustomerMergeDialog.setObjectName(u"CustomerMergeDialog")
        CustomerMergeDialog.setMinimumSize(QSize(560, 460))
        self.rootLayout = QVBoxLayout(CustomerMergeDialog)
        self.rootLayout.setSpacing(8)
        self.rootLayout.setObjectName(u"rootLayout")
        self.introLabel = QLabel(CustomerMergeDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)
        self.introLabel.setTextFormat(Qt.RichText)

        self.rootLayout.addWidget(self.introLabel)

        self.searchEdit = QLineEdit(CustomerMergeDialog)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.rootLayout.addWidget(self.searchEdit)

        self.customerList = QListView(CustomerMergeDialog)
        self.customerList.setObjectName(u"customerList")
        self.customerList.setEditTriggers(QAbstractItemView.NoEditTriggers)

        self.rootLayout.addWidget(self.customerList)

        self.detailLabel = QLabel(CustomerMergeDialog)
        self.detailLabel.setObjectName(u"detailLabel")
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextFormat(Qt.RichText)
        self.detailLabel.setMinimumSize(QSize(0, 40))

        self.rootLayout.addWidget(self.detailLabel)

        self.undoLabel = QLabel(CustomerMergeDialog)
        self.undoLabel.setObjectName(u"undoLabel")
        self.undoLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.undoLabel)

        self.buttonBox = QDialogButtonBox(CustomerMergeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.rootLayout.addWidget(self.buttonBox)


        self.retranslateUi(CustomerMergeDialog)
        self.buttonBox.rejected.connect(CustomerMergeDialog.reject)

        QMetaObject.connectSlotsByName(CustomerMergeDialog)
    # setupUi

    def retranslateUi(self, CustomerMergeDialog):
        CustomerMergeDialog.setWindowTitle(QCoreApplication.translate("CustomerMergeDialog", u"Merge customers", None))
        self.introLabel.setText("")
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("CustomerMergeDialog", u"Find the other customer", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("CustomerMergeDialog", u"Find the other customer: name, email, phone or handle", None))
#if QT_CONFIG(accessibility)
        self.customerList.setAccessibleName(QCoreApplication.translate("CustomerMergeDialog", u"Customers found", None))
#endif // QT_CONFIG(accessibility)
        self.detailLabel.setText("")
        self.undoLabel.setText(QCoreApplication.translate("CustomerMergeDialog", u"Everything of the other customer (identities, messages, conversations, notes, tags) moves over. Ctrl+Z undoes it until you close the window.", None))
    # retranslateUi

