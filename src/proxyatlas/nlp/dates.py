"""Date expressions from news text -> EDTF strings (SPEC "Dates").

Every date in the graph is an EDTF string: ``2020-01-08`` a day, ``2019-12`` a month, ``2019`` a
year, ``198X`` a decade, ``2019-12-30/2020-01-05`` an interval, ``XXXX-11-21`` a day whose year
the text does not fix. Relative expressions ("Wednesday", "last week", "two days ago") resolve
against the publication date; without one they are null, because dates are never invented.

Why hand-written patterns first and dateparser only as a fallback: the common news forms are few,
and our own rules are exact where dateparser is not ("last week" is the previous ISO week, not
"base minus 7 days"; "the 1980s" is a decade, not today's date; "1" is not January 1st) and
about a thousand times faster (dateparser costs ~1 ms a call). dateparser covers the long tail
("the day before yesterday", "a fortnight ago", odd orderings), behind guards that keep it from
inventing dates (see `_fallback`).

Decisions where the SPEC is silent (also pinned by tests/test_dates.py):
- "this week" is the whole current ISO week (Monday/Sunday), like "last week" is the whole
  previous one: news uses it for what happened and for what is scheduled. "earlier this week" is
  Monday/publication day, "later this week" publication day/Sunday.
- "this <weekday>" is that weekday of the current ISO week; "next <weekday>" the first one
  strictly after publication; "last <weekday>" / "this past <weekday>" strictly before.
- "last night" is the day before publication; "tonight", "this morning" the day itself.
- Qualifiers are dropped, never encoded (EDTF level 0): "early 2020", "mid-2019", "late last
  month", "the end of 2019", "the first half of 2020" -> the unit they qualify.
- "since 2009" / "until 2014" -> the year itself (the caller knows whether it opens or closes a
  validity period); "before 2009" / "after 2009" -> null (level 0 cannot say it).
- Spans ending at publication ("the past two decades", "the last few years", "the past week")
  and bare durations ("two years", "a week") -> null: they describe a length, not a date.
- Numeric dates are day-first (09.01.2020 is 9 January), month-first only when the second number
  is over 12 (03/25/2024). "YYYY-MM" is an ISO month, so "2011-12" is December 2011, while
  "2011-14" and "2011–2014" are year ranges.
- A bare month ("March", "in March") takes the most recent such month on or before publication,
  and ``XXXX-MM`` without one (by analogy with month-day); "last March" is strictly before the
  publication month.
- Seasons with a year ("summer 2019") -> the year; without one -> null.
- "the 1980s" -> ``198X``; "the 1800s" -> ``18XX`` (the usual meaning); "the 2000s" -> ``200X``
  (the decade, its usual meaning in news); "the '80s" -> ``198X`` for '30s-'90s only;
  "the 19th century" -> ``18XX``.
- In ranges a side without a year takes its year from the other side ("December 30 - January 5,
  2020" -> 2019-12-30/2020-01-05); decades and centuries in ranges widen to years ("from the
  1980s to the 2000s" -> 1980/2009), so intervals stay level 0.
- A publication date coarser than a day ('2020-01', '2020') resolves month- and year-level
  expressions ("last month", "last year") but not day-level ones ("yesterday" -> null).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from proxyatlas.errors import DataError

__all__ = [
    "anaphoric_date",
    "is_anaphoric",
    "is_valid_edtf",
    "normalize_date",
    "parse_published",
    "vague_expressions",
]

Date = dt.date
ONE_DAY = dt.timedelta(days=1)

# Longest input we treat as a date expression: a spaCy DATE entity is a few words; anything
# longer is a mis-tagged clause, and dateparser's cost grows with length.
_MAX_LEN = 80
_MIN_YEAR, _MAX_YEAR = 1000, 2999

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name.lower()[:3]] = _i
_MONTHS["sept"] = 9
_WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    _WEEKDAYS[_name.lower()] = _i
    _WEEKDAYS[_name.lower()[:3]] = _i
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY_RE = "(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + ")"
_ORD = r"(?:st|nd|rd|th)?"

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "a couple": 2, "couple of": 2,
}
_NUM_RE = "(" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r"|\d{1,3})"
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}
_UNIT_RE = r"(day|week|fortnight|month|year|decade|centur(?:y|ie)|hour|minute)s?"


# --------------------------------------------------------------------------- anchor


@dataclass(frozen=True)
class _Anchor:
    """The publication date and how much of it is known ('day', 'month' or 'year')."""

    date: Date
    precision: str

    def day(self) -> Date | None:
        return self.date if self.precision == "day" else None

    def month(self) -> Date | None:
        return self.date if self.precision in ("day", "month") else None


_EDTF_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


def _anchor(published: str | None) -> _Anchor | None:
    """Read the publication date; anything unreadable counts as no publication date."""
    if not isinstance(published, str):
        return None
    m = _EDTF_DATE.fullmatch(published.strip())
    if not m:
        return None
    try:
        if m.group(3):
            return _Anchor(Date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day")
        if m.group(2):
            return _Anchor(Date(int(m.group(1)), int(m.group(2)), 1), "month")
        return _Anchor(Date(int(m.group(1)), 1, 1), "year")
    except ValueError:
        return None


# --------------------------------------------------------------------------- formatting


def _day(d: Date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _year(year: int) -> str:
    return f"{year:04d}"


def _span(start: Date, end: Date) -> str:
    return _day(start) if start == end else f"{_day(start)}/{_day(end)}"


def _iso_week(d: Date) -> str:
    monday = d - d.weekday() * ONE_DAY
    return _span(monday, monday + 6 * ONE_DAY)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_ok(year: int) -> bool:
    return _MIN_YEAR <= year <= _MAX_YEAR


# --------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def vague_expressions() -> frozenset[str]:
    """The bundled list of expressions that fix no date (data/cues/dates.yaml), loaded once."""
    source = resources.files("proxyatlas") / "data" / "cues" / "dates.yaml"
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        items = raw["vague"]
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise TypeError("'vague' must be a list of strings")
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise DataError(str(source), f"malformed date lexicon: {exc}") from exc
    return frozenset(_clean(x) for x in items)


# --------------------------------------------------------------------------- cleaning

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_APOS = re.compile(r"[\u2018\u2019\u02bc`\u00b4]")
_TIME = re.compile(
    r"\b(?:at|around|about|after|before|by)?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)"
    r"(?:\s+(?:local time|gmt|utc|et|est|edt|pt|ct))?(?=\W|$)"
    r"|\b(?:at|around|about|after|before|by)?\s*\d{1,2}:\d{2}(?:\s+(?:local time|gmt|utc))?"
    r"|\b(?:at\s+)?(?:midnight|noon|midday|dawn|dusk|daybreak|sunrise|sunset)\b"
    r"|\(?\blocal time\b\)?"
)
_ABBREV_DOT = re.compile(
    r"\b(" + "|".join(sorted(set(_MONTHS) | set(_WEEKDAYS), key=len, reverse=True)) + r")\.", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_DECADE_APOS = re.compile(r"(?<=\d0)'s\b")  # "the 1980's" is the 1980s, not 1980
_EDGE_PUNCT = re.compile(r"^[\s,;:.!?\"'()\[\]]+|[\s,;:.!?\"'()\[\]]+$")
_SPACES = re.compile(r"\s+")
_COMMA_SPACE = re.compile(r"\s*,\s*")


def _clean(text: str) -> str:
    """Lower-case and unify the spellings that vary between outlets, keep the words."""
    s = text.casefold()
    s = _DASHES.sub("-", s)
    s = _APOS.sub("'", s)
    s = _TIME.sub(" ", s)
    s = _ABBREV_DOT.sub(r"\1", s)
    s = _DECADE_APOS.sub("s", s)
    s = _POSSESSIVE.sub("", s)
    s = _COMMA_SPACE.sub(", ", s)
    s = _SPACES.sub(" ", s)
    return _EDGE_PUNCT.sub("", s)


# Leading words that do not change which date is meant: prepositions, hedges, and qualifiers that
# EDTF level 0 cannot express ("early 2020" is 2020).
_PREFIX = re.compile(
    r"^(?:on|in|at|by|since|until|till|til|from|during|throughout|over|within|for|of|as of|"
    r"as early as|as late as|as recently as|as far back as|back in|around|about|circa|ca|c|"
    r"approximately|roughly|some time in|sometime in|sometime on|sometime|beginning|starting|"
    r"starting in|beginning in|effective|dated|q[1-4]|h[12]|"
    r"early|late|mid|(?:the )?(?:very )?(?:end|beginning|start|middle|close|turn|dawn) of|"
    r"(?:the )?(?:first|second|third|fourth|last|final|early|closing|opening) "
    r"(?:half|quarter|months?|weeks?|days?|hours?|part|stages?) of|"
    r"(?:the )?(?:early |small |wee )?(?:hours|morning|night|evening|afternoon|eve) of)(?:\s+|-)"
)
_TOD_SUFFIX = re.compile(r"(?<=\w) (?:night|morning|afternoon|evening|overnight|midday)$")
# "erupted on April 15 after months of wrangling": spaCy may take the length of what came before
# into the date; the date is what precedes it.
_AFTER_DURATION = re.compile(r"(?<=\w) (?:after|before) (?:(?:a few|several|some|many) )?(?:days|weeks|months|years)$")
_TOD_WORDS = {
    "last night": "yesterday", "last evening": "yesterday", "tonight": "today",
    "tonite": "today", "this morning": "today", "this afternoon": "today",
    "this evening": "today", "earlier today": "today", "later today": "today",
    "earlier this morning": "today",
}


def _strip(s: str) -> str:
    """Remove leading prepositions/qualifiers, a trailing part of the day and a trailing length
    ("April 15 after months"), repeatedly."""
    while True:
        s = _TOD_WORDS.get(s, s)
        t = _PREFIX.sub("", s, count=1)
        t = _TOD_SUFFIX.sub("", t)
        t = _AFTER_DURATION.sub("", t)
        t = _EDGE_PUNCT.sub("", t)
        if t == s or not t:
            return s
        s = t


# --------------------------------------------------------------------------- single expressions

Handler = Callable[["re.Match[str]", "_Anchor | None", "_Anchor | None"], "str | None"]
_RULES: list[tuple[re.Pattern[str], Handler]] = []


def _rule(pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a whole-string pattern; rules are tried in definition order."""

    def register(fn: Handler) -> Handler:
        _RULES.append((re.compile("(?:" + pattern + r")$"), fn))
        return fn

    return register


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _month_day(month: int, day: int, anchor: _Anchor | None) -> str | None:
    """A month and day without a year: the publication year, or the year before if that would
    put the date after publication; ``XXXX-MM-DD`` when the year cannot be fixed."""
    if day < 1 or day > calendar.monthrange(2000, month)[1]:  # 2000: leap, so Feb 29 exists
        return None
    if anchor is None or anchor.precision == "year":
        return f"XXXX-{month:02d}-{day:02d}"
    pub = anchor.date
    if anchor.precision == "month":
        year = pub.year - 1 if month > pub.month else pub.year
        return _day(Date(year, month, day)) if day <= calendar.monthrange(year, month)[1] else None
    for year in (pub.year, pub.year - 1):
        if day <= calendar.monthrange(year, month)[1] and Date(year, month, day) <= pub:
            return _day(Date(year, month, day))
    return None


