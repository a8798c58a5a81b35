"""Join codes as applicants type or click them: which group a code names, with
guessing kept slow and nobody's right code refused because of someone else's misses.

A code shows a group's name and members and lets anyone share into it, so wrong codes
are counted. They used to be counted per network alone, and 30 of them from one
address (typed behind a campus NAT, or fetched by a cross-site page in its visitors'
browsers) refused the right code to everyone behind that address for an hour. Now
every miss counts twice, and each count refuses only its own kind of lookup:

- **per profile** (JOIN_CODE_MISSES_PER_PROFILE a week): the share page, where every
  lookup is made for one profile, refuses that profile's lookups alone. A neighbour's
  misses, or a page fetched in the applicant's browser by another site, cannot spend
  it: they do not know the profile's private link.
- **per network** (JOIN_CODE_LOOKUPS_PER_ADDRESS an hour): the group link
  (`/join/<code>/`), which has no profile behind it, is not checked once its network's
  misses are used up; it then sends the applicant to their advice, where the code is
  checked for their profile.

Guessing stays slow. There are 30**8 = 6.56e11 codes, so with G groups a guess hits one
with odds G / 6.56e11. Without profiles a network gets 30 guesses an hour (720 a day):
at G = 1,000, 911,000 days to expect a hit. Each profile adds 10 a week, and profiles
are themselves limited to PROFILES_PER_ADDRESS (60) an hour per network: a client that
makes 1,440 profiles a day and keeps them all makes about 14,400 D + 1,030 D**2
guesses in D days, a hit expected after ~790 days at G = 1,000 (~2,500 days at G =
100), by then at some 19 guesses a second from that one network.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from advisor.accounts.throttle import client_network, throttle_count, throttle_reached
from profiles.advising.groups import group_by_code
from profiles.advising.models import AdvisingGroup
from profiles.models import Profile

NETWORK_WINDOW = timedelta(hours=1)
PROFILE_WINDOW = timedelta(days=7)


def code_guesses_left(*, address: str | None, profile: Profile | None = None) -> bool:
    """Whether a code may be looked up: for `profile`, while it has misses left this
    week, whatever its network did; with no profile, while the network has them."""
    if profile is not None:
        return not throttle_reached(
            key=_profile_key(profile), limit=settings.JOIN_CODE_MISSES_PER_PROFILE
        )
    return not throttle_reached(
        key=_network_key(address), limit=settings.JOIN_CODE_LOOKUPS_PER_ADDRESS
    )


def group_by_typed_code(
    *, code: str, address: str | None, profile: Profile | None = None
) -> AdvisingGroup | None:
    """The group `code` (normalised) names, or None; a miss counts for the network and,
    when the lookup is made for one, for the profile. Right codes never count."""
    group = group_by_code(code)
    if group is None:
        throttle_count(
            key=_network_key(address),
            limit=settings.JOIN_CODE_LOOKUPS_PER_ADDRESS,
            window=NETWORK_WINDOW,
        )
        if profile is not None:
            throttle_count(
                key=_profile_key(profile),
                limit=settings.JOIN_CODE_MISSES_PER_PROFILE,
                window=PROFILE_WINDOW,
            )
    return group


def _network_key(address: str | None) -> str:
    return f"join-code-misses-from:{client_network(address)}"


def _profile_key(profile: Profile) -> str:
    return f"join-code-misses-for-profile:{profile.pk}"
