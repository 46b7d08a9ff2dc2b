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

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.imaging import PhotoRejected, process_photo
from tracker.models import StagedPhoto

logger = logging.getLogger(__name__)


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
