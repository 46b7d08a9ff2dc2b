from django.db.backends.sqlite3 import base

from tests.db.seal import around_flush


class DatabaseOperations(base.DatabaseOperations):
    def sql_flush(self, style, tables, **kwargs):
        return around_flush("sqlite", super().sql_flush(style, tables, **kwargs), tables)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
