"""The access log's seal in the database (SQLite and PostgreSQL): no update but emptying the person
links when an account is deleted, no delete before the row's retention ends, no TRUNCATE; and
deleting an account keeps the rows under the person's pseudonym."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from monitoring.models import AccessLogEntry
from tests.db.seal import connected_as_owner
from tracker.security.deletion import delete_account


@pytest.fixture
def row(patient, invited_clinician):
    return AccessLogEntry.objects.create(
        actor=invited_clinician, patient=patient, what="timeline", allowed=True
    )


def _refused(sql, params=()):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "assignment",
    [
        "what = 'photo'",
        "actor_pseudonym = patient_pseudonym",
        "keep_until = at",
        "path = '/elsewhere/'",
    ],
)
def test_no_column_can_be_changed(row, assignment):
    _refused(f"UPDATE monitoring_accesslogentry SET {assignment} WHERE id = %s", [row.pk])  # noqa: S608
    assert AccessLogEntry.objects.get(pk=row.pk).what == "timeline"


def test_a_person_link_cannot_be_pointed_at_someone_else(row, other_patient):
    _refused(
        "UPDATE monitoring_accesslogentry SET patient_id = %s WHERE id = %s",
        [other_patient.pk, row.pk],
    )


def test_rows_cannot_be_deleted_before_their_retention_ends(row):
    _refused("DELETE FROM monitoring_accesslogentry WHERE id = %s", [row.pk])
    _refused("DELETE FROM monitoring_accesslogentry")
    assert AccessLogEntry.objects.filter(pk=row.pk).exists()


def test_rows_past_their_retention_can_be_deleted(patient, invited_clinician):
    old = AccessLogEntry(actor=invited_clinician, patient=patient, what="area", allowed=True)
    old.keep_until = timezone.now() - timedelta(days=1)
    old.save()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_accesslogentry WHERE id = %s", [old.pk])
    assert not AccessLogEntry.objects.filter(pk=old.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_postgresql_refuses_truncate(row):
    _refused("TRUNCATE monitoring_accesslogentry")
    assert AccessLogEntry.objects.filter(pk=row.pk).exists()


def test_retention_is_the_setting(row, settings):
    assert row.keep_until - row.at == pytest.approx(
        timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS), abs=timedelta(seconds=5)
    )


def test_deleting_a_person_keeps_their_rows_under_a_pseudonym(row, patient, invited_clinician):
    patient_pseudonym, clinician_pseudonym = patient.log_pseudonym, invited_clinician.log_pseudonym
    delete_account(user=invited_clinician)
    row = AccessLogEntry.objects.get(pk=row.pk)
    assert row.actor_id is None and row.actor_pseudonym == clinician_pseudonym
    delete_account(user=patient)
    row = AccessLogEntry.objects.get(pk=row.pk)
    assert row.patient_id is None and row.patient_pseudonym == patient_pseudonym
    assert (row.what, row.allowed) == ("timeline", True)


def test_pseudonyms_are_stable_and_not_the_public_code(patient, invited_clinician):
    rows = [
        AccessLogEntry.objects.create(
            actor=invited_clinician, patient=patient, what="area", allowed=True
        )
        for _ in range(2)
    ]
    assert rows[0].patient_pseudonym == rows[1].patient_pseudonym == patient.log_pseudonym
    assert patient.log_pseudonym != patient.code


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")
def test_the_app_role_cannot_lift_the_seal(row):
    """CI runs the PostgreSQL suite as an app role that owns no table (README: Two database
    roles): it cannot drop the seal's triggers, nor truncate the log."""
    if connected_as_owner():
        pytest.skip("connected as the tables' owner: run as the app role (.ci/run) to check this")
    _refused("DROP TRIGGER monitoring_accesslog_sealed ON monitoring_accesslogentry")
    _refused("ALTER TABLE monitoring_accesslogentry DISABLE TRIGGER ALL")
    _refused("TRUNCATE monitoring_accesslogentry")
    assert AccessLogEntry.objects.filter(pk=row.pk).exists()
