"""The database's seal on the access log (used by the migrations; the tests' own database
backends lift it around the test runner's flush only: tests/db/).

Refused by the database, whoever asks: any UPDATE but emptying actor_id or patient_id (what
deleting an account does, the pseudonyms staying), any DELETE of a row before its keep_until,
and (PostgreSQL) TRUNCATE.
"""

TABLE = "monitoring_accesslogentry"
# Every column but the two person links, which deleting an account may empty.
KEPT_COLUMNS = (
    "id",
    "actor_pseudonym",
    "patient_pseudonym",
    "actor_role",
    "wrote",
    "what",
    "object_code",
    "path",
    "ip_address",
    "allowed",
    "at",
    "keep_until",
)
MESSAGE = "The access log is append-only."


def _only_unlinked(same):
    kept = " AND ".join(same(column) for column in KEPT_COLUMNS)
    links = " AND ".join(
        f"(NEW.{column} IS NULL OR {same(column)})" for column in ("actor_id", "patient_id")
    )
    return f"{links} AND {kept}"


PG_SEAL = [
    f"""
CREATE OR REPLACE FUNCTION monitoring_accesslog_sealed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND {_only_unlinked(lambda c: f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}")}
    THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND OLD.keep_until < now() THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{MESSAGE}';
END;
$$ LANGUAGE plpgsql
""",
    f"""
CREATE TRIGGER monitoring_accesslog_sealed BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION monitoring_accesslog_sealed()
""",
    f"""
CREATE OR REPLACE FUNCTION monitoring_accesslog_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}';
END;
$$ LANGUAGE plpgsql
""",
    f"""
CREATE TRIGGER monitoring_accesslog_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION monitoring_accesslog_no_truncate()
""",
]
PG_UNSEAL = [
    f"DROP TRIGGER IF EXISTS monitoring_accesslog_sealed ON {TABLE}",
    f"DROP TRIGGER IF EXISTS monitoring_accesslog_no_truncate ON {TABLE}",
]

SQLITE_SEAL = [
    f"""
CREATE TRIGGER monitoring_accesslog_sealed_update BEFORE UPDATE ON {TABLE}
WHEN NOT ({_only_unlinked(lambda c: f"NEW.{c} IS OLD.{c}")})
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
""",
    # Django stores SQLite datetimes as UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]', which sorts.
    f"""
CREATE TRIGGER monitoring_accesslog_sealed_delete BEFORE DELETE ON {TABLE}
WHEN OLD.keep_until >= strftime('%Y-%m-%d %H:%M:%f', 'now')
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
""",
]
SQLITE_UNSEAL = [
    "DROP TRIGGER IF EXISTS monitoring_accesslog_sealed_update",
    "DROP TRIGGER IF EXISTS monitoring_accesslog_sealed_delete",
]


def statements(vendor: str, *, seal: bool) -> list[str]:
    table = {
        ("postgresql", True): PG_SEAL,
        ("postgresql", False): PG_UNSEAL,
        ("sqlite", True): SQLITE_SEAL,
        ("sqlite", False): SQLITE_UNSEAL,
    }
    return table.get((vendor, seal), [])
