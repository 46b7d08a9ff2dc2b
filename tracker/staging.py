"""Photos held for a moment: a check's photos kept across a validation error, so nobody retakes one.

When the entry form comes back with a problem (a date in the future, a pain of 11, one file that
is not a photo), the photos that could be used are processed by the same pipeline as any upload
(tracker.imaging: upright, sRGB, no metadata), written under random names in the default storage,
and remembered as `StagedPhoto` rows of that user. The form shows them as previews, served only
to their owner (`tracker.access.get_staged_photo_for_user`); saving the corrected form turns them
into the check's photos without processing or copying again (tracker.photos). Anything left
behind is deleted after `STAGED_PHOTO_HOURS` by `remove_expired_staged_photos()`, which the
`clean_staged_photos` command (and later the background worker) calls.
"""

from __future__ import annotations

import datetime
import logging
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.imaging import PhotoRejected, process_photo

logger = logging.getLogger(__name__)


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
        app_label = "tracker"
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


def max_age_hours():
    return getattr(settings, "STAGED_PHOTO_HOURS", 24)


def stage_files(*, owner, files):
    """Process and keep every file that can be used; return (staged photos, refusals).

    A file that is refused is skipped (its reason is returned, in the patient's words); the
    others are still kept. Files written for a photo whose row could not be saved are deleted.
    """
    from tracker.photos import write_renditions, written_files_removed_on_failure

    staged, problems = [], []
    for upload in files:
        if upload is None:
            continue
        try:
            if hasattr(upload, "seek"):
                upload.seek(0)
            processed = process_photo(
                upload, max_bytes=settings.PHOTO_MAX_BYTES, max_pixels=settings.PHOTO_MAX_PIXELS
            )
        except PhotoRejected as exc:
            problems.append(_(exc.message) % exc.params if exc.params else _(exc.message))
            continue
        with written_files_removed_on_failure() as written, transaction.atomic():
            names = write_renditions(processed, written)
            taken = processed.taken_at
            staged.append(
                StagedPhoto.objects.create(
                    owner=owner,
                    width=processed.width,
                    height=processed.height,
                    sha256=processed.sha256,
                    taken_at=(
                        timezone.make_aware(taken, timezone.get_default_timezone())
                        if taken
                        else None
                    ),
                    **names,
                )
            )
    return staged, problems


def remove_expired_staged_photos(*, now=None):
    """Delete staged photos older than STAGED_PHOTO_HOURS (rows, then files). Returns how many.

    Safe to run at any time and from several processes: each row is deleted once, its files
    after that delete commits.
    """
    from tracker.photos import delete_files_after_commit

    removed = 0
    for staged in StagedPhoto.objects.expired(now=now).order_by("created_at", "pk").iterator():
        with transaction.atomic():
            deleted, _rows = StagedPhoto.objects.filter(pk=staged.pk).delete()
            if deleted:
                delete_files_after_commit(staged.file_names)
                removed += 1
    return removed


def discard(*, staged):
    """The owner removed a kept photo from the form: forget it and delete its files."""
    from tracker.photos import delete_files_after_commit

    with transaction.atomic():
        names = staged.file_names
        staged.delete()
        delete_files_after_commit(names)
