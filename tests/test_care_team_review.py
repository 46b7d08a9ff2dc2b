"""A clinician's review of a flag: only an invited clinician, only an open flag of that patient,
a deliberate outcome; everyone else is refused."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Flag
from tests.conftest import client_for
from tests.factories import EntryFactory, FlagFactory, UserFactory


@pytest.fixture
def flag(area, entry):
    return FlagFactory(entry=entry)


def review_url(patient):
    return reverse("monitoring:review", kwargs={"code": patient.code})


def test_invited_clinician_reviews_a_flag(patient, flag, invited_clinician):
    client = client_for(Client(), invited_clinician)
    page = client.get(reverse("monitoring:record", kwargs={"code": patient.code}))
    assert b'name="outcome"' in page.content
    response = client.post(
        review_url(patient),
        {"flag": flag.code, "outcome": "book_appointment", "note": "Please book a visit."},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.state == Flag.State.REVIEWED
    assert flag.reviewed_by == invited_clinician
    assert flag.reviewed_at is not None
    assert flag.outcome == "book_appointment"
    assert flag.note_to_patient == "Please book a visit."


def test_review_of_a_closed_flag_changes_nothing(patient, flag, invited_clinician):
    flag.state = Flag.State.REVIEWED
    flag.reviewed_at = timezone.now()
    flag.outcome = "other"
    flag.save()
    client = client_for(Client(), invited_clinician)
    client.post(review_url(patient), {"flag": flag.code, "outcome": "tests_arranged"})
    flag.refresh_from_db()
    assert flag.outcome == "other"


def test_review_needs_a_valid_outcome(patient, flag, invited_clinician):
    client = client_for(Client(), invited_clinician)
    response = client.post(review_url(patient), {"flag": flag.code, "outcome": "all_clear"})
    assert response.status_code == 400
    flag.refresh_from_db()
    assert flag.is_open


def test_no_outcome_is_chosen_for_the_clinician(patient, flag, invited_clinician):
    """Saving a review needs a deliberate choice: the form never starts on "no concern"."""
    client = client_for(Client(), invited_clinician)
    page = client.get(reverse("monitoring:record", kwargs={"code": patient.code})).content.decode()
    select = re.search(r'<select[^>]*name="outcome".*?</select>', page, re.S).group(0)
    options = re.findall(r"<option[^>]*>", select)
    assert options[0] == '<option value="">'
    assert not any("selected" in option for option in options)
    response = client.post(review_url(patient), {"flag": flag.code, "note": "Typed note."})
    assert response.status_code == 400
    flag.refresh_from_db()
    assert flag.is_open
    # What the clinician typed is still there to correct.
    assert "Typed note.</textarea>" in response.content.decode()


def test_review_of_another_patients_flag_is_refused(patient, flag, invited_clinician):
    other = UserFactory()
    theirs = EntryFactory(area__patient=other)
    their_flag = FlagFactory(entry=theirs, urgency="urgent", reason="x")
    client = client_for(Client(), invited_clinician)
    client.post(review_url(patient), {"flag": their_flag.code, "outcome": "other"})
    their_flag.refresh_from_db()
    assert their_flag.is_open


def test_caregiver_can_read_but_not_review(patient, flag, caregiver):
    client = client_for(Client(), caregiver)
    page = client.get(reverse("monitoring:record", kwargs={"code": patient.code}))
    assert page.status_code == 200
    assert b'name="outcome"' not in page.content
    response = client.post(review_url(patient), {"flag": flag.code, "outcome": "other"})
    assert response.status_code == 404
    flag.refresh_from_db()
    assert flag.is_open


def test_review_refused_to_everyone_else(patient, flag, refused_clients, client):
    for who, other in refused_clients.items():
        response = other.post(review_url(patient), {"flag": flag.code, "outcome": "other"})
        assert response.status_code == 404, who
    anonymous = client.post(review_url(patient), {"flag": flag.code, "outcome": "other"})
    assert anonymous.status_code == 302
    flag.refresh_from_db()
    assert flag.is_open


def test_review_wrong_method(patient, invited_clinician):
    client = client_for(Client(), invited_clinician)
    assert client.get(review_url(patient)).status_code == 405


def test_clinician_mark_removed_by_admin_stops_review(patient, flag, invited_clinician):
    invited_clinician.is_clinician = False
    invited_clinician.save()
    client = client_for(Client(), invited_clinician)
    response = client.post(review_url(patient), {"flag": flag.code, "outcome": "other"})
    assert response.status_code == 404


def test_patient_sees_the_outcome_and_to_raise_drops_the_flag(
    patient, patient_client, flag, invited_clinician
):
    to_raise = reverse("monitoring:to_raise")
    assert flag.reason in patient_client.get(to_raise).content.decode()
    client_for(Client(), invited_clinician).post(
        review_url(patient),
        {"flag": flag.code, "outcome": "tests_arranged", "note": "We will call you about a scan."},
    )
    timeline = patient_client.get(reverse("tracker:timeline")).content.decode()
    assert "We will call you about a scan." in timeline
    assert "Tests arranged" in timeline
    assert flag.reason not in patient_client.get(to_raise).content.decode()
