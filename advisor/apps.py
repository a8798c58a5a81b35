from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_migrate, post_save


class AdvisorConfig(AppConfig):
    name = "advisor"
    verbose_name = "Advice engine"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from advisor import admin_data_cache
        from advisor.models import Fee, MatchCycle, PassMark, PolicyEvent, Specialty

        # What the selectors build from the admin data is kept per process and per
        # version of the admin data, which each request reads once.
        request_started.connect(admin_data_cache.request_opened)
        request_finished.connect(admin_data_cache.request_closed)
        for model in (Specialty, MatchCycle, PassMark, PolicyEvent, Fee):
            post_save.connect(admin_data_cache.admin_data_written, sender=model)
            post_delete.connect(admin_data_cache.admin_data_written, sender=model)
        post_migrate.connect(admin_data_triggers_after_migrate, sender=self)


def admin_data_triggers_after_migrate(*, using: str, **kwargs) -> None:
    from advisor.models_admin_data import admin_data_triggers_install

    admin_data_triggers_install(using=using)
