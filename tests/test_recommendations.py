"""Submission recommendations: lists after lead-ins, closing sections, labels, body asks, others' words left out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.finders.recommendations import find_recommendations, lead_in_start, link_articles
from extract.structure.units import DocText, TextUnit
from schemas import LegalArticle, Mention, Section

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def sec(sid: str, title: str, level: int = 1, parent: str | None = None, page: int = 1) -> Section:
    return Section(id=sid, title=title, level=level, parent=parent, page_start=page, page_end=page)


class Doc:
    """A fictional submission written unit by unit."""

    def __init__(self) -> None:
        self.units: list[TextUnit] = []
        self.sections: list[Section] = []
        self.section: str | None = None
        self.page = 1

    def heading(self, title: str, level: int = 1, parent: str | None = None) -> Doc:
        sid = f"s{len(self.sections) + 1}"
        self.sections.append(sec(sid, title, level, parent, self.page))
        self.section = sid
        return self

    def para(self, text: str, kind: str = "body", number: str | None = None, indent: int = 0) -> Doc:
        uid = f"p{len(self.units) + 1}"
        self.units.append(
            TextUnit(
                id=uid,
                source="paragraph",
                page=self.page,
                text=text,
                section=self.section,
                kind=kind,
                number=number,
                indent=indent,
            )
        )
        return self

    def bullet(self, text: str, indent: int = 0) -> Doc:
        return self.para(text, kind="bullet", indent=indent)

    def build(self, language: str = "en") -> DocText:
        return DocText(units=self.units, sections=self.sections, language=language)


def texts(doc: DocText, **kw: str) -> list[str]:
    return [r.text for r in find_recommendations(doc, **kw)]


# ---------------------------------------------------------------- lists and sections


def test_closing_list_after_a_lead_in_without_the_lead_in() -> None:
    doc = (
        Doc()
        .heading("Freedom of assembly")
        .para("The police of Freedonia dispersed a peaceful march in Port Lirin in May and detained forty people.")
        .heading("Recommendations for action by the State under review")
        .para("The Freedonian League calls on the government of Freedonia to:")
        .bullet("Repeal Article 12 of the Public Order Act;")
        .bullet("Release all persons detained for taking part in peaceful assemblies;")
        .bullet("Invite the Special Rapporteur on freedom of assembly to Freedonia this year.")
        .build()
    )
    recs = find_recommendations(doc)
    assert [r.text for r in recs] == [
        "Repeal Article 12 of the Public Order Act;",
        "Release all persons detained for taking part in peaceful assemblies;",
        "Invite the Special Rapporteur on freedom of assembly to Freedonia this year.",
    ]
    assert all(r.section == "s2" and r.origin == "submission" for r in recs)
    assert recs[0].paragraphs == ["p3"]
    assert recs[0].action.verb == "Repeal"


def test_lead_in_outside_any_recommendation_section_opens_a_numbered_list() -> None:
    doc = (
        Doc()
        .heading("Older people")
        .para("The Government of Freedonia should:")
        .para("Protect the Human Rights Act of 1999.", number="2.1")
        .para("Reform the law on guardianship of older persons.", number="2.2")
        .heading("Progress since the previous review")
        .para(
            "The last review included the recommendation that the Government should protect older persons.",
            number="3.1",
        )
        .build()
    )
    recs = find_recommendations(doc)
    assert [(r.number, r.text) for r in recs] == [
        ("2.1", "Protect the Human Rights Act of 1999."),
        ("2.2", "Reform the law on guardianship of older persons."),
    ]


def test_sub_bullets_fold_into_their_parent_item() -> None:
    doc = (
        Doc()
        .heading("Recommendations")
        .para("Ensure that the new Media Law:", kind="bullet", indent=0)
        .bullet("abolishes the licensing of journalists;", indent=1)
        .bullet("decriminalises defamation.", indent=1)
        .bullet("Ratify the Optional Protocol to the Convention against Torture.", indent=0)
        .build()
    )
    assert texts(doc) == [
        "Ensure that the new Media Law: abolishes the licensing of journalists; decriminalises defamation.",
        "Ratify the Optional Protocol to the Convention against Torture.",
    ]


def test_lettered_items_fold_into_a_numbered_item() -> None:
    doc = (
        Doc()
        .heading("Recommendations")
        .para("Reform the penal code, in particular:", number="1.")
        .para("repeal the offence of insulting officials;", number="a")
        .para("limit pre-trial detention to six months.", number="b")
        .para("Abolish the death penalty.", number="2")
        .build()
    )
    recs = find_recommendations(doc)
    assert [(r.number, r.text) for r in recs] == [
        (
            "1",
            "Reform the penal code, in particular: repeal the offence of insulting officials; "
            "limit pre-trial detention to six months.",
        ),
        ("2", "Abolish the death penalty."),
    ]
    assert recs[0].paragraphs == ["p1", "p2", "p3"]


def test_noun_phrase_bullets_count_in_a_recommendations_section_but_not_elsewhere() -> None:
    doc = (
        Doc()
        .para("The Freedonian Prison Trust has the following values:")
        .bullet("Streets where neighbours look after one another")
        .heading("Recommendations")
        .bullet("A statutory limit of 28 days on immigration detention")
        .build()
    )
    assert texts(doc) == ["A statutory limit of 28 days on immigration detention"]


def test_narrative_in_a_conclusion_section_is_not_an_item() -> None:
    doc = (
        Doc()
        .heading("Conclusion and Recommendations")
        .para("Freedonia continues to deny its citizens the most basic rights.", number="21")
        .para(
            "We ask the Council to hold Freedonia to its pledges. The Council should urge Freedonia to take the steps set out below.",
            number="22",
        )
        .heading("Our recommendations to Freedonia are as follows:", level=2, parent="s1")
        .bullet("Release Ms Anna Vell without conditions.")
        .build()
    )
    assert texts(doc) == ["Release Ms Anna Vell without conditions."]


def test_actor_paragraphs_and_trailing_lead_in_in_a_recommendation_section() -> None:
    doc = (
        Doc()
        .heading("Recommendations")
        .para("The Prosecutor's Office should withdraw the case against Judge Ilya Rask.")
        .para("The National Assembly should:")
        .bullet("Repeal the insult laws;")
        .para("The government of Freedonia should stop attacking the press. Specifically, officials should:")
        .bullet("Retract statements against journalists.")
        .build()
    )
    assert texts(doc) == [
        "The Prosecutor's Office should withdraw the case against Judge Ilya Rask.",
        "Repeal the insult laws;",
        "The government of Freedonia should stop attacking the press.",
        "Retract statements against journalists.",
    ]


def test_passive_asks_and_printed_numbers_in_a_recommendations_section() -> None:
    doc = (
        Doc()
        .heading("Conditions of detention")
        .para("The Harbour Detention Centre held 300 people in 2030.", number="4")
        .para("The screening interview should be recorded, a practice the centre rejects.", number="5")
        .heading("Suggestions and recommendations")
        .para("The Freedonian Visitors Group believes the State should take these steps:")
        .para("The screening interview should be recorded.", number="21")
        .para("Pregnant women must not be detained.", number="22")
        .heading("Recomendaciones")
        .para("Recomendamos que se adopten las siguientes medidas:")
        .para("1.- Reducci\u00f3n del tiempo de espera en los tribunales.")
        .para("2.- Creaci\u00f3n de talleres de oficios en las c\u00e1rceles.")
        .build()
    )
    recs = find_recommendations(doc)
    assert [(r.number, r.text) for r in recs] == [
        ("21", "The screening interview should be recorded."),
        ("22", "Pregnant women must not be detained."),
        ("1", "Reducci\u00f3n del tiempo de espera en los tribunales."),
        ("2", "Creaci\u00f3n de talleres de oficios en las c\u00e1rceles."),
    ]


def test_headings_and_labels_of_asks_in_their_general_forms() -> None:
    doc = (
        Doc()
        .heading("Areas for action")
        .bullet("Publish the prison inspection reports.")
        .heading("Findings and recommendations")
        .bullet("Close the Harbour Detention Centre.")
        .heading("Ley de Aguas")
        .para("Segunda recomendaci\u00f3n al Estado: Consultar a las comunidades antes de reformar la ley.")
        .para("Tercera recomendaci\u00f3n al Estado. Publicar los datos de calidad del agua.")
        .build()
    )
    assert texts(doc, lang="es") == [
        "Publish the prison inspection reports.",
        "Close the Harbour Detention Centre.",
        "Consultar a las comunidades antes de reformar la ley.",
        "Publicar los datos de calidad del agua.",
    ]


# ---------------------------------------------------------------- labels, body sentences, others' words


def test_run_in_label_is_left_out_and_the_paragraph_number_kept() -> None:
    doc = (
        Doc()
        .heading("Detention of children")
        .para(
            "Recommendation: That Freedonia end the detention of children. Families should never be separated.",
            number="3.6",
        )
        .para("Areas for action:The Ministry of Education should publish its inclusion plan.", number="4.2.5")
        .build()
    )
    recs = find_recommendations(doc)
    assert [(r.number, r.text) for r in recs] == [
        ("3.6", "That Freedonia end the detention of children. Families should never be separated."),
        ("4.2.5", "The Ministry of Education should publish its inclusion plan."),
    ]


def test_body_should_sentence_counts_from_its_sentence_on() -> None:
    doc = (
        Doc()
        .heading("Older persons")
        .para(
            "Residents of private care homes are not protected by the Rights Act. "
            "The Freedonian Elder Forum believes that all residents should be covered by the Act. "
            "Many homes are run for profit."
        )
        .para(
            "We believe the Government should inform the public about the Act. "
            "There are ways to do so and the Government should lead this."
        )
        .build()
    )
    assert texts(doc) == [
        "The Freedonian Elder Forum believes that all residents should be covered by the Act.",
        "We believe the Government should inform the public about the Act. "
        "There are ways to do so and the Government should lead this.",
    ]
    assert all(r.number is None for r in find_recommendations(doc))


def test_quoted_committee_recommendation_does_not_count() -> None:
    doc = (
        Doc()
        .heading("Bill of Rights")
        .para(
            "\u201cThe Committee recommends that the State party adopt a Bill of Rights without delay.\u201d (2009, para 12)"
        )
        .para(
            "The Committee on the Rights of the Child recommended that the State party should raise the age of responsibility."
        )
        .para("In 2012 Freedonia accepted a recommendation to \u201cstrengthen the ombudsman\u201d but did nothing.")
        .para("UPR Recommendation 7: To consider a register of places of detention.")
        .para("Several organisations have urged the Parliament to revise the data retention law.")
        .para("Reviewing States may wish to ask Freedonia when it will publish the census data.")
        .build()
    )
    assert texts(doc) == ["Reviewing States may wish to ask Freedonia when it will publish the census data."]


def test_general_statements_are_not_asks() -> None:
    doc = (
        Doc()
        .heading("Children")
        .para("Every pupil should feel safe at school.")
        .para("Governments must help to reunite refugee children with their parents.")
        .para("If sentencing reform were introduced, the Government should see fewer women in prison.")
        .para("The Freedonian Trust considers that this must be kept apart from the wider debate.")
        .para("President Vell stated that prosecutors should investigate the donors.")
        .build()
    )
    assert texts(doc) == []


def test_spanish_list_and_body_sentence() -> None:
    doc = (
        Doc()
        .heading("Libertad de expresi\u00f3n")
        .para("Los Estados deben garantizar el acceso a la informaci\u00f3n p\u00fablica.", number="5")
        .para("Recomendamos al Estado derogar las normas de desacato del C\u00f3digo Penal.", number="6")
        .heading("Recomendaciones:")
        .para("Que el Estado de Freedonia:", number="20")
        .bullet("Derogue las disposiciones sobre desacato;")
        .bullet("Permita la visita del Relator Especial sobre libertad de expresi\u00f3n.")
        .build("es")
    )
    recs = find_recommendations(doc, lang="es")
    assert [r.text for r in recs] == [
        "Recomendamos al Estado derogar las normas de desacato del C\u00f3digo Penal.",
        "Derogue las disposiciones sobre desacato;",
        "Permita la visita del Relator Especial sobre libertad de expresi\u00f3n.",
    ]
    assert recs[0].number is None


def test_spanish_numbered_infinitives_under_recomendaciones() -> None:
    doc = (
        Doc()
        .heading("Recomendaciones")
        .para("Aprobar una ley de archivos p\u00fablicos.", number="21")
        .para("Realizar investigaciones imparciales de las agresiones contra periodistas.", number="22")
        .build("es")
    )
    assert [(r.number, r.text) for r in find_recommendations(doc, lang="es")] == [
        ("21", "Aprobar una ley de archivos p\u00fablicos."),
        ("22", "Realizar investigaciones imparciales de las agresiones contra periodistas."),
    ]


def test_french_closing_section() -> None:
    doc = (
        Doc()
        .heading("Recommandations")
        .para("Nous recommandons au gouvernement de Freedonie de :")
        .bullet("Ratifier le Protocole facultatif se rapportant \u00e0 la Convention contre la torture ;")
        .bullet("Garantir l'ind\u00e9pendance du pouvoir judiciaire.")
        .build("fr")
    )
    assert texts(doc, lang="fr") == [
        "Ratifier le Protocole facultatif se rapportant \u00e0 la Convention contre la torture ;",
        "Garantir l'ind\u00e9pendance du pouvoir judiciaire.",
    ]


def test_heading_that_is_a_labelled_recommendation() -> None:
    doc = (
        Doc()
        .heading("Recommendation 1: Freedonia should set a time limit on immigration detention")
        .para("Detention without limit harms the mental health of detainees, as our casework shows.")
        .build()
    )
    recs = find_recommendations(doc)
    assert [(r.number, r.text, r.paragraphs) for r in recs] == [
        ("1", "Freedonia should set a time limit on immigration detention", [])
    ]


def test_earlier_recommendation_headings_are_not_recommendation_sections() -> None:
    doc = (
        Doc()
        .heading("UPR 2012 Recommendations \u2013 follow-up")
        .bullet("To consider further measures to address violence against children.")
        .build()
    )
    assert texts(doc) == []


# ---------------------------------------------------------------- helpers


def test_lead_in_needs_a_cue_outside_context() -> None:
    assert lead_in_start("Freedonia hosts many refugees. We call on the Government to:") == 31
    assert lead_in_start("The Trust has the following values:") is None
    assert lead_in_start("In particular:", in_context=True) == 0


def test_link_articles_keeps_provisions_inside_the_text() -> None:
    doc = Doc().heading("Recommendations").bullet("Repeal Article 12 of the Public Order Act.").build()
    recs = find_recommendations(doc)
    art = LegalArticle(
        id="a1",
        article="12",
        instrument="Public Order Act",
        instrument_kind="national",
        mentions=[Mention(paragraph="p1", page=1, text="Article 12 of the Public Order Act")],
    )
    other = LegalArticle(
        id="a2",
        article="9",
        instrument="Penal Code",
        instrument_kind="national",
        mentions=[Mention(paragraph="p9", page=1, text="Article 9")],
    )
    assert link_articles(recs, [art, other])[0].legal_articles == ["a1"]


# ---------------------------------------------------------------- robustness

KINDS = st.sampled_from(["body", "bullet", "quote", "table", "heading_note"])
WORDS = st.sampled_from(
    [
        "The",
        "Government",
        "should",
        "must",
        "We",
        "recommend",
        "that",
        "Recommendation:",
        "UPR",
        "to:",
        "Repeal",
        "\u201c",
        "\u201d",
        ".",
        ":",
        ";",
        "Dr.",
        "Que",
        "el",
        "Estado",
        "debe",
        "Recomendaciones",
        "(a)",
        "2.1",
        "\u2022",
        "following",
        "below",
        "calls",
        "on",
        "believes",
        "x",
        "Freedonia",
        "\n",
        "?",
        "Nous",
        "recommandons",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(WORDS, max_size=30).map(" ".join),
            KINDS,
            st.one_of(st.none(), st.sampled_from(["1", "2", "a", "2.1"])),
        ),
        max_size=12,
    ),
    st.lists(
        st.sampled_from(["Recommendations", "Conclusion", "Priorities for action", "Recomendaciones:"]), max_size=3
    ),
)
def test_random_documents_never_crash(paras: list[tuple[str, str, str | None]], heads: list[str]) -> None:
    d = Doc()
    for i, (text, kind, number) in enumerate(paras):
        if heads and i % 4 == 0:
            d.heading(heads[i % len(heads)])
        d.para(text, kind=kind, number=number, indent=i % 2)
    recs = find_recommendations(d.build())
    for r in recs:
        assert r.text == r.text.strip() and r.page >= 1
        assert set(r.paragraphs) <= {u.id for u in d.units}


@given(st.text(max_size=400))
def test_random_text_never_crashes(text: str) -> None:
    doc = Doc().heading("Recommendations").para(text).bullet(text).build()
    find_recommendations(doc)
    lead_in_start(text)


@pytest.mark.timing
def test_large_adversarial_input_is_fast() -> None:
    chunk = (
        "The The The Government Government of of should should We We recommend recommend that that "
        "\u201c Recommendation Recommendation: UPR 2.1 (a) Dr. Dr. x. x. Que el Estado debe deben: "
    )
    text = chunk * (100_000 // len(chunk))
    many = "A b. \u201cWe recommend. " * (100_000 // 21)  # many short sentences, quotes left open
    d = Doc().heading("Recommendations").para(text).para(text, kind="bullet").heading("Other").para(text).para(many)
    t0 = time.perf_counter()
    find_recommendations(d.build())
    assert time.perf_counter() - t0 < 8.0


# ---------------------------------------------------------------- corpus


@pytest.mark.slow
def test_a_corpus_submission_has_its_closing_list() -> None:
    pdf = CORPUS / "seed_amnesty_kazakhstan_2019.pdf"
    if not pdf.exists():
        pytest.skip("the shared corpus (../shared/corpus) is not present")
    from extract.running.pipeline import load_doctext

    recs = find_recommendations(load_doctext(pdf))
    assert len(recs) >= 15
    assert all(not r.text.rstrip().endswith(":") for r in recs)


def test_bold_ask_in_the_body_is_kept_whole() -> None:
    d = Doc().heading("Torture")
    d.para("Freedonia has no independent body to investigate torture.")
    d.units.append(
        TextUnit(
            id="p2",
            source="paragraph",
            page=1,
            text="Establish an independent body to investigate torture. It must report to Parliament yearly.",
            section=d.section,
            bold=True,
            number="4.7",
        )
    )
    d.para("Establish a register of places of detention.")  # not bold: narrative position, not an ask
    recs = find_recommendations(d.build())
    assert [(r.number, r.text) for r in recs] == [
        ("4.7", "Establish an independent body to investigate torture. It must report to Parliament yearly.")
    ]


def test_label_number_names_the_ask_and_reported_committee_words_do_not_count() -> None:
    doc = (
        Doc()
        .heading("Asylum")
        .para("Recommendation 3: The State should end the detention of children.", number="11")
        .para("The Committee noted the backlog. It also urges the State party to review the asylum system.")
        .para("Sin embargo, la negativa del Estado se debe a razones pol\u00edticas.")
        .build()
    )
    assert [(r.number, r.text) for r in find_recommendations(doc)] == [
        ("3", "The State should end the detention of children.")
    ]


def test_heading_that_asks_the_state() -> None:
    doc = Doc().heading("The Government should set a target to end child poverty").para("Child poverty rose.").build()
    assert texts(doc) == ["The Government should set a target to end child poverty"]


@pytest.mark.parametrize(
    "lead",
    [
        "In particular, would the authorities consider:",
        "Would the Government of Freedonia consider:",
        "Will the State party commit to:",
    ],
)
def test_a_lead_in_that_asks_whether_the_state_would_act_opens_a_list_of_asks(lead: str) -> None:
    doc = (
        Doc()
        .heading("Suggested questions")
        .para("What steps does the Government of Freedonia plan to protect river communities from mining?")
        .para(lead)
        .para(
            "requiring mining companies to consult river communities before any licence is granted;",
            kind="bullet",
            number="i",
        )
        .para(
            "setting up an independent body able to receive complaints from those communities;",
            kind="bullet",
            number="ii",
        )
        .para("ratifying ILO Convention No. 169.", kind="bullet", number="iii")
        .build()
    )
    recs = find_recommendations(doc)
    assert [r.number for r in recs] == ["i", "ii", "iii"]
    assert not any(r.text.endswith("?") for r in recs)


def test_a_narrative_colon_after_a_question_word_is_no_lead_in() -> None:
    assert lead_in_start("It would consider the following:") is None
    assert lead_in_start("Is it the case that:") is None


def test_items_opening_with_joined_adverbs_or_less_common_verbs_after_a_should_lead_in() -> None:
    doc = (
        Doc()
        .heading("Recommendations")
        .para("The authorities of Freedonia should end the curfew. In particular they should:")
        .para("Immediately and unconditionally free the fishermen held since the harbour strike.")
        .para("Restructure the prison inspectorate so that it reports to parliament.")
        .build()
    )
    got = texts(doc)
    assert "Immediately and unconditionally free the fishermen held since the harbour strike." in got
    assert "Restructure the prison inspectorate so that it reports to parliament." in got


def test_spanish_numbered_asks_with_exigir_and_instar() -> None:
    doc = (
        Doc()
        .heading("Recomendaciones")
        .para("Adoptar un plan nacional de vivienda rural.", number="1")
        .para("Exigir que los tribunales agrarios resuelvan cada causa en un año.", number="2")
        .para("Instar a la Asamblea Nacional a derogar la ley de puertos.", number="3")
        .build("es")
    )
    assert [r.number for r in find_recommendations(doc)] == ["1", "2", "3"]


# ---------------------------------------------------------------- others' lists, short lead-ins


def test_a_list_another_body_made_is_not_the_submissions_own() -> None:
    doc = (
        Doc()
        .heading("Women's health")
        .para("The Committee expressed concern and made the following recommendations to the Government of Freedonia:")
        .bullet("A public consultation on maternity care should be initiated.")
        .bullet("The law should be amended to remove penalties on patients.")
        .para("The Working Group made a recommendation that other States follow Freedonia's example:")
        .para("That the example of Freedonia in adopting its law be emulated by other countries.", number="20")
        .heading("Recommendations")
        .para("The Government of Freedonia should fund maternity clinics in every province.", number="31")
        .build()
    )
    assert texts(doc) == ["The Government of Freedonia should fund maternity clinics in every province."]


def test_a_short_lead_in_reads_with_the_sentence_before_it() -> None:
    text = "The Freedonian League has put forward further recommendations. These include:"
    assert lead_in_start(text) == text.index("These")
    doc = (
        Doc()
        .heading("Defamation")
        .para("The Freedonian League has put forward further recommendations. These include:")
        .bullet("A limit on the ability of companies to sue for defamation; and")
        .bullet("A stronger public interest defence")
        .build()
    )
    assert texts(doc) == [
        "A limit on the ability of companies to sue for defamation; and",
        "A stronger public interest defence",
    ]


def test_an_ask_after_a_quotation_closed_by_a_reversed_mark_is_found() -> None:
    doc = (
        Doc()
        .heading("Terrorism law")
        .para(
            "The charge amounted to a \u201ethought crime\u201f. The Ministry of Justice of Freedonia must issue "
            "guidance to prosecutors on the reading of propaganda."
        )
        .para("We join the Lirin Rights Centre in urging the Human Rights Council to recognise the Charter.")
        .build()
    )
    assert texts(doc) == [
        "The Ministry of Justice of Freedonia must issue guidance to prosecutors on the reading of propaganda.",
        "We join the Lirin Rights Centre in urging the Human Rights Council to recognise the Charter.",
    ]


def test_numbered_paragraphs_under_a_bare_recommendations_heading_are_items_whatever_their_wording() -> None:
    doc = (
        Doc()
        .heading("Recommendations.")
        .para("Promptly close the Lirin dump.", number="19")
        .para("Rehabilitation of the Vell treatment plant.", number="20")
        .para("Legislate on the disposal of waste by type: 1.- paper; 2.- glass;", number="21")
        .para("metals and 4.- hazardous waste.", number="3")
        .para("Cerrar el vertedero de Lirin.", number="22")
        .build()
    )
    recs = find_recommendations(doc)
    assert [r.number for r in recs] == ["19", "20", "21", "22"]
    assert recs[2].text.endswith("hazardous waste.")


def test_each_sentence_that_asks_on_its_own_is_an_ask_of_its_own() -> None:
    doc = (
        Doc()
        .heading("Treaties")
        .para(
            "We recommend that Freedonia ratify the Convention. The Government should also withdraw its reservations. "
            "Some declarations remain a concern and we recommend that they be reviewed. "
            "We also urge that detainees be given a lawyer on their first day. "
            "We join our partners in the Lirin Detention Forum in recommending that Freedonia set a time limit."
        )
        .build()
    )
    assert texts(doc) == [
        "We recommend that Freedonia ratify the Convention.",
        "The Government should also withdraw its reservations.",
        "Some declarations remain a concern and we recommend that they be reviewed.",
        "We also urge that detainees be given a lawyer on their first day.",
        "We join our partners in the Lirin Detention Forum in recommending that Freedonia set a time limit.",
    ]


def test_a_sentence_that_spells_out_the_ask_stays_with_it_and_a_subject_urged_in_the_indicative_is_no_ask() -> None:
    doc = (
        Doc()
        .heading("Seguridad")
        .para(
            "Recomendamos al Estado crear una política nacional de seguridad. Esto significa reformar la policía. "
            "Nuestra recomendación desde la sociedad civil es que el plan tenga metas claras."
        )
        .heading("Summary")
        .para("We therefore urge that press freedom and privacy are prominent issues of the coming review.")
        .build("es")
    )
    assert texts(doc) == [
        "Recomendamos al Estado crear una política nacional de seguridad. Esto significa reformar la policía.",
        "Nuestra recomendación desde la sociedad civil es que el plan tenga metas claras.",
    ]


def test_sub_leads_under_a_lead_in_that_asks_keep_its_items_asks() -> None:
    doc = (
        Doc()
        .heading("VI - Conclusiones")
        .para("Para que los ciudadanos de Freedonia elijan a sus gobernantes, el Observatorio recomienda:")
        .para("Para subsanar la falta de imparcialidad del órgano electoral:")
        .bullet("Nombrar una nueva directiva del Consejo Electoral de Freedonia.")
        .para("Para subsanar la falta de confianza en el secreto del voto:")
        .bullet("La suspensión del registro biométrico durante el acto de votación.")
        .build("es")
    )
    texts = [r.text for r in find_recommendations(doc)]
    assert texts == [
        "Nombrar una nueva directiva del Consejo Electoral de Freedonia.",
        "La suspensión del registro biométrico durante el acto de votación.",
    ]


def test_items_lettered_inside_a_list_item_are_asks_of_their_own() -> None:
    doc = (
        Doc()
        .heading("Recomendaciones")
        .para("El Observatorio recomienda:")
        .bullet(
            "Que el voto sea un elemento tangible en Freedonia, c) que el escrutinio de los votos sea público, "
            "d) que los partidos reciban el registro electoral completo, y e) que se audite el registro electoral."
        )
        .build("es")
    )
    recs = find_recommendations(doc)
    assert [r.number for r in recs] == [None, "c", "d", "e"]
    texts = [r.text for r in recs]
    assert texts == [
        "Que el voto sea un elemento tangible en Freedonia",
        "que el escrutinio de los votos sea público",
        "que los partidos reciban el registro electoral completo",
        "que se audite el registro electoral.",
    ]
    # letters of a citation are no items
    doc = (
        Doc()
        .heading("Recommendations")
        .bullet("Freedonia should apply articles 2 a), b) and c) of the Covenant.")
        .build()
    )
    assert len(find_recommendations(doc)) == 1


def test_what_the_following_is_said_to_be_makes_a_lead_in() -> None:
    doc = (
        Doc()
        .para("Quite apart from the above, the Freedonia Campaign also believes that the following is necessary:")
        .para("Close the detention centres of Freedonia;")
        .para("Repeal the immigration laws which reinforce racism.")
        .build()
    )
    assert [r.text for r in find_recommendations(doc)] == [
        "Close the detention centres of Freedonia;",
        "Repeal the immigration laws which reinforce racism.",
    ]


def test_a_paragraph_of_prose_in_a_recommendations_section_gives_each_of_its_asks() -> None:
    doc = (
        Doc()
        .heading("Conclusiones y recomendaciones")
        .para(
            "Se le exige al Estado de Freedonia hacer cumplir los derechos de paz, sancionando a los infractores. "
            "Por lo que sea parte de nuestras recomendaciones estos planteamientos: Que el Estado de Freedonia "
            "cumpla su rol de garante de los derechos humanos."
        )
        .build("es")
    )
    assert [r.text for r in find_recommendations(doc)] == [
        "Se le exige al Estado de Freedonia hacer cumplir los derechos de paz, sancionando a los infractores.",
        "Que el Estado de Freedonia cumpla su rol de garante de los derechos humanos.",
    ]


def test_a_quotation_after_another_bodys_lead_in_is_not_an_ask() -> None:
    doc = (
        Doc()
        .heading("Education")
        .para(
            "In 2030, the UN Committee raised concern about inequalities and recommended that the State party: "
            "“Continue its efforts to reduce the effects of the social background of children on their achievement.”"
        )
        .build()
    )
    assert find_recommendations(doc) == []


def test_an_authors_belief_lead_in_heads_its_items_and_calls_for_is_an_ask() -> None:
    doc = (
        Doc()
        .heading("Restraint of children")
        .para("Freedonia Watch considers:")
        .bullet("It is a matter of priority that staff working with children are trained in safe restraint.")
        .bullet("The Government should look at alternatives to the detention of children.")
        .heading("Tasers")
        .para("Freedonia Watch also calls for a monitoring system to be put in place for every Taser used.")
        .build()
    )
    assert [r.text for r in find_recommendations(doc)] == [
        "It is a matter of priority that staff working with children are trained in safe restraint.",
        "The Government should look at alternatives to the detention of children.",
        "Freedonia Watch also calls for a monitoring system to be put in place for every Taser used.",
    ]


def test_an_imperative_set_as_a_heading_right_after_a_lead_in_is_its_first_ask() -> None:
    doc = (
        Doc()
        .heading("Women in prison")
        .para("To meet its obligations towards women, the Government must:")
        .heading("Adopt a national action plan on women in the criminal justice system.", level=2)
        .para("The plan should be published within a year.")
        .build()
    )
    texts = [r.text for r in find_recommendations(doc)]
    assert "Adopt a national action plan on women in the criminal justice system." in texts


def test_a_bodys_own_duties_after_a_modal_are_no_asks_but_a_passive_modal_asks() -> None:
    duties = (
        Doc()
        .heading("El consejo comunal")
        .para("El consejo comunal ejerce la soberanía popular en la comunidad, en consecuencia deberá:")
        .bullet("Realizar seguimiento a las decisiones aprobadas en asamblea de ciudadanos.")
        .bullet("Coordinar la elaboración del plan comunitario de desarrollo integral.")
        .build("es")
    )
    assert find_recommendations(duties) == []
    passive = (
        Doc()
        .heading("Identification of victims")
        .para("The referral mechanism must be reviewed to ensure that the system:")
        .bullet("carries a right of appeal to an independent body of multi-agency staff")
        .bullet("places identification and support, not immigration status, at its heart")
        .build()
    )
    assert len(find_recommendations(passive)) == 2


def test_an_item_never_folds_across_a_heading_into_the_next_sections_list() -> None:
    # the next section's bullets sit one step further in; a heading between them ends the item above
    doc = (
        Doc()
        .heading("Bill of Rights", 2)
        .heading("Recommendations:", 3, "s1")
        .bullet("The Government should ensure that a Bill of Rights builds on the Human Rights Act")
        .bullet("A Bill of Rights must include a section on children's rights.")
        .heading("Incorporation of the treaties", 2)
        .para("None of the treaties ratified by Freedonia has been incorporated into its law.")
        .heading("Recommendations:", 3, "s3")
        .bullet("The Government should incorporate the Convention on the Rights of the Child into law", indent=1)
        .bullet("The Government should give the children's commissioner the power to investigate", indent=1)
        .build()
    )
    texts = [r.text for r in find_recommendations(doc)]
    assert len(texts) == 4, texts
    assert texts[1] == "A Bill of Rights must include a section on children's rights."
