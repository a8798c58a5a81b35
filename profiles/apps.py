from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Applicant profiles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The receivers that keep each group's tallies as its cases come and go.
        # And those that delete an export's file with the consent it came from.
        from profiles.advising import (
            cases,  # noqa: F401
            export_consent,  # noqa: F401
        )
