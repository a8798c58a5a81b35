"""Reading a number the way a person typed it: the one parser behind the wizard,
the edit page, the what-if panel and `assess`.

It takes what is unambiguous (`12`, ` 12 `, `12 weeks`, `2.5`, `2,5`, `+3`,
digits in any script such as `٣`) and refuses everything else with a message
that names the question and quotes the answer. It never guesses: `1,500` could
be fifteen hundred or one and a half, `1e3` is a thousand only to a programmer,
`12 months` in a question about weeks is the wrong unit, and `241 (first
attempt)` carries words the form cannot keep; each of these is sent back to the
person, unchanged, to say what they meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

# Answers meaning "nothing": empty to the form (0 for a count, "not taken" for a score).
NOTHING = frozenset({"none", "no", "nil", "n/a", "na", "-", "not yet", "not taken"})

# Unit words a person may add after the number; any other unit is a different question.
WEEKS = frozenset({"week", "weeks", "wk", "wks", "w"})
MONTHS = frozenset({"month", "months", "mo", "mos"})
YEARS = frozenset({"year", "years", "yr", "yrs", "y"})
DAYS = frozenset({"day", "days", "d"})
UNIT_NAMES = {"weeks": WEEKS, "months": MONTHS, "years": YEARS, "days": DAYS}

_NUMBER = re.compile(
    r"(?P<sign>[+-]?)\s*(?P<whole>[0-9]*)(?:(?P<mark>[.,])(?P<fraction>[0-9]+))?\s*(?P<rest>.*)",
    re.DOTALL,
)
# Signs and the decimal separator from other scripts and keyboards, read as their ASCII
# twins. The Arabic thousands separator (U+066C) is not among them: it is refused, as
# "1,500" is, rather than read as a decimal comma.
_LOOKALIKES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u066b": "."})


@dataclass(frozen=True)
class NumberQuestion:
    """What a number answer is about, in the words its messages use."""

    noun: str  # "weeks of hands-on US clinical experience": "Enter the <noun> ..."
    example: str  # a typical answer, shown in messages
    units: frozenset[str] = frozenset()  # words allowed after the number
    places: int = 0  # decimal places allowed; 0 for whole numbers
    unit_name: str = ""  # "weeks": named when someone types another unit


class NumberRefused(ValueError):
    """The answer is not a number this question can take; `message` says why."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def read_number(
    text: str, question: NumberQuestion, *, minimum: float, maximum: float
) -> int | Decimal | None:
    """The number in `text`, or None for an empty answer (or one meaning "none").

    Whole-number questions give an int, others a Decimal with at most
    `question.places` places. Raises NumberRefused for anything else.
    """
    typed = text.strip()
    plain = _plain_characters(typed).translate(_LOOKALIKES)
    plain = " ".join(plain.split()).lower()
    if not plain or plain in NOTHING:
        return None
    quoted = f"\u201c{typed}\u201d"
    match = _NUMBER.fullmatch(plain)
    if match is None or not (match["whole"] or match["fraction"]):
        raise NumberRefused(_not_a_number(question, quoted))
    _check_words(match["rest"].strip(" ."), question, quoted)
    value = _value(match, question, quoted)
    if value < minimum or value > maximum:
        if value < 0 and minimum == 0:
            raise NumberRefused(f"Enter the {question.noun} as 0 or more: you typed {quoted}.")
        raise NumberRefused(
            f"Enter the {question.noun}, between {_plain(minimum)} and {_plain(maximum)}: "
            f"you typed {quoted}."
        )
    return (
        int(value) if question.places == 0 else value.quantize(Decimal(1).scaleb(-question.places))
    )


def _plain_characters(text: str) -> str:
    """Each character as the plain one it stands for: any script's decimal digit
    (Arabic-Indic ٣, Devanagari ३, full-width digits) as its ASCII digit, a full-width
    letter or space as the usual one (NFKC).

    Other characters with a number value are left alone, so they are refused: NFKC
    would read "10²" as 102 and "⑫" as 12, which is a guess, not what was typed.
    """
    plain = []
    for ch in text:
        if ch.isdecimal():
            plain.append(str(unicodedata.decimal(ch)))
        elif unicodedata.numeric(ch, None) is not None:
            plain.append(ch)
        else:
            plain.append(unicodedata.normalize("NFKC", ch))
    return "".join(plain)


def _check_words(rest: str, question: NumberQuestion, quoted: str) -> None:
    if not rest or rest in question.units:
        return
    for name, words in UNIT_NAMES.items():
        if rest in words and question.unit_name and name != question.unit_name:
            raise NumberRefused(
                f"{quoted} is in {name}, and this question counts {question.unit_name}: enter "
                f"the {question.noun}, like {question.example}."
            )
    raise NumberRefused(_not_a_number(question, quoted))


def _value(match: re.Match, question: NumberQuestion, quoted: str) -> Decimal:
    fraction = match["fraction"] or ""
    if match["mark"] == "," and len(fraction) == 3:
        raise NumberRefused(
            f"{quoted} could mean a thousands separator or a decimal comma: enter the "
            f"{question.noun} without it, like {question.example}."
        )
    value = Decimal(f"{match['sign']}{match['whole'] or '0'}.{fraction or '0'}")
    if fraction.rstrip("0") and question.places == 0:
        raise NumberRefused(
            f"Enter the {question.noun} as a whole number, like {question.example}: "
            f"you typed {quoted}."
        )
    if len(fraction.rstrip("0")) > question.places:
        raise NumberRefused(
            f"Enter the {question.noun} with at most {question.places} decimal place, "
            f"like {question.example}: you typed {quoted}."
        )
    return value + 0  # + 0 turns -0 into 0


def _not_a_number(question: NumberQuestion, quoted: str) -> str:
    return (
        f"Enter the {question.noun} in digits, like {question.example}: {quoted} is not a "
        "number we can read."
    )


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
