"""Measuring a spot on a photo in Chromium: handles moved by keyboard and by dragging, the size
saved on the check and shown as measured."""

import re

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import assert_fits_phone, log_in
from tests.factories import AreaFactory, EntryFactory, UserFactory
from tests.photo_helpers import photo_bytes, storage_fixture, upload  # noqa: F401
from tracker.measurements import PhotoMeasurement
from tracker.photos import attach_photos

pytestmark = pytest.mark.usefixtures("storage")


@pytest.fixture
def photo(transactional_db):
    patient = UserFactory(email="measure.patient@example.com")
    entry = EntryFactory(area=AreaFactory(patient=patient, name="Spot"), signs=["new_lump"])
    files = [upload(photo_bytes(seed=3, size=(1200, 900), exif=False))]
    return attach_photos(entry=entry, files=files, author=patient)[0]


def field(page, name):
    return float(page.locator(f"input[name={name}]").input_value())


def test_measure_by_keyboard_and_touch_and_save_the_size(phone, photo, axe):
    page = phone
    log_in(page, "measure.patient@example.com")
    page.goto(f"{page.base}/photos/{photo.code}/")
    page.get_by_role("link", name="Measure on this photo").click()
    page.wait_for_url(re.compile(r"/measure/$"))
    page.get_by_label("What is in the photo to measure against?").select_option("ruler_10mm")
    assert_fits_phone(page)
    assert_accessible(page)

    # Keyboard: the second reference handle, 10 small steps right (3 px each on a 1200 px photo).
    start = field(page, "reference_x2")
    handle = page.get_by_role("button", name="Reference, second end")
    handle.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert field(page, "reference_x2") == start + 30

    # Touch or mouse: drag the second spot handle towards the right edge of the photo.
    spot = page.get_by_role("button", name="Spot, second end")
    box = spot.bounding_box()
    stage = page.locator(".measure-stage").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(stage["x"] + stage["width"] * 0.8, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    assert field(page, "spot_x2") == pytest.approx(960, abs=20)

    ref = field(page, "reference_x2") - field(page, "reference_x1")
    spot_px = field(page, "spot_x2") - field(page, "spot_x1")
    expected = round(spot_px * 10 / ref, 1)
    assert page.locator(".measure-result").inner_text() == f"About {expected} mm"

    page.get_by_role("button", name="Save the measurement").click()
    page.get_by_role("heading", name=f"Measured: {expected} mm").wait_for()
    measurement = PhotoMeasurement.objects.get()
    assert measurement.length_mm == expected
    page.get_by_role("button", name=re.compile(r"^Use \d+ mm as the size of this check$")).click()
    page.get_by_text("measured on the photo").first.wait_for()
    entry = photo.entry
    entry.refresh_from_db()
    assert entry.size_mm == round(expected) and entry.size_measurement == measurement
    assert page.get_by_text(f"Size: {round(expected)} mm (measured on the photo)").is_visible()
