"""Stage 5: run the record finders over the finders' text view and assemble the Document.

Order matters only where one finder reads another's output: metadata first
(language and kind choose the rules), legal articles before the cases and
recommendations that cite them, themes last. Finders return offsets; this
module turns them into page boxes through the text maps, so every record
points at the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extract.finders import (
    actions,
    addendum,
    articles,
    cases,
    citations,
    contributors,
    metadata,
    recommendations,
    wgreport,
)
from extract.finders import themes as themes_mod
from extract.finders.symbols import find_symbols
from extract.structure.textmap import TextMap
from extract.structure.units import DocText
from schemas import (
    Box,
    Citation,
    Contributor,
    DocumentMeta,
    ExtractWarning,
    LegalArticle,
    Mention,
    Paragraph,
    Recommendation,
    Theme,
)
from schemas import Case as CaseRecord

# Documents that make their own recommendations and describe cases (UN reports do neither).
SUBMISSIONS = ("ngo_submission", "joint_submission", "nhri_submission", "other")
# Languages the case finder has rules for; others get no cases rather than wrong ones.
CASE_LANGUAGES = ("en", "es", "fr")


def _symbols(text: str) -> list[str]:
    return [m.parsed.symbol for m in find_symbols(text)]


def describe(doc: DocText, meta: DocumentMeta) -> tuple[DocumentMeta, DocText]:
    """Document-level facts, and the text view told its language, kind and State."""
    info = metadata.describe(doc, symbol_finder=_symbols)
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
            "title": meta.title or info.title,
        }
    )
    doc = replace(
        doc,
        language=meta.language,
        kind=meta.kind,
        state_name=meta.state_under_review.name if meta.state_under_review else None,
    )
    return meta, doc


def find_recommendations(doc: DocText) -> list[Recommendation]:
    if doc.kind == "working_group_report":
        return wgreport.find_report_recommendations(doc)
    if doc.kind == "working_group_addendum":
        return addendum.find_addendum_positions(doc)
    if doc.kind in SUBMISSIONS:
        return recommendations.find_recommendations(doc, lang=doc.language)
    return []


def _with_actions(recs: list[Recommendation], lang: str) -> list[Recommendation]:
    out = []
    for r in recs:
        if r.action.verb is None and r.origin != "addendum":
            r = r.model_copy(update={"action": actions.classify_action(r.text, lang)})
        out.append(r)
    return out


def _with_articles(recs: list[Recommendation], arts: Sequence[LegalArticle]) -> list[Recommendation]:
    if not arts:
        return recs
    out = []
    for r in recs:
        ids: list[str] = []
        for pid in r.paragraphs:
            for aid in articles.articles_in(pid, 0, 10**9, arts):
                if aid not in ids:
                    ids.append(aid)
        out.append(r.model_copy(update={"legal_articles": ids}) if ids else r)
    return out


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
    found_cases = [c.model_copy(update={"mentions": [_locate(m, maps) for m in c.mentions]}) for c in found_cases]
    recs = [_place_recommendation(r, pars) for r in recs]
    return cits, arts, found_cases, recs


# ---------------------------------------------------------------- all records


class Records:
    """Every record a document yields besides the spine's own."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self.legal_articles: list[LegalArticle] = []
        self.cases: list[CaseRecord] = []
        self.recommendations: list[Recommendation] = []
        self.themes: list[Theme] = []
        self.section_themes: dict[str, list[str]] = {}
        self.contributors: list[Contributor] = []
        self.warnings: list[ExtractWarning] = []


def find_records(doc: DocText, nlp_name: str | None = None) -> Records:
    out = Records()
    out.citations = citations.find_citations(doc)
    out.legal_articles = articles.find_articles(doc)
    if doc.kind in SUBMISSIONS and doc.language in CASE_LANGUAGES:
        out.cases = cases.find_cases(doc, out.legal_articles, nlp_name=nlp_name)
    recs = find_recommendations(doc)
    recs = _with_actions(recs, doc.language)
    recs = _with_articles(recs, out.legal_articles)
    out.section_themes = themes_mod.tag_sections(doc.sections, doc.language)
    out.themes = themes_mod.tag_recommendations(recs, doc.sections, doc.language)
    out.recommendations = themes_mod.apply_themes(recs, out.themes)
    if doc.kind == "stakeholder_summary":
        out.contributors = contributors.find_contributors(doc)
    return out
