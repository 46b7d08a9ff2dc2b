"""Alerts to the care team. Listens only to `monitoring.flags.events.finding_raised`: an urgent
finding mails each clinician on the patient's grant at once; "soon" ones wait for one digest a
day. Why: "urgent" means contact the care team today and "soon" a visit within about a week
(the urgency codes, education/vocabulary.py), so the first cannot wait and a daily digest is
well inside the second; fewer emails for "soon" guard against alarm fatigue. The mail holds no
health data and no patient's name: a sentence and a link to the triage list, where the
clinician signs in to see who and why."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from education.vocabulary import Urgency
from monitoring.models import AlertChoice, CareAlert
from monitoring.reminders import mail
from tracker.models import CareGrant, Role

logger = logging.getLogger(__name__)


def choice_for(member) -> AlertChoice:
    return AlertChoice.objects.filter(member=member).first() or AlertChoice(member=member)


def _clinicians_of(patient_id):
    grants = CareGrant.objects.active().filter(
        patient_id=patient_id, role=Role.CLINICIAN, member__is_clinician=True
    )
    return grants.select_related("member", "member__alert_choice")


def on_finding_raised(sender, *, patient_id, finding_id, urgency, **kwargs) -> None:
    """Runs after the patient's check committed, inside their request: a failure here must not
    answer 500 for a check that is saved, so it is logged (and reaches Sentry) instead."""
    try:
        record_alerts(patient_id=patient_id, finding_id=finding_id, urgency=urgency)
    except Exception:
        logger.exception("Could not record the care-team alerts for a finding")


def record_alerts(*, patient_id, finding_id, urgency) -> None:
    if urgency not in (Urgency.URGENT, Urgency.SOON):
        return  # "next visit" waits for the triage list and the visit
    now = timezone.now()
    for grant in _clinicians_of(patient_id):
        member = grant.member
        with transaction.atomic():
            alert, created = CareAlert.objects.get_or_create(
                patient_id=patient_id, member=member, finding_id=finding_id, urgency=urgency
            )
            if not created or urgency != Urgency.URGENT:
                continue
            if getattr(member, "alert_choice", None) and not member.alert_choice.urgent_email:
                continue
            mail.queue(
                to=member.email,
                subject=_("Skin Change Tracker: a shared record needs you today"),
                template="monitoring/reminders/urgent_email.txt",
                context={"url": mail.site_url(reverse("monitoring:triage")), **_links()},
            )
            CareAlert.objects.filter(pk=alert.pk).update(mailed_at=now)


def _links():
    return {"alerts_url": mail.site_url(reverse("monitoring:alert_choice"))}


def send_soon_digests(*, now: datetime | None = None) -> int:
    """One email per clinician with "soon" alerts not yet mailed, at most once a (local) day.
    The day is claimed by a conditional UPDATE, so two workers never both send it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = CareAlert.objects.filter(mailed_at__isnull=True, urgency=Urgency.SOON)
    sent = 0
    for member_id in waiting.values_list("member", flat=True).distinct().order_by("member"):
        with transaction.atomic():
            choice, _created = AlertChoice.objects.get_or_create(member_id=member_id)
            claimed = AlertChoice.objects.filter(
                Q(last_digest_on__isnull=True) | Q(last_digest_on__lt=today), pk=choice.pk
            ).update(last_digest_on=today)
            if not claimed:
                continue
            mine = waiting.filter(member_id=member_id)
            # Only records still shared with them count (a grant may have been revoked since).
            shared = CareGrant.objects.active().filter(member_id=member_id, role=Role.CLINICIAN)
            n_records = (
                mine.filter(patient__in=shared.values("patient")).values("patient").distinct()
            ).count()
            if choice.soon_digest and n_records:
                mail.queue(
                    to=choice.member.email,
                    subject=_("Skin Change Tracker: records to look at this week"),
                    template="monitoring/reminders/digest_email.txt",
                    context={
                        "n_records": n_records,
                        "url": mail.site_url(reverse("monitoring:triage")),
                        **_links(),
                    },
                )
                sent += 1
            mine.update(mailed_at=now)  # told, or not wanted: either way not again
    return sent
