"""After saving, a check dated differently from its photo offers the photo's day (HEIC too)."""

import datetime

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import EntryFactory
from tests.images import photo_bytes
from tests.photo_helpers import storage_fixture, upload  # noqa: F401
from tracker.photos import attach_photos

TAKEN = datetime.date(2026, 3, 12)  # photo_bytes() carries 2026:03:12 14:05:00


@pytest.fixture
def photographed_entry(area, patient, storage):
    entry = EntryFactory(area=area, date=datetime.date(2026, 3, 20))
    heic = photo_bytes("HEIF")
    attach_photos(entry=entry, files=[upload(heic, "IMG_0001.HEIC", "image/heic")], author=patient)
    return entry


def test_saved_page_offers_the_day_the_photo_was_taken(patient_client, photographed_entry):
    body = patient_client.get(
        reverse("tracker:entry_saved", args=[photographed_entry.code])
    ).content.decode()
    assert "Your photo was taken on 12 March 2026, but this check is dated 20 March 2026." in body


def test_using_the_photo_date_moves_the_check(patient_client, photographed_entry):
    url = reverse("tracker:entry_use_photo_date", args=[photographed_entry.code])
    response = patient_client.post(url)
    photographed_entry.refresh_from_db()
    assert response.status_code == 302 and photographed_entry.date == TAKEN
    body = patient_client.get(response.url).content.decode()
    assert "Your photo was taken on" not in body  # nothing left to suggest


def test_no_suggestion_when_the_dates_already_match(patient_client, photographed_entry):
    photographed_entry.date = TAKEN
    photographed_entry.save()
    url = reverse("tracker:entry_saved", args=[photographed_entry.code])
    assert "Your photo was taken on" not in patient_client.get(url).content.decode()


def test_readers_are_not_offered_to_change_the_date(photographed_entry, invited_clinician, client):
    client_for(client, invited_clinician)
    url = reverse("tracker:entry_saved", args=[photographed_entry.code])
    assert "Your photo was taken on" not in client.get(url).content.decode()
    move = reverse("tracker:entry_use_photo_date", args=[photographed_entry.code])
    assert client.post(move).status_code == 404
