"""Migration monitoring.0009: every flag becomes a concern, nothing is lost."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.db.seal import connected_as_owner

# tracker back to before its security migration too (its new User column is not in this state).
BEFORE = [("monitoring", "0008_concerns"), ("tracker", "0008_photo_measurement")]
AFTER = [("monitoring", "0009_flags_to_concerns")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    if not connected_as_owner():
        pytest.skip("migrations run as the owner role; this run is the app role (.ci/run)")
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf())


def executor_leaf():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_flags_become_concerns(old_apps):
    User = old_apps.get_model("tracker", "User")
    Area = old_apps.get_model("tracker", "WatchedArea")
    Entry = old_apps.get_model("tracker", "Entry")
    Flag = old_apps.get_model("monitoring", "Flag")
    patient = User.objects.create(email="p@example.com", full_name="P", password="!")
    doctor = User.objects.create(email="d@example.com", full_name="D", password="!")
    area = Area.objects.create(patient=patient, site="scar_left", name="Scar")
    day = datetime.date(2026, 1, 5)
    entries = [
        Entry.objects.create(
            area=area, date=day + datetime.timedelta(days=7 * i), created_by=patient
        )
        for i in range(4)
    ]
    now = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)

    def flag(entry, rule, urgency="soon", **extra):
        return Flag.objects.create(
            patient=patient, area=area, entry=entry, rule=rule, rule_version=1, urgency=urgency,
            kind="entry", reason=f"{rule} on {entry.date}", facts={"date": str(entry.date)},
            **extra,
        )  # fmt: skip

    flag(entries[0], "growth")
    flag(entries[1], "growth", urgency="urgent")
    flag(entries[2], "growth")
    flag(entries[0], "any_sign", urgency="next_visit", state="reviewed", reviewed_at=now,
         reviewed_by=doctor, outcome="other", note_to_patient="Fine.")  # fmt: skip
    flag(entries[3], "new_lump", state="withdrawn", withdrawn_at=now, withdrawn_reason="edited")

    apps = migrate(AFTER)
    Concern = apps.get_model("monitoring", "Concern")
    ConcernCheck = apps.get_model("monitoring", "ConcernCheck")
    growth = Concern.objects.get(rule="growth")
    assert (growth.state, growth.urgency, growth.raised_urgency) == ("open", "urgent", "urgent")
    assert growth.first_entry_id == entries[0].pk and growth.latest_entry_id == entries[2].pk
    assert growth.opened_on == day and growth.reason == f"growth on {entries[2].date}"
    links = ConcernCheck.objects.filter(concern=growth).order_by("entry__date")
    assert [(link.entry_id, link.action) for link in links] == [
        (entries[0].pk, "opened"),
        (entries[1].pk, "updated"),
        (entries[2].pk, "updated"),
    ]
    reviewed = Concern.objects.get(rule="any_sign")
    assert (reviewed.state, reviewed.outcome, reviewed.note_to_patient) == (
        "reviewed",
        "other",
        "Fine.",
    )
    assert reviewed.reviewed_by_id == doctor.pk and reviewed.reviewed_at == now
    withdrawn = Concern.objects.get(rule="new_lump")
    assert (withdrawn.state, withdrawn.withdrawn_reason) == ("withdrawn", "edited")
    assert Concern.objects.count() == 3 and ConcernCheck.objects.count() == 5
