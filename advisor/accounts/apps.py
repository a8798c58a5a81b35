from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "advisor.accounts"
    label = "accounts"
    verbose_name = "Advisor accounts"
