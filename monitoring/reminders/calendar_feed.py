"""The patient's private calendar feed (iCalendar): when the next skin checks are due. Every
event says only "Skin check": no area, sign or anything else about their health."""

from datetime import timedelta

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from monitoring.models import ReminderPlan, WatchPlan
from monitoring.reminders.patients import (
    checked_since_plan,
    every_days,
    next_due,
    watched_concerns,
)
from tracker.models import Entry


def _event(uid, day, stamp):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", _("Skin check"))
    event.add("description", _("It is time for your skin check."))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    return event


def build(*, plan: ReminderPlan) -> bytes:
    now = timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Skin Change Tracker//reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Skin checks"))
    if not plan.paused:
        last = Entry.objects.filter(area__patient=plan.patient_id).aggregate(Max("created_at"))
        watching = watched_concerns().filter(patient=plan.patient_id).exists()
        due = timezone.localdate(
            max(next_due(plan, last["created_at__max"], watching=watching), now)
        )
        event = _event(f"rhythm-{plan.pk}@skin-change-tracker", due, now)
        interval = every_days(plan, watching=watching)
        event.add("rrule", {"freq": "daily", "interval": interval, "count": 12})
        cal.add_component(event)
        watch = (
            WatchPlan.objects.active()
            .filter(patient=plan.patient_id, due_on__gte=timezone.localdate(now))
            .annotate(done=checked_since_plan())
            .filter(done=False)
        )
        for watch_plan in watch:
            cal.add_component(
                _event(f"watch-{watch_plan.code}@skin-change-tracker", watch_plan.due_on, now)
            )
    return cal.to_ical()
