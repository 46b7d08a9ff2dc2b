"""Monitoring's tables: flags (what the rules found), care-team invitations and the access log."""

from monitoring.models.care import AccessLogEntry, Invitation, hash_token
from monitoring.models.flags import Flag, FlagQuerySet

__all__ = [
    "AccessLogEntry",
    "Flag",
    "FlagQuerySet",
    "Invitation",
    "hash_token",
]
