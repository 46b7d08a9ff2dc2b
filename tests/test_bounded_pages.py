"""Pages stay bounded whatever the history: paged lists, the latest few reviews per area on the
record, query counts that do not grow with checks, concerns, patients or reviews, and list views
that log each patient once a day."""

import datetime

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitoring.care import clinician
from monitoring.models import AccessLogEntry
from tests.conftest import client_for
from tests.factories import AreaFactory, ClinicianFactory, ConcernFactory, EntryFactory, UserFactory
from tracker.models import CareGrant


def reviewed(area, count, *, start=datetime.date(2025, 1, 1)):
    """`count` checks of `area`, each the latest of a concern a different clinician reviewed."""
    for i in range(count):
        entry = EntryFactory(area=area, date=start + datetime.timedelta(i))
        ConcernFactory(
            latest_entry=entry,
            rule=f"care_test_{i}",
            state="reviewed",
            reviewed_by=ClinicianFactory(),
            reviewed_at=timezone.now() + datetime.timedelta(minutes=i),
            outcome="seen_no_concern",
        )


def open_concerns(patient, count):
    for i in range(count):
        area = AreaFactory(patient=patient, name=f"Area {i:03d}")
        ConcernFactory(latest_entry=EntryFactory(area=area), rule=f"care_test_{i}")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


# --- The clinician's record ---------------------------------------------------------------------


def test_record_queries_do_not_grow_with_reviews_checks_or_concerns(
    patient, area, invited_clinician
):
    client = client_for(Client(), invited_clinician)
    url = reverse("monitoring:record", args=[patient.code])
    reviewed(area, 2)
    open_concerns(patient, 2)
    few = queries(client, url)
    reviewed(area, 20, start=datetime.date(2025, 3, 1))
    reviewed(AreaFactory(patient=patient, site="neck"), 10)
    open_concerns(patient, 10)
    assert queries(client, url) == few


def test_record_shows_the_latest_reviews_of_every_area(patient, area, invited_clinician):
    """Each area keeps its own latest few reviews: an area with many reviews does not push the
    others' out."""
    busy = area
    quiet = AreaFactory(patient=patient, name="Neck", site="neck")
    reviewed(busy, 12)
    reviewed(quiet, 1)
    groups = {g.area.pk: g for g in clinician.record_concerns(patient=patient)}
    assert len(groups[busy.pk].reviewed) == clinician.REVIEWED_PER_AREA
    newest = ["care_test_11", "care_test_10", "care_test_9"]
    assert [c.rule for c in groups[busy.pk].reviewed] == newest
    assert len(groups[quiet.pk].reviewed) == 1
    html = (
        client_for(Client(), invited_clinician)
        .get(reverse("monitoring:record", args=[patient.code]))
        .content.decode()
    )
    # Reviewed concerns are folded away behind a summary line, three at most per area.
    assert html.count("The latest 3 reviews") == 1 and html.count("The latest review") == 1


# --- "To raise" and "Shared with me" ------------------------------------------------------------


def test_to_raise_is_paged_and_its_queries_do_not_grow(patient, patient_client):
    url = reverse("monitoring:to_raise")
    open_concerns(patient, 3)
    few = queries(patient_client, url)
    open_concerns(patient, 40)
    assert queries(patient_client, url) == few
    first = patient_client.get(url)
    assert len(first.context["concerns"]) == 20
    assert "Page 1 of 3" in first.content.decode()
    second = patient_client.get(url, {"page": 2})
    assert len(second.context["concerns"]) == 20


def test_to_raise_urgent_box_counts_urgent_concerns_beyond_the_page(patient, patient_client):
    open_concerns(patient, 21)
    area = AreaFactory(patient=patient, name="Zzz")
    ConcernFactory(latest_entry=EntryFactory(area=area), rule="urgent_test", urgency="urgent")
    page2 = patient_client.get(reverse("monitoring:to_raise"), {"page": 2})
    assert page2.context["urgent"] and 'role="alert"' in page2.content.decode()


def test_shared_with_me_is_paged_and_its_queries_do_not_grow(db):
    member = UserFactory(full_name="Cara Giver")
    client = client_for(Client(), member)
    url = reverse("monitoring:shared_with_me")

    def share(count):
        for _ in range(count):
            CareGrant.objects.create(patient=UserFactory(), member=member, role="caregiver")

    share(2)
    few = queries(client, url)
    share(60)
    assert queries(client, url) == few
    response = client.get(url)
    assert len(response.context["page"]) == 50 and "Page 1 of 2" in response.content.decode()
    assert len(client.get(url, {"page": 2}).context["page"]) == 12


# --- The access log of list views ---------------------------------------------------------------


def test_triage_logs_each_patient_once_a_day_records_every_read(patient, area, invited_clinician):
    client = client_for(Client(), invited_clinician)
    other = UserFactory(full_name="Second Patient")
    CareGrant.objects.create(patient=other, member=invited_clinician, role="clinician")
    listed = AccessLogEntry.objects.filter(what=AccessLogEntry.What.PATIENT_LIST)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)):
        for _ in range(3):
            client.get(reverse("monitoring:triage"))
        assert sorted(listed.values_list("patient_id", flat=True)) == sorted([patient.pk, other.pk])
        for _ in range(2):
            client.get(reverse("monitoring:record", args=[patient.code]))
        assert AccessLogEntry.objects.filter(what=AccessLogEntry.What.TIMELINE).count() == 2
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.UTC)):
        client.get(reverse("monitoring:triage"))
    assert listed.count() == 4  # a new day, a new row per patient
    # Another clinician's list is their own read: logged for them.
    second = ClinicianFactory()
    CareGrant.objects.create(patient=patient, member=second, role="clinician")
    client_for(Client(), second).get(reverse("monitoring:triage"))
    assert listed.filter(actor=second).count() == 1


def test_triage_logging_costs_the_same_on_later_views(patient, invited_clinician):
    client = client_for(Client(), invited_clinician)
    url = reverse("monitoring:triage")
    first = queries(client, url)
    assert queries(client, url) <= first


def test_home_queries_do_not_grow_with_concerns(patient, patient_client):
    url = reverse("tracker:home")
    open_concerns(patient, 2)
    few = queries(patient_client, url)
    open_concerns(patient, 12)
    assert queries(patient_client, url) == few
    html = patient_client.get(url).content.decode()
    assert html.count("Why the app raised this") == 5
    assert reverse("monitoring:to_raise") in html


def test_home_urgent_box_knows_every_urgent_concern(patient, patient_client):
    for i in range(7):
        area = AreaFactory(patient=patient, name=f"Urgent {i}")
        ConcernFactory(latest_entry=EntryFactory(area=area), rule=f"u{i}", urgency="urgent")
    context = patient_client.get(reverse("tracker:home")).context
    assert len(context["urgent"]) == 7 and len(context["concerns"]) == 5
