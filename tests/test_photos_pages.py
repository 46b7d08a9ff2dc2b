"""Serving, showing, deleting and comparing photos: private headers, access on every URL, files
deleted only after the database change commits, and a bounded timeline."""

import datetime
import uuid

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from tests.conftest import at_most_queries
from tests.factories import AreaFactory, EntryFactory, UserFactory, long_history
from tests.photo_helpers import (
    add_photo,
    storage_fixture,  # noqa: F401
    stored_files,
)
from tracker import services
from tracker.models import Photo
from tracker.views import TIMELINE_PAGE_SIZE

pytestmark = pytest.mark.usefixtures("storage")


@pytest.fixture
def photo(entry):
    return add_photo(entry)


# --- every photo URL: owner, strangers, anonymous, wrong method --------------------------------

PHOTO_VIEWS = [
    # (url name, extra kwargs, methods the owner may use, a refused method)
    ("tracker:photo_file", {"rendition": "thumb"}, "GET", "POST"),
    ("tracker:photo_file", {"rendition": "screen"}, "GET", "POST"),
    ("tracker:photo_file", {"rendition": "full"}, "GET", "POST"),
    ("tracker:photo_detail", {}, "GET", "POST"),
    ("tracker:photo_delete", {}, "GET", "PUT"),
]


def photo_url(name, photo, extra):
    return reverse(name, kwargs={"code": photo.code, **extra})


@pytest.mark.parametrize(("name", "extra", "method", "refused"), PHOTO_VIEWS)
def test_owner_opens_every_photo_url(patient_client, photo, name, extra, method, refused):
    response = patient_client.get(photo_url(name, photo, extra))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "extra", "method", "refused"), PHOTO_VIEWS)
def test_strangers_get_404_on_every_photo_url(
    stranger_clients, photo, name, extra, method, refused
):
    for who, client in stranger_clients.items():
        assert client.get(photo_url(name, photo, extra)).status_code == 404, who
        assert client.post(photo_url(name, photo, extra)).status_code in (404, 405), who
    assert Photo.objects.filter(pk=photo.pk).exists()


@pytest.mark.parametrize(("name", "extra", "method", "refused"), PHOTO_VIEWS)
def test_anonymous_is_sent_to_login(client, photo, name, extra, method, refused):
    response = client.get(photo_url(name, photo, extra))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "extra", "method", "refused"), PHOTO_VIEWS)
def test_wrong_method_is_refused(patient_client, photo, name, extra, method, refused):
    response = getattr(patient_client, refused.lower())(photo_url(name, photo, extra))
    assert response.status_code == 405


def test_unknown_rendition_and_unknown_code_are_404(patient_client, photo):
    raw = photo_url("tracker:photo_file", photo, {"rendition": "raw"})
    assert patient_client.get(raw).status_code == 404
    missing = reverse("tracker:photo_file", kwargs={"code": uuid.UUID(int=0), "rendition": "thumb"})
    assert patient_client.get(missing).status_code == 404


def test_compare_access(patient_client, stranger_clients, area, photo):
    url = reverse("tracker:compare", args=[area.code])
    assert patient_client.get(url).status_code == 200
    for who, other in stranger_clients.items():
        assert other.get(url).status_code == 404, who
    assert Client().get(url).status_code == 302
    assert patient_client.post(url).status_code == 405


def test_another_patients_photo_code_does_not_open_in_my_compare(
    patient_client, other_patient, area, entry
):
    mine = add_photo(entry, seed=1)
    theirs = add_photo(EntryFactory(area=AreaFactory(patient=other_patient)), seed=2)
    url = reverse("tracker:compare", args=[area.code])
    page = patient_client.get(url, {"a": str(theirs.code), "b": str(theirs.code)}).content.decode()
    assert str(theirs.code) not in page
    assert str(mine.code) in page or "at least two photos" in page


