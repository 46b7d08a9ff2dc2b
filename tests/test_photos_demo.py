"""Demo photos: generated, stored through the upload service, and added only once."""

import datetime

import pytest

from tests.photo_helpers import storage_fixture, stored_files  # noqa: F401
from tracker import demo
from tracker.models import Entry, Photo


@pytest.mark.django_db
def test_demo_entries_of_marked_areas_get_one_photo_each_once(storage):
    today = datetime.date(2026, 6, 1)
    demo.load_demo(today=today)
    demo.load_demo(today=today)  # idempotent
    marked = Entry.objects.filter(area__name__in=demo.PHOTO_AREAS)
    assert marked.count() == 11
    assert all(entry.photos.count() == 1 for entry in marked)
    assert Photo.objects.count() == 11
    assert len(stored_files(storage)) == 33
    sizes = [
        photo.sha256
        for photo in Photo.objects.filter(entry__area__name=demo.PHOTO_AREAS[0]).order_by(
            "entry__date"
        )
    ]
    assert len(set(sizes)) == len(sizes)  # the mark changes from month to month
    assert {(p.width, p.height) for p in Photo.objects.all()} == {(1200, 900)}
