"""Markup that never ends ("<!--" with no "-->", "<a" with no ">") is read in time linear in
its length. Python 3.11's HTMLParser searches the rest of the input again from each such
"<" (CVE-2025-6069): 100,000 "<!--" took 79 s in `html_to_text`, 20,000 '<a b="x" ' 74 s,
stalling the poll that read the feed item. HTML from outside now goes through html5ever
(nh3) first, which writes markup that always ends. The tests count the parser's failed
searches instead of timing it: each is a read to the end of the input, once per "<"."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_app.core.html import MAX_TAGS, html_to_text, limit_nesting, sanitize_html

UNENDED_SHAPES = ["<!--", "<a", "<![CDATA[", "</", "<?", '<a b="x" ', "<a x='>' ", "<![if",
                  "<!x", "<!doctype", "<a b='"]


class ParserStalled(BaseException):
    """Not an Exception, so html_to_text's last resort cannot swallow it."""


@pytest.fixture
def failed_searches(monkeypatch):
    """Each time the parser looks for the end of a tag, comment or declaration and does
    not find it; more than a few stop the test at once (unfixed, it would take hours)."""
    failures: list[str] = []

    def counting(name: str):
        read = getattr(HTMLParser, name)

        def counted(self, start, *rest):
            end = read(self, start, *rest)
            if end < 0:
                failures.append(f"{name} at {start}: {self.rawdata[start:start + 20]!r}")
                if len(failures) > 3:
                    raise ParserStalled(failures)
            return end
        return counted

    for name in ("parse_starttag", "parse_endtag", "parse_comment", "parse_pi",
                 "parse_html_declaration", "parse_marked_section"):
        monkeypatch.setattr(HTMLParser, name, counting(name))
    return failures


# Past MAX_TAGS a text is words only (sanitize_html); below it html5ever reads the markup.
@pytest.mark.parametrize("repeats", [MAX_TAGS // 2, 100_000])
@pytest.mark.parametrize("shape", UNENDED_SHAPES)
def test_unended_markup_is_read_without_searching_to_the_end(shape, repeats, failed_searches):
    text = html_to_text("<p>Hello</p>" + shape * repeats)
    assert failed_searches == []
    assert text.startswith("Hello")


def test_an_ordinary_newsletter_reads_as_before(failed_searches):
    newsletter = (
        "<!DOCTYPE html><html><head><title>News</title><style>p{color:red}</style></head>"
        "<body><!--[if mso]><table><tr><td><![endif]--><p>Dear Maya,</p>"
        "<![if !supportLists]>1.<![endif]> Fish &amp; chips<br/>"
        "<script>var a = '<!--'; if (a < b) {}</script>"
        "<a href=\"https://shop.example/?a=1&b=2\" title='a > b'>Order</a> &lt;42&gt;"
        "<![CDATA[ hidden ]]><?php echo 1 ?><ul><li>one<li>two</ul></body></html>")
    assert html_to_text(newsletter) == "Dear Maya,\n1. Fish & chips\nOrder <42>\n\none\n\ntwo"
    assert failed_searches == []


def test_a_head_left_open_does_not_hide_the_body():
    """The end of <head> may be left out; the skip that began at it never ended, and such a
    feed item read as empty."""
    assert html_to_text("<html><head><title>T</title><body><p>Hello</p>") == "Hello"


def test_a_declaration_the_parser_cannot_read_does_not_bring_the_scripts_in():
    """3.11's parser raises AssertionError on "<![foo": the last resort deleted tags with a
    regex, so the item's scripts and styles became its text and entities stayed encoded."""
    html = ("<p>Your order</p><![foo]><script>steal()</script><style>p{}</style>"
            "<p>Fish &amp; chips</p>")
    assert html_to_text(html) == "Your order\n\nFish & chips"


def _fastest(work, text: str) -> float:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        work(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.parametrize("tail", ["<a" + "b" * 20_000, "<a " * 5_000 + "b" * 20_000])
def test_the_nesting_limit_reads_a_tag_that_never_ends_in_linear_time(tail):
    """limit_nesting's tag pattern read the letters after "<a" both as the tag's name and as
    its attributes: 8 kB after one "<a" took 0.2 s, a 2 MB mail about an hour, before the
    sanitizer began. Compared with the same length of text ending its tags (not a clock
    limit: both run here, at this machine's speed)."""
    deep = "<i>" * 501
    ended = deep + re.sub(r"<a( ?)", r"<a\1>", tail)
    hostile = deep + tail
    assert _fastest(limit_nesting, hostile) < 20 * _fastest(limit_nesting, ended) + 0.005
    assert sanitize_html(hostile).count("<i>") <= 501


tag_soup = st.lists(st.sampled_from([
    "<", ">", "<a", "<p>", "</p>", "<!--", "-->", "<!", "<![", "CDATA[", "if", "]]>", "]>", "<?",
    "</", "<script>", "</script>", "<STYLE ", "x", " ", '"', "'", "=", "/", "&amp;", "\n", "b=",
    "<br/>", "<!doctype", '<a href="x>y">', "<i e='>'>", "\x00", "é"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(tag_soup)
def test_any_tag_soup_leaves_the_text_parser_nothing_unended(html):
    """What sanitize_html writes always ends its markup: the parser that takes the text out
    never waits for the rest of a tag (which it would search for again when closed)."""
    failures: list[str] = []
    read = HTMLParser.goahead

    class Watching(HTMLParser):
        def goahead(self, end):
            read(self, end)
            if not end and "<" in self.rawdata:
                failures.append(self.rawdata[:20])

    parser = Watching(convert_charrefs=True)
    parser.feed(sanitize_html(html) or "")
    parser.close()
    assert failures == [], html
