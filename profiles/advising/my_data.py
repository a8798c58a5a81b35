"""Everything the site keeps about one applicant, as they may download it."""

from __future__ import annotations

from decimal import Decimal

from advisor.engine.answers import ANSWERS, is_asked
from profiles.advising.access_record import who_looked
from profiles.advising.notes import feedback_for
from profiles.advising.sharing import live_read_only_links, profile_shares
from profiles.models import Profile


def my_data(profile: Profile) -> dict:
    """Answers, the advice exactly as stored and shown, feedback written for them, who
    they share with and who looked. Advisors' private and group notes are theirs,
    not the applicant's, and are left out; so are the links' secret tokens."""
    answers = {answer.name: getattr(profile, answer.name) for answer in ANSWERS}
    answers["specialty"] = profile.specialty.slug
    for answer in ANSWERS:
        if isinstance(answers[answer.name], Decimal):
            answers[answer.name] = float(answers[answer.name])
    for answer in ANSWERS:
        if not is_asked(answer, answers):
            answers[answer.name] = None  # never asked: not a "no" they gave
    return {
        "profile": {
            "reference": profile.reference,
            "name": profile.name,
            "email": profile.email,
            "created_at": profile.created_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
        },
        "answers": answers,
        "advice": {
            "assessed_at": profile.assessed_at.isoformat() if profile.assessed_at else None,
            "assessment": profile.assessment,
            "weighting": profile.weighting,
        },
        "feedback_from_advisors": [
            {
                "advisor": note.author_name,
                "group": note.group.name if note.group else "",
                "written_at": note.created_at.isoformat(),
                "edited_at": note.updated_at.isoformat() if note.updated_at else None,
                "text": note.text,
            }
            for note in feedback_for(profile)
        ],
        "shared_with_groups": [
            {"group": share.group.name, "since": share.shared_at.isoformat()}
            for share in profile_shares(profile)
        ],
        "read_only_links": [
            {
                "for": link.label,
                "created_at": link.created_at.isoformat(),
                "expires_at": link.expires_at.isoformat(),
            }
            for link in live_read_only_links(profile)
        ],
        "who_looked": [
            {
                "who": row.actor_name,
                "group": row.group_name,
                "what": row.action_label,
                "times": row.times,
                "last": row.last.isoformat(),
            }
            for row in who_looked(profile, limit=1000)
        ],
    }
