# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dashboard.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCharts import QChartView
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QFrame, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_DashboardView(object):
    def setupUi(self, DashboardView):
        if not DashboardView.objectName():
            DashboardView.setObjectName(u"DashboardView")
        DashboardView.resize(1100, 900)
        self.rootLayout = QVBoxLayout(DashboardView)
        self.rootLayout.setSpacing(8)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(12, 10, 12, 6)
        self.toolbarLayout = QHBoxLayout()
        self.toolbarLayout.setSpacing(8)
        self.toolbarLayout.setObjectName(u"toolbarLayout")
        self.periodLabel = QLabel(DashboardView)
        self.periodLabel.setObjectName(u"periodLabel")

        self.toolbarLayout.addWidget(self.periodLabel)

        self.periodBox = QComboBox(DashboardView)
        self.periodBox.setObjectName(u"periodBox")
        self.periodBox.setMinimumContentsLength(14)

        self.toolbarLayout.addWidget(self.periodBox)

        self.fromEdit = QDateEdit(DashboardView)
        self.fromEdit.setObjectName(u"fromEdit")
        self.fromEdit.setCalendarPopup(True)

        self.toolbarLayout.addWidget(self.fromEdit)

        self.toLabel = QLabel(DashboardView)
        self.toLabel.setObjectName(u"toLabel")

        self.toolbarLayout.addWidget(self.toLabel)

        self.toEdit = QDateEdit(DashboardView)
        self.toEdit.setObjectName(u"toEdit")
        self.toEdit.setCalendarPopup(True)

        self.toolbarLayout.addWidget(self.toEdit)

        self.refreshButton = QPushButton(DashboardView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.toolbarLayout.addWidget(self.refreshButton)

        self.toolbarSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbarLayout.addItem(self.toolbarSpacer)

        self.statusLabel = QLabel(DashboardView)
        self.statusLabel.setObjectName(u"statusLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.statusLabel.sizePolicy().hasHeightForWidth())
        self.statusLabel.setSizePolicy(sizePolicy)
        self.statusLabel.setAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.statusLabel.setWordWrap(True)

        self.toolbarLayout.addWidget(self.statusLabel)

        self.exportButton = QPushButton(DashboardView)
        self.exportButton.setObjectName(u"exportButton")

        self.toolbarLayout.addWidget(self.exportButton)


        self.rootLayout.addLayout(self.toolbarLayout)

        self.scrollArea = QScrollArea(DashboardView)
        self.scrollArea.setObjectName(u"scrollArea")
        self.scrollArea.setFocusPolicy(Qt.NoFocus)
        self.scrollArea.setFrameShape(QFrame.NoFrame)
        self.scrollArea.setWidgetResizable(True)
        self.scrollContents = QWidget()
        self.scrollContents.setObjectName(u"scrollContents")
        self.contentsLayout = QVBoxLayout(self.scrollContents)
        self.contentsLayout.setSpacing(12)
        self.contentsLayout.setObjectName(u"contentsLayout")
        self.contentsLayout.setContentsMargins(0, 0, 4, 0)
        self.titleLabel = QLabel(self.scrollContents)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setTextFormat(Qt.PlainText)

        self.contentsLayout.addWidget(self.titleLabel)

        self.cardsLayout = QGridLayout()
        self.cardsLayout.setObjectName(u"cardsLayout")
        self.cardsLayout.setHorizontalSpacing(10)
        self.cardsLayout.setVerticalSpacing(10)

        self.contentsLayout.addLayout(self.cardsLayout)

        self.chartsLayout = QGridLayout()
        self.chartsLayout.setObjectName(u"chartsLayout")
        self.chartsLayout.setHorizontalSpacing(10)
        self.chartsLayout.setVerticalSpacing(10)
        self.ratioView = QChartView(self.scrollContents)
        self.ratioView.setObjectName(u"ratioView")
        self.ratioView.setFocusPolicy(Qt.StrongFocus)
        self.ratioView.setMinimumSize(QSize(320, 280))

        self.chartsLayout.addWidget(self.ratioView, 0, 0, 1, 1)

        self.volumeView = QChartView(self.scrollContents)
        self.volumeView.setObjectName(u"volumeView")
        self.volumeView.setFocusPolicy(Qt.StrongFocus)
        self.volumeView.setMinimumSize(QSize(320, 280))

        self.chartsLayout.addWidget(self.volumeView, 0, 1, 1, 1)

        self.responseView = QChartView(self.scrollContents)
        self.responseView.setObjectName(u"responseView")
        self.responseView.setFocusPolicy(Qt.StrongFocus)
        self.responseView.setMinimumSize(QSize(320, 280))

        self.chartsLayout.addWidget(self.responseView, 1, 0, 1, 1)

        self.sentimentView = QChartView(self.scrollContents)
        self.sentimentView.setObjectName(u"sentimentView")
        self.sentimentView.setFocusPolicy(Qt.StrongFocus)
        self.sentimentView.setMinimumSize(QSize(320, 280))

        self.chartsLayout.addWidget(self.sentimentView, 1, 1, 1, 1)


        self.contentsLayout.addLayout(self.chartsLayout)

        self.tablesLayout = QHBoxLayout()
        self.tablesLayout.setSpacing(10)
        self.tablesLayout.setObjectName(u"tablesLayout")
        self.customersBox = QGroupBox(self.scrollContents)
        self.customersBox.setObjectName(u"customersBox")
        self.customersLayout = QVBoxLayout(self.customersBox)
        self.customersLayout.setObjectName(u"customersLayout")
        self.customersLabel = QLabel(self.customersBox)
        self.customersLabel.setObjectName(u"customersLabel")
        self.customersLabel.setWordWrap(True)

        self.customersLayout.addWidget(self.customersLabel)

        self.customersTable = QTableView(self.customersBox)
        self.customersTable.setObjectName(u"customersTable")
        self.customersTable.setTabKeyNavigation(False)
        self.customersTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.customersTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.customersTable.setAlternatingRowColors(True)

        self.customersLayout.addWidget(self.customersTable)


        self.tablesLayout.addWidget(self.customersBox)

        self.valuableBox = QGroupBox(self.scrollContents)
        self.valuableBox.setObjectName(u"valuableBox")
        self.valuableLayout = QVBoxLayout(self.valuableBox)
        self.valuableLayout.setObjectName(u"valuableLayout")
        self.valuableLabel = QLabel(self.valuableBox)
        self.valuableLabel.setObjectName(u"valuableLabel")
        self.valuableLabel.setWordWrap(True)

        self.valuableLayout.addWidget(self.valuableLabel)

        self.valuableTable = QTableView(self.valuableBox)
        self.valuableTable.setObjectName(u"valuableTable")
        self.valuableTable.setTabKeyNavigation(False)
        self.valuableTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.valuableTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.valuableTable.setAlternatingRowColors(True)

        self.valuableLayout.addWidget(self.valuableTable)


        self.tablesLayout.addWidget(self.valuableBox)


        self.contentsLayout.addLayout(self.tablesLayout)

        self.teamLayout = QHBoxLayout()
        self.teamLayout.setSpacing(10)
        self.teamLayout.setObjectName(u"teamLayout")
        self.staffBox = QGroupBox(self.scrollContents)
        self.staffBox.setObjectName(u"staffBox")
        self.staffLayout = QVBoxLayout(self.staffBox)
        self.staffLayout.setObjectName(u"staffLayout")
        self.staffLabel = QLabel(self.staffBox)
        self.staffLabel.setObjectName(u"staffLabel")
        self.staffLabel.setWordWrap(True)

        self.staffLayout.addWidget(self.staffLabel)

        self.staffTable = QTableView(self.staffBox)
        self.staffTable.setObjectName(u"staffTable")
        self.staffTable.setTabKeyNavigation(False)
        self.staffTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.staffTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.staffTable.setAlternatingRowColors(True)

        self.staffLayout.addWidget(self.staffTable)


        self.teamLayout.addWidget(self.staffBox)


        self.contentsLayout.addLayout(self.teamLayout)

        self.footnoteLabel = QLabel(self.scrollContents)
        self.footnoteLabel.setObjectName(u"footnoteLabel")
        self.footnoteLabel.setWordWrap(True)

        self.contentsLayout.addWidget(self.footnoteLabel)

        self.scrollArea.setWidget(self.scrollContents)

        self.rootLayout.addWidget(self.scrollArea)

#if QT_CONFIG(shortcut)
        self.periodLabel.setBuddy(self.periodBox)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.periodBox, self.fromEdit)
        QWidget.setTabOrder(self.fromEdit, self.toEdit)
        QWidget.setTabOrder(self.toEdit, self.refreshButton)
        QWidget.setTabOrder(self.refreshButton, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.ratioView)
        QWidget.setTabOrder(self.ratioView, self.volumeView)
        QWidget.setTabOrder(self.volumeView, self.responseView)
        QWidget.setTabOrder(self.responseView, self.sentimentView)
        QWidget.setTabOrder(self.sentimentView, self.customersTable)
        QWidget.setTabOrder(self.customersTable, self.valuableTable)
        QWidget.setTabOrder(self.valuableTable, self.staffTable)

        self.retranslateUi(DashboardView)

        QMetaObject.connectSlotsByName(DashboardView)
    # setupUi

    def retranslateUi(self, DashboardView):
        DashboardView.setWindowTitle(QCoreApplication.translate("DashboardView", u"Insights", None))
        self.periodLabel.setText(QCoreApplication.translate("DashboardView", u"&Period", None))
#if QT_CONFIG(tooltip)
        self.periodBox.setToolTip(QCoreApplication.translate("DashboardView", u"A month, or a range of days", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.fromEdit.setAccessibleName(QCoreApplication.translate("DashboardView", u"First day of the range", None))
#endif // QT_CONFIG(accessibility)
        self.fromEdit.setDisplayFormat(QCoreApplication.translate("DashboardView", u"d MMM yyyy", None))
#if QT_CONFIG(tooltip)
        self.fromEdit.setToolTip(QCoreApplication.translate("DashboardView", u"First day of the range", None))
#endif // QT_CONFIG(tooltip)
        self.toLabel.setText(QCoreApplication.translate("DashboardView", u"to", None))
#if QT_CONFIG(accessibility)
        self.toEdit.setAccessibleName(QCoreApplication.translate("DashboardView", u"Last day of the range", None))
#endif // QT_CONFIG(accessibility)
        self.toEdit.setDisplayFormat(QCoreApplication.translate("DashboardView", u"d MMM yyyy", None))
#if QT_CONFIG(tooltip)
        self.toEdit.setToolTip(QCoreApplication.translate("DashboardView", u"Last day of the range (included)", None))
#endif // QT_CONFIG(tooltip)
        self.refreshButton.setText(QCoreApplication.translate("DashboardView", u"&Refresh", None))
#if QT_CONFIG(tooltip)
        self.refreshButton.setToolTip(QCoreApplication.translate("DashboardView", u"Count again (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.statusLabel.setText("")
        self.exportButton.setText(QCoreApplication.translate("DashboardView", u"&Export summary\u2026", None))
#if QT_CONFIG(tooltip)
        self.exportButton.setToolTip(QCoreApplication.translate("DashboardView", u"Save this summary as PDF, CSV or JSON", None))
#endif // QT_CONFIG(tooltip)
        self.titleLabel.setText("")
        self.customersBox.setTitle(QCoreApplication.translate("DashboardView", u"Top customers", None))
        self.customersLabel.setText("")
        self.valuableBox.setTitle(QCoreApplication.translate("DashboardView", u"Most valuable customers who wrote", None))
        self.valuableLabel.setText("")
        self.staffBox.setTitle(QCoreApplication.translate("DashboardView", u"Team", None))
        self.staffLabel.setText("")
        self.footnoteLabel.setText("")
    # retranslateUi

