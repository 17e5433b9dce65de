"""Date normalisation (SPEC "Dates"): the rule table, --published parsing, and properties.

Publication dates used below: 2020-01-09 is a Thursday (the CBN article's date), 2017-11-28 a
Tuesday, 2020-01-07 a Tuesday.
"""

from __future__ import annotations

import timeit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxyatlas.nlp.dates import (
    anaphoric_date,
    is_anaphoric,
    is_valid_edtf,
    normalize_date,
    parse_published,
    vague_expressions,
)

THU = "2020-01-09"
TUE = "2020-01-07"

TABLE: list[tuple[str, str | None, str | None]] = [
    # weekdays: the most recent one on or before publication
    ("Wednesday", THU, "2020-01-08"),
    ("on Wednesday", THU, "2020-01-08"),
    ("Thursday", THU, "2020-01-09"),  # same weekday as publication: that day
    ("on Tuesday", TUE, "2020-01-07"),  # SPEC: a Tuesday article's "on Tuesday" is that day
    ("Friday", THU, "2020-01-03"),
    ("Friday's", THU, "2020-01-03"),
    ("Monday night", THU, "2020-01-06"),
    ("Monday morning", THU, "2020-01-06"),
    ("late on Thursday", THU, "2020-01-09"),
    ("the early hours of Friday", THU, "2020-01-03"),
    ("Wednesday", "2017-11-28", "2017-11-22"),
    ("Wednesday", None, None),
    ("last Friday", THU, "2020-01-03"),
    ("last Thursday", THU, "2020-01-02"),  # strictly before
    ("this past Sunday", THU, "2020-01-05"),
    ("next Monday", THU, "2020-01-13"),
    ("this Friday", THU, "2020-01-10"),  # that weekday of the current ISO week
    ("Tuesday, January 7", THU, "2020-01-07"),
    ("Tuesday, Jan. 7, 2020", None, "2020-01-07"),
    # days
    ("today", THU, "2020-01-09"),
    ("today", None, None),
    ("yesterday", THU, "2020-01-08"),
    ("yesterday", "2020-03-01", "2020-02-29"),
    ("yesterday", None, None),
    ("last night", THU, "2020-01-08"),
    ("tonight", THU, "2020-01-09"),
    ("tomorrow", THU, "2020-01-10"),
    ("the day before yesterday", THU, "2020-01-07"),
    ("two days ago", THU, "2020-01-07"),
    ("2 days ago", THU, "2020-01-07"),
    ("a couple of days ago", THU, "2020-01-07"),
    ("two days ago", None, None),
    ("Jan 7 at 3 p.m.", THU, "2020-01-07"),
    # weeks: ISO weeks, Monday to Sunday
    ("last week", THU, "2019-12-30/2020-01-05"),
    ("last week", "2020-01-06", "2019-12-30/2020-01-05"),  # a Monday article
    ("last week", "2020-01-12", "2019-12-30/2020-01-05"),  # a Sunday article
    ("last week", None, None),
    ("this week", THU, "2020-01-06/2020-01-12"),
    ("earlier this week", THU, "2020-01-06/2020-01-09"),
    ("later this week", THU, "2020-01-09/2020-01-12"),
    ("next week", THU, "2020-01-13/2020-01-19"),
    ("two weeks ago", THU, "2019-12-23/2019-12-29"),
    ("the week of January 6", THU, "2020-01-06/2020-01-12"),
    ("the weekend", THU, "2020-01-04/2020-01-05"),
    ("over the weekend", "2020-01-06", "2020-01-04/2020-01-05"),
    # months and years relative to publication
    ("last month", THU, "2019-12"),
    ("last month", "2020-03-31", "2020-02"),
    ("last month", "2020-01", "2019-12"),  # a month-precision publication date suffices
    ("last month", None, None),
    ("this month", THU, "2020-01"),
    ("earlier this month", THU, "2020-01"),
    ("late last month", THU, "2019-12"),
    ("three months ago", THU, "2019-10"),
    ("last year", THU, "2019"),
    ("last year", "2020", "2019"),
    ("last year", None, None),
    ("this year", THU, "2020"),
    ("the end of last year", THU, "2019"),
    ("a year ago", THU, "2019"),
    ("yesterday", "2020-01", None),  # day-level needs a day-precision publication date
    # month and day without a year
    ("November 21st", "2017-11-28", "2017-11-21"),
    ("November 21st", None, "XXXX-11-21"),
    ("Nov. 21", "2017-11-28", "2017-11-21"),
    ("on Nov. 21", "2017-11-28", "2017-11-21"),
    ("21 November", "2017-11-28", "2017-11-21"),
    ("the 21st of November", "2017-11-28", "2017-11-21"),
    ("November 23", "2017-11-28", "2017-11-23"),
    ("November 28", "2017-11-28", "2017-11-28"),  # publication day itself
    ("November 29", "2017-11-28", "2016-11-29"),  # would be after publication
    ("December 30", THU, "2019-12-30"),  # year-before rollover
    ("Jan. 9", THU, "2020-01-09"),
    ("Jan. 10", THU, "2019-01-10"),
    ("December 30", None, "XXXX-12-30"),
    ("February 29", None, "XXXX-02-29"),
    ("February 30", None, None),
    ("Christmas", THU, "2019-12-25"),
    ("New Year's Day", THU, "2020-01-01"),
    # a month alone
    ("March", THU, "2019-03"),
    ("in March", "2020-05-01", "2020-03"),
    ("January", THU, "2020-01"),
    ("last March", "2020-05-01", "2020-03"),
    ("March", None, "XXXX-03"),
    ("mid-December", THU, "2019-12"),
    # explicit dates
    ("January 3, 2020", None, "2020-01-03"),
    ("January 3rd, 2020", THU, "2020-01-03"),
    ("Jan 3 2020", None, "2020-01-03"),
    ("3 January 2020", None, "2020-01-03"),
    ("3rd of January, 2020", None, "2020-01-03"),
    ("2020-01-03", None, "2020-01-03"),
    ("2020/01/03", None, "2020-01-03"),
    ("09.01.2020", None, "2020-01-09"),  # day first
    ("9/1/2020", None, "2020-01-09"),
    ("03/25/2024", None, "2024-03-25"),  # month first only when the second number is > 12
    ("25/03/2024", None, "2024-03-25"),
    ("13/13/2020", None, None),
    ("2020-02-30", None, None),
    ("09.01.20", THU, "2020-01-09"),
    ("09.01.20", None, None),  # two-digit year: the century needs a publication date
    ("December 2019", None, "2019-12"),
    ("Dec. 2019", None, "2019-12"),
    ("December of 2019", THU, "2019-12"),
    ("mid-December 2019", None, "2019-12"),
    ("2011-12", None, "2011-12"),  # ISO month, not a range
    # years, decades, centuries
    ("2009", None, "2009"),
    ("in 2009", THU, "2009"),
    ("since 2009", THU, "2009"),
    ("the year 2009", None, "2009"),
    ("before 2009", THU, None),
    ("early 2020", None, "2020"),
    ("mid-2019", None, "2019"),
    ("late 2019", None, "2019"),
    ("the end of 2019", None, "2019"),
    ("the first half of 2020", None, "2020"),
    ("summer 2019", None, "2019"),
    ("the 1980s", None, "198X"),
    ("the 1980's", None, "198X"),
    ("1990s", THU, "199X"),
    ("the '80s", None, "198X"),
    ("the 2000s", None, "200X"),
    ("the 1800s", None, "18XX"),
    ("the 19th century", None, "18XX"),
    ("the twenty-first century", None, "20XX"),
    # intervals
    ("between 2011 and 2014", None, "2011/2014"),
    ("2011-2014", None, "2011/2014"),
    ("2011–2014", None, "2011/2014"),
    ("2011-14", None, "2011/2014"),
    ("from 2011 to 2014", THU, "2011/2014"),
    ("2014-2011", None, None),
    ("January 3-5, 2020", None, "2020-01-03/2020-01-05"),
    ("3-5 January 2020", None, "2020-01-03/2020-01-05"),
    ("December 30 - January 5, 2020", None, "2019-12-30/2020-01-05"),
    ("December 30, 2019 - January 5, 2020", None, "2019-12-30/2020-01-05"),
    ("between January 3 and 5", THU, "2020-01-03/2020-01-05"),
    ("January 3 and 10", THU, None),  # two dates, not a stretch
    ("from the 1980s to the 2000s", None, "1980/2009"),
    ("2019-12-30/2020-01-05", None, "2019-12-30/2020-01-05"),
    # vague: no date is fixed
    ("the last two decades", THU, None),
    ("the past few years", THU, None),
    ("the past week", THU, None),
    ("over the years", THU, None),
    ("recently", THU, None),
    ("now", THU, None),
    ("right now", THU, None),
    ("at the time", THU, None),
    ("years", THU, None),
    ("decades", THU, None),
    ("the past", THU, None),
    ("future", THU, None),
    ("a week", THU, None),
    ("weeks", THU, None),
    ("two years", THU, None),
    ("more than 40 years", THU, None),
    ("the following day", THU, None),
    ("the same day", THU, None),
    ("two days later", THU, None),
    ("two decades ago", THU, None),
    ("the 20th", THU, None),
    ("1", THU, None),
    ("", THU, None),
    ("   ", None, None),
]


