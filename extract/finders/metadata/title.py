"""A document's title: the one the layout gives, unless it is only the State, a date or a form's label.

Covers put many things in large type: the State under review alone, a place and
date line, "Lengua(s): ESPAÑOL" from a submission form. Those are not titles. The
title is then the submission's own title line (the next type size down on the
cover), or the PDF's Title metadata when that reads as a title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from extract.finders.metadata.cues import load_cues
from extract.finders.metadata.dates import MONTHS
from extract.finders.metadata.view import View, ws
from extract.finders.states import lookup_state
from extract.text.fold import fold

PART_SEP = re.compile(r"\s+–\s+")
"""The layout joins a title's cover lines with a dash."""
LABEL = re.compile(r"^[^:]{1,20}:\s*\S*$")
"""'Lengua(s): ESPAÑOL', 'Langage : Français': a form's field, not a title."""
CONTACT = re.compile(r"@|https?://|www\.|\+?\d[\d ()-]{7,}\d|^(?:to|re|asunto|objet|de|from)\s*:", re.I)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
FILE_NAME = re.compile(r"\.(?:docx?|pdf|rtf|odt)$|^microsoft word\b|^untitled$", re.I)
SECTION_LABEL = re.compile(r"^(?:section|secci[óo]n|part|parte|partie|annex|anexo|annexe)\s+[IVXLC\d]+\.?$", re.I)
SALUTATION = re.compile(r"^(?:dear|madam|sir|mesdames|monsieur|madame|señor|señora|estimad[oa]s?)\b", re.I)
DATE_WORDS = frozenset("de del of the le".split())
ORDINAL = re.compile(r"^\d{1,4}(?:st|nd|rd|th|er|º|°|o)?$")
NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5}|[A-H])[.)]\s")
"""'1. Introduction', 'A. UNIONS IN CUBA': a numbered heading of the body, not the document's title."""
MIN_WORDS = 2
MAX_PDF_TITLE_WORDS = 80
FIRST_PERSON = re.compile(r"\bI(?:['’](?:ll|m|ve|d))?\b(?!\.)|\bmy\b")
TITLE_LABEL = re.compile(r"^(?:t[íi]tulo|title|titre)\s*:\s*", re.I)
MAX_COVER_WORDS = 40
MAX_CHARS = 300


def _state_only(text: str) -> bool:
    t = text.strip(" .:-–")
    return lookup_state(t) is not None or lookup_state(re.sub(r"(?i)^the\s+", "", t)) is not None


def _dateline(text: str) -> bool:
    """'Caracas, 21 de Marzo de 2011', '21st November 2011': a place and date, not a title."""
    rest = fold(text).split(",", 1)[-1] if "," in text[:40] else fold(text)
    words = rest.replace(",", " ").replace(".", " ").split()
    return (
        bool(words)
        and bool(YEAR.search(rest))
        and any(w in MONTHS for w in words)
        and all(w in MONTHS or w in DATE_WORDS or ORDINAL.match(w) for w in words)
    )


def _junk_part(part: str) -> bool:
    p = part.strip(" -–—|")
    return (
        not p
        or set(p) <= set("-–—_=*. ")
        or _dateline(p)
        or bool(LABEL.match(p))
        or bool(CONTACT.search(p))
        or bool(SALUTATION.match(p))
        or bool(SECTION_LABEL.match(p))
        or bool(NUMBERED.match(p))
        or p.isdigit()
        or _masthead(p)
    )


def _masthead(part: str) -> bool:
    """'UNITED NATIONS', 'NATIONS A', 'General Assembly': the masthead of a UN document, not its title."""
    words = re.findall(r"\w+", part.casefold())
    return bool(words) and all(w in load_cues().masthead for w in words)


def _clean(candidate: str) -> str | None:
    parts = [p.strip(" -–—_=") for p in PART_SEP.split(TITLE_LABEL.sub("", ws(candidate))) if not _junk_part(p)]
    title = " – ".join(p for p in parts if p).strip()
    if len(title.split()) < MIN_WORDS or FILE_NAME.search(title) or _state_only(title):
        return None
    return title[:MAX_CHARS].rstrip()


def _cover_sizes(v: View) -> Iterable[str]:
    """The cover's lines set larger than its running text, by size, largest first, each size's lines joined."""
    lines = [ln for ln in v.cover_styled[:15] if ln.text.strip() and ln.size > 0]
    if not lines:
        return
    body = max(Counter(round(ln.size) for ln in lines).items(), key=lambda kv: (kv[1], -kv[0]))[0]  # ties: smaller
    for size in sorted({round(ln.size) for ln in lines if round(ln.size) >= body}, reverse=True):
        # at the running text's size only bold lines can be a title
        text = " – ".join(ln.text.strip() for ln in lines if round(ln.size) == size and (size > body or ln.bold))
        if len(text.split()) <= MAX_COVER_WORDS:
            yield text


def _pdf_title(title: str | None) -> str | None:
    """The PDF's Title entry when it reads as a title, not an author's note to self ('I'll dig further')."""
    if not title or len(title.split()) > MAX_PDF_TITLE_WORDS or FIRST_PERSON.search(title):
        return None
    return title


def title_of(v: View) -> str | None:
    for candidate in [v.layout_title, *_cover_sizes(v), _pdf_title(v.pdf_title)]:
        title = _clean(candidate) if candidate else None
        if title:
            return title
    return None
