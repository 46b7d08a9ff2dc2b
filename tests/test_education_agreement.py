"""The education pages and the rules say the same thing.

EXPECTED is the lead's revised catalogue (/work/specs/catalogue.md, "What each sign page's 'what
to do' says"): the urgency a sign gets when it is newly logged on its own. Each sign page's
urgency must equal it, and so must what the rules engine does with that sign
(`urgency_when_newly_logged`, computed from the rules' own catalogue). The pages' "What to do"
sections must say that urgency in words, and the look-alikes never ask for less.
"""

import re

import pytest

from education.content_files import read_content_dir
from education.vocabulary import Sign, Urgency
from monitoring.rules.newly_logged import urgency_when_newly_logged

URGENT, SOON, NEXT_VISIT = "urgent", "soon", "next_visit"
EXPECTED = {
    "fever": URGENT,  # fever: today, whatever else is logged
    "band_along_nerve": SOON,  # today with pain or redness; alone, within about a week
    "new_lump": SOON,
    "firm": SOON,
    "raised_patch": SOON,
    "red_patch": SOON,  # two or more of red, warm, swollen: today
    "warm": SOON,
    "swelling": SOON,
    "discoloured": SOON,
    "open_sore": SOON,
    "bleeding": SOON,
    "weeping": SOON,
    "thickened": SOON,
    "spider_veins": SOON,
    "dimpled": SOON,
    "hair_loss": SOON,
}
# How each urgency is said in a page's "What to do" section.
SAYS = {URGENT: "today", SOON: "within about a week", NEXT_VISIT: "next visit"}

CONTENT = read_content_dir()
SIGN_PAGES = [item for item in CONTENT if item.kind == "sign"]
LOOKALIKES = [item for item in CONTENT if item.kind == "lookalike"]
PAGE_OF = {code: item for item in SIGN_PAGES for code in item.codes}


def what_to_do(item):
    match = re.search(r"^## What to do\n(.*?)(?=^## |\Z)", item.fields["body"], re.M | re.S)
    assert match, f"{item.slug} has no 'What to do' section"
    return match.group(1)


def test_every_sign_code_is_on_one_page_and_in_the_table():
    assert set(PAGE_OF) == set(EXPECTED)
    assert set(Sign.codes()) <= set(EXPECTED)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_sign_page_urgency_is_the_catalogue_urgency(code):
    assert PAGE_OF[code].fields["urgency"] == EXPECTED[code], PAGE_OF[code].slug


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_rules_give_a_newly_logged_sign_the_catalogue_urgency(code):
    assert urgency_when_newly_logged(code) == EXPECTED[code]


@pytest.mark.parametrize("item", SIGN_PAGES + LOOKALIKES, ids=lambda item: item.slug)
def test_what_to_do_says_the_page_urgency_first(item):
    first = what_to_do(item).strip().split("\n")[0]
    assert first.startswith("**How soon:"), item.slug
    assert SAYS[item.fields["urgency"]] in first, (item.slug, first)


@pytest.mark.parametrize("item", LOOKALIKES, ids=lambda item: item.slug)
def test_a_lookalike_never_asks_for_less_than_its_signs(item):
    highest = max(Urgency.rank_of(EXPECTED[code]) for code in item.related)
    assert Urgency.rank_of(item.fields["urgency"]) >= highest


def page(slug):
    return next(item for item in CONTENT if item.slug == slug)


@pytest.mark.parametrize(
    ("slug", "phrases"),
    [
        # Two or more of red / warm / swollen, or any with a fever: today.
        ("red_patch", ["two or more", "**today**", "fever"]),
        ("cellulitis", ["two or more", "**today**", "fever"]),
        ("dimpled", ["two or more", "**today**"]),
        # On antibiotics and bigger at any point, or not better after 3 days: today.
        ("red_patch", ["bigger at any time", "not better after 3 days"]),
        ("cellulitis", ["bigger at any time", "not better after 3 days"]),
        ("growth", ["antibiotics", "**today**"]),
        # Band of spots: today with pain or redness; shingles-like rashes seen within 3 days.
        ("band_along_nerve", ["today if it hurts or the skin is red", "within 3 days"]),
        ("shingles", ["today if it hurts or the skin is red", "within 3 days"]),
        # A cream for 2 weeks without improvement: within about a week.
        ("eczema", ["two weeks", "within about a week"]),
        # Pain or itch alone: the next visit.
        ("eczema", ["next visit"]),
        ("radiation-skin", ["like a bruise", "within about a week"]),
    ],
)
def test_what_to_do_covers_the_catalogue_cases(slug, phrases):
    text = what_to_do(page(slug)).lower()
    for phrase in phrases:
        assert phrase.lower() in text, (slug, phrase)


def test_when_to_contact_guide_puts_each_case_at_its_level():
    body = page("when-to-contact").fields["body"]
    today, week, next_visit = re.split(
        r"^## (?:Within about a week|At your next visit)$", body, flags=re.M
    )[:3]
    assert "fever" in today and "Two or more" in today and "not better after 3 days" in today
    assert "within 3 days" in today
    assert "firm or hard" in week and "hair loss" in week and "two weeks" in week
    assert "Pain or itching with nothing to see" in next_visit
