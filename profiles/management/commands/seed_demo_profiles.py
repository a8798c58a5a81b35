from django.core.management.base import BaseCommand
from django.db import connection

from profiles.advising.models import AdvisingGroup
from profiles.demo import demo_profiles_create
from profiles.demo_bulk import demo_profiles_copy

# From this many on PostgreSQL, the engine runs on every core and COPY writes.
BULK_FROM = 20_000

DEMO_GROUP = "Demo advising group"


class Command(BaseCommand):
    help = (
        "Add made-up applicant profiles, about 80% shared with an advising group "
        f"(“{DEMO_GROUP}” unless --group names another; made if missing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=200)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--group", default=DEMO_GROUP)

    def handle(self, *args, count: int, seed: int, group: str, **options):
        advising_group = AdvisingGroup.objects.filter(name=group).order_by("pk").first()
        if advising_group is None:
            advising_group = AdvisingGroup.objects.create(name=group)
        if connection.vendor == "postgresql" and count >= BULK_FROM:
            demo_profiles_copy(count=count, seed=seed, group=advising_group)
        else:
            demo_profiles_create(count=count, seed=seed, groups=[advising_group])
        self.stdout.write(
            f"Added {count} demo profiles, most shared with {advising_group.name}. Advisors "
            f'see them after joining it: manage.py create_advisor NAME --group "{group}".'
        )
