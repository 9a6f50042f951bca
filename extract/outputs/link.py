"""A batch of extracted documents → one review cycle's link file.

Submissions cite earlier recommendations by number ("124.4 (Brazil)"), often with
a report symbol that is stale or wrong, and a batch may hold several cycles'
reports about the same State. So a citation is never trusted on one clue: the
citations of one document that share a cited symbol are resolved together, to the
report of the same State whose numbers and recommending States fit them best; the
cited symbol decides only while it does not contradict that fit. Every fallback
and every disagreement between what a citation prints and what the report prints
becomes a warning that names both sides, so a reader can check the link.

Positions come from the report, or from its addendum (the State's responses) when
the report prints none.

A submission's follow-up verdicts (`follow_ups[]`: "accepted, but still not
implemented") hang under the link of every number they assess, found through the
citations they name or, failing that, their numbers; so a link reads "supported —
3 submissions say not implemented". A verdict on a number no citation carries is
resolved like one and still listed when no report holds it.

Public API:
    link_documents(docs) -> CycleLinks          pure
    read_folder(folder) -> (documents, problems)
    link_folder(folder) -> CycleLinks           raises LinkInputError
    print_summary(links, console) -> None
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extract.finders.states import lookup_state
from extract.finders.symbols import parse_symbol
from extract.outputs.files import load_run
from schemas import CitedBy, CycleLinks, Document, LinkWarning, Recommendation, RecommendationLink, ReportRef
from schemas.links import Verdict
from schemas.records import FollowUp, Position, UPRRecommendationCitation

REPORT_KIND = "working_group_report"
ADDENDUM_KIND = "working_group_addendum"

MATCHED_BY_STRENGTH: dict[str, int] = {"symbol": 3, "numbers_and_states": 2, "number_only": 1}
"""How much a link's `matched_by` says; a link cited several ways reports its strongest."""

ADDENDUM_SUFFIX = re.compile(r"/ADD\.\s*\d+\b.*$", re.IGNORECASE)
"""The addendum part of a symbol ('A/HRC/28/10/Add.1' → 'A/HRC/28/10'), and anything after it (/Corr.1)."""

NUMBER_PART = re.compile(r"[0-9]+|[^0-9.]+")
"""A recommendation number's parts, for sorting '124.4' before '124.10'."""

STATUS_WORDS: dict[str, str] = {
    "implemented": "implemented",
    "partially_implemented": "partly implemented",
    "not_implemented": "not implemented",
    "regressed": "regressed",
    "unclear": "unclear",
}
"""How a verdict's status reads in a link's summary line, in the order the summary lists them."""

NUMBERS_SHOWN = 8
"""How many numbers a warning lists before it says 'and N more'."""


class LinkInputError(Exception):
    """The folder holds no document, or some of its JSON files cannot be read as documents."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# ---------------------------------------------------------------- small keys


def number_key(printed: str) -> str:
    """A recommendation number as compared: no spaces, no closing dot ('124.4.' → '124.4')."""
    return re.sub(r"\s+", "", printed).strip(".")


def number_sort_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """Numeric order: '124.4' < '124.10' < '125.1'; letters sort after digits.

    Digit runs compare by length then text (no int(): a hostile run of digits has no size limit).
    """
    out = []
    for p in NUMBER_PART.findall(number):
        if p.isascii() and p.isdigit():
            n = p.lstrip("0")
            out.append((0, len(n), n))
        else:
            out.append((1, 0, p))
    return tuple(out)


def symbol_key(symbol: str | None) -> str | None:
    """A symbol normalised for comparison (parsed when possible, else upper-cased without spaces)."""
    if not symbol or not symbol.strip():
        return None
    parsed = parse_symbol(symbol.strip())
    text = parsed.symbol if parsed else symbol
    return re.sub(r"\s+", "", text).upper()


def report_base(symbol: str | None) -> str | None:
    """The report a symbol belongs to: an addendum's symbol without '/Add.N'."""
    key = symbol_key(symbol)
    return ADDENDUM_SUFFIX.sub("", key) if key else None


