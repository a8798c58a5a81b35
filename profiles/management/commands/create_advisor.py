"""`manage.py create_advisor USERNAME [--group NAME]`: an account in the Advisors
group, optionally a member of an advising group (made if it does not exist, with
this advisor as its manager).

The password is asked twice on a terminal, or read from standard input when
piped (`echo "$PASSWORD" | manage.py create_advisor ana`), never from argv,
where other users of the machine could see it.
"""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from profiles.advising.access import ADVISORS_GROUP
from profiles.advising.groups import group_create, member_add
from profiles.advising.models import AdvisingGroup


class Command(BaseCommand):
    help = "Create an advisor account (or add an existing user to the Advisors group)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--group",
            default="",
            help="An advising group to join (made, with this advisor managing it, if new).",
        )

    def handle(self, *args, username: str, email: str, group: str, **options):
        advising_group_name = group
        try:
            group = Group.objects.get(name=ADVISORS_GROUP)
        except Group.DoesNotExist as exc:
            raise CommandError("The Advisors group is missing: run `manage.py migrate`.") from exc
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=email)
            password = self.read_password()
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            user.set_password(password)
            user.save()
            self.stdout.write(f"Created advisor {username}.")
        else:
            self.stdout.write(f"{username} exists; adding to the Advisors group.")
        user.groups.add(group)
        if advising_group_name:
            self.join(user, advising_group_name)

    def join(self, user, name: str) -> None:
        existing = AdvisingGroup.objects.filter(name=name).order_by("pk").first()
        if existing is None:
            made = group_create(name=name, about="", creator=user)
            self.stdout.write(
                f"Made the advising group {made.name} (code {made.join_code_display})."
            )
            return
        member_add(group=existing, user=user)
        self.stdout.write(f"{user.get_username()} is a member of {existing.name}.")

    def read_password(self) -> str:
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
        if not password:
            raise CommandError("A password is required.")
        return password
