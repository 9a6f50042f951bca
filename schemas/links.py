"""Pydantic models of a review cycle's link file (`upr-extract link`)."""

from __future__ import annotations

from pydantic import Field

from schemas.records import SCHEMA_VERSION, FollowUpStatus, Position, Record, StateResponse


class ReportRef(Record):
    document: str = Field(description="source_file of a document in the batch")
    symbol: str | None = None
    state_iso3: str | None = None
    kind: str | None = None


class CitedBy(Record):
    document: str
    citation: str = Field(description="citation id in that document")
    cited_symbol: str | None = None
    states: list[str] = Field(default_factory=list, description="States as the citing document prints them")
    matched_by: str | None = Field(
        default=None, description="how this citation found its report: 'symbol', 'numbers_and_states', 'number_only'"
    )


class Verdict(Record):
    """One citing document's word on what became of an earlier recommendation (a follow_ups record)."""

    document: str = Field(description="source_file of the document that gives the verdict")
    follow_up: str = Field(description="follow_ups id in that document")
    status: FollowUpStatus
    state_response: StateResponse | None = Field(
        default=None, description="what that document says the State answered, if it says"
    )
    text: str = Field(description="the sentence that carries the verdict")
    page: int = Field(ge=1)


class RecommendationLink(Record):
    number: str
    report: str | None = None
    report_symbol: str | None = None
    recommendation: str | None = Field(default=None, description="recommendation id in that report's JSON")
    text: str | None = None
    recommending_states: list[str] = Field(default_factory=list)
    position: Position | None = None
    position_source: str | None = Field(
        default=None, description="'report' or 'addendum': where the position is printed"
    )
    matched_by: str | None = Field(default=None, description="'symbol', 'numbers_and_states' or 'number_only'")
    cited_by: list[CitedBy] = Field(default_factory=list)
    follow_ups: list[Verdict] = Field(
        default_factory=list, description="every citing document's verdict on this recommendation, by document"
    )
    verdicts: dict[str, int] = Field(
        default_factory=dict, description="documents per status (a document counts once per status it gives)"
    )
    verdict_summary: str | None = Field(
        default=None, description="the State's position and the verdicts in one line, for reading at a glance"
    )


class LinkWarning(Record):
    code: str
    message: str
    document: str | None = None


class CycleLinks(Record):
    schema_version: str = SCHEMA_VERSION
    reports: list[ReportRef] = Field(default_factory=list)
    links: list[RecommendationLink] = Field(default_factory=list)
    warnings: list[LinkWarning] = Field(default_factory=list)
