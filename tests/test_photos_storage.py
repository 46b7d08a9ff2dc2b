"""The photo store itself: no URL is ever built, objects on S3 are private and encrypted, and a
photo is sent to the browser a block at a time, never read whole into memory."""

import json
import os
import subprocess
import sys

import pytest
from django.http import FileResponse
from django.urls import reverse

from tests import s3_server
from tests.photo_helpers import add_photo, storage_fixture, stored_files  # noqa: F401
from tracker import storage as photo_storage

pytestmark = pytest.mark.usefixtures("storage")


@pytest.fixture
def big_photo(entry, storage):
    """A photo whose full-size file spans many blocks of the response."""
    from tests.photo_helpers import photo_bytes, upload
    from tracker.photos import attach_photos

    [photo] = attach_photos(
        entry=entry, files=[upload(photo_bytes(size=(1600, 1200)))], author=None
    )
    assert storage.size(photo.master_name) > 4 * FileResponse.block_size
    return photo


def test_no_url_is_ever_built(entry, storage):
    photo = add_photo(entry)
    with pytest.raises(NotImplementedError):
        storage.url(photo.master_name)


def test_full_photo_streams_in_blocks(patient_client, big_photo, storage):
    url = reverse("tracker:photo_file", args=[big_photo.code, "full"])
    response = patient_client.get(url)
    assert response.streaming
    assert int(response["Content-Length"]) == storage.size(big_photo.master_name)
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert len(first) <= FileResponse.block_size
    rest = list(chunks)
    assert len(rest) >= 4 and all(len(chunk) <= FileResponse.block_size for chunk in rest)
    with storage.open(big_photo.master_name, "rb") as stored:
        assert first + b"".join(rest) == stored.read()
    response.close()


def test_a_stored_file_opens_as_a_stream(big_photo, storage):
    stored = storage.open(big_photo.master_name, "rb")
    try:
        if s3_server.wanted():
            # Not django-storages' S3File, which downloads the whole object before the first read.
            assert isinstance(stored.file.raw, photo_storage.StreamReader)
        head = stored.read(1024)
        assert len(head) == 1024 and head.startswith(b"\xff\xd8")
    finally:
        stored.close()


def test_missing_file_is_a_404_not_a_500(patient_client, entry, storage):
    photo = add_photo(entry)
    storage.delete(photo.master_name)
    response = patient_client.get(reverse("tracker:photo_file", args=[photo.code, "full"]))
    assert response.status_code == 404


def test_every_name_is_listed(entry, storage):
    photos = [add_photo(entry, seed=seed) for seed in range(3)]
    names = sorted(name for photo in photos for name in photo.file_names)
    assert sorted(photo_storage.iter_names(storage)) == names == stored_files(storage)


def test_s3_objects_are_private_and_encrypted(entry, storage, request):
    if not s3_server.wanted():
        pytest.skip("runs against the S3 protocol server (PHOTO_STORAGE=s3, as .ci/run does)")
    client = request.getfixturevalue("s3_server").client()
    photo = add_photo(entry)
    for name in photo.file_names:
        head = client.head_object(Bucket=storage.bucket_name, Key=name)
        assert head["ServerSideEncryption"] == "AES256"
        grants = client.get_object_acl(Bucket=storage.bucket_name, Key=name)["Grants"]
        assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
        assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)


def production_storage(tmp_path, **variables):
    """STORAGES["default"] as tracker.settings builds it from these variables (a fresh process:
    settings are read once)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "DJANGO_"))}
    environ.update(DEBUG="true", DATA_DIR=str(tmp_path), **variables)
    code = (
        "import json, tracker.settings as s; print(json.dumps(s.STORAGES['default'], default=str))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_settings_choose_private_local_files_by_default(tmp_path):
    default = production_storage(tmp_path)
    assert default["BACKEND"] == "tracker.storage.PrivateFileStorage"
    assert default["OPTIONS"]["file_permissions_mode"] == 0o600
    assert default["OPTIONS"]["directory_permissions_mode"] == 0o700
    assert default["OPTIONS"]["base_url"] is None


def test_settings_choose_a_private_encrypted_bucket_with_s3_bucket(tmp_path):
    default = production_storage(
        tmp_path,
        S3_BUCKET="tracker-photos",
        S3_REGION="eu-west-2",
        S3_ENDPOINT_URL="https://s3.example.net",
        S3_ADDRESSING_STYLE="path",
    )
    assert default["BACKEND"] == "tracker.storage.PrivateS3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "tracker-photos"
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["region_name"] == "eu-west-2" and options["addressing_style"] == "path"
    assert options["default_acl"] is None and options["file_overwrite"] is False
    assert options["object_parameters"] == {"ServerSideEncryption": "AES256"}


def test_health_check_sees_the_store_go(client, db, storage, request):
    """/healthz reports the photo store: on S3 the bucket disappears, on disk the folder."""
    assert client.get("/healthz").status_code == 200
    if s3_server.wanted():
        request.getfixturevalue("s3_server").client().delete_bucket(Bucket=storage.bucket_name)
    else:
        os.rmdir(storage.location)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["storage"] == "fail"
