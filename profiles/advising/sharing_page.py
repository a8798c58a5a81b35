"""What the result page shows about sharing: the groups, the read-only links,
feedback written for the applicant, and who looked."""

from __future__ import annotations

from django.urls import reverse

from profiles.advising.access_record import who_looked
from profiles.advising.forms import JoinCodeForm, ReadOnlyLinkForm
from profiles.advising.notes import feedback_for
from profiles.advising.sharing import live_read_only_links, profile_shares
from profiles.models import Profile


def sharing_context(request, profile: Profile, *, link_form: ReadOnlyLinkForm | None) -> dict:
    """A profile read by `profile_for_result_page` says which of these exist; asking
    only for those saves most result pages four queries (a profile read otherwise
    asks for all four)."""

    def has(what: str) -> bool:
        return getattr(profile, what, True)

    links = live_read_only_links(profile) if has("has_live_links") else []
    shares = profile_shares(profile) if has("has_shares") else []
    return {
        "shares": shares,
        "read_only_links": [
            (link, request.build_absolute_uri(reverse("profiles:read_only", args=[link.token])))
            for link in links
        ],
        "link_form": link_form or ReadOnlyLinkForm(),
        "code_form": JoinCodeForm(),
        "feedback": list(feedback_for(profile)) if has("has_feedback") else [],
        "who_looked": who_looked(profile, shares=shares) if has("has_record") else [],
    }
