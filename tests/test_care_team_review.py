"""A clinician's review of a flag: only an invited clinician, only an open flag of that patient,
a deliberate outcome; everyone else is refused."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Concern
from tests.conftest import client_for
from tests.factories import ConcernFactory, EntryFactory, UserFactory


@pytest.fixture
def flag(area, entry):
    return ConcernFactory(latest_entry=entry, reason="A new lump was logged on the scar.")


def review_url(patient):
    return reverse("monitoring:review", kwargs={"code": patient.code})


def test_invited_clinician_reviews_a_flag(patient, flag, invited_clinician):
    client = client_for(Client(), invited_clinician)
    page = client.get(reverse("monitoring:record", kwargs={"code": patient.code}))
    assert b'name="outcome"' in page.content
    response = client.post(
        review_url(patient),
        {"concern": flag.code, "outcome": "book_appointment", "note": "Please book a visit."},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.state == Concern.State.REVIEWED
    assert flag.reviewed_by == invited_clinician
    assert flag.reviewed_at is not None
    assert flag.outcome == "book_appointment"
    assert flag.note_to_patient == "Please book a visit."


def test_review_of_a_closed_flag_changes_nothing(patient, flag, invited_clinician):
    flag.state = Concern.State.REVIEWED
    flag.reviewed_at = timezone.now()
    flag.outcome = "other"
    flag.save()
    client = client_for(Client(), invited_clinician)
    client.post(review_url(patient), {"concern": flag.code, "outcome": "tests_arranged"})
    flag.refresh_from_db()
    assert flag.outcome == "other"


def test_review_needs_a_valid_outcome(patient, flag, invited_clinician):
    client = client_for(Client(), invited_clinician)
    response = client.post(review_url(patient), {"concern": flag.code, "outcome": "all_clear"})
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
    response = client.post(review_url(patient), {"concern": flag.code, "note": "Typed note."})
    assert response.status_code == 400
    flag.refresh_from_db()
    assert flag.is_open
    # What the clinician typed is still there to correct.
    assert "Typed note.</textarea>" in response.content.decode()


def test_review_of_another_patients_flag_is_refused(patient, flag, invited_clinician):
    other = UserFactory()
    theirs = EntryFactory(area__patient=other)
    their_flag = ConcernFactory(latest_entry=theirs, urgency="urgent", reason="x")
    client = client_for(Client(), invited_clinician)
    client.post(review_url(patient), {"concern": their_flag.code, "outcome": "other"})
    their_flag.refresh_from_db()
    assert their_flag.is_open


def test_caregiver_can_read_but_not_review(patient, flag, caregiver):
    client = client_for(Client(), caregiver)
    page = client.get(reverse("monitoring:record", kwargs={"code": patient.code}))
    assert page.status_code == 200
    assert b'name="outcome"' not in page.content
    response = client.post(review_url(patient), {"concern": flag.code, "outcome": "other"})
    assert response.status_code == 404
    flag.refresh_from_db()
    assert flag.is_open


def test_review_refused_to_everyone_else(patient, flag, refused_clients, client):
    for who, other in refused_clients.items():
        response = other.post(review_url(patient), {"concern": flag.code, "outcome": "other"})
        assert response.status_code == 404, who
    anonymous = client.post(review_url(patient), {"concern": flag.code, "outcome": "other"})
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
    response = client.post(review_url(patient), {"concern": flag.code, "outcome": "other"})
    assert response.status_code == 404


def test_patient_sees_the_outcome_and_to_raise_drops_the_flag(
    patient, patient_client, flag, invited_clinician
):
    to_raise = reverse("monitoring:to_raise")
    assert flag.reason in patient_client.get(to_raise).content.decode()
    client_for(Client(), invited_clinician).post(
        review_url(patient),
        {
            "concern": flag.code,
            "outcome": "tests_arranged",
            "note": "We will call you about a scan.",
        },
    )
    timeline = patient_client.get(reverse("tracker:timeline")).content.decode()
    assert "We will call you about a scan." in timeline
    assert "Tests arranged" in timeline
    assert flag.reason not in patient_client.get(to_raise).content.decode()


def test_review_all_open_concerns_of_an_area(patient, area, flag, invited_clinician):
    second = ConcernFactory(latest_entry=flag.latest_entry, rule="care_test_2", urgency="urgent")
    elsewhere = ConcernFactory(latest_entry=EntryFactory(area__patient=patient), rule="x")
    client = client_for(Client(), invited_clinician)
    page = client.get(reverse("monitoring:record", kwargs={"code": patient.code})).content
    assert "Review all open concerns of this area" in page.decode()
    response = client.post(
        review_url(patient), {"area": area.code, "outcome": "seen_no_concern", "note": "Fine."}
    )
    assert response.status_code == 302
    for concern in (flag, second):
        concern.refresh_from_db()
        assert (concern.state, concern.note_to_patient) == ("reviewed", "Fine.")
    elsewhere.refresh_from_db()
    assert elsewhere.is_open


def test_review_needs_one_concern_or_one_area(patient, area, flag, invited_clinician):
    client = client_for(Client(), invited_clinician)
    both = {"area": area.code, "concern": flag.code, "outcome": "other"}
    assert client.post(review_url(patient), both).status_code == 400
    assert client.post(review_url(patient), {"outcome": "other"}).status_code == 400
    flag.refresh_from_db()
    assert flag.is_open


def test_record_groups_by_area_in_clinical_words(patient, area, invited_clinician):
    import datetime

    import time_machine

    moment = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        EntryFactory(area=area, date=moment.date(), signs=["new_lump"], size_mm=5)
    with time_machine.travel(moment + datetime.timedelta(days=14), tick=False):
        EntryFactory(
            area=area,
            date=datetime.date(2026, 3, 16),
            signs=["new_lump", "warm", "swelling"],
            size_mm=8,
        )
        client = client_for(Client(), invited_clinician)
        html = client.get(reverse("monitoring:record", kwargs={"code": patient.code})).content
    html = html.decode()
    section = html[html.index('id="open-concerns"') : html.index('id="profile"')]
    assert area.name in section
    assert "Possible infection" in section and "Getting bigger" in section
    assert "size 5 mm → 8 mm" in section and "first logged 2 Mar 2026" in section
    for code in ("possible_infection", "new_lump", "growth", " v2"):
        assert code not in section  # no internal codes for the clinician either
    assert section.index("Possible infection") < section.index("Getting bigger")


def test_contacted_is_shown_to_the_clinician(patient, area, invited_clinician):
    concern = ConcernFactory(latest_entry=EntryFactory(area=area), urgency="urgent")
    concern.contacted_at = timezone.now()
    concern.save()
    client = client_for(Client(), invited_clinician)
    html = client.get(reverse("monitoring:record", kwargs={"code": patient.code})).content
    assert "The patient says they contacted the care team" in html.decode()
