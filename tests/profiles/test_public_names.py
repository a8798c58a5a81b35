"""Issue 24, finding 9: a group's or an advisor's name cannot pass for the site's own
words ("The applicant", "A former advisor"…) or for its staff, nor hide characters."""

import pytest
from django.urls import reverse

from profiles.advising.models import AdvisingGroup, Membership
from profiles.advising.names import CONTROL_CHARACTERS, SITE_NAME
from tests.profiles.factories import as_user, make_advisor

pytestmark = pytest.mark.django_db
REFUSED = [
    "The applicant",
    "  the   APPLICANT ",
    "".join(chr(ord(ch) + 0xFEE0) if ch != " " else ch for ch in "The applicant"),  # fullwidth
    "A former advisor",
    "An advisor who has not given a name",
    "ADMIN",
    "Site admin",
]


@pytest.fixture
def manager(django_user_model):
    user = make_advisor(django_user_model, "amal", first_name="Amal", last_name="Hassan")
    group = AdvisingGroup.objects.create(name="Cairo mentors")
    Membership.objects.create(group=group, user=user, is_manager=True)
    user.group = group
    return user


@pytest.mark.parametrize("name", REFUSED)
def test_a_group_cannot_take_a_name_the_site_uses(manager, name):
    url = reverse("profiles:advisor_group", args=[manager.group.pk])
    response = as_user(manager).post(url, {"name": name, "about": ""})
    assert response.status_code == 400
    assert "is how the site names someone itself" in response.content.decode()
    manager.group.refresh_from_db()
    assert manager.group.name == "Cairo mentors"
    new = as_user(manager).post(reverse("profiles:advisor_groups"), {"name": name})
    assert new.status_code == 400 and AdvisingGroup.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("IMG Pathway Advisor support team", SITE_NAME),
        ("Cairo\u202ementors", CONTROL_CHARACTERS),  # a right-to-left override
        ("Cairo\u200bmentors", CONTROL_CHARACTERS),  # a zero-width space
    ],
)
def test_a_group_name_cannot_use_the_sites_name_or_hidden_characters(manager, name, message):
    url = reverse("profiles:advisor_group", args=[manager.group.pk])
    response = as_user(manager).post(url, {"name": name, "about": ""})
    assert response.status_code == 400
    assert message.replace("'", "&#x27;") in response.content.decode()


def test_an_ordinary_name_that_contains_a_reserved_word_is_fine(manager):
    url = reverse("profiles:advisor_group", args=[manager.group.pk])
    response = as_user(manager).post(url, {"name": "Applicant support, Cairo", "about": ""})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("first", "last"),
    [("The", "applicant"), ("An advisor who has", "not given a name"), ("a former", "ADVISOR")],
)
def test_an_advisor_cannot_take_a_name_the_site_uses(manager, first, last):
    response = as_user(manager).post(
        reverse("profiles:advisor_name"), {"first_name": first, "last_name": last}
    )
    assert response.status_code == 400
    assert "is how the site names someone itself" in response.content.decode()
    manager.refresh_from_db()
    assert manager.get_full_name() == "Amal Hassan"
