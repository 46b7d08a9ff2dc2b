"""Concerns: what the rules found about an area, one episode per (area, rule) while it is open.

A concern opens when a rule first finds something about an area, is updated by later checks that
still meet the rule (its urgency may rise, never fall by itself), and is closed by a clinician's
review. Nothing is deleted by the rules: when an edit means a concern no longer holds it is
*withdrawn*, with the reason. `ConcernCheck` says which checks opened, updated or raised it.
Deleting the patient deletes their concerns (CASCADE, as account deletion relies on).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from education.choices import choices
from education.vocabulary import Urgency
from monitoring.rules import wording


class ConcernQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=Concern.State.OPEN)

    def by_urgency(self):
        """Most urgent first (as shown), then newest check first: the patient's lists.

        The urgency codes sort the right way round as strings (see `Urgency`)."""
        return self.order_by("-urgency", "-latest_entry__date", "-opened_at", "pk")

    def for_clinicians(self):
        """Most urgent as raised first (a lowered concern still needs its review), oldest first:
        the clinician queue (the partial index `concern_open_queue_idx`)."""
        return self.order_by("-raised_urgency", "opened_at", "pk")


class Concern(models.Model):
    class Kind(models.TextChoices):
        ENTRY = "entry", _("About a check")
        TIME = "time", _("About time passing")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        REVIEWED = "reviewed", _("Reviewed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        SEEN_NO_CONCERN = "seen_no_concern", _("Seen, no concern for now")
        BOOK_APPOINTMENT = "book_appointment", _("Book an appointment")
        TESTS_ARRANGED = "tests_arranged", _("Tests arranged")
        OTHER = "other", _("Other")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # used in URLs
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="concerns"
    )
    area = models.ForeignKey(
        "tracker.WatchedArea", on_delete=models.CASCADE, related_name="concerns"
    )
    rule = models.CharField(max_length=40)
    rule_version = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # As shown (lowered when the area went away) and the highest it reached (for clinicians).
    urgency = models.CharField(max_length=16, choices=choices(Urgency))
    raised_urgency = models.CharField(max_length=16, choices=choices(Urgency))
    warning_sign = models.CharField(max_length=40, blank=True)  # education page (sign code)
    reason = models.TextField()  # English, as last updated (`reason_text` for the reader)
    # The facts the rule quoted, plus "templates": the wording to render the reason again.
    facts = models.JSONField(default=dict)
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_on = models.DateField()  # the day the rule first held (may be before `opened_at`)
    updated_at = models.DateTimeField(auto_now=True)
    # SET_NULL: deleting a check keeps the concern (the edit path withdraws it if it no longer
    # holds); the links in ConcernCheck go with the check.
    first_entry = models.ForeignKey(
        "tracker.Entry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    latest_entry = models.ForeignKey(
        "tracker.Entry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entries = models.ManyToManyField(
        "tracker.Entry", through="ConcernCheck", related_name="concerns"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    # "I have contacted my care team": recorded and shown to the clinician; lowers nothing.
    contacted_at = models.DateTimeField(null=True, blank=True)
    # The care team's review.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    note_to_patient = models.TextField(blank=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-urgency", "-opened_at", "pk"]
        constraints = [
            # One open concern per (area, rule): the service updates it instead of adding one.
            # Reviewed and withdrawn ones stay as history, so a new episode may open later.
            models.UniqueConstraint(
                fields=["area", "rule"],
                condition=Q(state="open"),
                name="concern_one_open_per_area_rule",
            ),
            models.CheckConstraint(
                condition=~Q(state="withdrawn") | Q(withdrawn_at__isnull=False),
                name="concern_withdrawn_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="reviewed") | Q(reviewed_at__isnull=False),
                name="concern_reviewed_has_time",
            ),
        ]
        indexes = [
            # The clinician queue (triage): open concerns, most urgent as raised, oldest first.
            models.Index(
                fields=["-raised_urgency", "opened_at"],
                condition=Q(state="open"),
                name="concern_open_queue_idx",
            ),
            # The patient's lists: their open concerns.
            models.Index(
                fields=["patient", "-urgency"],
                condition=Q(state="open"),
                name="concern_open_patient_idx",
            ),
        ]

    def __str__(self):
        return f"{self.rule} ({self.urgency}) on {self.area_id}"

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    @property
    def is_lowered(self):
        return self.urgency != self.raised_urgency

    @property
    def templates(self):
        return tuple(self.facts.get("templates", ()))

    @property
    def title(self):
        return wording.rule_title(self.rule, gettext=_gettext)

    def reason_text(self, *, gettext=None, format_date=None):
        """The reason in the active language (the stored `reason` is English)."""
        from django.utils.formats import date_format
        from django.utils.translation import gettext as django_gettext

        if not self.templates:
            return self.reason
        return wording.render_reason(
            _Wording(self.templates, self.facts),
            gettext=gettext or django_gettext,
            format_date=format_date or (lambda day: date_format(day, "j F Y")),
        )


def _gettext(text):
    from django.utils.translation import gettext

    return gettext(text)


class ConcernCheckQuerySet(models.QuerySet):
    def for_timelines(self):
        """What the timelines show of each link: its concern and who reviewed it. Ordered as the
        default ordering orders the links of one check, without its join to the entries.
        (Narrowing the fields with only() made the pages slower, not faster.)"""
        return self.select_related("concern__reviewed_by").order_by("concern_id", "pk")


class ConcernCheck(models.Model):
    """A check that opened, updated or raised a concern (shown on the check's page)."""

    class Action(models.TextChoices):
        OPENED = "opened", _("opened")
        UPDATED = "updated", _("updated")
        RAISED = "raised", _("raised the urgency of")

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="checks")
    entry = models.ForeignKey(
        "tracker.Entry", on_delete=models.CASCADE, related_name="concern_checks"
    )
    action = models.CharField(max_length=8, choices=Action.choices)

    objects = ConcernCheckQuerySet.as_manager()

    class Meta:
        ordering = ["concern", "entry__date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["concern", "entry"], name="concern_check_once"),
        ]

    def __str__(self):
        return f"{self.entry_id} {self.action} {self.concern_id}"


class _Wording:
    __slots__ = ("templates", "facts")

    def __init__(self, templates, facts):
        self.templates = templates
        self.facts = {k: v for k, v in facts.items() if k != "templates"}
