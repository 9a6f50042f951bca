"""The walk of one PDF: read → layout → blocks → sections → footnotes → finders → Document.

Each stage is a function of the previous stage's typed output; this module
only wires them and turns finder offsets into page boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.finders.base import FinderOptions
from extract.reading.read import RawDocument, ReadLimits, read_pdf
from extract.reading.readers import read
from extract.structure import accounting
from extract.structure import blocks as blocks_mod
from extract.structure import footnotes as fn_mod
from extract.structure import layout as layout_mod
from extract.structure import sections as sections_mod
from extract.structure.textmap import GluedMarkers, Marker, TextMap
from extract.structure.units import DocText, StyledLine, TextUnit
from schemas import Document, DocumentMeta, ExtractWarning, Footnote, Paragraph


@dataclass(frozen=True, slots=True)
class Options:
    limits: ReadLimits = field(default_factory=ReadLimits)
    nlp: str | None = None  # spaCy pipeline name for the case finder; None = by language
    reader: str = "pdfplumber"  # or 'pdfium': the same RawDocument, read by PDFium (faster)


@dataclass(slots=True)
class Spine:
    """What the layout stages produce, before any record finder runs."""

    raw: RawDocument
    layout: layout_mod.Layout
    built: sections_mod.Built
    linked: fn_mod.Linked
    warnings: list[ExtractWarning]
    account: accounting.Account | None = None
    """where the characters read went (see `extract.structure.accounting`)"""

    def maps(self) -> dict[str, TextMap]:
        """Text maps by record id: paragraphs, footnotes, and headings by their section id."""
        return {**self.built.heading_maps, **self.built.maps, **self.linked.maps}


def run_spine(raw: RawDocument) -> Spine:
    warnings: list[ExtractWarning] = []
    for p in raw.pages:
        if p.error:
            warnings.append(
                ExtractWarning(code="page_unreadable", message=f"page {p.number}: {p.error}", page=p.number)
            )
    lay = layout_mod.analyse(raw)
    blks = blocks_mod.segment(lay.pages, lay.body_size)
    sections_mod.find_headings(blks, lay.body_size)
    note_heads = fn_mod.note_headings(blks)
    end_drafts, end_used = fn_mod.endnote_blocks(blks, note_heads)
    drafts = fn_mod.zone_notes(lay) + end_drafts
    missing = fn_mod.unmarked_labels(drafts, [ln for b in blks if id(b) not in end_used for ln in b.lines])
    glued = GluedMarkers(missing) if missing else None
    built = sections_mod.build(blks, lay.body_size, endnote_blocks=end_used, glued=glued)
    markers: list[tuple[str | None, Marker]] = []
    for tm in built.cover_maps:
        markers.extend((None, m) for m in tm.markers)
    for sec in built.sections:
        markers.extend((None, m) for m in built.heading_maps[sec.id].markers)
    for par in built.paragraphs:
        markers.extend((par.id, m) for m in built.maps[par.id].markers)
    markers.sort(key=lambda pm: (pm[1].page, _order(pm, built)))
    linked = fn_mod.link(drafts, markers)
    warnings.extend(linked.warnings)
    _text_layer_warnings(raw, warnings)
    acc = accounting.account(raw, lay, built, linked)
    warnings.extend(accounting.undecodable_warnings(raw))
    warnings.extend(accounting.loss_warnings(acc))
    return Spine(raw, lay, built, linked, warnings, acc)


def _order(pm: tuple[str | None, Marker], built: sections_mod.Built) -> float:
    # reading order within a page: by the marker's position in its unit's sequence
    return 0.0 if pm[0] is None else float(int(pm[0][1:]))


def _text_layer_warnings(raw: RawDocument, warnings: list[ExtractWarning]) -> None:
    if raw.pages and not any(p.lines for p in raw.pages):
        warnings.append(
            ExtractWarning(
                code="no_text_layer",
                message=(
                    "no text layer: the pages are images (scanned); OCR them first to extract anything"
                    if any(p.images for p in raw.pages)
                    else "no text layer: the pages carry no text and no images (blank)"
                ),
                page=None,
            )
        )
        return
    for p in raw.pages:
        if not p.lines and p.images and not p.error:
            warnings.append(
                ExtractWarning(
                    code="page_without_text", message=f"page {p.number} is an image with no text layer", page=p.number
                )
            )


def doctext(spine: Spine) -> DocText:
    """The finders' view: paragraphs in reading order, each note right after its first citing paragraph."""
    built, linked = spine.built, spine.linked
    first_anchor: dict[str, str] = {}
    anchor_offset: dict[str, int] = {}
    for f in linked.footnotes:
        for a in f.anchors:
            if a.paragraph is not None:
                first_anchor.setdefault(f.id, a.paragraph)
                anchor_offset.setdefault(f.id, a.offset)
                break
    notes_after: dict[str, list[Footnote]] = {}
    loose: list[Footnote] = []
    for f in linked.footnotes:
        pid = first_anchor.get(f.id)
        if pid is None:
            loose.append(f)
        else:
            notes_after.setdefault(pid, []).append(f)
    sec_of = {p.id: p.section for p in built.paragraphs}
    heading_of = fn_mod.heading_anchors(
        linked.footnotes, {sec.id: built.heading_maps[sec.id].markers for sec in built.sections}
    )
    units: list[TextUnit] = []
    for p in built.paragraphs:
        units.append(_unit(p, p.id in built.bold, built.depth.get(p.id, 0)))
        units += [_note_unit(f, sec_of.get(p.id), p.id, anchor_offset.get(f.id)) for f in notes_after.get(p.id, [])]
    units += [_note_unit(f, heading_of.get(f.id)) for f in loose]
    cover = [
        StyledLine(text=ln.text, page=ln.page, size=ln.size, bold=ln.is_bold, italic=ln.is_italic, top=ln.top)
        for b in built.cover
        for ln in b.lines
    ]
    if not cover and spine.layout.pages:
        first = spine.layout.pages[0]
        cover = [
            StyledLine(text=ln.text, page=ln.page, size=ln.size, bold=ln.is_bold, italic=ln.is_italic, top=ln.top)
            for ln in first.body[:25]
        ]
    seen: set[str] = set()
    furniture: list[StyledLine] = []
    for page in spine.layout.pages:
        for ln in page.furniture:
            key = ln.text.strip()
            if key and key not in seen:
                seen.add(key)
                furniture.append(
                    StyledLine(text=key, page=ln.page, size=ln.size, bold=ln.is_bold, italic=ln.is_italic, top=ln.top)
                )
    return DocText(
        units=units,
        sections=built.sections,
        title=built.title,
        source_file=spine.raw.source_file,
        pages=spine.raw.page_count,
        cover=cover,
        furniture=furniture,
        pdf_title=spine.raw.metadata.get("Title") or None,
        pdf_author=spine.raw.metadata.get("Author") or None,
    )


