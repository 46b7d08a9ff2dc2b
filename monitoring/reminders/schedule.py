"""The worker's own schedule: django-tasks has no periodic scheduler, so this is the smallest
one. Each job has a row in `ScheduledJob`; a worker that finds it due moves `next_run_at` on with
a conditional UPDATE and enqueues the task in the same transaction. On PostgreSQL the second
worker's UPDATE waits for the first and then matches no row, so a job is enqueued once per slot
however many workers run; on SQLite writes are serialised anyway."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from monitoring.models import ScheduledJob
from monitoring.reminders import tasks


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django_tasks Task
    every: timedelta
    at_hour: Callable[[], int] | None = None  # daily jobs: the local hour to run at


JOBS = (
    Job("daily_rules", tasks.run_daily_rules, timedelta(days=1), lambda: settings.DAILY_RULES_HOUR),
    Job("soon_digest", tasks.send_digests, timedelta(days=1), lambda: settings.DIGEST_HOUR),
    Job("reminders", tasks.send_reminders, timedelta(minutes=15)),
    Job("staged_photos", tasks.clean_staged_photos, timedelta(days=1)),
    Job("photo_check", tasks.run_photo_check, timedelta(days=7)),
)


def next_run(job: Job, after: datetime) -> datetime:
    if job.at_hour is None:
        return after + job.every
    local = timezone.localtime(after)
    slot = timezone.make_aware(datetime.combine(local.date(), time(job.at_hour())), local.tzinfo)
    return slot if slot > after else slot + job.every


def tick(*, now: datetime | None = None, jobs=JOBS) -> list[str]:
    """Enqueue every job that is due. Returns the names enqueued by this call."""
    now = now or timezone.now()
    known = set(ScheduledJob.objects.values_list("name", flat=True))
    # A new job runs at once (a first start has no daily rules run yet), then on schedule.
    ScheduledJob.objects.bulk_create(
        [ScheduledJob(name=j.name, next_run_at=now) for j in jobs if j.name not in known],
        ignore_conflicts=True,
    )
    enqueued = []
    due = ScheduledJob.objects.filter(next_run_at__lte=now, name__in=[j.name for j in jobs])
    by_name = {job.name: job for job in jobs}
    for row in due:
        job = by_name[row.name]
        with transaction.atomic():
            claimed = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=next_run(job, now), last_enqueued_at=now
            )
            if claimed:
                job.task.enqueue()
                enqueued.append(job.name)
    return enqueued
