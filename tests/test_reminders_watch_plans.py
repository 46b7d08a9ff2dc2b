"""Watch plans: a clinician asks for an area to be checked again in N days; the patient is
reminded (no area named); a plan missed shows on the clinician's triage list and record page."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from monitoring.models import WatchPlan
from monitoring.reminders import patients
from tests.conftest import client_for
from tests.factories import AreaFactory, EntryFactory
from tests.tasks_helpers import run_tasks

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 3, 2, 11, 0, tzinfo=datetime.UTC)


def plan_url(patient, area):
    return reverse("monitoring:watch_plan", kwargs={"code": patient.code, "area_code": area.code})


def triage_page(client):
    return client.get(reverse("monitoring:triage")).content.decode()


def test_a_missed_watch_plan_reminds_then_shows_on_triage(client, patient, area, invited_clinician):
    client_for(client, invited_clinician)
    with time_machine.travel(MONDAY, tick=False) as clock:
        response = client.post(plan_url(patient, area), {"days": "3"})
        assert response.status_code == 302
        plan = WatchPlan.objects.get(area=area)
        assert plan.due_on == datetime.date(2026, 3, 5) and plan.requested_by == invited_clinician
        page = client.get(response.url).content.decode()
        assert "New check asked for by 5 Mar 2026" in page
        assert "will be reminded to check this area on 5 March 2026" in page

        clock.move_to(MONDAY + datetime.timedelta(days=3))  # the day: the patient is reminded
        patients.send_due_reminders()
        run_tasks()
        (message,) = mail.outbox
        assert message.to == [patient.email]
        assert message.subject == "It is time for your skin check"
        assert area.name.lower() not in message.body.lower()
        assert "watch plan missed" not in triage_page(client)

        clock.move_to(MONDAY + datetime.timedelta(days=4))  # the day passed without a check
        assert "watch plan missed" in triage_page(client)
        record = client.get(reverse("monitoring:record", kwargs={"code": patient.code}))
        assert "Watch plan missed" in record.content.decode()

        clock.move_to(MONDAY + datetime.timedelta(days=6))  # one nudge, then nothing more
        patients.send_due_reminders()
        patients.send_due_reminders()
        run_tasks()
        assert len(mail.outbox) == 2

        EntryFactory(area=area)  # the patient checks the area: the plan is met
        assert "watch plan missed" not in triage_page(client)


def test_a_check_before_the_day_meets_the_plan(client, patient, area, invited_clinician):
    client_for(client, invited_clinician)
    with time_machine.travel(MONDAY, tick=False) as clock:
        client.post(plan_url(patient, area), {"days": "3"})
        clock.move_to(MONDAY + datetime.timedelta(days=1))
        EntryFactory(area=area)
        clock.move_to(MONDAY + datetime.timedelta(days=5))
        patients.send_due_reminders()
        run_tasks()
        assert [m for m in mail.outbox if m.to == [patient.email]] == []
        assert "watch plan missed" not in triage_page(client)


def test_a_new_plan_replaces_the_areas_earlier_one(client, patient, area, invited_clinician):
    client_for(client, invited_clinician)
    client.post(plan_url(patient, area), {"days": "3"})
    client.post(plan_url(patient, area), {"days": "7"})
    assert list(WatchPlan.objects.active().values_list("days", flat=True)) == [7]


def test_bad_days_are_refused_plainly(client, patient, area, invited_clinician):
    client_for(client, invited_clinician)
    response = client.post(plan_url(patient, area), {"days": "0"}, follow=True)
    assert "Choose a number of days from 1 to 90." in response.content.decode()
    assert not WatchPlan.objects.exists()


def test_only_an_invited_clinician_may_ask(
    patient, area, caregiver, stranger_clients, patient_client
):
    for who, client in stranger_clients.items():
        assert client.post(plan_url(patient, area), {"days": "3"}).status_code == 404, who
    assert (
        client_for(patient_client, caregiver)
        .post(plan_url(patient, area), {"days": "3"})
        .status_code
        == 404
    )
    assert not WatchPlan.objects.exists()


def test_another_patients_area_is_404(client, patient, other_patient, invited_clinician):
    client_for(client, invited_clinician)
    theirs = AreaFactory(patient=other_patient)
    assert client.post(plan_url(patient, theirs), {"days": "3"}).status_code == 404


def test_watch_plan_is_post_only_and_needs_a_login(client, patient, area, invited_clinician):
    assert client.post(plan_url(patient, area), {"days": "3"}).status_code == 302  # to login
    client_for(client, invited_clinician)
    assert client.get(plan_url(patient, area)).status_code == 405


def test_the_clinician_is_not_promised_a_reminder_that_is_off(
    client, patient, area, invited_clinician
):
    from monitoring.models import ReminderPlan

    ReminderPlan.objects.create(patient=patient, by_email=False)
    client_for(client, invited_clinician)
    page = client.post(plan_url(patient, area), {"days": "3"}, follow=True).content.decode()
    assert "will be reminded" not in page
    assert "turned reminders off" in page
