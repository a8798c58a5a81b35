"""The caseload: search, filters (flags, notes, last contact, advice today), sorting,
paging, htmx, the results line, the CSV, and a fixed query count."""

import csv
import html
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from profiles.advising.cases import case_notes_refresh, cases_refresh
from profiles.advising.export_jobs import export_job_start
from profiles.advising.models import NEVER, AdvisingGroup, AdvisorNote, GroupShare
from profiles.advising.tables import COLUMNS, ordering_for
from profiles.demo import demo_profiles_create
from profiles.models import Profile
from tests.profiles.factories import default_group, make_advisor, make_profile

pytestmark = pytest.mark.django_db
LIST = reverse("profiles:advisor_list")
EXPORT = reverse("profiles:advisor_export")


def names(response) -> list[str]:
    return [case.name for case in response.context["page"].rows]


def next_page(client, response, **extra):
    """Follow the page's "Next page" link, as a person does."""
    link = re.search(r'href="\?([^"]+)" rel="next"', response.content.decode())
    assert link, "no next page"
    return client.get(f"{LIST}?{html.unescape(link.group(1))}", **extra)


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
    case_notes_refresh(profile_id=made["letters"].pk, group_id=default_group().pk)
    Profile.objects.filter(pk=made["urgent"].pk).update(advice_drift="priority")
    cases_refresh(profile_ids=[made["urgent"].pk])
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
        # Notes the group reads: Leo's feedback; Dana's note is its author's alone.
        ({"notes": "with", "sort": "name"}, ["Leo Letters"]),
        ({"notes": "without", "sort": "name"}, ["Dana Done", "Uma Urgent"]),
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


