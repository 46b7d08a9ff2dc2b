"""The patient's view of the access log: one line per person and day ("looked at 3 checks and
22 photos on 1 December"), the rows a tap away, writes and refusals told apart."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse

from monitoring.models import AccessLogEntry
from tests.conftest import client_for
from tests.factories import EntryFactory


def _row(actor, patient, what, **extra):
    AccessLogEntry.objects.create(actor=actor, patient=patient, what=what, allowed=True, **extra)


def test_reads_are_grouped_by_person_and_day(patient_client, patient, invited_clinician, caregiver):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)):
        for _ in range(3):
            _row(invited_clinician, patient, "entry")
        for _ in range(22):
            _row(invited_clinician, patient, "photo")
        _row(caregiver, patient, "entry", wrote=True)
    with time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC)):
        _row(invited_clinician, patient, "timeline")
    page = patient_client.get(reverse("monitoring:access_log")).content.decode()
    assert "looked at 3 checks and 22 photos" in page
    assert "on 1 December 2026" in page and "on 2 December 2026" in page
    assert "and changed 1 thing" in page
    # Newest day first.
    assert page.index("2 December 2026") < page.index("1 December 2026")


def test_the_details_are_a_tap_away(patient_client, patient, invited_clinician):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)):
        _row(invited_clinician, patient, "photo", path="/photos/x/")
    url = reverse(
        "monitoring:access_log_day",
        kwargs={"day": datetime.date(2026, 12, 1), "who": invited_clinician.log_pseudonym},
    )
    assert url in patient_client.get(reverse("monitoring:access_log")).content.decode()
    detail = patient_client.get(url).content.decode()
    assert "a photo" in detail and "10:00" in detail and "Dr Invited" in detail


def test_nobody_else_sees_the_details(patient, invited_clinician, other_patient):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)):
        _row(invited_clinician, patient, "photo")
    url = reverse(
        "monitoring:access_log_day",
        kwargs={"day": datetime.date(2026, 12, 1), "who": invited_clinician.log_pseudonym},
    )
    assert client_for(Client(), other_patient).get(url).status_code == 404
    assert client_for(Client(), invited_clinician).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_a_caregivers_check_is_logged_as_a_write(patient, area):
    from tests.factories import UserFactory
    from tracker.models import CareGrant

    helper = UserFactory(email="helper@example.com")
    CareGrant.objects.create(
        patient=patient, member=helper, role="caregiver", caregiver_can_log=True
    )
    entry = EntryFactory(area=area, created_by=helper)
    client = client_for(Client(), helper)
    client.get(reverse("tracker:entry_edit", kwargs={"code": entry.code}))
    client.post(reverse("tracker:entry_delete", kwargs={"code": entry.code}))
    rows = AccessLogEntry.objects.filter(actor=helper, what="entry").order_by("at", "pk")
    assert list(rows.values_list("wrote", flat=True)) == [False, True]


def test_a_deleted_readers_lines_stay(patient_client, patient, invited_clinician):
    from tracker.security.deletion import delete_account

    _row(invited_clinician, patient, "timeline")
    delete_account(user=invited_clinician)
    page = patient_client.get(reverse("monitoring:access_log")).content.decode()
    assert "A deleted account" in page and "looked at your record 1 time" in page
