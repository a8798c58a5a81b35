"""Flags become a JSON list on profiles and on their cases (shares), instead of a
",a,b," string in 200 characters: with every flag raised 190 were used, more flags
are coming, and PostgreSQL refuses a longer value when it is saved. On PostgreSQL
the cases' flags get a GIN index (jsonb_path_ops), which answers the list's flag
filter, `flags @> '["budget_tight"]'`; SQLite has no GIN and reads the group's rows.

Reversible: lists go back to ",a,b," strings. A profile with more flags than 200
characters hold cannot go back; PostgreSQL then stops the reverse with its error
rather than cut flags off."""

from django.db import migrations, models

TABLES = (("Profile", "profiles_profile"), ("GroupShare", "profiles_groupshare"))
# Not in GroupShare's Meta.indexes: SQLite cannot make it, and the migrations run there.
GIN_INDEX = "case_flags"
BATCH = 1000


def strings_to_lists(apps, schema_editor):
    for model_name, table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            # One statement: a million rows in seconds, not a million round trips.
            schema_editor.execute(
                f"UPDATE {table} SET flag_list = "
                "to_jsonb(array_remove(string_to_array(flags, ','), '')) WHERE flags <> ''"
            )
            continue
        model = apps.get_model("profiles", model_name)
        _rewrite(model, "flags", "flag_list", lambda text: [f for f in text.split(",") if f])


def lists_to_strings(apps, schema_editor):
    for model_name, table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"UPDATE {table} SET flags = ',' || array_to_string(ARRAY("
                "SELECT jsonb_array_elements_text(flag_list)), ',') || ',' "
                "WHERE jsonb_array_length(flag_list) > 0"
            )
            continue
        model = apps.get_model("profiles", model_name)
        _rewrite(model, "flag_list", "flags", lambda flags: f",{','.join(flags)}," if flags else "")


def _rewrite(model, source: str, target: str, convert) -> None:
    rows = model.objects.order_by("pk").only("pk", source)
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        setattr(row, target, convert(getattr(row, source)))
        changed.append(row)
        if len(changed) == BATCH:
            model.objects.bulk_update(changed, [target])
            changed.clear()
    model.objects.bulk_update(changed, [target])


def gin_index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {GIN_INDEX} ON profiles_groupshare USING gin (flags jsonb_path_ops)"
        )


def gin_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("profiles", "0015_export_jobs")]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="flag_list",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="groupshare",
            name="flag_list",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(strings_to_lists, lists_to_strings),
        migrations.RemoveField(model_name="profile", name="flags"),
        migrations.RemoveField(model_name="groupshare", name="flags"),
        migrations.RenameField(model_name="profile", old_name="flag_list", new_name="flags"),
        migrations.RenameField(model_name="groupshare", old_name="flag_list", new_name="flags"),
        migrations.RunPython(gin_index_create, gin_index_drop),
    ]
