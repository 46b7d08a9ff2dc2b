"""The home page and timelines: what they show, and a fixed number of queries however long."""

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import at_most_queries
from tests.factories import (
    ClinicianFactory,
    ConcernFactory,
    EntryFactory,
    UserFactory,
    long_history,
)


class TestLongHistory(TestCase):
    """200 checks over three areas, each with a sign (so with concerns): the home page and the
    timelines run a fixed number of queries however long the history. Built once for the class
    (setUpTestData); every test runs in its own transaction."""

    @classmethod
    def setUpTestData(cls):
        cls.patient = UserFactory()
        cls.areas = long_history(cls.patient, signs=["firm"])

    def setUp(self):
        self.client.force_login(self.patient)

    def get(self, most, url, **params):
        with at_most_queries(most):
            response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        return response

    # One query of these says which entries of the page the reader may edit (editable_entries).
    def test_overall_timeline_page_1_queries_are_bounded(self):
        self.get(7, reverse("tracker:timeline"), page="1")

    def test_overall_timeline_page_2_queries_are_bounded(self):
        self.get(7, reverse("tracker:timeline"), page="2")

    def test_overall_timeline_page_4_queries_are_bounded(self):
        self.get(7, reverse("tracker:timeline"), page="4")

    def test_area_timeline_queries_are_bounded(self):
        # 8, plus the latest photo and the chart's checks.
        self.get(10, reverse("tracker:area_detail", args=[self.areas[0].code]))

    def test_home_queries_are_bounded(self):
        self.get(6, reverse("tracker:home"))


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


def reviewed_flags(area, count):
    """`count` checks of `area`, each the latest of a concern reviewed by a different
    clinician."""
    for i in range(count):
        entry = EntryFactory(area=area, date=datetime.date(2025, 1, 1) + datetime.timedelta(i))
        ConcernFactory(
            latest_entry=entry,
            rule=f"care_test_{i}",
            state="reviewed",
            reviewed_by=ClinicianFactory(),
            reviewed_at=timezone.now(),
            outcome="seen_no_concern",
        )


@pytest.mark.parametrize("name", ["area_detail", "timeline"])
def test_reviewed_flags_cost_no_query_each(patient_client, area, name, django_assert_num_queries):
    """The timelines show who reviewed each flag: loaded with the flags, not one query per flag
    (it took 10 queries with 3 reviewed flags and 19 with 12)."""
    url = reverse(f"tracker:{name}", **({"args": [area.code]} if name == "area_detail" else {}))
    reviewed_flags(area, 3)
    with CaptureQueriesContext(connection) as few:
        assert "Seen, no concern for now" in patient_client.get(url).content.decode()
    reviewed_flags(area, 9)
    with django_assert_num_queries(len(few.captured_queries)):
        page = patient_client.get(url).content.decode()
    assert page.count("Your care team reviewed this") == 12
