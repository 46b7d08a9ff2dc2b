"""The demo `make run` loads: logins printed, about six months over several areas with photos and
flags, shared with the demo clinician, nothing twice.

The demo is loaded once for the class (setUpTestData, as `make run` does it: `load_demo_care`);
each test reads it, or loads it again, in its own transaction, rolled back after it.
"""

import io

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from monitoring.care import demo as demo_care
from monitoring.flags import evaluation
from monitoring.models import Concern
from tests.conftest import client_for
from tests.photo_helpers import stored_files
from tracker import demo
from tracker.models import CareGrant, Entry, Photo, User, WatchedArea


def load(command="load_demo_care"):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (User, WatchedArea, Entry, Photo, Concern)]


# A fresh in-memory storage for the class: the demo's photo files are counted below.
@override_settings(
    DEBUG=True,
    STORAGES={
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    },
)
class TestTheDemo(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load()
        cls.patient = User.objects.get(email=demo.PATIENT_EMAIL)
        cls.clinician = User.objects.get(email=demo.CLINICIAN_EMAIL)

    def test_the_log_shows_what_the_demo_clinician_says_they_did(self):
        from monitoring.models import AccessLogEntry

        rows = AccessLogEntry.objects.filter(actor=self.clinician, patient=self.patient)
        whats = set(rows.values_list("what", flat=True))
        assert {"timeline", "area", "photo", "flag_review"} <= whats
        assert rows.filter(what="flag_review", wrote=True).exists()
        call_command("load_demo_care", verbosity=0)  # nothing twice
        assert AccessLogEntry.objects.filter(actor=self.clinician).count() == rows.count()

    def test_make_run_prints_how_the_clinician_gets_past_the_second_step(self):
        assert "second step at first login" in self.output

    def test_make_run_prints_both_demo_logins(self):
        assert f"{demo.PATIENT_EMAIL}  password: {demo.PATIENT_PASSWORD}" in self.output
        assert f"{demo.CLINICIAN_EMAIL}  password: {demo.CLINICIAN_PASSWORD}" in self.output
        assert self.patient.check_password(demo.PATIENT_PASSWORD)
        assert self.clinician.is_clinician

    def test_demo_has_about_six_months_over_several_areas(self):
        dates = Entry.objects.filter(area__patient=self.patient).values_list("date", flat=True)
        assert 3 <= self.patient.areas.count() <= 4
        assert (max(dates) - min(dates)).days >= 150
        assert Photo.objects.filter(entry__area__patient=self.patient).exists()

    def test_loading_the_demo_twice_adds_nothing(self):
        before = counts()
        assert "Found the demo accounts." in load("load_demo")
        load()
        assert counts() == before

    def test_demo_entries_of_marked_areas_get_one_photo_each_once(self):
        """Demo photos: generated, stored through the upload service, and added only once."""
        demo.load_demo(today=timezone.localdate())  # idempotent
        marked = Entry.objects.filter(area__name__in=demo.PHOTO_AREAS)
        assert marked.count() == 11
        assert all(entry.photos.count() == 1 for entry in marked)
        assert Photo.objects.count() == 11
        assert len(stored_files(default_storage)) == 33
        sizes = [
            photo.sha256
            for photo in Photo.objects.filter(entry__area__name=demo.PHOTO_AREAS[0]).order_by(
                "entry__date"
            )
        ]
        assert len(set(sizes)) == len(sizes)  # the mark changes from month to month
        assert {(p.width, p.height) for p in Photo.objects.all()} == {(1200, 900)}

    def test_demo_needs_attention_is_short_and_the_record_reviewable(self):
        evaluation.evaluate_time()
        open_concerns = Concern.objects.open().filter(patient=self.patient)
        assert "soon" in set(open_concerns.values_list("urgency", flat=True))
        assert 3 <= open_concerns.count() <= 12  # not 33 cards
        home = client_for(Client(), self.patient).get(reverse("tracker:home")).content.decode()
        section = home[home.index('id="needs-attention"') :]
        assert 1 <= section.count('class="card mb-2') <= 5
        call_command("load_demo_care", verbosity=0)
        record = client_for(Client(), self.clinician).get(
            reverse("monitoring:record", kwargs={"code": self.patient.code})
        )
        assert record.content.decode().count('name="outcome"') >= open_concerns.count()

    def test_demo_sharing(self):
        call_command("load_demo_care", verbosity=0)  # idempotent
        patient, clinician = self.patient, self.clinician
        assert CareGrant.objects.active().filter(patient=patient, member=clinician).count() == 1
        reviewed = Concern.objects.filter(patient=patient, state="reviewed")
        assert reviewed.count() >= 2
        assert {c.reviewed_by for c in reviewed} == {clinician}
        assert reviewed.filter(note_to_patient=demo_care.DEMO_NOTE).count() == 1
        assert Concern.objects.open().filter(patient=patient).exists()
        page = client_for(Client(), clinician).get(reverse("monitoring:triage"))
        assert patient.full_name in page.content.decode()
        timeline = client_for(Client(), patient).get(reverse("tracker:timeline")).content.decode()
        assert demo_care.DEMO_NOTE in timeline


def test_the_demo_refuses_to_load_without_debug(db, settings):
    import pytest
    from django.core.management.base import CommandError

    settings.DEBUG = False
    for command in ("load_demo", "load_demo_care"):
        with pytest.raises(CommandError, match="DEBUG=true"):
            call_command(command, verbosity=0)
    assert not User.objects.exists()
