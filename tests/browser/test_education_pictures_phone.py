"""The drawings on a 360 px phone, and axe-core on the education pages and the entry form."""

import pytest

from education.loader import load_content
from tests.browser.axe import assert_accessible
from tests.browser.conftest import assert_fits_phone
from tests.factories import PASSWORD, AreaFactory, UserFactory

PAGES = [
    "/learn/",
    "/learn/signs/new_lump/",
    "/learn/signs/band_along_nerve/",
    "/learn/look-alikes/cellulitis/",
    "/learn/look-alikes/radiation-skin/",
    "/learn/guides/how-to-check/",
    "/learn/faq/",
    "/learn/search/?q=itchy",
]


@pytest.fixture
def content(transactional_db):
    load_content()


def loaded(image):
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_sign_page_shows_its_drawing_on_two_skin_tones(phone, content):
    page = phone
    page.goto(page.base + "/learn/signs/new_lump/")
    lighter = page.get_by_role("img", name="Drawing of skin beside a surgery scar").first
    darker = page.get_by_role("img", name="Drawing of skin beside a surgery scar").last
    for image in (lighter, darker):
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        page.wait_for_function("img => img.complete", arg=image.element_handle())
        assert loaded(image)
        box = image.bounding_box()
        assert 100 <= box["width"] <= 180, box
    assert "little pink" in lighter.get_attribute("alt")
    assert "same colour as the skin" in darker.get_attribute("alt")
    assert page.get_by_text("On lighter skin", exact=True).is_visible()
    assert page.get_by_text("On darker skin", exact=True).is_visible()
    assert_fits_phone(page)


def test_education_pages_have_no_serious_accessibility_problems(phone, content):
    page = phone
    for path in PAGES:
        response = page.goto(page.base + path)
        assert response.status == 200, path
        assert_fits_phone(page)
        assert_accessible(page)


def test_entry_form_shows_a_sign_picture_on_request(phone, content):
    patient = UserFactory(email="look.patient@example.com", full_name="Lou Look")
    area = AreaFactory(patient=patient, name="Left scar", site="scar_left")
    page = phone
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email address").fill(patient.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(page.base + "/")
    page.goto(page.base + f"/areas/{area.code}/entries/new/")
    picture = page.get_by_role("img", name="Drawing of skin with a large, uneven patch").first
    assert not picture.is_visible()  # small, and only on request
    # The checklist's help opens by group, then each sign's picture on request.
    page.get_by_text("What these mean").nth(1).click()  # colour and the look of the skin
    red = page.locator('.sign-help-item[data-sign="red_patch"]')
    red.get_by_text("What does this look like?").click()
    assert picture.is_visible()
    page.wait_for_function("img => img.complete", arg=picture.element_handle())
    assert loaded(picture)
    assert picture.bounding_box()["width"] <= 160
    assert red.get_by_role("link", name="Cellulitis, a skin infection").is_visible()
    assert_fits_phone(page)
    assert_accessible(page)
