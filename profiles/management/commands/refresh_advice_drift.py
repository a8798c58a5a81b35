"""`manage.py refresh_advice_drift [RECHECK_ID]`: re-check, for every saved profile,
whether today's weighting, Match calendar and rules would tell the applicant
something else than they were told (the caseload's "Advice today").

Without an id: run after a release that changes the rules; `make run` and `make
serve` run it after migrating. With one: the re-check an admin's save started
(profiles/advising/rechecks.py), with its progress."""

from django.core.management.base import BaseCommand

from profiles.advising.drift import advice_drift_refresh
from profiles.advising.rechecks import recheck_run


class Command(BaseCommand):
    help = "Re-check whether today's advice differs from what each applicant was told."

    def add_arguments(self, parser):
        parser.add_argument("recheck", nargs="?", type=int, help="An admin's re-check to run")

    def handle(self, *args, recheck=None, **options):
        if recheck is not None:
            recheck_run(recheck)
            return
        changed = advice_drift_refresh()
        self.stdout.write(
            f"{changed} profile{'' if changed == 1 else 's'} changed their 'advice today'."
        )
