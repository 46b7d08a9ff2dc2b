"""The one place mail leaves the app: rendered in the request (or task) that decides to send it,
delivered by the `send_email` task, which retries a failed send with backoff. No email carries
health data: only a sentence and a link."""

import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """An absolute link to `path` where the app runs (`SITE_URL`; `make run` sets its port)."""
    return settings.SITE_URL.rstrip("/") + path


def one_line(text: str) -> str:
    """A header value on one line: a subject never carries a line break into the headers."""
    return re.sub(r"\s+", " ", str(text)).strip()


def deliver(*, to: str, subject: str, body: str, headers: dict | None = None) -> None:
    """Send one message now (raises on any SMTP or network failure)."""
    EmailMessage(subject=one_line(subject), body=body, to=[to], headers=headers or {}).send(
        fail_silently=False
    )


def queue(
    *, to: str, subject: str, template: str, context: dict, headers: dict | None = None
) -> None:
    """Render the message now and send it from the worker. Inside a transaction the task row is
    written with it: the mail goes if, and only if, the change that caused it commits."""
    from monitoring.reminders.tasks import send_email

    body = render_to_string(template, context)
    with transaction.atomic():
        send_email.enqueue(to=to, subject=one_line(subject), body=body, headers=headers or {})
