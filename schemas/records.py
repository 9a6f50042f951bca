"""Pydantic models of one extracted UPR document: the source of truth for the JSON.

The minimum every output carries is ../shared/contract.md; the models here may
carry more (offsets, extra boxes, parsed parts) but never less, and a contract
field keeps its contract meaning.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

BBox = tuple[float, float, float, float]
"""[x0, top, x1, bottom] in PDF points, origin at the page's top-left."""

DocKind = Literal[
    "ngo_submission",
    "joint_submission",
    "nhri_submission",
    "national_report",
    "un_compilation",
    "stakeholder_summary",
    "working_group_report",
    "working_group_addendum",
    "other",
]
ParagraphKind = Literal["body", "bullet", "quote", "table", "heading_note"]
Position = Literal["supported", "noted"]


class Record(BaseModel):
    """Base of every record: unknown keys are refused so typos never pass."""

    model_config = ConfigDict(extra="forbid")


class Box(Record):
    """One rectangle of a record on one page (a record may span pages or columns)."""

    page: int = Field(ge=1)
    bbox: BBox


class StateRef(Record):
    name: str
    iso3: str = Field(pattern=r"^[A-Z]{3}$")


class CharacterCount(Record):
    """Characters the reader returned (whitespace aside) and the output each went to."""

    read: int = Field(ge=0)
    body: int = Field(default=0, ge=0)
    notes: int = Field(default=0, ge=0)
    headings: int = Field(default=0, ge=0)
    furniture: int = Field(default=0, ge=0, description="running headers, footers, page numbers")
    cover: int = Field(default=0, ge=0)
    tables: int = Field(default=0, ge=0)
    markers: int = Field(default=0, ge=0, description="footnote markers cut out of the text")
    not_placed: int = Field(default=0, ge=0, description="read but in none of the above (summed per page)")
    undecodable_pages: list[int] = Field(
        default_factory=list, description="pages with a content stream the reader could not decode"
    )


class DocumentMeta(Record):
    source_file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pages: int = Field(ge=0)
    kind: DocKind = "other"
    title: str | None = None
    organisations: list[str] = Field(default_factory=list)
    state_under_review: StateRef | None = None
    language: str = Field(default="und", description="ISO 639-1 code; 'und' when undetermined")
    date: str | None = Field(default=None, description="ISO 8601, as precise as printed")
    symbol: str | None = None
    session: int | None = Field(default=None, description="UPR Working Group session, where printed")
    cycle: int | None = Field(default=None, description="UPR cycle, where printed")
    producer: str | None = Field(default=None, description="the PDF's Producer/Creator metadata")
    characters: CharacterCount | None = Field(
        default=None, description="where the characters read went; absent in files written before it was counted"
    )


class Section(Record):
    id: str
    title: str
    number: str | None = None
    level: int = Field(ge=1)
    parent: str | None = None
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    bbox: BBox | None = Field(default=None, description="box of the heading on page_start")
    themes: list[str] = Field(default_factory=list)
    groups: list[str] = Field(
        default_factory=list, description="groups of persons its title names (theme records' ids)"
    )


