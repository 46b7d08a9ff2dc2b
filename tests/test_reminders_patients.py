"""Reminders for the patient: the rhythm they pick, quiet hours, a pause, one kind nudge, a
private calendar feed, one-click unsubscribe, and no health data anywhere."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from monitoring.care.clinician import review_concerns
from monitoring.models import Concern, ReminderPlan
from monitoring.reminders import calendar_feed, patients, schedule
from tests.factories import EntryFactory
from tests.tasks_helpers import run_tasks

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC)


def at(day, hour=10):
    return datetime.datetime(2026, 3, day, hour, 0, tzinfo=datetime.UTC)


def reminders_sent():
    return [m for m in mail.outbox if m.subject == "It is time for your skin check"]


def test_a_month_of_weekly_reminders(patient, area):
    """The worker's own schedule, hour by hour through March: reminders follow the patient's
    checks, one nudge after a missed one, never in quiet hours, nothing while paused."""
    with time_machine.travel(START, tick=False):
        ReminderPlan.objects.create(patient=patient, every_days=7)
    sent = []  # (day, hour, nudge?)
    checks = {at(3), at(18, 12)}
    hour = START
    with time_machine.travel(START, tick=False) as clock:
        while hour < at(31, 23):
            hour += datetime.timedelta(hours=1)
            clock.move_to(hour)
            if hour in checks:
                EntryFactory(area=area)
            if hour == at(26):
                ReminderPlan.objects.filter(patient=patient).update(paused=True)
            before = len(mail.outbox)
            schedule.tick()
            run_tasks()
            for message in mail.outbox[before:]:
                if message.to == [patient.email]:
                    sent.append((hour.day, hour.hour, "A few days ago" in message.body))
    assert sent == [
        (10, 10, False),  # 7 days after the check on the 3rd
        (13, 10, True),  # not checked: one kind nudge 3 days later
        (17, 10, False),  # the rhythm goes on, and no second nudge
        (25, 12, False),  # 7 days after the check on the 18th; paused from the 26th
    ]


def test_quiet_hours_hold_a_reminder_until_they_end(patient, area):
    with time_machine.travel(at(1, 0), tick=False) as clock:
        ReminderPlan.objects.create(patient=patient, every_days=7, quiet_from=20, quiet_until=9)
        clock.move_to(at(8, 1))  # due since midnight, but inside quiet hours
        patients.send_due_reminders()
        clock.move_to(at(8, 8))
        patients.send_due_reminders()
        run_tasks()
        assert reminders_sent() == []
        clock.move_to(at(8, 9))
        patients.send_due_reminders()
        run_tasks()
        assert len(reminders_sent()) == 1


def test_quiet_hours_can_wrap_past_midnight():
    kwargs = {"quiet_from": 21, "quiet_until": 8}
    assert patients.is_quiet(now=at(1, 23), **kwargs)
    assert patients.is_quiet(now=at(1, 7), **kwargs)
    assert not patients.is_quiet(now=at(1, 8), **kwargs)
    assert patients.is_quiet(now=at(1, 13), quiet_from=12, quiet_until=14)


def test_everyone_with_an_area_gets_the_monthly_default(patient, area, other_patient):
    with time_machine.travel(START, tick=False) as clock:
        patients.send_due_reminders()
        plan = ReminderPlan.objects.get(patient=patient)
        assert plan.every_days == 30 and plan.by_email and not plan.paused
        assert not ReminderPlan.objects.filter(patient=other_patient).exists()  # no area
        clock.move_to(START + datetime.timedelta(days=29))
        patients.send_due_reminders()
        clock.move_to(START + datetime.timedelta(days=30))
        patients.send_due_reminders()
        run_tasks()
    assert len(reminders_sent()) == 1


def test_two_workers_never_send_the_same_reminder(patient, area):
    with time_machine.travel(START, tick=False) as clock:
        ReminderPlan.objects.create(patient=patient, every_days=7)
        clock.move_to(at(8, 11))
        first = patients.send_due_reminders()
        second = patients.send_due_reminders()
        run_tasks()
    assert (first.reminders, second.reminders) == (1, 0)
    assert len(reminders_sent()) == 1


def test_the_reminder_has_no_health_data_and_links_where_the_app_runs(patient, area, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    with time_machine.travel(START, tick=False) as clock:
        ReminderPlan.objects.create(patient=patient, every_days=7)
        clock.move_to(at(8, 11))
        patients.send_due_reminders()
        run_tasks()
    (message,) = reminders_sent()
    assert "It is time for your skin check" in message.body
    assert area.name.lower() not in message.body.lower()
    assert "scar" not in message.body.lower() and "lump" not in message.body.lower()
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith("http://127.0.0.1:8123/") for link in links)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8123/")


def test_one_click_unsubscribe_needs_no_login(patient):
    token = patients.unsubscribe_token(patient)
    url = reverse("monitoring:unsubscribe", kwargs={"token": token})
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get(url).status_code == 200  # a page with a button: GET changes nothing
    assert not ReminderPlan.objects.filter(patient=patient, by_email=False).exists()
    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert ReminderPlan.objects.get(patient=patient).by_email is False


def test_a_forged_unsubscribe_link_is_404(patient):
    url = reverse("monitoring:unsubscribe", kwargs={"token": f"{patient.code}:forged"})
    assert Client().post(url).status_code == 404


def test_the_patient_sets_their_rhythm(patient_client, patient):
    url = reverse("monitoring:reminders")
    assert patient_client.get(url).status_code == 200
    response = patient_client.post(
        url, {"every_days": "14", "quiet_from": "22", "quiet_until": "7", "paused": "on"}
    )
    assert response.status_code == 302
    plan = ReminderPlan.objects.get(patient=patient)
    assert (plan.every_days, plan.by_email, plan.quiet_from, plan.quiet_until, plan.paused) == (
        14,
        False,
        22,
        7,
        True,
    )
    assert "Your reminders are paused" in patient_client.get(url).content.decode()


def test_a_bad_rhythm_is_refused_plainly(patient_client, patient):
    response = patient_client.post(
        reverse("monitoring:reminders"), {"every_days": "3", "quiet_from": "25", "quiet_until": "7"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_reminder_pages_need_a_login(client):
    for name in ("monitoring:reminders", "monitoring:calendar_reset"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response.url


def test_calendar_reset_is_post_only(patient_client):
    assert patient_client.get(reverse("monitoring:calendar_reset")).status_code == 405


def test_the_calendar_feed_is_private_and_says_only_skin_check(patient_client, patient, area):
    with time_machine.travel(START, tick=False):
        plan = patients.plan_for(patient)
        url = reverse("monitoring:calendar", kwargs={"token": plan.calendar_token})
        response = Client().get(url)  # a calendar app: no login, the secret is the URL
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Skin check"]
    assert events[0].decoded("dtstart") == datetime.date(2026, 3, 31)
    assert area.name.encode() not in response.content

    patient_client.post(reverse("monitoring:calendar_reset"))
    assert Client().get(url).status_code == 404  # the old link stops working
    plan.refresh_from_db()
    new = reverse("monitoring:calendar", kwargs={"token": plan.calendar_token})
    assert Client().get(new).status_code == 200


def test_a_reminder_before_the_next_appointment_links_to_the_summary(patient, area):
    from tracker.models import Profile

    with time_machine.travel(at(1), tick=False) as clock:
        Profile.objects.update_or_create(
            user=patient, defaults={"next_appointment": datetime.date(2026, 3, 12)}
        )
        ReminderPlan.objects.create(patient=patient, every_days=30)
        clock.move_to(at(9))
        patients.send_due_reminders()
        clock.move_to(at(10))  # two days before
        patients.send_due_reminders()
        clock.move_to(at(11))
        patients.send_due_reminders()
        run_tasks()
    (message,) = reminders_sent()
    assert "Your next visit is coming up" in message.body
    assert reverse("monitoring:summary") in message.body
    assert area.name.lower() not in message.body.lower()


def test_an_area_under_watch_is_reminded_weekly_whatever_the_rhythm(patient, area, clinician):
    """A monthly rhythm becomes weekly while an area has an open concern; the review closes it
    and the patient's own rhythm returns."""
    with time_machine.travel(START, tick=False) as clock:
        ReminderPlan.objects.create(patient=patient, every_days=30)
        EntryFactory(area=area, date=START.date(), signs=["new_lump"], change="new")
        assert Concern.objects.open().filter(patient=patient).exists()
        clock.move_to(at(8))
        patients.send_due_reminders()
        run_tasks()
        assert len(reminders_sent()) == 1  # 7 days after the check, not 30
        feed = Calendar.from_ical(calendar_feed.build(plan=patient.reminder_plan))
        (event,) = [c for c in feed.walk("VEVENT") if str(c["uid"]).startswith("rhythm-")]
        assert event["rrule"]["interval"] == [7]

        clock.move_to(at(9))
        EntryFactory(area=area, date=at(9).date())  # the patient checks, nothing seen
        review_concerns(
            patient=patient,
            reviewer=clinician,
            outcome=Concern.Outcome.SEEN_NO_CONCERN,
            note="",
            area_code=area.code,
        )
        assert not Concern.objects.open().filter(patient=patient).exists()
        clock.move_to(at(17))
        patients.send_due_reminders()
        run_tasks()
        assert len(reminders_sent()) == 1  # back to monthly: nothing 7 days after that check


def test_a_resolved_area_is_not_under_watch(patient, area):
    with time_machine.travel(START, tick=False) as clock:
        ReminderPlan.objects.create(patient=patient, every_days=30)
        EntryFactory(area=area, date=START.date(), signs=["new_lump"], change="new")
        area.resolved_at = START
        area.save()
        clock.move_to(at(9))
        patients.send_due_reminders()
        run_tasks()
        assert reminders_sent() == []
