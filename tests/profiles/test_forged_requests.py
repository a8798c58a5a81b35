"""Issue 24, finding 9: forged list cursors and export queries that answered 500 get
the list (or a 4xx with a message) instead."""

import base64
import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.profiles.factories import default_group, make_advisor, make_profile

pytestmark = pytest.mark.django_db
LIST = reverse("profiles:advisor_list")


def forged(values, after=True, start=26) -> str:
    raw = json.dumps({"v": values, "a": after, "s": start}, ensure_ascii=True)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.fixture
def advisor_in(django_user_model):
    def make(groups):
        client = Client(raise_request_exception=False)
        client.force_login(make_advisor(django_user_model, "omar", groups=groups))
        return client

    return make


@pytest.mark.parametrize(
    "values",
    [
        ["9999-12-31T23:59:59-14:00", 1],
        ["0001-01-01T00:00:00+14:00", 1],
        ["\ud800", 1],
        ["a\udfffb", 2],
    ],
    ids=["date-overflow", "date-underflow", "lone-surrogate", "surrogate-inside"],
)
@pytest.mark.parametrize("sort", ["-updated", "name"])
def test_a_forged_cursor_is_only_a_lost_place(advisor_in, values, sort):
    client = advisor_in([default_group()])
    make_profile(shared=True, name="Amina K")
    response = client.get(LIST, {"sort": sort, "after": forged(values)})
    assert response.status_code == 200
    assert "Amina K" in response.content.decode()  # the list from its first page


def test_export_for_an_advisor_in_no_group_is_no_error(advisor_in):
    client = advisor_in([])
    response = client.get(reverse("profiles:advisor_export"))
    assert response.status_code in (200, 302, 404)


@pytest.mark.parametrize("query", ["name=a\x00b", "\x00", "after=\x00&sort=name"])
def test_a_nul_in_an_export_query_is_no_error(advisor_in, settings, tmp_path, query):
    settings.EXPORT_MAX_ROWS = 0
    settings.EXPORT_DIR = str(tmp_path)
    client = advisor_in([default_group()])
    make_profile(shared=True)
    response = client.post(reverse("profiles:advisor_export_start"), {"query": query})
    assert response.status_code < 500


def test_a_nul_in_any_list_parameter_is_no_error(advisor_in):
    from profiles.advising.filters import LIST_PARAMS

    client = advisor_in([default_group()])
    make_profile(shared=True)
    for name in LIST_PARAMS:
        for url in (LIST, reverse("profiles:advisor_export"), reverse("profiles:advisor_summary")):
            response = client.get(url, {name: "a\x00b"})
            assert response.status_code < 500, (url, name)
