# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'snooze_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateTimeEdit, QDialog,
    QDialogButtonBox, QHeaderView, QLabel, QSizePolicy,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_SnoozeDialog(object):
    def setupUi(self, SnoozeDialog):
        if not SnoozeDialog.objectName():
            SnoozeDialog.setObjectName(u"SnoozeDialog")
        SnoozeDialog.setMinimumSize(QSize(340, 0))
        self.rootLayout = QVBoxLayout(SnoozeDialog)
        self.rootLayout.setSpacing(10)
        self.rootLayout.setObjectName(u"rootLayout")
        self.hintLabel = QLabel(SnoozeDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.hintLabel)

        self.presetList = QTreeWidget(SnoozeDialog)
        self.presetList.setObjectName(u"presetList")
        self.presetList.setMinimumSize(QSize(0, 150))
        self.presetList.setRootIsDecorated(False)
        self.presetList.setItemsExpandable(False)
        self.presetList.setUniformRowHeights(True)
        self.presetList.setAllColumnsShowFocus(True)
        self.presetList.setColumnCount(2)
        self.presetList.header().setVisible(False)

        self.rootLayout.addWidget(self.presetList)

        self.untilEdit = QDateTimeEdit(SnoozeDialog)
        self.untilEdit.setObjectName(u"untilEdit")
        self.untilEdit.setCalendarPopup(True)

        self.rootLayout.addWidget(self.untilEdit)

        self.buttonBox = QDialogButtonBox(SnoozeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.rootLayout.addWidget(self.buttonBox)


        self.retranslateUi(SnoozeDialog)
        self.buttonBox.accepted.connect(SnoozeDialog.accept)
        self.buttonBox.rejected.connect(SnoozeDialog.reject)

        QMetaObject.connectSlotsByName(SnoozeDialog)
    # setupUi

    def retranslateUi(self, SnoozeDialog):
        SnoozeDialog.setWindowTitle(QCoreApplication.translate("SnoozeDialog", u"Snooze until", None))
        self.hintLabel.setText(QCoreApplication.translate("SnoozeDialog", u"Hide this conversation until\u2026 It comes back early if the customer writes again.", None))
        ___qtreewidgetitem = self.presetList.headerItem()
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("SnoozeDialog", u"Until", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("SnoozeDialog", u"Snooze", None))
#if QT_CONFIG(accessibility)
        self.presetList.setAccessibleName(QCoreApplication.translate("SnoozeDialog", u"Snooze until", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.untilEdit.setAccessibleName(QCoreApplication.translate("SnoozeDialog", u"Snooze until date and time", None))
#endif // QT_CONFIG(accessibility)
        self.untilEdit.setDisplayFormat(QCoreApplication.translate("SnoozeDialog", u"ddd d MMM yyyy  HH:mm", None))
    # retranslateUi

