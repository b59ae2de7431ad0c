# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'welcome_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QStackedWidget, QVBoxLayout,
    QWidget)

class Ui_WelcomeDialog(object):
    def setupUi(self, WelcomeDialog):
        if not WelcomeDialog.objectName():
            WelcomeDialog.setObjectName(u"WelcomeDialog")
        WelcomeDialog.setMinimumSize(QSize(620, 500))
        self.rootLayout = QVBoxLayout(WelcomeDialog)
        self.rootLayout.setSpacing(12)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(28, 24, 28, 20)
        self.stepLabel = QLabel(WelcomeDialog)
        self.stepLabel.setObjectName(u"stepLabel")

        self.rootLayout.addWidget(self.stepLabel)

        self.pages = QStackedWidget(WelcomeDialog)
        self.pages.setObjectName(u"pages")
        self.businessPage = QWidget()
        self.businessPage.setObjectName(u"businessPage")
        self.businessLayout = QVBoxLayout(self.businessPage)
        self.businessLayout.setSpacing(8)
        self.businessLayout.setObjectName(u"businessLayout")
        self.businessLayout.setContentsMargins(0, -1, 0, -1)
        self.welcomeTitle = QLabel(self.businessPage)
        self.welcomeTitle.setObjectName(u"welcomeTitle")

        self.businessLayout.addWidget(self.welcomeTitle)

        self.welcomeText = QLabel(self.businessPage)
        self.welcomeText.setObjectName(u"welcomeText")
        self.welcomeText.setWordWrap(True)

        self.businessLayout.addWidget(self.welcomeText)

        self.businessLabel = QLabel(self.businessPage)
        self.businessLabel.setObjectName(u"businessLabel")

        self.businessLayout.addWidget(self.businessLabel)

        self.businessEdit = QLineEdit(self.businessPage)
        self.businessEdit.setObjectName(u"businessEdit")

        self.businessLayout.addWidget(self.businessEdit)

        self.meLabel = QLabel(self.businessPage)
        self.meLabel.setObjectName(u"meLabel")

        self.businessLayout.addWidget(self.meLabel)

        self.meEdit = QLineEdit(self.businessPage)
        self.meEdit.setObjectName(u"meEdit")

        self.businessLayout.addWidget(self.meEdit)

        self.staffLabel = QLabel(self.businessPage)
        self.staffLabel.setObjectName(u"staffLabel")
        self.staffLabel.setWordWrap(True)

        self.businessLayout.addWidget(self.staffLabel)

        self.staffEdit = QPlainTextEdit(self.businessPage)
        self.staffEdit.setObjectName(u"staffEdit")
        self.staffEdit.setTabChangesFocus(True)
        self.staffEdit.setMaximumSize(QSize(16777215, 90))

        self.businessLayout.addWidget(self.staffEdit)

        self.businessSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.businessLayout.addItem(self.businessSpacer)

        self.pages.addWidget(self.businessPage)
        self.watchPage = QWidget()
        self.watchPage.setObjectName(u"watchPage")
        self.watchLayout = QVBoxLayout(self.watchPage)
        self.watchLayout.setSpacing(8)
        self.watchLayout.setObjectName(u"watchLayout")
        self.watchLayout.setContentsMargins(0, -1, 0, -1)
        self.watchTitle = QLabel(self.watchPage)
        self.watchTitle.setObjectName(u"watchTitle")

        self.watchLayout.addWidget(self.watchTitle)

        self.watchText = QLabel(self.watchPage)
        self.watchText.setObjectName(u"watchText")
        self.watchText.setWordWrap(True)

        self.watchLayout.addWidget(self.watchText)

        self.brandLabel = QLabel(self.watchPage)
        self.brandLabel.setObjectName(u"brandLabel")

        self.watchLayout.addWidget(self.brandLabel)

        self.brandEdit = QLineEdit(self.watchPage)
        self.brandEdit.setObjectName(u"brandEdit")

        self.watchLayout.addWidget(self.brandEdit)

        self.competitorLabel = QLabel(self.watchPage)
        self.competitorLabel.setObjectName(u"competitorLabel")

        self.watchLayout.addWidget(self.competitorLabel)

        self.competitorEdit = QLineEdit(self.watchPage)
        self.competitorEdit.setObjectName(u"competitorEdit")

        self.watchLayout.addWidget(self.competitorEdit)

        self.regionLabel = QLabel(self.watchPage)
        self.regionLabel.setObjectName(u"regionLabel")

        self.watchLayout.addWidget(self.regionLabel)

        self.regionCombo = QComboBox(self.watchPage)
        self.regionCombo.setObjectName(u"regionCombo")

        self.watchLayout.addWidget(self.regionCombo)

        self.watchSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.watchLayout.addItem(self.watchSpacer)

        self.pages.addWidget(self.watchPage)
        self.nextPage = QWidget()
        self.nextPage.setObjectName(u"nextPage")
        self.nextLayout = QVBoxLayout(self.nextPage)
        self.nextLayout.setSpacing(10)
        self.nextLayout.setObjectName(u"nextLayout")
        self.nextLayout.setContentsMargins(0, -1, 0, -1)
        self.nextTitle = QLabel(self.nextPage)
        self.nextTitle.setObjectName(u"nextTitle")

        self.nextLayout.addWidget(self.nextTitle)

        self.summaryLabel = QLabel(self.nextPage)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.nextLayout.addWidget(self.summaryLabel)

        self.channelButton = QPushButton(self.nextPage)
        self.channelButton.setObjectName(u"channelButton")

        self.nextLayout.addWidget(self.channelButton)

        self.demoButton = QPushButton(self.nextPage)
        self.demoButton.setObjectName(u"demoButton")

        self.nextLayout.addWidget(self.demoButton)

        self.laterButton = QPushButton(self.nextPage)
        self.laterButton.setObjectName(u"laterButton")

        self.nextLayout.addWidget(self.laterButton)

        self.nextSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.nextLayout.addItem(self.nextSpacer)

        self.pages.addWidget(self.nextPage)

        self.rootLayout.addWidget(self.pages)

        self.problemLabel = QLabel(WelcomeDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.problemLabel)

        self.navRow = QHBoxLayout()
        self.navRow.setObjectName(u"navRow")
        self.backButton = QPushButton(WelcomeDialog)
        self.backButton.setObjectName(u"backButton")
        self.backButton.setAutoDefault(False)

        self.navRow.addWidget(self.backButton)

        self.navSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.navRow.addItem(self.navSpacer)

        self.nextButton = QPushButton(WelcomeDialog)
        self.nextButton.setObjectName(u"nextButton")

        self.navRow.addWidget(self.nextButton)


        self.rootLayout.addLayout(self.navRow)

