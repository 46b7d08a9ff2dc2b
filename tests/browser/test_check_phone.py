"""The check on a phone: photo first, the live camera with last time's photo as a ghost, photos
kept across a validation error, and a short keyboard path through the form."""

import re

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import assert_fits_phone, log_in
from tests.factories import AreaFactory, EntryFactory, UserFactory
from tests.photo_helpers import add_photo, photo_bytes, storage_fixture  # noqa: F401
from tracker.models import Entry, StagedPhoto

pytestmark = pytest.mark.usefixtures("storage")
# Tab stops from the first photo control to "Save check"; the old form took 57. 33 since
# issue 12 added one sign checkbox (hair_loss, in the "look of the skin" group).
MAX_TAB_STOPS = 33


@pytest.fixture
def area(transactional_db):
    patient = UserFactory(email="check.patient@example.com", full_name="Cam Era")
    area = AreaFactory(patient=patient, name="Spot on left scar", site="scar_left")
    add_photo(EntryFactory(area=area, size_mm=5), seed=7)  # last time's photo: the ghost
    return area


def open_form(page, area):
    page.goto(f"{page.base}/areas/{area.code}/entries/new/")


def test_photo_comes_first_and_signs_are_grouped(phone, area, axe):
    page = phone
    log_in(page, "check.patient@example.com")
    open_form(page, area)
    order = page.evaluate(
        """() => [...document.querySelectorAll('#entry-form legend.step-title, #entry-form label')]
        .map(e => e.textContent.trim())"""
    )
    joined = " | ".join(order)
    assert joined.index("Photo") < joined.index("What do you see or feel?")
    assert joined.index("What do you see or feel?") < joined.index("Change since last time")
    assert joined.index("Change since last time") < joined.index("Longest size in mm")
    assert joined.index("Pain") < joined.index("Treatment in use") < joined.index("Notes")
    # Help lines open on request.
    help_line = page.get_by_text("It feels harder than the skin around it")
    assert not help_line.is_visible()
    page.get_by_text("What these mean").first.click()
    assert help_line.is_visible()
    assert_fits_phone(page)
    assert_accessible(page)


def test_keyboard_path_through_the_form_is_short(desktop, area):
    page = desktop
    log_in(page, "check.patient@example.com")
    open_form(page, area)
    page.locator(".camera-open").focus()
    visited = [page.evaluate("document.activeElement.outerHTML.slice(0, 80)")]
    while page.evaluate("document.activeElement.textContent.trim()") != "Save check":
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
        assert len(visited) <= 80, "never reached the Save button"
    assert len(visited) <= MAX_TAB_STOPS, "\n".join(visited)


def test_photo_through_the_ghost_camera(phone, area):
    page = phone
    log_in(page, "check.patient@example.com")
    open_form(page, area)
    page.get_by_role("button", name="Open the camera").click()
    video = page.locator("video.camera-video")
    page.wait_for_function("v => v.readyState >= 2 && v.videoWidth > 0", arg=video.element_handle())
    ghost = page.locator("img.camera-ghost")
    assert ghost.get_attribute("src").startswith("/photos/")  # the access-checked photo view
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=ghost.element_handle()
    )
    page.get_by_label(re.compile("See-through photo from")).fill("70")
    assert ghost.evaluate("img => getComputedStyle(img).opacity") == "0.7"
    frame = video.evaluate("v => v.videoWidth * v.videoHeight")
    page.get_by_role("button", name="Take the photo").click()
    page.get_by_role("img", name="New photo 1").wait_for()
    assert page.locator("input[name=photos]").evaluate("i => i.files.length") == 1
    page.get_by_role("button", name="Close camera").click()
    assert_fits_phone(page)
    page.get_by_label("A new lump or bump").check()
    page.get_by_role("button", name="Save check").click()
    page.get_by_text("Your check is saved.").first.wait_for()
    entry = Entry.objects.filter(area=area).latest("created_at")
    photo = entry.photos.get()
    # The camera's full-resolution still (or full frame), never a scaled-down preview.
    assert photo.width * photo.height >= frame >= 640 * 480


def test_chosen_photo_can_be_removed_before_saving(phone, area):
    page = phone
    log_in(page, "check.patient@example.com")
    open_form(page, area)
    files = [
        {"name": f"IMG_{i}.JPG", "mimeType": "image/jpeg", "buffer": photo_bytes(seed=i)}
        for i in (1, 2)
    ]
    page.locator("input[name=photos]").set_input_files(files)
    page.get_by_role("img", name="New photo 2").wait_for()
    page.get_by_role("button", name="Remove new photo 1").click()
    assert page.locator("input[name=photos]").evaluate("i => i.files.length") == 1
    assert page.locator("input[name=photos]").evaluate("i => i.files[0].name") == "IMG_2.JPG"


def test_photos_survive_a_validation_error(phone, area):
    page = phone
    log_in(page, "check.patient@example.com")
    open_form(page, area)
    page.locator("input[name=photos]").set_input_files(
        [{"name": "IMG_0005.JPG", "mimeType": "image/jpeg", "buffer": photo_bytes(seed=5)}]
    )
    page.get_by_label(re.compile(r"^\s*Pain")).fill("12")
    page.get_by_label("Notes").fill("still here")
    page.get_by_role("button", name="Save check").click()
    page.get_by_text("Your photo is kept. It will be saved with the check.").wait_for()
    kept = page.get_by_role("img", name="Kept photo 1")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=kept.element_handle())
    assert page.get_by_label("Notes").input_value() == "still here"
    assert not Entry.objects.filter(notes="still here").exists()
    assert StagedPhoto.objects.count() == 1

    page.get_by_label(re.compile(r"^\s*Pain")).fill("2")
    page.get_by_role("button", name="Save check").click()
    page.get_by_text("Your check is saved.").first.wait_for()
    entry = Entry.objects.get(notes="still here")
    assert entry.photos.count() == 1 and not StagedPhoto.objects.exists()
