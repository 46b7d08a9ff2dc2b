"""The photo integrity check: is every stored photo still whole, and is nothing left over?

``check_photos`` finds every photo row without all its files, every stored file that no row
names (an orphan), and every master whose SHA-256 no longer matches the one recorded at upload.
With ``repair=True`` it deletes orphan files (and, on local disk, empty folders); it never deletes
a file that a row names, and never a row. Each run is stored as a ``PhotoCheckRun`` for the admin.

Memory stays flat whatever the number of photos: rows are read in batches, the storage is listed
page by page (``tracker.storage.iter_names``) and looked up against the rows a batch at a time,
and masters are hashed in 64 KB blocks.

A file written in the last ``grace`` (an upload whose row is not committed yet) is never called an
orphan, so a check running beside uploads cannot delete a photo being saved.

Called by ``manage.py check_photos``; the background worker runs it weekly.
"""

import hashlib
import logging
from datetime import timedelta
from itertools import islice

from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from tracker.models import Photo, PhotoCheckRun
from tracker.storage import iter_names, read_chunks, remove_empty_folders

logger = logging.getLogger(__name__)

BATCH = 500
GRACE = timedelta(hours=1)
MAX_DETAILS = 200  # problems listed one by one; the counts are always complete


def check_photos(*, repair=False, storage=None, batch_size=BATCH, grace=GRACE) -> PhotoCheckRun:
    storage = storage or default_storage
    run = PhotoCheckRun(started_at=timezone.now(), repair=repair, details=[])
    _check_rows(run, storage, batch_size)
    _check_files(run, storage, batch_size, grace, repair)
    if repair:
        remove_empty_folders(storage, older_than=run.started_at - grace)
    run.finished_at = timezone.now()
    run.save()
    logger.info(
        "Photo check: %s rows, %s files, %s missing, %s orphans, %s bad hashes, %s removed",
        run.rows_checked,
        run.files_checked,
        run.missing_files,
        run.orphan_files,
        run.bad_hashes,
        run.removed_files,
    )
    return run


def sha256_of(storage, name) -> str:
    digest = hashlib.sha256()
    for chunk in read_chunks(storage, name):
        digest.update(chunk)
    return digest.hexdigest()


def _check_rows(run, storage, batch_size):
    rows = Photo.objects.order_by("pk").only(
        "code", "master_name", "screen_name", "thumbnail_name", "sha256"
    )
    for photo in rows.iterator(chunk_size=batch_size):
        run.rows_checked += 1
        try:
            if sha256_of(storage, photo.master_name) != photo.sha256:
                run.bad_hashes += 1
                _note(run, "bad_hash", photo.master_name, photo)
        except FileNotFoundError:
            run.missing_files += 1
            _note(run, "missing", photo.master_name, photo)
        for name in (photo.screen_name, photo.thumbnail_name):
            if not storage.exists(name):
                run.missing_files += 1
                _note(run, "missing", name, photo)


def _check_files(run, storage, batch_size, grace, repair):
    cutoff = run.started_at - grace
    for batch in batched(iter_names(storage), batch_size):
        run.files_checked += len(batch)
        known = _named_by_rows(batch)
        for name in batch:
            if name in known or storage.get_modified_time(name) > cutoff:
                continue
            run.orphan_files += 1
            _note(run, "orphan", name)
            if repair:
                storage.delete(name)
                run.removed_files += 1


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := tuple(islice(iterator, size)):
        yield batch


def _named_by_rows(names):
    rows = Photo.objects.filter(
        Q(master_name__in=names) | Q(screen_name__in=names) | Q(thumbnail_name__in=names)
    ).values_list("master_name", "screen_name", "thumbnail_name")
    return {name for row in rows for name in row}


def _note(run, problem, name, photo=None):
    if len(run.details) < MAX_DETAILS:
        run.details.append(
            {"problem": problem, "name": name, "photo": str(photo.code) if photo else None}
        )
