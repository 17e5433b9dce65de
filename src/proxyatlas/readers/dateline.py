"""Title, outlet, author and publication date of a plain-text article, read from its own lines.

Plain text carries no metadata fields, but news copy nearly always states them in a few
conventional places: the first line is the headline, and a byline or dateline sits in the
first few lines ("By Jane Doe | Reuters | March 3, 2024", "Julie Stahl, CBN, 09.01.2020",
"WASHINGTON (Reuters) -", "Published: 2024-03-03") or at the end ("Reporting by ...").
`detect_metadata` reads only those places, so a date or a name in the body never becomes
metadata.

It is deliberately conservative, because a wrong outlet or author is worse than none: a
metadata line is accepted only when every piece of it is recognised (a date, a person-looking
name, an outlet-looking name), an unlabelled name becomes the source only when it looks like
an outlet (a short acronym such as "CBN", a well-known outlet, or a name with an outlet word
such as "Times" or "News"), and a lone person-looking name becomes the author only when the
line also names an outlet or begins with "By".

Numeric dates: DD.MM.YYYY, DD/MM/YYYY and DD-MM-YYYY are read day-first, the convention of
European and Middle Eastern outlets, so "09.01.2020" is 9 January 2020. The one exception is
a date whose second number is greater than 12: it cannot be a month, so the date is read
month-first ("03/25/2024" is 25 March 2024). A date impossible both ways is not a date.
Year-first dates (2024-03-25, 2024/03/25) and written-out dates ("March 3, 2024",
"3 March 2024", "Tuesday, 3rd of March 2024") are unambiguous. Two-digit years are not read.
Dates come out as EDTF days, "YYYY-MM-DD". Plain regular expressions do the parsing: it is
exact about what it accepts, and fast (dateparser would also read relative phrases, which a
dateline must not contain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

HEAD_LINES = 6  # non-empty lines searched at the top
TAIL_LINES = 4  # ... and at the bottom
MAX_META_LINE = 200  # a longer line is body text, not a byline
MAX_TITLE = 200

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z])"
)
_WEEKDAY = (
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.?,?\s+)?"
)
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_TIME = re.compile(
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST|EET|EEST|MSK|IRST|ET|PT))?"
    r"(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)",
    re.IGNORECASE,
)
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(
        rf"(?<![\d.]){_YEAR}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})"
        r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])")),
    ("ymd", re.compile(rf"(?<![\d.]){_YEAR}(?P<s>[/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?![\d])")),
    ("num", re.compile(rf"(?<![\d.])(?P<a>\d{{1,2}})(?P<s>[./-])(?P<b>\d{{1,2}})(?P=s){_YEAR}(?![\d])")),
    ("mdy", re.compile(
        rf"\b{_WEEKDAY}(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.IGNORECASE)),
    ("dmy", re.compile(
        rf"\b{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON}),?\s+{_YEAR}\b",
        re.IGNORECASE)),
]  # fmt: skip

# "WASHINGTON (Reuters) -", "BEIRUT, Lebanon, Jan. 9, 2020 (AP) —", "(CNN) —"
_CITY_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'’.\- ]{1,40}?(?:,\s*[A-Z][A-Za-z'’.\- ]{1,40}?)?"
    r"(?:,\s*(?P<when>[^()\n]{3,40}?))?\s*)?"
    r"\((?P<outlet>[^()\n]{2,40})\)\s*(?:[-–—:]|$)"
)
_SEPARATORS = re.compile(r"\s*(?:\||·|•|—|–|;|\s-\s|,)\s*")
_DATE_TOKEN = "\ue000"  # stands in for a found date while a line is split into pieces
_LABEL = re.compile(
    r"^(?P<label>first published|last updated|additional reporting by|reporting by|writing by|editing by"
    r"|written by|published|posted|updated|modified|dated?|source|publisher|outlet|authors?|byline|title"
    r"|by)(?P<sep>\s*:\s*|\s+on\s+|\s+)(?P<rest>.*)$",
    re.IGNORECASE,
)
# Labels that only count when followed by a colon ("Source: X"), so prose is never read as one.
_COLON_LABELS = {"dated", "date", "source", "publisher", "outlet", "author", "authors", "byline", "title"}
_IGNORED_LABELS = {"editing by", "additional reporting by"}


def _outlet_key(name: str) -> str:
    key = name.strip().casefold()
    return key.removeprefix("the ")


KNOWN_OUTLETS = frozenset(
    _outlet_key(s)
    for s in (
        "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "BBC", "BBC News", "CNN",
        "Al Jazeera", "Al Arabiya", "Al-Monitor", "Al Monitor", "Middle East Eye", "New York Times",
        "Washington Post", "Wall Street Journal", "Guardian", "Times of Israel", "Haaretz",
        "Jerusalem Post", "The National", "Tehran Times", "IRNA", "ISNA", "Tasnim", "Fars", "Mehr",
        "Press TV", "SANA", "TASS", "RIA Novosti", "Interfax", "Bloomberg", "Financial Times",
        "Economist", "Politico", "Axios", "NPR", "Voice of America", "VOA", "RFE/RL",
        "Radio Free Europe/Radio Liberty", "Deutsche Welle", "DW", "France 24", "Asharq Al-Awsat",
        "Long War Journal", "CBN", "CBN News", "Fox News", "NBC News", "CBS News", "ABC News",
        "Sky News", "Kurdistan 24", "Rudaw", "Shafaq News", "Al Mayadeen", "Al-Manar", "Al Manar",
        "Anadolu Agency", "Anadolu", "Xinhua", "Defense Post", "Breaking Defense", "Military Times",
        "Stars and Stripes", "The Hill", "Newsweek", "Foreign Policy", "The Atlantic", "Le Monde",
        "Der Spiegel", "EFE", "ANSA", "DPA", "KUNA", "WAFA", "i24NEWS", "Arab News", "Gulf News",
        "L'Orient-Le Jour", "Enab Baladi", "Syria Direct", "Iran International", "Radio Farda",
        "IranWire", "Kayhan", "Al-Masirah", "Saba", "JNS", "Jewish News Syndicate", "Ynet",
        "Ynetnews", "Jeune Afrique", "RFI", "Radio France Internationale", "Africanews",
    )
)  # fmt: skip
_OUTLET_WORDS = {
    "news", "times", "post", "press", "agency", "journal", "monitor", "network", "herald", "tribune",
    "gazette", "daily", "broadcasting", "tv", "television", "radio", "media", "wire", "review",
    "observer", "guardian", "telegraph", "chronicle", "insider", "magazine", "weekly", "channel",
    "desk", "express", "courier", "dispatch", "bulletin", "digest", "examiner", "globe", "mirror",
}  # fmt: skip
_ROLE_WORDS = {
    "staff", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
    "writer", "writers", "contributor", "contributors", "bureau", "team", "admin", "guest",
    "editorial", "board", "online", "agencies", "wires", "analyst", "fellow", "chief",
}  # fmt: skip
_PLACE_WORDS = {
    "united", "states", "kingdom", "republic", "arabia", "north", "south", "east", "west",
    "middle", "city", "international", "new", "saudi", "gulf", "sea", "red",
}  # fmt: skip
_NOT_OUTLET = {"US", "UK", "UAE", "USA", "EU", "UN", "UNSC", "IDF", "ISIS", "IRGC", "PMF", "NDF"}
_NAME_PARTICLES = {
    "al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "del", "da", "di", "dos", "du", "van",
    "von", "der", "den", "la", "le",
}  # fmt: skip
_CONNECTORS = {"of", "the", "and", "&", "for", "on", "al", "el", "de", "la", "le"}
_MONTH_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}  # fmt: skip


@dataclass
class _Found:
    """What one byline, dateline or label line says."""

    authors: list[str] = field(default_factory=list)
    source: str | None = None
    published: str | None = None
    published_rank: int = 9  # 0 labelled "Published", 1 a byline's date, 2 "Updated"
    title: str | None = None


def detect_metadata(text: str) -> dict[str, str | None]:
    """Title, source, author and published (EDTF day) of a plain-text article; None when unsure."""
    lines = [line for line in text.split("\n") if line.strip()]
    # A dateline opens the first paragraph: "KHARTOUM, June 3, 2024 (AP) — The ...".
    lines = [_dateline_prefix(line) for line in lines]
    head = [c for c in map(_clean, lines[:HEAD_LINES]) if c]
    tail = [c for c in map(_clean, lines[max(HEAD_LINES, len(lines) - TAIL_LINES) :]) if c]
    result: dict[str, str | None] = {"title": None, "source": None, "author": None, "published": None}
    best_rank = 9
    first_found: _Found | None = None
    for index, line in enumerate(head + tail):
        found = _parse_line(line)
        if index == 0:
            first_found = found
        if found is None:
            continue
        if found.title and result["title"] is None:
            result["title"] = found.title
        if found.authors and result["author"] is None:
            result["author"] = " and ".join(found.authors)
        if found.source and result["source"] is None:
            result["source"] = found.source
        if found.published and found.published_rank < best_rank:
            result["published"], best_rank = found.published, found.published_rank
    if result["title"] is None and head and first_found is None:
        result["title"] = _title_from(head[0])
    return result


_DATELINE_DASH = re.compile(r"^(.{3,80}?\S)\s+[—–]\s+\S")


def _dateline_prefix(line: str) -> str:
    """The part of a line before a dateline's dash, when the line is a dateline plus text."""
    m = _DATELINE_DASH.match(line)
    return m.group(1) if m and m.group(1).split(",")[0].strip().isupper() else line


