"""Numbers in words: plurals and ranges that read right whatever an admin sets."""

from __future__ import annotations


def count(n: float, noun: str, plural: str | None = None) -> str:
    """`1 month`, `3 months`, `1.5 years`: the noun agrees with the number."""
    shown = int(n) if float(n).is_integer() else n
    if shown == 1:
        return f"1 {noun}"
    return f"{shown} {plural or noun + 's'}"


def weeks(n: float) -> str:
    return count(n, "week")


def span(low: int, high: int, noun: str) -> str:
    """`8-12 weeks`, or `12 weeks` when the admin's target already reaches the top:
    a range is never empty or reversed."""
    if low >= high:
        return count(low, noun)
    return f"{low}-{high} {noun}s"


def dollars(low: int, high: int) -> str:
    """`$1,000-3,000`, or `$165` when there is no range."""
    if low >= high:
        return f"${high:,}"
    return f"${low:,}-{high:,}"


def join_and(parts: list[str]) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
