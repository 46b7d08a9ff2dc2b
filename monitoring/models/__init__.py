"""Monitoring's tables: concerns (what the rules found), care-team invitations, the access log,
reminders and alerts."""

from monitoring.models.care import AccessLogEntry, Invitation, hash_token
from monitoring.models.concerns import Concern, ConcernCheck, ConcernQuerySet
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
    "Concern",
    "ConcernCheck",
    "ConcernQuerySet",
    "Invitation",
    "hash_token",
]
