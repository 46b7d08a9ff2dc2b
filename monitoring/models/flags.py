"""Flags: what the rules found, stored as event rows.

A flag is raised once per (area, rule, entry) while it is open. It is never deleted by the rules:
when an edit means its rule no longer holds it is *withdrawn* (kept, with the reason); a clinician
*reviews* it (the care-team issue fills the review fields). Deleting the entry deletes its flags.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from education.choices import choices
from education.vocabulary import Urgency
from monitoring.rules import wording


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=Flag.State.OPEN)

    def by_urgency(self):
        """Highest urgency first, then oldest first (the order of the clinician queue).

        The urgency codes sort the right way round as strings (see `Urgency`; checked by
        tests/test_monitoring_service.py), so the queue index can serve this order."""
        return self.order_by("-urgency", "raised_at", "pk")


class Flag(models.Model):
    class Kind(models.TextChoices):
        ENTRY = "entry", _("About one entry")
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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    area = models.ForeignKey("tracker.WatchedArea", on_delete=models.CASCADE, related_name="flags")
    # Deleting an entry deletes its flags: the patient removed what they rest on.
    entry = models.ForeignKey("tracker.Entry", on_delete=models.CASCADE, related_name="flags")
    rule = models.CharField(max_length=40)
    rule_version = models.PositiveSmallIntegerField()
    urgency = models.CharField(max_length=16, choices=choices(Urgency))
    kind = models.CharField(max_length=8, choices=Kind.choices)
    warning_sign = models.CharField(max_length=40, blank=True)  # education page (sign code)
    reason = models.TextField()  # English, as raised (see `reason_text` for the reader's language)
    # The facts the rule quoted, plus "templates": the wording to render the reason again.
    facts = models.JSONField(default=dict)
    raised_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    # Filled in by the care team's review.
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

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-urgency", "raised_at", "pk"]
        constraints = [
            # The service's get-or-create: one open flag per (area, rule, entry). Withdrawn and
            # reviewed flags stay as history, so the same finding may open a new flag later.
            models.UniqueConstraint(
                fields=["area", "rule", "entry"],
                condition=Q(state="open"),
                name="flag_one_open_per_area_rule_entry",
            ),
            # A withdrawn flag says when; a reviewed flag says when (the care-team review).
            models.CheckConstraint(
                condition=~Q(state="withdrawn") | Q(withdrawn_at__isnull=False),
                name="flag_withdrawn_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="reviewed") | Q(reviewed_at__isnull=False),
                name="flag_reviewed_has_time",
            ),
        ]
        indexes = [
            # The clinician queue: open flags, highest urgency first, oldest first.
            models.Index(
                fields=["-urgency", "raised_at"],
                condition=Q(state="open"),
                name="flag_open_queue_idx",
            ),
        ]

    def __str__(self):
        return f"{self.rule} ({self.urgency}) on {self.entry_id}"

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    @property
    def templates(self):
        return tuple(self.facts.get("templates", ()))

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


class _Wording:
    __slots__ = ("templates", "facts")

    def __init__(self, templates, facts):
        self.templates = templates
        self.facts = {k: v for k, v in facts.items() if k != "templates"}
