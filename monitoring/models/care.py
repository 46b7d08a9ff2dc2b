"""The care room's tables: invitations to share a record, and the access log.

The grants themselves (who may read a record now) are tracker's (`tracker.models.CareGrant`):
tracker's access helpers read them, and tracker never imports monitoring.
"""

import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.models import Role


def hash_token(token):
    """Only this hash of an invitation token is stored; the token itself is only in the email."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor revoked (expired ones included: the link says so when opened)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_invitations"
    )
    email = models.EmailField(_("their email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    caregiver_can_log = models.BooleanField(_("may log entries"), default=False)
    # SHA-256 of the token sent by email. The unique index is the lookup of the accept link.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="caregiver") | Q(caregiver_can_log=False),
                name="invitation_only_caregivers_log",
            ),
        ]
        indexes = [
            # "Who can see my record": the patient's pending invitations.
            models.Index(
                fields=["patient", "-created_at"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_pending_idx",
            ),
        ]

    def __str__(self):
        return f"Invitation for {self.email} ({self.role})"


# The grant roles, and the administrator reading in the Django admin.
ADMINISTRATOR = "administrator"
ACTOR_ROLES = [*Role.choices, (ADMINISTRATOR, _("administrator"))]


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The access log is append-only.")

    def delete(self):
        raise PermissionDenied("The access log is append-only.")


class AccessLogEntry(models.Model):
    """One read (or refused attempt) of a patient's data by someone else. Append-only.

    Holds no health data: a short code for what kind of thing was read, its public code, and the
    path without the query string. The database refuses updates, deletes and truncation too
    (monitoring/care/log_seal.py), except emptying the person columns when an account is deleted
    and deleting rows past keep_until.
    """

    class What(models.TextChoices):
        TIMELINE = "timeline", _("the timeline")
        AREA = "area", _("an area")
        ENTRY = "entry", _("an entry")
        FLAG = "flag", _("a concern")
        PHOTO = "photo", _("a photo")
        SUMMARY = "summary", _("the summary")
        EXPORT = "export", _("an export")
        PATIENT_LIST = "patient_list", _("the list of their patients")
        FLAG_REVIEW = "flag_review", _("a concern review")
        PROFILE = "profile", _("the profile")
        ACCOUNT = "account", _("the account")
        OTHER = "other", _("other")

    # SET_NULL: deleting an account empties these two columns only (the database's seal allows
    # that one change); the pseudonyms below keep the row's meaning.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_log",
    )
    # Copies of the people's User.log_pseudonym, written with the row.
    actor_pseudonym = models.UUIDField()
    patient_pseudonym = models.UUIDField(null=True, blank=True)
    # The grant role the actor held when reading ("" when they held none, e.g. a refusal).
    actor_role = models.CharField(max_length=16, choices=ACTOR_ROLES, blank=True)
    # Whether they changed something (a caregiver logging a check), not only read it.
    wrote = models.BooleanField(default=False)
    what = models.CharField(max_length=16, choices=What.choices)
    object_code = models.UUIDField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    allowed = models.BooleanField()
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The row may be deleted after this (ACCESS_LOG_RETENTION_DAYS); the database refuses before.
    keep_until = models.DateTimeField()

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "access log entries"
        indexes = [
            # "Who looked at my record": one patient's rows, newest first.
            models.Index(fields=["patient", "-at"], name="accesslog_patient_at_idx"),
            # List views log once a day: "has this viewer listed these patients today?"
            models.Index(fields=["actor", "what", "at"], name="accesslog_actor_what_at_idx"),
        ]

    def __str__(self):
        return (
            f"{self.actor_pseudonym} {self.what} {self.patient_pseudonym} "
            f"{'ok' if self.allowed else 'refused'}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The access log is append-only.")
        if self.actor_pseudonym is None and self.actor is not None:
            self.actor_pseudonym = self.actor.log_pseudonym
        if self.patient_pseudonym is None and self.patient is not None:
            self.patient_pseudonym = self.patient.log_pseudonym
        if self.keep_until is None:
            days = settings.ACCESS_LOG_RETENTION_DAYS
            self.keep_until = timezone.now() + timedelta(days=days)
        super().save(*args, **kwargs)

    def _do_update(self, *args, **kwargs):
        """Never an UPDATE: a restore (loaddata, rows with their primary keys) would try one
        before inserting, which the app's database role is not granted (README: Two database
        roles)."""
        return False

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append-only.")
