"""The worker's tasks (django-tasks, database backend). Each is short and safe to run twice."""

import logging
import smtplib
from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import BadHeaderError
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from monitoring.reminders import alerts, mail, patients
from tracker.integrity import check_photos
from tracker.staging import remove_expired_staged_photos

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> timedelta:
    """1, 5, 25, 125 minutes (times MAIL_RETRY_MINUTES) after the 1st, 2nd, 3rd, 4th failure."""
    return timedelta(minutes=settings.MAIL_RETRY_MINUTES * 5 ** (attempt - 1))


@task()
def send_email(*, to, subject, body, headers, attempt=1):
    try:
        mail.deliver(to=to, subject=subject, body=body, headers=headers)
    except BadHeaderError:
        logger.error("Mail refused: a header had a line break (attempt %s)", attempt)
        return "refused"
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= settings.MAIL_MAX_ATTEMPTS:
            logger.error("Mail failed %s times; giving up (%s)", attempt, type(error).__name__)
            raise
        delay = retry_delay(attempt)
        logger.warning(
            "Mail failed (%s); trying again in %s min", type(error).__name__, delay.seconds // 60
        )
        send_email.using(run_after=timezone.now() + delay).enqueue(
            to=to, subject=subject, body=body, headers=headers, attempt=attempt + 1
        )
        return "retry"
    return "sent"


@task()
def send_push(*, subscription_id, attempt=1):
    from monitoring.models import PushSubscription
    from monitoring.reminders import push

    subscription = PushSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return "gone"
    try:
        return push.deliver(subscription)
    except (push.WebPushException, OSError) as error:
        if attempt >= settings.MAIL_MAX_ATTEMPTS:
            logger.error("Push failed %s times; giving up (%s)", attempt, type(error).__name__)
            raise
        send_push.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            subscription_id=subscription_id, attempt=attempt + 1
        )
        return "retry"


@task()
def run_daily_rules():
    call_command("evaluate_flags", verbosity=0)


@task()
def send_reminders():
    return asdict(patients.send_due_reminders())


@task()
def send_digests():
    return alerts.send_soon_digests()


@task()
def clean_staged_photos():
    return remove_expired_staged_photos()


@task()
def run_photo_check():
    return check_photos().pk


@task()
def noop():
    """Does nothing: the benchmark's baseline for one task's round trip through the queue."""
