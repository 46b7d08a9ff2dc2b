"""Faults of the photo store: a write that fails part-way, a full or read-only disk, an S3 error,
a database error. The patient gets a plain message (never a 500); nothing is saved (no entry, no
photo row, no file, no empty folder)."""

import errno
import glob
import os

import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.urls import reverse

from tests import s3_server
from tests.photo_helpers import (
    add_photo,
    empty_folders,
    photo_bytes,
    storage_fixture,  # noqa: F401
    stored_files,
    upload,
)
from tests.test_tracker_forms import entry_data
from tracker import photos, services
from tracker.models import Entry, Photo

pytestmark = pytest.mark.usefixtures("storage")

MESSAGE = "We could not save your photos just now, so nothing has been saved."
SCRIPT = {"X-Requested-With": "XMLHttpRequest"}


def post_entry(client, area, count=3, headers=None, **overrides):
    files = [upload(photo_bytes(seed=i, size=(1200, 900))) for i in range(count)]
    data = {**entry_data(**overrides), "photos": files}
    return client.post(
        reverse("tracker:entry_create", args=[area.code]), data, headers=headers or {}
    )


def assert_nothing_saved(storage):
    assert not Entry.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files(storage) == []
    assert empty_folders(storage) == []


PART = 4096


def out_of_space():
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class DiskFullPartWay(ContentFile):
    """The 4th file written (the second photo's master) runs out of space after its first 4 KB
    really reached the storage. `partial` is what the disk held at that moment."""

    made = 0
    partial = []
    root = None

    def __init__(self, content, name=None):
        super().__init__(content, name)
        type(self).made += 1
        self.doomed = type(self).made == 4
        self.sent = 0

    def chunks(self, chunk_size=None):  # how local files are written
        if not self.doomed:
            yield from super().chunks(chunk_size)
            return
        yield self.file.getvalue()[:PART]
        if type(self).root:  # the half-written file is open, its bytes in the write buffer
            found = glob.glob(f"{type(self).root}/photos/*/*")
            type(self).partial = [
                p for p in found if os.listdir(os.path.dirname(p)) == ["master.jpg"]
            ]
        raise out_of_space()

    def read(self, size=-1):  # how an S3 upload reads the file
        if not self.doomed:
            return super().read(size)
        if self.sent:
            raise out_of_space()
        self.sent = PART
        return self.file.getvalue()[:PART]


@pytest.fixture
def disk_full_part_way(storage, monkeypatch):
    monkeypatch.setattr(DiskFullPartWay, "made", 0)
    monkeypatch.setattr(DiskFullPartWay, "partial", [])
    monkeypatch.setattr(DiskFullPartWay, "root", getattr(storage, "location", None))
    monkeypatch.setattr(photos, "ContentFile", DiskFullPartWay)
    return DiskFullPartWay


def test_write_failing_part_way_leaves_no_partial_file(
    patient_client, area, storage, disk_full_part_way
):
    response = post_entry(patient_client, area)
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()
    assert disk_full_part_way.made == 4
    if not s3_server.wanted():
        # The failure really left a half-written master on disk; it was then removed.
        [path] = disk_full_part_way.partial
        assert not os.path.exists(path) and not os.path.exists(os.path.dirname(path))
    assert_nothing_saved(storage)


class FailOnSave:
    """The storage fails on its n-th save, after the earlier saves really wrote files."""

    def __init__(self, storage, n, error):
        self.storage, self.n, self.error, self.saves = storage, n, error, 0
        self.real_save = storage.save

    def __call__(self, name, content, **kwargs):
        self.saves += 1
        if self.saves == self.n:
            raise self.error
        return self.real_save(name, content, **kwargs)


def s3_error(code="NoSuchBucket", status=404):
    return ClientError(
        {"Error": {"Code": code, "Message": "x"}, "ResponseMetadata": {"HTTPStatusCode": status}},
        "PutObject",
    )


FAULTS = [
    pytest.param(OSError(errno.ENOSPC, "No space left on device"), id="disk-full"),
    pytest.param(OSError(errno.EROFS, "Read-only file system"), id="read-only"),
    pytest.param(PermissionError(errno.EACCES, "Permission denied"), id="no-permission"),
    pytest.param(s3_error(), id="s3-error"),
]


