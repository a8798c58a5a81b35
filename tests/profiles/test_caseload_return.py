"""Leaving the caseload for a profile and coming back: "Back to the list" returns to
the rows the advisor left with the profile's row in view, and the group they chose
stays chosen (and named)."""

import html
import re

import pytest
from django.urls import reverse

from profiles.advising.models import AdvisingGroup
from profiles.demo import demo_profiles_create
from tests.profiles.factories import default_group, make_profile

pytestmark = pytest.mark.django_db
LIST = reverse("profiles:advisor_list")
BACK = re.compile(r'href="(/advisor/[^"]*)">&larr; Back to the list')
NEXT = r'href="\?([^"]+)" rel="next"'


def link(body: str, pattern: str) -> str:
    found = re.search(pattern, body)
    assert found, f"no link like {pattern}"
    return html.unescape(found.group(1))


def back_link(client, url: str) -> str:
    return link(client.get(url).content.decode(), BACK.pattern)


def row_ids(response) -> list[int]:
    return [case.profile_id for case in response.context["page"].rows]


@pytest.fixture
def sixty(advisor):
    demo_profiles_create(count=60, seed=2, groups=[default_group()])  # most of them shared
    return list(default_group().shares.order_by("name", "profile_id"))


def test_back_returns_to_the_page_left_with_the_row_in_view(advisor_client, sixty):
    first = advisor_client.get(LIST, {"sort": "name"})
    second = advisor_client.get(f"{LIST}?{link(first.content.decode(), NEXT)}")
    shown = row_ids(second)
    assert len(shown) == min(25, len(sixty) - 25) > 6
    # The seventh row of page two: the rows above it must still be there on return.
    chosen = shown[6]
    row_link = link(second.content.decode(), rf'href="(/advisor/profiles/{chosen}/\?[^"]+)"')
    back = back_link(advisor_client, row_link)
    path, fragment = back.split("#")
    assert fragment == f"case-{chosen}"
    again = advisor_client.get(path)
    assert row_ids(again) == shown
    assert f'id="case-{chosen}"' in again.content.decode()


def test_from_next_and_previous_back_finds_the_page_that_holds_the_profile(advisor_client, sixty):
    # Opened with no place in the list (as "Next" links and bookmarks do): the page
    # of 25 that paging from the top meets it on, rows 26-50 for the 31st.
    back = back_link(advisor_client, f"/advisor/profiles/{sixty[30].profile_id}/?sort=name")
    again = advisor_client.get(back.split("#")[0])
    assert row_ids(again) == [case.profile_id for case in sixty[25:50]]
    assert back.endswith(f"#case-{sixty[30].profile_id}")
    # The first rows: the list's top, no cursor at all.
    back = back_link(advisor_client, f"/advisor/profiles/{sixty[3].profile_id}/?sort=name")
    assert "after=" not in back and back.endswith(f"#case-{sixty[3].profile_id}")


def test_a_page_the_profile_has_left_is_not_returned_to(advisor_client, sixty):
    first = advisor_client.get(LIST, {"sort": "name"})
    page_two = link(first.content.decode(), NEXT)
    after = dict(part.split("=", 1) for part in page_two.split("&"))["after"]
    # The 3rd profile is on page one, not on the page two the link came from.
    url = f"/advisor/profiles/{sixty[2].profile_id}/?sort=name&after={after}"
    back = back_link(advisor_client, url)
    assert row_ids(advisor_client.get(back.split("#")[0]))[:25] == [
        case.profile_id for case in sixty[:25]
    ]


def test_a_profile_outside_the_filters_goes_back_without_a_fragment(advisor_client, sixty):
    profile = sixty[0].profile
    url = f"/advisor/profiles/{profile.pk}/?q=nobody-by-this-name"
    back = back_link(advisor_client, url)
    assert "#" not in back and "q=nobody-by-this-name" in back
    assert advisor_client.get(back).status_code == 200


@pytest.mark.parametrize(
    "after", ["x", "e30", "a" * 3000, "\x00", "eyJ2IjpbXSwiYSI6dHJ1ZSwicyI6MX0"]
)
def test_a_bad_place_in_the_list_is_no_error(advisor_client, sixty, after):
    response = advisor_client.get(
        f"/advisor/profiles/{sixty[40].profile_id}/", {"sort": "name", "after": after}
    )
    assert response.status_code == 200
    back = link(response.content.decode(), BACK.pattern)
    assert advisor_client.get(back.split("#")[0]).status_code == 200


def test_the_chosen_group_is_remembered_and_named(advisor_client, advisor, sixty):
    other = AdvisingGroup.objects.create(name="A Beta group")  # first by name
    other.memberships.create(user=advisor)
    bea = make_profile(name="Bea Beta", shared_with=[other])
    # The advisor chooses the test group (second by name), opens a profile, comes back.
    chosen = advisor_client.get(LIST, {"group": default_group().pk})
    assert "Test advising group" in chosen.content.decode()
    profile = sixty[0].profile_id
    row_link = link(chosen.content.decode(), rf'href="(/advisor/profiles/{profile}/\?[^"]+)"')
    back = back_link(advisor_client, row_link)
    for url in (back.split("#")[0], LIST):  # the back link, and the menu's plain link
        again = advisor_client.get(url)
        assert again.context["state"].group_id == default_group().pk
        assert profile in row_ids(again) and "Bea Beta" not in again.content.decode()
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", again.content.decode(), re.S).group(1)
        assert "Test advising group" in heading
    summary = advisor_client.get(reverse("profiles:advisor_summary")).content.decode()
    assert "Test advising group" in re.search(r"<h1[^>]*>(.*?)</h1>", summary, re.S).group(1)
    # Choosing the other group is remembered in turn.
    advisor_client.get(reverse("profiles:advisor_summary"), {"group": other.pk})
    assert row_ids(advisor_client.get(LIST)) == [bea.pk]


def test_a_group_left_is_forgotten(advisor_client, advisor, sixty):
    other = AdvisingGroup.objects.create(name="Z group")
    other.memberships.create(user=advisor)
    advisor_client.get(LIST, {"group": other.pk})
    other.memberships.all().delete()
    again = advisor_client.get(LIST)
    assert again.status_code == 200 and again.context["state"].group_id == default_group().pk
