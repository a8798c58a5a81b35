"""The advisor list: search, filters, sorting, paging, htmx, and a fixed query count."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.demo import demo_profiles_create
from profiles.models import Profile
from tests.profiles.factories import make_profile

pytestmark = pytest.mark.django_db
LIST = reverse("profiles:advisor_list")
EXPORT = reverse("profiles:advisor_export")


def names(response) -> list[str]:
    return [row.record.name for row in response.context["table"].paginated_rows]


@pytest.fixture
def cohort():
    return {
        "urgent": make_profile(
            name="Uma Urgent",
            email="uma@example.com",
            graduation_year=2018,
            shared_with_advisors=True,
        ),
        "letters": make_profile(
            name="Leo Letters",
            specialty="neurology",
            usce_hands_on_weeks=6,
            us_clinical_letters=1,
            career_goal="academic",
            shared_with_advisors=True,
        ),
        "done": make_profile(
            name="Dana Done",
            usce_hands_on_weeks=12,
            us_clinical_letters=3,
            budget="tight",
            step2_ck=250,
            shared_with_advisors=True,
        ),
        "private": make_profile(name="Pat Private"),
    }


def test_lists_only_shared_profiles(advisor_client, cohort):
    response = advisor_client.get(LIST)
    assert sorted(names(response)) == ["Dana Done", "Leo Letters", "Uma Urgent"]
    assert "3 shared profiles" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "uma@"}, ["Uma Urgent"]),
        ({"q": "leo"}, ["Leo Letters"]),
        ({"specialty": "neurology"}, ["Leo Letters"]),
        ({"priority": "usce_urgent"}, ["Uma Urgent"]),
        ({"flag": "budget_tight"}, ["Dana Done"]),
        ({"flag": "recency_gap"}, ["Uma Urgent"]),
        ({"career_goal": "academic"}, ["Leo Letters"]),
        ({"priority": "balanced", "q": "dana"}, ["Dana Done"]),
    ],
)
def test_search_and_filters(advisor_client, cohort, params, expected):
    assert names(advisor_client.get(LIST, params)) == expected


def test_an_unknown_filter_value_is_a_message_not_a_crash(advisor_client, cohort):
    response = advisor_client.get(LIST, {"priority": "nonsense"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        ("name", ["Dana Done", "Leo Letters", "Uma Urgent"]),
        ("specialty", ["Uma Urgent", "Dana Done", "Leo Letters"]),  # IM, IM, Neurology
        ("yog", ["Dana Done", "Leo Letters", "Uma Urgent"]),
        ("effective_usce", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("us_clinical_letters", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("priority", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("readiness", ["Uma Urgent", "Leo Letters", "Dana Done"]),
    ],
)
def test_every_column_sorts_both_ways(advisor_client, cohort, column, ascending):
    if column == "yog":
        Profile.objects.filter(name="Leo Letters").update(graduation_year=2021)
        Profile.objects.filter(name="Dana Done").update(graduation_year=2024)
    if column == "specialty":
        Profile.objects.filter(name="Uma Urgent").update(name="Aaron Urgent")
        ascending = ["Aaron Urgent", "Dana Done", "Leo Letters"]
        assert names(advisor_client.get(LIST, {"sort": "specialty"}))[-1] == "Leo Letters"
        assert names(advisor_client.get(LIST, {"sort": "-specialty"}))[0] == "Leo Letters"
        return
    assert names(advisor_client.get(LIST, {"sort": column})) == ascending
    assert names(advisor_client.get(LIST, {"sort": f"-{column}"})) == ascending[::-1]


def test_last_updated_sorts(advisor_client, cohort):
    Profile.objects.filter(name="Leo Letters").update(name="Leo Letters")  # bumps nothing
    newest_first = names(advisor_client.get(LIST, {"sort": "-updated_at"}))
    assert newest_first == ["Dana Done", "Leo Letters", "Uma Urgent"]


def test_pagination_and_the_htmx_fragment(advisor_client):
    demo_profiles_create(count=80, seed=3)
    shared = Profile.objects.filter(shared_with_advisors=True).count()
    page2 = advisor_client.get(LIST, {"page": 2})
    assert len(names(page2)) == min(25, shared - 25)
    fragment = advisor_client.get(
        LIST, {"page": 2, "priority": "usce_first"}, HTTP_HX_REQUEST="true"
    )
    body = fragment.content.decode()
    assert "<html" not in body and 'id="results"' in body
    assert "priority=usce_first" in body  # paging and export links keep the filters
    whole = advisor_client.get(LIST, {"page": 2})
    assert "<html" in whole.content.decode()


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


FILTERED = {"specialty": "neurology", "career_goal": "academic", "sort": "-effective_usce"}


def test_query_count_stays_fixed_with_10000_profiles(advisor_client):
    demo_profiles_create(count=200, seed=4)
    small = count_queries(advisor_client, LIST)
    small_filtered = count_queries(advisor_client, LIST, FILTERED)
    demo_profiles_create(count=10_000, seed=5)
    large = count_queries(advisor_client, LIST)
    large_filtered = count_queries(advisor_client, LIST, FILTERED)
    last_page = count_queries(advisor_client, LIST, {"page": 300})
    assert small == large == last_page
    assert small_filtered == large_filtered
    assert large <= 6 and large_filtered <= 6
    profile = Profile.objects.filter(shared_with_advisors=True).first()
    # One profile's page: two more, for the Match calendar today's comparison is made with.
    assert (
        count_queries(advisor_client, reverse("profiles:advisor_profile", args=[profile.pk])) <= 7
    )
    assert count_queries(advisor_client, reverse("profiles:advisor_summary")) <= 6


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_uses_the_same_filters(advisor_client, cohort):
    response = advisor_client.get(EXPORT, {"priority": "usce_letters"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [r["name"] for r in rows] == ["Leo Letters"]
    row = rows[0]
    assert row["priority"] == "usce_letters" and row["specialty"] == "Neurology"
    stored = cohort["letters"].assessment["scores"]
    assert (
        int(row["score_readiness"]) == stored["readiness"]
        and int(row["score_usce"]) == stored["usce"]
    )
    assert row["effective_usce_weeks"] == "6"
    all_rows = read_csv(advisor_client.get(EXPORT))
    assert len(all_rows) == 3


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_neutralises_formulas(advisor_client, evil):
    make_profile(name=evil, email="x@example.com", shared_with_advisors=True)
    [row] = read_csv(advisor_client.get(EXPORT))
    assert row["name"] == "'" + evil


def test_cohort_summary_counts(advisor_client, cohort):
    response = advisor_client.get(reverse("profiles:advisor_summary"))
    body = response.content.decode()
    assert "3 shared profiles" in body
    assert "?priority=usce_urgent" in body and "?specialty=neurology" in body