@pytest.mark.parametrize(("expression", "published", "expected"), TABLE)
def test_table(expression: str, published: str | None, expected: str | None) -> None:
    assert normalize_date(expression, published) == expected


@pytest.mark.parametrize("expected", sorted({e for _, _, e in TABLE if e is not None}))
def test_table_outputs_are_valid_edtf(expected: str) -> None:
    assert is_valid_edtf(expected)


def test_vague_lexicon_is_loaded_and_null() -> None:
    vague = vague_expressions()
    assert "the following day" in vague and "recently" in vague
    for expression in vague:
        assert normalize_date(expression, THU) is None, expression


@pytest.mark.parametrize(
    "published", ["not a date", "2020-13-01", "2020-02-30", "", "0000-01-01", "9999-12-31", "0001-01-01"]
)
def test_bad_or_extreme_publication_dates_never_raise(published: str) -> None:
    for expression in ("yesterday", "last week", "November 21", "two days ago", "tomorrow", "next week"):
        result = normalize_date(expression, published)
        assert result is None or is_valid_edtf(result)


def test_non_string_input_is_none() -> None:
    assert normalize_date(None, THU) is None  # type: ignore[arg-type]
    assert normalize_date(2009, THU) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-09", "2020-01-09"),
        ("2020-01", "2020-01"),
        ("2020", "2020"),
        (" 2020-01-09 ", "2020-01-09"),
        ("09.01.2020", "2020-01-09"),
        ("January 9, 2020", "2020-01-09"),
        ("9 January 2020", "2020-01-09"),
        ("Jan. 9, 2020", "2020-01-09"),
    ],
)
def test_parse_published_good(value: str, expected: str) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "yesterday", "last week", "November 21", "2020-13", "2020-02-30", "2011/2014", "soon", "20200109x"],
)
def test_parse_published_bad(value: str) -> None:
    with pytest.raises(ValueError, match="--published"):
        parse_published(value)


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2020-01-09", True), ("XXXX-11-21", True), ("198X", True), ("2019-12-30/2020-01-05", True),
     ("2019-12", True), ("2020-13", False), ("2020-02-30", False), ("yesterday", False), ("", False)],
)
def test_is_valid_edtf(value: str, valid: bool) -> None:
    assert is_valid_edtf(value) is valid


_PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=__import__("datetime").date(1900, 1, 1),
             max_value=__import__("datetime").date(2100, 12, 31)).map(lambda d: d.isoformat()),
)
_DATEISH = st.lists(
    st.sampled_from(["last", "this", "next", "on", "in", "the", "early", "mid-", "between", "and", "to",
                     "-", "/", ",", "ago", "two", "a", "week", "month", "year", "days", "Monday",
                     "Friday", "night", "January", "Nov.", "21st", "3", "30", "12", "2019", "2020",
                     "1980s", "'80s", "09.01.2020", "century", "weekend", "yesterday", "today"]),
    max_size=6,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), _PUBLISHED)
def test_never_raises_and_returns_valid_edtf(text: str, published: str | None) -> None:
    result = normalize_date(text, published)
    assert result is None or (isinstance(result, str) and is_valid_edtf(result))


@settings(max_examples=300, deadline=None)
@given(_DATEISH, _PUBLISHED)
def test_date_like_word_salad_returns_valid_edtf(text: str, published: str | None) -> None:
    result = normalize_date(text, published)
    assert result is None or is_valid_edtf(result)


@settings(max_examples=100, deadline=None)
@given(_DATEISH)
def test_no_publication_date_never_resolves_relative_words(text: str) -> None:
    """Without a publication date nothing is invented: any day found must come from a year or an
    unspecified year written in the text."""
    result = normalize_date(text, None)
    if result is not None:
        assert any(y in result for y in ("2019", "2020", "198", "XXXX", "19XX", "20XX")), (text, result)


def test_common_patterns_are_fast() -> None:
    """The extractor normalises every DATE entity: common forms must stay well under 1 ms."""
    from proxyatlas.nlp import dates

    expressions = [e for e, _, _ in TABLE[:60]]
    normalize = dates._normalize.__wrapped__  # bypass the result cache: measure the work
    normalize("warm-up", THU)
    seconds = timeit.timeit(lambda: [normalize(e, THU) for e in expressions], number=20)
    assert seconds / (20 * len(expressions)) < 0.001


@pytest.mark.parametrize("text, expected", [
    ("April 15 after months", "2020-04-15"),
    ("March 2019 after several weeks", "2019-03"),
    ("after months", None),
])
def test_a_length_before_the_date_is_dropped(text: str, expected: str | None) -> None:
    """"erupted on April 15 after months of wrangling": spaCy takes the length into the date."""
    assert normalize_date(text, "2020-05-01") == expected


@pytest.mark.parametrize("text, previous, expected", [
    ("November of that year", "2012-05-03", "2012-11"),
    ("in March of the following year", "2012", "2013-03"),
    ("later that year", "2012-05", "2012"),
    ("that same year", "2012-05-03", "2012"),
    ("earlier that month", "2012-05-03", "2012-05"),
    ("earlier that month", "2012", None),  # a year alone does not fix the month
])
def test_months_and_years_told_from_the_last_date(text: str, previous: str, expected: str | None) -> None:
    assert is_anaphoric(text)
    assert anaphoric_date(text, previous) == expected


def test_a_month_with_its_own_year_is_not_anaphoric() -> None:
    assert not is_anaphoric("November of 2012")
