"""tracker's tables: accounts and profiles, the patient's log, questions, sharing grants, and
operations (photo check runs, heartbeats)."""

from tracker.models.accounts import Profile, User, UserManager
from tracker.models.log import (
    ENTRY_FIELDS,
    MAX_NOTES,
    MAX_SCORE,
    MAX_SIZE_MM,
    Entry,
    EntryQuerySet,
    Photo,
    PhotoQuerySet,
    WatchedArea,
    WatchedAreaQuerySet,
)
from tracker.models.measurements import REFERENCE_CHOICES, PhotoMeasurement
from tracker.models.operations import Heartbeat, PhotoCheckRun
from tracker.models.questions import MAX_QUESTION, Question, QuestionQuerySet
from tracker.models.sessions import LoginSession
from tracker.models.sharing import CareGrant, CareGrantQuerySet, Role
from tracker.models.staging import StagedPhoto, StagedPhotoQuerySet

__all__ = [
    "ENTRY_FIELDS",
    "MAX_NOTES",
    "MAX_QUESTION",
    "MAX_SCORE",
    "MAX_SIZE_MM",
    "CareGrant",
    "CareGrantQuerySet",
    "Entry",
    "EntryQuerySet",
    "Heartbeat",
    "LoginSession",
    "Photo",
    "PhotoCheckRun",
    "PhotoMeasurement",
    "PhotoQuerySet",
    "Profile",
    "Question",
    "QuestionQuerySet",
    "REFERENCE_CHOICES",
    "Role",
    "StagedPhoto",
    "StagedPhotoQuerySet",
    "User",
    "UserManager",
    "WatchedArea",
    "WatchedAreaQuerySet",
]
