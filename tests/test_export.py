"""A patient downloads everything they stored as one ZIP file."""

import csv
import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import AreaFactory, EntryFactory
from tests.images import photo_bytes
from tests.photo_helpers import storage_fixture, upload  # noqa: F401
from tracker import export
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


def test_export_includes_concerns_and_care_team_notes(patient_client, entry):
    flag = entry.concerns.get()  # a new lump opens a concern when the check is saved
    flag.note_to_patient = "Please book a visit."
    flag.save()
    _, archive = download(patient_client)
    [check] = json.loads(archive.read("record.json"))["areas"][0]["checks"]
    assert check["concerns"][0]["rule"] == flag.rule
    assert check["concerns"][0]["this_check"] == "opened"
    assert check["concerns"][0]["note_to_patient"] == "Please book a visit."


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


def test_export_names_the_reviewer_of_each_outcome(patient_client, entry, invited_clinician):
    flag = entry.concerns.get()
    flag.state, flag.reviewed_by, flag.reviewed_at = "reviewed", invited_clinician, flag.opened_at
    flag.outcome = "book_appointment"
    flag.save()
    _, archive = download(patient_client)
    [check] = json.loads(archive.read("record.json"))["areas"][0]["checks"]
    assert check["concerns"][0]["outcome"] == "book_appointment"
    assert check["concerns"][0]["reviewed_by"] == "Dr Invited"


def test_export_holds_my_own_access_log_and_no_one_elses(
    patient_client, area, invited_clinician, other_patient
):
    from tracker.models import CareGrant

    CareGrant.objects.create(patient=other_patient, member=invited_clinician, role="clinician")
    theirs = AreaFactory(patient=other_patient, name="Somebody else's spot")
    reader = Client()
    client_for(reader, invited_clinician)
    assert reader.get(reverse("tracker:area_detail", args=[area.code])).status_code == 200
    assert reader.get(reverse("tracker:area_detail", args=[theirs.code])).status_code == 200
    _, archive = download(patient_client)
    [row] = json.loads(archive.read("record.json"))["access_log"]
    assert row["who"] == "Dr Invited" and row["role"] == "Clinician"
    assert row["what"] == "an area" and row["allowed"] is True
    [csv_row] = csv.DictReader(io.StringIO(archive.read("access-log.csv").decode()))
    assert csv_row["who"] == "Dr Invited" and csv_row["what"] == "an area"
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert str(theirs.code).encode() not in everything and b"Olga" not in everything


def test_export_streams_before_it_has_read_every_photo(patient_client, entry, storage, monkeypatch):
    for seed in range(3):
        attach_photos(entry=entry, files=[upload(photo_bytes(seed=seed))], author=None)
    opened = []
    real = export.read_chunks

    def counting(storage, name, *args):
        opened.append(name)
        yield from real(storage, name, *args)

    monkeypatch.setattr(export, "read_chunks", counting)
    response = patient_client.get(reverse("tracker:export_download"))
    assert response.streaming
    parts = iter(response.streaming_content)
    first = next(parts)
    assert first.startswith(b"PK") and opened == []  # bytes leave before any photo is read
    second = next(parts)
    assert len(opened) == 1  # and photos go out one by one, as they are read
    archive = zipfile.ZipFile(io.BytesIO(first + second + b"".join(parts)))
    assert len(opened) == 3
    assert archive.testzip() is None
    assert len([n for n in archive.namelist() if n.startswith("photos/")]) == 3
