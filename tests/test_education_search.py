"""Search finds word forms: "itchy" finds itch, "lumps" finds lump, "bleeds" finds bleeding."""

import pytest
from django.urls import reverse

from education.loader import load_content
from education.search import search_content, text_stems, word_stems


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("itchy", "itch"),
        ("itching", "itch"),
        ("lumps", "lump"),
        ("bleeds", "bleeding"),
        ("swelling", "swell"),
        ("bruised", "bruise"),
        ("blisters", "blister"),
        ("puffy", "puff"),
    ],
)
def test_word_forms_share_a_stem(word, other):
    assert set(word_stems(word)) & text_stems(other)


def test_different_words_do_not_share_a_stem():
    assert not set(word_stems("red")) & text_stems("covered reduce bored")


@pytest.fixture
def content(db):
    load_content()


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("itchy", reverse("education:lookalike", args=["eczema"])),
        ("lumps", reverse("education:sign", args=["new_lump"])),
        ("bleeds", reverse("education:sign", args=["bleeding"])),
        ("swollen arm", reverse("education:lookalike", args=["lymphoedema"])),
        ("bald patches", reverse("education:sign", args=["hair_loss"])),
        ("keloid", reverse("education:lookalike", args=["raised-scars"])),
        ("lymph", reverse("education:lookalike", args=["lymphoedema"])),
    ],
)
def test_search_finds_word_forms(content, query, url):
    assert url in [hit.url for hit in search_content(query=query)[:3]]


def test_search_needs_every_word(content):
    hits = search_content(query="shingles keloid")
    assert hits == []


def test_search_page_labels_lookalikes(client, content):
    html = client.get(reverse("education:search"), {"q": "cellulitis"}).content.decode()
    assert "Look-alike" in html
