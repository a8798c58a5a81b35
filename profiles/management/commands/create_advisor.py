"""`manage.py create_advisor USERNAME`: an account in the Advisors group.

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

from profiles.access import ADVISORS_GROUP


class Command(BaseCommand):
    help = "Create an advisor account (or add an existing user to the Advisors group)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options):
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
