"""The demo `make run` loads: logins printed, about six months over several areas, nothing twice."""

import io

from django.core.management import call_command

from monitoring.models import Flag
from tests.photo_helpers import storage_fixture  # noqa: F401
from tracker import demo
from tracker.models import Entry, Photo, User, WatchedArea


def load(command="load_demo_care"):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (User, WatchedArea, Entry, Photo, Flag)]


def test_make_run_prints_both_demo_logins(db, storage):
    output = load()
    assert f"{demo.PATIENT_EMAIL}  password: {demo.PATIENT_PASSWORD}" in output
    assert f"{demo.CLINICIAN_EMAIL}  password: {demo.CLINICIAN_PASSWORD}" in output
    patient = User.objects.get(email=demo.PATIENT_EMAIL)
    assert patient.check_password(demo.PATIENT_PASSWORD)
    assert User.objects.get(email=demo.CLINICIAN_EMAIL).is_clinician


def test_demo_has_about_six_months_over_several_areas(db, storage):
    load()
    patient = User.objects.get(email=demo.PATIENT_EMAIL)
    dates = Entry.objects.filter(area__patient=patient).values_list("date", flat=True)
    assert 3 <= patient.areas.count() <= 4
    assert (max(dates) - min(dates)).days >= 150
    assert Photo.objects.filter(entry__area__patient=patient).exists()


def test_loading_the_demo_twice_adds_nothing(db, storage):
    load()
    before = counts()
    assert "Found the demo accounts." in load("load_demo")
    load()
    assert counts() == before
