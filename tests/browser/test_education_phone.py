"""Education pages on a 360 px phone, without logging in: they fit and search works."""

import pytest

from education.loader import load_content
from tests.browser.conftest import assert_fits_phone

PAGES = [
    "/learn/",
    "/learn/signs/new_lump/",
    "/learn/signs/fever/",
    "/learn/guides/how-to-check/",
    "/learn/guides/when-to-contact/",
    "/learn/faq/",
]


@pytest.fixture
def content(transactional_db):
    load_content()


def test_education_pages_fit_a_phone_without_login(phone, content):
    page = phone
    for path in PAGES:
        response = page.goto(page.base + path)
        assert response.status == 200, path
        assert page.get_by_text("This app does not diagnose.").first.is_visible()
        assert_fits_phone(page)


def test_search_from_a_phone(phone, content):
    page = phone
    page.goto(page.base + "/learn/")
    page.get_by_label("Search these pages").fill("shingles")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Spots in a band, like shingles").click()
    # Wait for the new page to load: the URL can change before its document is there.
    page.wait_for_url("**/learn/signs/band_along_nerve/", wait_until="load")
    assert_fits_phone(page)


def test_body_drawing_fits_and_has_a_text_alternative(phone, content):
    page = phone
    page.goto(page.base + "/learn/guides/how-to-check/")
    drawing = page.get_by_role("img", name="Where to look")
    assert drawing.is_visible()
    assert drawing.bounding_box()["width"] <= 360
    assert_fits_phone(page)
