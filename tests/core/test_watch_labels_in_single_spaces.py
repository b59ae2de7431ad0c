"""A competitor term saved with doubled spaces (before `watch add` tidied terms) labels
its mentions as the tidy term does: one competitor, one label, one count in the report."""

from __future__ import annotations

from inbox_app.core import watch


def test_a_term_in_odd_spacing_gives_the_tidy_term_s_label():
    assert watch.label_for(watch.COMPETITOR, "BEAN   barons") == \
        watch.label_for(watch.COMPETITOR, "Bean Barons") == "mention:competitor:bean barons"