def test_private_notes_do_not_count_as_group_notes(advisor_client, cohort, django_user_model):
    from profiles.advising.notes import note_add

    colleague = make_advisor(django_user_model, "colleague", groups=[default_group()])
    urgent = cohort["urgent"]
    note_add(
        profile=urgent, author=colleague, group=default_group(), visibility="private", text="x"
    )
    assert "Uma Urgent" in names(advisor_client.get(LIST, {"notes": "without"}))
    note_add(profile=urgent, author=colleague, group=default_group(), visibility="group", text="y")
    assert "Uma Urgent" not in names(advisor_client.get(LIST, {"notes": "without"}))


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
    assert (event.profile, event.group_name, event.profiles) == (None, "A second group", 1)
    exported = GroupShare.objects.filter(exported_times=1).values_list("profile", "group")
    assert list(exported) == [(cohort["urgent"].pk, second.pk)]


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
    assert GroupShare.objects.get(profile=late).exported_times == 0


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        ("name", ["Dana Done", "Leo Letters", "Uma Urgent"]),
        ("effective_usce", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("us_clinical_letters", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("priority", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        ("readiness", ["Uma Urgent", "Leo Letters", "Dana Done"]),
        # Ties break on the id (the order the fixture made them in).
        ("note_count", ["Uma Urgent", "Dana Done", "Leo Letters"]),
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
    first = advisor_client.get(LIST, {"sort": "-readiness"})
    assert f"1\u201325 of {shared} profiles, sorted by readiness, highest" in first.content.decode()
    second = next_page(advisor_client, first)
    body = second.content.decode()
    assert f"26\u2013{min(50, shared)} of {shared} profiles, sorted by readiness, highest" in body
    body = advisor_client.get(LIST, {"q": "nobody-has-this"}).content.decode()
    assert "No shared profiles match these filters." in body


ALL_SORTS = [(key, {}, {}) for column in COLUMNS for key in (column.key, f"-{column.key}")]
# A filter that holds the sort's first column at one value: the list sorts by the rest.
PINNING_FILTERS = [
    ("specialty", {"specialty": "family-medicine"}, {"specialty_slug": "family-medicine"}),
    ("-priority", {"priority": "usce_first"}, {"priority": "usce_first"}),
    ("-readiness", {"priority": "research_and_usce"}, {"priority": "research_and_usce"}),
    ("last_contact", {"contact": "never"}, {"last_contact_at": NEVER}),
    ("-note_count", {"notes": "without"}, {"note_count": 0}),
    ("advice", {"advice": "same"}, {"drift_rank": 0}),
]


@pytest.mark.parametrize(("sort", "params", "matching"), ALL_SORTS + PINNING_FILTERS)
def test_pages_follow_each_other_without_gaps_or_overlaps(
    advisor_client, advisor, sort, params, matching
):
    """Every sort, both ways, with long runs of equal keys (most have no letters, the
    same priority...), and with filters that pin the sort's first column: forward by
    "Next", back by "Previous", and from each profile's page to the next, the rows
    come in the database's own order, each once."""
    demo_profiles_create(count=60, seed=3, groups=[default_group()])
    listed = default_group().shares.filter(**matching).order_by(*ordering_for(sort))
    expected = list(listed.values_list("name", "pk"))
    assert len(expected) > 2
    seen, response = [], advisor_client.get(LIST, {"sort": sort, **params})
    while True:
        seen += [(case.name, case.pk) for case in response.context["page"].rows]
        if not response.context["page"].next_cursor:
            break
        response = next_page(advisor_client, response)
    assert seen == expected
    back = []
    while response.context["page"].previous_cursor:
        link = re.search(r'href="\?([^"]+)" rel="prev"', response.content.decode())
        response = advisor_client.get(f"{LIST}?{html.unescape(link.group(1))}")
        back = [(case.name, case.pk) for case in response.context["page"].rows] + back
    assert back == expected[: len(back)] and response.context["page"].start == 1
    cases = list(listed)
    for place in sorted({0, 1, len(cases) // 2, len(cases) - 1}):
        url = reverse("profiles:advisor_profile", args=[cases[place].profile_id])
        nav = advisor_client.get(url, {"sort": sort, **params}).context["nav"]
        assert nav.position == place + 1
        assert nav.previous == (cases[place - 1] if place else None)
        assert nav.next == (cases[place + 1] if place + 1 < len(cases) else None)


def test_a_bad_cursor_is_the_first_page(advisor_client, cohort):
    for cursor in ("x", "e30", "eyJ2IjpbMV0sImEiOnRydWUsInMiOjF9", "\x00" * 20, "a" * 5000):
        response = advisor_client.get(LIST, {"after": cursor})
        assert response.status_code == 200 and len(names(response)) == 3


def test_pagination_and_the_htmx_fragment(advisor_client, advisor):
    demo_profiles_create(count=200, seed=3, groups=[default_group()])
    shared = Profile.objects.filter(shares__isnull=False).count()
    first = advisor_client.get(LIST)
    page2 = next_page(advisor_client, first)
    assert len(names(page2)) == min(25, shared - 25)
    first = advisor_client.get(LIST, {"career_goal": "undecided", "sort": "-readiness"})
    fragment = next_page(advisor_client, first, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body and 'id="results"' in body
    assert "career_goal=undecided" in body  # paging, export and row links keep the filters
    # The sort travels with the filter form, so applying a filter keeps it.
    assert '<input type="hidden" name="sort" value="-readiness" form="filter-form">' in body


def test_row_links_carry_the_list_state(advisor_client, cohort):
    body = advisor_client.get(LIST, {"sort": "name", "notes": "with"}).content.decode()
    pk, group = cohort["letters"].pk, default_group().pk
    assert f'href="/advisor/profiles/{pk}/?group={group}&amp;notes=with&amp;sort=name"' in body


def test_an_advisor_in_several_groups_sees_one_group_at_a_time(advisor_client, advisor, cohort):
    body = advisor_client.get(LIST).content.decode()
    assert 'id="id_group"' not in body  # one group: nothing to choose between
    second = AdvisingGroup.objects.create(name="A second group")  # first by name
    second.memberships.create(user=advisor)
    make_profile(name="Sam Second", shared_with=[second])
    # The group already shown stays, though another now comes first by name.
    first = advisor_client.get(LIST)
    assert sorted(names(first)) == ["Dana Done", "Leo Letters", "Uma Urgent"]
    assert 'id="id_group"' in first.content.decode()
    chosen = advisor_client.get(LIST, {"group": second.pk})
    assert names(chosen) == ["Sam Second"]
    # Another group's id shows the advisor's own group, says so, and nothing of the other.
    stranger = AdvisingGroup.objects.create(name="Not mine")
    make_profile(name="Not Mine Either", shared_with=[stranger])
    response = advisor_client.get(LIST, {"group": stranger.pk})
    assert names(response) == ["Sam Second"]
    body = response.content.decode()
    assert "Not Mine Either" not in body and "Not mine" not in body
    assert "not one of your groups, so you see A second group" in body


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


def test_query_count_stays_fixed_as_profiles_groups_and_notes_grow(
    advisor_client, advisor, settings, tmp_path
):
    settings.EXPORT_DIR = str(tmp_path)
    grow(advisor, profiles=200, seed=4, groups=2, notes=20)
    one = Profile.objects.filter(shares__isnull=False).first()
    job = export_job_start(
        user=advisor,
        group_id=default_group().pk,
        ordering=["name", "profile_id"],
        query="",
        description="",
        site="http://testserver",
    )

    def long_export_pages() -> list[int]:
        """The offer of a list too long to send at once, and a background export's page."""
        settings.EXPORT_MAX_ROWS = 10
        counts = [
            count_queries(advisor_client, EXPORT, None),
            count_queries(
                advisor_client, reverse("profiles:advisor_export_job", args=[job.pk]), None
            ),
        ]
        settings.EXPORT_MAX_ROWS = 50_000
        return counts

    advisor_client.get(LIST)  # the first visit remembers the group shown: a write, once
    small_long_export = long_export_pages()
    pages = [
        (LIST, None),
        (LIST, FILTERED),
        (EXPORT, {"specialty": "neurology"}),
        (reverse("profiles:advisor_summary"), None),
        (reverse("profiles:advisor_groups"), None),
        (reverse("profiles:advisor_profile", args=[one.pk]), {"sort": "-readiness"}),
    ]
    # The calendar and the weightings are read once, then kept between requests
    # (advisor/admin_data_cache.py): count from the second time on.
    advisor_client.get(*pages[-1])
    small = [count_queries(advisor_client, url, params) for url, params in pages]
    grow(advisor, profiles=10_000, seed=5, groups=6, notes=2_000)
    large = [count_queries(advisor_client, url, params) for url, params in pages[:-1]]
    large.append(count_queries(advisor_client, *pages[-1]))
    assert small == large
    assert long_export_pages() == small_long_export and max(small_long_export) <= 8
    assert count_queries(advisor_client, LIST, {"page": 300}) == small[0]
    list_page, filtered, export, summary, groups, profile = large
    # An export also checks the advisor's quota and moves each case's export tally.
    assert list_page <= 8 and filtered <= 8 and export <= 10 and summary <= 6 and groups <= 5
    assert profile <= 15


def read_csv(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # so Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    # The last line says the file is whole, and how many rows it holds.
    end = rows.pop()["Reference"]
    assert re.fullmatch(rf"End of export: {len(rows)} profiles?", end), end
    return rows


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
    cost = stored["plan"]["cost"]
    assert (int(row["Plan cost from (USD)"]), int(row["Plan cost to (USD)"])) == (
        cost["low"],
        cost["high"],
    )
    assert row["USCE weeks (observership counts half)"] == "6"
    assert row["Notes"] == "1" and row["Last contact"] != "never"
    group = default_group().pk
    assert row["Profile page"].endswith(f"/advisor/profiles/{cohort['letters'].pk}/?group={group}")
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
    group = default_group().pk
    assert f"?group={group}&amp;priority=usce_urgent" in body
    assert f"?group={group}&amp;specialty=neurology" in body