def _full_date(year: int, month: int, day: int) -> str | None:
    if not _year_ok(year) or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return _day(Date(year, month, day))


# Order matters: specific before general.


@_rule(r"today")
def _today(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    d = a.day() if a else None
    return _day(d) if d else None


@_rule(r"(?:the )?day before yesterday|yesterday|(?:the )?day after tomorrow|tomorrow")
def _yesterday(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    d = a.day() if a else None
    if d is None:
        return None
    offset = {"yesterday": -1, "tomorrow": 1}.get(m.group(0).removeprefix("the "), 0)
    if not offset:
        offset = -2 if "before" in m.group(0) else 2
    return _day(d + offset * ONE_DAY)


@_rule(r"(?:(last|this past|past|previous|this|next|this coming|coming) )?" + _WEEKDAY_RE)
def _weekday(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    d = a.day() if a else None
    if d is None:
        return None
    which, wd = m.group(1), _WEEKDAYS[m.group(2)]
    if which is None:  # most recent on or before publication
        return _day(d - ((d.weekday() - wd) % 7) * ONE_DAY)
    if which in ("last", "this past", "past", "previous"):  # strictly before
        return _day(d - ((d.weekday() - wd - 1) % 7 + 1) * ONE_DAY)
    if which == "this":  # that weekday of the current ISO week
        return _day(d + (wd - d.weekday()) * ONE_DAY)
    return _day(d + ((wd - d.weekday() - 1) % 7 + 1) * ONE_DAY)  # strictly after


@_rule(_WEEKDAY_RE + r",? (.+)")
def _weekday_then_date(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    """ "Tuesday, January 7, 2020": the weekday is redundant, the rest fixes the date."""
    return _single(m.group(2), a, ya)


@_rule(r"(?:the )?week (?:of|beginning|starting|ending) (.+)")
def _week_of(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    """ "the week of January 6": the ISO week holding that day."""
    day = _single(m.group(1), a, ya)
    return _iso_week(Date.fromisoformat(day)) if day and len(day) == 10 and "X" not in day else None


@_rule(r"(earlier |later )?(last|past|previous|this|current|the current|next|coming|this coming) week")
def _week(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    d = a.day() if a else None
    if d is None:
        return None
    which = m.group(2)
    if which in ("last", "past", "previous"):
        return _iso_week(d - 7 * ONE_DAY)
    if which in ("next", "coming", "this coming"):
        return _iso_week(d + 7 * ONE_DAY)
    monday = d - d.weekday() * ONE_DAY
    if m.group(1) == "earlier ":
        return _span(monday, d)
    if m.group(1) == "later ":
        return _span(d, monday + 6 * ONE_DAY)
    return _span(monday, monday + 6 * ONE_DAY)


@_rule(r"(?:(last|this past|past|previous|this|next|this coming|coming|the) )?weekend")
def _weekend(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    d = a.day() if a else None
    if d is None:
        return None
    which = m.group(1)
    if which in ("the", "this past", "past", None):  # most recent Saturday on or before
        saturday = d - ((d.weekday() - 5) % 7) * ONE_DAY
    elif which in ("last", "previous"):  # the weekend of the previous ISO week
        saturday = d - (d.weekday() + 2) * ONE_DAY
    elif which == "this":  # the weekend of the current ISO week
        saturday = d + (5 - d.weekday()) * ONE_DAY
    else:  # next / coming: first Saturday strictly after
        saturday = d + ((5 - d.weekday() - 1) % 7 + 1) * ONE_DAY
    return _span(saturday, saturday + ONE_DAY)


@_rule(r"(?:earlier |later )?(last|past|previous|this|current|the current|next|coming) month")
def _rel_month(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    d = a.month() if a else None
    if d is None:
        return None
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m.group(1), 0)
    return _month(*_add_months(d.year, d.month, delta))


@_rule(r"(?:earlier |later )?(last|past|previous|this|current|the current|next|coming) year")
def _rel_year(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    if a is None:
        return None
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m.group(1), 0)
    return _year(a.date.year + delta)


@_rule(_NUM_RE + r" " + _UNIT_RE + r" ago")
def _ago(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    if a is None:
        return None
    n, unit = _num(m.group(1)), m.group(2)
    d = a.date
    if unit == "year":
        return _year(d.year - n)
    if unit == "month":
        return _month(*_add_months(d.year, d.month, -n)) if a.month() else None
    if a.day() is None:
        return None
    if unit == "day":
        return _day(d - n * ONE_DAY)
    if unit in ("hour", "minute"):  # the day it was n hours before the (unknown) hour of publication
        return _day(d - dt.timedelta(hours=n) if unit == "hour" else d)
    if unit in ("week", "fortnight"):
        return _iso_week(d - (7 if unit == "week" else 14) * n * ONE_DAY)
    return None  # decades, centuries: approximate, no date fixed


# Spans ending at publication and bare durations: a length, not a date.
@_rule(
    r"(?:the )?(?:(?:past|last|previous|coming|next|following|recent|first) )"
    r"(?:(?:few|several|many|couple of|" + _NUM_RE[1:-1] + r") )?" + _UNIT_RE
)
def _trailing_span(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    return None


@_rule(
    r"(?:(?:more than|less than|nearly|almost|over|about|some|at least|just|only|another) )*"
    r"(?:(?:a few|few|several|many|the|" + _NUM_RE[1:-1] + r") )?" + _UNIT_RE
    + r"(?: (?:later|earlier|before|after|prior|on|long|old|running|straight|in a row))?"
)
def _duration(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    return None


@_rule(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})/(\d{1,2})/(\d{1,2})")
def _iso_day(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    g = [x for x in m.groups() if x is not None]
    return _full_date(int(g[0]), int(g[1]), int(g[2]))


@_rule(r"(\d{4})-(\d{2})")
def _iso_month(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    year, month = int(m.group(1)), int(m.group(2))
    if _year_ok(year) and 1 <= month <= 12:
        return _month(year, month)
    if month > 12:  # "2011-14": a year range
        return _year_range(year, month)
    return None


@_rule(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
def _numeric(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    """Day-first (European and Middle-Eastern outlets); month-first only when the second number
    cannot be a month."""
    first, second, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
    day, month = (second, first) if second > 12 and first <= 12 else (first, second)
    if len(year_text) == 4:
        year = int(year_text)
    else:  # two-digit year: the latest century that keeps it on or before publication
        if a is None:
            return None
        year = a.date.year // 100 * 100 + int(year_text)
        if year > a.date.year:
            year -= 100
    return _full_date(year, month, day)


@_rule(r"(?:the year )?(\d{4})")
def _plain_year(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    year = int(m.group(1))
    return _year(year) if _year_ok(year) else None


def _year_range(start: int, end_digits: int) -> str | None:
    end = start // 100 * 100 + end_digits
    if _year_ok(start) and start < end < start + 100:
        return f"{_year(start)}/{_year(end)}"
    return None


@_rule(r"(\d{4}) ?(?:-|to|through|until|/) ?(\d{2})")
def _short_year_range(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    """ "2011-14", "2011 to 14": the second year shares the first one's century."""
    return _year_range(int(m.group(1)), int(m.group(2)))


@_rule(r"(?:the )?(\d{3})0s|(?:the )?'?(\d)0s")
def _decade(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    if m.group(1):
        digits = m.group(1)
        if digits.endswith("0") and digits != "200":  # "the 1800s": the century
            return f"{digits[:2]}XX" if _year_ok(int(digits) * 10) else None
        return f"{digits}X" if _year_ok(int(digits) * 10) else None
    digit = int(m.group(2))
    return f"19{digit}X" if digit >= 3 else None  # "the '20s": 1920s or 2020s? not fixed


@_rule(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century|(?:the )?([a-z]+(?:[- ]first)?) century")
def _century(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    n = int(m.group(1)) if m.group(1) else _ORDINAL_WORDS.get(m.group(2) or "", 0)
    return f"{n - 1:02d}XX" if 11 <= n <= 30 else None


@_rule(_MONTH_RE + r"(?:,| of)? (\d{4})")
def _month_year(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    year = int(m.group(2))
    return _month(year, _MONTHS[m.group(1)]) if _year_ok(year) else None


_YEAR_WORD = r",? (?:of )?(last|this|next) year"
_YEAR_DELTA = {"last": -1, "this": 0, "next": 1}


@_rule(r"(?:" + _MONTH_RE + r" (?:the )?(\d{1,2})" + _ORD + r"|(?:the )?(\d{1,2})" + _ORD + r" (?:of )?"
       + _MONTH_RE + r"|" + _MONTH_RE + r")" + _YEAR_WORD)
def _date_of_relative_year(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    """"August 22 last year", "22 August last year", "September of last year"."""
    if a is None:
        return None
    year = a.date.year + _YEAR_DELTA[m.group(6)]
    if m.group(5):
        return _month(year, _MONTHS[m.group(5)])
    if m.group(1):
        return _full_date(year, _MONTHS[m.group(1)], int(m.group(2)))
    return _full_date(year, _MONTHS[m.group(4)], int(m.group(3)))


@_rule(_MONTH_RE + r" (?:the )?(\d{1,2})" + _ORD + r",? (\d{4})")
def _mdy(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    return _full_date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))


@_rule(r"(?:the )?(\d{1,2})" + _ORD + r" (?:of )?" + _MONTH_RE + r",? (\d{4})")
def _dmy(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    return _full_date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))


@_rule(_MONTH_RE + r" (?:the )?(\d{1,2})" + _ORD)
def _md(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    return _month_day(_MONTHS[m.group(1)], int(m.group(2)), ya or a)


@_rule(r"(?:the )?(\d{1,2})" + _ORD + r" (?:of )?" + _MONTH_RE)
def _dm(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    return _month_day(_MONTHS[m.group(2)], int(m.group(1)), ya or a)


@_rule(r"(?:(last|this past|past|previous|this|next|this coming|coming) )?" + _MONTH_RE)
def _bare_month(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    month, which = _MONTHS[m.group(2)], m.group(1)
    anchor = ya or a
    d = anchor.month() if anchor else None
    if d is None:
        return f"XXXX-{month:02d}" if which is None else None
    if which is None:
        year = d.year if month <= d.month else d.year - 1
    elif which in ("last", "this past", "past", "previous"):
        year = d.year if month < d.month else d.year - 1
    elif which == "this":
        year = d.year
    else:
        year = d.year if month > d.month else d.year + 1
    return _month(year, month)


# Spelt as _clean leaves them ("new year's day" loses its possessive).
_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year day": (1, 1), "new years day": (1, 1), "new year eve": (12, 31),
    "new years eve": (12, 31), "boxing day": (12, 26),
}


@_rule(r"(" + "|".join(sorted(map(re.escape, _HOLIDAYS), key=len, reverse=True)) + r")(?:,? (\d{4}))?")
def _holiday(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    month, day = _HOLIDAYS[m.group(1)]
    if m.group(2):
        return _full_date(int(m.group(2)), month, day)
    return _month_day(month, day, ya or a)


@_rule(r"(?:the )?(?:spring|summer|autumn|fall|winter)(?:,| of)? (\d{4})")
def _season_year(m: re.Match[str], a: _Anchor | None, ya: _Anchor | None) -> str | None:
    year = int(m.group(1))
    return _year(year) if _year_ok(year) else None


def _single(s: str, a: _Anchor | None, ya: _Anchor | None = None) -> str | None:
    """One date by the rules alone (no range, no dateparser): the parts of a range and of
    "Tuesday, January 7". `ya` anchors the year of a month-day without one, when a range's
    other side fixes it."""
    s = _strip(s)
    if not s or s in vague_expressions():
        return None
    return _apply_rules(s, a, ya)[1]


def _apply_rules(s: str, a: _Anchor | None, ya: _Anchor | None) -> tuple[bool, str | None]:
    """(whether a rule matched, its result): the first rule whose pattern matches decides."""
    for pattern, handler in _RULES:
        m = pattern.match(s)
        if m:
            return True, handler(m, a, ya)
    return False, None


# --------------------------------------------------------------------------- ranges

_DAY_RANGE_MD = re.compile(
    _MONTH_RE + r" (\d{1,2})" + _ORD + r" ?(-|to|through|until|and) ?(\d{1,2})" + _ORD + r"(?:,? (\d{4}))?$"
)
_DAY_RANGE_DM = re.compile(
    r"(\d{1,2})" + _ORD + r" ?(-|to|through|until|and) ?(\d{1,2})" + _ORD + r" (?:of )?" + _MONTH_RE
    + r"(?:,? (\d{4}))?$"
)
_CONNECTOR = re.compile(r" ?(?:-|/) ?| (?:to|until|till|through|thru|and) ")


def _bounds(edtf: str) -> tuple[Date, Date] | None:
    """First and last day an EDTF piece (no interval) covers; None for an unspecified year."""
    if edtf.startswith("X"):
        return None
    if edtf.endswith("XX"):
        century = int(edtf[:2]) * 100
        return Date(max(century, 1), 1, 1), Date(century + 99, 12, 31)
    if edtf.endswith("X"):
        decade = int(edtf[:3]) * 10
        return Date(decade, 1, 1), Date(decade + 9, 12, 31)
    parts = [int(p) for p in edtf.split("-")]
    if len(parts) == 1:
        return Date(parts[0], 1, 1), Date(parts[0], 12, 31)
    if len(parts) == 2:
        return Date(parts[0], parts[1], 1), Date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    day = Date(*parts)
    return day, day


def _widen(edtf: str, end: bool) -> str:
    """A decade or century as the year that opens (or closes) it, so intervals stay level 0."""
    if edtf.endswith("X") and not edtf.startswith("X"):
        b = _bounds(edtf)
        assert b is not None
        return _year(b[1].year if end else b[0].year)
    return edtf


def _join(left: str | None, right: str | None) -> str | None:
    """Interval from two resolved sides; None unless the left one starts no later than the right."""
    if left is None or right is None:
        return None
    if left == right:
        return left
    start = _widen(left.split("/")[0], end=False)
    finish = _widen(right.split("/")[-1], end=True)
    if start.startswith("X") or finish.startswith("X"):
        # Both years unknown: keep it only when it is one stretch within a year.
        if start.startswith("XXXX-") and finish.startswith("XXXX-") and len(start) == len(finish) == 10:
            return f"{start}/{finish}" if start < finish else (start if start == finish else None)
        return None
    if start == finish:
        return start
    b1, b2 = _bounds(start), _bounds(finish)
    if b1 is None or b2 is None or b1[0] > b2[0] or b1[1] > b2[1]:
        return None
    return f"{start}/{finish}"


def _has_year(s: str) -> bool:
    return re.search(r"\b\d{4}\b", s) is not None


def _range(s: str, a: _Anchor | None) -> str | None:
    """ "between 2011 and 2014", "2011-2014", "January 3-5, 2020", "December 30 - January 5"."""
    allow_and = False
    if s.startswith("between "):
        s, allow_and = s[8:], True
    elif s.startswith("from "):
        s = s[5:]
    m = _DAY_RANGE_MD.match(s) or _DAY_RANGE_DM.match(s)
    if m and (allow_and or "and" not in m.groups()):
        if m.re is _DAY_RANGE_MD:
            month, d1, d2, year = _MONTHS[m.group(1)], int(m.group(2)), int(m.group(4)), m.group(5)
        else:
            d1, d2, month, year = int(m.group(1)), int(m.group(3)), _MONTHS[m.group(4)], m.group(5)
        if year:
            return _join(_full_date(int(year), month, d1), _full_date(int(year), month, d2))
        end = _month_day(month, d2, a)
        if end is None:
            return None
        end_anchor = _anchor(end)
        return _join(_month_day(month, d1, end_anchor or a), end)
    for c in _CONNECTOR.finditer(s):
        if c.group(0).strip() == "and" and not allow_and:
            continue
        left_text, right_text = s[: c.start()], s[c.end():]
        if not left_text or not right_text:
            continue
        right = _single(right_text, a)
        if right is None:
            continue
        # A side without a year takes it from the other side ("December 30 - January 5, 2020").
        right_end = _anchor(right.split("/")[-1]) if not right.startswith("X") else None
        ya = right_end if (right_end and not _has_year(left_text)) else None
        left = _single(left_text, a, ya)
        if left is not None:
            return _join(left, right)
    return None


# --------------------------------------------------------------------------- dateparser fallback

# Words without which dateparser is not asked: it would turn "1" into January 1st of this year.
_DATE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(set(_MONTHS) | set(_WEEKDAYS), key=len, reverse=True))
    + r"|ago|yesterday|today|tomorrow|fortnight|week|month|year|day|hours?|minutes?)\b"
)
# Two bases far apart: an expression that resolves the same against both is absolute.
_PROBE_BASES = (dt.datetime(2087, 7, 15), dt.datetime(2093, 11, 20))


@lru_cache(maxsize=256)
def _parser(base: dt.datetime) -> object:
    """A DateDataParser per base date, cached (the first one loads dateparser's data)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": base,
            "DATE_ORDER": "DMY",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def _dateparser(s: str, base: dt.datetime) -> str | None:
    try:
        data = _parser(base).get_date_data(s)  # type: ignore[attr-defined]
    except Exception:  # dateparser raises assorted errors on odd input; no date is the answer
        return None
    when, period = data.date_obj, data.period
    if when is None or not _year_ok(when.year):
        return None
    d = when.date()
    if period == "day":
        return _day(d)
    if period == "week":
        return _iso_week(d)
    if period == "month":
        return _month(d.year, d.month)
    if period == "year":
        return _year(d.year)
    if period == "time" and re.search(r"\b(?:hours?|minutes?)\b", s):
        return _day(d)
    return None  # "time" for things like "the 1980s": dateparser's guess, not the text's date


def _fallback(s: str, a: _Anchor | None) -> str | None:
    if not _DATE_WORD.search(s):
        return None
    probes = [_dateparser(s, base) for base in _PROBE_BASES]
    if probes[0] is not None and probes[0] == probes[1]:
        # Absolute: the text fixes it, and must then spell out the year itself (dateparser reads
        # "January 3 and 10" as 3 January 2010).
        return probes[0] if probes[0][:4] in re.findall(r"\b\d{4}\b", s) else None
    if a is None or a.day() is None or probes[0] is None:
        return None  # relative, and nothing to resolve it against
    d = a.date
    return _dateparser(s, dt.datetime(d.year, d.month, d.day))


# --------------------------------------------------------------------------- public API


@lru_cache(maxsize=8192)
def _normalize(expression: str, published: str | None) -> str | None:
    if len(expression) > _MAX_LEN:
        return None
    s = _clean(expression)
    if not s or s in vague_expressions():
        return None
    s = _strip(s)
    if s in vague_expressions():
        return None
    a = _anchor(published)
    matched, result = _apply_rules(s, a, None)
    if result is None:
        result = _range(s, a)
    if result is None and not matched:  # a rule's null is a decision, not a gap to fill
        result = _fallback(s, a)
    return result


def normalize_date(expression: str, published: str | None) -> str | None:
    """EDTF for a date expression as news text writes it, or None when the text fixes no date.

    `published` is the document's publication date in EDTF ('2020-01-09'; a month or year is
    accepted and resolves only month- and year-level expressions). Never raises: the extractor
    calls this on every DATE entity spaCy finds, and a bad guess there must cost a null, not a
    crash. See the module docstring for the rules.
    """
    if not isinstance(expression, str):
        return None
    published = published if isinstance(published, str) else None
    try:
        return _normalize(expression, published)
    except (ValueError, OverflowError, KeyError, IndexError):
        # Date arithmetic at the edges of the calendar (year 1, year 9999): no date.
        return None


# --------------------------------------------------------------------------- anaphoric dates
# "the next day", "three days later", "that November": told from the date the text gave last,
# not from publication. Only the caller knows which date that is, so these have their own entry.

_ANAPHORIC_SHIFT = re.compile(r"(?:(?:on|in) )?" + _NUM_RE + r" (day|week|month|year)s? (later|after|earlier|before)")
_ANAPHORIC_NEXT = re.compile(r"(?:(?:on|in) )?the (next|following|previous|preceding) (day|week|month|year)"
                             r"|(?:(?:on|in) )?the (day|week|month|year) (after|before)")
_ANAPHORIC_SAME = re.compile(r"(?:(?:on|in|by|later|earlier|later in|earlier in) )?(?:that|the same|that same) "
                             r"(day|date|month|year)")
_ANAPHORIC_MONTH = re.compile(r"(?:in )?that " + _MONTH_RE)
# "in November of that year", "March of the following year"
_ANAPHORIC_MONTH_OF_YEAR = re.compile(r"(?:in )?" + _MONTH_RE + r" (?:of )?(that|the same|that same|the following|"
                                      r"the next|the previous|the preceding) year")
_YEAR_SHIFT = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}
_ANAPHORIC_VAGUE = re.compile(r"(?:(?:a few|several|some) )?(days|weeks) (later|after)")
_FORWARD = {"later", "after", "next", "following"}


def is_anaphoric(expression: str) -> bool:
    """True for a date told from the previous one: "the next day", "two weeks later", "that year"."""
    s = _clean(expression) if isinstance(expression, str) else ""
    return any(p.fullmatch(s) for p in (_ANAPHORIC_SHIFT, _ANAPHORIC_NEXT, _ANAPHORIC_SAME, _ANAPHORIC_MONTH,
                                        _ANAPHORIC_MONTH_OF_YEAR, _ANAPHORIC_VAGUE))


def anaphoric_date(expression: str, previous: str | None) -> str | None:
    """EDTF for an anaphoric expression told from `previous`, the last date the text fixed
    ('2014-04-12', '2019-08' or '2019'); None when that date is too coarse for it.

    "three days later" after 21 February 2022 -> 2022-02-24; "the next day" after 22 August 2023
    -> 2023-08-23; "that November" or "that year" after August 2019 -> 2019-11, 2019; "November
    of that year", "March of the following year" after 2012 -> 2012-11, 2013-03; "later that
    year" -> 2012; "days later" after August 2019 -> 2019-08 (a few days stay in the month the
    text gave).
    """
    base = _anchor(previous.split("/")[0]) if isinstance(previous, str) else None
    if base is None or not is_anaphoric(expression):
        return None
    s = _clean(expression)
    try:
        if m := _ANAPHORIC_SAME.fullmatch(s):
            return _truncate(base, "day" if m.group(1) == "date" else m.group(1))
        if m := _ANAPHORIC_MONTH.fullmatch(s):
            return _month(base.date.year, _MONTHS[m.group(1)])
        if m := _ANAPHORIC_MONTH_OF_YEAR.fullmatch(s):
            return _month(base.date.year + _YEAR_SHIFT.get(m.group(2), 0), _MONTHS[m.group(1)])
        if m := _ANAPHORIC_VAGUE.fullmatch(s):
            return _truncate(base, "month")
        if m := _ANAPHORIC_SHIFT.fullmatch(s):
            count, unit, direction = _num(m.group(1)), m.group(2), m.group(3)
        else:
            m = _ANAPHORIC_NEXT.fullmatch(s)
            count = 1
            unit, direction = (m.group(2), m.group(1)) if m.group(2) else (m.group(3), m.group(4))
        return _shift(base, count if direction in _FORWARD else -count, unit)
    except (ValueError, OverflowError):
        return None


def _truncate(base: _Anchor, unit: str) -> str | None:
    """The base date at the precision of `unit`, if it is known that finely."""
    if unit == "year":
        return _year(base.date.year)
    if unit in ("month", "week"):
        return _month(base.date.year, base.date.month) if base.month() else None
    return _day(base.date) if base.day() else None


def _shift(base: _Anchor, count: int, unit: str) -> str | None:
    if unit == "year":
        return _year(base.date.year + count)
    if unit == "month":
        return _month(*_add_months(base.date.year, base.date.month, count)) if base.month() else None
    if base.day() is None:
        return None
    return _day(base.date + (7 if unit == "week" else 1) * count * ONE_DAY)


def parse_published(value: str) -> str:
    """EDTF for a --published value: EDTF itself ('2020-01-09', '2020-01', '2020') or a full date
    as people write it ('09.01.2020', 'January 9, 2020'). Raises ValueError otherwise, because a
    wrong publication date silently shifts every relative date in the document."""
    text = value.strip() if isinstance(value, str) else ""
    result: str | None = None
    m = _EDTF_DATE.fullmatch(text)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if day:
            result = _full_date(year, int(month), int(day))
        elif month:
            result = _month(year, int(month)) if _year_ok(year) and 1 <= int(month) <= 12 else None
        else:
            result = _year(year) if _year_ok(year) else None
    elif text:
        # Only forms that fix a date by themselves: no base date is given, so "yesterday",
        # "November 21" (XXXX-11-21) and ranges are refused.
        result = normalize_date(text, None)
        if result is not None and ("/" in result or "X" in result):
            result = None
    if result is not None:
        return result
    raise ValueError(
        f"--published {value!r}: not a date; give an EDTF date such as 2020-01-09, 2020-01 or 2020, "
        "or a full date such as 09.01.2020 or 'January 9, 2020'"
    )


@lru_cache(maxsize=4096)
def is_valid_edtf(value: str) -> bool:
    """True when `value` is EDTF the `edtf` package accepts ('2020-01-09', 'XXXX-11-21', '198X',
    '2019-12-30/2020-01-05'). Cached: the package's parser costs ~8 ms a call."""
    if not isinstance(value, str) or not value:
        return False
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parse_edtf(value)
    except (EDTFParseException, ValueError, TypeError, AttributeError):
        return False
    return True
