"""Working Group report items and addendum positions, on text written for these tests (Ruritania is fictional)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.finders.addendum import find_addendum_positions, parse_number_list, response_position
from extract.finders.wgreport import (
    find_report_recommendations,
    parse_items,
    parse_state_list,
    position_of,
    split_states,
)
from extract.structure.units import DocText, TextUnit
from schemas import Section

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def doc(*paragraphs: str, pages: list[int] | None = None) -> DocText:
    pages = pages or [1] * len(paragraphs)
    units = [
        TextUnit(id=f"p{i}", source="paragraph", page=pg, text=t)
        for i, (t, pg) in enumerate(zip(paragraphs, pages, strict=True), 1)
    ]
    return DocText(units=units, kind="working_group_report", source_file="ruritania.pdf")


REPORT = (
    "II. Conclusions and/or recommendations",
    "98. The following recommendations enjoy the support of Ruritania:",
    "98.1 Ratify the Optional Protocol to the Convention against Torture (Maldives) (Portugal);",
    "98.2 Consider acceding to the 1961 Convention on the Reduction of Statelessness (Iran (Islamic Republic of));",
    "98.3 Strengthen the independence of the Ombudsman and allocate it adequate resources (Bolivia (Plurinational "
    "State of), Cuba and the Netherlands);",
    "99. The following recommendations did not enjoy the support of Ruritania and would thus be noted:",
    "99.1 Abolish the death penalty for all crimes (Venezuela (Bolivarian Republic of));",
    "99.2 Decriminalize defamation (Trinidad and Tobago).",
    "100. All conclusions and/or recommendations contained in the present report reflect the position of the "
    "submitting State(s) and/or the State under review.",
)


def test_items_numbers_states_positions() -> None:
    recs = find_report_recommendations(doc(*REPORT))
    assert [r.number for r in recs] == ["98.1", "98.2", "98.3", "99.1", "99.2"]
    assert recs[0].text == "Ratify the Optional Protocol to the Convention against Torture"
    assert recs[0].recommending_states == ["Maldives", "Portugal"]
    assert recs[1].recommending_states == ["Iran (Islamic Republic of)"]
    assert recs[2].recommending_states == ["Bolivia (Plurinational State of)", "Cuba", "Netherlands"]
    assert recs[3].recommending_states == ["Venezuela (Bolivarian Republic of)"]
    assert recs[4].recommending_states == ["Trinidad and Tobago"]
    assert [r.position for r in recs] == ["supported", "supported", "supported", "noted", "noted"]
    assert all(r.origin == "report" for r in recs)
    assert recs[0].paragraphs == ["p3"]
    assert recs[0].action.verb == "Ratify" and recs[0].action.category == 5


def test_pending_group_has_no_position() -> None:
    recs = find_report_recommendations(
        doc(
            "Conclusions and/or recommendations",
            "120. The following recommendations will be examined by Ruritania, which will provide responses in due "
            "time: 120.1 Ratify ICRMW (Freedonia); 120.2 Adopt a law on asylum (Chile);",
        )
    )
    assert [(r.number, r.position) for r in recs] == [("120.1", None), ("120.2", None)]


def test_item_split_across_units_and_pages_is_one_record() -> None:
    recs = find_report_recommendations(
        doc(
            "Conclusions and/or recommendations",
            "98. The following recommendations enjoy the support of Ruritania: 98.1 Ensure that every police",
            "cell has a working alarm bell (Norway); 98.2 Repeal the vagrancy law (Chile);",
            pages=[1, 1, 2],
        )
    )
    assert [r.number for r in recs] == ["98.1", "98.2"]
    assert recs[0].text == "Ensure that every police cell has a working alarm bell"
    assert recs[0].paragraphs == ["p2", "p3"] and recs[0].page == 1
    assert recs[1].page == 2


def test_two_items_in_one_unit_are_two_records() -> None:
    recs = find_report_recommendations(
        doc(
            "Conclusions and/or recommendations",
            "98. The following recommendations enjoy the support of Ruritania:",
            "98.1 Ratify the CRPD (Spain); 98.2 Ratify the OP-CAT (Chile); 98.3 Release all political prisoners "
            "(Canada).",
        )
    )
    assert [(r.number, r.recommending_states) for r in recs] == [
        ("98.1", ["Spain"]),
        ("98.2", ["Chile"]),
        ("98.3", ["Canada"]),
    ]


def test_sub_numbers_are_records_of_their_own() -> None:
    recs = find_report_recommendations(
        doc(
            "Conclusions and/or recommendations",
            "129. The following recommendations enjoy the support of Ruritania:",
            "129.1 Ratify the following instruments (Ghana);",
            "129.1.1 The Optional Protocol to the Convention on the Rights of the Child (Chile);",
            "129.1.2 The Convention on the Rights of Persons with Disabilities (Spain);",
            "129.2 Adopt a national action plan (Norway).",
        )
    )
    assert [r.number for r in recs] == ["129.1", "129.1.1", "129.1.2", "129.2"]


def test_first_cycle_plain_list_with_inner_state_groups() -> None:
    recs = find_report_recommendations(
        doc(
            "Conclusions and/or recommendations",
            "60. The recommendations listed below enjoy the support of Ruritania:",
            "1. Continue its literacy programmes (Cuba; Viet Nam); share its experience with other States (Chile);",
            "2. To set up a helpline for victims of domestic violence. (India)",
            "61. The following recommendations will be examined by Ruritania:",
            "1. Ratify the ICCPR (Canada, France and the Netherlands);",
        )
    )
    assert [(r.number, r.position) for r in recs] == [("1", "supported"), ("2", "supported"), ("1", None)]
    assert recs[0].recommending_states == ["Cuba", "Viet Nam", "Chile"]
    assert recs[0].text == "Continue its literacy programmes; share its experience with other States"
    assert recs[1].text == "To set up a helpline for victims of domestic violence"
    assert recs[2].recommending_states == ["Canada", "France", "Netherlands"]


def test_reader_numbers_and_items_taken_for_headings() -> None:
    """The reader keeps printed numbers in `number`, and may mistake an item's line for a heading."""
    secs = [
        Section(id="s1", title="Conclusions and/or recommendations", number="II", level=1, page_start=3, page_end=4),
        Section(
            id="s2", title="Ratify the CRPD (Chile);", number="98.2", level=2, parent="s1", page_start=4, page_end=4
        ),
    ]
    units = [
        TextUnit(
            id="p1",
            source="paragraph",
            page=3,
            section="s1",
            number="98",
            text="The following recommendations enjoy the support of Ruritania:",
        ),
        TextUnit(
            id="p2", source="paragraph", page=3, section="s1", number="98.1", text="Abolish the death penalty (Spain);"
        ),
        TextUnit(
            id="p3", source="paragraph", page=4, section="s2", number="98.3", text="Adopt a law on asylum (Peru);"
        ),
        TextUnit(
            id="p4", source="paragraph", page=4, section="s2", number="12", text="years of schooling are free (Ghana)."
        ),
    ]
    recs = find_report_recommendations(DocText(units=units, sections=secs))
    assert [(r.number, r.recommending_states, r.paragraphs, r.page) for r in recs] == [
        ("98.1", ["Spain"], ["p2"], 3),
        ("98.2", ["Chile"], [], 4),
        ("98.3", ["Peru", "Ghana"], ["p3", "p4"], 4),
    ]
    assert recs[2].text == "Adopt a law on asylum; 12 years of schooling are free"
    assert all(r.section == "s1" and r.position == "supported" for r in recs)


