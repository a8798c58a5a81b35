"""The one parser of typed numbers: what a person meant, or a message; nothing else."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from advisor.engine.answers import QUESTIONS
from advisor.engine.number_input import NumberRefused, read_number

WEEKS = QUESTIONS["usce_hands_on_weeks"]
YEARS_WORKED = QUESTIONS["home_clinical_years"]
STEP2 = QUESTIONS["step2_ck"]
ARABIC_INDIC = str.maketrans(
    "0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
)
FULL_WIDTH = str.maketrans(
    "0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
)


def weeks(text):
    return read_number(text, WEEKS, minimum=0, maximum=520)


def years(text):
    return read_number(text, YEARS_WORKED, minimum=0, maximum=60)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("12", 12),
        (" 12 ", 12),
        ("12 weeks", 12),
        ("12weeks", 12),
        ("12 wks.", 12),
        ("+12", 12),
        ("12.0", 12),
        ("-0", 0),
        ("\u0663", 3),
        ("\uff11\uff12", 12),
        ("\U0001d7d7", 9),  # a mathematical bold nine: a decimal digit
        ("\uff11\uff12 \uff57\uff45\uff45\uff4b\uff53", 12),  # full-width "12 weeks"
        ("\u0966\u096f", 9),  # Devanagari 09
        ("", None),
        ("   ", None),
        ("none", None),
    ],
)
def test_what_is_unambiguous_is_read(text, meant):
    assert weeks(text) == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [("2.5", Decimal("2.5")), ("2,5", Decimal("2.5")), (".5", Decimal("0.5")), ("3 years", 3)],
)
def test_decimals_take_a_point_or_a_comma(text, meant):
    assert years(text) == meant


@pytest.mark.parametrize(
    ("read", "text", "says"),
    [
        (weeks, "12e", "Enter the weeks of hands-on US clinical experience in digits, like 12"),
        (weeks, "1e3", "\u201c1e3\u201d is not a number we can read"),
        (weeks, "-3", "as 0 or more: you typed \u201c-3\u201d"),
        (weeks, "2,5", "as a whole number, like 12: you typed \u201c2,5\u201d"),
        (weeks, "12 months", "is in months, and this question counts weeks"),
        (weeks, "3 weeks 2 days", "is not a number we can read"),
        (weeks, "9999", ", between 0 and 520: you typed \u201c9999\u201d"),
        (weeks, "twelve", "is not a number we can read"),
        (years, "1,500", "could mean a thousands separator or a decimal comma"),
        (years, "1.25", "with at most 1 decimal place"),
        (years, "NaN", "is not a number we can read"),
        (weeks, "10\u00b2", "\u201c10\u00b2\u201d is not a number we can read"),  # not 102
        (weeks, "\u246b", "is not a number we can read"),  # a circled 12
        (weeks, "\u00b9\u00b2", "is not a number we can read"),  # superscript 12
        (years, "2\u066c5", "is not a number we can read"),  # Arabic thousands separator
        (weeks, "\u216b", "is not a number we can read"),  # Roman numeral twelve
    ],
)
def test_what_is_not_is_refused_with_the_answer_quoted(read, text, says):
    with pytest.raises(NumberRefused) as refused:
        read(text)
    assert says in refused.value.message


def test_a_negative_year_is_told_the_range_not_zero_or_more():
    with pytest.raises(NumberRefused) as refused:
        read_number("-2025", QUESTIONS["graduation_year"], minimum=1966, maximum=2027)
    assert refused.value.message == (
        "Enter the year you graduated, between 1966 and 2027: you typed \u201c-2025\u201d."
    )


def test_the_wrong_unit_is_named_without_repeating_the_question():
    with pytest.raises(NumberRefused) as refused:
        weeks("3 months")
    assert refused.value.message == (
        "\u201c3 months\u201d is in months, and this question counts weeks: enter the weeks of "
        "hands-on US clinical experience, like 12."
    )


def test_a_score_with_words_around_it_is_refused_not_guessed():
    with pytest.raises(NumberRefused) as refused:
        read_number("241 (first attempt)", STEP2, minimum=1, maximum=300)
    assert refused.value.message == (
        "Enter the Step 2 CK score in digits, like 245: \u201c241 (first attempt)\u201d "
        "is not a number we can read."
    )


@given(st.text(max_size=40))
@example("\u00bd")  # a fraction character: numeric, but not a decimal digit
@example("\u00b2")  # a superscript two
@example("1" * 40)
@example("-" + "9" * 39)
@example(",5")
def test_every_string_is_read_or_refused_and_nothing_escapes(text):
    for question, low, high in [(WEEKS, 0, 520), (YEARS_WORKED, 0, 60), (STEP2, 1, 300)]:
        try:
            value = read_number(text, question, minimum=low, maximum=high)
        except NumberRefused as refused:
            assert question.noun in refused.message
            assert f"\u201c{text.strip()}\u201d" in refused.message
            continue
        if value is None:
            continue
        assert low <= value <= high
        if question.places == 0:
            assert isinstance(value, int)


@given(st.integers(min_value=0, max_value=520), st.sampled_from(["", " ", "  "]))
def test_a_whole_number_written_any_usual_way_is_that_number(number, space):
    written = str(number)
    for text in (
        written,
        f"{space}{written}{space}",
        f"{written} weeks",
        f"{written}wk",
        f"+{written}",
        f"{written}.0",
        written.translate(ARABIC_INDIC),
        written.translate(FULL_WIDTH),
    ):
        assert weeks(text) == number, text


@given(st.decimals(min_value=0, max_value=60, places=1))
def test_a_decimal_reads_the_same_with_a_point_or_a_comma(number):
    assert years(str(number)) == number
    assert years(str(number).replace(".", ",")) == number


@given(
    st.integers(min_value=0, max_value=52),
    st.characters(categories=["No", "Nl"]),
)
def test_a_number_sign_that_is_not_a_digit_is_never_read_into_one(number, sign):
    # Superscripts, fractions, circled and Roman numerals: what they add is a guess.
    for text in (f"{number}{sign}", f"{sign}{number}", sign):
        with pytest.raises(NumberRefused):
            weeks(text)


@given(st.integers(min_value=0, max_value=520), st.integers(min_value=0, max_value=520))
def test_two_numbers_in_one_answer_are_never_one_of_them(first, second):
    for text in (
        f"{first} {second}",
        f"{first}-{second}",
        f"{first}/{second}",
        f"{first}e{second}",
    ):
        with pytest.raises(NumberRefused):
            weeks(text)
