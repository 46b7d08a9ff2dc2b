"""Sharing a record: a patient's grants, each letting one person read it (and maybe log entries).

`tracker.access` reads these through `CareGrant.objects.active()...`; the invitations that create
them, and the access log, are in monitoring's care room.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLINICIAN = "clinician", _("Clinician")
    CAREGIVER = "caregiver", _("Caregiver")


class CareGrantQuerySet(models.QuerySet):
    def active(self):
        """Not revoked: the grants that open a record now."""
        return self.filter(revoked_at__isnull=True)

    def to(self, member):
        """Grants held by `member` (the records shared with them)."""
        return self.filter(member=member)

    def in_role(self, role):
        return self.filter(role=role)

    def allowing_entries(self):
        """Grants whose caregiver the patient allowed to log entries."""
        return self.filter(role=Role.CAREGIVER, caregiver_can_log=True)


class CareGrant(models.Model):
    """A patient lets `member` read their record (and, for a caregiver, maybe log entries)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_grants"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="granted_records"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    caregiver_can_log = models.BooleanField(_("may log entries"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CareGrantQuerySet.as_manager()

    class Meta:
        # Created in monitoring (migration monitoring 0002) and moved here with its table, so that
        # tracker's access helpers can read grants without importing monitoring.
        db_table = "monitoring_caregrant"
        ordering = ["-created_at"]
        constraints = [
            # One live grant per person: accepting a second invitation updates it instead.
            models.UniqueConstraint(
                fields=["patient", "member"],
                condition=Q(revoked_at__isnull=True),
                name="caregrant_one_active_per_member",
            ),
            # Clinicians read and review; only caregivers may be allowed to log entries.
            models.CheckConstraint(
                condition=Q(role="caregiver") | Q(caregiver_can_log=False),
                name="caregrant_only_caregivers_log",
            ),
            models.CheckConstraint(
                condition=~Q(patient=models.F("member")), name="caregrant_not_to_self"
            ),
        ]
        indexes = [
            # tracker.access: "records shared with me" (every shared read) and the triage list.
            models.Index(
                fields=["member", "patient"],
                condition=Q(revoked_at__isnull=True),
                name="caregrant_active_member_idx",
            ),
        ]

    def __str__(self):
        return f"{self.member} ({self.role}) for {self.patient}"

    @property
    def is_active(self):
        return self.revoked_at is None
