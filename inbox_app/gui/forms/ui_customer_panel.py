# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'customer_panel.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QScrollArea,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_CustomerPanel(object):
    def setupUi(self, CustomerPanel):
        if not CustomerPanel.objectName():
            CustomerPanel.setObjectName(u"CustomerPanel")
        CustomerPanel.resize(300, 800)
        self.rootLayout = QVBoxLayout(CustomerPanel)
        self.rootLayout.setSpacing(0)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(0, 0, 0, 0)
        self.customerScroll = QScrollArea(CustomerPanel)
        self.customerScroll.setObjectName(u"customerScroll")
        self.customerScroll.setFocusPolicy(Qt.NoFocus)
        self.customerScroll.setWidgetResizable(True)
        self.customerScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.customerPanel = QWidget()
        self.customerPanel.setObjectName(u"customerPanel")
        self.panelLayout = QVBoxLayout(self.customerPanel)
        self.panelLayout.setSpacing(10)
        self.panelLayout.setObjectName(u"panelLayout")
        self.panelLayout.setContentsMargins(18, 18, 18, 18)
        self.identityRow = QHBoxLayout()
        self.identityRow.setSpacing(12)
        self.identityRow.setObjectName(u"identityRow")
        self.avatarLabel = QLabel(self.customerPanel)
        self.avatarLabel.setObjectName(u"avatarLabel")
        self.avatarLabel.setMinimumSize(QSize(48, 48))
        self.avatarLabel.setMaximumSize(QSize(48, 48))

        self.identityRow.addWidget(self.avatarLabel)

        self.nameColumn = QVBoxLayout()
        self.nameColumn.setSpacing(2)
        self.nameColumn.setObjectName(u"nameColumn")
        self.customerName = QLabel(self.customerPanel)
        self.customerName.setObjectName(u"customerName")
        self.customerName.setTextFormat(Qt.PlainText)
        self.customerName.setWordWrap(True)
        self.customerName.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.nameColumn.addWidget(self.customerName)

        self.customerSince = QLabel(self.customerPanel)
        self.customerSince.setObjectName(u"customerSince")
        self.customerSince.setWordWrap(True)

        self.nameColumn.addWidget(self.customerSince)


        self.identityRow.addLayout(self.nameColumn)


        self.panelLayout.addLayout(self.identityRow)

        self.statsRow = QHBoxLayout()
        self.statsRow.setSpacing(6)
        self.statsRow.setObjectName(u"statsRow")
        self.valueTile = QFrame(self.customerPanel)
        self.valueTile.setObjectName(u"valueTile")
        self.valueLayout = QVBoxLayout(self.valueTile)
        self.valueLayout.setSpacing(0)
        self.valueLayout.setObjectName(u"valueLayout")
        self.valueLayout.setContentsMargins(8, 6, 8, 6)
        self.valueLabel = QLabel(self.valueTile)
        self.valueLabel.setObjectName(u"valueLabel")

        self.valueLayout.addWidget(self.valueLabel)

        self.valueName = QLabel(self.valueTile)
        self.valueName.setObjectName(u"valueName")

        self.valueLayout.addWidget(self.valueName)


        self.statsRow.addWidget(self.valueTile)

        self.influenceTile = QFrame(self.customerPanel)
        self.influenceTile.setObjectName(u"influenceTile")
        self.influenceLayout = QVBoxLayout(self.influenceTile)
        self.influenceLayout.setSpacing(0)
        self.influenceLayout.setObjectName(u"influenceLayout")
        self.influenceLayout.setContentsMargins(8, 6, 8, 6)
        self.influenceLabel = QLabel(self.influenceTile)
        self.influenceLabel.setObjectName(u"influenceLabel")

        self.influenceLayout.addWidget(self.influenceLabel)

        self.influenceName = QLabel(self.influenceTile)
        self.influenceName.setObjectName(u"influenceName")

        self.influenceLayout.addWidget(self.influenceName)


        self.statsRow.addWidget(self.influenceTile)

        self.activityTile = QFrame(self.customerPanel)
        self.activityTile.setObjectName(u"activityTile")
        self.activityLayout = QVBoxLayout(self.activityTile)
        self.activityLayout.setSpacing(0)
        self.activityLayout.setObjectName(u"activityLayout")
        self.activityLayout.setContentsMargins(8, 6, 8, 6)
        self.activityLabel = QLabel(self.activityTile)
        self.activityLabel.setObjectName(u"activityLabel")

        self.activityLayout.addWidget(self.activityLabel)

        self.activityName = QLabel(self.activityTile)
        self.activityName.setObjectName(u"activityName")

        self.activityLayout.addWidget(self.activityName)


        self.statsRow.addWidget(self.activityTile)


        self.panelLayout.addLayout(self.statsRow)

        self.identitiesTitle = QLabel(self.customerPanel)
        self.identitiesTitle.setObjectName(u"identitiesTitle")
        self.identitiesTitle.setWordWrap(True)

        self.panelLayout.addWidget(self.identitiesTitle)

        self.identitiesList = QListWidget(self.customerPanel)
        self.identitiesList.setObjectName(u"identitiesList")
        self.identitiesList.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.identitiesList.setIconSize(QSize(16, 16))

        self.panelLayout.addWidget(self.identitiesList)

        self.tagsTitle = QLabel(self.customerPanel)
        self.tagsTitle.setObjectName(u"tagsTitle")
        self.tagsTitle.setWordWrap(True)

        self.panelLayout.addWidget(self.tagsTitle)

        self.tagsArea = QWidget(self.customerPanel)
        self.tagsArea.setObjectName(u"tagsArea")

        self.panelLayout.addWidget(self.tagsArea)

        self.notesTitle = QLabel(self.customerPanel)
        self.notesTitle.setObjectName(u"notesTitle")
        self.notesTitle.setWordWrap(True)

        self.panelLayout.addWidget(self.notesTitle)

        self.notesLabel = QLabel(self.customerPanel)
        self.notesLabel.setObjectName(u"notesLabel")
        self.notesLabel.setWordWrap(True)
        self.notesLabel.setTextFormat(Qt.RichText)

        self.panelLayout.addWidget(self.notesLabel)

        self.noteEdit = QLineEdit(self.customerPanel)
        self.noteEdit.setObjectName(u"noteEdit")

        self.panelLayout.addWidget(self.noteEdit)

        self.pastTitle = QLabel(self.customerPanel)
        self.pastTitle.setObjectName(u"pastTitle")
        self.pastTitle.setWordWrap(True)

        self.panelLayout.addWidget(self.pastTitle)

        self.pastList = QListWidget(self.customerPanel)
        self.pastList.setObjectName(u"pastList")
        self.pastList.setIconSize(QSize(16, 16))
        self.pastList.setMinimumSize(QSize(0, 120))

        self.panelLayout.addWidget(self.pastList)

        self.customerScroll.setWidget(self.customerPanel)

        self.rootLayout.addWidget(self.customerScroll)


        self.retranslateUi(CustomerPanel)

        QMetaObject.connectSlotsByName(CustomerPanel)
    # setupUi

    def retranslateUi(self, CustomerPanel):
        self.customerName.setText("")
        self.customerSince.setText("")
        self.valueTile.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"stat", None))
        self.valueLabel.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"statValue", None))
        self.valueLabel.setText(QCoreApplication.translate("CustomerPanel", u"\u2013", None))
        self.valueName.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"statName", None))
        self.valueName.setText(QCoreApplication.translate("CustomerPanel", u"Value", None))
        self.influenceTile.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"stat", None))
        self.influenceLabel.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"statValue", None))
        self.influenceLabel.setText(QCoreApplication.translate("CustomerPanel", u"\u2013", None))
        self.influenceName.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"statName", None))
        self.influenceName.setText(QCoreApplication.translate("CustomerPanel", u"Followers", None))
        self.activityTile.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"stat", None))
        self.activityLabel.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"statValue", None))
        self.activityLabel.setText(QCoreApplication.translate("CustomerPanel", u"\u2013", None))
        self.activityName.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"statName", None))
        self.activityName.setText(QCoreApplication.translate("CustomerPanel", u"Messages", None))
        self.identitiesTitle.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"section", None))
        self.identitiesTitle.setText(QCoreApplication.translate("CustomerPanel", u"REACHES US AT", None))
