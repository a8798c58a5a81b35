import io

import pytest
from django.core.management import CommandError, call_command

from profiles.advising.access import is_advisor
from tests.profiles.advisor_fixtures import log_in

pytestmark = pytest.mark.django_db


def run(monkeypatch, *args, password="a-long-test-password-9"):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("create_advisor", *args, stdout=out)
    return out.getvalue()


def test_creates_an_advisor_who_can_log_in(monkeypatch, django_user_model, client):
    assert "Created advisor ana" in run(monkeypatch, "ana", "--email", "ana@example.com")
    user = django_user_model.objects.get(username="ana")
    assert is_advisor(user) and user.email == "ana@example.com" and not user.is_staff
    assert log_in(client, "ana", "a-long-test-password-9")


def test_refuses_a_weak_password(monkeypatch, django_user_model):
    with pytest.raises(CommandError, match="too short"):
        run(monkeypatch, "bob", password="abc")
    assert not django_user_model.objects.filter(username="bob").exists()


def test_adds_an_existing_user_to_the_group(monkeypatch, django_user_model):
    user = django_user_model.objects.create_user("cy", password="whatever-long-1")
    assert not is_advisor(user)
    assert "adding to the Advisors group" in run(monkeypatch, "cy")
    assert is_advisor(user)


def test_joins_an_advising_group_or_makes_it(monkeypatch, django_user_model):
    from profiles.advising.models import AdvisingGroup

    said = run(monkeypatch, "ana", "--group", "Cairo mentors")
    group = AdvisingGroup.objects.get(name="Cairo mentors")
    assert f"Made the advising group Cairo mentors (code {group.join_code_display})" in said
    assert group.memberships.get().is_manager
    assert "bo is a member of Cairo mentors" in run(monkeypatch, "bo", "--group", "Cairo mentors")
    assert group.memberships.count() == 2
    assert not group.memberships.get(user__username="bo").is_manager
