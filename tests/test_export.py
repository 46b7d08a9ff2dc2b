"""A patient downloads everything they stored as one ZIP file."""

import csv
import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from tests.factories import AreaFactory, EntryFactory
from tests.images import photo_bytes
from tests.photo_helpers import storage_fixture, upload  # noqa: F401
from tracker.models import Photo, Question
from tracker.photos import attach_photos


def download(client):
    response = client.get(reverse("tracker:export_download"))
    assert response.status_code == 200
    return response, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_holds_the_whole_record_and_every_photo(patient_client, patient, entry, storage):
    patient.profile.history = ["mastectomy_left"]
    patient.profile.save()
    attach_photos(entry=entry, files=[upload(photo_bytes(seed=1))], author=patient)
    Question.objects.create(patient=patient, text="Should I worry about the itch?")
    response, archive = download(patient_client)

    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    assert "Pat" not in response["Content-Disposition"]  # the file name names no patient
    record = json.loads(archive.read("record.json"))
    assert record["profile"]["history"] == ["mastectomy_left"]
    [area] = record["areas"]
    assert area["name"] == "Lump under left scar"
    [check] = area["checks"]
    assert check["signs"] == ["new_lump"] and check["size_mm"] == 6
    assert record["questions"][0]["text"] == "Should I worry about the itch?"
    photo = Photo.objects.get()
    [photo_file] = check["photos"]
    with default_storage.open(photo.master_name, "rb") as stored:
        assert archive.read(photo_file["file"]) == stored.read()
    rows = list(csv.DictReader(io.StringIO(archive.read("checks.csv").decode())))
    assert rows[0]["area"] == "Lump under left scar" and rows[0]["signs"] == "new_lump"


def test_export_includes_flags_and_care_team_notes(patient_client, entry):
    flag = entry.flags.get()  # a new lump raises a flag when the entry is saved
    flag.note_to_patient = "Please book a visit."
    flag.save()
    _, archive = download(patient_client)
    [check] = json.loads(archive.read("record.json"))["areas"][0]["checks"]
    assert check["flags"][0]["rule"] == flag.rule
    assert check["flags"][0]["note_to_patient"] == "Please book a visit."


def test_export_holds_only_my_own_record(patient_client, area, other_patient):
    theirs = AreaFactory(patient=other_patient, name="Somebody else's spot")
    EntryFactory(area=theirs, notes="their private note")
    _, archive = download(patient_client)
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Somebody else" not in everything and b"their private note" not in everything


def test_export_needs_login_and_get(patient_client, db):
    for name in ["tracker:export", "tracker:export_download"]:
        url = reverse(name)
        assert Client().get(url).url.startswith(reverse("login"))
        assert patient_client.post(url).status_code == 405
    assert "Download my record" in patient_client.get(reverse("tracker:export")).content.decode()
