"""Record ids and EDTF comparisons shared by the store's modules.

A stored record's id is a hash of its key fields, so storing the same fact twice gives the
same id and re-ingest changes nothing. EDTF strings compare through `bounds`: the first and
last day they can denote ("2019-12" is 2019-12-01..2019-12-31, an interval is its start's
first day to its end's last day, a day with unknown year `XXXX-11-21` has no bounds).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from functools import lru_cache

_DAY = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def record_id(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def _one(value: str, last: bool) -> str | None:
    value = value.strip().rstrip("?~%")
    match = _DAY.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    if month is None:
        return f"{year}-12-31" if last else f"{year}-01-01"
    if int(month) > 12:  # EDTF seasons (21-24): the whole year, to be safe
        return f"{year}-12-31" if last else f"{year}-01-01"
    if day is None:
        end = calendar.monthrange(int(year), int(month))[1] if last else 1
        return f"{year}-{month}-{end:02d}"
    return f"{year}-{month}-{day}"


@lru_cache(maxsize=8192)  # a store holds few distinct dates, and queries compare them per row
def bounds(edtf: str | None) -> tuple[str | None, str | None]:
    """(first day, last day) an EDTF date or interval can denote, as ISO strings; None where open."""
    if not edtf:
        return None, None
    if "/" in edtf:
        start, _, end = edtf.partition("/")
        lo = None if start in ("", "..") else _one(start, last=False)
        hi = None if end in ("", "..") else _one(end, last=True)
        return lo, hi
    return _one(edtf, last=False), _one(edtf, last=True)


@lru_cache(maxsize=8192)
def sort_key(edtf: str | None) -> tuple:
    """Dated values first in date order (an interval by its start); then days of unknown year
    (`XXXX-11-21`) by month and day; then what has no date."""
    lo, hi = bounds(edtf)
    if lo is not None:
        return (0, lo, hi or "")
    if edtf and edtf.startswith("XXXX-"):
        return (1, edtf[5:], "")
    return (2, "", "")


def earliest(values: list[str | None]) -> str | None:
    dated = [v for v in values if v and bounds(v)[0]]
    return min(dated, key=lambda v: bounds(v)[0] or "") if dated else None


def latest(values: list[str | None]) -> str | None:
    dated = [v for v in values if v and bounds(v)[1]]
    return max(dated, key=lambda v: bounds(v)[1] or "") if dated else None