#if QT_CONFIG(shortcut)
        self.businessLabel.setBuddy(self.businessEdit)
        self.meLabel.setBuddy(self.meEdit)
        self.staffLabel.setBuddy(self.staffEdit)
        self.brandLabel.setBuddy(self.brandEdit)
        self.competitorLabel.setBuddy(self.competitorEdit)
        self.regionLabel.setBuddy(self.regionCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(WelcomeDialog)

        self.nextButton.setDefault(True)


        QMetaObject.connectSlotsByName(WelcomeDialog)
    # setupUi

    def retranslateUi(self, WelcomeDialog):
        WelcomeDialog.setWindowTitle(QCoreApplication.translate("WelcomeDialog", u"Welcome to Inbox", None))
        self.stepLabel.setProperty(u"role", QCoreApplication.translate("WelcomeDialog", u"section", None))
        self.stepLabel.setText("")
        self.welcomeTitle.setProperty(u"role", QCoreApplication.translate("WelcomeDialog", u"pageTitle", None))
        self.welcomeTitle.setText(QCoreApplication.translate("WelcomeDialog", u"Every customer message, in one queue", None))
        self.welcomeText.setText(QCoreApplication.translate("WelcomeDialog", u"Email, Mastodon, Bluesky, Telegram, reviews and mentions, and phone calls land here, scored for mood, until someone answers. Everything stays on this computer. A few questions to set it up:", None))
        self.businessLabel.setText(QCoreApplication.translate("WelcomeDialog", u"Your &business's name", None))
        self.businessEdit.setPlaceholderText(QCoreApplication.translate("WelcomeDialog", u"e.g. Harbour Lane Coffee", None))
        self.meLabel.setText(QCoreApplication.translate("WelcomeDialog", u"Your &name", None))
        self.meEdit.setPlaceholderText(QCoreApplication.translate("WelcomeDialog", u"e.g. Maya Okafor", None))
        self.staffLabel.setText(QCoreApplication.translate("WelcomeDialog", u"Who &else works the inbox? (one name per line; add more later in Settings)", None))
        self.staffEdit.setPlaceholderText(QCoreApplication.translate("WelcomeDialog", u"Theo Brandt\n"
"Priya Raman", None))
        self.watchTitle.setProperty(u"role", QCoreApplication.translate("WelcomeDialog", u"pageTitle", None))
        self.watchTitle.setText(QCoreApplication.translate("WelcomeDialog", u"What to listen for", None))
        self.watchText.setText(QCoreApplication.translate("WelcomeDialog", u"Messages and feed items that name your brand or a competitor are labelled, so you see what people say about you \u2014 and about them.", None))
        self.brandLabel.setText(QCoreApplication.translate("WelcomeDialog", u"B&rand terms (comma-separated)", None))
        self.brandEdit.setPlaceholderText(QCoreApplication.translate("WelcomeDialog", u"your name, product names, your @handle", None))
        self.competitorLabel.setText(QCoreApplication.translate("WelcomeDialog", u"C&ompetitor terms (comma-separated, optional)", None))
        self.competitorEdit.setPlaceholderText(QCoreApplication.translate("WelcomeDialog", u"e.g. Dockside Roasters, BeanBox", None))
        self.regionLabel.setText(QCoreApplication.translate("WelcomeDialog", u"&Phone numbers without a country code are from", None))
        self.nextTitle.setProperty(u"role", QCoreApplication.translate("WelcomeDialog", u"pageTitle", None))
        self.nextTitle.setText(QCoreApplication.translate("WelcomeDialog", u"Ready. What next?", None))
        self.summaryLabel.setText("")
        self.channelButton.setProperty(u"role", QCoreApplication.translate("WelcomeDialog", u"big", None))
        self.channelButton.setText(QCoreApplication.translate("WelcomeDialog", u"Add your first channel\n"
"Email, Mastodon, Bluesky, Telegram, a review feed or a phone line.", None))
        self.demoButton.setProperty(u"role", QCoreApplication.translate("WelcomeDialog", u"big", None))
        self.demoButton.setText(QCoreApplication.translate("WelcomeDialog", u"Explore the demo\n"
"A made-up coffee shop with months of customers; your own store stays empty.", None))
        self.laterButton.setProperty(u"role", QCoreApplication.translate("WelcomeDialog", u"link", None))
        self.laterButton.setText(QCoreApplication.translate("WelcomeDialog", u"Neither for now \u2014 open the empty inbox", None))
        self.problemLabel.setText("")
        self.backButton.setText(QCoreApplication.translate("WelcomeDialog", u"Back", None))
        self.nextButton.setText(QCoreApplication.translate("WelcomeDialog", u"Next", None))
    # retranslateUi

