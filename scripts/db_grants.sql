-- Run as the owner role after each `manage.py migrate` (README: Two database roles):
--   psql "$OWNER_DATABASE_URL" -v app=tracker_app -f scripts/db_grants.sql
-- The app role may add and read access-log rows, empty their account columns when an account is
-- deleted, and delete rows past keep_until (the database's seal refuses the rest); it owns
-- nothing, so it cannot drop the seal.
REVOKE UPDATE, TRUNCATE ON monitoring_accesslogentry FROM :"app";
GRANT UPDATE (actor_id, patient_id) ON monitoring_accesslogentry TO :"app";
