"""Test-only database backends: the test runner's flush (after each transactional test) empties
every table, which the access log's seal refuses; these lift the seal around that flush only.
Production uses Django's own backends, sealed."""

from monitoring.care import log_seal


def around_flush(vendor, sql, tables):
    if sql and log_seal.TABLE in tables:
        return [
            *log_seal.statements(vendor, seal=False),
            *sql,
            *log_seal.statements(vendor, seal=True),
        ]
    return sql


def connected_as_owner() -> bool:
    """Whether the tests' connection may change the schema (False for CI's PostgreSQL app role,
    which owns no table: README, Two database roles)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_has_role(current_user, tableowner, 'MEMBER') OR usesuper "
            "FROM pg_tables, pg_user WHERE tablename = %s AND usename = current_user",
            [log_seal.TABLE],
        )
        return cursor.fetchone()[0]
