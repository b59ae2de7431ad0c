"""Watch terms typed in the welcome and in Settings are taken as `watch add` takes them:
spellings that find the same mentions are one term, a term with no letter or digit and a
term on both sides are refused in one sentence with what was typed left in place, and a
kept term holding a comma (the business's own name) is not split by a save."""

from __future__ import annotations

from inbox_app.gui.regions import split_terms, terms_problem
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.gui.test_first_run_and_settings import open_welcome


def test_spellings_that_find_the_same_mentions_are_one_term():
    assert split_terms("Bean Barons, bean-barons,BEAN_BARONS\nBean  Barons, Café Noir,"
                       " CAFE NOIR, Grind House") == ["Bean Barons", "Café Noir", "Grind House"]


def test_a_term_on_both_sides_or_without_a_letter_is_refused_as_the_cli_refuses_it():
    assert terms_problem(["Harbour Lane"], ["Bean Barons", "---"]) == (
        "competitor", "A watch term needs a letter or a digit: “---” would find nothing.")
    assert terms_problem(["Harbour Lane"], ["harbour-lane"]) == (
        "competitor", "“harbour-lane” is watched as a brand term (“Harbour Lane”); a term is a"
                      " brand or a competitor, not both.")
    # Moved the other way: the brand side is the one just typed.
    assert terms_problem(["Bean Barons"], ["Bean Barons"], kept_competitor=["Bean Barons"]) \
        == ("brand", "“Bean Barons” is watched as a competitor; a term is a brand or a"
                     " competitor, not both.")
    assert terms_problem(["Harbour Lane", "#1"], ["Bean Barons"]) is None


def test_what_was_kept_before_such_terms_were_refused_is_not_refused_again():
    kept_brand, kept_competitor = ["Harbour Lane", "Grind"], ["grind", "***"]
    assert terms_problem([*kept_brand, "@harbourlane"], kept_competitor,
                         kept_brand, kept_competitor) is None


def _to_the_watch_page(make_window, empty_location, qtbot, business="Harbour Lane Coffee"):
    window, dialog = open_welcome(make_window, empty_location, qtbot)
    dialog.ui.businessEdit.setText(business)
    dialog.ui.meEdit.setText("Maya Okafor")
    dialog.ui.nextButton.click()
    assert dialog.ui.pages.currentWidget() is dialog.ui.watchPage
    return window, dialog


def _setting(location, key):
    store = open_store(location)
    try:
        return store.get_setting(key)
    finally:
        store.close()


def test_the_welcome_keeps_one_spelling_of_a_term(make_window, empty_location, qtbot):
    _window, dialog = _to_the_watch_page(make_window, empty_location, qtbot)
    ui = dialog.ui
    ui.competitorEdit.setText("Bean Barons, bean-barons, BEAN_BARONS")
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)
    assert _setting(empty_location, "competitor_terms") == ["Bean Barons"]
    assert "Watching for: Harbour Lane Coffee, Bean Barons." in ui.summaryLabel.text()
    ui.laterButton.click()


def test_the_welcome_refuses_a_term_on_both_sides_and_keeps_what_was_typed(
        make_window, empty_location, qtbot):
    _window, dialog = _to_the_watch_page(make_window, empty_location, qtbot)
    ui = dialog.ui
    ui.competitorEdit.setText("Dockside Roasters, harbour lane coffee")
    ui.nextButton.click()
    assert ui.pages.currentWidget() is ui.watchPage
    assert ui.problemLabel.text() == (
        "“harbour lane coffee” is watched as a brand term (“Harbour Lane Coffee”); a term is"
        " a brand or a competitor, not both.")
    assert ui.competitorEdit.hasFocus() or not dialog.isActiveWindow()
    assert ui.competitorEdit.text() == "Dockside Roasters, harbour lane coffee"
    assert not _setting(empty_location, "business_name")  # nothing saved yet
    ui.competitorEdit.setText("Dockside Roasters, ???")
    assert ui.problemLabel.text() == ""  # typing clears the sentence
    ui.nextButton.click()
    assert ui.problemLabel.text() == (
        "A watch term needs a letter or a digit: “???” would find nothing.")
    ui.competitorEdit.setText("Dockside Roasters")
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)
    assert _setting(empty_location, "competitor_terms") == ["Dockside Roasters"]
    ui.laterButton.click()


def test_a_business_name_with_a_comma_is_one_brand_term(make_window, empty_location, qtbot):
    """Suggested as the brand and left so, "Smith, Jones & Sons" was two terms: "Smith"
    labelled every message naming anyone called Smith."""
    _window, dialog = _to_the_watch_page(make_window, empty_location, qtbot,
                                         business="Smith, Jones & Sons")
    ui = dialog.ui
    assert ui.brandEdit.text() == "Smith, Jones & Sons"
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)
    assert _setting(empty_location, "brand_terms") == ["Smith, Jones & Sons"]
    ui.laterButton.click()


def _settings(window, qtbot):
    window.ui.actionSettings.trigger()
    dialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    return dialog


def test_settings_refuse_a_competitor_that_is_the_brand(window, qtbot, demo_store):
    brand = demo_store.get_setting("brand_terms")
    competitors = demo_store.get_setting("competitor_terms")
    dialog = _settings(window, qtbot)
    ui = dialog.ui
    ui.tabs.setCurrentWidget(ui.staffTab)
    typed = ", ".join(competitors) + ", HARBOUR-LANE"
    ui.competitorEdit.setText(typed)
    ui.intervalSpin.setValue(15)
    dialog.save_button.click()
    assert ui.problemLabel.text() == (
        "“HARBOUR-LANE” is watched as a brand term (“Harbour Lane”); a term is a brand or a"
        " competitor, not both.")
    assert ui.tabs.currentWidget() is ui.businessTab
    assert dialog.isVisible() and ui.competitorEdit.text() == typed
    settle(qtbot, window)
    assert demo_store.get_setting("competitor_terms") == competitors
    assert demo_store.get_setting("brand_terms") == brand
    assert demo_store.get_setting("poll_interval") != 900  # nothing of the edit was saved


def test_settings_save_one_spelling_of_a_term(window, qtbot, demo_store):
    dialog = _settings(window, qtbot)
    dialog.ui.competitorEdit.setText("Bean Barons, Roastery Nine, bean-barons, Grind  House")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert demo_store.get_setting("competitor_terms") == [
        "Bean Barons", "Roastery Nine", "Grind House"]


def test_a_kept_term_with_a_comma_survives_a_save_of_something_else(
        window, qtbot, demo_store):
    demo_store.set_setting("brand_terms", ["Smith, Jones & Sons", "@smithjones"])
    dialog = _settings(window, qtbot)
    dialog.ui.intervalSpin.setValue(15)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert demo_store.get_setting("poll_interval") == 900
    assert demo_store.get_setting("brand_terms") == ["Smith, Jones & Sons", "@smithjones"]
