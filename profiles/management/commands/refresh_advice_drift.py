"""`manage.py refresh_advice_drift`: re-check, for every saved profile, whether
today's weighting, Match calendar and rules would tell the applicant something else
than they were told (the caseload's "Advice today"). Run after a release that
changes the rules; `make run` and `make serve` run it after migrating."""

from django.core.management.base import BaseCommand

from profiles.advising.drift import advice_drift_refresh


class Command(BaseCommand):
    help = "Re-check whether today's advice differs from what each applicant was told."

    def handle(self, *args, **options):
        changed = advice_drift_refresh()
        self.stdout.write(
            f"{changed} profile{'' if changed == 1 else 's'} changed their 'advice today'."
        )
