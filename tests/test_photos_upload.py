"""Uploading photos with the entry form: formats, refusals, limits, duplicates, no orphans."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import EntryFactory
from tests.images import (
    BODY_SERIAL,
    EXIF_IFD,
    GPS_IFD,
    MAKE,
    MODEL,
    SOFTWARE,
    bomb_png,
    gif_animation,
    photo_bytes,
)
from tests.photo_helpers import storage_fixture, stored_files, upload  # noqa: F401
from tests.test_tracker_forms import entry_data
from tracker.models import Entry, Photo, StagedPhoto

pytestmark = pytest.mark.usefixtures("storage")


def create_url(area):
    return reverse("tracker:entry_create", args=[area.code])


def post_entry(client, area, files, **overrides):
    return client.post(create_url(area), {**entry_data(**overrides), "photos": files})


def body(response):
    return response.content.decode()


# --- what phones produce ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [
        ("JPEG", "IMG_0001.JPG", "image/jpeg"),
        ("PNG", "Screenshot.png", "image/png"),
        ("WEBP", "photo.webp", "image/webp"),
        ("HEIF", "IMG_0002.HEIC", "image/heic"),
    ],
)
def test_each_phone_format_is_stored_as_three_jpeg_renditions(
    patient_client, patient, area, storage, fmt, name, content_type
):
    response = post_entry(patient_client, area, [upload(photo_bytes(fmt), name, content_type)])
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("tracker:entry_saved", args=[entry.code])
    photo = entry.photos.get()
    assert photo.uploaded_by == patient
    assert (photo.width, photo.height) == (320, 240)
    assert sorted(stored_files(storage)) == sorted(photo.file_names)
    for stored in photo.file_names:
        with storage.open(stored, "rb") as handle:
            im = Image.open(handle, formats=["JPEG"])
            im.load()
        assert im.format == "JPEG"
    assert photo.taken_at is not None
    assert photo.taken_at.date().isoformat() == "2026-03-12"


def test_stored_names_are_generated_never_the_uploaded_name(patient_client, area, storage):
    names = ["../x.jpg", "a.jpg.php", "n" * 300 + ".jpg", "\u202egpj.exe"]
    files = [upload(photo_bytes(seed=i), name) for i, name in enumerate(names)]
    response = post_entry(patient_client, area, files)
    assert response.status_code == 302
    stored = stored_files(storage)
    assert len(stored) == 12
    for name in stored:
        folder, rendition = name.rsplit("/", 1)
        assert rendition in {"master.jpg", "screen.jpg", "thumb.jpg"}
        assert folder.startswith("photos/") and len(folder) == len("photos/") + 32
        assert all(part not in name for part in ("..", "php", "nnn", "exe", "\u202e"))


def test_camera_and_library_inputs_are_both_used(patient_client, area):
    data = {
        **entry_data(),
        "camera": upload(photo_bytes(seed=1)),
        "photos": [upload(photo_bytes(seed=2)), upload(photo_bytes(seed=3))],
    }
    patient_client.post(create_url(area), data)
    assert Photo.objects.filter(entry__area=area).count() == 3


def test_entry_without_photos_still_saves(patient_client, area, storage):
    response = patient_client.post(create_url(area), entry_data())
    assert response.status_code == 302
    assert Entry.objects.count() == 1 and stored_files(storage) == []


def test_stored_renditions_carry_no_location_or_device_tags(patient_client, area, storage):
    post_entry(patient_client, area, [upload(photo_bytes("JPEG")), upload(photo_bytes("HEIF"))])
    assert Photo.objects.count() == 2
    for name in stored_files(storage):
        with storage.open(name, "rb") as handle:
            data = handle.read()
        im = Image.open(io.BytesIO(data), formats=["JPEG"])
        exif = im.getexif()
        assert not exif.get_ifd(GPS_IFD), name
        assert not exif.get_ifd(EXIF_IFD), name
        assert not {MAKE, MODEL, SOFTWARE} & set(exif), name
        assert "exif" not in im.info and "xmp" not in im.info and "icc_profile" not in im.info
        for marker in (b"Acme", b"Phone 12", b"SN-123456", b"Exif\x00", b"http://ns.adobe.com"):
            assert marker not in data, (name, marker)
        assert BODY_SERIAL  # the serial number is checked as bytes above


def test_adding_photos_to_an_existing_entry(patient_client, entry, storage):
    url = reverse("tracker:entry_edit", args=[entry.code])
    data = {**entry_data(date=entry.date.isoformat()), "photos": [upload(photo_bytes(seed=5))]}
    response = patient_client.post(url, data)
    assert response.status_code == 302
    assert entry.photos.count() == 1 and len(stored_files(storage)) == 3
    page = body(patient_client.get(url))
    assert "This check has 1 photo" in page
    assert reverse("tracker:photo_delete", args=[entry.photos.get().code]) in page


def test_upload_script_gets_the_next_address_as_json(patient_client, area):
    response = patient_client.post(
        create_url(area),
        {**entry_data(), "photos": [upload(photo_bytes())]},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    entry = Entry.objects.get()
    assert response.status_code == 200
    assert response.json() == {"location": reverse("tracker:entry_saved", args=[entry.code])}
    # The success message waits for the page the script opens next.
    follow = patient_client.get(response.json()["location"])
    assert "Your check is saved." in body(follow)


# --- refusals: message shown, typed fields kept, nothing saved --------------------------------


def animated_png():
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def truncated_jpeg():
    data = photo_bytes(size=(640, 480), exif=False)
    return data[: len(data) // 2]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
REFUSALS = [
    pytest.param(b"", "This file is empty", id="empty"),
    pytest.param(SVG, "not a photo we can use", id="svg-renamed-jpg"),
    pytest.param(b"%PDF-1.4\n1 0 obj<<>>endobj\n", "not a photo we can use", id="pdf"),
    pytest.param(b"<html><script>alert(1)</script></html>", "not a photo we can use", id="html"),
    pytest.param(b"My skin looked red today.\n", "not a photo we can use", id="text"),
    pytest.param(gif_animation(), "not a photo we can use", id="gif-animation"),
    pytest.param(animated_png(), "Moving pictures cannot be used", id="animated-png"),
    pytest.param(bomb_png(), "too many pixels", id="bomb"),
    pytest.param(truncated_jpeg(), "seems damaged", id="truncated"),
]


@pytest.mark.parametrize(("data", "message"), REFUSALS)
def test_refused_file_rerenders_the_form_saves_nothing_and_keeps_the_good_photo(
    patient_client, area, storage, data, message
):
    good = upload(photo_bytes(seed=1), "good.jpg")
    response = post_entry(
        patient_client, area, [good, upload(data, "IMG_0002.jpg")], notes="typed words stay"
    )
    page = body(response)
    assert response.status_code == 200
    assert message in page
    assert "IMG_0002.jpg: " in page  # which of the files it was
    assert "Nothing has been saved yet." in page
    assert "The photos that could be used are kept above." in page
    assert "typed words stay" in page and 'value="6"' in page  # typed fields kept
    assert not Entry.objects.exists()
    assert not Photo.objects.exists()
    # The good photo is kept for the next try (tracker.staging), and only it.
    kept = StagedPhoto.objects.get(owner=area.patient)
    assert f'name="staged" value="{kept.code}" checked' in page
    assert stored_files(storage) == sorted(kept.file_names)


def test_file_over_the_size_limit_is_refused(patient_client, area, storage, settings):
    settings.PHOTO_MAX_BYTES = 1024
    response = post_entry(patient_client, area, [upload(photo_bytes(size=(400, 300)))])
    assert "too big to upload" in body(response)
    assert not Entry.objects.exists() and stored_files(storage) == []


def test_photo_over_the_pixel_limit_is_refused(patient_client, area, storage, settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    response = post_entry(patient_client, area, [upload(photo_bytes())])
    assert "too many pixels" in body(response)
    assert not Entry.objects.exists() and stored_files(storage) == []


def test_too_many_files_are_refused_before_any_is_processed(
    patient_client, area, storage, settings, monkeypatch
):
    calls = []
    monkeypatch.setattr("tracker.photos.process_photo", lambda *a, **k: calls.append(1))
    files = [upload(photo_bytes(seed=i)) for i in range(settings.PHOTO_MAX_PER_ENTRY + 1)]
    response = post_entry(patient_client, area, files, notes="kept")
    page = body(response)
    assert "A check can have up to 6 photos. Please choose fewer." in page
    assert "kept" in page
    assert calls == []
    assert not Entry.objects.exists() and stored_files(storage) == []


def test_limit_counts_the_photos_an_entry_already_has(patient_client, entry, storage, settings):
    settings.PHOTO_MAX_PER_ENTRY = 2
    url = reverse("tracker:entry_edit", args=[entry.code])
    data = {**entry_data(date=entry.date.isoformat()), "photos": [upload(photo_bytes(seed=1))]}
    assert patient_client.post(url, data).status_code == 302
    data["photos"] = [upload(photo_bytes(seed=2)), upload(photo_bytes(seed=3))]
    data["notes"] = "not saved"
    page = body(patient_client.post(url, data))
    assert "This one already has 1, so you can add 1 more." in page
    entry.refresh_from_db()
    assert entry.notes != "not saved"
    assert entry.photos.count() == 1 and len(stored_files(storage)) == 3


def test_full_entry_offers_no_picker(patient_client, entry, settings):
    settings.PHOTO_MAX_PER_ENTRY = 1
    url = reverse("tracker:entry_edit", args=[entry.code])
    data = {**entry_data(date=entry.date.isoformat()), "photos": [upload(photo_bytes())]}
    patient_client.post(url, data)
    page = body(patient_client.get(url))
    assert "the most it can have" in page and 'name="photos"' not in page


def test_same_photo_twice_in_one_upload_is_refused(patient_client, area, storage):
    data = photo_bytes(seed=4)
    response = post_entry(patient_client, area, [upload(data, "a.jpg"), upload(data, "b.jpg")])
    assert "This photo is already on this check." in body(response)
    assert not Entry.objects.exists() and stored_files(storage) == []


def test_same_photo_again_on_the_same_entry_is_refused(patient_client, entry, storage):
    url = reverse("tracker:entry_edit", args=[entry.code])
    data = {**entry_data(date=entry.date.isoformat()), "photos": [upload(photo_bytes(seed=4))]}
    patient_client.post(url, data)
    data["photos"] = [upload(photo_bytes(seed=4), "again.jpg")]
    response = patient_client.post(url, data)
    assert "This photo is already on this check." in body(response)
    assert entry.photos.count() == 1 and len(stored_files(storage)) == 3


def test_same_photo_on_another_entry_is_fine(patient_client, area, entry):
    other = EntryFactory(area=area)
    for target in (entry, other):
        url = reverse("tracker:entry_edit", args=[target.code])
        data = {**entry_data(date=target.date.isoformat()), "photos": [upload(photo_bytes())]}
        assert patient_client.post(url, data).status_code == 302
    assert Photo.objects.count() == 2


def test_invalid_entry_keeps_good_photos_and_saving_attaches_them(patient_client, area, storage):
    response = post_entry(patient_client, area, [upload(photo_bytes())], pain="11")
    page = body(response)
    assert "Please choose a number from 0 to 10." in page
    assert "Please choose the photo again." not in page
    assert "Your photo is kept. It will be saved with the check." in page
    kept = StagedPhoto.objects.get(owner=area.patient)
    assert reverse("tracker:staged_file", args=[kept.code, "thumb"]) in page
    assert not Entry.objects.exists() and not Photo.objects.exists()

    url = reverse("tracker:entry_create", args=[area.code])
    response = patient_client.post(url, {**entry_data(pain="3"), "staged": [str(kept.code)]})
    assert response.status_code == 302
    photo = Entry.objects.get(area=area).photos.get()
    assert photo.master_name == kept.master_name and photo.sha256 == kept.sha256
    assert not StagedPhoto.objects.exists()
    assert stored_files(storage) == sorted(photo.file_names)


# The faults of the photo store (disk full, read-only, S3 errors) are in test_photos_faults.py.
