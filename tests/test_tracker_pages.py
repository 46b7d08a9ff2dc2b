"""The home page and timelines: what they show, and a fixed number of queries however long."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import AreaFactory, EntryFactory


@pytest.fixture
def long_history(patient, area):
    """200 entries over three areas."""
    areas = [area, AreaFactory(patient=patient), AreaFactory(patient=patient)]
    start = datetime.date(2025, 1, 1)
    for i in range(200):
        EntryFactory(area=areas[i % 3], date=start + datetime.timedelta(days=i), signs=["firm"])
    return areas


@pytest.mark.parametrize("page", ["1", "2", "4"])
def test_overall_timeline_queries_are_bounded(
    patient_client, long_history, django_assert_max_num_queries, page
):
    with django_assert_max_num_queries(6):
        response = patient_client.get(reverse("tracker:timeline"), {"page": page})
    assert response.status_code == 200


def test_area_timeline_queries_are_bounded(
    patient_client, long_history, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):  # 7, plus the latest photo and the chart's checks
        response = patient_client.get(reverse("tracker:area_detail", args=[long_history[0].code]))
    assert response.status_code == 200


def test_home_queries_are_bounded(patient_client, long_history, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = patient_client.get(reverse("tracker:home"))
    assert response.status_code == 200


def test_timeline_is_newest_first(patient_client, area):
    EntryFactory(area=area, date=datetime.date(2026, 1, 5), notes="older one")
    EntryFactory(area=area, date=datetime.date(2026, 2, 5), notes="newer one")
    body = patient_client.get(reverse("tracker:area_detail", args=[area.code])).content.decode()
    assert body.index("newer one") < body.index("older one")


def test_home_shows_latest_entry_and_state(patient_client, area):
    EntryFactory(area=area, date=datetime.date(2026, 2, 5))
    EntryFactory(area=area, date=datetime.date(2026, 3, 9), change="larger")
    body = patient_client.get(reverse("tracker:home")).content.decode()
    assert "Last checked 9 March 2026 (2 checks)" in body
    assert "Last time you said: It got bigger" in body
    assert f'href="/areas/{area.code}/entries/new/"' in body


def test_every_page_has_the_safety_footer(patient_client, area):
    for url in [reverse("tracker:home"), reverse("tracker:timeline"), reverse("login")]:
        body = patient_client.get(url).content.decode()
        assert "This app does not diagnose." in body
        assert "emergency" in body


def test_patient_text_is_escaped(patient_client, area):
    EntryFactory(area=area, notes="<script>alert(1)</script>")
    body = patient_client.get(reverse("tracker:timeline")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
