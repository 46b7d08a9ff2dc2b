"""The photo integrity check (`manage.py check_photos`): missing files, orphan files, changed
masters; --repair removes orphans only; every run is kept for the admin."""

import datetime
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import UserFactory
from tests.photo_helpers import (
    add_photo,
    empty_folders,
    photo_bytes,
    storage_fixture,  # noqa: F401
    stored_files,
)
from tracker.integrity import check_photos
from tracker.models import Photo, PhotoCheckRun

pytestmark = pytest.mark.usefixtures("storage")
NOW = datetime.timedelta(0)


@pytest.fixture
def photos(entry):
    return [add_photo(entry, seed=seed) for seed in range(3)]


def orphan(storage, name="photos/0123456789abcdef0123456789abcdef/master.jpg"):
    return storage.save(name, ContentFile(photo_bytes(seed=99)))


def replace(storage, name, data):
    storage.delete(name)
    assert storage.save(name, ContentFile(data)) == name


def command(*args):
    out = io.StringIO()
    try:
        call_command("check_photos", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_a_whole_store_passes_and_the_run_is_kept(photos):
    out, error = command()
    assert error is None
    assert "Checked 3 photos and 9 stored files: 0 missing, 0 orphan, 0 changed" in out
    run = PhotoCheckRun.objects.latest()
    assert run.ok and (run.rows_checked, run.files_checked) == (3, 9)


def test_every_kind_of_problem_is_found(photos, storage):
    first, second, _third = photos
    storage.delete(first.screen_name)
    replace(storage, second.master_name, photo_bytes(seed=50))
    stray = orphan(storage)
    run = check_photos(grace=NOW, batch_size=2)  # small batches: several listing pages
    assert (run.missing_files, run.bad_hashes, run.orphan_files) == (1, 1, 1)
    assert (run.rows_checked, run.files_checked) == (3, 9)
    assert {(d["problem"], d["name"]) for d in run.details} == {
        ("missing", first.screen_name),
        ("bad_hash", second.master_name),
        ("orphan", stray),
    }
    assert not run.ok and run.removed_files == 0
    assert stray in stored_files(storage)  # a dry run deletes nothing


def test_a_missing_master_is_reported_not_crashed_on(photos, storage):
    storage.delete(photos[0].master_name)
    run = check_photos()
    assert run.missing_files == 1 and run.bad_hashes == 0


def test_repair_removes_orphans_and_their_folder_but_never_a_rows_files(photos, storage):
    storage.delete(photos[0].thumbnail_name)  # missing: reported, nothing to delete
    stray = orphan(storage)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        out, error = command("--repair")
    assert "Deleted 1 orphan files." in out
    assert "Problems found" in error  # the missing thumbnail is still a problem
    assert stray not in stored_files(storage)
    assert empty_folders(storage) == []
    for photo in Photo.objects.all():
        for name in photo.file_names:
            assert storage.exists(name) or name == photos[0].thumbnail_name
    assert Photo.objects.count() == 3


def test_a_file_written_in_the_last_hour_is_not_an_orphan(photos, storage):
    stray = orphan(storage)  # an upload whose row is not committed yet looks just like this
    run = check_photos(repair=True)
    assert run.ok and run.removed_files == 0
    assert stray in stored_files(storage)


def test_the_command_fails_on_orphans_in_a_dry_run(photos, storage):
    orphan(storage)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        out, error = command()
    assert "Dry run: nothing deleted." in out and error


def test_the_admin_shows_the_last_runs(client, photos, db):
    check_photos()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client_for(client, admin)
    page = client.get(reverse("admin:tracker_photocheckrun_changelist"))
    assert page.status_code == 200
    assert "rows checked" in page.content.decode().lower()
    run = PhotoCheckRun.objects.latest()
    detail = client.get(reverse("admin:tracker_photocheckrun_change", args=[run.pk]))
    assert detail.status_code == 200
    assert client.get(reverse("admin:tracker_photocheckrun_add")).status_code == 403
