"""Photos on a 360 px phone: upload with the entry form, see the thumbnail, compare two photos;
a refused file and a failed connection keep what was typed."""

import errno
import re

import pytest

from tests.browser.conftest import assert_fits_phone
from tests.factories import PASSWORD, AreaFactory, UserFactory
from tests.images import photo_bytes
from tests.photo_helpers import storage_fixture, stored_files  # noqa: F401
from tracker.models import Entry, Photo

pytestmark = pytest.mark.usefixtures("storage")


@pytest.fixture
def area(db):
    patient = UserFactory(email="photo.patient@example.com", full_name="Pia Photo")
    return AreaFactory(patient=patient, name="Lump under left scar", site="scar_left")


def log_in(page, email):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(page.base + "/")


def jpeg(seed, taken="2026:03:12 09:30:00"):
    return {
        "name": f"IMG_{seed:04}.JPG",
        "mimeType": "image/jpeg",
        "buffer": photo_bytes(seed=seed, size=(1200, 900), taken=taken),
    }


def open_entry_form(page, area):
    page.goto(f"{page.base}/areas/{area.code}/entries/new/")


def image_loaded(locator):
    """Wait until the image has really loaded (thumbnails load lazily: scroll to them first)."""
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=locator.element_handle()
    )
    return True


def test_upload_see_thumbnail_and_compare(phone, area):
    page = phone
    log_in(page, area.patient.email)

    open_entry_form(page, area)
    page.get_by_text("How to take a photo you can compare").click()
    assert page.get_by_text("a ruler or a coin next to the spot").is_visible()
    assert page.locator("label", has_text="Choose from library").is_visible()
    page.get_by_label("Longest size in mm").fill("6")
    page.locator("input[name=photos]").set_input_files([jpeg(1)])
    suggestion = page.get_by_role(
        "button", name="Use the date the photo was taken (12 March 2026)?"
    )
    suggestion.click()
    assert page.get_by_label(re.compile(r"^\s*Date\*?\s*$")).input_value() == "2026-03-12"
    assert_fits_phone(page)
    page.get_by_role("button", name="Save check").click()
    page.get_by_text("Your check is saved.").first.wait_for()
    entry = Entry.objects.get(area=area)
    assert entry.date.isoformat() == "2026-03-12" and entry.photos.count() == 1
    thumb = page.get_by_role("img", name="Photo 1 of 1, 12 March 2026")
    assert image_loaded(thumb)

    open_entry_form(page, area)
    page.get_by_label("Longest size in mm").fill("8")
    page.locator("input[name=photos]").set_input_files([jpeg(2, taken="2026:04:02 09:30:00")])
    page.get_by_role("button", name="Use the date the photo was taken (2 April 2026)?").click()
    page.get_by_role("button", name="Save check").click()
    page.get_by_text("Your check is saved.").first.wait_for()

    page.goto(f"{page.base}/areas/{area.code}/")
    assert page.locator("article.timeline-entry img").count() == 2
    assert all(image_loaded(img) for img in page.locator("article.timeline-entry img").all())
    page.get_by_role("link", name="Compare photos").click()
    page.wait_for_url(re.compile(r"/compare/"))
    first, second = page.locator(".compare-pair img").all()
    assert image_loaded(first) and image_loaded(second)
    assert page.get_by_label("First photo").input_value() == str(
        Photo.objects.get(entry__date="2026-03-12").code
    )
    # At 360 px the two photos stack: the second starts below the first.
    first_box, second_box = first.bounding_box(), second.bounding_box()
    assert second_box["y"] >= first_box["y"] + first_box["height"]
    assert (
        page.get_by_text("Size: 6 mm").is_visible() and page.get_by_text("Size: 8 mm").is_visible()
    )
    assert_fits_phone(page)


def test_refused_file_shows_the_reason_and_keeps_typed_text(phone, area, storage):
    page = phone
    log_in(page, area.patient.email)
    open_entry_form(page, area)
    page.get_by_label("Notes").fill("typed text survives")
    page.locator("input[name=photos]").set_input_files(
        [{"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"not a photo at all"}]
    )
    page.get_by_role("button", name="Save check").click()
    page.get_by_text("This file is not a photo we can use.").wait_for()
    assert page.get_by_label("Notes").input_value() == "typed text survives"
    assert page.evaluate("document.activeElement.id") == "form-problems"
    assert not Entry.objects.exists() and stored_files(storage) == []
    assert_fits_phone(page)


def test_failed_connection_says_so_and_keeps_everything(phone, area, storage):
    page = phone
    log_in(page, area.patient.email)
    open_entry_form(page, area)
    page.get_by_label("Notes").fill("still here")
    page.locator("input[name=photos]").set_input_files([jpeg(3)])
    page.route("**/entries/new/", lambda route: route.abort("connectionreset"))
    page.get_by_role("button", name="Save check").click()
    page.get_by_text("The upload did not finish, so nothing was saved.").wait_for()
    assert page.get_by_label("Notes").input_value() == "still here"
    assert page.locator("input[name=photos]").evaluate("input => input.files.length") == 1
    assert page.get_by_role("button", name="Save check").is_enabled()
    assert not Entry.objects.exists() and stored_files(storage) == []


def test_photo_store_failure_says_so_and_keeps_everything(phone, area, storage, monkeypatch):
    def disk_full(name, content, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "save", disk_full)  # the live server shares this storage
    page = phone
    log_in(page, area.patient.email)
    open_entry_form(page, area)
    page.get_by_label("Notes").fill("still here")
    page.locator("input[name=photos]").set_input_files([jpeg(4)])
    page.get_by_role("button", name="Save check").click()
    alert = page.get_by_role("alert").filter(has_text="We could not save your photos just now")
    alert.wait_for()
    assert "nothing has been saved" in alert.inner_text()
    assert page.get_by_label("Notes").input_value() == "still here"
    assert page.locator("input[name=photos]").evaluate("input => input.files.length") == 1
    assert page.get_by_role("button", name="Save check").is_enabled()
    assert not Entry.objects.exists() and stored_files(storage) == []
    assert_fits_phone(page)
