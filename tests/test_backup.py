"""Backup and restore of the database and the photo store together: the demo, backed up and
restored into an empty database and an empty store, comes back row for row and byte for byte.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL; on local files by default and on
the S3 protocol server with PHOTO_STORAGE=s3."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.care.demo import load_demo_care
from monitoring.models import AccessLogEntry, Concern
from tests import s3_server
from tests.conftest import client_for
from tests.photo_helpers import storage_fixture, stored_files  # noqa: F401
from tracker.backup import EXCLUDE, BackupError, backup, restore, verify
from tracker.integrity import check_photos
from tracker.models import Photo, User

pytestmark = pytest.mark.django_db(transaction=True)


def every_row():
    out = io.StringIO()
    call_command(
        "dumpdata", format="jsonl", exclude=EXCLUDE, use_natural_foreign_keys=True, stdout=out
    )
    return sorted(out.getvalue().splitlines())


def every_file(storage):
    found = {}
    for name in stored_files(storage):
        with storage.open(name, "rb") as stored:
            found[name] = hashlib.sha256(stored.read()).hexdigest()
    return found


@pytest.fixture
def demo(storage):
    accounts = load_demo_care(today=timezone.localdate())
    # A read by the clinician, so the access log has a row to carry over too.
    client = Client()
    client_for(client, accounts.clinician)
    photo = Photo.objects.filter(entry__area__patient=accounts.patient).first()
    assert client.get(reverse("tracker:photo_file", args=[photo.code, "thumb"])).status_code == 200
    assert AccessLogEntry.objects.exists() and Concern.objects.filter(state="reviewed").exists()
    return accounts


def empty_place(storage, request, settings, tmp_path):
    """A new, migrated database with nothing in it, and a new, empty photo store."""
    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists()
    if s3_server.wanted():
        server = request.getfixturevalue("s3_server")
        options = {**settings.STORAGES["default"]["OPTIONS"], "bucket_name": server.new_bucket()}
        default = {**settings.STORAGES["default"], "OPTIONS": options}
    else:
        fresh = tmp_path / "fresh-media"
        fresh.mkdir()
        default = {**settings.STORAGES["default"], "OPTIONS": {"location": fresh}}
    settings.STORAGES = {**settings.STORAGES, "default": default}
    from django.core.files.storage import default_storage

    assert stored_files(default_storage) == []
    return default_storage


def test_the_demo_comes_back_row_for_row_and_byte_for_byte(
    demo, storage, tmp_path, request, settings
):
    rows, files = every_row(), every_file(storage)
    assert len(files) == 3 * Photo.objects.count() > 0
    manifest = backup(tmp_path / "backup")
    assert manifest["counts"]["tracker.photo"] == Photo.objects.count()

    place = empty_place(storage, request, settings, tmp_path)
    restored = io.StringIO()
    call_command("restore", str(tmp_path / "backup"), stdout=restored)
    assert "all SHA-256 match" in restored.getvalue()

    after = every_row()  # every row, every field, the same primary keys
    assert after == rows, {
        "lost": sorted(set(rows) - set(after)),
        "new": sorted(set(after) - set(rows)),
    }
    assert every_file(place) == files  # every file, 100% of SHA-256 the same
    run = check_photos(storage=place)
    assert run.ok and run.rows_checked == Photo.objects.count()
    # The restored demo works: the patient logs in and opens a photo.
    client = Client()
    client.force_login(demo.patient)
    photo = Photo.objects.first()
    assert client.get(reverse("tracker:photo_file", args=[photo.code, "full"])).status_code == 200
    # New rows after a restore get new ids (PostgreSQL's sequences were reset).
    User.objects.create_user("after.restore@example.com", "x", full_name="After")


def test_the_backup_folder_is_checkable_with_sha256sum(demo, tmp_path):
    backup(tmp_path / "backup")
    sums = (tmp_path / "backup" / "SHA256SUMS").read_text().splitlines()
    assert sums[0].endswith("  database.jsonl")
    assert len(sums) == 1 + 3 * Photo.objects.count()
    for line in sums:
        digest, name = line.split("  ", 1)
        data = (tmp_path / "backup" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert set(manifest) == {"format", "created_at", "database_vendor", "counts", "sha256sums"}


def test_a_changed_backup_is_refused_before_anything_is_touched(demo, tmp_path):
    backup(tmp_path / "backup")
    photo_file = next((tmp_path / "backup" / "files" / "photos").rglob("master.jpg"))
    data = bytearray(photo_file.read_bytes())
    data[-10] ^= 0xFF
    photo_file.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="missing or changed"):
        verify(tmp_path / "backup")
    with pytest.raises(CommandError, match="missing or changed"):
        call_command("restore", str(tmp_path / "backup"), "--verify-only")


def test_restore_refuses_a_database_or_store_that_is_not_empty(demo, storage, tmp_path):
    backup(tmp_path / "backup")
    with pytest.raises(BackupError, match="database is not empty"):
        restore(tmp_path / "backup")
    rows = every_row()
    assert every_row() == rows


def test_backup_needs_a_new_folder_and_fails_on_a_lost_file(demo, storage, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "used"))
    storage.delete(Photo.objects.first().screen_name)
    with pytest.raises(BackupError, match="not in the store"):
        backup(tmp_path / "second")


def test_timestamps_come_back_to_the_microsecond(storage, tmp_path, request, settings):
    # Django's own JSON cuts to the millisecond: 10:00:00.000500 came back as 10:00:00.
    moment = timezone.make_aware(timezone.datetime(2026, 3, 1, 10, 0, 0, 500))
    user = User.objects.create_user("exact@example.com", "x", full_name="Exact")
    User.objects.filter(pk=user.pk).update(last_login=moment)
    backup(tmp_path / "backup")
    empty_place(storage, request, settings, tmp_path)
    restore(tmp_path / "backup")
    assert User.objects.get(email="exact@example.com").last_login == moment