class Span(Record):
    """Where characters [start, end) of a record's text sit on the page."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int = Field(ge=1)
    bbox: BBox


class Paragraph(Record):
    id: str
    section: str | None = None
    page: int = Field(ge=1)
    bbox: BBox
    text: str
    kind: ParagraphKind = "body"
    number: str | None = Field(default=None, description="printed paragraph or item number, e.g. '12', '3.1', 'a'")
    boxes: list[Box] = Field(
        default_factory=list, description="every page part when the paragraph crosses a page or column"
    )
    spans: list[Span] = Field(default_factory=list, description="one per printed line: char offsets → page box")


class Anchor(Record):
    paragraph: str | None = Field(description="id of the paragraph (or heading's section) holding the marker")
    page: int = Field(ge=1)
    offset: int = Field(ge=0, description="char offset in that paragraph's text")
    bbox: BBox | None = None


class Footnote(Record):
    id: str
    number: int | str
    text: str
    page: int = Field(ge=1)
    bbox: BBox
    anchors: list[Anchor] = Field(default_factory=list)
    endnote: bool = Field(default=False, description="printed in a Notes/Endnotes list rather than at the page foot")
    boxes: list[Box] = Field(default_factory=list)
    spans: list[Span] = Field(default_factory=list)


class Mention(Record):
    """One place a record is named: a paragraph or a footnote, with exact offsets."""

    paragraph: str | None = None
    footnote: str | None = None
    page: int = Field(ge=1)
    text: str
    start: int | None = Field(default=None, ge=0, description="char offset in the paragraph's or footnote's text")
    end: int | None = Field(default=None, ge=0)
    bbox: BBox | None = None
    boxes: list[Box] = Field(default_factory=list, description="one box per printed line when the text wraps")


# ---------------------------------------------------------------- citations


class UNDocumentParsed(Record):
    symbol: str
    body: str | None = Field(default=None, description="issuing body or series, e.g. 'HRC', 'CRC', 'GA'")
    series: str | None = Field(default=None, description="leading components, e.g. 'A/HRC', 'CCPR/C'")
    session: str | None = None
    state_iso3: str | None = None
    document_type: str | None = Field(default=None, description="e.g. 'CO' (concluding observations), 'RES', 'WG.6'")
    number: str | None = None
    addendum: str | None = None
    corrigendum: str | None = None
    revision: str | None = None
    from_url: bool = False
    repaired: bool = Field(
        default=False, description="the printed symbol was misprinted (a slash, dot or root missing) and corrected here"
    )


class UPRRecommendationParsed(Record):
    number: str
    states: list[str] = Field(default_factory=list)
    source_symbol: str | None = None


class URLParsed(Record):
    url: str
    host: str | None = None


class CommunicationParsed(Record):
    number: str
    committee: str | None = None


class CourtCaseParsed(Record):
    name: str
    court: str | None = None
    year: str | None = None


class OtherParsed(Record):
    pass


class CitationBase(Record):
    id: str
    text: str
    footnote: str | None = None
    paragraph: str | None = None
    page: int = Field(ge=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    bbox: BBox | None = None
    boxes: list[Box] = Field(default_factory=list, description="one box per printed line when the text wraps")


class UNDocumentCitation(CitationBase):
    kind: Literal["un_document"] = "un_document"
    parsed: UNDocumentParsed


class UPRRecommendationCitation(CitationBase):
    kind: Literal["upr_recommendation"] = "upr_recommendation"
    parsed: UPRRecommendationParsed


class URLCitation(CitationBase):
    kind: Literal["url"] = "url"
    parsed: URLParsed


class TreatyBodyViewCitation(CitationBase):
    kind: Literal["treaty_body_view"] = "treaty_body_view"
    parsed: CommunicationParsed


class CourtCaseCitation(CitationBase):
    kind: Literal["court_case"] = "court_case"
    parsed: CourtCaseParsed


class OtherCitation(CitationBase):
    kind: Literal["other"] = "other"
    parsed: OtherParsed = Field(default_factory=OtherParsed)


Citation = Annotated[
    UNDocumentCitation
    | UPRRecommendationCitation
    | URLCitation
    | TreatyBodyViewCitation
    | CourtCaseCitation
    | OtherCitation,
    Field(discriminator="kind"),
]


# ---------------------------------------------------------------- law, cases


class LegalArticle(Record):
    id: str
    article: str
    sub: str | None = None
    instrument: str
    instrument_kind: Literal["national", "international"]
    instrument_aliases: list[str] = Field(
        default_factory=list, description="other names the document gives the instrument"
    )
    mentions: list[Mention] = Field(default_factory=list)


class CaseEvent(Record):
    type: str
    date: str | None = None
    date_inferred: bool = Field(
        default=False, description="the date's year is not printed in the event's clause but taken from a nearby date"
    )
    alleged: bool = Field(
        default=False,
        description="the clause reports the event as an allegation ('reportedly', 'habría sido'), not as established",
    )
    text: str
    sentence: str | None = Field(
        default=None, description="a prison term or penalty as printed, e.g. '5-year prison term'"
    )
    legal_articles: list[str] = Field(default_factory=list)
    paragraph: str | None = None
    footnote: str | None = None
    page: int | None = None


class Case(Record):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["person", "group"] = "person"
    roles: list[str] = Field(default_factory=list)
    events: list[CaseEvent] = Field(default_factory=list)
    legal_articles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


# ---------------------------------------------------------------- follow-ups

StateResponse = Literal["accepted", "noted", "rejected", "accepted_claimed_implemented"]
FollowUpStatus = Literal["implemented", "partially_implemented", "not_implemented", "regressed", "unclear"]


class FollowUp(Record):
    """What a submission says became of recommendations the State received in an earlier review."""

    id: str
    numbers: list[str] = Field(
        default_factory=list, description="earlier recommendation numbers as cited; [] when described only in words"
    )
    report: str | None = Field(default=None, description="the report symbol the passage or its note cites")
    subject: str | None = Field(default=None, description="what was recommended, as the passage words it")
    state_response: StateResponse | None = Field(
        default=None, description="what the submission says the State answered, if it says"
    )
    status: FollowUpStatus = Field(description="the submission's own verdict on implementation")
    text: str = Field(description="the sentence that carries the verdict")
    cues: list[str] = Field(default_factory=list, description="the words the verdict was read from, as printed")
    citations: list[str] = Field(default_factory=list, description="ids of the upr_recommendation citations assessed")
    paragraph: str | None = None
    footnote: str | None = Field(default=None, description="the note holding the verdict, when a note carries it")
    start: int | None = Field(default=None, ge=0, description="char offset of the sentence in its paragraph or note")
    end: int | None = Field(default=None, ge=0)
    page: int = Field(ge=1)
    bbox: BBox | None = None
    boxes: list[Box] = Field(default_factory=list, description="one box per printed line when the sentence wraps")


# ---------------------------------------------------------------- recommendations


class Action(Record):
    verb: str | None = None
    category: int | None = Field(default=None, ge=1, le=5)


class Recommendation(Record):
    id: str
    text: str
    number: str | None = None
    section: str | None = None
    themes: list[str] = Field(default_factory=list)
    groups: list[str] = Field(
        default_factory=list,
        description="groups of persons it concerns (women & girls, children, Roma...), the Index's second dimension",
    )
    action: Action = Field(default_factory=Action)
    recommending_states: list[str] = Field(default_factory=list, description="as printed")
    recommending_state_refs: list[StateRef] = Field(
        default_factory=list,
        description="the printed States that name a UN member or observer, as its UN short name and ISO3, in order",
    )
    position: Position | None = None
    legal_articles: list[str] = Field(default_factory=list)
    page: int = Field(ge=1)
    bbox: BBox
    origin: Literal["submission", "report", "addendum"] = Field(
        default="submission",
        description="made by the submission, listed by a Working Group report, or a State's response in an addendum",
    )
    paragraphs: list[str] = Field(default_factory=list, description="paragraph ids the text comes from")
    boxes: list[Box] = Field(default_factory=list)


class Theme(Record):
    id: str
    label: str
    taxonomy: str
    dimension: Literal["theme", "group"] = Field(
        default="theme", description="a human rights theme, or a group of persons (the Index's two dimensions)"
    )
    sections: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)


class Contributor(Record):
    """A stakeholder listed in a summary of stakeholders' submissions (e.g. 'AI', 'JS1')."""

    id: str
    abbreviation: str
    name: str
    kind: Literal["ngo", "joint", "nhri", "regional", "other"] = "ngo"
    paragraphs: list[str] = Field(default_factory=list, description="paragraphs that cite it")


class ExtractWarning(Record):
    code: str
    message: str
    page: int | None = None


class Document(Record):
    """Everything extracted from one PDF."""

    schema_version: str = SCHEMA_VERSION
    document: DocumentMeta
    sections: list[Section] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    legal_articles: list[LegalArticle] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    contributors: list[Contributor] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    warnings: list[ExtractWarning] = Field(default_factory=list)


def record_types() -> tuple[str, ...]:
    """The Document's lists of records, in schema order: the one list every reader of a run iterates."""
    return tuple(name for name, f in Document.model_fields.items() if getattr(f.annotation, "__origin__", None) is list)
