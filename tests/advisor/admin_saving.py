"""Saving through the admin as an admin does: the impact preview first, then the
same values again with the preview's marker and a reason."""

import re

from advisor.admin import MECHANICS_FIELDS
from advisor.engine.weighting import TUNABLE_FIELDS

REASON = "NRMP Charting Outcomes 2026"
MARKER = re.compile(r'name="impact_seen" value="([0-9a-f]+)"')


def marker_of(preview) -> str:
    return MARKER.search(preview.content.decode())[1]


def admin_save(client, url: str, data: dict, *, reason: str = REASON):
    """Saves as an admin does: the first submit shows the preview, the second (the same
    values, now carrying the preview's marker) saves. Returns both responses."""
    data = {**data, "change_reason": reason}
    preview = client.post(url, data)
    assert preview.status_code == 200 and "data-impact-preview" in preview.content.decode()
    return preview, client.post(url, {**data, "impact_seen": marker_of(preview)})


def specialty_form_data(specialty, **changes) -> dict:
    """A specialty's change form as the browser posts it: every field on the form, an
    empty value as an empty field, the backup specialty as its id."""
    fields = {"name", "slug", *TUNABLE_FIELDS, "figures_source", *MECHANICS_FIELDS}
    values = {f: specialty.serializable_value(f) for f in fields}
    return {f: "" if value is None else value for f, value in values.items()} | changes


def fee_form_data(fee, **changes) -> dict:
    """A fee's change form as the browser posts it."""
    fields = ("item", "what", "amount_low", "amount_high", "currency", "unit", "source_url")
    values = {f: getattr(fee, f) for f in fields}
    values |= {"source_date": fee.source_date, "checked_on": fee.checked_on.isoformat()}
    values |= {"programs_from": "", "programs_to": "", "notes": fee.notes}
    return values | changes
