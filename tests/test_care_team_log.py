"""The access log: reads of a patient's data by anyone else are logged, with no health data; the
patient's own reads are not; refusals are; nobody can change or delete a row."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from monitoring.models import AccessLogEntry
from tests.conftest import client_for
from tests.photo_helpers import add_photo


def test_reads_by_an_invited_clinician_are_logged(patient, area, entry, invited_clinician):
    client = client_for(Client(), invited_clinician)
    client.get(reverse("tracker:area_detail", kwargs={"code": area.code}), REMOTE_ADDR="10.1.2.3")
    client.get(reverse("tracker:entry_saved", kwargs={"code": entry.code}))
    client.get(reverse("monitoring:record", kwargs={"code": patient.code}) + "?page=1")
    rows = list(AccessLogEntry.objects.order_by("pk"))
    assert [(r.what, r.allowed) for r in rows] == [
        ("area", True),
        ("entry", True),
        ("timeline", True),
    ]
    first = rows[0]
    assert first.actor == invited_clinician and first.patient == patient
    assert first.actor_role == "clinician"
    assert first.object_code == area.code
    assert first.ip_address == "10.1.2.3"
    assert first.path == reverse("tracker:area_detail", kwargs={"code": area.code})
    assert "?" not in rows[2].path
    # No health data: nothing the patient wrote or ticked appears in any row.
    text = str(list(AccessLogEntry.objects.values()))
    for private in (area.name, "new_lump", str(entry.size_mm) + " mm", entry.notes or "\x00"):
        assert private not in text


def test_the_patients_own_reads_are_not_logged(patient_client, area, entry):
    patient_client.get(reverse("tracker:area_detail", kwargs={"code": area.code}))
    patient_client.get(reverse("tracker:entry_saved", kwargs={"code": entry.code}))
    patient_client.get(reverse("tracker:timeline"))
    assert not AccessLogEntry.objects.exists()


def test_refused_attempts_are_logged(patient, area, clinician, other_patient):
    for who in (clinician, other_patient):
        response = client_for(Client(), who).get(
            reverse("tracker:area_detail", kwargs={"code": area.code})
        )
        assert response.status_code == 404
    rows = AccessLogEntry.objects.order_by("pk")
    assert [(r.actor, r.patient, r.allowed, r.actor_role) for r in rows] == [
        (clinician, patient, False, ""),
        (other_patient, patient, False, ""),
    ]


def test_refused_review_by_a_caregiver_is_logged(patient, caregiver):
    client = client_for(Client(), caregiver)
    url = reverse("monitoring:review", kwargs={"code": patient.code})
    assert client.post(url, {"outcome": "other"}).status_code == 404
    row = AccessLogEntry.objects.get()
    assert (row.what, row.allowed, row.patient) == ("flag_review", False, patient)


def test_a_code_that_matches_nothing_is_logged_without_a_patient(clinician):
    import uuid

    client = client_for(Client(), clinician)
    assert (
        client.get(reverse("tracker:area_detail", kwargs={"code": uuid.uuid4()})).status_code == 404
    )
    row = AccessLogEntry.objects.get()
    assert row.patient is None and not row.allowed


def test_anonymous_requests_are_not_logged(client, area):
    client.get(reverse("tracker:area_detail", kwargs={"code": area.code}))
    assert not AccessLogEntry.objects.exists()


def test_revoked_clinician_is_refused_and_logged(patient, area, invited_clinician):
    from django.utils import timezone

    from tracker.models import CareGrant

    client = client_for(Client(), invited_clinician)
    url = reverse("tracker:area_detail", kwargs={"code": area.code})
    client.get(url)
    CareGrant.objects.update(revoked_at=timezone.now())
    client.get(url)
    assert list(AccessLogEntry.objects.order_by("pk").values_list("allowed", flat=True)) == [
        True,
        False,
    ]


def test_the_patient_sees_who_looked(patient, patient_client, area, invited_clinician, clinician):
    client_for(Client(), invited_clinician).get(
        reverse("tracker:area_detail", kwargs={"code": area.code})
    )
    client_for(Client(), clinician).get(reverse("tracker:area_detail", kwargs={"code": area.code}))
    page = patient_client.get(reverse("monitoring:access_log")).content.decode()
    assert invited_clinician.full_name in page and "Test Hospital" in page
    assert clinician.full_name in page and "refused" in page
    # Another patient's log is not shown to them.
    assert (
        "Dr Invited"
        not in client_for(Client(), clinician)
        .get(reverse("monitoring:access_log"))
        .content.decode()
    )


@pytest.fixture
def row(patient, invited_clinician):
    return AccessLogEntry.objects.create(
        actor=invited_clinician, patient=patient, what="timeline", allowed=True
    )


def test_application_code_cannot_change_or_delete_rows(row):
    row.what = "photo"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.filter(pk=row.pk).update(what="photo")
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.all().delete()
    row.refresh_from_db()
    assert row.what == "timeline"


def test_the_database_refuses_updates_too(row):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE monitoring_accesslogentry SET allowed = %s WHERE id = %s", [False, row.pk]
        )
    row.refresh_from_db()
    assert row.allowed


def test_the_database_refuses_deletes_too(row):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_accesslogentry WHERE id = %s", [row.pk])
    assert AccessLogEntry.objects.filter(pk=row.pk).exists()


def test_admin_shows_the_log_read_only(admin_client, row):
    assert (
        admin_client.get(reverse("admin:monitoring_accesslogentry_changelist")).status_code == 200
    )
    assert admin_client.get(reverse("admin:monitoring_accesslogentry_add")).status_code == 403
    change = reverse("admin:monitoring_accesslogentry_change", args=[row.pk])
    response = admin_client.post(change, {"what": "photo"})
    assert response.status_code in (200, 403)
    delete = reverse("admin:monitoring_accesslogentry_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    row.refresh_from_db()
    assert row.what == "timeline"


def test_photo_reads_and_refusals_are_logged(
    patient, entry, invited_clinician, clinician, settings
):
    """A photo is health data: each read by a clinician is a row, and so is a refused try."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    photo = add_photo(entry)
    page = reverse("tracker:photo_detail", kwargs={"code": photo.code})
    file = reverse("tracker:photo_file", kwargs={"code": photo.code, "rendition": "full"})
    invited = client_for(Client(), invited_clinician)
    assert invited.get(page).status_code == 200
    assert invited.get(file).status_code == 200
    assert client_for(Client(), clinician).get(file).status_code == 404
    rows = AccessLogEntry.objects.order_by("pk")
    assert [(r.actor, r.what, r.allowed, r.object_code) for r in rows] == [
        (invited_clinician, "photo", True, photo.code),
        (invited_clinician, "photo", True, photo.code),
        (clinician, "photo", False, photo.code),
    ]
    assert all(r.patient == patient for r in rows)
    assert entry.area.name not in str(list(rows.values()))
