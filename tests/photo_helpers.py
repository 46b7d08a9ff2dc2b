"""Photo test helpers: uploads of generated photos (tests/images.py), and a fresh in-memory
storage fixture.

Import the fixture as `from tests.photo_helpers import storage_fixture  # noqa: F401`.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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
def storage_fixture(settings):
    """A fresh, empty in-memory default storage for this test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    from django.core.files.storage import default_storage, storages

    # The very instance default_storage wraps (so tests can patch its methods).
    instance = storages["default"]
    assert stored_files(default_storage) == []
    assert default_storage._wrapped is instance
    return instance
