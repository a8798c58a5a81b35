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
    links = live_read_only_links(profile)
    return {
        "shares": profile_shares(profile),
        "read_only_links": [
            (link, request.build_absolute_uri(reverse("profiles:read_only", args=[link.token])))
            for link in links
        ],
        "link_form": link_form or ReadOnlyLinkForm(),
        "code_form": JoinCodeForm(),
        "feedback": list(feedback_for(profile)),
        "who_looked": who_looked(profile),
    }
