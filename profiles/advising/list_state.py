"""What a caseload request asks for: which of the advisor's groups, which filters,
which sort, from which place in the list. The list page, its CSV, and a profile's
"previous / next" read it alike, so all three agree on what the list holds.

The group the advisor last chose is remembered in their session (one id), so a
link without ?group= (the area's menu, a bookmark) shows that group again rather
than the first by name."""

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

# The session key holding the id of the group the advisor last chose.
CHOSEN_GROUP = "advising:group"


@dataclass(frozen=True)
class ListState:
    groups: list[tuple[str, str]]  # (id, name) of the advisor's groups
    group_id: int | None  # the one the list shows; None without a group
    filterset: ProfileFilter
    sort: str
    ordering: list[str]
    # ?group= named a group that is not (or no longer) one of the advisor's.
    group_refused: bool = False

    @property
    def rows(self) -> QuerySet[GroupShare]:
        """The group's cases as filtered (a filter the form refused is ignored)."""
        return self.filterset.qs

    @property
    def group_name(self) -> str:
        return dict(self.groups).get(str(self.group_id), "")

    @property
    def filtered(self) -> bool:
        """Whether a filter narrows the list (the group, sort and place do not)."""
        return any(self.filterset.data.get(key) for key in FILTER_PARAMS)


FILTER_PARAMS = tuple(key for key in LIST_PARAMS if key not in ("group", "sort", "after"))


def list_state(request: HttpRequest, *, group_id: int | None = None) -> ListState:
    """The list the request asks for; `group_id` (one of the advisor's) overrides
    the group it names, which overrides the one the advisor last chose."""
    return list_state_of(
        request.user, request.GET, group_id=group_id, remembered=_remembered(request)
    )


def list_state_of(
    user, params: QueryDict, *, group_id: int | None = None, remembered: str = ""
) -> ListState:
    """The list `params` (a list page's query) ask for, as `user` may see it: what a
    background export reads again, away from its request."""
    asked = str(group_id) if group_id else params.get("group", "")
    groups, group_id = _chosen_group(user, asked, remembered)
    rows = caseload_rows(group_id) if group_id else GroupShare.objects.none()
    specialties = [(s.slug, s.name) for s in specialty_list()]
    filterset = ProfileFilter(params, queryset=rows, specialty_choices=specialties)
    sort = valid_sort(params.getlist("sort"))
    pinned = filterset.pinned_columns()
    ordering = [field for field in ordering_for(sort) if field.lstrip("-") not in pinned]
    refused = bool(asked) and str(group_id) != asked
    return ListState(groups, group_id, filterset, sort, ordering, refused)


def current_group(request: HttpRequest) -> tuple[list[tuple[str, str]], int | None]:
    """The advisor's groups, and the one asked for (?group=) if it is theirs; else
    the one they last chose; else the first by name; None without a group."""
    return _chosen_group(request.user, request.GET.get("group", ""), _remembered(request))


def _chosen_group(user, *wanted: str) -> tuple[list[tuple[str, str]], int | None]:
    groups = group_choices_of(user)
    for choice in wanted:
        if choice in dict(groups):
            return groups, int(choice)
    return groups, int(groups[0][0]) if groups else None


def _remembered(request: HttpRequest) -> str:
    return str(request.session.get(CHOSEN_GROUP, ""))


def group_remember(request: HttpRequest, group_id: int | None) -> None:
    """Keep the group shown as the advisor's choice; the session is written only
    when the choice changes."""
    if group_id is not None and request.session.get(CHOSEN_GROUP) != group_id:
        request.session[CHOSEN_GROUP] = group_id


def list_query(request: HttpRequest, **changes) -> str:
    """The list's own parameters from this request (group, filters, sort, place),
    changed as given: what links between the list and its profiles carry."""
    # No parameter of the list is valid past 1,000 characters (a cursor's limit); cut
    # there, a refused one still reads as refused, and a link back to the list stays
    # under the length Django lets a redirect carry.
    params = {key: request.GET.get(key, "")[:1000] for key in LIST_PARAMS}
    params.update({key: str(value) for key, value in changes.items()})
    return urlencode({key: value for key, value in params.items() if value})
