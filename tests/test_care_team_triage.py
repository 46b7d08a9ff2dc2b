"""The clinician's triage list: only their patients, the most urgent open concern first, then the
oldest open concern; filters; and a bounded number of queries with 500 patients."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.models import AccessLogEntry, Concern
from tests.conftest import client_for
from tests.factories import ClinicianFactory, ConcernFactory
from tracker.models import CareGrant, Entry, Profile, User, WatchedArea

MAX_QUERIES = 12


def make_patients(*, clinician, count, today):
    """`count` patients who shared with `clinician`, built in bulk (no signals: concerns are
    made here). Patient i has an open concern of urgency URGENCIES[i % 4] (or none), opened i
    hours ago."""
    urgencies = ["urgent", "soon", "next_visit", None]
    users = User.objects.bulk_create(
        User(email=f"bulk{i}@example.com", full_name=f"Bulk Patient {i:03d}", password="!")
        for i in range(count)
    )
    Profile.objects.bulk_create(
        Profile(user=u, next_appointment=today + datetime.timedelta(days=i % 30))
        for i, u in enumerate(users)
    )
    areas = WatchedArea.objects.bulk_create(
        WatchedArea(patient=u, site="scar_left", name="Scar") for u in users
    )
    entries = Entry.objects.bulk_create(
        Entry(area=a, date=today - datetime.timedelta(days=i % 20), created_by=a.patient)
        for i, a in enumerate(areas)
    )
    now = timezone.now()
    flags = [
        Concern(
            patient=e.area.patient,
            area=e.area,
            latest_entry=e,
            first_entry=e,
            opened_on=e.date,
            rule="bulk",
            rule_version=1,
            urgency=urgencies[i % 4],
            raised_urgency=urgencies[i % 4],
            kind="entry",
            reason="x",
        )
        for i, e in enumerate(entries)
        if urgencies[i % 4]
    ]
    Concern.objects.bulk_create(flags)
    # opened_at is auto_now_add: spread it out afterwards, oldest for the lowest numbers.
    for i, flag in enumerate(flags):
        flag.opened_at = now - datetime.timedelta(hours=len(flags) - i)
    Concern.objects.bulk_update(flags, ["opened_at"], batch_size=200)
    CareGrant.objects.bulk_create(
        CareGrant(patient=u, member=clinician, role="clinician") for u in users
    )
    return users


@pytest.fixture
def doctor(db):
    return ClinicianFactory(full_name="Dr Triage", email="dr.triage@example.com")


def names(response):
    return [p.full_name for p in response.context["page"]]


@pytest.mark.parametrize("count", [10, 500])
def test_bounded_queries(doctor, count, django_assert_max_num_queries):
    make_patients(clinician=doctor, count=count, today=timezone.localdate())
    client = client_for(Client(), doctor)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("monitoring:triage"))
    assert response.status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(reverse("monitoring:triage"), {"urgency": "soon", "q": "Bulk", "page": 2})


def test_order_most_urgent_then_oldest_open_flag(doctor):
    make_patients(clinician=doctor, count=8, today=timezone.localdate())
    listed = names(client_for(Client(), doctor).get(reverse("monitoring:triage")))
    # 0 and 4 urgent (0 older), 1 and 5 soon, 2 and 6 next visit, 3 and 7 without open flags.
    assert listed == [f"Bulk Patient {i:03d}" for i in (0, 4, 1, 5, 2, 6, 3, 7)]


def test_row_shows_counts_last_entry_and_next_appointment(doctor):
    today = timezone.localdate()
    (first,) = make_patients(clinician=doctor, count=1, today=today)
    entry = Entry.objects.get(area__patient=first)
    ConcernFactory(latest_entry=entry, rule="bulk2", urgency="urgent", reason="x")
    ConcernFactory(
        latest_entry=entry,
        rule="bulk3",
        urgency="soon",
        reason="x",
        state="withdrawn",
        withdrawn_at=timezone.now(),
    )
    response = client_for(Client(), doctor).get(reverse("monitoring:triage"))
    row = response.context["page"][0]
    assert (row.n_urgent, row.n_soon, row.n_next_visit) == (2, 0, 0)
    assert row.last_entry == today
    assert row.next_appointment == today
    assert "2 urgent" in response.content.decode()


def test_reviewed_flags_leave_the_counts(doctor):
    (first,) = make_patients(clinician=doctor, count=1, today=timezone.localdate())
    Concern.objects.filter(patient=first).update(
        state="reviewed", reviewed_at=timezone.now(), outcome="other"
    )
    row = client_for(Client(), doctor).get(reverse("monitoring:triage")).context["page"][0]
    assert (row.n_urgent, row.n_soon, row.n_next_visit) == (0, 0, 0)


def test_filter_by_urgency_and_name(doctor):
    make_patients(clinician=doctor, count=8, today=timezone.localdate())
    client = client_for(Client(), doctor)
    soon = names(client.get(reverse("monitoring:triage"), {"urgency": "soon"}))
    assert soon == ["Bulk Patient 001", "Bulk Patient 005"]
    found = names(client.get(reverse("monitoring:triage"), {"q": "patient 006"}))
    assert found == ["Bulk Patient 006"]


def test_only_my_patients_with_active_clinician_grants(doctor, patient, invited_clinician):
    make_patients(clinician=doctor, count=2, today=timezone.localdate())
    revoked = User.objects.get(email="bulk1@example.com")
    CareGrant.objects.filter(patient=revoked).update(revoked_at=timezone.now())
    listed = names(client_for(Client(), doctor).get(reverse("monitoring:triage")))
    assert listed == ["Bulk Patient 000"]
    assert patient.full_name not in listed


def test_triage_reads_are_logged_once_per_listed_patient(doctor):
    make_patients(clinician=doctor, count=3, today=timezone.localdate())
    client_for(Client(), doctor).get(reverse("monitoring:triage"))
    rows = AccessLogEntry.objects.filter(what="patient_list")
    assert rows.count() == 3
    assert set(rows.values_list("actor_role", flat=True)) == {"clinician"}


def test_clinicians_land_on_their_triage_list_after_login(client, doctor):
    from tracker.security import two_factor

    doctor.set_password("a long test password")
    doctor.save()
    device = two_factor.pending_app_device(doctor)
    device.confirmed = True
    device.save()
    [code, *_rest] = two_factor.new_recovery_codes(doctor)
    client.post(reverse("login"), {"username": doctor.email, "password": "a long test password"})
    # Past the second step (a recovery code here), home sends a clinician to their list.
    response = client.post(reverse("two_factor_verify"), {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("monitoring:triage")
    assert "My patients" in response.content.decode()  # the clinician's menu item


def test_a_patient_still_lands_on_home(patient_client):
    assert patient_client.get(reverse("tracker:home")).status_code == 200