@pytest.mark.parametrize("error", FAULTS)
@pytest.mark.parametrize("n", [1, 4])  # the very first write; after a whole photo was written
def test_store_failure_shows_a_plain_message_and_saves_nothing(
    patient_client, area, storage, monkeypatch, error, n
):
    monkeypatch.setattr(storage, "save", FailOnSave(storage, n, error))
    response = post_entry(patient_client, area, notes="typed words stay")
    page = response.content.decode()
    assert response.status_code == 503
    assert MESSAGE in page
    assert "typed words stay" in page  # the form comes back with what was typed
    assert_nothing_saved(storage)


def test_upload_script_gets_the_message_as_json(patient_client, area, storage, monkeypatch):
    monkeypatch.setattr(storage, "save", FailOnSave(storage, 2, OSError(errno.ENOSPC, "full")))
    response = post_entry(patient_client, area, headers=SCRIPT)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"].startswith(MESSAGE)
    assert_nothing_saved(storage)


def test_real_s3_error_when_the_bucket_is_gone(patient_client, area, storage, request):
    """Against the S3 protocol server the bucket really disappears; on local files the storage
    answers with the S3 error a missing bucket gives."""
    if s3_server.wanted():
        client = request.getfixturevalue("s3_server").client()
        client.delete_bucket(Bucket=storage.bucket_name)
    else:
        storage.save = FailOnSave(storage, 1, s3_error())
    response = post_entry(patient_client, area, headers=SCRIPT)
    assert response.status_code == 503 and response.json()["error"].startswith(MESSAGE)
    assert not Entry.objects.exists() and not Photo.objects.exists()


def test_failure_adding_to_an_existing_entry_keeps_its_earlier_photos(
    patient_client, entry, storage, monkeypatch
):
    add_photo(entry, seed=1)
    before = stored_files(storage)
    monkeypatch.setattr(storage, "save", FailOnSave(storage, 4, OSError(errno.ENOSPC, "full")))
    url = reverse("tracker:entry_edit", args=[entry.code])
    data = {**entry_data(date=entry.date.isoformat(), notes="edited")}
    data["photos"] = [upload(photo_bytes(seed=2)), upload(photo_bytes(seed=3))]
    response = patient_client.post(url, data)
    assert response.status_code == 503 and MESSAGE in response.content.decode()
    entry.refresh_from_db()
    assert entry.notes != "edited"
    assert entry.photos.count() == 1
    assert stored_files(storage) == before
    assert empty_folders(storage) == []


def test_database_failure_after_files_are_written_leaves_nothing(
    patient_client, area, storage, monkeypatch
):
    real_create = Photo.objects.create
    calls = []

    def create_then_fail(**fields):
        calls.append(1)
        if len(calls) == 2:  # the first photo's row and all its files exist by now
            raise IntegrityError("simulated")
        return real_create(**fields)

    monkeypatch.setattr(Photo.objects, "create", create_then_fail)
    with pytest.raises(IntegrityError):
        post_entry(patient_client, area)
    assert_nothing_saved(storage)


# --- no empty folders after deletes -------------------------------------------------------------


def test_deleting_a_photo_entry_or_area_leaves_no_empty_folder(
    patient_client, area, entry, storage, django_capture_on_commit_callbacks
):
    photo = add_photo(entry, seed=1)
    second = add_photo(entry, seed=2)
    assert len(stored_files(storage)) == 6
    with django_capture_on_commit_callbacks(execute=True):
        patient_client.post(reverse("tracker:photo_delete", args=[photo.code]))
    assert sorted(stored_files(storage)) == sorted(second.file_names)
    assert empty_folders(storage) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_area(area=area)
    assert stored_files(storage) == []
    assert empty_folders(storage) == []


def test_a_store_that_is_down_when_reading_gives_503_not_500(
    patient_client, entry, storage, monkeypatch
):
    photo = add_photo(entry)

    def down(name, mode="rb"):
        raise s3_error("ServiceUnavailable", 503)

    monkeypatch.setattr(storage, "open", down)
    response = patient_client.get(reverse("tracker:photo_file", args=[photo.code, "thumb"]))
    assert response.status_code == 503
