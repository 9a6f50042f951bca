"""Stage 5: describe the document, run the record finders, and place their records on the page.

Metadata runs first (language and kind choose the rules); then the ordered
finders of `extract.finders.registry`. Finders return offsets; this module
turns them into page boxes through the text maps, so every record points at
the PDF.
"""

from __future__ import annotations

from dataclasses import replace

from extract.finders import metadata
from extract.finders.base import FinderOptions, Findings, run_finders
from extract.finders.registry import FINDERS
from extract.structure.textmap import TextMap
from extract.structure.units import DocText
from schemas import (
    Box,
    CaseEvent,
    Citation,
    DocumentMeta,
    FollowUp,
    LegalArticle,
    Mention,
    Paragraph,
    Recommendation,
)
from schemas import Case as CaseRecord


def describe(doc: DocText, meta: DocumentMeta) -> tuple[DocumentMeta, DocText]:
    """Document-level facts, and the text view told its language, kind and State."""
    info = metadata.describe(doc)
    meta = meta.model_copy(
        update={
            "kind": info.kind,
            "organisations": info.organisations,
            "state_under_review": info.state_under_review,
            "language": info.language or "und",
            "date": info.date,
            "session": info.session,
            "cycle": info.cycle,
            "symbol": info.symbol,
            "title": info.title,  # the layout's title unless it is only the State, a date or a form label
        }
    )
    doc = replace(
        doc,
        language=meta.language,
        kind=meta.kind,
        state_name=meta.state_under_review.name if meta.state_under_review else None,
        organisations=tuple(meta.organisations),
    )
    return meta, doc


# ---------------------------------------------------------------- provenance


def _placed(unit: str | None, start: int | None, end: int | None, maps: dict[str, TextMap]) -> dict | None:
    """page, bbox (first line) and per-line boxes of chars [start, end) of a unit, if known."""
    tm = maps.get(unit) if unit else None
    if tm is None or start is None or end is None:
        return None
    lines = tm.line_boxes(start, end)
    if not lines:
        return None
    page, bbox = lines[0]
    boxes = [Box(page=p, bbox=b) for p, b in lines] if len(lines) > 1 else []
    return {"page": page, "bbox": bbox, "boxes": boxes}


def _locate(m: Mention, maps: dict[str, TextMap]) -> Mention:
    where = _placed(m.paragraph or m.footnote, m.start, m.end, maps)
    return m.model_copy(update=where) if where else m


def _event_page(e: CaseEvent, maps: dict[str, TextMap]) -> CaseEvent:
    """The page where the event's sentence is printed, not its paragraph's first page."""
    tm = maps.get(e.paragraph or e.footnote or "")
    at = tm.text.find(e.text) if tm is not None else -1
    lines = tm.line_boxes(at, at + len(e.text)) if tm is not None and at >= 0 else []
    return e.model_copy(update={"page": lines[0][0]}) if lines else e


def _locate_citation(c: Citation, maps: dict[str, TextMap]) -> Citation:
    where = _placed(c.paragraph or c.footnote, c.start, c.end, maps)
    return c.model_copy(update=where) if where else c


def _place_recommendation(r: Recommendation, pars: dict[str, Paragraph]) -> Recommendation:
    boxes: list[Box] = []
    for pid in r.paragraphs:
        p = pars.get(pid)
        if p is None:
            continue
        boxes.extend(p.boxes or [Box(page=p.page, bbox=p.bbox)])
    if not boxes:
        return r
    return r.model_copy(update={"page": boxes[0].page, "bbox": boxes[0].bbox, "boxes": boxes if len(boxes) > 1 else []})


def locate_all(
    cits: list[Citation],
    arts: list[LegalArticle],
    found_cases: list[CaseRecord],
    recs: list[Recommendation],
    maps: dict[str, TextMap],
    pars: dict[str, Paragraph],
) -> tuple[list[Citation], list[LegalArticle], list[CaseRecord], list[Recommendation]]:
    cits = [_locate_citation(c, maps) for c in cits]
    arts = [a.model_copy(update={"mentions": [_locate(m, maps) for m in a.mentions]}) for a in arts]
    found_cases = [
        c.model_copy(
            update={
                "mentions": [_locate(m, maps) for m in c.mentions],
                "events": [_event_page(e, maps) for e in c.events],
            }
        )
        for c in found_cases
    ]
    recs = [_place_recommendation(r, pars) for r in recs]
    return cits, arts, found_cases, recs


def locate_follow_ups(found: list[FollowUp], maps: dict[str, TextMap]) -> list[FollowUp]:
    """Each verdict sentence's page and boxes, from its paragraph's or note's text map."""
    out = []
    for f in found:
        where = _placed(f.paragraph or f.footnote, f.start, f.end, maps)
        out.append(f.model_copy(update=where) if where else f)
    return out


# ---------------------------------------------------------------- all records


def find_records(doc: DocText, options: FinderOptions | None = None) -> Findings:
    """Every record the finders yield besides the spine's own, with their warnings."""
    return run_finders(doc, FINDERS, options)
