"""The UN symbol printed on a cover, and the session and review cycle a document names."""

from __future__ import annotations

import re

from extract.finders.metadata.cues import load_cues
from extract.finders.metadata.view import View
from extract.finders.metadata.words import merged
from extract.finders.symbols import find_symbols
from extract.text.fold import fold

WG6_SYMBOL = re.compile(r"/WG\.6/(\d{1,2})/([A-Z]{3})/(\d)\b")
"""Working Group pre-session documents: A/HRC/WG.6/<session>/<ISO3>/<1|2|3>."""

ORDINAL_WORDS: dict[str, int] = dict(merged().ordinals)
TENS: dict[str, int] = dict(merged().tens)
"""Spelt-out ordinals as UN covers and submissions print sessions ("Forty-eighth session", "Cuarto período")."""

_TENS_ALT = "|".join(map(re.escape, TENS))
_ORD_WORD = rf"(?P<word>(?:{_TENS_ALT})-?\w+|\w+)" if TENS else r"(?P<word>\w+)"
SESSION_PATTERNS: list[re.Pattern[str]] = [
    re.compile(
        r"\b(?P<num>\d{1,2})\s*(?:st|nd|rd|th|ª|º|°|ème|eme|e|va|a|er)?\.?\s+(?:upr\s+|ordinary\s+)?"
        r"(?:session|sesi[óo]n|per[íi]odo de sesiones)\b",
        re.I,
    ),
    re.compile(r"\b(?:session|sesi[óo]n)\s*(?:no\.?\s*)?(?P<num>\d{1,2})\b", re.I),
    re.compile(rf"\b{_ORD_WORD}\s+(?:session|sesi[óo]n|per[íi]odo de sesiones)\b", re.I),
    re.compile(r"\bheld its (?P<word>[\w-]+) session\b", re.I),
]
CYCLE_PATTERNS: list[re.Pattern[str]] = [
    re.compile(rf"\b{_ORD_WORD}\s+(?:upr\s+)?(?:cycle|ciclo)\b", re.I),
    re.compile(r"\b(?P<num>[1-4])\s*(?:st|nd|rd|th|º|°|er|e|ème)?\s+(?:upr\s+)?(?:cycle|ciclo)\b", re.I),
    re.compile(r"\b(?:cycle|ciclo)\s+(?P<num>[1-4])\b", re.I),
    re.compile(r"\b(?P<word>\w+)\s+(?:cycle|ciclo)\s+(?:del\s+|de\s+l.|of\s+the\s+)?", re.I),
]

WORKING_GROUP_LINE = re.compile(
    r"working group on the universal periodic review|grupo de trabajo sobre el examen|"
    r"groupe de travail sur l.examen",
    re.I,
)


def cover_symbol(v: View) -> str | None:
    """The symbol printed at the top of a UN cover; a masthead may print its series letter apart ("A" + "/HRC/28/10")."""
    top = v.cover[:14]
    series = next((t for t in top if re.fullmatch(r"[AES]", t.strip())), None)
    for t in top:
        s = t.strip()
        if s.startswith("/") and series:
            s = series.strip() + s
        found = [m.parsed.symbol for m in find_symbols(s)]
        if found:
            return found[0]
    return None


def _ordinal(word: str | None, num: str | None) -> int | None:
    if num:
        return int(num)
    if not word:
        return None
    w = fold(word).replace("–", "-")
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    for tens, val in TENS.items():
        if w.startswith(tens):
            rest = w[len(tens) :].lstrip("-")
            if not rest:
                return None
            if rest in ORDINAL_WORDS and ORDINAL_WORDS[rest] < 10:
                return val + ORDINAL_WORDS[rest]
    for k, val in ORDINAL_WORDS.items():  # accent-free spellings
        if fold(k) == w:
            return val
    return None


UN_SESSION_PARAGRAPHS = 40
"""'The Working Group … held its twelfth session': the introduction of a report, after its contents."""


def session_number(v: View, is_un: bool, symbol: str | None) -> int | None:
    if symbol:
        m = WG6_SYMBOL.search(symbol)
        if m:
            return int(m.group(1))
    if is_un:
        lines = v.cover[:30]
        for i, ln in enumerate(lines):
            if WORKING_GROUP_LINE.search(ln):
                for nxt in lines[i : i + 3]:
                    n = _match_session(nxt)
                    if n:
                        return n
        for t in v.paragraphs[:UN_SESSION_PARAGRAPHS]:  # past a report's table of contents
            m = SESSION_PATTERNS[3].search(t)
            if m:
                n = _ordinal(m.group("word"), None)
                if n:
                    return n
        return None
    for t in [*v.blocks[:15], *v.titles, *v.furniture, *v.head[:2]]:
        n = _match_session(t)
        if n:
            return n
    return None


def _match_session(text: str) -> int | None:
    for p in SESSION_PATTERNS[:3]:
        for m in p.finditer(text):
            g = m.groupdict()
            n = _ordinal(g.get("word"), g.get("num"))
            if n and 1 <= n <= 99:
                return n
    return None


REVIEW_ORDINAL = re.compile(
    rf"\b(?:{_ORD_WORD}|(?P<num>[1-4])\s*(?:st|nd|rd|th|º|°|er|e|ème|o|ª))\s+"
    r"(?:universal periodic review|upr|review|epu|examen(?: peri[óo]dico universal)?|e\.p\.u\.)\b",
    re.I,
)
"""'its second UPR', 'el segundo EPU', 'le deuxième examen': a review counted, as the cycle it is."""


def _cycle_in(texts: list[str], patterns: list[re.Pattern[str]]) -> int | None:
    """The highest cycle the texts name: a submission speaks of its own review and of earlier ones."""
    found = []
    for t in texts:
        for p in patterns:
            for m in p.finditer(t):
                g = m.groupdict()
                n = _ordinal(g.get("word"), g.get("num"))
                if n and 1 <= n <= 6:
                    found.append(n)
    return max(found) if found else None


def cycle_number(v: View, session: int | None = None) -> int | None:
    """The review cycle: the one the session printed belongs to, else as the cover prints it ('third cycle').

    Running text is not read: a submission to one review speaks of the earlier ones ('since its
    second UPR'), so an ordinal there does not tell which review the document is for.
    """
    if session:
        for cycle, (first, last) in load_cues().cycles.items():
            if first <= session <= last:
                return cycle
    return _cycle_in([*v.blocks[:15], *v.titles, *v.furniture], [*CYCLE_PATTERNS, REVIEW_ORDINAL])
