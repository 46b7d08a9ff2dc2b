"""The admin shows patient data read-only, cannot create grants, and logs every view of a
patient's data with the role "administrator"."""

import pytest
from django.urls import reverse

from monitoring.models import AccessLogEntry, Concern, Invitation
from tests.photo_helpers import add_photo
from tracker.models import CareGrant, Entry, Profile, Question


@pytest.fixture
def record(patient, entry, invited_clinician):
    Profile.objects.get_or_create(user=patient)
    Question.objects.create(patient=patient, text="Ask about the scar")
    return {"photo": add_photo(entry)}


def _objects(patient, entry, record):
    grant = CareGrant.objects.get(patient=patient)
    return {
        "tracker_watchedarea": entry.area,
        "tracker_entry": entry,
        "tracker_photo": record["photo"],
        "tracker_profile": patient.profile,
        "tracker_question": Question.objects.get(patient=patient),
        "tracker_caregrant": grant,
        "monitoring_concern": Concern.objects.get(area=entry.area),
    }


def test_every_view_of_patient_data_is_logged_as_administrator(
    admin_client, admin_user, patient, entry, record
):
    for name, obj in _objects(patient, entry, record).items():
        before = AccessLogEntry.objects.filter(actor=admin_user, patient=patient).count()
        assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        change = reverse(f"admin:{name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200, name
        rows = AccessLogEntry.objects.filter(actor=admin_user, patient=patient)
        assert rows.count() == before + 2, name
        assert set(rows.values_list("actor_role", flat=True)) == {"administrator"}


def test_patient_data_is_read_only_in_the_admin(admin_client, patient, entry, record):
    for name, obj in _objects(patient, entry, record).items():
        assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 403, name
        delete = reverse(f"admin:{name}_delete", args=[obj.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403, name
        change = reverse(f"admin:{name}_change", args=[obj.pk])
        admin_client.post(change, {"notes": "changed", "date": "2020-01-01"})
    entry.refresh_from_db()
    assert Entry.objects.filter(pk=entry.pk).exists() and entry.notes != "changed"


def test_the_admin_cannot_create_a_grant_or_an_invitation(admin_client, patient, clinician):
    response = admin_client.post(
        reverse("admin:tracker_caregrant_add"),
        {"patient": patient.pk, "member": clinician.pk, "role": "caregiver"},
    )
    assert response.status_code == 403
    assert not CareGrant.objects.filter(member=clinician).exists()
    assert admin_client.get(reverse("admin:monitoring_invitation_add")).status_code == 403
    assert not Invitation.objects.exists()


def test_an_administrator_can_delete_an_account_that_is_in_the_log(
    admin_client, patient, entry, record, invited_clinician
):
    from django.test import Client

    from tests.conftest import client_for

    client_for(Client(), invited_clinician).get(
        reverse("tracker:area_detail", kwargs={"code": entry.area.code})
    )
    assert AccessLogEntry.objects.filter(actor=invited_clinician).exists()
    response = admin_client.post(
        reverse("admin:tracker_user_delete", args=[invited_clinician.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert AccessLogEntry.objects.filter(actor_pseudonym=invited_clinician.log_pseudonym).exists()