def test_cross_references_and_years_do_not_open_items() -> None:
    items = parse_items(
        "98. The following recommendations enjoy the support of Ruritania: 98.1 Implement recommendation 97.4 "
        "of the previous cycle and the 1961 Convention by 2025. Ratify it (Chile); 98.2 Adopt a law (Peru);"
    )
    assert [i.number for i in items] == ["98.1", "98.2"]


def test_comments_lead_is_not_a_list() -> None:
    assert position_of("With regard to the other recommendations, the State offers the following comments:")[0] is False
    assert position_of("The following recommendations did not enjoy the support of X:") == (True, "noted")
    assert position_of("The following recommendations enjoy the support of X, which considers them implemented:") == (
        True,
        "supported",
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Maldives", ["Maldives"]),
        ("Cuba, Ghana and the Netherlands", ["Cuba", "Ghana", "Netherlands"]),
        ("Trinidad and Tobago", ["Trinidad and Tobago"]),
        ("Bosnia and Herzegovina and Chile", ["Bosnia and Herzegovina", "Chile"]),
        ("Iran (Islamic Republic of)", ["Iran (Islamic Republic of)"]),
        (
            "Venezuela; Democratic People’s Republic of Korea; Viet Nam",
            ["Venezuela", "Democratic People’s Republic of Korea", "Viet Nam"],
        ),
        ("Russian 2 Federation", ["Russian Federation"]),
        ("CRPD", None),
        ("OP-CAT", None),
        ("in line with article 4", None),
        ("2019", None),
    ],
)
def test_state_lists(content: str, expected: list[str] | None) -> None:
    assert parse_state_list(content) == expected


def test_lenient_last_parenthesis_takes_an_unknown_name() -> None:
    assert parse_state_list("Libyan Arab Jamahiriya", lenient=True) == ["Libyan Arab Jamahiriya"]
    assert split_states("Ratify the Convention (Ruritania);") == ("Ratify the Convention", ["Ruritania"])
    assert split_states("Ratify the Optional Protocol (OP-CAT) (Spain)") == (
        "Ratify the Optional Protocol (OP-CAT)",
        ["Spain"],
    )


# ---------------------------------------------------------------- robustness


def pieces(tokens: list[str], n: int) -> st.SearchStrategy[str]:
    """Random text built from the tokens a parser reacts to."""
    return st.lists(st.sampled_from(tokens), max_size=n).map("".join)


