"""The text the record finders read: paragraphs and footnotes as plain units.

Finders (citations, articles, cases, recommendations, themes, metadata) never
see pdfplumber objects: they get a `DocText` and return records whose
mentions carry exact character offsets into a unit's text. The pipeline turns
those offsets into page boxes afterwards, so finders stay pure text functions
that are easy to test and fuzz.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from schemas import Mention, Section

UnitSource = Literal["paragraph", "footnote"]


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One paragraph or footnote.

    `id` is the paragraph's or footnote's record id. For a footnote, `anchor`
    is the paragraph holding its first marker and `section` that paragraph's
    section, so a note can be read in the context it was cited from.
    """

    id: str
    source: UnitSource
    page: int
    text: str
    section: str | None = None
    kind: str = "body"
    number: str | None = None
    anchor: str | None = None
    anchor_offset: int | None = None
    """For a footnote, where its first marker sits in the anchor paragraph's text."""
    indent: int = 0
    """List nesting depth of a bullet (0 = top level), so sub-items can fold into their parent."""
    bold: bool = False
    """Printed all in bold (UN reports set recommendations in bold; some NGOs their asks)."""

    @property
    def is_footnote(self) -> bool:
        return self.source == "footnote"

    def mention(self, start: int, end: int) -> Mention:
        """A mention of text[start:end], offsets exact; the pipeline adds its bbox."""
        return Mention(
            paragraph=None if self.is_footnote else self.id,
            footnote=self.id if self.is_footnote else None,
            page=self.page,
            text=self.text[start:end],
            start=start,
            end=end,
        )


@dataclass(frozen=True, slots=True)
class StyledLine:
    """A printed line with its typography, for finders that read the cover or page furniture."""

    text: str
    page: int
    size: float
    bold: bool = False
    italic: bool = False
    top: float = 0.0


@dataclass(slots=True)
class DocText:
    """A document as the finders see it.

    `units` are in reading order; each footnote follows the paragraph that
    first cites it (notes never cited come last), which is the order a reader
    meets them in.
    """

    units: list[TextUnit]
    sections: list[Section] = field(default_factory=list)
    language: str = "en"
    kind: str = "other"
    title: str | None = None
    state_name: str | None = None
    source_file: str = ""
    pages: int = 0
    cover: list[StyledLine] = field(default_factory=list)
    """The lines of the first page (and of the title block), in reading order, with typography."""
    furniture: list[StyledLine] = field(default_factory=list)
    """Running headers and footers removed from the body (one of each distinct text)."""
    pdf_title: str | None = None
    """The PDF's Title metadata, often an organisation's own label for the file."""
    pdf_author: str | None = None
    """The PDF's Author metadata: a person, a program, or the organisation that wrote the submission."""
    organisations: tuple[str, ...] = ()
    """The submitting organisations, once the metadata has named them ('Article 12 in Scotland' is no article)."""

    def paragraphs(self) -> Iterator[TextUnit]:
        return (u for u in self.units if u.source == "paragraph")

    def footnotes(self) -> Iterator[TextUnit]:
        return (u for u in self.units if u.source == "footnote")

    def unit(self, unit_id: str) -> TextUnit | None:
        for u in self.units:
            if u.id == unit_id:
                return u
        return None

    def section(self, section_id: str | None) -> Section | None:
        if section_id is None:
            return None
        for s in self.sections:
            if s.id == section_id:
                return s
        return None
