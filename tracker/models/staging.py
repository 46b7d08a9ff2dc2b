"""Photos kept across a validation error until their check is saved (see tracker/staging.py)."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


def max_age_hours():
    return getattr(settings, "STAGED_PHOTO_HOURS", 24)


class StagedPhotoQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def expired(self, *, now=None):
        now = now or timezone.now()
        return self.filter(created_at__lt=now - datetime.timedelta(hours=max_age_hours()))


class StagedPhoto(models.Model):
    """A processed photo waiting for its check to be saved. Private to `owner`; short-lived."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staged_photos"
    )
    master_name = models.CharField(max_length=100, editable=False)
    screen_name = models.CharField(max_length=100, editable=False)
    thumbnail_name = models.CharField(max_length=100, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    taken_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = StagedPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The clean-up: rows older than a day, oldest first.
            models.Index(fields=["created_at"], name="staged_photo_created_idx"),
        ]

    def __str__(self):
        return f"Staged photo {self.code}"

    @property
    def file_names(self):
        return [self.master_name, self.screen_name, self.thumbnail_name]
