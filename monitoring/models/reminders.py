"""Reminders and alerts: the patient's rhythm, clinicians' watch plans and alert choices, the
alerts already sent, and the worker's schedule."""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from education.choices import choices
from education.vocabulary import Urgency


def new_calendar_token():
    return secrets.token_urlsafe(32)


class ReminderPlan(models.Model):
    """How and when one patient wants to be reminded of their skin check."""

    class Every(models.IntegerChoices):
        WEEK = 7, _("Every week")
        TWO_WEEKS = 14, _("Every 2 weeks")
        MONTH = 30, _("Every month")
        TWO_MONTHS = 60, _("Every 2 months")

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_plan"
    )
    # Once a month by default (issue 15's rhythm for a whole-skin check). The seed asks for
    # regular self-checks of the chest wall, scars, neck and arms between clinic visits, years
    # after treatment (seed: "Sometimes, skin metastases appear as the first sign..." and "The
    # Importance of Patient Education and Self-Monitoring"); a clinician asks for more often
    # per area with a watch plan.
    every_days = models.PositiveSmallIntegerField(
        _("remind me"), choices=Every.choices, default=Every.MONTH
    )
    by_email = models.BooleanField(_("by email"), default=True)
    # Local hours (settings.TIME_ZONE) in which nothing is sent; start > end wraps past midnight.
    quiet_from = models.PositiveSmallIntegerField(
        _("quiet from (hour)"), default=21, validators=[MaxValueValidator(23)]
    )
    quiet_until = models.PositiveSmallIntegerField(
        _("quiet until (hour)"), default=8, validators=[MaxValueValidator(23)]
    )
    paused = models.BooleanField(_("pause all reminders"), default=False)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    started_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the last reminder
    nudged_at = models.DateTimeField(null=True, blank=True)  # the last (single) nudge after it
    # The appointment (profile.next_appointment) the patient was last reminded to prepare for.
    visit_reminded_for = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"Reminder plan {self.pk}"


class WatchPlanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cancelled_at__isnull=True)


class WatchPlan(models.Model):
    """A clinician asks for one area to be checked again by `due_on` (e.g. 3 days after starting
    antibiotics). Met by any check of the area made after the plan; missed once `due_on` passes
    without one."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey("tracker.WatchedArea", on_delete=models.CASCADE, related_name="+")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watch_plans"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    days = models.PositiveSmallIntegerField(
        _("check again in (days)"), validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    nudged_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = WatchPlanQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        indexes = [
            # The reminder run and the triage list: a patient's active plans by due date.
            models.Index(
                fields=["patient", "due_on"],
                name="watchplan_active_idx",
                condition=Q(cancelled_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"Watch plan {self.code}"


class AlertChoice(models.Model):
    """What one clinician wants to hear by email. No row: both on."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_choice"
    )
    urgent_email = models.BooleanField(
        _("Email me at once when something urgent is found"), default=True
    )
    soon_digest = models.BooleanField(
        _("Email me once a day when something should be seen soon"), default=True
    )
    last_digest_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"Alert choice {self.pk}"


class CareAlert(models.Model):
    """One finding that one clinician was (or will be, in the digest) told about. Keyed by the
    finding's id and urgency from `finding_raised`, never by the finding model, so the same finding
    rising again is a new alert and the same event twice is not."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_alerts"
    )
    finding_id = models.PositiveBigIntegerField()
    urgency = models.CharField(max_length=16, choices=choices(Urgency))
    created_at = models.DateTimeField(auto_now_add=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "member", "finding_id", "urgency"], name="carealert_once"
            ),
        ]
        indexes = [
            # The daily digest: each member's alerts not mailed yet.
            models.Index(
                fields=["member", "urgency"],
                name="carealert_unmailed_idx",
                condition=Q(mailed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"Care alert {self.pk}"


class ScheduledJob(models.Model):
    """One periodic job of the worker. A worker runs it only by moving `next_run_at` on with a
    conditional UPDATE, so with many workers on one database exactly one of them enqueues it."""

    name = models.CharField(max_length=40, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PushSubscription(models.Model):
    """One browser (an installed app on a phone) that may show the patient's reminders, by Web
    Push. The endpoint is the push service's address for that browser; the keys encrypt the
    message for it alone."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Push subscription {self.pk}"
