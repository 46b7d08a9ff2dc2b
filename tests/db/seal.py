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
