"""The what-if panel's answers for a sample of profiles, as the panel's inputs hold
them: `python -m tests.bench.panel_answers COUNT` (with the server's DATABASE_URL)
prints one JSON list of [token, answers], the page's version among the answers.

The panel sends every answer on each change (htmx's hx-get on the whole form), so
the benchmark sends them all too, one changed, instead of a single parameter.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")


def main(count: int) -> None:
    import django

    django.setup()
    from profiles.models import Profile
    from profiles.selectors import profile_by_token
    from profiles.what_if_form import saved_answers

    tokens = Profile.objects.order_by("?").values_list("token", flat=True)[:count]
    found = []
    for token in tokens:
        profile = profile_by_token(token)
        found.append([token, {"version": str(profile.version), **saved_answers(profile)}])
    json.dump(found, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
