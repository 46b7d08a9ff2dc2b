"""Has the daily rules run (`manage.py evaluate_flags`, by the worker or by cron) succeeded
lately? Triage and the admin say so plainly when it has not for `RULES_STALE_HOURS`."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tracker.health import beat
from tracker.models import Heartbeat

DAILY_RULES = "daily-rules"


def rules_succeeded(*, at: datetime | None = None) -> None:
    beat(DAILY_RULES, at=at)


def daily_rules_warning(*, now: datetime | None = None) -> str:
    """The sentence to show, or "" while the daily rules are on time."""
    now = now or timezone.now()
    last = Heartbeat.objects.filter(name=DAILY_RULES).values_list("beat_at", flat=True).first()
    if last is None:
        return _(
            "The daily rules have never run, so flags that depend on time passing are missing. "
            "Start the worker (manage.py run_worker) or run manage.py evaluate_flags daily."
        )
    hours = int((now - last).total_seconds() // 3600)
    if hours < settings.RULES_STALE_HOURS:
        return ""
    return ngettext(
        "The daily rules have not run for %(hours)d hour, so flags that depend on time passing "
        "may be missing. Check that the worker is running.",
        "The daily rules have not run for %(hours)d hours, so flags that depend on time passing "
        "may be missing. Check that the worker is running.",
        hours,
    ) % {"hours": hours}
