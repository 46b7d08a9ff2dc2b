"""The body map in Chromium: a tap places a pin and fills the body area; the list moves the pin."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import assert_fits_phone, log_in
from tests.factories import UserFactory
from tracker import body_map
from tracker.models import WatchedArea


@pytest.fixture
def patient(transactional_db):
    return UserFactory(email="map.patient@example.com")


def test_tap_places_a_pin_and_fills_the_site(phone, patient, axe):
    page = phone
    log_in(page, "map.patient@example.com")
    page.goto(page.base + "/areas/new/")
    assert_fits_phone(page)
    assert_accessible(page)
    page.locator('#area-map [data-site="breast_left"]').tap()
    assert page.get_by_label("Body area").input_value() == "breast_left"
    page.get_by_text("Pin placed: Breast, left (remaining or rebuilt).").wait_for()
    assert page.locator("#area-map .bm-new-pin").get_attribute("display") == "inline"
    page.get_by_label("Short name").fill("Dimple on left breast")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/entries/new/")
    area = WatchedArea.objects.get(patient=patient)
    cx, cy = body_map.CENTRES["breast_left"]
    assert area.site == "breast_left"
    assert abs(area.pin_x - cx) < 3 and abs(area.pin_y - cy) < 3

    page.goto(page.base + "/")
    pin = page.locator('#home-map g.bm-pin[data-urgency=""]')
    assert pin.count() == 1 and pin.text_content() == "1"


def test_choosing_from_the_list_moves_the_pin(phone, patient):
    page = phone
    log_in(page, "map.patient@example.com")
    page.goto(page.base + "/areas/new/")
    page.get_by_label("Body area").select_option("neck")
    cx, cy = body_map.CENTRES["neck"]
    transform = page.locator("#area-map .bm-new-pin").get_attribute("transform")
    assert transform == f"translate({cx:.1f} {cy:.1f})"
    page.get_by_label("Short name").fill("Neck lump")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/entries/new/")
    area = WatchedArea.objects.get(patient=patient)
    assert area.site == "neck" and area.pin_x is None and area.pin == (cx, cy)
