"""Hostile input gets a 400 or the form's message, never a 500, and never reaches a query or the
access log: NUL bytes, over-long values, line breaks in names that go into email headers."""

import pytest
from django.core import mail
from django.urls import reverse

from monitoring.models import AccessLogEntry
from tests.conftest import client_for
from tests.factories import PASSWORD
from tests.photo_helpers import add_photo
from tests.tasks_helpers import run_tasks


@pytest.fixture
def photo(entry):
    return add_photo(entry)


def test_a_nul_byte_in_a_photo_url_is_a_400_and_not_logged(client, invited_clinician, photo):
    reader = client_for(client, invited_clinician)
    before = AccessLogEntry.objects.count()
    response = reader.get(f"/photos/{photo.code}/%00/")
    assert response.status_code == 400
    assert AccessLogEntry.objects.count() == before


@pytest.mark.parametrize(
    "url", ["/learn/signs/code/%00/", "/learn/signs/%00/", "/?page=%00", "/learn/?q=a%00b"]
)
def test_a_nul_byte_anywhere_in_the_address_is_a_400(client, patient_client, url):
    assert client.get(url).status_code == 400
    assert patient_client.get(url).status_code == 400


def test_a_nul_byte_in_a_login_is_a_400(client, patient):
    response = client.post(reverse("login"), {"username": "pat\x00@example.com", "password": "x"})
    assert response.status_code == 400


def test_a_login_name_over_255_characters_gets_the_forms_message(client, db):
    response = client.post(
        reverse("login"), {"username": "a" * 300 + "@example.com", "password": "whatever-pass"}
    )
    assert response.status_code == 200
    assert "correct email address and password" in response.content.decode() or (
        "at most" in response.content.decode()
    )


def test_an_absurdly_long_value_is_a_400(client, db):
    response = client.post(reverse("login"), {"username": "a" * 30_000, "password": "x"})
    assert response.status_code == 400


def test_a_name_with_a_line_break_never_reaches_an_invitation_email(client, patient):
    """A name stored with a line break (e.g. before this check) is made one line; the form
    refuses new ones (tests/test_accounts.py)."""
    from django.core.exceptions import ValidationError

    patient.full_name = "Pat\nBcc: someone@example.com"
    with pytest.raises(ValidationError):
        patient.full_clean()


def test_an_invitation_from_a_patient_with_a_plain_name_sends(
    patient_client, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = patient_client.post(
            reverse("monitoring:invite"), {"email": "helper@example.com", "role": "caregiver"}
        )
    assert response.status_code == 302
    run_tasks()
    assert len(mail.outbox) == 1 and "\n" not in mail.outbox[0].subject
    assert PASSWORD not in mail.outbox[0].body
