import os

import psycopg
from django.db.backends.postgresql import base

from tests.db.seal import around_flush


class DatabaseOperations(base.DatabaseOperations):
    def sql_flush(self, style, tables, **kwargs):
        return around_flush("postgresql", super().sql_flush(style, tables, **kwargs), tables)

    def execute_sql_flush(self, sql_list):
        """Run as the app role (CI: .ci/run), which owns nothing and may not truncate, the test
        runner's flush goes through the owner role (TEST_DATABASE_OWNER_URL), like a migration."""
        owner = os.environ.get("TEST_DATABASE_OWNER_URL")
        if not owner:
            return super().execute_sql_flush(sql_list)
        with psycopg.connect(owner) as connection, connection.cursor() as cursor:
            for sql in sql_list:
                cursor.execute(sql)
        return None


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
