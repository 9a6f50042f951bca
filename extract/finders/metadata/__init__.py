"""What a document is and who wrote it: kind, organisations, State under review, language, date, session, symbol.

Everything is read from the text the pipeline gives (`DocText`: cover lines,
running headers/footers, the PDF's Title, paragraphs), never from the file
name, because the tool meets files with arbitrary names. Each fact has its own
module, all reading one `View` of the document; the cues (UN cover phrases,
"Submission by ...", "X is a charity ...") live in extract/data/doc_kinds.json.

Public API:
    describe(doc) -> DocumentInfo
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from extract.finders.language import detect_language
from extract.finders.metadata.authors import organisations
from extract.finders.metadata.cues import load_cues
from extract.finders.metadata.dates import printed_date
from extract.finders.metadata.kind import submission_kind, un_issued, un_kind
from extract.finders.metadata.state import state_under_review
from extract.finders.metadata.symbol import cover_symbol, cycle_number, session_number
from extract.finders.metadata.title import title_of
from extract.finders.metadata.view import make_view, ws
from extract.structure.units import DocText
from schemas import StateRef

__all__ = ["DocumentInfo", "describe"]


@dataclass(slots=True)
class DocumentInfo:
    """The document-level facts `describe` reads; field names follow schemas.DocumentMeta."""

    kind: str = "other"
    organisations: list[str] = field(default_factory=list)
    state_under_review: StateRef | None = None
    language: str = "und"
    date: str | None = None
    session: int | None = None
    cycle: int | None = None
    symbol: str | None = None
    title: str | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["state_under_review"] = self.state_under_review.model_dump() if self.state_under_review else None
        return d


def describe(doc: DocText) -> DocumentInfo:
    """Kind, authors, State under review, language, date, session/cycle and symbol of one document."""
    v = make_view(doc)
    symbol = cover_symbol(v)
    un = un_issued(v, symbol)
    info = DocumentInfo(
        language=detect_language(v.full or v.cover_text),
        symbol=symbol if un else None,
        title=title_of(v),
    )
    cover_text = ws(" ".join(v.cover[:40]))
    if un:
        info.kind = un_kind(v, symbol)
    elif any(p.search(cover_text) for p in load_cues().other_kinds):
        info.kind = "other"
    else:
        info.organisations = organisations(v)
        info.kind = submission_kind(v, info.organisations)
        if info.kind == "other":
            info.organisations = []
    info.state_under_review = state_under_review(v, info.symbol, un)
    info.date = printed_date(v, un)
    info.session = session_number(v, un, info.symbol)
    info.cycle = cycle_number(v, info.session)
    return info
