"""Where every character the reader returned ended up.

A damaged PDF can come apart so that most of its text is read but lands in no
record (a broken font size makes every line look like a heading that is then
dropped, a page tree out of order makes the body look like furniture), and
the JSON is small without saying why. Counting, per page, the characters read
against the characters placed in body, notes, headings, furniture, cover,
tables or note markers makes such a loss visible as a warning.

Characters are counted without whitespace, so joining, de-hyphenation and
line breaks do not count as loss.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.reading.read import Line, RawDocument
from extract.structure.footnotes import Linked
from extract.structure.layout import Layout
from extract.structure.sections import Built
from extract.structure.textmap import TextMap
from schemas import CharacterCount, ExtractWarning

PLACES = ("body", "notes", "headings", "furniture", "cover", "tables", "markers")
"""Where a character read can be placed; what is in none of them is not placed."""

NOT_PLACED_MIN = 200
"""A page may leave this many characters unplaced without a word: bullet glyphs, dropped
hyphens, 'Notes' titles of endnote lists, numbers of list items are not records."""
NOT_PLACED_SHARE = 0.25
"""...and beyond that, this share of what was read on the page."""


@dataclass(slots=True)
class PageAccount:
    page: int
    read: int = 0
    placed: Counter[str] = field(default_factory=Counter)
    dropped: int = 0
    """of `read`, characters the reader returned but could not set in a line (turned, impossible size)"""

    @property
    def not_placed(self) -> int:
        return max(0, self.read - sum(self.placed.values()))

    def lost(self) -> bool:
        """More text read on this page than layout noise explains went into no record."""
        return self.not_placed > max(NOT_PLACED_MIN, NOT_PLACED_SHARE * self.read)


@dataclass(slots=True)
class Account:
    pages: list[PageAccount]

    @property
    def read(self) -> int:
        return sum(p.read for p in self.pages)

    def placed(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for p in self.pages:
            total.update(p.placed)
        return total

    @property
    def not_placed(self) -> int:
        return sum(p.not_placed for p in self.pages)


def _visible(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _lines(lines: Iterable[Line], place: str, by_page: dict[int, PageAccount]) -> None:
    for ln in lines:
        acc = by_page.get(ln.page)
        if acc is not None:
            acc.placed[place] += _visible(ln.text)


def _map(tm: TextMap, place: str, by_page: dict[int, PageAccount]) -> None:
    """Characters of a text map by the page each was printed on (joining spaces have no page)."""
    pages = tm.boxes.column(0)  # the page field only: an empty box (a joining space) reads 0
    for ch, page in zip(tm.chars, pages, strict=True):
        if page == 0.0 or ch.isspace():
            continue
        acc = by_page.get(int(page))
        if acc is not None:
            acc.placed[place] += 1
    for m in tm.markers:
        acc = by_page.get(m.page)
        if acc is not None:
            acc.placed["markers"] += len(m.label)


def account(raw: RawDocument, layout: Layout, built: Built, linked: Linked) -> Account:
    """Per page: characters read, and how many of them each kind of output holds."""
    by_page = {
        p.number: PageAccount(p.number, read=sum(_visible(ln.text) for ln in p.lines) + p.dropped, dropped=p.dropped)
        for p in raw.pages
    }
    for page in layout.pages:
        _lines(page.furniture, "furniture", by_page)
    kinds = {p.id: p.kind for p in built.paragraphs}
    for pid, tm in built.maps.items():
        _map(tm, "tables" if kinds.get(pid) == "table" else "body", by_page)
    for par in built.paragraphs:  # a list item's number is cut from its text into `number`
        acc = by_page.get(par.page)
        if par.number and acc is not None:
            acc.placed["tables" if par.kind == "table" else "body"] += _visible(par.number)
    for tm in built.heading_maps.values():
        _map(tm, "headings", by_page)
    for tm in built.cover_maps:
        _map(tm, "cover", by_page)
    for b in built.back_matter:  # 'Notes', 'References': headings that open no section
        _lines(b.lines, "headings", by_page)
    for tm in linked.maps.values():
        _map(tm, "notes", by_page)
    return Account(pages=[by_page[p.number] for p in raw.pages])


def loss_warnings(acc: Account) -> list[ExtractWarning]:
    """One warning per page whose text was read but went into no record."""
    return [
        ExtractWarning(
            code="text_not_placed",
            message=(
                f"page {p.page}: {p.not_placed:,} of {p.read:,} characters read were placed in no paragraph, "
                "note, heading, table, cover or page furniture"
                + (f" ({p.dropped:,} of them turned or of an impossible size)" if p.dropped else "")
            ),
            page=p.page,
        )
        for p in acc.pages
        if p.lost()
    ]


def undecodable_warnings(raw: RawDocument) -> list[ExtractWarning]:
    """One warning per page on which the PDF library met content it could not decode."""
    out: list[ExtractWarning] = []
    for p in raw.pages:
        if not p.undecodable:
            continue
        first = p.undecodable[0]
        more = f"; and {len(p.undecodable) - 1} more" if len(p.undecodable) > 1 else ""
        out.append(
            ExtractWarning(
                code="content_stream_undecodable",
                message=f"page {p.number}: part of its content could not be decoded, text may be missing "
                f"({first}{more})",
                page=p.number,
            )
        )
    return out


def character_count(acc: Account, raw: RawDocument) -> CharacterCount:
    """The document's totals, for its metadata."""
    placed = acc.placed()
    return CharacterCount(
        read=acc.read,
        **{place: placed[place] for place in PLACES},
        not_placed=acc.not_placed,
        undecodable_pages=[p.number for p in raw.pages if p.undecodable],
    )
