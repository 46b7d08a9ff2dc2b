"""Alerts to the care team: an urgent finding mails each clinician on the grant at once, "soon"
ones come in at most one digest a day, nothing carries health data, and a clinician can turn
them off (and the patient's sharing page says so)."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from monitoring.flags.events import finding_raised
from monitoring.models import AlertChoice, CareAlert
from monitoring.reminders import alerts
from tests.conftest import client_for
from tests.factories import ClinicianFactory, EntryFactory
from tests.tasks_helpers import run_tasks
from tracker.models import CareGrant

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def raise_finding(patient, finding_id, urgency):
    finding_raised.send(sender=None, patient_id=patient.pk, finding_id=finding_id, urgency=urgency)


def assert_no_health_data(message, patient, area=None):
    text = message.subject + message.body
    for word in [patient.full_name, patient.email, "lump", "fever", "infection", "red", "scar"]:
        assert not re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE), word
    if area is not None:
        assert area.name.lower() not in text.lower()


@time_machine.travel(NOON, tick=False)
def test_an_urgent_finding_mails_each_clinician_at_once(
    patient, area, invited_clinician, caregiver, clinician, django_capture_on_commit_callbacks
):
    second = ClinicianFactory(email="dr.second@example.com")
    CareGrant.objects.create(patient=patient, member=second, role="clinician")
    with django_capture_on_commit_callbacks(execute=True):
        # Redness with a fever: the possible-infection rule, urgent (contact the team today).
        EntryFactory(area=area, signs=["red_patch", "fever"], change="new")
    assert mail.outbox == []  # nothing in the patient's request: the worker sends
    run_tasks()
    to = sorted(m.to[0] for m in mail.outbox)
    # Each clinician on the grant; not the caregiver, not an uninvited clinician.
    assert to == ["dr.invited@example.com", "dr.second@example.com"]
    message = mail.outbox[0]
    assert "today" in message.subject
    assert "http://127.0.0.1:8000" + reverse("monitoring:triage") in message.body
    assert_no_health_data(message, patient, area)


def test_the_same_event_twice_mails_once_and_a_rise_mails_again(patient, invited_clinician):
    raise_finding(patient, 41, "urgent")
    raise_finding(patient, 41, "urgent")
    run_tasks()
    assert len(mail.outbox) == 1
    raise_finding(patient, 42, "soon")
    raise_finding(patient, 42, "urgent")  # the same finding rose to urgent: a new alert
    run_tasks()
    assert len(mail.outbox) == 2


def test_next_visit_findings_do_not_alert(patient, invited_clinician):
    raise_finding(patient, 7, "next_visit")
    run_tasks()
    assert mail.outbox == [] and not CareAlert.objects.exists()


def test_a_clinician_who_turned_urgent_mail_off_gets_none(patient, invited_clinician):
    AlertChoice.objects.create(member=invited_clinician, urgent_email=False)
    raise_finding(patient, 1, "urgent")
    run_tasks()
    assert mail.outbox == []


def test_soon_findings_come_in_one_digest_a_day(patient, other_patient, invited_clinician):
    CareGrant.objects.create(patient=other_patient, member=invited_clinician, role="clinician")
    with time_machine.travel(NOON, tick=False):
        raise_finding(patient, 1, "soon")
        raise_finding(other_patient, 2, "soon")
        run_tasks()
        assert mail.outbox == []  # "soon" waits for the digest
        assert alerts.send_soon_digests() == 1
        run_tasks()
        assert len(mail.outbox) == 1
        assert "2 records" in mail.outbox[0].body
        assert_no_health_data(mail.outbox[0], patient)
        # Something else later the same day: no second digest today.
        raise_finding(patient, 3, "soon")
        assert alerts.send_soon_digests() == 0
        run_tasks()
        assert len(mail.outbox) == 1
    with time_machine.travel(NOON + datetime.timedelta(days=1), tick=False):
        assert alerts.send_soon_digests() == 1  # the next day it comes
        run_tasks()
        assert len(mail.outbox) == 2
        assert "1 record " in mail.outbox[1].body
        assert alerts.send_soon_digests() == 0  # and nothing left to tell


def test_the_digest_skips_records_no_longer_shared(patient, invited_clinician):
    raise_finding(patient, 1, "soon")
    CareGrant.objects.filter(member=invited_clinician).update(revoked_at=timezone.now())
    assert alerts.send_soon_digests() == 0
    run_tasks()
    assert mail.outbox == []


def test_the_clinician_changes_their_alerts(client, invited_clinician):
    client_for(client, invited_clinician)
    url = reverse("monitoring:alert_choice")
    assert client.get(url).status_code == 200
    response = client.post(url, {"soon_digest": "on"})
    assert response.status_code == 302
    choice = AlertChoice.objects.get(member=invited_clinician)
    assert not choice.urgent_email and choice.soon_digest


def test_alert_settings_are_for_clinicians_only(patient_client):
    assert patient_client.get(reverse("monitoring:alert_choice")).status_code == 404


def test_the_patients_sharing_page_never_promises_an_alert_that_is_off(
    patient_client, invited_clinician
):
    url = reverse("monitoring:sharing")
    assert "Gets an email at once" in patient_client.get(url).content.decode()
    AlertChoice.objects.create(member=invited_clinician, urgent_email=False)
    page = patient_client.get(url).content.decode()
    assert "Gets an email at once" not in page
    assert "Has turned off email alerts" in page


def test_a_failure_to_record_alerts_never_fails_the_patients_check(
    patient, area, invited_clinician, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(alerts, "record_alerts", broken)
    with django_capture_on_commit_callbacks(execute=True):
        entry = EntryFactory(area=area, signs=["red_patch", "fever"], change="new")
    assert entry.pk is not None
    assert "Could not record the care-team alerts" in caplog.text
