"""The finders a document goes through, in order.

Order matters only where a finder reads another's records (its `needs`):
legal articles before the cases and recommendations that cite them, themes
after the recommendations they tag. Metadata is not in the list: it decides
the language and kind that choose the rules, so it runs first, on its own
(`extract.finders.metadata.describe`). `check_order` runs at import, so a list
whose needs are out of order fails every test at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extract.finders import (
    actions,
    addendum,
    articles,
    cases,
    citations,
    contributors,
    followups,
    recommendations,
    themes,
    wgreport,
)
from extract.finders.base import Earlier, Finder, FinderOptions, Found, check_order
from extract.structure.units import DocText
from schemas import ExtractWarning, LegalArticle, Recommendation

SUBMISSIONS = frozenset({"ngo_submission", "joint_submission", "nhri_submission", "other"})
"""Documents that make their own recommendations and describe cases (UN reports do neither)."""


def _citations(doc: DocText, earlier: Earlier, options: FinderOptions) -> Found:
    return Found(citations.find_citations(doc))


def _articles(doc: DocText, earlier: Earlier, options: FinderOptions) -> Found:
    records, warnings = articles.find_articles_with_warnings(doc)
    return Found(records, warnings)


def _cases(doc: DocText, earlier: Earlier, options: FinderOptions) -> Found:
    return Found(cases.find_cases(doc, earlier["legal_articles"], nlp_name=options.nlp))


def _has_case_rules(doc: DocText) -> bool:
    return doc.kind in SUBMISSIONS and cases.has_rules(doc.language)


def _found_recommendations(doc: DocText) -> tuple[list[Recommendation], list[ExtractWarning]]:
    if doc.kind == "working_group_report":
        return wgreport.find_report_recommendations_with_warnings(doc)
    if doc.kind == "working_group_addendum":
        return addendum.find_addendum_positions_with_warnings(doc)
    if doc.kind in SUBMISSIONS:
        return recommendations.find_recommendations(doc, lang=doc.language), []
    return [], []


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


def _recommendations(doc: DocText, earlier: Earlier, options: FinderOptions) -> Found:
    recs, own = _found_recommendations(doc)
    recs = _with_actions(recs, doc.language)
    recs = _with_articles(recs, earlier["legal_articles"])
    return Found(recs, own + recommendations.check(doc, recs))


def _themes(doc: DocText, earlier: Earlier, options: FinderOptions) -> Found:
    recs = earlier["recommendations"]
    found = themes.tag_recommendations(recs, doc.sections, doc.language)
    revised: dict[str, list[Any]] = {
        "recommendations": themes.apply_themes(recs, found),
        "sections": themes.apply_to_sections(earlier["sections"], found),
    }
    return Found(found, revised=revised)


def _contributors(doc: DocText, earlier: Earlier, options: FinderOptions) -> Found:
    return Found(contributors.find_contributors(doc))


def _follow_ups(doc: DocText, earlier: Earlier, options: FinderOptions) -> Found:
    records, warnings = followups.find_follow_ups(doc, earlier["citations"])
    return Found(records, warnings)


FINDERS: tuple[Finder, ...] = (
    Finder("citations", _citations, about="UN symbols, earlier UPR recommendations, URLs, communications, court cases"),
    Finder("legal_articles", _articles, about="articles and sections of named instruments"),
    Finder(
        "cases",
        _cases,
        needs=("legal_articles",),
        applies=_has_case_rules,
        about="the people a submission documents, with what happened to them",
    ),
    Finder(
        "recommendations",
        _recommendations,
        needs=("legal_articles",),
        about="a submission's asks, or a Working Group report's recommendations and positions",
    ),
    Finder(
        "themes",
        _themes,
        needs=("sections", "recommendations"),
        about="UHRI themes of sections and recommendations",
    ),
    Finder(
        "follow_ups",
        _follow_ups,
        needs=("citations",),
        applies=lambda doc: doc.kind in SUBMISSIONS and followups.has_rules(doc.language),
        about="what a submission says became of an earlier review's recommendations",
    ),
    Finder(
        "contributors",
        _contributors,
        applies=lambda doc: doc.kind == "stakeholder_summary",
        about="the stakeholders a summary of submissions cites",
    ),
)
check_order(FINDERS)

__all__ = ["FINDERS", "SUBMISSIONS"]
