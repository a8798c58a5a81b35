"""`flags__holds="budget_tight"`: a JSON list holds this string as one of its items.

Django's own `flags__contains=["budget_tight"]` is PostgreSQL's `@>`, which the GIN
index on the cases' flags answers (migration 0016), but Django 5.2 refuses it on
SQLite ("contains lookup is not supported on this database backend"). This lookup
is that same `@>` on PostgreSQL and a look through the list's items on SQLite, so
the caseload's flag filter reads the same on both. Either way it matches whole
items: "budget_tight" never matches "budget_tight_soon".
"""

from django.db import NotSupportedError
from django.db.models import JSONField, Lookup
from django.db.models.fields.json import DataContains


@JSONField.register_lookup
class ListHolds(Lookup):
    lookup_name = "holds"
    # The item is compared as it is (a string), not as a JSON document.
    prepare_rhs = False

    def as_postgresql(self, compiler, connection):
        return compiler.compile(DataContains(self.lhs, [self.rhs]))

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) AS item WHERE item.value = {rhs})"
        return sql, (*lhs_params, *rhs_params)

    def as_sql(self, compiler, connection):
        raise NotSupportedError(f"`holds` has no SQL for {connection.vendor} yet.")
