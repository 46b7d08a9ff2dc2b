"""Photo test helpers: uploads of generated photos (tests/images.py), and a fresh storage fixture
(local files, or a bucket on a real S3 protocol server with PHOTO_STORAGE=s3).

Import the fixture as `from tests.photo_helpers import storage_fixture  # noqa: F401`.
"""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import s3_server
from tests.images import photo_bytes
from tracker.photos import attach_photos


def upload(data, name="IMG_0001.JPG", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def add_photo(entry, seed=0):
    """Store one generated photo on `entry` (no author) and return it."""
    return attach_photos(entry=entry, files=[upload(photo_bytes(seed=seed))], author=None)[0]


def stored_files(storage):
    """Every file name in the storage, walking its folders."""
    found = []

    def walk(path):
        dirs, files = storage.listdir(path)
        found.extend(f"{path}/{name}" if path else name for name in files)
        for name in dirs:
            walk(f"{path}/{name}" if path else name)

    walk("")
    return sorted(found)


@pytest.fixture(name="storage")
def storage_fixture(settings, tmp_path, request, monkeypatch):
    """A fresh, empty default storage for this test: private local files in a temporary folder,
    or (PHOTO_STORAGE=s3) a new bucket on the session's S3 protocol server."""
    if s3_server.wanted():
        server = request.getfixturevalue("s3_server")
        for name, value in server.environ(server.new_bucket()).items():
            monkeypatch.setenv(name, value)
        from tracker.settings import s3_storage_options

        default = {"BACKEND": "tracker.storage.PrivateS3Storage", "OPTIONS": s3_storage_options()}
    else:
        (tmp_path / "media").mkdir()
        default = {
            "BACKEND": "tracker.storage.PrivateFileStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": None},
        }
    settings.STORAGES = {**settings.STORAGES, "default": default}
    from django.core.files.storage import default_storage, storages

    # The very instance default_storage wraps (so tests can patch its methods).
    instance = storages["default"]
    assert stored_files(default_storage) == []
    assert default_storage._wrapped is instance
    return instance


def empty_folders(storage):
    """Folders left with nothing in them (local files only: S3 has no folders)."""
    root = getattr(storage, "location", None)
    if root is None or not os.path.isdir(root):
        return []
    return sorted(
        os.path.relpath(folder, root)
        for folder, dirs, files in os.walk(root)
        if not dirs and not files and os.path.relpath(folder, root) not in {".", "photos"}
    )
