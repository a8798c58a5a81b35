"""The Advisors group: may view profiles (only shared ones reach them, by the views' rules)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Advisors"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure the
    # profile ones exist now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="profiles",
            codename__in=["view_profile", "view_advisornote", "add_advisornote"],
        )
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0002_advisor_notes_and_weighting_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
