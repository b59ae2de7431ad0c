# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'bulk_panel.ui'
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
from PySide6.QtWidgets import (QApplication, QGridLayout, QLabel, QProgressBar,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_BulkPanel(object):
    def setupUi(self, BulkPanel):
        if not BulkPanel.objectName():
            BulkPanel.setObjectName(u"BulkPanel")
        self.rootLayout = QVBoxLayout(BulkPanel)
        self.rootLayout.setSpacing(12)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(40, 60, 40, 40)
        self.countTitle = QLabel(BulkPanel)
        self.countTitle.setObjectName(u"countTitle")
        self.countTitle.setAlignment(Qt.AlignCenter)

        self.rootLayout.addWidget(self.countTitle)

        self.scopeLabel = QLabel(BulkPanel)
        self.scopeLabel.setObjectName(u"scopeLabel")
        self.scopeLabel.setTextInteractionFlags(Qt.LinksAccessibleByMouse|Qt.LinksAccessibleByKeyboard)
        self.scopeLabel.setAlignment(Qt.AlignCenter)
        self.scopeLabel.setWordWrap(True)
        self.scopeLabel.setTextFormat(Qt.RichText)

        self.rootLayout.addWidget(self.scopeLabel)

        self.buttonGrid = QGridLayout()
        self.buttonGrid.setObjectName(u"buttonGrid")
        self.buttonGrid.setHorizontalSpacing(8)
        self.buttonGrid.setVerticalSpacing(8)
        self.assignButton = QPushButton(BulkPanel)
        self.assignButton.setObjectName(u"assignButton")

        self.buttonGrid.addWidget(self.assignButton, 0, 0, 1, 1)

        self.tagButton = QPushButton(BulkPanel)
        self.tagButton.setObjectName(u"tagButton")

        self.buttonGrid.addWidget(self.tagButton, 0, 1, 1, 1)

        self.labelButton = QPushButton(BulkPanel)
        self.labelButton.setObjectName(u"labelButton")

        self.buttonGrid.addWidget(self.labelButton, 0, 2, 1, 1)

        self.snoozeButton = QPushButton(BulkPanel)
        self.snoozeButton.setObjectName(u"snoozeButton")

        self.buttonGrid.addWidget(self.snoozeButton, 1, 0, 1, 1)

        self.closeButton = QPushButton(BulkPanel)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonGrid.addWidget(self.closeButton, 1, 1, 1, 1)

        self.unlabelButton = QPushButton(BulkPanel)
        self.unlabelButton.setObjectName(u"unlabelButton")

        self.buttonGrid.addWidget(self.unlabelButton, 1, 2, 1, 1)

        self.mergeButton = QPushButton(BulkPanel)
        self.mergeButton.setObjectName(u"mergeButton")

        self.buttonGrid.addWidget(self.mergeButton, 2, 0, 1, 1)


        self.rootLayout.addLayout(self.buttonGrid)

        self.busyBar = QProgressBar(BulkPanel)
        self.busyBar.setObjectName(u"busyBar")
        self.busyBar.setMaximum(0)
        self.busyBar.setTextVisible(False)
        self.busyBar.setMaximumSize(QSize(16777215, 6))

        self.rootLayout.addWidget(self.busyBar)

        self.statusLabel = QLabel(BulkPanel)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setAlignment(Qt.AlignCenter)
        self.statusLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.statusLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rootLayout.addItem(self.bottomSpacer)


        self.retranslateUi(BulkPanel)

        QMetaObject.connectSlotsByName(BulkPanel)
    # setupUi

    def retranslateUi(self, BulkPanel):
        self.countTitle.setText("")
        self.scopeLabel.setText("")
        self.assignButton.setText(QCoreApplication.translate("BulkPanel", u"Assign\u2026", None))
        self.tagButton.setText(QCoreApplication.translate("BulkPanel", u"Tag customers\u2026", None))
        self.labelButton.setText(QCoreApplication.translate("BulkPanel", u"Label\u2026", None))
        self.snoozeButton.setText(QCoreApplication.translate("BulkPanel", u"Snooze\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("BulkPanel", u"Close all", None))
        self.unlabelButton.setText(QCoreApplication.translate("BulkPanel", u"Remove label\u2026", None))
#if QT_CONFIG(tooltip)
        self.unlabelButton.setToolTip(QCoreApplication.translate("BulkPanel", u"Take a label off the selected conversations (Shift+L)", None))
#endif // QT_CONFIG(tooltip)
        self.mergeButton.setText(QCoreApplication.translate("BulkPanel", u"Merge the two\u2026", None))
        self.statusLabel.setText("")
        pass
    # retranslateUi

