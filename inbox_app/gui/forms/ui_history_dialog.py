# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'history_dialog.ui'
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
    QHeaderView, QLabel, QSizePolicy, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_HistoryDialog(object):
    def setupUi(self, HistoryDialog):
        if not HistoryDialog.objectName():
            HistoryDialog.setObjectName(u"HistoryDialog")
        HistoryDialog.setMinimumSize(QSize(640, 420))
        self.rootLayout = QVBoxLayout(HistoryDialog)
        self.rootLayout.setSpacing(8)
        self.rootLayout.setObjectName(u"rootLayout")
        self.titleLabel = QLabel(HistoryDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setTextFormat(Qt.PlainText)
        self.titleLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.titleLabel)

        self.eventTree = QTreeWidget(HistoryDialog)
        self.eventTree.headerItem().setText(3, "")
        self.eventTree.setObjectName(u"eventTree")
        self.eventTree.setRootIsDecorated(False)
        self.eventTree.setUniformRowHeights(True)
        self.eventTree.setAlternatingRowColors(True)

        self.rootLayout.addWidget(self.eventTree)

        self.buttonBox = QDialogButtonBox(HistoryDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.rootLayout.addWidget(self.buttonBox)


        self.retranslateUi(HistoryDialog)
        self.buttonBox.rejected.connect(HistoryDialog.reject)

        QMetaObject.connectSlotsByName(HistoryDialog)
    # setupUi

    def retranslateUi(self, HistoryDialog):
        HistoryDialog.setWindowTitle(QCoreApplication.translate("HistoryDialog", u"History", None))
        self.titleLabel.setText("")
        ___qtreewidgetitem = self.eventTree.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("HistoryDialog", u"What", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("HistoryDialog", u"Who", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("HistoryDialog", u"When", None))
#if QT_CONFIG(accessibility)
        self.eventTree.setAccessibleName(QCoreApplication.translate("HistoryDialog", u"History", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

