"""What a browser remembers for an applicant: a half-filled form, and links to the
advice it saved, which the home page lists so a lost bookmark strands no one.

Browsers are shared (a family laptop, a library computer), so both are kept only
as long as they are useful: a draft for a few hours after its last change, saved
links for two weeks and only if the applicant asked, and both go at once on
"Forget this device".
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

REMEMBERED_KEY = "my_profiles"
FINISHED_KEY = "finished_form"
REMEMBER_SECONDS = 60 * 60 * 24 * 14
# Long enough for a second click on "See my advice" to find the first one's result.
FINISHED_SECONDS = 60 * 10
REMEMBERED_AT_MOST = 5


def remembered_tokens(session: SessionBase) -> list[str]:
    return list(session.get(REMEMBERED_KEY, []))


def keep_draft(session: SessionBase) -> None:
    """A draft changed: keep the browser's memory for a few hours more (or for as long
    as it already remembers saved advice)."""
    draft_seconds = settings.DRAFT_HOURS * 60 * 60
    session.set_expiry(REMEMBER_SECONDS if remembered_tokens(session) else draft_seconds)


def finish_form(session: SessionBase, *, key: str, token: str, remember: bool) -> None:
    """The form is done: note which advice it made (so a repeated submission finds
    it), and remember the link on this device only if the applicant asked."""
    tokens = [t for t in remembered_tokens(session) if t != token]
    if remember:
        session[REMEMBERED_KEY] = [token, *tokens][:REMEMBERED_AT_MOST]
        session.set_expiry(REMEMBER_SECONDS)
    elif tokens:
        session[REMEMBERED_KEY] = tokens
    else:
        session.pop(REMEMBERED_KEY, None)
        session.set_expiry(FINISHED_SECONDS)
    session[FINISHED_KEY] = {"key": key, "token": token, "at": time.time()}


@dataclass(frozen=True)
class Finished:
    token: str
    seconds_ago: float


def finished(session: SessionBase, key: str | None = None) -> Finished | None:
    """The advice the last form finished here made (that form's, if `key` is given),
    while it is still the applicant's: for a few minutes, or as long as this device
    remembers it at their request."""
    done = session.get(FINISHED_KEY)
    if not done or (key is not None and done.get("key") != key):
        return None
    seconds_ago = time.time() - done.get("at", 0)
    if seconds_ago > FINISHED_SECONDS and done["token"] not in remembered_tokens(session):
        return None
    return Finished(done["token"], seconds_ago)


def forget_finished(session: SessionBase) -> None:
    """A new form (or "Start over") begins: the last one's advice is no longer at hand."""
    session.pop(FINISHED_KEY, None)


def forget_profile(session: SessionBase, token: str) -> None:
    tokens = remembered_tokens(session)
    if token in tokens:
        session[REMEMBERED_KEY] = [t for t in tokens if t != token]
    if session.get(FINISHED_KEY, {}).get("token") == token:
        del session[FINISHED_KEY]


def forget_device(session: SessionBase) -> None:
    """Drop everything this browser holds for applicants: drafts, links, the lot.

    A signed-in advisor keeps their sign-in; everyone else gets a new, empty session.
    """
    for key in [k for k in session.keys() if not k.startswith("_auth")]:  # noqa: SIM118 (no __iter__)
        del session[key]
    if not session.get("_auth_user_id"):
        session.flush()
