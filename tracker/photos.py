"""Photos of an entry: process, store and delete, with nothing half-saved and nothing orphaned.

* Every uploaded file goes through ``tracker.imaging.process_photo`` first; if any file is
  refused (or there are too many, or one is a duplicate), nothing at all is written.
* Then the renditions are written through Django's default storage (``STORAGES["default"]``:
  local files, in-memory in tests, or any S3-compatible backend) under generated names, and the
  rows are saved in one transaction. If anything fails (storage, database, commit), every file
  written for that submission is deleted again and the error goes up: no row and no file remain.
  A new entry and its photos are saved as one unit (``save_entry_with_photos``).
* A storage failure while writing (a full or read-only disk, an S3 error) becomes
  ``StorageFailed``: the view shows the patient a plain message, and nothing is saved. A name is
  recorded as written *before* it is written, so a file the storage left half-written (disk full
  part-way) is deleted too.
* Deleting a photo, an entry or an area (or a whole account) deletes the stored files only after
  the database change has committed: a ``post_delete`` receiver (connected in ``TrackerConfig``)
  schedules it with ``transaction.on_commit``, so a rolled-back delete never loses a file.

Call these at the outermost level of a request (not inside another ``atomic`` block): the clean-up
on failure covers this module's own transaction.
"""

import logging
import unicodedata
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker import services
from tracker.imaging import PhotoRejected, ProcessedPhoto, process_photo
from tracker.models import Entry, Photo, User, WatchedArea
from tracker.storage import failure_types

logger = logging.getLogger(__name__)

# URL segment -> field holding that rendition's stored name.
RENDITIONS = {"thumb": "thumbnail_name", "screen": "screen_name", "full": "master_name"}


class PhotosRefused(Exception):
    """The submitted photos cannot be saved; ``messages`` says why, in the patient's words.

    ``per_file`` is True when only some files were refused (not a photo, too big...): the
    others can be kept for the next try (tracker.staging).
    """

    def __init__(self, messages, *, per_file=False):
        self.messages = list(messages)
        self.per_file = per_file
        super().__init__(" ".join(self.messages))


class StorageFailed(Exception):
    """The photo store could not take the files (nothing was saved); ``message`` says so."""

    @property
    def message(self):
        return _(
            "We could not save your photos just now, so nothing has been saved. "
            "Please try again in a few minutes. If it keeps happening, contact the people who "
            "run this site."
        )


def prepare_photos(*, files, entry=None, staged=()):
    """Process every file, or raise PhotosRefused with every reason. Writes nothing.

    `staged` photos (tracker.staging) count towards the limit and the duplicate check.
    """
    files = [f for f in files if f is not None]
    existing = list(entry.photos.values_list("sha256", flat=True)) if entry and entry.pk else []
    existing += [photo.sha256 for photo in staged]
    room = settings.PHOTO_MAX_PER_ENTRY - len(existing)
    if len(files) > room:
        raise PhotosRefused([_too_many_message(len(existing))])
    prepared, problems = [], []
    for upload in files:
        try:
            if hasattr(upload, "seek"):
                upload.seek(0)
            prepared.append(
                process_photo(
                    upload,
                    max_bytes=settings.PHOTO_MAX_BYTES,
                    max_pixels=settings.PHOTO_MAX_PIXELS,
                )
            )
        except PhotoRejected as exc:
            message = _(exc.message) % exc.params if exc.params else _(exc.message)
            problems.append(_named(upload, message) if len(files) > 1 else message)
    if problems:
        raise PhotosRefused(problems, per_file=True)
    seen = set(existing)
    for photo in prepared:
        if photo.sha256 in seen:
            raise PhotosRefused([_duplicate_message()])
        seen.add(photo.sha256)
    return prepared


def attach_photos(*, entry, files, author):
    """Add photos to a saved entry: all of them, or (on any refusal or failure) none."""
    prepared = prepare_photos(files=files, entry=entry)
    with written_files_removed_on_failure() as written, transaction.atomic():
        return _store(entry=entry, prepared=prepared, author=author, written=written)


def save_entry_with_photos(
    *,
    values: services.EntryValues,
    files: list,
    author: User,
    entry: Entry | None = None,
    area: WatchedArea | None = None,
    staged=(),
) -> Entry:
    """Save `entry` edited, or a new entry of `area`, and its new photos, as one unit.

    `staged` photos (kept across an earlier validation error, tracker.staging) become photos of
    the entry in the same transaction, without being processed or copied again.
    """
    staged = list(staged)
    prepared = prepare_photos(files=files, entry=entry, staged=staged)
    with written_files_removed_on_failure() as written, transaction.atomic():
        entry = services.save_entry(values=values, entry=entry, area=area, author=author)
        _adopt(entry=entry, staged=staged, author=author)
        _store(entry=entry, prepared=prepared, author=author, written=written)
    return entry


