from django.core.management.base import BaseCommand

from profiles.demo import demo_profiles_create


class Command(BaseCommand):
    help = "Add made-up applicant profiles (about 80% shared with advisors) for demos and load."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=200)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count: int, seed: int, **options):
        demo_profiles_create(count=count, seed=seed)
        self.stdout.write(f"Added {count} demo profiles.")
