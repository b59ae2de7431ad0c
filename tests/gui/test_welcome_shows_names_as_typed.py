"""The welcome's last step repeats what was typed. A colleague typed as "Sam
<s.m@cafe.example>" showed as "Sam ,", and a business called "<b>Bean</b> There" in bold:
the label read the answers as HTML. The sentence refusing a watch term quotes it too."""

from __future__ import annotations

from PySide6.QtGui import Qt  # QtGui's Qt has mightBeRichText

from inbox_app.gui.jobs import Jobs
from inbox_app.gui.welcome import WelcomeDialog


def shown_as_written(label) -> bool:
    """Whether the label draws its text character for character (no markup read)."""
    plain = label.textFormat() == Qt.TextFormat.PlainText
    return plain or (label.textFormat() == Qt.TextFormat.AutoText
                     and not Qt.mightBeRichText(label.text()))


def welcome(qtbot, location) -> WelcomeDialog:
    dialog = WelcomeDialog(Jobs(location))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_summary_shows_names_with_angle_brackets_as_typed(qtbot, empty_location):
    dialog = welcome(qtbot, empty_location)
    ui = dialog.ui
    ui.businessEdit.setText("<b>Bean</b> There")
    ui.meEdit.setText("Lena Fischer")
    ui.staffEdit.setPlainText("Sam <s.m@cafe.example>\nAisha")
    ui.nextButton.click()
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)
    summary = ui.summaryLabel
    assert "Sam <s.m@cafe.example>" in summary.text()
    assert summary.text().startswith("<b>Bean</b> There is set up for")
    assert shown_as_written(summary)


def test_a_refused_term_is_quoted_as_typed(qtbot, empty_location):
    dialog = welcome(qtbot, empty_location)
    ui = dialog.ui
    ui.businessEdit.setText("Bean There")
    ui.meEdit.setText("Lena Fischer")
    ui.nextButton.click()
    ui.competitorEdit.setText("<i>Daily Grind</i>, <i>bean there</i>")
    ui.brandEdit.setText("<i>bean there</i>")
    ui.nextButton.click()
    problem = ui.problemLabel
    assert "<i>bean there</i>" in problem.text()
    assert shown_as_written(problem)
