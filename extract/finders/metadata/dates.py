"""The date a document prints on its cover (a UN cover's distribution line first)."""

from __future__ import annotations

import re

from extract.finders.metadata.view import View
from extract.lang import month_numbers
from extract.text.fold import fold

MONTHS = month_numbers()
"""Month names of every language, folded."""


_MONTH = r"(?P<month>[A-Za-zéûÉÛ]{3,10})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_PATTERNS: list[re.Pattern[str]] = [
    re.compile(
        rf"\b{_DAY}\s*(?:de\s+|of\s+)?{_MONTH},?\s*(?:de\s+|del\s+)?{_YEAR}\b", re.I
    ),  # 9 July 2020, 21 de marzo de 2011
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # Nov 19 2011, November 18, 2011
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<mon>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)\b"),  # 21/11/11
    re.compile(rf"\b{_MONTH}\s*(?:de\s+|del\s+)?{_YEAR}\b", re.I),  # March 2011, Marzo de 2011
]
"""Printed dates, most precise first."""


def _parse_date(text: str) -> tuple[str, int] | None:
    """(ISO date, precision) of the first date in `text`; precision 3 = day, 2 = month."""
    best: tuple[int, str, int] | None = None
    for pi, p in enumerate(DATE_PATTERNS):
        for m in p.finditer(text):
            g = m.groupdict()
            year = g["year"]
            if len(year) == 2:
                year = "20" + year
            month = int(g["mon"]) if g.get("mon") else MONTHS.get(fold(g["month"]).rstrip("."), 0)
            if not 1 <= month <= 12:
                continue
            day = int(g["day"]) if g.get("day") else 0
            if day and not 1 <= day <= 31:
                continue
            iso = f"{year}-{month:02d}-{day:02d}" if day else f"{year}-{month:02d}"
            prec = 3 if day else 2
            cand = (m.start(), iso, prec)
            if best is None or cand[0] < best[0] or (cand[0] == best[0] and prec > best[2]):
                best = cand
            del pi
            break
    return (best[1], best[2]) if best else None


def printed_date(v: View, is_un: bool) -> str | None:
    lines = v.cover[:30]
    if is_un:
        for i, ln in enumerate(lines):
            if re.search(r"distr", ln, re.I):
                for nxt in lines[i : i + 4]:
                    d = _parse_date(nxt)
                    if d:
                        return d[0]
    # a line that is (nearly) only a date, as covers and letters print it, else a short title line
    for limit in (40, 90):
        for ln in [*lines, *v.titles, *v.furniture]:
            d = _parse_date(ln)
            if d and len(ln.strip()) <= limit:
                return d[0]
    return None
