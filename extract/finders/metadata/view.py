"""The parts of a document the metadata cues are read from: cover lines, blocks, titles, furniture, paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.structure.units import DocText, StyledLine

HEAD_PARAGRAPHS = 8
LEAD_NOTE_PARAGRAPHS = 3
LEAD_NOTE_PAGES = 2
FULL_TEXT_CHARS = 150_000
"""Text read for counting names and spelt-out acronyms: a long report repeats, it does not add authors."""


def ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@dataclass(slots=True)
class View:
    """The parts of a document the cues are read from."""

    cover: list[str]
    cover_styled: list[StyledLine]
    blocks: list[str]
    titles: list[str]
    furniture: list[str]
    head: list[str]
    paragraphs: list[str]
    full: str
    lead_notes: list[str]
    """Footnotes on the cover or the opening paragraphs: where a coalition lists its members."""
    layout_title: str | None = None
    pdf_title: str | None = None
    pdf_author: str | None = None

    @property
    def cover_text(self) -> str:
        return ws(" ".join(self.cover))


def _blocks(lines: list[StyledLine]) -> list[str]:
    """Consecutive cover lines of one typography joined: a title or letterhead wrapped over lines."""
    out: list[str] = []
    prev: StyledLine | None = None
    for ln in lines:
        t = ln.text.strip()
        if not t:
            prev = None
            continue
        if prev is not None and abs(prev.size - ln.size) < 0.6 and prev.bold == ln.bold and out:
            out[-1] = f"{out[-1]} {t}"
        else:
            out.append(t)
        prev = ln
    return out


def make_view(doc: DocText) -> View:
    paras = [u.text for u in doc.paragraphs()]
    notes = [u.text for u in doc.footnotes()]
    opening = {u.id for u in list(doc.paragraphs())[:LEAD_NOTE_PARAGRAPHS]}
    all_paras = {u.id for u in doc.paragraphs()}
    lead_notes = [
        u.text
        for u in doc.footnotes()
        if u.anchor in opening or (u.anchor not in all_paras and u.page <= LEAD_NOTE_PAGES)
    ]
    cover_styled = [ln for ln in doc.cover if ln.text.strip()]
    if not cover_styled:
        first = [u for u in doc.paragraphs() if u.page == 1] or list(doc.paragraphs())[:3]
        cover_styled = [StyledLine(text=u.text, page=u.page, size=0.0) for u in first]
    # the first page as a reader meets it: masthead (often taken for a running header),
    # cover lines, then the headings the layout found on it (a UN report's title and State)
    top_furniture = [ln.text.strip() for ln in doc.furniture if ln.page == 1 and ln.text.strip()]
    headings = [s.title for s in doc.sections if s.page_start == 1 and s.title.strip()]
    cover: list[str] = []
    for t in [*top_furniture, *(ln.text.strip() for ln in cover_styled), *headings]:
        if t not in cover:
            cover.append(t)
    titles = [t for t in (doc.title, doc.pdf_title) if t and t.strip()]
    return View(
        cover=cover,
        cover_styled=cover_styled,
        blocks=_blocks(cover_styled),
        titles=titles,
        furniture=[ln.text.strip() for ln in doc.furniture if ln.text.strip()],
        head=paras[:HEAD_PARAGRAPHS],
        paragraphs=paras,
        full=ws(" ".join(paras + notes))[:FULL_TEXT_CHARS],
        lead_notes=lead_notes,
        layout_title=doc.title,
        pdf_title=doc.pdf_title,
        pdf_author=doc.pdf_author,
    )
