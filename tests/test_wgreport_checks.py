"""A Working Group report checks itself; States are mended and named; addenda keep partial answers.

All text is written for these tests (Ruritania is fictional).
"""

from __future__ import annotations

from extract.finders.addendum import find_addendum_positions_with_warnings, response_reading
from extract.finders.states import closest_state, lookup_state
from extract.finders.wgreport import find_report_recommendations_with_warnings, position_of, split_states
from extract.structure.units import DocText, TextUnit
from schemas import ExtractWarning, Recommendation


def doc(*paragraphs: str, kind: str = "working_group_report") -> DocText:
    units = [TextUnit(id=f"p{i}", source="paragraph", page=1, text=t) for i, t in enumerate(paragraphs, 1)]
    return DocText(units=units, kind=kind, source_file="ruritania.pdf")


def run(*paragraphs: str) -> tuple[list[Recommendation], dict[str, list[str]]]:
    recs, warnings = find_report_recommendations_with_warnings(doc("Conclusions and/or recommendations", *paragraphs))
    return recs, _by_code(warnings)


def _by_code(warnings: list[ExtractWarning]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for w in warnings:
        out.setdefault(w.code, []).append(w.message)
    return out


def test_a_group_whose_lead_is_not_understood_is_kept_without_position() -> None:
    recs, warns = run(
        "124. The following recommendations enjoy the support of Ruritania:",
        "124.1 Ratify the CRPD (Chile);",
        "125. Ruritania considers that the following are already under way in its own manner:",
        "125.1 Adopt a plan on housing (Peru);",
        "125.2 Train judges (Norway);",
        "126. The following recommendations did not enjoy the support of Ruritania:",
        "126.1 Abolish the death penalty (Spain).",
    )
    assert [(r.number, r.position) for r in recs] == [
        ("124.1", "supported"),
        ("125.1", None),
        ("125.2", None),
        ("126.1", "noted"),
    ]
    assert "125" in warns["recommendation_lead_unread"][0]


def test_a_remark_about_an_item_above_is_not_a_group() -> None:
    assert position_of("Ruritania considers that recommendation 98.1 above has already been implemented.") == (
        False,
        None,
    )
    recs, _ = run(
        "98. The following recommendations enjoy the support of Ruritania:",
        "98.1 Ratify the CRPD (Chile);",
        "98.2 Adopt a plan on housing (Peru).",
        "99. Ruritania considers that recommendation 98.1 above has already been implemented.",
    )
    assert [r.number for r in recs] == ["98.1", "98.2"]


def test_gap_stated_count_and_missing_group_are_named() -> None:
    recs, warns = run(
        "98. The following 4 recommendations enjoy the support of Ruritania:",
        "98.1 Ratify the CRPD (Chile);",
        "98.2 Adopt a plan on housing (Peru);",
        "98.4 Train judges (Norway).",
        "100. The following recommendations did not enjoy the support of Ruritania:",
        "100.1 Abolish the death penalty (Spain).",
    )
    assert [r.number for r in recs] == ["98.1", "98.2", "98.4", "100.1"]
    assert "98.3" in warns["recommendation_numbering_gap"][0]
    assert "4" in warns["recommendation_count_differs"][0] and "3" in warns["recommendation_count_differs"][0]
    assert "99" in warns["recommendation_group_missing"][0]


def test_misprinted_and_repeated_numbers_are_named() -> None:
    recs, warns = run(
        "98. The following recommendations enjoy the support of Ruritania:",
        "98.1 Ratify the CRPD (Chile);",
        "97.2 Adopt a plan on housing (Peru);",
        "98.3 Train judges (Norway);",
        "98.3 Train prosecutors (Norway).",
    )
    assert [r.number for r in recs] == ["98.1", "97.2", "98.3"]
    assert "97.2" in warns["recommendation_number_misprinted"][0]
    assert "98.3" in warns["recommendation_number_out_of_order"][0]
    assert "recommendation_numbering_gap" not in warns


def test_plain_list_under_an_unread_recommendations_lead() -> None:
    recs, warns = run(
        "60. On the recommendations of the dialogue, Ruritania states:",
        "1. Continue its literacy programmes (Cuba);",
        "2. Set up a helpline (India).",
    )
    assert [(r.number, r.position) for r in recs] == [("1", None), ("2", None)]
    assert "recommendation_lead_unread" in warns


def test_states_missing_or_unknown_are_named_with_a_guess() -> None:
    _, warns = run(
        "98. The following recommendations enjoy the support of Ruritania:",
        "98.1 Ratify the CRPD;",
        "98.2 Adopt a plan on housing (Trinidad adn Tobago).",
    )
    assert "98.1" in warns["recommendation_without_state"][0]
    assert "Trinidad adn Tobago" in warns["recommending_state_unknown"][0]
    assert "TTO" in warns["recommending_state_unknown"][0]


def test_state_names_mended_and_normalised() -> None:
    _, states = split_states("Ratify the CRPD (Bosnia and Herze-govina, Luxem bourg; the Russian 3 Federation)")
    assert states == ["Bosnia and Herzegovina", "Luxembourg", "Russian Federation"]
    _, states = split_states("Adopt a plan (the former Yugoslav Republic of Macedonia, Iran (Islamic Republic of))")
    refs = [lookup_state(s) for s in states]
    assert [(r.name, r.iso3) for r in refs if r] == [("North Macedonia", "MKD"), ("Iran (Islamic Republic of)", "IRN")]
    assert closest_state("Trinidad adn Tobago") is not None
    assert closest_state("Ruritania") is None


def test_addendum_partial_and_table_positions() -> None:
    assert response_reading("Supported in part. The law covers only adults.") == (None, "partial")
    assert response_reading("Noted  The Constitution already provides for this.") == ("noted", None)
    assert response_reading("Partially accepted, because the budget is limited.") == (None, "partial")
    recs, warnings = find_addendum_positions_with_warnings(
        doc(
            "1. The Government accepts the following recommendations: 98.1, 98.2, 98.3.",
            "2. The Government partially accepts the following recommendations: 98.4, 98.5.",
            "98.3 Supported in part. The plan covers the capital only, for lack of funds.",
            kind="working_group_addendum",
        )
    )
    got = {r.number: r.position for r in recs}
    assert got == {"98.1": "supported", "98.2": "supported", "98.3": None, "98.4": None, "98.5": None}
    assert "for lack of funds" in next(r.text for r in recs if r.number == "98.3")
    codes = _by_code(warnings)
    assert all(n in codes["addendum_position_partial"][0] for n in ("98.3", "98.4", "98.5"))


def test_link_names_addendum_numbers_the_report_lacks_even_without_position() -> None:
    from extract.outputs.link import link_documents
    from schemas import Document, DocumentMeta, StateRef

    def meta(file: str, kind: str, symbol: str) -> DocumentMeta:
        ref = StateRef(name="Ruritania", iso3="RRR")
        return DocumentMeta(
            source_file=file, sha256="0" * 64, pages=1, kind=kind, symbol=symbol, state_under_review=ref
        )  # type: ignore[arg-type]

    def rec(number: str, position: str | None, origin: str) -> Recommendation:
        return Recommendation(
            id=f"r{number}",
            text="Do it",
            number=number,
            position=position,
            page=1,
            bbox=(0, 0, 1, 1),
            origin=origin,  # type: ignore[arg-type]
        )

    rep = Document(
        document=meta("wg.pdf", "working_group_report", "A/HRC/30/7"), recommendations=[rec("98.1", None, "report")]
    )
    add = Document(
        document=meta("add.pdf", "working_group_addendum", "A/HRC/30/7/Add.1"),
        recommendations=[rec("98.1", "supported", "addendum"), rec("98.7", None, "addendum")],
    )
    warnings = link_documents([rep, add]).warnings
    absent = [w.message for w in warnings if w.code == "addendum_number_absent"]
    assert absent and "98.7" in absent[0]


def test_groups_read_out_of_order_or_far_apart_are_kept_and_named() -> None:
    recs, warns = run(
        "98. The following recommendations enjoy the support of Ruritania:",
        "98.1 Ratify the CRPD (Chile);",
        "104.1 Adopt a plan on housing (Peru);",
        "104.2 Train judges (Norway).",
        "97.1 Abolish the death penalty (Spain).",
    )
    assert [r.number for r in recs] == ["98.1", "104.1", "104.2", "97.1"]
    assert "recommendation_group_missing" in warns  # 99-103 between 98 and 104
    assert "97" in warns["recommendation_group_out_of_order"][0]
