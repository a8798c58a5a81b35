"""The admin data's version: one row whose number goes up with every write to the
tables the engine's data is read from, in the same transaction as the write.

Database triggers bump it, not Django signals: they also see queryset `update()` and
`delete()`, `bulk_create`, fixtures, data migrations, `dbshell` and other processes,
none of which send `post_save`. Each bump writes a fresh random `stamp` as well, so
a number that a rolled-back transaction used once and a committed one uses later
never look alike (advisor/admin_data_cache.py keys what it keeps by both).
"""

import secrets

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models

# The tables behind advisor/selectors.py: every write to one of them bumps the version.
ADMIN_DATA_TABLES = (
    "advisor_specialty",
    "advisor_matchcycle",
    "advisor_passmark",
    "advisor_policyevent",
    "advisor_fee",
)
TRIGGER = "advisor_admin_data_changed"
VERSION_ROW = 1

SQLITE_BUMP = f"""
CREATE TRIGGER IF NOT EXISTS {TRIGGER}_{{table}}_{{event}} AFTER {{event}} ON {{table}}
BEGIN
    INSERT OR IGNORE INTO advisor_admindataversion (id, number, stamp)
    VALUES ({VERSION_ROW}, 0, '');
    UPDATE advisor_admindataversion
    SET number = number + 1, stamp = lower(hex(randomblob(16))) WHERE id = {VERSION_ROW};
END
"""
# Once per statement, not per row; TRUNCATE (a test flush) counts as a write too.
POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO advisor_admindataversion (id, number, stamp)
    VALUES ({VERSION_ROW}, 1, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (id) DO UPDATE
    SET number = advisor_admindataversion.number + 1, stamp = EXCLUDED.stamp;
    RETURN NULL;
END $$
"""
POSTGRESQL_BUMP = (
    f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {{table}} "
    f"FOR EACH STATEMENT EXECUTE PROCEDURE {TRIGGER}()"
)


class AdminDataVersion(models.Model):
    """A single row (id 1). Read once per request by advisor/admin_data_cache.py."""

    number = models.BigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"admin data version {self.number}"


def admin_data_triggers_install(*, using: str = "default") -> None:
    """Make the version row and the triggers where missing, and bump the version once.

    Run after every `migrate` (and every test flush), not only by a migration:
    SQLite drops a table's triggers when a later migration rebuilds that table, and
    data migrations in the same run may have written before they came back.
    """
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if AdminDataVersion._meta.db_table not in existing:
        return  # migrated back before the version table
    tables = [table for table in ADMIN_DATA_TABLES if table in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(SQLITE_BUMP.format(table=table, event=event))
        elif connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_FUNCTION)
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRIGGER]
            )
            has_trigger = {row[0] for row in cursor.fetchall()}
            for table in tables:
                if table not in has_trigger:
                    cursor.execute(POSTGRESQL_BUMP.format(table=table))
        else:
            # Without its triggers the version would stand still and pages show old data.
            raise ImproperlyConfigured(f"No admin data triggers for {connection.vendor}.")
    version = AdminDataVersion.objects.using(using)
    version.get_or_create(pk=VERSION_ROW)
    version.filter(pk=VERSION_ROW).update(
        number=models.F("number") + 1, stamp=secrets.token_hex(16)
    )