def _note_unit(f: Footnote, section: str | None, anchor: str | None = None, offset: int | None = None) -> TextUnit:
    """A note as the finders read it: after the paragraph citing it (`anchor`), or loose at the end."""
    return TextUnit(
        id=f.id,
        source="footnote",
        page=f.page,
        text=f.text,
        section=section,
        kind="footnote",
        number=str(f.number),
        anchor=anchor,
        anchor_offset=offset,
    )


def _unit(p: Paragraph, bold: bool = False, indent: int = 0) -> TextUnit:
    return TextUnit(
        id=p.id,
        source="paragraph",
        page=p.page,
        text=p.text,
        section=p.section,
        kind=p.kind,
        number=p.number,
        bold=bold,
        indent=indent,
    )


def load_doctext(path: Path | str, reader: str = "pdfplumber") -> DocText:
    """Read a PDF and return the finders' view of it (for developing and testing finders)."""
    return doctext(run_spine(read_pdf(Path(path)) if reader == "pdfplumber" else read(Path(path), reader=reader)))


def build_document(raw: RawDocument, options: Options | None = None) -> Document:
    """All records of one read PDF, validated."""
    from extract.running import assemble

    options = options or Options()
    spine = run_spine(raw)
    built, linked = spine.built, spine.linked
    meta = DocumentMeta(
        source_file=raw.source_file,
        sha256=raw.sha256,
        pages=raw.page_count,
        title=built.title or (raw.metadata.get("Title") or None),
        producer=raw.metadata.get("Producer") or raw.metadata.get("Creator") or None,
        characters=accounting.character_count(spine.account, raw) if spine.account else None,
    )
    text = doctext(spine)
    meta, text = assemble.describe(text, meta)
    found = assemble.find_records(text, FinderOptions(nlp=options.nlp))
    cits, arts, cases, recs = assemble.locate_all(
        found.get("citations"),
        found.get("legal_articles"),
        found.get("cases"),
        found.get("recommendations"),
        spine.maps(),
        {p.id: p for p in built.paragraphs},
    )
    follow_ups = assemble.locate_follow_ups(found.get("follow_ups"), spine.maps())
    return Document(
        document=meta,
        sections=found.get("sections"),
        paragraphs=built.paragraphs,
        footnotes=linked.footnotes,
        citations=cits,
        legal_articles=arts,
        cases=cases,
        recommendations=recs,
        themes=found.get("themes"),
        contributors=found.get("contributors"),
        follow_ups=follow_ups,
        warnings=spine.warnings + found.warnings,
    )


def extract_file(path: Path, options: Options | None = None) -> Document:
    options = options or Options()
    raw = (
        read_pdf(path, options.limits) if options.reader == "pdfplumber" else read(path, options.limits, options.reader)
    )
    return build_document(raw, options)
