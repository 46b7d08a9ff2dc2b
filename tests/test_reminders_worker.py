"""The worker: its own schedule (each job once per slot, however many workers), mail retried
with backoff when the server fails (never a 500 for the person who acted), and the warning when
the daily rules have not run for 36 hours."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from monitoring.models import ScheduledJob
from monitoring.reminders import schedule
from monitoring.reminders.health import DAILY_RULES
from tests.conftest import client_for
from tests.tasks_helpers import queued, run_tasks
from tracker.models import Heartbeat

pytestmark = pytest.mark.django_db

NIGHT = datetime.datetime(2026, 3, 2, 1, 30, tzinfo=datetime.UTC)


class FlakyBackend(EmailBackend):
    """A mail server that fails the first `failures` sends."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("the server hung up")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.test_reminders_worker.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.failures = 0


def test_each_job_is_enqueued_once_per_slot():
    with time_machine.travel(NIGHT, tick=False) as clock:
        first = schedule.tick()
        assert set(first) == {j.name for j in schedule.JOBS}  # a first start runs everything
        assert schedule.tick() == []  # a second worker at the same moment finds nothing due
        rules = ScheduledJob.objects.get(name="daily_rules")
        assert rules.next_run_at == datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)
        clock.move_to(datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC))
        assert "daily_rules" in schedule.tick()
        assert schedule.tick() == []
        assert ScheduledJob.objects.get(name="daily_rules").next_run_at == datetime.datetime(
            2026, 3, 3, 2, 0, tzinfo=datetime.UTC
        )
    assert queued("run_daily_rules").count() == 2


def test_a_failed_send_is_retried_with_backoff_and_no_500(patient_client, flaky_mail):
    flaky_mail.failures = 2
    start = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        response = patient_client.post(
            reverse("monitoring:invite"), {"email": "helper@example.com", "role": "caregiver"}
        )
        assert response.status_code == 302  # the person who acted never sees the mail fail
        run_tasks()  # the first try fails: tried again in 1 minute
        assert mail.outbox == []
        retry = queued("send_email").get()
        assert retry.run_after == start + datetime.timedelta(minutes=1)
        assert run_tasks() == 0  # not before its time
        clock.move_to(start + datetime.timedelta(minutes=1))
        run_tasks()  # the second fails: 5 minutes
        assert queued("send_email").get().run_after == start + datetime.timedelta(minutes=6)
        clock.move_to(start + datetime.timedelta(minutes=6))
        run_tasks()
    assert [m.to for m in mail.outbox] == [["helper@example.com"]]
    assert "/invitations/" in mail.outbox[0].body


def test_a_send_that_keeps_failing_stops_and_is_marked_failed(flaky_mail, settings):
    from monitoring.reminders import mail as app_mail

    settings.MAIL_MAX_ATTEMPTS = 2
    flaky_mail.failures = 99
    with time_machine.travel(NIGHT, tick=False) as clock:
        app_mail.queue(
            to="a@example.com",
            subject="Hi",
            template="monitoring/reminders/urgent_email.txt",
            context={"url": "x", "alerts_url": "y"},
        )
        run_tasks()
        clock.shift(datetime.timedelta(minutes=2))
        run_tasks()
        clock.shift(datetime.timedelta(hours=3))
        assert run_tasks() == 0
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL"]  # a retry queued, then given up
    assert mail.outbox == []


def test_a_line_break_in_a_subject_never_reaches_the_headers():
    from monitoring.reminders import mail as app_mail

    app_mail.queue(
        to="a@example.com",
        subject="Pat\r\nBcc: evil@example.com",
        template="monitoring/reminders/urgent_email.txt",
        context={"url": "x", "alerts_url": "y"},
    )
    run_tasks()
    (message,) = mail.outbox
    assert message.subject == "Pat Bcc: evil@example.com" and message.bcc == []


def test_triage_and_admin_warn_after_36_hours_without_the_daily_rules(client, invited_clinician):
    client_for(client, invited_clinician)
    start = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert "have never run" in client.get(reverse("monitoring:triage")).content.decode()
        schedule.tick()
        run_tasks()  # the worker runs the daily rules (evaluate_flags)
        assert Heartbeat.objects.get(name=DAILY_RULES).beat_at == start
        assert "daily rules" not in client.get(reverse("monitoring:triage")).content.decode()
        clock.move_to(start + datetime.timedelta(hours=35, minutes=59))
        assert "daily rules" not in client.get(reverse("monitoring:triage")).content.decode()
        clock.move_to(start + datetime.timedelta(hours=36))
        page = client.get(reverse("monitoring:triage")).content.decode()
        assert "The daily rules have not run for 36 hours" in page


def test_the_admin_says_so_too(admin_client):
    Heartbeat.objects.create(
        name=DAILY_RULES, beat_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    )
    with time_machine.travel(datetime.datetime(2026, 3, 4, tzinfo=datetime.UTC), tick=False):
        page = admin_client.get(reverse("admin:index")).content.decode()
    assert "The daily rules have not run for 72 hours" in page


def test_cron_keeps_working_and_counts_as_a_run():
    with time_machine.travel(NIGHT, tick=False):
        call_command("evaluate_flags")
        assert Heartbeat.objects.get(name=DAILY_RULES).beat_at == NIGHT
