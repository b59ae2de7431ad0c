# generated — do not edit (regenerate with: python resources/compile.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'template_picker.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout,
    QLabel, QLineEdit, QListView, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_TemplatePicker(object):
    def setupUi(self, TemplatePicker):
        if not TemplatePicker.objectName():
            TemplatePicker.setObjectName(u"TemplatePicker")
        TemplatePicker.setMinimumSize(QSize(420, 320))
        self.rootLayout = QVBoxLayout(TemplatePicker)
        self.rootLayout.setSpacing(6)
        self.rootLayout.setObjectName(u"rootLayout")
        self.filterEdit = QLineEdit(TemplatePicker)
        self.filterEdit.setObjectName(u"filterEdit")

        self.rootLayout.addWidget(self.filterEdit)

        self.templateList = QListView(TemplatePicker)
        self.templateList.setObjectName(u"templateList")
        self.templateList.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.templateList.setTextElideMode(Qt.ElideRight)
        self.templateList.setEditTriggers(QAbstractItemView.NoEditTriggers)

        self.rootLayout.addWidget(self.templateList)

        self.previewLabel = QLabel(TemplatePicker)
        self.previewLabel.setObjectName(u"previewLabel")
        self.previewLabel.setTextFormat(Qt.RichText)
        self.previewLabel.setWordWrap(True)
        self.previewLabel.setMinimumSize(QSize(0, 48))
        self.previewLabel.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.rootLayout.addWidget(self.previewLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.manageButton = QPushButton(TemplatePicker)
        self.manageButton.setObjectName(u"manageButton")
        self.manageButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.manageButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.insertButton = QPushButton(TemplatePicker)
        self.insertButton.setObjectName(u"insertButton")

        self.buttonRow.addWidget(self.insertButton)


        self.rootLayout.addLayout(self.buttonRow)


        self.retranslateUi(TemplatePicker)

        self.insertButton.setDefault(True)


        QMetaObject.connectSlotsByName(TemplatePicker)
    # setupUi

    def retranslateUi(self, TemplatePicker):
        TemplatePicker.setWindowTitle(QCoreApplication.translate("TemplatePicker", u"Insert a template", None))
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleName(QCoreApplication.translate("TemplatePicker", u"Find a template", None))
#endif // QT_CONFIG(accessibility)
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("TemplatePicker", u"Type to find a template\u2026", None))
#if QT_CONFIG(accessibility)
        self.templateList.setAccessibleName(QCoreApplication.translate("TemplatePicker", u"Templates", None))
#endif // QT_CONFIG(accessibility)
        self.previewLabel.setText("")
        self.manageButton.setText(QCoreApplication.translate("TemplatePicker", u"Manage templates\u2026", None))
        self.insertButton.setText(QCoreApplication.translate("TemplatePicker", u"Insert", None))
    # retranslateUi

