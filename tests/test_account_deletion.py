"""A person deletes their account after their password (and second step where it is on): all
their health data and photo files go; the access log keeps its rows under a pseudonym."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from monitoring.models import AccessLogEntry, Concern, Invitation
from tests.conftest import client_for
from tests.factories import PASSWORD
from tests.photo_helpers import add_photo
from tracker.models import CareGrant, Entry, Photo, Profile, Question, User, WatchedArea
from tracker.security import two_factor


@pytest.fixture
def full_record(patient, entry, invited_clinician, django_capture_on_commit_callbacks):
    photo = add_photo(entry)
    Question.objects.create(patient=patient, text="Is this scar normal?")
    Profile.objects.get_or_create(user=patient)
    reader = client_for(Client(), invited_clinician)
    reader.get(reverse("tracker:area_detail", kwargs={"code": entry.area.code}))
    return photo


def test_the_page_offers_the_export_first(patient_client):
    page = patient_client.get(reverse("account_delete")).content.decode()
    assert reverse("tracker:export") in page
    assert "cannot be undone" in page


def test_a_wrong_password_deletes_nothing(patient_client, patient):
    response = patient_client.post(reverse("account_delete"), {"password": "not-it"})
    assert response.status_code == 200 and "not your password" in response.content.decode()
    assert User.objects.filter(pk=patient.pk).exists()


def test_deleting_removes_every_health_datum_and_file(
    patient_client, patient, full_record, invited_clinician, django_capture_on_commit_callbacks
):
    names = full_record.file_names
    assert all(default_storage.exists(name) for name in names)
    pseudonym = patient.log_pseudonym
    with django_capture_on_commit_callbacks(execute=True):
        response = patient_client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 200 and "deleted" in response.content.decode()
    assert not User.objects.filter(pk=patient.pk).exists()
    for model in (WatchedArea, Entry, Photo, Question, CareGrant, Invitation, Concern):
        assert not model.objects.exists(), model
    assert not Profile.objects.filter(user_id=patient.pk).exists()
    assert not any(default_storage.exists(name) for name in names)
    rows = AccessLogEntry.objects.filter(patient_pseudonym=pseudonym)
    assert rows.exists() and not rows.filter(patient__isnull=False).exists()
    # Logged out: the next page asks for a login.
    assert patient_client.get(reverse("tracker:home")).status_code == 302


def test_a_clinician_who_read_records_can_delete_their_account(patient, full_record):
    reader = User.objects.get(email="dr.invited@example.com")
    client = client_for(Client(), reader)
    assert AccessLogEntry.objects.filter(actor=reader).exists()
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert not User.objects.filter(pk=reader.pk).exists()
    assert AccessLogEntry.objects.filter(actor_pseudonym=reader.log_pseudonym).exists()
    assert User.objects.filter(pk=patient.pk).exists()


def test_with_a_second_step_the_code_is_needed_too(patient):
    device = two_factor.pending_app_device(patient)
    device.confirmed = True
    device.save()
    client = client_for(Client(), patient)
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 200 and User.objects.filter(pk=patient.pk).exists()
    response = client.post(reverse("account_delete"), {"password": PASSWORD, "code": "123456"})
    assert User.objects.filter(pk=patient.pk).exists()


def test_deleting_needs_a_login_and_a_post(patient_client):
    assert Client().get(reverse("account_delete")).status_code == 302
    assert patient_client.put(reverse("account_delete")).status_code == 405
