"""Photos kept across a validation error (tracker/staging.py): kept, private, attached, cleaned."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.photo_helpers import photo_bytes, storage_fixture, stored_files, upload  # noqa: F401
from tests.test_tracker_forms import entry_data
from tracker.models import Entry, Photo, StagedPhoto
from tracker.staging import remove_expired_staged_photos, stage_files


def keep_one(patient_client, area, seed=1):
    """Post a check with a bad pain score and one good photo: the photo is kept."""
    url = reverse("tracker:entry_create", args=[area.code])
    data = {**entry_data(pain="11"), "photos": [upload(photo_bytes(seed=seed))]}
    response = patient_client.post(url, data)
    assert response.status_code == 200
    return StagedPhoto.objects.filter(owner=area.patient).latest("created_at")


def test_kept_photo_is_served_to_its_owner_only(patient_client, area, storage, stranger_clients):
    kept = keep_one(patient_client, area)
    url = reverse("tracker:staged_file", args=[kept.code, "thumb"])
    response = patient_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    for who, client in stranger_clients.items():
        assert client.get(url).status_code == 404, who


def test_even_an_invited_clinician_cannot_see_a_kept_photo(
    patient_client, area, storage, invited_clinician, client
):
    kept = keep_one(patient_client, area)
    client_for(client, invited_clinician)
    assert client.get(reverse("tracker:staged_file", args=[kept.code, "screen"])).status_code == 404


def test_kept_photo_needs_login_and_get(patient_client, area, storage, client):
    kept = keep_one(patient_client, area)
    url = reverse("tracker:staged_file", args=[kept.code, "full"])
    assert patient_client.post(url).status_code == 405
    assert (
        patient_client.get(reverse("tracker:staged_file", args=[kept.code, "x"])).status_code == 404
    )
    client.logout()
    assert client.get(url).status_code == 302


def test_someone_elses_kept_photo_cannot_be_attached(
    patient_client, area, storage, other_patient, client
):
    theirs, _problems = stage_files(owner=other_patient, files=[upload(photo_bytes(seed=9))])
    url = reverse("tracker:entry_create", args=[area.code])
    response = patient_client.post(url, {**entry_data(), "staged": [str(theirs[0].code)]})
    assert response.status_code == 200
    assert "is no longer kept" in response.content.decode()
    assert not Entry.objects.exists() and not Photo.objects.exists()
    assert StagedPhoto.objects.get().owner == other_patient


def test_unticked_kept_photo_is_not_attached(patient_client, area, storage):
    kept = keep_one(patient_client, area)
    url = reverse("tracker:entry_create", args=[area.code])
    assert patient_client.post(url, entry_data()).status_code == 302
    assert not Photo.objects.exists()
    assert StagedPhoto.objects.filter(pk=kept.pk).exists()  # until the clean-up


def test_kept_photos_count_towards_the_limit_and_duplicates(
    patient_client, area, storage, settings
):
    settings.PHOTO_MAX_PER_ENTRY = 2
    kept = keep_one(patient_client, area, seed=3)
    url = reverse("tracker:entry_create", args=[area.code])
    same = {**entry_data(), "staged": [str(kept.code)], "photos": [upload(photo_bytes(seed=3))]}
    assert "This photo is already on this check." in patient_client.post(url, same).content.decode()
    more = {
        **entry_data(),
        "staged": [str(kept.code)],
        "photos": [upload(photo_bytes(seed=4)), upload(photo_bytes(seed=5))],
    }
    page = patient_client.post(url, more).content.decode()
    assert "so you can add 1 more" in page
    assert not Entry.objects.exists()


def test_edit_form_keeps_photos_too(patient_client, entry, storage):
    url = reverse("tracker:entry_edit", args=[entry.code])
    bad = {**entry_data(date=entry.date.isoformat(), pain="12"), "photos": [upload(photo_bytes())]}
    page = patient_client.post(url, bad).content.decode()
    kept = StagedPhoto.objects.get()
    assert "Your photo is kept." in page
    good = {**entry_data(date=entry.date.isoformat()), "staged": [str(kept.code)]}
    assert patient_client.post(url, good).status_code == 302
    assert entry.photos.get().sha256 == kept.sha256


def test_clean_up_deletes_kept_photos_after_a_day(
    patient, storage, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=25), tick=False):
        old, _ = stage_files(owner=patient, files=[upload(photo_bytes(seed=1))])
    new, _ = stage_files(owner=patient, files=[upload(photo_bytes(seed=2))])
    assert len(stored_files(storage)) == 6
    with django_capture_on_commit_callbacks(execute=True):
        assert remove_expired_staged_photos() == 1
    assert list(StagedPhoto.objects.all()) == new
    assert stored_files(storage) == sorted(new[0].file_names)
    with django_capture_on_commit_callbacks(execute=True):
        assert remove_expired_staged_photos() == 0  # safe to run again


def test_clean_up_command(patient, storage, settings, django_capture_on_commit_callbacks):
    settings.STAGED_PHOTO_HOURS = 1
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=2), tick=False):
        stage_files(owner=patient, files=[upload(photo_bytes(seed=1))])
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean_staged_photos", stdout=out)
    assert "Deleted 1 kept photo(s)." in out.getvalue()
    assert not StagedPhoto.objects.exists() and stored_files(storage) == []


def test_refused_file_is_not_kept(patient, storage):
    kept, problems = stage_files(owner=patient, files=[upload(b"not a photo", "x.jpg")])
    assert kept == [] and len(problems) == 1 and stored_files(storage) == []


@pytest.mark.parametrize("rendition", ["thumb", "screen", "full"])
def test_kept_photo_has_no_metadata(patient_client, area, storage, rendition):
    kept = keep_one(patient_client, area)
    data = b"".join(patient_client.get(reverse("tracker:staged_file", args=[kept.code, rendition])))
    assert b"Exif" not in data and b"Acme" not in data
