"""`manage.py move_shares --from GROUP --to GROUP [--specialty SLUG] [--dry-run]`:
split a group by moving the profiles shared with it to another group.

Made for the default group "Advisors on this site", which the migration to advising
groups filled with every profile shared "with advisors on this site": those
applicants agreed to every advisor of the site, so handing their profile to a
smaller group of them narrows who sees it. Applicants see the new group's name on
their result page and can withdraw from it as from any other.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from profiles.advising.cases import tallies_rebuild
from profiles.advising.models import AdvisingGroup, GroupShare


class Command(BaseCommand):
    help = "Move the profiles shared with one advising group to another (to split a group)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="Group name")
        parser.add_argument("--to", dest="target", required=True, help="Group name")
        parser.add_argument("--specialty", help="Only profiles aiming at this specialty (slug)")
        parser.add_argument("--dry-run", action="store_true")

    @transaction.atomic
    def handle(self, *args, source, target, specialty, dry_run, **options):
        source_group, target_group = self.group(source), self.group(target)
        if source_group == target_group:
            raise CommandError("--from and --to name the same group.")
        moving = GroupShare.objects.filter(group=source_group)
        if specialty:
            moving = moving.filter(profile__specialty__slug=specialty)
        already = GroupShare.objects.filter(group=target_group).values("profile_id")
        count = moving.count()
        if not dry_run:
            # A profile already shared with the target keeps that share only.
            moving.filter(profile_id__in=already).delete()
            moving.update(group=target_group)
            tallies_rebuild([source_group.pk, target_group.pk])
        verb = "Would move" if dry_run else "Moved"
        self.stdout.write(
            f"{verb} {count} profile{'' if count == 1 else 's'} from {source_group.name} "
            f"to {target_group.name}."
        )

    def group(self, name: str) -> AdvisingGroup:
        found = list(AdvisingGroup.objects.filter(name=name)[:2])
        if len(found) != 1:
            raise CommandError(
                f"No advising group is called “{name}”."
                if not found
                else f"Two groups are called “{name}”: rename one in the admin first."
            )
        return found[0]
