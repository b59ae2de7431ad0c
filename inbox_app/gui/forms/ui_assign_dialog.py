# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'assign_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateTimeEdit, QDialog, QDialogButtonBox, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_AssignDialog(object):
    def setupUi(self, AssignDialog):
        if not AssignDialog.objectName():
            AssignDialog.setObjectName(u"AssignDialog")
        AssignDialog.setMinimumSize(QSize(380, 0))
        self.rootLayout = QVBoxLayout(AssignDialog)
        self.rootLayout.setSpacing(10)
        self.rootLayout.setObjectName(u"rootLayout")
        self.staffLabel = QLabel(AssignDialog)
        self.staffLabel.setObjectName(u"staffLabel")

        self.rootLayout.addWidget(self.staffLabel)

        self.staffCombo = QComboBox(AssignDialog)
        self.staffCombo.setObjectName(u"staffCombo")

        self.rootLayout.addWidget(self.staffCombo)

        self.dueCheck = QCheckBox(AssignDialog)
        self.dueCheck.setObjectName(u"dueCheck")

        self.rootLayout.addWidget(self.dueCheck)

        self.dueRow = QHBoxLayout()
        self.dueRow.setObjectName(u"dueRow")
        self.dueEdit = QDateTimeEdit(AssignDialog)
        self.dueEdit.setObjectName(u"dueEdit")
        self.dueEdit.setCalendarPopup(True)

        self.dueRow.addWidget(self.dueEdit)


        self.rootLayout.addLayout(self.dueRow)

        self.presetRow = QHBoxLayout()
        self.presetRow.setObjectName(u"presetRow")
        self.todayButton = QPushButton(AssignDialog)
        self.todayButton.setObjectName(u"todayButton")
        self.todayButton.setAutoDefault(False)

        self.presetRow.addWidget(self.todayButton)

        self.tomorrowButton = QPushButton(AssignDialog)
        self.tomorrowButton.setObjectName(u"tomorrowButton")
        self.tomorrowButton.setAutoDefault(False)

        self.presetRow.addWidget(self.tomorrowButton)

        self.nextWeekButton = QPushButton(AssignDialog)
        self.nextWeekButton.setObjectName(u"nextWeekButton")
        self.nextWeekButton.setAutoDefault(False)

        self.presetRow.addWidget(self.nextWeekButton)


        self.rootLayout.addLayout(self.presetRow)

        self.buttonBox = QDialogButtonBox(AssignDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.rootLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.staffLabel.setBuddy(self.staffCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AssignDialog)
        self.buttonBox.accepted.connect(AssignDialog.accept)
        self.buttonBox.rejected.connect(AssignDialog.reject)

        QMetaObject.connectSlotsByName(AssignDialog)
    # setupUi

    def retranslateUi(self, AssignDialog):
        AssignDialog.setWindowTitle(QCoreApplication.translate("AssignDialog", u"Assign conversation", None))
        self.staffLabel.setText(QCoreApplication.translate("AssignDialog", u"Assign &to", None))
        self.dueCheck.setText(QCoreApplication.translate("AssignDialog", u"Follow up by", None))
#if QT_CONFIG(accessibility)
        self.dueEdit.setAccessibleName(QCoreApplication.translate("AssignDialog", u"Follow-up date and time", None))
#endif // QT_CONFIG(accessibility)
        self.dueEdit.setDisplayFormat(QCoreApplication.translate("AssignDialog", u"ddd d MMM yyyy  HH:mm", None))
        self.todayButton.setText(QCoreApplication.translate("AssignDialog", u"End of today", None))
        self.tomorrowButton.setText(QCoreApplication.translate("AssignDialog", u"Tomorrow", None))
        self.nextWeekButton.setText(QCoreApplication.translate("AssignDialog", u"Next week", None))
    # retranslateUi

