"""The daily rules run: bring every concern up to today (time passing). Safe to run twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from monitoring.flags import evaluation
from monitoring.reminders.health import rules_succeeded
from tracker.models import User


class Command(BaseCommand):
    help = (
        "Bring every patient's concerns up to today: the rules that depend on time passing "
        "(antibiotics or a cream not helping, a change that lasts). Run once a day; running it "
        "again the same day changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Judge as of this date (YYYY-MM-DD); default today.")
        parser.add_argument("--patient", help="Only this patient (email address).")

    def handle(self, *args, today=None, patient=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today: bad date {today!r}, expected YYYY-MM-DD") from None
        who = None
        if patient:
            who = User.objects.filter(email__iexact=patient).first()
            if who is None:
                raise CommandError(f"--patient: no account with the email {patient!r}")
        result = evaluation.evaluate_time(patient=who, today=day)
        if who is None and today is None:
            rules_succeeded()  # a whole run for today: triage stops warning
        self.stdout.write(
            f"evaluate_flags {day.isoformat()}: {len(result.raised)} concern(s) opened, "
            f"{len(result.escalated)} raised in urgency."
        )
