"""One sentence splitter for every finder; the abbreviations it respects are each language's data.

A sentence ends at '.', '!', '?' or '…' (closing quotes and brackets included)
followed by white space and a word, a quote or a bullet, unless the stop
follows an abbreviation of the language ('Dr.', 'art.', 'núm.'), an initial
('J. Smith') or a lettered item ('a. the first'), or the next word starts in lower case (a stop inside a
sentence: 'No. 5 of the law'). A list bullet ('•') always starts a sentence.
Spans are character offsets into the text as given: nothing is cleaned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

BULLETS = "•▪●"

# A stop before a capital or bullet, or a bullet after printed text. The bullet branch starts
# only right after a printed character, so a long run of spaces is scanned once (not quadratic).
_END = re.compile(r"[.!?…]+[\"'”’)\]»]*[ \t\u00a0]+(?=[\"“‘‟«(\[¿¡]?[\w•▪●])|(?<![\s;:])[;:]?\s*(?=[•▪●]\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_BULLET = re.compile(r"\s*[•▪●]\s*")


def _skip_bullet(text: str, i: int) -> int:
    m = _BULLET.match(text[i : i + 8])
    return i + m.end() if m else i


_OPENING = re.compile(r"[\"“‘‟«(\[¿¡]*(.?)")


_JOINED = frozenset("'’´`/-")
"""A word glued to what precedes it by these ('1990’s', 'mg/l') is a word's end, not an abbreviation."""


def _initial(text: str, dot: int, word: str) -> bool:
    """'J. Smith' or a lettered item 'a. the first', but not the end of 'NGO´s.' or 'mg/l.'."""
    if len(word) != 1 or not word.isalpha():
        return False
    return dot < 2 or text[dot - 2] in " \t\u00a0(["


def split_sentences(text: str, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Sentence spans [start, end) of `text`, not cut after the given abbreviations or an initial."""
    abbrev = abbreviations if isinstance(abbreviations, (set, frozenset)) else frozenset(abbreviations)
    out: list[tuple[int, int]] = []
    start = _skip_bullet(text, 0)
    for m in _END.finditer(text):
        dot = m.start()
        if m.end() <= start:
            continue
        if text[m.end() : m.end() + 1] in BULLETS:
            if text[start : m.end()].strip():
                out.append((start, m.end()))
            start = _skip_bullet(text, m.end())
            continue
        prev = _WORD_BEFORE.search(text[max(start, dot - 24) : dot])
        word = prev.group(1) if prev else ""
        whole = not (prev and prev.start(1) > 0 and text[max(start, dot - 24) + prev.start(1) - 1] in _JOINED)
        if text[dot] == "." and whole and (word in abbrev or _initial(text, dot, word)):
            continue
        opening = _OPENING.match(text, m.end())
        if opening is not None and opening.group(1).islower():
            continue  # '… the law. (see section 2)': a stop inside a sentence
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


_CLAUSE_END = re.compile(r"(?<=[.!?;])[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9¿¡])")


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans cut at every stop or semicolon before a capital or a digit, abbreviations or not.

    The narrower unit a bare reference ('art. 2') is resolved in: in a list of
    citations ('art. 1; Covenant, art. 2. Article 3 ...') each instrument governs
    only its own clause, so no abbreviation may join two of them.
    """
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans
