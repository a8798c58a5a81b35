"""Names applicants read (a group's, an advisor's) that cannot pass for the site's own
words: the record's "The applicant" or "A former advisor", or the site and its staff.

Compared after NFKC normalisation and casefolding with every space taken out, so
"the  APPLICANT" and the same words in fullwidth letters are one name. Lookalike
letters from other scripts are not chased further: what NFKC does not fold is left
to the admin."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError

from profiles.advising.access_record import APPLICANT
from profiles.advising.groups import NO_NAME

# The texts the site writes itself where a name goes (profiles/advising/groups.py
# display_name, AdvisorNote.author_name, the access record), and who the site is.
RESERVED_NAMES = (
    APPLICANT,
    NO_NAME,
    "A former advisor",
    "An advisor",
    "Applicant",
    "You",
    "Admin",
    "Administrator",
    "An admin",
    "Site admin",
    "Staff",
    "Support",
    "Moderator",
    "System",
    "Security",
    "Nobody",
)
# Names that may not even appear inside another: the site's own name.
RESERVED_WORDS = ("IMG Pathway Advisor",)

RESERVED_NAME = "“%(name)s” is how the site names someone itself: choose a name of your own."
SITE_NAME = "A name may not use the site's name (“IMG Pathway Advisor”)."
CONTROL_CHARACTERS = "A name may not hold invisible or control characters."


def name_key(name: str) -> str:
    """The name as compared: NFKC, casefolded, without spaces."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


_RESERVED = {name_key(name) for name in RESERVED_NAMES}
_WORDS = [name_key(word) for word in RESERVED_WORDS]


def validate_public_name(name: str) -> None:
    """Raise a ValidationError with a plain message when `name` could pass for the
    site's own words or holds characters a reader cannot see (controls, bidi
    overrides, zero-width joiners: Unicode category C)."""
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValidationError(CONTROL_CHARACTERS, code="control")
    key = name_key(name)
    if key in _RESERVED:
        raise ValidationError(RESERVED_NAME, code="reserved", params={"name": name.strip()})
    if any(word in key for word in _WORDS):
        raise ValidationError(SITE_NAME, code="site_name")
