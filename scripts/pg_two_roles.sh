#!/usr/bin/env bash
# Prepare a PostgreSQL test database the way the README's deployment does it: an owner role
# migrates it, and an app role that owns nothing gets only the grants it needs
# (scripts/db_grants.sql). Used by .ci/run; usage:
#   scripts/pg_two_roles.sh NAME        (makes roles NAME_owner and NAME_app, database test_NAME)
# then run pytest with
#   DATABASE_URL=postgres://NAME_app@127.0.0.1:5432/NAME \
#   TEST_DATABASE_OWNER_URL=postgres://NAME_owner@127.0.0.1:5432/test_NAME pytest --reuse-db
set -euo pipefail
cd "$(dirname "$0")/.."
name="$1"
server="${PGSERVER:-postgres://postgres@127.0.0.1:5432}"
owner="${name}_owner" app="${name}_app" db="test_${name}"

psql "$server/postgres" -v ON_ERROR_STOP=1 -q <<SQL
DROP DATABASE IF EXISTS "$db" WITH (FORCE);
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$owner') THEN CREATE ROLE "$owner" LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$app') THEN CREATE ROLE "$app" LOGIN; END IF;
END \$\$;
CREATE DATABASE "$db" OWNER "$owner";
SQL
psql "$server/$db" -v ON_ERROR_STOP=1 -q <<SQL
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO "$owner";
GRANT USAGE ON SCHEMA public TO "$app";
ALTER DEFAULT PRIVILEGES FOR ROLE "$owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "$app";
ALTER DEFAULT PRIVILEGES FOR ROLE "$owner" IN SCHEMA public
  GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "$app";  -- UPDATE: restore resets them
SQL
DJANGO_SETTINGS_MODULE=tests.settings DATABASE_URL="postgres://$owner@127.0.0.1:5432/$db" \
  .venv/bin/python manage.py migrate --noinput -v 0
psql "postgres://$owner@127.0.0.1:5432/$db" -v ON_ERROR_STOP=1 -q -v app="$app" \
  -f scripts/db_grants.sql
