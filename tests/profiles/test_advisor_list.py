"""The caseload: search, filters (flags, notes, last contact, advice today), sorting,
paging, htmx, the results line, the CSV, and a fixed query count."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from profiles.advising.models import AdvisingGroup, AdvisorNote
from profiles.demo import demo_profiles_create
from profiles.models import Profile
from tests.profiles.factories import default_group, make_advisor, make_profile

pytestmark = pytest.mark.django_db
LIST = reverse("profiles:advisor_list")
EXPORT = reverse("profiles:advisor_export")


def names(response) -> list[str]:
    return [row.record.name for row in response.context["table"].paginated_rows]


@pytest.fixture
def cohort(advisor):
    made = {
        "urgent": make_profile(
            name="Uma Urgent", email="uma@example.com", graduation_year=2018, shared=True
        ),
        "letters": make_profile(
            name="Leo Letters",
            specialty="neurology",
            usce_hands_on_weeks=6,
            us_clinical_letters=1,
            career_goal="academic",
            shared=True,
        ),
        "done": make_profile(
            name="Dana Done",
            usce_hands_on_weeks=12,
            us_clinical_letters=3,
            budget="tight",
            step2_ck=250,
            shared=True,
        ),
        "private": make_profile(name="Pat Private"),
    }
    # Leo has feedback from two weeks ago; Dana a private note; Uma nothing.
    AdvisorNote.objects.create(
        profile=made["letters"],
        author=advisor,
        group=default_group(),
        visibility="applicant",
        text="Good start",
        created_at=timezone.now() - timedelta(days=14),
    )
    AdvisorNote.objects.create(profile=made["done"], author=advisor, text="Mine only")
    Profile.objects.filter(pk=made["urgent"].pk).update(advice_drift="priority")
    return made


def test_lists_only_the_profiles_shared_with_my_groups(advisor_client, cohort):
    response = advisor_client.get(LIST)
    assert sorted(names(response)) == ["Dana Done", "Leo Letters", "Uma Urgent"]
    assert "3 profiles, sorted by priority, most urgent first." in response.content.decode()


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
        ({"notes": "with", "sort": "name"}, ["Dana Done", "Leo Letters"]),
        ({"notes": "without"}, ["Uma Urgent"]),
        ({"contact": "never", "sort": "name"}, ["Dana Done", "Uma Urgent"]),
        ({"contact": "recent"}, ["Leo Letters"]),
        ({"contact": "over"}, []),
        ({"advice": "changed"}, ["Uma Urgent"]),
        ({"advice": "priority"}, ["Uma Urgent"]),
        ({"advice": "plan"}, []),
        ({"advice": "same", "sort": "name"}, ["Dana Done", "Leo Letters"]),
    ],
)
def test_search_and_filters(advisor_client, cohort, params, expected):
    assert names(advisor_client.get(LIST, params)) == expected


def test_another_advisors_private_note_does_not_count(advisor_client, cohort, django_user_model):
    colleague = make_advisor(django_user_model, "colleague", groups=[default_group()])
    AdvisorNote.objects.create(profile=cohort["urgent"], author=colleague, text="Theirs only")
    assert names(advisor_client.get(LIST, {"notes": "without"})) == ["Uma Urgent"]
    AdvisorNote.objects.create(
        profile=cohort["urgent"],
        author=colleague,
        group=default_group(),
        visibility="group",
        text="For the group",
    )
    assert names(advisor_client.get(LIST, {"notes": "without"})) == []


def test_rows_show_flags_notes_contact_and_advice_in_words(advisor_client, cohort):
    body = advisor_client.get(LIST, {"sort": "name"}).content.decode()
    assert "Tight budget" in body  # Dana's flag, as the result page names it
    assert "budget_tight" not in body.split("<tbody")[1]
    assert "Priority changed" in body  # Uma's advice today
    assert "uma@example.com" in body and f"#{cohort['done'].pk}" in body  # told apart


def test_two_applicants_with_one_name_are_told_apart(advisor_client):
    first = make_profile(name="Mei Nguyen", specialty="orthopedic-surgery", shared=True)
    second = make_profile(
        name="Mei Nguyen", specialty="orthopedic-surgery", email="mei@example.com", shared=True
    )
    body = advisor_client.get(LIST).content.decode()
    assert f"#{first.pk}" in body and "mei@example.com" in body
    assert second.pk != first.pk


def test_an_unknown_filter_value_is_a_message_not_a_crash(advisor_client, cohort):
    response = advisor_client.get(LIST, {"priority": "nonsense"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "Export CSV" not in body  # it would export what the message says is ignored


def test_an_export_with_an_ignored_filter_exports_nothing(advisor_client, cohort):
    from profiles.advising.models import AccessEvent

    response = advisor_client.get(EXPORT, {"priority": "nonsense", "sort": "name"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?priority=nonsense&sort=name"
    assert not AccessEvent.objects.filter(action="export").exists()


def test_head_on_the_export_records_nothing(advisor_client, cohort):
    from profiles.advising.models import AccessEvent

    assert advisor_client.head(EXPORT).status_code == 200
    assert not AccessEvent.objects.filter(action="export").exists()


def test_the_export_record_names_the_group_filtered_to(advisor_client, advisor, cohort):
    from profiles.advising.models import AccessEvent
    from profiles.advising.sharing import share_with_group

    second = AdvisingGroup.objects.create(name="A second group")
    second.memberships.create(user=advisor)
    share_with_group(profile=cohort["urgent"], group=second)
    read_csv(advisor_client.get(EXPORT, {"group": second.pk}))
    [event] = AccessEvent.objects.filter(action="export")
    assert (event.profile, event.group_name) == (cohort["urgent"], "A second group")


def test_a_profile_shared_during_an_export_is_not_in_the_file_unrecorded(advisor_client):
    from profiles.advising.models import AccessEvent
    from profiles.advising.sharing import share_with_group

    make_profile(name="Early", shared=True)
    late = make_profile(name="Late Sharer")
    response = advisor_client.get(EXPORT)  # recorded; rows not read yet
    share_with_group(profile=late, group=default_group())
    names = [row["Name"] for row in read_csv(response)]
    assert names == ["Early"]
    assert not AccessEvent.objects.filter(profile=late, action="export").exists()


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        ("name", ["Dana Done", "Leo Letters", "Uma Urgent"]),
        ("effective_usce", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("us_clinical_letters", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("priority", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("readiness", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        # Ties break on the id (the order the fixture made them in).
        ("note_count", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("last_contact", ["Uma Urgent", "Dana Done", "Leo Letters"]),  # never first
        ("advice", ["Leo Letters", "Dana Done", "Uma Urgent"]),
    ],
)
def test_every_column_sorts_both_ways(advisor_client, cohort, column, ascending):
    assert names(advisor_client.get(LIST, {"sort": column})) == ascending
    descending = names(advisor_client.get(LIST, {"sort": f"-{column}"}))
    assert descending == ascending[::-1]


def test_specialty_sorts_by_name_then_applicant(advisor_client, cohort):
    assert names(advisor_client.get(LIST, {"sort": "specialty"})) == [
        "Dana Done",
        "Uma Urgent",
        "Leo Letters",
    ]


def test_last_updated_sorts(advisor_client, cohort):
    newest_first = names(advisor_client.get(LIST, {"sort": "-updated_at"}))
    assert newest_first == ["Dana Done", "Leo Letters", "Uma Urgent"]


def test_the_results_line_says_what_the_list_holds(advisor_client, advisor):
    demo_profiles_create(count=60, seed=3, groups=[default_group()])
    shared = Profile.objects.filter(shares__isnull=False).count()
    body = advisor_client.get(LIST, {"sort": "-readiness", "page": 2}).content.decode()
    assert f"26\u2013{min(50, shared)} of {shared} profiles, sorted by readiness, highest" in body
    body = advisor_client.get(LIST, {"q": "nobody-has-this"}).content.decode()
    assert "No shared profiles match these filters." in body


def test_pagination_and_the_htmx_fragment(advisor_client, advisor):
    demo_profiles_create(count=80, seed=3, groups=[default_group()])
    shared = Profile.objects.filter(shares__isnull=False).count()
    page2 = advisor_client.get(LIST, {"page": 2})
    assert len(names(page2)) == min(25, shared - 25)
    fragment = advisor_client.get(
        LIST, {"page": 2, "priority": "usce_first", "sort": "-readiness"}, HTTP_HX_REQUEST="true"
    )
    body = fragment.content.decode()
    assert "<html" not in body and 'id="results"' in body
    assert "priority=usce_first" in body  # paging, export and row links keep the filters
    # The sort travels with the filter form, so applying a filter keeps it.
    assert '<input type="hidden" name="sort" value="-readiness" form="filter-form">' in body
    whole = advisor_client.get(LIST, {"page": 2})
    assert "<html" in whole.content.decode()


def test_row_links_carry_the_list_state(advisor_client, cohort):
    body = advisor_client.get(LIST, {"sort": "name", "notes": "with"}).content.decode()
    pk = cohort["done"].pk
    assert f'href="/advisor/profiles/{pk}/?notes=with&amp;sort=name&amp;page=1"' in body


def test_a_group_filter_for_advisors_in_several_groups(advisor_client, advisor, cohort):
    body = advisor_client.get(LIST).content.decode()
    assert 'name="group"' not in body  # one group: nothing to choose between
    second = AdvisingGroup.objects.create(name="Second group")
    second.memberships.create(user=advisor)
    make_profile(name="Sam Second", shared_with=[second])
    assert "Sam Second" in names(advisor_client.get(LIST))
    assert names(advisor_client.get(LIST, {"group": second.pk})) == ["Sam Second"]
    stranger = AdvisingGroup.objects.create(name="Not mine")
    response = advisor_client.get(LIST, {"group": stranger.pk})
    assert "Select a valid choice" in response.content.decode()


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


FILTERED = {
    "specialty": "neurology",
    "career_goal": "academic",
    "notes": "without",
    "contact": "never",
    "sort": "-last_contact",
}


def grow(advisor, *, profiles: int, seed: int, groups: int, notes: int) -> None:
    """More profiles, more groups (the advisor's and others') and more notes."""
    mine = [default_group()]
    for n in range(groups):
        group = AdvisingGroup.objects.create(name=f"Group {seed}-{n}")
        if n % 2:
            group.memberships.create(user=advisor)
            mine.append(group)
    demo_profiles_create(count=profiles, seed=seed, groups=mine)
    shared = list(Profile.objects.filter(shares__isnull=False).order_by("?")[:notes])
    AdvisorNote.objects.bulk_create(
        AdvisorNote(
            profile=p, author=advisor, group=mine[0], visibility=("private", "applicant")[i % 2]
        )
        for i, p in enumerate(shared)
    )


def test_query_count_stays_fixed_as_profiles_groups_and_notes_grow(advisor_client, advisor):
    grow(advisor, profiles=200, seed=4, groups=2, notes=20)
    one = Profile.objects.filter(shares__isnull=False).first()
    pages = [
        (LIST, None),
        (LIST, FILTERED),
        (EXPORT, {"specialty": "neurology"}),
        (reverse("profiles:advisor_summary"), None),
        (reverse("profiles:advisor_groups"), None),
        (reverse("profiles:advisor_profile", args=[one.pk]), {"sort": "-readiness"}),
    ]
    small = [count_queries(advisor_client, url, params) for url, params in pages]
    grow(advisor, profiles=10_000, seed=5, groups=6, notes=2_000)
    large = [count_queries(advisor_client, url, params) for url, params in pages[:-1]]
    large.append(count_queries(advisor_client, *pages[-1]))
    assert small == large
    assert count_queries(advisor_client, LIST, {"page": 300}) == small[0]
    list_page, filtered, export, summary, groups, profile = large
    assert list_page <= 8 and filtered <= 8 and export <= 8 and summary <= 6 and groups <= 5
    assert profile <= 20


def read_csv(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # so Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_uses_the_same_filters_and_reads_as_words(advisor_client, cohort):
    response = advisor_client.get(EXPORT, {"priority": "usce_letters"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [r["Name"] for r in rows] == ["Leo Letters"]
    row = rows[0]
    assert row["Priority"] == "More USCE, for letters" or row["Priority"].startswith("More")
    assert row["Specialty"] == "Neurology" and row["Career goal"] == "Academic / university"
    stored = cohort["letters"].assessment
    assert int(row["Readiness"]) == stored["scores"]["readiness"]
    assert int(row["USCE score"]) == stored["scores"]["usce"]
    assert int(row["Target Match"]) == stored["plan"]["target_match"]
    assert row["USCE weeks (observership counts half)"] == "6"
    assert row["Notes"] == "1" and row["Last contact"] != "never"
    assert row["Profile page"].endswith(f"/advisor/profiles/{cohort['letters'].pk}/")
    assert row["Profile page"].startswith("http")
    assert "usce_letters" not in response_text(advisor_client, {"priority": "usce_letters"})
    assert len(read_csv(advisor_client.get(EXPORT))) == 3


def response_text(client, params) -> str:
    return b"".join(client.get(EXPORT, params).streaming_content).decode("utf-8-sig")


def test_csv_flags_are_words(advisor_client, cohort):
    [row] = read_csv(advisor_client.get(EXPORT, {"q": "dana"}))
    assert "Tight budget" in row["Flags"] and "budget_tight" not in row["Flags"]


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_neutralises_formulas(advisor_client, evil):
    make_profile(name=evil, email="x@example.com", shared=True)
    [row] = read_csv(advisor_client.get(EXPORT))
    assert row["Name"] == "'" + evil


def test_cohort_summary_counts_my_groups_only(advisor_client, cohort):
    other = AdvisingGroup.objects.create(name="Elsewhere")
    make_profile(name="Not Mine", shared_with=[other])
    response = advisor_client.get(reverse("profiles:advisor_summary"))
    body = response.content.decode()
    assert "3 shared profiles" in body
    assert "?priority=usce_urgent" in body and "?specialty=neurology" in body