@settings(max_examples=300, deadline=None)
@given(pieces([*list("0123456789. ()[];,:-ABCabc\n"), "Chile", " and ", "enjoy the support ", "recommendations "], 200))
def test_item_parser_never_crashes(text: str) -> None:
    for it in parse_items(text):
        assert it.start <= it.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_state_list_parser_never_crashes(text: str) -> None:
    out = parse_state_list(text)
    assert out is None or all(isinstance(s, str) and s for s in out)
    split_states(text)


ADVERSARIAL = [
    "1. A " * 20000,
    "98.1 A (" * 12500,
    "(" * 50000 + ")" * 50000,
    "98. The following recommendations enjoy the support of X: " + "98.1 Ratify (Chile) " * 5000,
    "(Chile, " * 12000,
    "1." * 50000,
    "a- b " * 20000,
]


@pytest.mark.timing
@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_100kb_input_parses_quickly(text: str) -> None:
    t = time.perf_counter()
    parse_items(text)
    split_states(text[:100_000])
    parse_state_list(text[:100_000])
    assert time.perf_counter() - t < 5.0


# ---------------------------------------------------------------- addenda


ADDENDUM = (
    "1. This document contains the response of Ruritania to the 12 recommendations it received.",
    "I. Accepted recommendations",
    "2. The Government accepts the following recommendations: 98.1, 98.2, 98.4-6.",
    "98.4-5 Both instruments were ratified in 2024.",
    "III. Noted recommendations",
    "3. The Government takes note of recommendations 98.3, 98.7–8 and wishes to add:",
    "98.3 The Ombudsman is already independent.",
)


def test_addendum_lists_and_responses() -> None:
    recs = find_addendum_positions(doc(*ADDENDUM))
    got = {r.number: r.position for r in recs}
    assert got == {
        "98.1": "supported",
        "98.2": "supported",
        "98.4": "supported",
        "98.5": "supported",
        "98.6": "supported",
        "98.3": "noted",
        "98.7": "noted",
        "98.8": "noted",
    }
    by = {r.number: r for r in recs}
    assert by["98.4"].text == "Both instruments were ratified in 2024"
    assert by["98.3"].text == "The Ombudsman is already independent"
    assert all(r.origin == "addendum" for r in recs)
    assert "12" not in got  # a count, not a recommendation number


def test_first_cycle_addendum_reads_each_response() -> None:
    recs = find_addendum_positions(
        doc(
            "Ruritania welcomes the recommendations. Its answers are as follows:",
            "1. Ruritania accepts the recommendation and notes that it is already implemented.",
            "2. Ruritania cannot accept the recommendation.",
            "3. Ruritania accepts the recommendation on legal aid. Ruritania cannot accept the recommendation on courts.",
            "4., 5. Ruritania accepts these recommendations.",
        )
    )
    assert {r.number: r.position for r in recs} == {
        "1": "supported",
        "2": "noted",
        "3": None,  # accepts part, notes part: kept, flagged
        "4": "supported",
        "5": "supported",
    }


@pytest.mark.parametrize(
    ("text", "nums"),
    [
        ("98.7, 98.8, 98.9.", ["98.7", "98.8", "98.9"]),
        ("1–3, 14– 15", ["1", "2", "3", "14", "15"]),
        ("87.17-18, 87.62- 63", ["87.17", "87.18", "87.62", "87.63"]),
        ("98.145, 146 Slovenia", ["98.145", "98.146"]),
        ("98.35. 98.36, 98.40.  98.11-12 The Convention", ["98.35", "98.36", "98.40"]),
    ],
)
def test_number_lists(text: str, nums: list[str]) -> None:
    assert parse_number_list(text)[0] == nums


def test_response_positions() -> None:
    assert response_position("Ruritania accepts the recommendation, which it has already carried out.") == "supported"
    assert response_position("The Government takes note of this recommendation.") == "noted"
    assert response_position("It accepts the first part but cannot accept the second.") is None
    assert response_position("The Act entered into force in 2020.") is None


@settings(max_examples=200, deadline=None)
@given(pieces([*list("0123456789.,-– "), "accepts ", "recommendations ", "Rec. ", "The ", "\n"], 150))
def test_addendum_never_crashes(text: str) -> None:
    find_addendum_positions(doc(text))
    parse_number_list(text)


@pytest.mark.timing
def test_addendum_100kb_quickly() -> None:
    text = "The Government accepts the following recommendations: " + "1.1, " * 20000
    t = time.perf_counter()
    find_addendum_positions(doc(text, "  1.1-400 Done. " * 2000))
    assert time.perf_counter() - t < 5.0


# ---------------------------------------------------------------- corpus


@pytest.mark.slow
@pytest.mark.corpus
def test_corpus_reports_give_numbered_items() -> None:
    pipeline = pytest.importorskip(
        "extract.running.pipeline", reason="the real reader (extract.running.pipeline) is not there yet"
    )
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    for pdf in sorted(CORPUS.glob("un_wgreport_*.pdf")):
        recs = find_report_recommendations(pipeline.load_doctext(pdf))
        assert len(recs) >= 5, pdf.name  # first-session reports list as few as nine
        assert sum(1 for r in recs if r.recommending_states) >= 0.75 * len(recs), pdf.name
