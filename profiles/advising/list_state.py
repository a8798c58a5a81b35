"""What a caseload request asks for: which of the advisor's groups, which filters,
which sort, from which place in the list. The list page, its CSV, and a profile's
"previous / next" read it alike, so all three agree on what the list holds."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from advisor.selectors import specialty_list
from profiles.advising.caseload import caseload_rows
from profiles.advising.filters import LIST_PARAMS, ProfileFilter
from profiles.advising.groups import group_choices_of
from profiles.advising.models import GroupShare
from profiles.advising.tables import ordering_for, valid_sort


@dataclass(frozen=True)
class ListState:
    groups: list[tuple[str, str]]  # (id, name) of the advisor's groups
    group_id: int | None  # the one the list shows; None without a group
    filterset: ProfileFilter
    sort: str
    ordering: list[str]

    @property
    def rows(self) -> QuerySet[GroupShare]:
        """The group's cases as filtered (a filter the form refused is ignored)."""
        return self.filterset.qs

    @property
    def group_name(self) -> str:
        return dict(self.groups).get(str(self.group_id), "")


def list_state(request: HttpRequest, *, group_id: int | None = None) -> ListState:
    """The list the request asks for; `group_id` (one of the advisor's) overrides
    the group it names."""
    return list_state_of(request.user, request.GET, group_id=group_id)


def list_state_of(user, params: QueryDict, *, group_id: int | None = None) -> ListState:
    """The list `params` (a list page's query) ask for, as `user` may see it: what a
    background export reads again, away from its request."""
    groups, group_id = _chosen_group(user, str(group_id) if group_id else params.get("group", ""))
    rows = caseload_rows(group_id) if group_id else GroupShare.objects.none()
    specialties = [(s.slug, s.name) for s in specialty_list()]
    filterset = ProfileFilter(params, queryset=rows, specialty_choices=specialties)
    sort = valid_sort(params.getlist("sort"))
    pinned = filterset.pinned_columns()
    ordering = [field for field in ordering_for(sort) if field.lstrip("-") not in pinned]
    return ListState(groups, group_id, filterset, sort, ordering)


def current_group(
    request: HttpRequest, *, group_id: int | None = None
) -> tuple[list[tuple[str, str]], int | None]:
    """The advisor's groups, and the one asked for (`group_id`, else ?group=) if it
    is theirs; else the first by name; None without a group."""
    return _chosen_group(request.user, str(group_id) if group_id else request.GET.get("group", ""))


def _chosen_group(user, wanted: str) -> tuple[list[tuple[str, str]], int | None]:
    groups = group_choices_of(user)
    if wanted in dict(groups):
        return groups, int(wanted)
    return groups, int(groups[0][0]) if groups else None


def list_query(request: HttpRequest, **changes) -> str:
    """The list's own parameters from this request (group, filters, sort, place),
    changed as given: what links between the list and its profiles carry."""
    # No parameter of the list is valid past 1,000 characters (a cursor's limit); cut
    # there, a refused one still reads as refused, and a link back to the list stays
    # under the length Django lets a redirect carry.
    params = {key: request.GET.get(key, "")[:1000] for key in LIST_PARAMS}
    params.update({key: str(value) for key, value in changes.items()})
    return urlencode({key: value for key, value in params.items() if value})
