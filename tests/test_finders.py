"""The finder interface: an ordered list whose needs are met, records and warnings from every finder."""

from __future__ import annotations

import pytest

from extract.finders.base import Finder, Found, check_order, run_finders
from extract.finders.recommendations import check
from extract.finders.registry import FINDERS
from extract.structure.units import DocText, TextUnit
from schemas import ExtractWarning, Recommendation, Section


def test_the_registry_is_in_order_and_names_every_record_list_it_fills() -> None:
    check_order(FINDERS)
    assert [f.name for f in FINDERS] == [
        "citations",
        "legal_articles",
        "cases",
        "recommendations",
        "themes",
        "follow_ups",
        "contributors",
    ]


def test_a_finder_that_needs_a_later_one_is_refused() -> None:
    late = Finder("b", lambda d, e, o: Found(), needs=("a",))
    with pytest.raises(ValueError, match="needs"):
        check_order([late, Finder("a", lambda d, e, o: Found())])


def test_records_of_earlier_finders_reach_later_ones_and_warnings_are_kept() -> None:
    def first(doc, earlier, options):  # type: ignore[no-untyped-def]
        return Found(["x"], [ExtractWarning(code="a_warning", message="seen", page=1)])

    def second(doc, earlier, options):  # type: ignore[no-untyped-def]
        return Found([f"{r}!" for r in earlier["first"]])

    out = run_finders(DocText(units=[]), [Finder("first", first), Finder("second", second, needs=("first",))])
    assert out.get("second") == ["x!"]
    assert [w.code for w in out.warnings] == ["a_warning"]


def test_a_finder_may_revise_only_what_it_needs() -> None:
    def sneaky(doc, earlier, options):  # type: ignore[no-untyped-def]
        return Found([], revised={"first": []})

    with pytest.raises(ValueError, match="revised"):
        run_finders(DocText(units=[]), [Finder("first", lambda d, e, o: Found([1])), Finder("s", sneaky)])


def _rec(n: str, section: str = "s2") -> Recommendation:
    return Recommendation(id=f"r{n}", text=f"Repeal law {n}.", number=n, section=section, page=2, bbox=(0, 0, 1, 1))


def _doc() -> DocText:
    return DocText(
        units=[TextUnit(id="p1", source="paragraph", page=1, text="Body.")],
        kind="ngo_submission",
        sections=[
            Section(id="s1", title="Background", level=1, page_start=1, page_end=1),
            Section(id="s2", title="Recommendations", level=1, page_start=2, page_end=2),
        ],
    )


def test_a_numbering_that_skips_is_named() -> None:
    warnings = check(_doc(), [_rec("1"), _rec("2"), _rec("4"), _rec("5")])
    assert [w.code for w in warnings] == ["recommendation_numbering_gap"]
    assert "lack 3" in warnings[0].message


def test_a_recommendations_heading_with_nothing_under_it_is_named_and_a_clean_list_is_quiet() -> None:
    warnings = check(_doc(), [])
    assert [w.code for w in warnings] == ["recommendations_heading_empty"]
    assert check(_doc(), [_rec("1"), _rec("2"), _rec("3")]) == []
