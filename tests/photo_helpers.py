"""Photo test helpers: files made with Pillow here, and a fresh storage fixture (local files, or
a bucket on a real S3 protocol server with PHOTO_STORAGE=s3).

Import the fixture as `from tests.photo_helpers import storage_fixture  # noqa: F401`.
"""

import io
import os
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests import s3_server
from tracker import imaging  # noqa: F401  (registers the HEIF opener)
from tracker.photos import attach_photos

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
MAKE, MODEL, SOFTWARE, BODY_SERIAL = 0x010F, 0x0110, 0x0131, 0xA431
DATETIME_ORIGINAL = 0x9003


def picture(size=(320, 240), colour=(200, 150, 130), seed=0):
    im = Image.new("RGB", size, colour)
    # A dark mark, different per seed, so two pictures never hash the same.
    im.paste((90 + seed % 100, 50, 40), (40 + seed % 50, 40, 120 + seed % 50, 120))
    return im


def phone_exif(taken="2026:03:12 14:05:00"):
    exif = Image.Exif()
    exif[MAKE] = "Acme"
    exif[MODEL] = "Phone 12"
    exif[SOFTWARE] = "AcmeOS 1.0"
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = "SN-123456"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return exif


def photo_bytes(fmt="JPEG", *, seed=0, size=(320, 240), exif=True, taken="2026:03:12 14:05:00"):
    buffer = io.BytesIO()
    params = {"exif": phone_exif(taken).tobytes()} if exif and fmt != "PNG" else {}
    if fmt == "PNG" and exif:
        params = {"exif": phone_exif(taken)}
    picture(size, seed=seed).save(buffer, fmt, **params)
    return buffer.getvalue()


def gif_animation():
    """A three-frame animated GIF (refused: only still photos are allowed)."""
    frames = [Image.new("P", (20, 20), colour) for colour in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def bomb_png(width=10_000, height=10_000):
    """A ~12 KB 1-bit PNG that declares width x height pixels."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    compressor = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


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
