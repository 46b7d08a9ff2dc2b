"""Sharing a record: invitations by email, accepting them, revoking a grant (plain functions).

Invitations carry a random token that only the email holds; the database keeps its SHA-256.
Accepting one creates (or updates) a CareGrant; revoking sets `revoked_at`, and `tracker.access`
stops honouring it on the very next request.
"""

import datetime
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.models import Invitation, hash_token
from monitoring.reminders import mail
from tracker.models import CareGrant, Role

DEFAULT_INVITATION_DAYS = 7


def invitation_days():
    return getattr(settings, "INVITATION_DAYS", DEFAULT_INVITATION_DAYS)


# Why an invitation cannot be accepted (None when it can).
REVOKED = "revoked"
USED = "used"
EXPIRED = "expired"
WRONG_ACCOUNT = "wrong_account"
NOT_CLINICIAN = "not_clinician"
OWN = "own"


def find_invitation(token):
    """The invitation whose token this is, or None. Looked up by hash (unique index), then the
    hashes are compared in constant time."""
    if not token or len(token) > 100:
        return None
    wanted = hash_token(token)
    invitation = Invitation.objects.select_related("patient").filter(token_hash=wanted).first()
    if invitation is None or not hmac.compare_digest(invitation.token_hash, wanted):
        return None
    return invitation


def invite(*, patient, email, role, caregiver_can_log):
    """Create an invitation and email its single-use link. Returns the invitation.

    An earlier pending invitation to the same address is revoked, so only the newest link works.
    """
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.pending().filter(patient=patient, email__iexact=email).update(
            revoked_at=now
        )
        invitation = Invitation.objects.create(
            patient=patient,
            email=email.strip().lower(),
            role=role,
            caregiver_can_log=role == Role.CAREGIVER and caregiver_can_log,
            token_hash=hash_token(token),
            expires_at=now + datetime.timedelta(days=invitation_days()),
        )
        # The token goes in the #fragment, never sent to a server (monitoring.care.views).
        url = mail.site_url(reverse("monitoring:invitation_open")) + f"#{token}"
        # Sent by the worker (retried if the mail server fails), only if this commits.
        mail.queue(
            to=invitation.email,
            subject=_("%(name)s invited you to Skin Change Tracker")
            % {"name": patient.full_name or patient.email},
            template="monitoring/care/invitation_email.txt",
            context={"invitation": invitation, "url": url, "days": invitation_days()},
        )
    return invitation


def problem_with(invitation, *, user, now=None):
    """Why `user` cannot accept `invitation`, as one of the codes above, or None."""
    now = now or timezone.now()
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.accepted_at is not None:
        return USED
    if invitation.expires_at <= now:
        return EXPIRED
    if user.pk == invitation.patient_id:
        return OWN
    if user.email.lower() != invitation.email.lower():
        return WRONG_ACCOUNT
    if invitation.role == Role.CLINICIAN and not user.is_clinician:
        return NOT_CLINICIAN
    return None


@transaction.atomic
def accept(*, invitation, user):
    """Accept for `user`: returns (grant, None), or (None, problem) if it cannot be accepted.

    The invitation row is locked, so two clicks at once cannot both use it.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    now = timezone.now()
    problem = problem_with(invitation, user=user, now=now)
    if problem:
        return None, problem
    grant = (
        CareGrant.objects.active()
        .select_for_update()
        .filter(patient_id=invitation.patient_id, member=user)
        .first()
    )
    if grant is None:
        grant = CareGrant(patient_id=invitation.patient_id, member=user)
    grant.role = invitation.role
    grant.caregiver_can_log = invitation.caregiver_can_log
    grant.save()
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return grant, None


def revoke_grant(*, grant):
    CareGrant.objects.active().filter(pk=grant.pk).update(revoked_at=timezone.now())


def revoke_invitation(*, invitation):
    Invitation.objects.pending().filter(pk=invitation.pk).update(revoked_at=timezone.now())


def sharing_for(*, patient):
    """The patient's active grants and their pending (not accepted, not revoked) invitations."""
    grants = (
        CareGrant.objects.active()
        .filter(patient=patient)
        .select_related("member", "member__alert_choice")
    )
    pending = Invitation.objects.pending().filter(patient=patient)
    return grants, pending
