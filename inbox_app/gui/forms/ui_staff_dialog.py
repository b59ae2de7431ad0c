# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'staff_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_StaffDialog(object):
    def setupUi(self, StaffDialog):
        if not StaffDialog.objectName():
            StaffDialog.setObjectName(u"StaffDialog")
        StaffDialog.setMinimumSize(QSize(340, 0))
        self.rootLayout = QVBoxLayout(StaffDialog)
        self.rootLayout.setSpacing(10)
        self.rootLayout.setObjectName(u"rootLayout")
        self.hintLabel = QLabel(StaffDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.hintLabel)

        self.staffList = QListWidget(StaffDialog)
        self.staffList.setObjectName(u"staffList")

        self.rootLayout.addWidget(self.staffList)

        self.newNameEdit = QLineEdit(StaffDialog)
        self.newNameEdit.setObjectName(u"newNameEdit")

        self.rootLayout.addWidget(self.newNameEdit)

        self.buttonBox = QDialogButtonBox(StaffDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.rootLayout.addWidget(self.buttonBox)


        self.retranslateUi(StaffDialog)
        self.buttonBox.accepted.connect(StaffDialog.accept)
        self.buttonBox.rejected.connect(StaffDialog.reject)

        QMetaObject.connectSlotsByName(StaffDialog)
    # setupUi

    def retranslateUi(self, StaffDialog):
        StaffDialog.setWindowTitle(QCoreApplication.translate("StaffDialog", u"Who are you?", None))
        self.hintLabel.setText(QCoreApplication.translate("StaffDialog", u"Everything you do in the inbox is recorded as yours.", None))
#if QT_CONFIG(accessibility)
        self.staffList.setAccessibleName(QCoreApplication.translate("StaffDialog", u"Staff", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newNameEdit.setAccessibleName(QCoreApplication.translate("StaffDialog", u"Or add yourself: your name", None))
#endif // QT_CONFIG(accessibility)
        self.newNameEdit.setPlaceholderText(QCoreApplication.translate("StaffDialog", u"Or add yourself: your name", None))
    # retranslateUi