#if QT_CONFIG(accessibility)
        self.identitiesList.setAccessibleName(QCoreApplication.translate("CustomerPanel", u"Reaches us at", None))
#endif // QT_CONFIG(accessibility)
        self.identitiesList.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"plain", None))
        self.tagsTitle.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"section", None))
        self.tagsTitle.setText(QCoreApplication.translate("CustomerPanel", u"TAGS", None))
        self.notesTitle.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"section", None))
        self.notesTitle.setText(QCoreApplication.translate("CustomerPanel", u"NOTES", None))
        self.notesLabel.setText("")
#if QT_CONFIG(accessibility)
        self.noteEdit.setAccessibleName(QCoreApplication.translate("CustomerPanel", u"Add a note about this customer", None))
#endif // QT_CONFIG(accessibility)
        self.noteEdit.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"inline", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("CustomerPanel", u"Add a note\u2026", None))
#if QT_CONFIG(tooltip)
        self.noteEdit.setToolTip(QCoreApplication.translate("CustomerPanel", u"A note about this customer, for the staff (Enter keeps it)", None))
#endif // QT_CONFIG(tooltip)
        self.pastTitle.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"section", None))
        self.pastTitle.setText(QCoreApplication.translate("CustomerPanel", u"CONVERSATIONS", None))
#if QT_CONFIG(accessibility)
        self.pastList.setAccessibleName(QCoreApplication.translate("CustomerPanel", u"The customer's conversations", None))
#endif // QT_CONFIG(accessibility)
        self.pastList.setProperty(u"role", QCoreApplication.translate("CustomerPanel", u"plain", None))
        pass
    # retranslateUi