def parse_date(text: str) -> str | None:
    """The first complete date in `text` as an EDTF day, by the day-first rule above."""
    dates = find_dates(text)
    return dates[0][2] if dates else None


def find_dates(line: str) -> list[tuple[int, int, str]]:
    """(start, end, 'YYYY-MM-DD') of each complete date in a line, a trailing time included."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(line):
            iso = _to_iso(kind, m)
            if iso is None:
                continue
            end = m.end()
            time = _TIME.match(line, end)
            if time and time.group(0).strip(" ,"):
                end = time.end()
            found.append((m.start(), end, iso))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def _to_iso(kind: str, m: re.Match[str]) -> str | None:
    year = int(m.group("y"))
    if kind == "num":
        first, second = int(m.group("a")), int(m.group("b"))
        # Day-first unless the second number cannot be a month.
        day, month = (second, first) if second > 12 else (first, second)
    elif kind == "ymd":
        day, month = int(m.group("d")), int(m.group("m"))
    else:
        day, month = int(m.group("d")), _MONTHS[m.group("mon").lower()[:3]]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _clean(line: str) -> str:
    """A line without Markdown decoration (headings, emphasis, quotes) and outer spaces."""
    line = line.strip()
    line = re.sub(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+(?=\*))", "", line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?:(?<=\s)|^)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[:,.|])", "", line)
    return line.strip()


def _title_from(line: str) -> str | None:
    words = line.split()
    if len(line) >= MAX_TITLE or len(words) > 25 or line in {"---", "***"}:
        return None
    # A headline does not end in a full stop; a lead sentence does ("U.S." is an abbreviation).
    if line.endswith(".") and not re.search(r"\b(?:[A-Z]\.){2,}$", line):
        return None
    return line


def _parse_line(line: str) -> _Found | None:
    """The metadata one line states, or None when it is not a byline, dateline or label line."""
    if len(line) > MAX_META_LINE or _DATE_TOKEN in line:  # the stand-in itself in the text: no byline
        return None
    city = _CITY_DATELINE.match(line)
    if city:
        found = _Found()
        outlet = city.group("outlet").strip()
        if _is_outlet(outlet):
            found.source = outlet
        when = city.group("when")
        if when and (iso := parse_date(when)):
            found.published, found.published_rank = iso, 1
        return found
    dates = find_dates(line)
    masked, pos = "", 0
    for start, end, _ in dates:
        masked += line[pos:start] + _DATE_TOKEN
        pos = end
    masked += line[pos:]
    pieces = [p.strip() for p in _SEPARATORS.split(masked) if p and p.strip()]
    return _read_pieces(pieces, [iso for _, _, iso in dates])


def _read_pieces(pieces: list[str], date_values: list[str]) -> _Found | None:
    found = _Found()
    marked = False  # a label or "By" makes the line metadata even with unknown pieces
    unknown = 0
    after_by = False
    persons: list[str] = []
    outlets: list[str] = []
    plain_dates: list[str] = []
    values = iter(date_values)

    for piece in pieces:
        n_dates = piece.count(_DATE_TOKEN)
        piece_dates = [next(values) for _ in range(n_dates)]
        label = _LABEL.match(piece)
        if label and (label.group("label").lower() not in _COLON_LABELS or ":" in label.group("sep")):
            name = label.group("label").lower()
            rest = label.group("rest").strip()
            marked = True
            if name in _IGNORED_LABELS:
                continue
            if name in {"published", "first published", "posted", "date", "dated"}:
                if piece_dates:
                    found.published, found.published_rank = piece_dates[0], 0
                by = re.search(r"\bby\s+(.+)$", rest)  # "Posted on March 3, 2024 by Jane Doe"
                if by and (names := _authors(by.group(1), lenient=False)):
                    found.authors.extend(names)
                continue
            if name in {"updated", "last updated", "modified"}:
                if piece_dates and found.published_rank > 2:
                    found.published, found.published_rank = piece_dates[0], 2
                continue
            if name in {"source", "publisher", "outlet"}:
                if rest and not n_dates and len(rest) <= 60 and len(rest.split()) <= 8:
                    found.source = found.source or rest
                continue
            if name == "title":
                if rest and not n_dates and len(rest) < MAX_TITLE:
                    found.title = rest
                continue
            # by, written by, reporting by, writing by, author(s), byline
            labelled = name in {"author", "authors", "byline"}
            names = _authors(rest, lenient=labelled)
            if names:
                found.authors.extend(names)
                after_by = True
            elif _is_outlet(rest):
                found.source = found.source or re.sub(r"^the\s+", "", rest)  # "By the Associated Press"
            if piece_dates:
                plain_dates.extend(piece_dates)
            continue
        if piece == _DATE_TOKEN:
            plain_dates.extend(piece_dates)
        elif n_dates:
            unknown += 1
        elif _is_outlet(piece):
            outlets.append(piece)
        elif _is_person(piece):
            if after_by:
                found.authors.append(piece)
            else:
                persons.append(piece)
        elif _is_place(piece) or _is_name_like(piece) or (marked and _is_role(piece)):
            pass  # a place ("BEIRUT", "Saudi Arabia") or a name of unknown kind: not used
        else:
            unknown += 1

    if not marked and (not plain_dates or unknown or len(persons) + len(outlets) > 3):
        return None
    if outlets and found.source is None:
        found.source = outlets[0]
    # A lone person-looking name is the author only beside an outlet or after "By":
    # "Middle East Eye, 09.01.2020" must not make an author of an outlet.
    if persons and not found.authors and (outlets or found.source):
        found.authors.append(persons[0])
    if plain_dates and found.published_rank > 1:
        found.published, found.published_rank = plain_dates[0], 1
    return found


def _authors(text: str, lenient: bool) -> list[str]:
    """Names in "Jane Doe and John Smith in Beirut"; empty unless every part is a person."""
    text = re.sub(r"\s+in\s+[A-Z][\w .'’-]*$", "", text.strip())
    parts = [p.strip() for p in re.split(r"\s+(?:and|AND|&)\s+", text) if p.strip()]
    # Some sites print bylines in capitals: "By JANE DOE".
    parts = [p.title() if p.isupper() and 1 < len(p.split()) <= 4 else p for p in parts]
    if not parts:
        return []
    if all(_is_person(p) for p in parts):
        return parts
    if lenient and all(len(p.split()) <= 6 and not re.search(r"\d", p) for p in parts):
        return parts
    return []


def _is_person(text: str) -> bool:
    """2-4 capitalised words (particles such as al- or bin allowed) that are not an outlet or a role."""
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    name_words = 0
    for i, word in enumerate(words):
        core = re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an|abu|abd|bin|ibn)-", "", word)
        folded = core.casefold().strip(".")
        if word in _NAME_PARTICLES and 0 < i < len(words) - 1:
            continue
        if folded in _OUTLET_WORDS | _ROLE_WORDS | _PLACE_WORDS | _MONTH_WORDS | _CONNECTORS:
            return False
        if re.fullmatch(r"(?:[A-Z]\.)+", core):
            continue  # an initial
        if not (core[:1].isupper() and any(c.islower() for c in core)):
            return False
        if not all(c.isalpha() or c in "'’-." for c in core):
            return False
        name_words += 1
    return 2 <= name_words <= 4


def _is_outlet(text: str) -> bool:
    """Looks like a news outlet: well known, a short acronym, or a name with an outlet word."""
    text = text.strip()
    if _outlet_key(text) in KNOWN_OUTLETS:
        return True
    if text in _NOT_OUTLET:
        return False
    if re.fullmatch(r"[A-Z]{2,3}", text) or re.fullmatch(r"[A-Z][A-Z0-9]*(?:[/&][A-Z][A-Z0-9]*)+", text):
        return True
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    for word in words:
        if word.casefold() in _CONNECTORS:
            continue
        if not (word[:1].isupper() or word[:1].isdigit()):
            return False
    return any(w.casefold() in _OUTLET_WORDS for w in words)


def _is_name_like(text: str) -> bool:
    """1-5 capitalised words (connectors such as "of" allowed), as places and names are."""
    words = text.split()
    return 1 <= len(words) <= 5 and all(
        w.casefold() in _CONNECTORS or (w[:1].isupper() and all(c.isalpha() or c in "'’-." for c in w))
        for w in words
    )


def _is_place(text: str) -> bool:
    """An all-capitals dateline place such as "BEIRUT" or "GAZA CITY" (4 letters or more)."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    return len(letters) >= 4 and text.isupper() and len(text.split()) <= 4


def _is_role(text: str) -> bool:
    return any(w.casefold() in _ROLE_WORDS for w in text.split())
