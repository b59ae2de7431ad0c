# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'merge_dialog.ui'
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
    QLabel, QRadioButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_MergeDialog(object):
    def setupUi(self, MergeDialog):
        if not MergeDialog.objectName():
            MergeDialog.setObjectName(u"MergeDialog")
        MergeDialog.setMinimumSize(QSize(560, 0))
        self.rootLayout = QVBoxLayout(MergeDialog)
        self.rootLayout.setSpacing(10)
        self.rootLayout.setObjectName(u"rootLayout")
        self.introLabel = QLabel(MergeDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.introLabel)

        self.keepFirst = QRadioButton(MergeDialog)
        self.keepFirst.setObjectName(u"keepFirst")
        self.keepFirst.setChecked(True)

        self.rootLayout.addWidget(self.keepFirst)

        self.firstDetail = QLabel(MergeDialog)
        self.firstDetail.setObjectName(u"firstDetail")
        self.firstDetail.setWordWrap(True)
        self.firstDetail.setTextFormat(Qt.RichText)
        self.firstDetail.setIndent(24)

        self.rootLayout.addWidget(self.firstDetail)

        self.keepSecond = QRadioButton(MergeDialog)
        self.keepSecond.setObjectName(u"keepSecond")

        self.rootLayout.addWidget(self.keepSecond)

        self.secondDetail = QLabel(MergeDialog)
        self.secondDetail.setObjectName(u"secondDetail")
        self.secondDetail.setWordWrap(True)
        self.secondDetail.setTextFormat(Qt.RichText)
        self.secondDetail.setIndent(24)

        self.rootLayout.addWidget(self.secondDetail)

        self.undoLabel = QLabel(MergeDialog)
        self.undoLabel.setObjectName(u"undoLabel")
        self.undoLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.undoLabel)

        self.buttonBox = QDialogButtonBox(MergeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.rootLayout.addWidget(self.buttonBox)


        self.retranslateUi(MergeDialog)
        self.buttonBox.accepted.connect(MergeDialog.accept)
        self.buttonBox.rejected.connect(MergeDialog.reject)

        QMetaObject.connectSlotsByName(MergeDialog)
    # setupUi

    def retranslateUi(self, MergeDialog):
        MergeDialog.setWindowTitle(QCoreApplication.translate("MergeDialog", u"Merge conversations", None))
        self.introLabel.setText(QCoreApplication.translate("MergeDialog", u"Which conversation stays? The other one's messages, notes and labels move into it.", None))
        self.firstDetail.setText("")
        self.secondDetail.setText("")
        self.undoLabel.setText(QCoreApplication.translate("MergeDialog", u"You can undo this with Ctrl+Z (Edit \u2192 Undo) until you close the window; the history keeps it for good.", None))
    # retranslateUi

