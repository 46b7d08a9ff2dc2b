"""Where photo files live: private local files (the default) or a private S3-compatible bucket.

Neither backend builds URLs: a photo is served only by ``tracker.photo_views`` after the access
check, so ``url()`` refuses. Both read a stored file as a stream (a photo is sent to the browser a
block at a time, never read whole into memory), and ``iter_names`` lists what is stored page by
page, so the integrity check and the backup run in bounded memory on any number of photos.
"""

import functools
import io
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage

PHOTO_PREFIX = "photos/"


class NoURLMixin:
    def url(self, name, *args, **kwargs):
        raise NotImplementedError(
            "Photos have no URL: they are served only by the access-checked view."
        )


class PrivateFileStorage(NoURLMixin, FileSystemStorage):
    """Local files under MEDIA_ROOT. Deleting a photo's last file removes its empty folder."""

    def delete(self, name):
        super().delete(name)
        self._remove_empty_folders(name)

    def _remove_empty_folders(self, name):
        # Only the photo's own folder(s) below the first level (``photos/<random>/``): never the
        # top ``photos/`` folder, which another upload may be creating a sub-folder in right now.
        root = Path(self.location).resolve()
        folder = Path(self.path(name)).resolve().parent
        while folder != root and folder.parent != root and root in folder.parents:
            try:
                folder.rmdir()  # fails (and stops) when the folder is not empty
            except OSError:
                return
            folder = folder.parent


@functools.cache
def _s3_storage_class():
    # Imported only when S3 is configured: boto3 is slow to import and local files need none of it.
    from botocore.exceptions import ClientError
    from storages.backends.s3 import S3Storage
    from storages.utils import clean_name

    class PrivateS3Storage(NoURLMixin, S3Storage):
        """An S3-compatible bucket: objects private, encrypted at rest, streamed when read."""

        def _open(self, name, mode="rb"):
            if mode != "rb":
                return super()._open(name, mode)
            key = self._normalize_name(clean_name(name))
            try:
                response = self.bucket.Object(key).get()
            except ClientError as error:
                if error.response["Error"].get("Code") in {"NoSuchKey", "404"}:
                    raise FileNotFoundError(f"File does not exist: {name}") from None
                raise
            reader = StreamReader(response["Body"], size=response["ContentLength"])
            stream = File(io.BufferedReader(reader, buffer_size=64 * 1024), name=name)
            stream.size = response["ContentLength"]
            return stream

        def ping(self):
            """Raise unless the bucket answers (a missing bucket, bad keys, no network)."""
            self.connection.meta.client.head_bucket(Bucket=self.bucket_name)

        def iter_names(self, prefix=PHOTO_PREFIX):
            """Every stored name under ``prefix``, one listing page (1000 keys) at a time."""
            base = self._normalize_name(clean_name(prefix))
            for page in self.connection.meta.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket_name, Prefix=base
            ):
                for entry in page.get("Contents", ()):
                    yield entry["Key"][len(self.location) :].lstrip("/")

    return PrivateS3Storage


def __getattr__(name):
    # ``tracker.storage.PrivateS3Storage`` as a STORAGES backend path, built on first use.
    if name == "PrivateS3Storage":
        return _s3_storage_class()
    raise AttributeError(name)


class StreamReader(io.RawIOBase):
    """A read-only stream over an S3 response body (botocore's StreamingBody)."""

    def __init__(self, body, *, size):
        self.body = body
        self.size = size

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.body.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self):
        if not self.closed:
            self.body.close()
        super().close()


def iter_names(storage, prefix=PHOTO_PREFIX) -> Iterator[str]:
    """Every file stored under ``prefix``, without holding the whole listing in memory."""
    if hasattr(storage, "iter_names"):
        yield from storage.iter_names(prefix)
        return
    if isinstance(storage, FileSystemStorage):
        root = Path(storage.location)
        for folder, _dirs, files in os.walk(root / prefix):
            for file in files:
                yield (Path(folder) / file).relative_to(root).as_posix()
        return
    # Any other backend (the in-memory one of the tests): walk its folders.
    try:
        dirs, files = storage.listdir(prefix)
    except FileNotFoundError:  # no photo stored yet
        return
    for file in files:
        yield f"{prefix}{file}"
    for folder in dirs:
        yield from iter_names(storage, f"{prefix}{folder}/")


def remove_empty_folders(storage, *, older_than=None):
    """Remove empty photo folders left on local disk (e.g. by a crash); S3 has no folders.

    Folders changed after ``older_than`` are left alone: an upload may be about to write there.
    """
    if not isinstance(storage, FileSystemStorage):
        return
    top = Path(storage.location) / PHOTO_PREFIX
    for folder, dirs, files in os.walk(top, topdown=False):
        path = Path(folder)
        if path == top or files or any((path / d).exists() for d in dirs):
            continue
        changed = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        if older_than is None or changed <= older_than:
            try:
                path.rmdir()
            except OSError:  # something arrived meanwhile
                continue


def read_chunks(storage, name, size=64 * 1024) -> Iterator[bytes]:
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(size):
            yield chunk


def failure_types() -> tuple[type[BaseException], ...]:
    """What a storage backend raises when it cannot store: a full or read-only disk (OSError), an
    S3 error (botocore, boto3's upload manager). Only evaluated when something went wrong."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    return (OSError, BotoCoreError, ClientError, Boto3Error)
