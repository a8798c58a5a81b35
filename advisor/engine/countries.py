"""Countries for the optional citizenship answer: ISO 3166 alpha-2 codes and the names
people know them by, from `pycountry` (kept current there, not copied here)."""

from __future__ import annotations

import functools
import unicodedata

import pycountry


@functools.cache
def country_names() -> dict[str, str]:
    """Code -> the name people use ("Iran", not "Iran, Islamic Republic of"), by name."""
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    return dict(sorted(names.items(), key=lambda item: _folded(item[1])))


def country_name(code: str | None) -> str:
    return country_names().get(code or "", code or "")


def _folded(text: str) -> str:
    """Lower case, accents and punctuation dropped: "Côte d'Ivoire" == "cote divoire"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


@functools.cache
def _by_words() -> dict[str, str]:
    found: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                found.setdefault(_folded(name), c.alpha_2)
    return found


def country_code(text: str) -> str | None:
    """The code for what a person typed: a code in any case ("ng") or a name as the list
    shows it or as ISO writes it ("Nigeria", "nigeria", "Cote d'Ivoire"); None if unknown."""
    typed = text.strip()
    if len(typed) == 2 and typed.upper() in country_names():
        return typed.upper()
    return _by_words().get(_folded(typed)) if typed else None
