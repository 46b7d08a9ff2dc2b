"""Monitoring's tables: flags (what the rules found), care-team invitations and the access log,
reminders and alerts."""

from monitoring.models.care import AccessLogEntry, Invitation, hash_token
from monitoring.models.flags import Flag, FlagQuerySet
from monitoring.models.reminders import (
    AlertChoice,
    CareAlert,
    PushSubscription,
    ReminderPlan,
    ScheduledJob,
    WatchPlan,
)

__all__ = [
    "AlertChoice",
    "CareAlert",
    "PushSubscription",
    "ReminderPlan",
    "ScheduledJob",
    "WatchPlan",
    "AccessLogEntry",
    "Flag",
    "FlagQuerySet",
    "Invitation",
    "hash_token",
]
