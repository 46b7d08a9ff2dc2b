"""Monitoring's tables: concerns (what the rules found), care-team invitations, the access log."""

from monitoring.models.care import AccessLogEntry, Invitation, hash_token
from monitoring.models.concerns import Concern, ConcernCheck, ConcernQuerySet

__all__ = [
    "AccessLogEntry",
    "Concern",
    "ConcernCheck",
    "ConcernQuerySet",
    "Invitation",
    "hash_token",
]