def state_key(name: str) -> str:
    """A State name as compared: its ISO3 when known ('Russia' = 'Russian Federation'), else folded."""
    ref = lookup_state(name)
    return ref.iso3 if ref else " ".join(name.casefold().split())


def _states(names: Iterable[str]) -> set[str]:
    return {state_key(n) for n in names if n.strip()}


def _listed(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "none"


def _printed(states: Sequence[str]) -> str:
    return f"({', '.join(states)})" if states else "(no State printed)"


def _numbers(numbers: Iterable[str]) -> str:
    ns = sorted(set(numbers), key=number_sort_key)
    head = ", ".join(ns[:NUMBERS_SHOWN])
    return head + (f" and {len(ns) - NUMBERS_SHOWN} more" if len(ns) > NUMBERS_SHOWN else "")


# ---------------------------------------------------------------- reports and addenda


@dataclass(slots=True)
class _Report:
    """A Working Group report in the batch, with positions its addendum adds."""

    doc: Document
    recs: dict[str, Recommendation] = field(default_factory=dict)
    addendum: dict[str, tuple[Position, str]] = field(default_factory=dict)  # number → (position, addendum file)

    @property
    def file(self) -> str:
        return self.doc.document.source_file

    @property
    def symbol(self) -> str | None:
        return self.doc.document.symbol

    @property
    def base(self) -> str | None:
        return report_base(self.symbol)

    @property
    def iso3(self) -> str | None:
        s = self.doc.document.state_under_review
        return s.iso3 if s else None

    @property
    def name(self) -> str:
        """How a warning names the report: its symbol and file."""
        return f"{self.symbol} ({self.file})" if self.symbol else self.file


def _is_report(doc: Document) -> bool:
    if doc.document.kind == REPORT_KIND:
        return True
    return doc.document.kind != ADDENDUM_KIND and any(r.origin == "report" for r in doc.recommendations)


def _is_addendum(doc: Document) -> bool:
    return doc.document.kind == ADDENDUM_KIND or (
        not _is_report(doc) and any(r.origin == "addendum" for r in doc.recommendations)
    )


def _build_report(doc: Document, warnings: list[LinkWarning]) -> _Report:
    rep = _Report(doc)
    dup: list[str] = []
    for r in doc.recommendations:
        if r.origin != "report" or not r.number:
            continue
        k = number_key(r.number)
        if k in rep.recs:
            dup.append(k)
        else:
            rep.recs[k] = r
    if dup:
        warnings.append(
            LinkWarning(
                code="duplicate_number",
                message=f"{rep.name} prints recommendation {_numbers(dup)} more than once; the first is linked",
                document=rep.file,
            )
        )
    if not rep.recs:
        warnings.append(
            LinkWarning(
                code="report_without_recommendations",
                message=f"{rep.name} is a Working Group report with no numbered recommendation; nothing can link to it",
                document=rep.file,
            )
        )
    return rep


def _addendum_number(printed: str, rep: _Report) -> str | None:
    """The report number an addendum's number stands for.

    Addenda print either the report's numbers ('124.4') or, when the report has
    one list, the ordinal alone ('4' for '115.4'); an ordinal is taken only when
    exactly one report number ends with it.
    """
    k = number_key(printed)
    if k in rep.recs:
        return k
    if not k.isdigit():
        return None
    hits = [n for n in rep.recs if "." in n and n.rsplit(".", 1)[1] == k]
    return hits[0] if len(hits) == 1 else None


def _attach_addendum(add: Document, reports: list[_Report], warnings: list[LinkWarning]) -> None:
    file = add.document.source_file
    base = report_base(add.document.symbol)
    target = next((r for r in reports if base and r.base == base), None)
    if target is None:
        iso3 = add.document.state_under_review.iso3 if add.document.state_under_review else None
        same = [r for r in reports if iso3 and r.iso3 == iso3]
        if len(same) == 1:
            target = same[0]
            warnings.append(
                LinkWarning(
                    code="addendum_paired_by_state",
                    message=f"addendum {add.document.symbol or file} names no report in the batch; "
                    f"paired with {target.name}, the only report about the same State",
                    document=file,
                )
            )
        else:
            warnings.append(
                LinkWarning(
                    code="addendum_unpaired",
                    message=f"addendum {add.document.symbol or file} matches no report in the batch "
                    f"({len(same)} report(s) about its State); its positions are not used",
                    document=file,
                )
            )
            return
    unknown: list[str] = []
    for r in add.recommendations:
        if r.origin != "addendum" or not r.number:
            continue
        k = _addendum_number(r.number, target)
        if k is None:
            unknown.append(number_key(r.number))  # positionless responses too: the number itself is absent
        elif r.position is not None and k not in target.addendum:
            target.addendum[k] = (r.position, file)
    if unknown:
        warnings.append(
            LinkWarning(
                code="addendum_number_absent",
                message=f"addendum {add.document.symbol or file} gives a position for {_numbers(unknown)}, "
                f"which {target.name} does not hold",
                document=file,
            )
        )


# ---------------------------------------------------------------- citations and matching


@dataclass(frozen=True, slots=True)
class _Cite:
    doc: Document
    cit: UPRRecommendationCitation
    number: str  # number_key
    states: tuple[str, ...]
    in_range: bool  # printed together with other numbers ('98.20–98.22 (Brazil, Ghana and Japan)')

    @property
    def file(self) -> str:
        return self.doc.document.source_file


@dataclass(frozen=True, slots=True)
class _Fit:
    """How well a report holds a group of citations: more agreeing States, fewer contradicted, more numbers."""

    agree: int
    differ: int
    held: int

    def key(self) -> tuple[int, int, int]:
        return (self.agree, -self.differ, self.held)


def _relation(printed: Sequence[str], rec: Recommendation) -> str:
    """'agree' when the States share one, 'differ' when they share none, 'unknown' when a side prints none."""
    a, b = _states(printed), _states(rec.recommending_states)
    if not a or not b:
        return "unknown"
    return "agree" if a & b else "differ"


def _fit(cites: Sequence[_Cite], rep: _Report) -> _Fit:
    agree = differ = held = 0
    for c in cites:
        rec = rep.recs.get(c.number)
        if rec is None:
            continue
        held += 1
        rel = _relation(c.states, rec)
        agree += rel == "agree"
        differ += rel == "differ"
    return _Fit(agree, differ, held)


def _self_reference(doc: Document, cit: UPRRecommendationCitation) -> bool:
    """A report's or addendum's own numbers ('accepts recommendations 1–5') are not earlier recommendations."""
    if not (_is_report(doc) or _is_addendum(doc)):
        return False
    cited = report_base(cit.parsed.source_symbol)
    return cited is None or cited == report_base(doc.document.symbol)


def _citations(doc: Document) -> list[_Cite]:
    cits = [c for c in doc.citations if isinstance(c, UPRRecommendationCitation) and not _self_reference(doc, c)]
    printed: dict[tuple[str, str | None, str | None, int | None], int] = {}
    for c in cits:
        k = (c.text, c.paragraph, c.footnote, c.start)
        printed[k] = printed.get(k, 0) + 1
    return [
        _Cite(
            doc,
            c,
            number_key(c.parsed.number),
            tuple(c.parsed.states),
            printed[(c.text, c.paragraph, c.footnote, c.start)] > 1,
        )
        for c in cits
        if number_key(c.parsed.number)
    ]


@dataclass(slots=True)
class _Choice:
    report: _Report | None
    matched_by: str | None


def _choose(
    doc: Document, cited: str | None, cites: list[_Cite], reports: list[_Report], warnings: list[LinkWarning]
) -> _Choice:
    """The report one document's citations sharing a cited symbol refer to."""
    file = doc.document.source_file
    iso3 = doc.document.state_under_review.iso3 if doc.document.state_under_review else None
    same = [r for r in reports if iso3 and r.iso3 == iso3]
    pool = same or reports
    cross_state = iso3 is not None and not same
    nums = _numbers(c.number for c in cites)
    by_symbol = next((r for r in pool if cited and r.base == cited), None)
    fits = {r.file: _fit(cites, r) for r in pool}
    ranked = sorted(pool, key=lambda r: (tuple(-x for x in fits[r.file].key()), r is not by_symbol, r.file))
    if not ranked or fits[ranked[0].file].held == 0:
        # the cited report is here but holds none of the numbers: link to it so each number is reported absent
        return _Choice(by_symbol, "symbol" if by_symbol else None)
    best = ranked[0]
    best_fit = fits[best.file]
    if by_symbol is not None and fits[by_symbol.file].key() >= best_fit.key():
        choice = _Choice(by_symbol, "symbol")
    else:
        method = "numbers_and_states" if best_fit.agree else "number_only"
        if cross_state and method == "number_only" and by_symbol is None:
            warnings.append(
                LinkWarning(
                    code="no_report_for_state",
                    message=f"{file} cites {nums} (State under review {iso3}); the batch has no report about "
                    f"that State and no printed State or symbol ties the numbers to another one",
                    document=file,
                )
            )
            return _Choice(None, None)
        choice = _Choice(best, method)
        how = "numbers and States" if method == "numbers_and_states" else "numbers only (no State printed agrees)"
        if cited and by_symbol is not None:
            warnings.append(
                LinkWarning(
                    code="cited_symbol_contradicted",
                    message=f"{file} cites {nums} of {cited} ({by_symbol.file}), but their {how} fit "
                    f"{best.name} better; linked to {best.symbol or best.file}, not {cited}",
                    document=file,
                )
            )
        elif cited:
            warnings.append(
                LinkWarning(
                    code="cited_symbol_not_in_batch",
                    message=f"{file} cites {nums} of {cited}, which is not in the batch; matched by {how} "
                    f"to {best.name} instead of {cited}",
                    document=file,
                )
            )
        else:
            warnings.append(
                LinkWarning(
                    code="matched_without_symbol",
                    message=f"{file} cites {nums} without a report symbol; matched by {how} to {best.name}",
                    document=file,
                )
            )
        ties = [r for r in ranked[1:] if fits[r.file].key() == best_fit.key()]
        if ties:
            warnings.append(
                LinkWarning(
                    code="ambiguous_report",
                    message=f"{file}: {nums} fit {best.name} and {', '.join(r.name for r in ties)} equally; "
                    f"linked to {best.name}",
                    document=file,
                )
            )
    chosen = choice.report
    if chosen is not None and iso3 and chosen.iso3 and chosen.iso3 != iso3:
        warnings.append(
            LinkWarning(
                code="state_under_review_differs",
                message=f"{file} is about {iso3}, but the report its cited recommendations are linked to, "
                f"{chosen.name}, is about {chosen.iso3}",
                document=file,
            )
        )
    return choice


def _state_warning(c: _Cite, rep: _Report, rec: Recommendation) -> LinkWarning | None:
    """A printed State the report does not give for that number (for a printed range: no State in common)."""
    printed, listed = _states(c.states), _states(rec.recommending_states)
    if not printed or not listed:
        return None
    wrong = not (printed & listed) if c.in_range else bool(printed - listed)
    if not wrong:
        return None
    return LinkWarning(
        code="state_mismatch",
        message=f"{c.file} cites {c.number} as made by {_listed(c.states)}; {rep.name} prints {c.number} "
        f"as made by {_listed(rec.recommending_states)}",
        document=c.file,
    )


# ---------------------------------------------------------------- assembling the links


@dataclass(slots=True)
class _LinkDraft:
    number: str
    report: _Report | None
    rec: Recommendation | None
    cited_by: list[CitedBy] = field(default_factory=list)
    follow_ups: list[Verdict] = field(default_factory=list)


def _position(rep: _Report, number: str, rec: Recommendation, warnings: list[LinkWarning]) -> Position | None:
    from_addendum = rep.addendum.get(number)
    if rec.position is None:
        return from_addendum[0] if from_addendum else None
    if from_addendum and from_addendum[0] != rec.position:
        warnings.append(
            LinkWarning(
                code="position_conflict",
                message=f"{rep.name} prints {number} as {rec.position}, its addendum {from_addendum[1]} as "
                f"{from_addendum[0]}; the report's is kept",
                document=rep.file,
            )
        )
    return rec.position


def _order(d: _LinkDraft) -> tuple[int, str, tuple[tuple[int, int, str], ...]]:
    return (d.report is None, d.report.file if d.report else "", number_sort_key(d.number))


def link_documents(docs: list[Document]) -> CycleLinks:
    """Resolve every recommendation the documents cite by number to a report in the batch."""
    docs = sorted(docs, key=lambda d: d.document.source_file)
    warnings: list[LinkWarning] = []
    reports = [_build_report(d, warnings) for d in docs if _is_report(d)]
    for d in docs:
        if _is_addendum(d) and not _is_report(d):
            _attach_addendum(d, reports, warnings)

    drafts: dict[tuple[str | None, str], _LinkDraft] = {}
    missing: list[LinkWarning] = []
    for doc in docs:
        groups: dict[str | None, list[_Cite]] = {}
        for c in _citations(doc):
            groups.setdefault(report_base(c.cit.parsed.source_symbol), []).append(c)
        for cited, cites in groups.items():
            choice = _choose(doc, cited, cites, reports, warnings)
            for c in cites:
                _place(c, choice, reports, drafts, warnings, missing)
    warnings.extend(missing)
    for doc in docs:
        _attach_follow_ups(doc, reports, drafts, warnings)

    links: list[RecommendationLink] = []
    for dr in sorted(drafts.values(), key=_order):
        methods = [cb.matched_by for cb in dr.cited_by if cb.matched_by]
        rep, rec = dr.report, dr.rec
        position = _position(rep, dr.number, rec, warnings) if rep and rec else None
        links.append(
            RecommendationLink(
                number=rec.number if rec and rec.number else dr.number,
                report=rep.file if rep else None,
                report_symbol=rep.symbol if rep else None,
                recommendation=rec.id if rec else None,
                text=rec.text if rec else None,
                recommending_states=list(rec.recommending_states) if rec else [],
                position=position,
                position_source=_position_source(rep, dr.number, rec) if rep and rec else None,
                matched_by=max(methods, key=MATCHED_BY_STRENGTH.__getitem__) if methods else None,
                cited_by=dr.cited_by,
                follow_ups=dr.follow_ups,
                verdicts=verdict_counts(dr.follow_ups),
                verdict_summary=verdict_summary(position, dr.follow_ups),
            )
        )
    return CycleLinks(
        reports=[
            ReportRef(
                document=d.document.source_file,
                symbol=d.document.symbol,
                state_iso3=d.document.state_under_review.iso3 if d.document.state_under_review else None,
                kind=d.document.kind,
            )
            for d in docs
        ],
        links=links,
        warnings=_dedupe(warnings),
    )


def _position_source(rep: _Report, number: str, rec: Recommendation) -> str | None:
    if rec.position is not None:
        return "report"
    return "addendum" if number in rep.addendum else None


def _place(
    c: _Cite,
    choice: _Choice,
    reports: list[_Report],
    drafts: dict[tuple[str | None, str], _LinkDraft],
    warnings: list[LinkWarning],
    missing: list[LinkWarning],
) -> None:
    """Put one citation under its link, warning when the number or the States disagree."""
    rep, method = choice.report, choice.matched_by
    rec = rep.recs.get(c.number) if rep else None
    if rep is not None and rec is None:
        others = [
            r
            for r in reports
            if r is not rep
            and r.iso3 == rep.iso3
            and c.number in r.recs
            and _relation(c.states, r.recs[c.number]) == "agree"
        ]
        elsewhere = others[0] if len(others) == 1 else None
        where = f"; linked to {elsewhere.name}, whose {c.number} has the same State" if elsewhere else ""
        warnings.append(
            LinkWarning(
                code="number_absent",
                message=f"{c.file} cites {c.number} {_printed(c.states)} of {rep.name}, "
                f"which holds no recommendation {c.number}{where}",
                document=c.file,
            )
        )
        rep, rec, method = (
            (elsewhere, elsewhere.recs[c.number], "numbers_and_states") if elsewhere else (None, None, None)
        )
    elif rep is None:
        missing.append(
            LinkWarning(
                code="number_not_in_batch",
                message=f"{c.file} cites {c.number} {_printed(c.states)}"
                f"{' of ' + c.cit.parsed.source_symbol if c.cit.parsed.source_symbol else ''}, "
                f"which no report in the batch holds",
                document=c.file,
            )
        )
    if rep is not None and rec is not None:
        w = _state_warning(c, rep, rec)
        if w:
            warnings.append(w)
    key = (rep.file if rep else None, c.number)
    draft = drafts.get(key)
    if draft is None:
        draft = drafts[key] = _LinkDraft(c.number, rep, rec)
    draft.cited_by.append(
        CitedBy(
            document=c.file,
            citation=c.cit.id,
            cited_symbol=c.cit.parsed.source_symbol,
            states=list(c.states),
            matched_by=method,
        )
    )


# ---------------------------------------------------------------- follow-up verdicts


def _verdict(doc: Document, f: FollowUp) -> Verdict:
    return Verdict(
        document=doc.document.source_file,
        follow_up=f.id,
        status=f.status,
        state_response=f.state_response,
        text=f.text,
        page=f.page,
    )


def _follow_up_report(doc: Document, f: FollowUp, number: str, reports: list[_Report]) -> _Report | None:
    """The report a verdict's uncited number belongs to: the one its symbol names, else the only one
    about the document's State that holds the number."""
    base = report_base(f.report)
    named = [r for r in reports if base and r.base == base and number in r.recs]
    if named:
        return named[0]
    iso3 = doc.document.state_under_review.iso3 if doc.document.state_under_review else None
    same = [r for r in reports if iso3 and r.iso3 == iso3 and number in r.recs]
    return same[0] if len(same) == 1 else None


def _attach_follow_ups(
    doc: Document,
    reports: list[_Report],
    drafts: dict[tuple[str | None, str], _LinkDraft],
    warnings: list[LinkWarning],
) -> None:
    """Hang each of a document's verdicts under the links of the numbers it assesses."""
    file = doc.document.source_file
    by_citation: dict[str, list[_LinkDraft]] = {}
    by_number: dict[str, list[_LinkDraft]] = {}
    for d in drafts.values():
        for cb in d.cited_by:
            if cb.document == file:
                by_citation.setdefault(cb.citation, []).append(d)
                if d not in by_number.setdefault(d.number, []):
                    by_number[d.number].append(d)
    for f in doc.follow_ups:
        targets: list[_LinkDraft] = []
        for cid in f.citations:
            targets.extend(d for d in by_citation.get(cid, []) if d not in targets)
        covered = {d.number for d in targets}
        for n in dict.fromkeys(number_key(x) for x in f.numbers):
            if not n or n in covered:
                continue
            found = by_number.get(n)
            if not found:
                rep = _follow_up_report(doc, f, n, reports)
                key = (rep.file if rep else None, n)
                if key not in drafts:
                    drafts[key] = _LinkDraft(n, rep, rep.recs[n] if rep else None)
                found = [drafts[key]]
                if rep is None:
                    warnings.append(
                        LinkWarning(
                            code="follow_up_number_not_in_batch",
                            message=f"{file} gives a verdict ({f.id}) on {n}"
                            f"{' of ' + f.report if f.report else ''}, which no report in the batch holds",
                            document=file,
                        )
                    )
            targets.extend(d for d in found if d not in targets)
            covered.add(n)
        for d in targets:
            if not any(v.document == file and v.follow_up == f.id for v in d.follow_ups):
                d.follow_ups.append(_verdict(doc, f))


def verdict_counts(verdicts: Sequence[Verdict]) -> dict[str, int]:
    """Documents per status, statuses in STATUS_WORDS order; a document counts once per status it gives."""
    seen = {(v.status, v.document) for v in verdicts}
    counts = {s: sum(1 for st, _ in seen if st == s) for s in STATUS_WORDS}
    return {s: n for s, n in counts.items() if n}


def verdict_summary(position: Position | None, verdicts: Sequence[Verdict]) -> str | None:
    """'supported — 3 submissions say not implemented, 1 says implemented'; None without a verdict.

    The position is the report's; when it prints none, what the submissions say the State answered.
    """
    if not verdicts:
        return None
    said = sorted({v.state_response for v in verdicts if v.state_response})
    stance = position or (f"{' / '.join(s.replace('_', ' ') for s in said)} (say the submissions)" if said else None)
    parts = [
        f"{n} submission{'s give' if n > 1 else ' gives'} no clear verdict"
        if s == "unclear"
        else f"{n} submission{'s say' if n > 1 else ' says'} {STATUS_WORDS[s]}"
        for s, n in verdict_counts(verdicts).items()
    ]
    return f"{stance or 'position unknown'} — {', '.join(parts)}"


def _dedupe(warnings: list[LinkWarning]) -> list[LinkWarning]:
    seen: set[tuple[str, str, str | None]] = set()
    out: list[LinkWarning] = []
    for w in warnings:
        k = (w.code, w.message, w.document)
        if k not in seen:
            seen.add(k)
            out.append(w)
    return out


# ---------------------------------------------------------------- folders and the CLI's summary


def read_folder(folder: Path | str) -> tuple[list[Document], list[str]]:
    """Every document JSON under `folder` (the run loader's view), and one line per file not used."""
    loaded = load_run(Path(folder))
    return [doc for _, doc in loaded.documents], loaded.problems


def link_files(paths: list[Path]) -> CycleLinks:
    """The link file of the documents written by one extract run (their JSON paths)."""
    return link_documents([Document.model_validate_json(p.read_bytes()) for p in paths])


def link_folder(folder: Path | str) -> CycleLinks:
    """The link file of the documents in `folder`; LinkInputError if one is unreadable or none is there."""
    docs, problems = read_folder(folder)
    if not docs:
        problems.append(f"{folder}: no document JSON found")
    if problems:
        raise LinkInputError(problems)
    return link_documents(docs)


def print_summary(links: CycleLinks, console: Console) -> None:
    """A short table: reports, cited numbers resolved or not, warnings by code."""
    resolved = [lk for lk in links.links if lk.report]
    table = Table(title="review-cycle links", show_edge=False)
    table.add_column("report")
    table.add_column("symbol")
    table.add_column("cited", justify="right")
    table.add_column("with position", justify="right")
    table.add_column("with verdicts", justify="right")
    for ref in links.reports:
        mine = [lk for lk in resolved if lk.report == ref.document]
        if ref.kind == REPORT_KIND or mine:
            row = (escape(ref.document), escape(ref.symbol or "-"))  # names as read: "[x]" is not markup
            table.add_row(
                *row,
                str(len(mine)),
                str(sum(1 for lk in mine if lk.position)),
                str(sum(1 for lk in mine if lk.follow_ups)),
            )
    unresolved = [lk for lk in links.links if not lk.report]
    if unresolved:
        table.add_row(
            "[red]not in the batch[/]",
            "-",
            str(len(unresolved)),
            "-",
            str(sum(1 for lk in unresolved if lk.follow_ups)),
        )
    console.print(table)
    codes: dict[str, int] = {}
    for w in links.warnings:
        codes[w.code] = codes.get(w.code, 0) + 1
    console.print(
        f"{len(links.reports)} documents, {len(links.links)} cited recommendations "
        f"({len(resolved)} resolved), {len(links.warnings)} warnings"
        + (": " + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())) if codes else ""),
        markup=False,
    )
    line = verdict_line(links)
    if line:
        console.print(line, markup=False)


def verdict_line(links: CycleLinks) -> str | None:
    """'verdicts on 4 cited recommendations: not implemented 3, partly implemented 1' (documents per status)."""
    with_verdicts = [lk for lk in links.links if lk.follow_ups]
    if not with_verdicts:
        return None
    totals: dict[str, int] = {}
    for lk in with_verdicts:
        for status, n in lk.verdicts.items():
            totals[status] = totals.get(status, 0) + n
    counts = ", ".join(f"{STATUS_WORDS[s]} {totals[s]}" for s in STATUS_WORDS if s in totals)
    return f"verdicts on {len(with_verdicts)} cited recommendations: {counts}"