# --- serving ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rendition", ["thumb", "screen", "full"])
def test_photo_is_served_privately_with_safe_headers(patient_client, photo, storage, rendition):
    field = {"thumb": "thumbnail_name", "screen": "screen_name", "full": "master_name"}[rendition]
    # InMemoryStorage hands out one shared file object per name: read it before the view does.
    with storage.open(getattr(photo, field), "rb") as handle:
        expected = handle.read()
    response = patient_client.get(photo_url("tracker:photo_file", photo, {"rendition": rendition}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Content-Disposition"] == (
        f'inline; filename="photo-{photo.code}-{rendition}.jpg"'
    )
    assert b"".join(response.streaming_content) == expected
    assert int(response["Content-Length"]) == len(expected)


def test_download_name_names_no_patient(patient_client, patient, area, photo):
    response = patient_client.get(photo_url("tracker:photo_file", photo, {"rendition": "full"}))
    disposition = response["Content-Disposition"]
    for private in ("Pat", "patient", "scar", "Lump", str(photo.entry.date)):
        assert private.lower() not in disposition.lower()


def test_missing_file_is_404_not_500(patient_client, photo, storage):
    storage.delete(photo.thumbnail_name)
    response = patient_client.get(photo_url("tracker:photo_file", photo, {"rendition": "thumb"}))
    assert response.status_code == 404


def test_stored_files_have_no_public_url(patient_client, photo):
    from tracker import settings as real_settings

    assert real_settings.STORAGES["default"]["OPTIONS"]["base_url"] is None
    for name in photo.file_names:
        for prefix in ("/", "/media/"):
            assert patient_client.get(prefix + name).status_code == 404


# --- pages -----------------------------------------------------------------------------------


def test_timeline_shows_thumbnails_linking_to_the_photo_page(patient_client, area, photo):
    for url in (reverse("tracker:area_detail", args=[area.code]), reverse("tracker:timeline")):
        page = patient_client.get(url).content.decode()
        assert reverse("tracker:photo_file", args=[photo.code, "thumb"]) in page
        assert reverse("tracker:photo_detail", args=[photo.code]) in page
        assert "Photo 1 of 1" in page


def test_photo_page_shows_screen_size_and_links_to_full(patient_client, photo):
    page = patient_client.get(reverse("tracker:photo_detail", args=[photo.code])).content.decode()
    assert reverse("tracker:photo_file", args=[photo.code, "screen"]) in page
    assert reverse("tracker:photo_file", args=[photo.code, "full"]) in page
    assert reverse("tracker:photo_delete", args=[photo.code]) in page


class TestLongHistoryWithPhotos(TestCase):
    """200 checks over three areas, each with a photo: the same bounds as
    tests/test_tracker_pages.py, the photos of a page coming in one prefetch query. Built once
    for the class (setUpTestData)."""

    @classmethod
    def setUpTestData(cls):
        cls.patient = UserFactory()
        cls.areas = long_history(cls.patient, photo_rows=True)

    def setUp(self):
        self.client.force_login(self.patient)

    def thumbnails(self, most, url, **params):
        with at_most_queries(most):
            response = self.client.get(url, params)
        return response.content.decode().count("/thumb/")

    def test_timeline_page_1_with_photos_queries_are_bounded(self):
        self.assertGreaterEqual(self.thumbnails(7, reverse("tracker:timeline"), page="1"), 1)

    def test_timeline_page_2_with_photos_queries_are_bounded(self):
        self.assertGreaterEqual(self.thumbnails(7, reverse("tracker:timeline"), page="2"), 1)

    def test_timeline_page_4_with_photos_queries_are_bounded(self):
        self.assertGreaterEqual(self.thumbnails(7, reverse("tracker:timeline"), page="4"), 1)

    def test_area_timeline_with_photos_queries_are_bounded(self):
        url = reverse("tracker:area_detail", args=[self.areas[0].code])
        # 8, plus the latest photo and the chart's checks; one thumbnail per check of the page.
        self.assertEqual(self.thumbnails(10, url), TIMELINE_PAGE_SIZE)


# --- delete: files go only after the commit ----------------------------------------------------


def test_delete_photo_asks_first_then_deletes_files_after_commit(
    patient_client, photo, storage, django_capture_on_commit_callbacks
):
    url = reverse("tracker:photo_delete", args=[photo.code])
    page = patient_client.get(url).content.decode()
    assert "Delete this photo?" in page and 'method="post"' in page
    assert Photo.objects.filter(pk=photo.pk).exists()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = patient_client.post(url)
    assert response.status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert len(stored_files(storage)) == 3  # still there until the commit
    for callback in callbacks:
        callback()
    assert stored_files(storage) == []


def test_delete_entry_removes_its_photo_files_after_commit(
    patient_client, entry, storage, django_capture_on_commit_callbacks
):
    add_photo(entry, seed=1)
    add_photo(entry, seed=2)
    other = add_photo(EntryFactory(area=entry.area), seed=3)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        patient_client.post(reverse("tracker:entry_delete", args=[entry.code]))
    assert len(stored_files(storage)) == 9
    for callback in callbacks:
        callback()
    assert stored_files(storage) == sorted(other.file_names)


def test_delete_area_removes_every_photo_file_after_commit(
    patient_client, area, entry, storage, django_capture_on_commit_callbacks
):
    add_photo(entry, seed=1)
    add_photo(EntryFactory(area=area), seed=2)
    with django_capture_on_commit_callbacks(execute=True):
        patient_client.post(reverse("tracker:area_delete", args=[area.code]))
    assert not Photo.objects.exists()
    assert stored_files(storage) == []


def test_rolled_back_delete_keeps_the_files(entry, storage, django_capture_on_commit_callbacks):
    from django.db import transaction

    photo = add_photo(entry)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.delete_entry(entry=entry)
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert len(stored_files(storage)) == 3


# --- compare -----------------------------------------------------------------------------------


@pytest.fixture
def three_photos(area):
    entries = [
        EntryFactory(area=area, date=datetime.date(2026, 1, 5), size_mm=4, signs=["new_lump"]),
        EntryFactory(area=area, date=datetime.date(2026, 2, 5), size_mm=6, signs=["firm"]),
        EntryFactory(area=area, date=datetime.date(2026, 3, 5), size_mm=9, signs=["discoloured"]),
    ]
    return [add_photo(entry, seed=i) for i, entry in enumerate(entries)]


def figures(page):
    return page.split('class="row row-cols-1 row-cols-md-2 g-3 compare-pair"')[1]


def test_compare_defaults_to_first_and_latest(patient_client, area, three_photos):
    page = patient_client.get(reverse("tracker:compare", args=[area.code])).content.decode()
    shown = figures(page)
    first, middle, latest = three_photos
    assert reverse("tracker:photo_file", args=[first.code, "screen"]) in shown
    assert reverse("tracker:photo_file", args=[latest.code, "screen"]) in shown
    assert reverse("tracker:photo_file", args=[middle.code, "screen"]) not in shown
    assert shown.index("5 January 2026") < shown.index("5 March 2026")
    assert "Size: 4 mm" in shown and "Size: 9 mm" in shown
    assert "A new lump or bump" in shown
    assert '<label class="form-label" for="compare-a">' in page
    assert '<label class="form-label" for="compare-b">' in page


def test_compare_any_two_chosen_photos(patient_client, area, three_photos):
    first, middle, latest = three_photos
    url = reverse("tracker:compare", args=[area.code])
    page = patient_client.get(url, {"a": str(middle.code), "b": str(first.code)}).content.decode()
    shown = figures(page)
    assert shown.index("5 February 2026") < shown.index("5 January 2026")
    assert "5 March 2026" not in shown
    assert f'<option value="{middle.code}" selected>' in page


def test_compare_with_fewer_than_two_photos_says_so(patient_client, area, photo):
    page = patient_client.get(reverse("tracker:compare", args=[area.code])).content.decode()
    assert "at least two photos" in page


def test_compare_numbers_photos_of_the_same_check(patient_client, area, entry):
    add_photo(entry, seed=1)
    add_photo(entry, seed=2)
    page = patient_client.get(reverse("tracker:compare", args=[area.code])).content.decode()
    day = entry.date.strftime("%-d %B %Y")
    assert f"{day}, photo 1" in page and f"{day}, photo 2" in page


def test_area_page_links_to_compare_when_it_has_photos(patient_client, area, entry):
    url = reverse("tracker:area_detail", args=[area.code])
    compare = reverse("tracker:compare", args=[area.code])
    assert compare not in patient_client.get(url).content.decode()
    add_photo(entry)
    assert compare in patient_client.get(url).content.decode()