def delete_photo(*, photo):
    """Delete the row now; its files go once that commits (see remove_files_after_commit)."""
    photo.delete()


def remove_files_after_commit(sender, instance, using=None, **kwargs):
    """post_delete receiver: remember the names now, delete the files after the commit."""
    names = instance.file_names
    transaction.on_commit(lambda: _delete_files(names), using=using)


def room_left(entry):
    """How many more photos this entry can take (uses prefetched photos when there are some)."""
    count = len(entry.photos.all()) if entry is not None and entry.pk else 0
    return max(0, settings.PHOTO_MAX_PER_ENTRY - count)


def delete_files_after_commit(names):
    """Delete these stored files once the current transaction commits (now, outside one)."""
    names = list(names)
    transaction.on_commit(lambda: _delete_files(names))


# --- internals -----------------------------------------------------------------------------


def _adopt(*, entry, staged, author):
    """Staged photos become the entry's photos: same files, new rows; the staged rows go."""
    for kept in staged:
        Photo.objects.create(
            entry=entry,
            uploaded_by=author,
            width=kept.width,
            height=kept.height,
            sha256=kept.sha256,
            taken_at=kept.taken_at,
            master_name=kept.master_name,
            screen_name=kept.screen_name,
            thumbnail_name=kept.thumbnail_name,
        )
        kept.delete()


def _store(*, entry, prepared, author, written):
    photos = []
    for processed in prepared:
        names = write_renditions(processed, written)
        try:
            with transaction.atomic():
                photo = Photo.objects.create(
                    entry=entry,
                    uploaded_by=author,
                    width=processed.width,
                    height=processed.height,
                    sha256=processed.sha256,
                    taken_at=_aware(processed),
                    **names,
                )
        except IntegrityError:
            # Another upload of the same photo to this entry won the race.
            if Photo.objects.filter(entry=entry, sha256=processed.sha256).exists():
                raise PhotosRefused([_duplicate_message()]) from None
            raise
        photos.append(photo)
    return photos


def write_renditions(processed: ProcessedPhoto, written):
    """Write the three renditions under a new random folder; their names go into `written`."""
    folder = f"photos/{uuid.uuid4().hex}"
    names = {}
    for field, kind, rendition in (
        ("master_name", "master", processed.master),
        ("screen_name", "screen", processed.screen),
        ("thumbnail_name", "thumb", processed.thumbnail),
    ):
        wanted = f"{folder}/{kind}.{processed.extension}"
        # Recorded before the write: a write that fails part-way may leave a partial file.
        written.append(wanted)
        try:
            name = default_storage.save(wanted, ContentFile(rendition.data))
        except failure_types() as error:
            logger.warning("Photo storage refused a write: %s %s", type(error).__name__, error)
            raise StorageFailed from error
        if name != wanted:
            written.append(name)
        names[field] = name
    return names


@contextmanager
def written_files_removed_on_failure():
    """Yield a list to note written file names in; if the block fails, delete those files."""
    written = []
    try:
        yield written
    except BaseException:
        _delete_files(written)
        raise


def _delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # keep going: one stuck file must not keep the others
            # The name is random and says nothing about the patient.
            logger.exception("Could not delete stored photo file %s", name)


def _aware(processed):
    if processed.taken_at is None:
        return None
    return timezone.make_aware(processed.taken_at, timezone.get_default_timezone())


def _named(upload, message):
    """Prefix a refusal with the file's name, cleaned of control and direction marks."""
    raw = getattr(upload, "name", "") or ""
    name = "".join(c for c in raw if unicodedata.category(c)[0] != "C").strip()
    if len(name) > 40:
        name = name[:37] + "..."
    return f"{name}: {message}" if name else message


def _too_many_message(existing):
    limit = settings.PHOTO_MAX_PER_ENTRY
    if existing:
        return _(
            "A check can have up to %(limit)s photos. This one already has %(n)s, "
            "so you can add %(left)s more."
        ) % {"limit": limit, "n": existing, "left": max(0, limit - existing)}
    return _("A check can have up to %(limit)s photos. Please choose fewer.") % {"limit": limit}


def _duplicate_message():
    return _("This photo is already on this check. Each photo can be added only once.")
