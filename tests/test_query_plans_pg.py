"""On PostgreSQL, with tables large enough for the planner to care, the hot queries use indexes:
EXPLAIN each one and fail on a sequential scan of a large table.

The daily selection (which patients the daily rules judge) is not here yet: it still reads every
watched area, by design of the current daily run (see issue 17, point 6).
"""

import datetime
import json
import os

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from monitoring.care import clinician as care
from monitoring.care.access_log import keep_until
from monitoring.flags.access import own_open_concerns
from monitoring.models import AccessLogEntry, Concern, ConcernCheck
from tests.factories import ClinicianFactory
from tracker import services
from tracker.models import CareGrant, Entry, Profile, User, WatchedArea

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)

PATIENTS = 400
CHECKS = 40  # per patient: 16,000 checks, 4,000 concerns, 4,000 access log rows
LARGE_ROWS = 1000  # a table with more rows than this must not be read whole
TABLES = [
    model._meta.db_table
    for model in (Entry, Concern, ConcernCheck, AccessLogEntry, WatchedArea, User, CareGrant)
]


@pytest.fixture
def clinic(transactional_db):
    today = datetime.date(2026, 6, 1)
    doctor = ClinicianFactory()
    users = User.objects.bulk_create(
        User(email=f"plan{i}@example.com", full_name=f"Plan Patient {i:03d}", password="!")
        for i in range(PATIENTS)
    )
    Profile.objects.bulk_create(Profile(user=u) for u in users)
    # The doctor sees one patient in twenty: a clinician's list, not the whole clinic.
    CareGrant.objects.bulk_create(
        CareGrant(patient=u, member=doctor, role="clinician") for u in users[::20]
    )
    areas = WatchedArea.objects.bulk_create(
        WatchedArea(patient=u, site="scar_left", name="Scar") for u in users
    )
    entries = Entry.objects.bulk_create(
        Entry(area=a, date=today - datetime.timedelta(days=n), created_by=a.patient)
        for a in areas
        for n in range(CHECKS)
    )
    now = timezone.now()
    concerns = Concern.objects.bulk_create(
        Concern(
            patient=e.area.patient,
            area=e.area,
            latest_entry=e,
            first_entry=e,
            opened_on=e.date,
            rule=f"plan{n}",
            rule_version=1,
            urgency="soon",
            raised_urgency="soon",
            kind="entry",
            reason="x",
            state="open" if n == 0 else "reviewed",
            reviewed_at=None if n == 0 else now,
            outcome="" if n == 0 else "seen_no_concern",
        )
        for n, e in enumerate(entries)
        if n % 4 == 0
        for n in [(n // 4) % 10]
    )
    ConcernCheck.objects.bulk_create(
        ConcernCheck(concern=c, entry=c.latest_entry, action="opened") for c in concerns
    )
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            actor=doctor,
            actor_pseudonym=doctor.log_pseudonym,
            patient=u,
            patient_pseudonym=u.log_pseudonym,
            keep_until=keep_until(),
            what="timeline",
            allowed=True,
            path="/",
        )
        for u in users
        for _ in range(10)
    )
    analyze(TABLES)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND reltuples > %s",
            [TABLES, LARGE_ROWS],
        )
        large = {row[0] for row in cursor.fetchall()}
    assert {Entry._meta.db_table, Concern._meta.db_table} <= large
    return doctor, users[0], areas[0], today, large


def analyze(tables):
    """Fresh planner statistics. Only a table's owner may ANALYZE it: run as the app role
    (.ci/run), that goes through the owner's connection, so the rows must be committed (hence
    `transactional_db`)."""
    owner = os.environ.get("TEST_DATABASE_OWNER_URL")
    if owner:
        with psycopg.connect(owner, autocommit=True) as owner_connection:
            for table in tables:
                owner_connection.execute(f'ANALYZE "{table}"')
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


def sequential_scans(queryset, large):
    plan = json.loads(queryset.explain(format="json"))
    found = []

    def walk(node):
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in large:
            found.append(node["Relation Name"])
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan[0]["Plan"])
    return found


def test_hot_queries_use_indexes(clinic):
    doctor, patient, area, today, large = clinic
    queries = {
        "triage": care.triage(clinician=doctor)[:50],
        "timeline": services.timeline(area.entries.all())[:20],
        "timeline links": ConcernCheck.objects.for_timelines().filter(
            entry__in=list(area.entries.values_list("pk", flat=True)[:20])
        ),
        "the patient's open concerns": own_open_concerns(patient)[:20],
        "the record's reviewed concerns": Concern.objects.filter(
            patient=patient, state=Concern.State.REVIEWED
        ).order_by("area_id", "-reviewed_at"),
        "access log": AccessLogEntry.objects.filter(patient=patient)[:50],
        "triage logged today": AccessLogEntry.objects.filter(
            actor=doctor, what="patient_list", at__gte=timezone.now() - datetime.timedelta(1)
        ),
        # As monitoring.summary.build._concerns asks them.
        "summary's open concerns": Concern.objects.open().filter(patient=patient),
        "summary's reviewed concerns": Concern.objects.filter(
            patient=patient,
            state=Concern.State.REVIEWED,
            reviewed_at__date__range=(today - datetime.timedelta(90), today),
        ).order_by("-reviewed_at", "-pk")[:20],
    }
    scans = {name: sequential_scans(qs, large) for name, qs in queries.items()}
    assert {name: found for name, found in scans.items() if found} == {}
