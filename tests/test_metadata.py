"""Document metadata (extract.finders.metadata) and stakeholder-summary contributors (extract.finders.contributors).

The texts are written for these tests: Freedonia is a fictional State, the
organisations are invented; real State names are facts.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.finders.contributors import find_contributors
from extract.finders.metadata import describe
from extract.structure.units import DocText, StyledLine, TextUnit

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _doc(
    cover: list[str | tuple[str, float, bool]],
    paragraphs: list[str] = (),  # type: ignore[assignment]
    notes: list[tuple[str, str]] = (),  # type: ignore[assignment]
    furniture: list[str] = (),  # type: ignore[assignment]
    pdf_title: str | None = None,
) -> DocText:
    lines = []
    for i, c in enumerate(cover):
        text, size, bold = (c, 12.0, False) if isinstance(c, str) else c
        lines.append(StyledLine(text=text, page=1, size=size, bold=bold, top=40.0 + 20 * i))
    units: list[TextUnit] = []
    for i, p in enumerate(paragraphs, 1):
        units.append(TextUnit(id=f"p{i}", source="paragraph", page=1 + i // 4, text=p))
    for j, (anchor, text) in enumerate(notes, 1):
        units.append(TextUnit(id=f"fn{j}", source="footnote", page=2, text=text, number=str(j), anchor=anchor))
    return DocText(
        units=units,
        cover=lines,
        furniture=[StyledLine(text=f, page=2, size=9.0, top=780.0) for f in furniture],
        pdf_title=pdf_title,
    )


UN_MASTHEAD = ["United Nations", "General Assembly", "Distr.: General", "10 March 2031", "Original: English"]


def test_working_group_report() -> None:
    doc = _doc(
        [
            "A",
            "/HRC/99/12",
            *UN_MASTHEAD,
            "Human Rights Council",
            "Ninety-ninth session",
            "Agenda item 6",
            "Report of the Working Group on the Universal Periodic Review*",
            "Kazakhstan",
        ],
        [
            "1. The Working Group on the Universal Periodic Review held its eightieth session from 1 to 12 May 2031. "
            "The review of Kazakhstan was held at the 5th meeting."
        ],
    )
    info = describe(doc)
    assert info.kind == "working_group_report"
    assert info.symbol == "A/HRC/99/12"
    assert info.state_under_review is not None and info.state_under_review.iso3 == "KAZ"
    assert info.date == "2031-03-10"
    assert info.session == 80  # the Working Group's session, not the Council's
    assert info.organisations == []
    assert info.language == "en"


def test_addendum_comes_before_report() -> None:
    doc = _doc(
        [
            *UN_MASTHEAD,
            "A/HRC/99/12/Add.1",
            "Report of the Working Group on the Universal Periodic Review",
            "Freedonia",
            "Addendum",
            "Views on conclusions and/or recommendations, voluntary commitments and replies presented by the "
            "State under review",
        ]
    )
    assert describe(doc).kind == "working_group_addendum"


@pytest.mark.parametrize(
    ("title", "suffix", "kind"),
    [
        (
            "National report submitted in accordance with paragraph 5 of the annex to Human Rights Council "
            "resolution 16/21",
            "1",
            "national_report",
        ),
        (
            "Compilation prepared by the Office of the United Nations High Commissioner for Human Rights",
            "2",
            "un_compilation",
        ),
        ("Summary of stakeholders' submissions on Slovenia", "3", "stakeholder_summary"),
    ],
)
def test_pre_session_documents(title: str, suffix: str, kind: str) -> None:
    doc = _doc(
        [
            f"A/HRC/WG.6/70/SVN/{suffix}",
            *UN_MASTHEAD,
            "Human Rights Council",
            "Working Group on the Universal Periodic Review",
            "Seventieth session",
            title,
            "Slovenia",
        ]
    )
    info = describe(doc)
    assert info.kind == kind
    assert info.symbol == f"A/HRC/WG.6/70/SVN/{suffix}"
    assert info.session == 70
    assert info.state_under_review is not None and info.state_under_review.iso3 == "SVN"


def test_kind_from_symbol_when_the_title_is_missing() -> None:
    doc = _doc(["A/HRC/WG.6/70/SVN/2", *UN_MASTHEAD, "Slovenia"])
    assert describe(doc).kind == "un_compilation"


def test_other_un_document() -> None:
    doc = _doc(
        [
            *UN_MASTHEAD,
            "A/HRC/DEC/99/105",
            "Decision adopted by the Human Rights Council",
            "Outcome of the universal periodic review: Slovenia",
        ]
    )
    assert describe(doc).kind == "other"


def test_ngo_submission_named_on_the_cover() -> None:
    doc = _doc(
        [
            ("Freedonia Universal Periodic Review", 12.0, True),
            ("Submission by the Grand League for Penal Reform", 12.0, True),
            ("October 2030", 12.0, True),
        ],
        [
            "The Grand League for Penal Reform is a charity set up in 1901 to improve prisons.",
            "The Grand League for Penal Reform urges Chile to cut the use of remand.",
        ],
    )
    info = describe(doc)
    assert info.kind == "ngo_submission"
    assert info.organisations == ["Grand League for Penal Reform"]
    assert info.date == "2030-10"
    assert info.state_under_review is None or info.state_under_review.iso3 == "CHL"


def test_organisation_before_its_submission_word_and_possessive() -> None:
    doc = _doc(
        [
            "Chile",
            "Harbour Watch International submission for the third review of Chile",
            "UPR Working Group, 13th session, May 2031",
        ],
        ["Harbour Watch International urges the government of Chile to act."],
    )
    info = describe(doc)
    assert info.organisations == ["Harbour Watch International"]
    assert info.session == 13
    assert info.state_under_review is not None and info.state_under_review.iso3 == "CHL"

    doc = _doc(
        ["Elder Care Chile’s response for the review of Chile by the Council", "Nov 19 2030"],
        ["Elder Care Chile works with older people. Elder Care Chile asks for a commissioner."],
    )
    info = describe(doc)
    assert info.organisations == ["Elder Care Chile"]
    assert info.date == "2030-11-19"


def test_joint_submission_authors_and_acronyms() -> None:
    doc = _doc(
        [
            ("Friends of Lighthouse Keepers (FLK) and Rights for Island Workers (RIW)", 12.0, True),
            ("Chile", 12.0, True),
            "Submission to the UN Universal Periodic Review",
            "Second Cycle, 13th Session 2031",
        ],
        [
            "About FLK: FLK is a national network of volunteers.",
            "About RIW: RIW is a charity founded in 1999.",
            "FLK and RIW ask Chile to act.",
        ],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert sorted(info.organisations) == ["Friends of Lighthouse Keepers", "Rights for Island Workers"]
    assert info.cycle == 2
    assert info.session == 13


def test_joint_submission_split_only_where_both_parts_stand_alone() -> None:
    doc = _doc(
        [
            "Ocean Now and Digital Tides Watch Joint Submission to the Universal Periodic Review",
            "Third Cycle for Chile",
        ],
        [
            "Ocean Now is an international organisation. Ocean Now works online.",
            "Digital Tides Watch defends digital rights. Digital Tides Watch was founded in 2016.",
        ],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert info.organisations == ["Ocean Now", "Digital Tides Watch"]
    assert info.cycle == 3

    doc = _doc(
        ["Submission by the Institute for Harbours and Business", "Chile"],
        ["The Institute for Harbours and Business is a think tank."],
    )
    assert describe(doc).organisations == ["Institute for Harbours and Business"]


def test_authors_listed_after_on_behalf_of_are_co_authors_even_when_printed_once() -> None:
    doc = _doc(
        [
            "Submission to the United Nations Universal Periodic Review of Chile (C.L.)",
            "Submission on behalf of: Lantern Keepers Links (LKLinks) and Northvale",
            "University Dept. of Maritime Law (C.L.)1",
        ],
        ["Submission focus: the rights of island peoples in Chile's harbours."],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert info.organisations == ["Lantern Keepers Links", "Northvale University Dept. of Maritime Law"]


def test_a_capital_banner_of_two_authors() -> None:
    doc = _doc(
        [
            ("HARBOUR JUSTICE COLLECTIVE AND TIDEWATCH", 14.0, True),
            "Universal Periodic Review — Freedonia: May 2031",
        ],
        [
            "1. Drawing on research by the Harbour Justice Collective and Tidewatch, this submission looks at "
            "searches of fishing boats in Freedonia.",
            "The Harbour Justice Collective uses law to protect people on the coast.",
            "Tidewatch is an action group formed of lawyers and fishers. Tidewatch aims to end arbitrary searches.",
        ],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert info.organisations == ["Harbour Justice Collective", "Tidewatch"]


def test_a_capital_name_with_y_is_one_author_unless_each_part_is_known() -> None:
    doc = _doc(
        [("JUSTICIA Y MAREA", 14.0, True), "Examen Periódico Universal de Freedonia"],
        ["Justicia y Marea es una organización que defiende a los pescadores de Freedonia."],
    )
    info = describe(doc)
    assert info.kind == "ngo_submission"
    assert info.organisations == ["Justicia y Marea"]


def test_authors_listed_on_the_lines_under_the_cue() -> None:
    doc = _doc(
        [
            "UPR Submission on harbour safety in Freedonia",
            "Joint Submission by:",
            "Lighthouse Families Association (LFA)",
            "www.lfa.example.org",
            "&",
            "The Tidal Rights Initiative (TRI)",
            "Prospect Quay",
        ],
        ["This report is submitted by the Lighthouse Families Association (LFA) and the Tidal Rights Initiative."],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert info.organisations == ["Lighthouse Families Association", "Tidal Rights Initiative"]


def test_a_banner_of_acronyms_with_their_glosses() -> None:
    doc = _doc(
        [
            "BRAG (Bayside Refugee Action Group) with",
            "HOST (Harbour Open Shelter Team) and the ISC",
            "(Island Sanctuary Centre)",
            "Submission to the Universal Periodic Review of Freedonia",
        ],
        ["This submission draws on work with people seeking asylum in Freedonia's ports."],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert info.organisations == [
        "Bayside Refugee Action Group",
        "Harbour Open Shelter Team",
        "Island Sanctuary Centre",
    ]


def test_a_contact_person_listed_with_the_author_is_not_an_author() -> None:
    doc = _doc(
        [
            "An NGO submission on fishers' rights in Freedonia",
            "Submitted by:",
            "Ana Pérez, Tidal Alliance Project Coordinator,",
            "Harbour Network on 2 May 2031",
        ],
        ["The Tidal Alliance is a project within the Harbour Network."],
    )
    assert "Ana Pérez" not in describe(doc).organisations


def test_nhri_submission() -> None:
    doc = _doc(
        [
            "Submission to the UN Human Rights Council Universal Periodic Review of Chile",
            "By: Children’s Commissioner for Islands, Ana Pérez",
            "Second Cycle, 13th Session 2031",
        ],
        ["The Children’s Commissioner for Islands was established by statute in 2001."],
    )
    info = describe(doc)
    assert info.kind == "nhri_submission"
    assert info.organisations == ["Children’s Commissioner for Islands"]


def test_spanish_submission_strips_legal_form() -> None:
    doc = _doc(
        [
            (
                "Presentación de la Asociación Civil Espejo Cívico ante el examen de la República Bolivariana de "
                "Venezuela",
                12.0,
                True,
            ),
            ("ONU Examen Periódico Universal", 12.0, True),
            ("12ª sesión (Octubre de 2031)", 12.0, True),
        ],
        [
            "1. Espejo Cívico, es una asociación civil que vigila desde 2004 la transparencia de la prensa.",
            "2. Espejo Cívico presenta aquí sus datos sobre Venezuela y sus medios.",
        ],
    )
    info = describe(doc)
    assert info.language == "es"
    assert info.organisations == ["Espejo Cívico"]
    assert info.session == 12
    assert info.state_under_review is not None and info.state_under_review.iso3 == "VEN"


def test_all_capital_name_takes_the_running_text_spelling() -> None:
    doc = _doc(
        [
            "TIDAL NOW – STAKEHOLDER SUBMISSION",
            "UNIVERSAL PERIODIC REVIEW: CUBA, SESSION 4 – FEBRUARY 2031",
        ],
        ["Tidal Now is a small organisation of lawyers that counts the detained in Cuba."],
    )
    info = describe(doc)
    assert info.organisations == ["Tidal Now"]
    assert info.state_under_review is not None and info.state_under_review.iso3 == "CUB"
    assert info.session == 4


def test_running_footer_names_the_author() -> None:
    doc = _doc(
        ["1. About the authors"],
        ["This joint submission from the Island Rights Consortium concerns Chile."],
        furniture=["Island Rights Consortium- Joint UPR Submission- Chile- 2031"],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert info.organisations == ["Island Rights Consortium"]


def test_authors_read_from_bylines_self_descriptions_and_bare_titles() -> None:
    doc = _doc(
        ["Report on prisons in Chile", "By Lighthouse Keepers International", "March 2031"],
        ["Lighthouse Keepers International asks Chile to close the island camps."],
    )
    assert describe(doc).organisations == ["Lighthouse Keepers International"]
    doc = _doc(
        ["The Universal Periodic Review contribution of", "THE HARBOUR TRUST OF CHILE", "(HTC)"],
        ["The Harbour Trust of Chile works with dockers."],
    )
    assert describe(doc).organisations == ["Harbour Trust of Chile"]
    doc = _doc(
        ["Chile"],
        ["The Island Workers Alliance (IWA), www.iwa.example, is one of the largest alliances of unions in Chile."],
    )
    assert describe(doc).organisations == ["Island Workers Alliance"]
    doc = _doc(["Informe sobre Chile"], ["“Un Faro Sin Sombra” es una organización que defiende a la prensa."])
    info = describe(doc)
    assert info.organisations == ["Un Faro Sin Sombra"]
    assert info.kind == "ngo_submission"
    doc = _doc(["UPR Submission – Chile"], ["The island camps are full."], pdf_title="Harbour Rights Watch")
    assert describe(doc).organisations == ["Harbour Rights Watch"]
    doc = _doc(["Submission to the Universal Periodic Review by the U.N. of Chile", "Chile"], ["Camps are full."])
    assert describe(doc).organisations == []


def test_a_lower_case_word_after_sans_and_the_authors_country_after_a_comma() -> None:
    doc = _doc(
        [
            "Examen périodique universel – Chili",
            "Contribution de Gardiens sans frontières, organisation non gouvernementale",
        ],
        [
            "Gardiens sans frontières défend les gardiens de phare. Gardiens sans frontières demande la fermeture des camps."
        ],
    )
    assert describe(doc).organisations == ["Gardiens sans frontières"]
    doc = _doc(
        ["Report on the Republic of Chile", "21 March 2031"],
        ["The Harbour Law School Island Rights Clinic, U.S.A. submits the following report on Chile."],
    )
    assert describe(doc).organisations == ["Harbour Law School Island Rights Clinic"]


def test_an_acronym_spelt_out_with_a_date_in_the_name_and_a_committee_of_relatives() -> None:
    doc = _doc(
        ["Informe para el Examen Periódico Universal de Chile", "Marzo 2031"],
        [
            "COFADEM presenta este informe sobre las desapariciones. COFADEM es una organización no gubernamental.",
            "Las familias siguen esperando justicia.",
            "Comité de Familiares de los Desaparecidos de Mayo de 2019 (COFADEM)",
        ],
    )
    assert describe(doc).organisations == ["Comité de Familiares de los Desaparecidos de Mayo de 2019"]


def test_a_states_own_human_rights_commission_is_an_nhri() -> None:
    doc = _doc(["Submission by the Chilean Human Rights Commission", "Chile"], ["Camps are full."])
    assert describe(doc).kind == "nhri_submission"
    doc = _doc(["Submission by the Harbour Human Rights Commission", "Chile"], ["Camps are full."])
    assert describe(doc).kind == "ngo_submission"


def test_submission_cues_read_without_accents() -> None:
    body = "Los campamentos están llenos y las familias que viven en ellos no tienen agua potable ni luz " * 2
    doc = _doc(["Aportes al Exámen Periódico Universal de Chile"], [body, body])
    assert describe(doc).kind == "ngo_submission"


def test_no_file_name_is_read() -> None:
    doc = _doc(["Text without any cue"], ["Plain words about nothing in particular and the weather."])
    doc.source_file = "ngo_amnesty_international_chile_2031.pdf"
    info = describe(doc)
    assert info.organisations == []
    assert info.state_under_review is None


def test_cover_symbol_uses_the_shared_grammar() -> None:
    # a masthead may print the series letter apart from the rest of the symbol
    doc = _doc([*UN_MASTHEAD, "A", "/HRC/WG.6/7/CHL/1", "National report submitted in accordance with", "Chile"])
    info = describe(doc)
    assert info.symbol == "A/HRC/WG.6/7/CHL/1"
    assert info.session == 7


def test_language_cues_validate_and_merge() -> None:
    import re

    from extract.finders.metadata.cues import load_cues
    from extract.finders.metadata.words import MetadataWords, merged
    from extract.lang import load_each

    each = load_each("metadata", MetadataWords)
    assert each, "no extract/lang/<code>/metadata.json"
    for words in each.values():
        for p in [*words.un_cover, *words.joint, *words.submission, *(x for v in words.un_kinds.values() for x in v)]:
            re.compile(p)
    assert merged().ordinals["fourth"] == 4 and merged().tens["forty"] == 40
    assert load_cues().un_kinds[0][0] == "working_group_addendum"  # the order doc_kinds.json gives


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=8), st.lists(st.text(max_size=300), max_size=6))
def test_describe_never_crashes(cover: list[str], paragraphs: list[str]) -> None:
    info = describe(_doc(cover, paragraphs))
    assert info.kind in {
        "ngo_submission",
        "joint_submission",
        "nhri_submission",
        "national_report",
        "un_compilation",
        "stakeholder_summary",
        "working_group_report",
        "working_group_addendum",
        "other",
    }
    assert info.as_dict()["kind"] == info.kind


@pytest.mark.timing
def test_describe_is_quick_on_a_long_document() -> None:
    para = (
        "The Harbour Watch International Submission notes that Chad, Jordan (the State) and Freedonia "
        "(Plurinational State of) ratified the Covenant in May 2030. "
    ) * 8
    doc = _doc(["Submission by Harbour Watch International"] * 3, [para] * 120)  # ~100 kB
    t0 = time.perf_counter()
    describe(doc)
    assert time.perf_counter() - t0 < 5.0


# ---------------------------------------------------------------- contributors

SUMMARY_NOTE = (
    "The stakeholders listed below have contributed information for this summary; the full texts of all original "
    "submissions are available at: www.ohchr.org. Civil society Individual submissions: HWI Harbour Watch "
    "International, London, United Kingdom; ILW Island Lighthouse Workers, Valparaíso (Chile); Blue Reef The Blue "
    "Reef, Lima (Peru); Joint submissions: JS1 Joint submission 1 submitted by: Ocean Now; and the Tide Institute; "
    "Rights for Island Workers, Santiago (Chile). National human rights institution: Ombudsman/IHRO Island Human "
    "Rights Ombudsman, Santiago (Chile); Regional intergovernmental organization(s): CoE The Council of Europe, "
    "Strasbourg (France) Attachments: (CoE-ECRI) Conclusions on Chile, adopted on 7 December 2030."
)


def test_contributors_list_and_citing_paragraphs() -> None:
    doc = _doc(
        [],
        [
            "The present report is a summary of 5 stakeholders' submissions to the universal periodic review.",
            "HWI and JS1 recommended that Chile ratify the Convention.",
            "The Ombudsman noted progress (ILW, p. 3).",
            "Blue Reef reported on schools.",
        ],
        notes=[
            ("p1", SUMMARY_NOTE),
            ("p2", "HWI, p. 2; JS1, para. 4."),
            ("p3", "IHRO, para. 23."),
            ("p4", "Blue Reef, p. 1."),
        ],
    )
    cs = find_contributors(doc)
    got = {c.abbreviation: c for c in cs}
    assert [c.id for c in cs] == [f"org{i}" for i in range(1, len(cs) + 1)]
    assert set(got) == {"HWI", "ILW", "Blue Reef", "JS1", "Ombudsman/IHRO", "CoE"}
    assert got["HWI"].name == "Harbour Watch International" and got["HWI"].kind == "ngo"
    assert got["ILW"].name == "Island Lighthouse Workers"
    assert got["Blue Reef"].name == "The Blue Reef"
    assert got["JS1"].kind == "joint" and "Tide Institute" in got["JS1"].name
    assert got["Ombudsman/IHRO"].kind == "nhri"
    assert got["CoE"].kind == "regional"
    assert got["HWI"].paragraphs == ["p2"]
    assert got["JS1"].paragraphs == ["p2"]
    assert got["ILW"].paragraphs == ["p3"]
    assert set(got["Ombudsman/IHRO"].paragraphs) == {"p3"}
    assert got["Blue Reef"].paragraphs == ["p4"]


def test_contributors_unseparated_regional_section() -> None:
    note = (
        "The stakeholders listed below have contributed information for this summary. Civil society HWI Harbour "
        "Watch International, London, United Kingdom*; ILW Island Lighthouse Workers (Joint submission). "
        "Regional Organizations CoE Council of Europe, Strasbourg, France CoE-ECRI European Commission against "
        "Racism and Intolerance CoE-Commissioner The Council of Europe Commissioner for Human Rights"
    )
    doc = _doc([], ["Summary.", "CoE-ECRI and the CoE-Commissioner urged Chile to act."], notes=[("p1", note)])
    got = {c.abbreviation: c for c in find_contributors(doc)}
    assert set(got) == {"HWI", "ILW", "CoE", "CoE-Commissioner", "CoE-ECRI"}
    assert got["ILW"].kind == "joint" and got["ILW"].name == "Island Lighthouse Workers"
    assert got["CoE-ECRI"].paragraphs == ["p2"] and got["CoE"].paragraphs == []


def test_no_contributors_without_a_list() -> None:
    assert find_contributors(_doc(["Submission"], ["Civil society matters in Chile."])) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_contributors_never_crash(text: str) -> None:
    doc = _doc([], ["x"], notes=[("p1", "The stakeholders listed below " + text)])
    for c in find_contributors(doc):
        assert c.id.startswith("org")


# ---------------------------------------------------------------- corpus


@pytest.mark.slow
@pytest.mark.corpus
def test_kazakhstan_pair_on_the_corpus() -> None:
    report = CORPUS / "un_wgreport_kazakhstan_2014.pdf"
    seed = CORPUS / "seed_amnesty_kazakhstan_2019.pdf"
    if not (report.exists() and seed.exists()):
        pytest.skip("the shared corpus (../shared/corpus) is not beside the repository")
    from extract.running.pipeline import load_doctext

    info = describe(load_doctext(report))
    assert (info.kind, info.symbol, info.state_under_review.iso3 if info.state_under_review else None) == (
        "working_group_report",
        "A/HRC/28/10",
        "KAZ",
    )
    info = describe(load_doctext(seed))
    assert info.kind == "ngo_submission"
    assert info.organisations == ["Amnesty International"]
    assert info.state_under_review is not None and info.state_under_review.iso3 == "KAZ"


PROSE = "La situación de los derechos humanos en el país empeoró durante el periodo que cubre este informe, " * 2


def test_a_coalitions_members_in_a_footnote_are_its_co_authors() -> None:
    doc = _doc(
        [("Presentación de Coalición de organizaciones agrupadas en la Mesa Cívica de Norvalia", 14.0, True)],
        ["La Mesa Cívica de Norvalia es una plataforma de organizaciones de derechos humanos.", PROSE],
        notes=[
            (
                "p1",
                "Integrada por las siguientes organizaciones: Centro de Estudios Legales del Sur (CELS), "
                "Fundación Río Claro, Red de Defensoras de Norvalia (REDENOR) y Comité de Familiares de Víctimas.",
            )
        ],
    )
    info = describe(doc)
    assert info.kind == "joint_submission"
    assert info.organisations[1:] == [
        "Centro de Estudios Legales del Sur",
        "Fundación Río Claro",
        "Red de Defensoras de Norvalia",
        "Comité de Familiares de Víctimas",
    ]


def test_supporters_are_not_co_authors() -> None:
    doc = _doc(
        ["Joint submission by the Norvalia Rights Network"],
        [
            "This report is supported by the following organisations: Harbour Trust, Valley Aid Centre, "
            "North Coast Forum and River Union.",
            PROSE,
        ],
    )
    assert "Harbour Trust" not in describe(doc).organisations


def test_an_infographic_is_no_submission() -> None:
    doc = _doc(["The Universal Periodic Review", "Trends in supported recommendations"], ["47%", "Norvalia"])
    assert describe(doc).kind == "other"


def test_an_academic_paper_is_no_submission() -> None:
    doc = _doc(
        ["Journal of Comparative Rights Studies", "Abstract"],
        [PROSE, PROSE, "Keywords: treaty bodies; compliance. doi: 10.1000/xyz123"],
    )
    assert describe(doc).kind == "other"


def test_the_cycle_follows_from_the_session() -> None:
    doc = _doc(["Submission by the Norvalia Rights Network", "UPR 13th session, May 2032"], [PROSE, PROSE])
    info = describe(doc)
    assert info.session == 13 and info.cycle == 2


def test_a_title_that_is_only_the_state_gives_way_to_the_submissions_title() -> None:
    doc = _doc(
        [("Chile", 20.0, True), ("Norvalia Rights Network submission to the Universal Periodic Review", 16.0, True)],
        [PROSE, PROSE],
    )
    assert describe(doc).title == "Norvalia Rights Network submission to the Universal Periodic Review"


def test_a_un_masthead_is_never_a_title() -> None:
    from extract.finders.metadata.title import _junk_part

    assert _junk_part("UNITED NATIONS") and _junk_part("NATIONS A") and _junk_part("General Assembly")
    assert not _junk_part("Report of the Working Group on the Universal Periodic Review")


def test_a_signatures_job_title_is_cut_off_the_organisations_name() -> None:
    from extract.finders.metadata.authors import _strip_name
    from extract.finders.metadata.cues import load_cues

    cues = load_cues()
    assert _strip_name("Freedonia Rights Alliance Project Coordinator", cues) == "Freedonia Rights Alliance"
    assert _strip_name("Red Freedoniana de Derechos Coordinadora", cues) == "Red Freedoniana de Derechos"
    assert _strip_name("Office of the President", cues) == "Office of the President"  # a name, not a role


def test_the_pdfs_author_field_names_an_author_the_document_prints() -> None:
    paragraphs = [
        "Trade unions in Freedonia are organised under one national centre founded in 1939.",
        "Solidarity with the workers of Freedonia is strong: the Freedonia Solidarity Campaign has many affiliates.",
    ]
    doc = _doc(["A. UNIONS IN FREEDONIA"], paragraphs)
    doc.pdf_author = "Freedonia Solidarity Campaign"
    assert describe(doc).organisations == ["Freedonia Solidarity Campaign"]
    doc.pdf_author = "Ana Vell"  # a person who typed the file is no author
    assert "Ana Vell" not in describe(doc).organisations


def test_a_slogan_in_the_running_header_is_no_co_author_and_the_pronoun_ends_a_name() -> None:
    doc = _doc(
        [("Universal Periodic Review", 14.0, True)],  # the logo and its slogan head every page: furniture
        [
            "On behalf of FRDA I would like to submit the following information on Freedonia.",
            "FRDA, (Freedonia Road Danger Alliance) was formed in 1990 to help bereaved families.",
            "Freedonia has no offence of causing serious injury by dangerous driving, and Freedonia should create one.",
        ],
        furniture=["F.R.D.A.", "Helping Families After Road Crashes"],
    )
    assert describe(doc).organisations == ["Freedonia Road Danger Alliance"]
