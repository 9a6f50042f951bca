"""Cases: named people whose situation a submission documents, with events, dates and terms.

Example texts are about a fictional State (the Republic of Norvalia) and invented people.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import lang
from extract.finders import nlp as nlp_mod
from extract.finders.cases import (
    CaseRules,
    find_cases,
    has_rules,
    prison_term,
    resolve_dates,
    rules_for,
    same_person,
    sentences,
)
from extract.structure.units import DocText, TextUnit
from schemas import Case, LegalArticle, Mention

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _doc(*texts: str, language: str = "en", notes: tuple[str, ...] = ()) -> DocText:
    units = [TextUnit(id=f"p{i}", source="paragraph", page=1, text=t) for i, t in enumerate(texts, 1)]
    units += [TextUnit(id=f"fn{i}", source="footnote", page=1, text=t, number=str(i)) for i, t in enumerate(notes, 1)]
    return DocText(units=units, language=language)


def _by_name(found: list[Case]) -> dict[str, Case]:
    return {c.name: c for c in found}


def _offsets_exact(doc: DocText, found: list[Case]) -> None:
    for c in found:
        for m in c.mentions:
            unit = doc.unit(m.paragraph or m.footnote or "")
            assert unit is not None
            assert m.start is not None and m.end is not None
            assert unit.text[m.start : m.end] == m.text


# ---------------------------------------------------------------- English examples


def test_defender_arrested_charged_and_sentenced() -> None:
    doc = _doc(
        "In March 2018, human rights defender Tomas Verell was arrested in Port Salin and charged under "
        "Article 212 of the Criminal Code. On 4 May 2018 the Port Salin City Court sentenced Verell to a "
        "4-year prison term. Minister of Justice Harald Brandt defended the verdict.",
    )
    text = doc.units[0].text
    at = text.index("Article 212")
    art = LegalArticle(
        id="art1",
        article="212",
        instrument="Criminal Code",
        instrument_kind="national",
        mentions=[Mention(paragraph="p1", page=1, text=text[at : at + 11], start=at, end=at + 11)],
    )
    found = find_cases(doc, [art])
    names = _by_name(found)
    assert list(names) == ["Tomas Verell"]
    case = names["Tomas Verell"]
    assert case.kind == "person"
    assert "human rights defender" in case.roles
    kinds = [(e.type, e.date) for e in case.events]
    assert ("arrested", "2018-03") in kinds
    assert ("charged", "2018-03") in kinds
    sentenced = [e for e in case.events if e.type == "sentenced"]
    assert sentenced and sentenced[0].date == "2018-05-04"
    assert sentenced[0].sentence == "4-year prison term"
    assert case.legal_articles == ["art1"]
    assert "Verell" in case.aliases
    assert len(case.mentions) == 2
    _offsets_exact(doc, found)


def test_spellings_of_one_person_merge_into_one_record() -> None:
    doc = _doc(
        "In June 2019, the activist Maksat Yerzhanov was detained by police after a peaceful protest.",
        "Maksat Erzhanov was sentenced to two years' imprisonment on 12 September 2019.",
        "Maxat Yerzhanov remains in prison. Yerzhanov has been on hunger strike since his arrest.",
    )
    found = find_cases(doc)
    assert len(found) == 1
    case = found[0]
    assert case.name in {"Maksat Yerzhanov", "Maksat Erzhanov", "Maxat Yerzhanov"}
    assert {case.name, *case.aliases} >= {"Maksat Yerzhanov", "Maksat Erzhanov", "Maxat Yerzhanov"}
    assert [e.type for e in case.events][:2] == ["detained", "sentenced"]
    assert case.events[1].date == "2019-09-12"
    assert case.events[1].sentence == "two years' imprisonment"
    assert {m.paragraph for m in case.mentions} == {"p1", "p2", "p3"}
    _offsets_exact(doc, found)


def test_officials_and_institutions_are_not_cases() -> None:
    doc = _doc(
        "President Dario Veltman said on television that the journalist Lina Moraes, who was detained on "
        "2 February 2020, would be tried for treason.",
        "The Supreme Court of Norvalia and the National Security Committee rejected every appeal.",
        "The Special Rapporteur on torture, Ingrid Halvorsen, visited the prison in 2020.",
    )
    names = _by_name(find_cases(doc))
    assert "Lina Moraes" in names
    assert "Dario Veltman" not in names
    assert "Ingrid Halvorsen" not in names
    assert not any("Court" in n or "Committee" in n for n in names)
    lina = names["Lina Moraes"]
    assert "journalist" in lina.roles
    assert ("detained", "2020-02-02") in [(e.type, e.date) for e in lina.events]


def test_judge_detained_herself_is_a_case_but_the_accusing_president_is_not() -> None:
    doc = _doc(
        "In August 2021, Judge Marta Illescu was detained after she acquitted two harbour workers. "
        "A day after her arrest, President Oren Valdt called her a criminal. Judge Illescu was accused of "
        "corruption and held in pretrial detention for over a year.",
    )
    names = _by_name(find_cases(doc))
    assert "Marta Illescu" in names
    assert "Oren Valdt" not in names


def test_people_listed_after_a_role_share_it_and_pronouns_resume_a_name() -> None:
    doc = _doc(
        "This included trade unionists Arvid Pellonen, Sanna Kostrova and Ivo Malenkar. "
        "Arvid Pellonen was sentenced to three years' imprisonment on 7 April 2017. "
        "He was freed on bail in June 2018.",
    )
    names = _by_name(find_cases(doc))
    assert {"Arvid Pellonen", "Sanna Kostrova", "Ivo Malenkar"} <= set(names)
    assert all("trade unionist" in names[n].roles for n in ("Arvid Pellonen", "Sanna Kostrova", "Ivo Malenkar"))
    arvid = names["Arvid Pellonen"]
    assert [(e.type, e.date) for e in arvid.events] == [("sentenced", "2017-04-07"), ("released", "2018-06")]


def test_every_listed_victim_shares_the_event_despite_descriptions() -> None:
    doc = _doc(
        "In March 2019, border guards arrested Oskar Lindvall, member of an opposition party and former mayor "
        "of Port Salin; Greta Hallberg, owner of the radio station Nordwave, known for its criticism of the "
        "government; and Emil Sandqvist, opposition candidate for governor of Eastmark. The three men were "
        "detained for several days.",
        "• Lena Forsberg, a journalist, and Jonas Ekdahl were detained at a checkpoint in June 2020.",
        "• Mira Lund and her 15 year-old daughter Saga Lund Ekholm were reportedly beaten by police in 2021.",
    )
    names = _by_name(find_cases(doc))
    want = {
        "Oskar Lindvall",
        "Greta Hallberg",
        "Emil Sandqvist",
        "Lena Forsberg",
        "Jonas Ekdahl",
        "Mira Lund",
        "Saga Lund Ekholm",
    }
    assert want <= set(names)
    assert "arrested" in [e.type for e in names["Emil Sandqvist"].events]
    assert "detained" in [e.type for e in names["Jonas Ekdahl"].events]
    assert "tortured" in [e.type for e in names["Mira Lund"].events]
    # the role belongs to the name it describes, not to the next one listed
    assert "journalist" in names["Lena Forsberg"].roles
    assert "journalist" not in names["Jonas Ekdahl"].roles


def test_a_name_inside_a_description_is_not_the_subject() -> None:
    doc = _doc(
        "In May 2020, Petra Holm, of the human rights organization Open Harbour Nordvik, was attacked and "
        "threatened by unidentified men outside the parliament.",
        "In 2021, Anton Berg, president of the Nordvik-based association Coastal Watch, was harassed and "
        "threatened with arbitrary arrest after he criticised the navy.",
    )
    names = _by_name(find_cases(doc))
    assert "Petra Holm" in names
    assert "attacked" in [e.type for e in names["Petra Holm"].events]
    assert not any("Harbour" in n or "Nordvik" in n for n in names)
    # the president of a civil-society body is no State official
    assert "Anton Berg" in names


def test_a_named_relative_after_a_possessive_takes_the_event() -> None:
    doc = _doc(
        "In 2019, an unknown man beat up Karl Carlsson in the street while he was handing out leaflets about "
        "the killing of his son, Johan Carlsson, in November 2018.",
    )
    names = _by_name(find_cases(doc))
    assert {"Karl Carlsson", "Johan Carlsson"} <= set(names)
    assert "killed" in [e.type for e in names["Johan Carlsson"].events]
    assert "killed" not in [e.type for e in names["Karl Carlsson"].events]
    assert "tortured" in [e.type for e in names["Karl Carlsson"].events]


def test_clauses_and_officials_do_not_join_a_list() -> None:
    doc = _doc(
        "Minister of the Interior Harald Brandt, who ordered the raid, and the blogger Vera Moss were both "
        "named in the report; Vera Moss was arrested on 3 May 2021.",
        "Judge Ola Strand said that the activist Berit Nyholm was detained in 2020.",
    )
    names = _by_name(find_cases(doc))
    assert "Vera Moss" in names and "Berit Nyholm" in names
    assert "Harald Brandt" not in names
    assert "Ola Strand" not in names


def test_case_described_in_a_footnote_and_author_citations_skipped() -> None:
    doc = _doc(
        "Critics of the government have been prosecuted.",
        notes=(
            "On 3 October 2016, the blogger Petra Linnqvist was convicted of insulting the head of State and "
            "fined; her appeal was rejected in 2017.",
            "See Oskar Brennholt, Press freedom in Norvalia (2015), p. 4.",
        ),
    )
    found = find_cases(doc)
    names = _by_name(found)
    assert list(names) == ["Petra Linnqvist"]
    petra = names["Petra Linnqvist"]
    assert petra.mentions[0].footnote == "fn1"
    assert [e.type for e in petra.events] == ["convicted", "fined", "appeal rejected"]
    assert petra.events[0].footnote == "fn1"
    _offsets_exact(doc, found)


def test_contact_person_and_speaker_are_not_cases() -> None:
    doc = _doc(
        "Main contact: Helena Quist, Director, Norvalia Rights Watch, email helena@example.org",
        "Helena Quist stated that at least forty protesters were detained in May 2021.",
    )
    assert find_cases(doc) == []


def test_named_group_and_demands_that_are_not_events() -> None:
    doc = _doc(
        "In 1998 the Norvalia Three were sentenced to life imprisonment after an unfair trial.",
        "The government should drop all charges against the activist Mira Castell, who was arrested in 2020.",
    )
    found = _by_name(find_cases(doc))
    group = found["Norvalia Three"]
    assert group.kind == "group"
    first = group.events[0]
    assert (first.type, first.date, first.sentence) == ("sentenced", "1998", "life imprisonment")
    mira = found["Mira Castell"]
    assert [e.type for e in mira.events] == ["arrested"]


# ---------------------------------------------------------------- Spanish and French: rules without the English model


def test_spanish_rules_find_a_journalist_without_the_english_model(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str | None] = []
    real_load = nlp_mod.load

    def spy(name: str | None = None, sentencizer: bool = False):  # type: ignore[no-untyped-def]
        loaded.append(name)
        return real_load(name, sentencizer)

    monkeypatch.setattr(nlp_mod, "load", spy)
    doc = _doc(
        "El periodista Joaquín Ferrán Ibarra fue detenido el 3 de marzo de 2010 y condenado a 2 años de prisión "
        "por el delito de difamación. El Tribunal Supremo de Justicia rechazó su apelación.",
        "Los Estados deben garantizar la libertad de expresión.",
        language="es",
    )
    found = find_cases(doc)
    assert loaded and all(n is not None and n.startswith("blank:") for n in loaded)
    names = _by_name(found)
    assert list(names) == ["Joaquín Ferrán Ibarra"]
    case = names["Joaquín Ferrán Ibarra"]
    assert "journalist" in case.roles
    events = {e.type: e for e in case.events}
    assert events["detained"].date == "2010-03-03"
    assert events["sentenced"].sentence == "2 años de prisión"
    assert "appeal rejected" in events
    _offsets_exact(doc, found)


def test_spanish_titles_and_institutions_are_not_people() -> None:
    doc = _doc(
        "La Convención contra la Tortura y Otros Tratos o Penas Crueles fue ratificada. "
        "El alcalde de Puerto Lindo Ernesto Valdivia denunció al periodista.",
        "La Fiscalía General abrió una investigación por homicidio.",
        language="es",
    )
    names = {c.name for c in find_cases(doc)}
    assert not any("Penas" in n or "Fiscal" in n for n in names)
    assert "Ernesto Valdivia" not in names


def test_spanish_list_of_names_after_a_court_title_keeps_its_first_name() -> None:
    doc = _doc(
        "La sentencia ordenó la reincorporación de los ex-jueces del Tribunal Segundo Penal de Control "
        "Ana Lucía Ferro Ibarra, Tomás Rivas Mena y Pedro Luis Cano B., y se condenó al Estado al pago "
        "de reparaciones.",
        language="es",
    )
    names = {c.name for c in find_cases(doc)}
    assert {"Ana Lucía Ferro Ibarra", "Tomás Rivas Mena", "Pedro Luis Cano B."} <= names
    assert not any("Tribunal" in n or "Control" in n for n in names)


def test_french_rules_without_a_model() -> None:
    doc = _doc(
        "Le journaliste Julien Marchetti a été arrêté le 12 octobre 2015 et condamné à 3 ans de prison.",
        language="fr",
    )
    found = find_cases(doc, nlp_name="blank:xx")
    assert [c.name for c in found] == ["Julien Marchetti"]
    events = {e.type: e for e in found[0].events}
    assert events["arrested"].date == "2015-10-12"
    assert events["sentenced"].sentence == "3 ans de prison"


def test_bodies_named_after_people_and_authors_listed_together_are_not_cases() -> None:
    doc = _doc(
        "Under the government of Anselm Rudka, 40 students of the Liceo Livia Marant were arrested.",
        "“Detention and its harms” by Petra Lindqvist and Omar Haddane describes the camps where detainees were held.",
        "Ivo Marsk and Lea Tondel (2014), “Prisons of the north”, Journal of Penal Studies, on detained minors.",
        "The blogger Kasimir Oddo was prevented from leaving Norvalia in 2019.",
    )
    names = _by_name(find_cases(doc))
    assert not {"Anselm Rudka", "Livia Marant", "Petra Lindqvist", "Omar Haddane", "Ivo Marsk", "Lea Tondel"} & set(
        names
    )
    assert not any("Marant" in n for n in names)
    assert "banned" in [e.type for e in names["Kasimir Oddo"].events]


def test_a_state_or_its_people_is_never_part_of_a_name() -> None:
    from extract.finders.states import state_word

    assert state_word("venezolano") and state_word("Kazakh") and state_word("haïtienne") and state_word("Peru")
    assert not state_word("Jordan") and not state_word("Georgia") and not state_word("Marta")
    doc = _doc("El periodista peruano Tadeo Ruiz Salinas fue detenido en marzo de 2012.", language="es")
    assert [c.name for c in find_cases(doc, nlp_name="blank:xx")] == ["Tadeo Ruiz Salinas"]


# ---------------------------------------------------------------- parts


def test_same_person_folds_transliteration_and_keeps_relatives_apart() -> None:
    assert same_person("Maks Dorzhiyev", "Max Dorzhiev")
    assert same_person("Ramon Elias Quintero", "Ramón Elías Quintero Valdés")
    assert same_person("Ibáñez Mora", "Rodrigo Ibáñez Mora")
    assert not same_person("Serik Omarov", "Maks Dorzhiyev")
    assert not same_person("Elena Varga", "Tomas Varga")


def test_dates_as_precise_as_printed() -> None:
    en = rules_for("en")
    got = [d for _, _, d in resolve_dates("In November 2016, on 13 November 2017, on May 4, 2018, in 2002.", en)]
    assert got == ["2016-11", "2017-11-13", "2018-05-04", "2002"]
    got = [d for _, _, d in resolve_dates("Between 3 October and 9 December 2016.", en)]
    assert got == ["2016-10-03", "2016-12-09"]
    assert resolve_dates("(accessed 21 November 2011)", en) == []
    es = rules_for("es")
    assert [d for _, _, d in resolve_dates("el 17 de agosto de 2013 y en mayo de 2012", es)] == [
        "2013-08-17",
        "2012-05",
    ]


def test_prison_terms_and_not_ages() -> None:
    en = rules_for("en")
    assert prison_term("sentenced to 6-year prison terms under Article 301", en) == "6-year prison terms"
    assert prison_term("serving a twenty-two year prison sentence", en) == "twenty-two year prison sentence"
    assert prison_term("given three and a half years' imprisonment", en) == "three and a half years' imprisonment"
    assert prison_term("the 46 year old man died", en) is None


def test_sentence_splitter_keeps_titles_and_initials() -> None:
    en = rules_for("en")
    text = "Dr. Anna K. Mirova was arrested. She was freed. • Release Dr. Mirova now"
    parts = [text[a:b].strip() for a, b in sentences(text, en)]
    assert parts == ["Dr. Anna K. Mirova was arrested.", "She was freed.", "Release Dr. Mirova now"]


def test_rules_come_from_each_languages_cases_file() -> None:
    assert set(lang.load_each("cases", CaseRules)) == {"en", "es", "fr"}
    assert has_rules("es") and not has_rules("de") and not has_rules(None) and not has_rules("en-GB")
    assert rules_for("de").code == "en" and rules_for(None).code == "en" and rules_for("FR").code == "fr"
    with pytest.raises(ValueError):
        CaseRules.model_validate({**lang.load("en", "cases", CaseRules).model_dump(), "surprise": []})


@pytest.mark.parametrize(
    ("language", "text", "iso"),
    [
        ("en", "detained on 4 May 2018", "2018-05-04"),
        ("en", "released on March 3rd, 2019", "2019-03-03"),
        ("es", "detenido el 3 de marzo de 2010", "2010-03-03"),
        ("fr", "arrêté le 1er juin 2015", "2015-06-01"),
    ],
)
def test_date_patterns_of_each_language(language: str, text: str, iso: str) -> None:
    assert [d[2] for d in resolve_dates(text, rules_for(language))] == [iso]


# ---------------------------------------------------------------- robustness

_PIECES = st.one_of(
    st.text(alphabet=list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;:'\"()-•0123456789áéñõ’“”\n"), max_size=12),
    st.sampled_from(
        [
            "Mr. ",
            "Dr. ",
            " arrested ",
            " sentenced to ",
            " years ",
            " journalist ",
            " de ",
            " v. ",
            " President ",
            "Anna Mirova",
            " he ",
            " both ",
            " 3 May 2019 ",
            " Caso ",
            "'s ",
        ]
    ),
)
_TEXTS = st.lists(st.lists(_PIECES, max_size=30).map("".join), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from(["en", "es", "fr"]))
def test_random_text_never_crashes_and_offsets_are_exact(texts: list[str], language: str) -> None:
    doc = _doc(*texts, language=language)
    nlp_name = "blank:xx" if language == "fr" else None
    found = find_cases(doc, nlp_name=nlp_name)
    _offsets_exact(doc, found)
    for c in found:
        assert c.name and c.id.startswith("case")


@pytest.mark.timing
def test_adversarial_100kb_input_is_fast() -> None:
    rules = rules_for("en")
    nasty = ("Mr. A. B. C. D. " * 400 + "12.12.12.12 " * 300 + "-year-old " * 300 + "v. " * 400) * 3
    assert len(nasty) > 30_000
    t = time.perf_counter()
    sentences(nasty * 3, rules)
    resolve_dates(nasty * 3, rules)
    prison_term(nasty * 3, rules)
    assert time.perf_counter() - t < 5
    long_unit = ("Anna Mirova, a journalist, was arrested on 2 May 2019 by Officer Brandt. " * 1400)[:100_000]
    t = time.perf_counter()
    found = find_cases(_doc(long_unit))
    assert time.perf_counter() - t < 60
    assert [c.name for c in found] == ["Anna Mirova"]


# ---------------------------------------------------------------- corpus


@pytest.mark.slow
def test_corpus_runs_with_exact_offsets() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: the corpus test reads the shared corpus beside the repo")
    from extract.running.assemble import describe
    from extract.running.pipeline import load_doctext
    from schemas import DocumentMeta

    pdfs = sorted(p for p in CORPUS.glob("*.pdf") if p.stem.startswith(("ngo_", "joint_", "seed_")))[::8]
    spent = pages = 0.0
    for pdf in pdfs:
        doc = load_doctext(pdf)
        _, doc = describe(doc, DocumentMeta(source_file=pdf.name, sha256="0" * 64, pages=doc.pages))
        t = time.process_time()
        found = find_cases(doc)
        spent += time.process_time() - t
        pages += max(doc.pages, 1)
        _offsets_exact(doc, found)
        names = [c.name for c in found]
        assert len(names) == len(set(names)), f"{pdf.name}: one person split into two records"
    assert spent / max(pages, 1) < 0.15, "the case finder should stay far below pdfplumber's read time per page"


def test_a_name_set_off_after_a_role_is_that_persons_whatever_the_model_reads() -> None:
    doc = _doc(
        "Women have no prison of their own. A prisoner accused of blocking a highway, Amber Stone, "
        "has spent four months locked in a men's wing.",
    )
    names = _by_name(find_cases(doc))
    assert "Amber Stone" in names
    assert "charged" in [e.type for e in names["Amber Stone"].events]


def test_a_passive_event_belongs_to_the_name_before_it() -> None:
    doc = _doc(
        "Last spring Ingrid Lundgren, a nurse from Port Salin, Eastmark, who campaigns for prisoners, was "
        "reportedly beaten and thrown out of her course for carrying a banner reading Esperanza.",
    )
    names = _by_name(find_cases(doc))
    assert "Ingrid Lundgren" in names
    assert "tortured" in [e.type for e in names["Ingrid Lundgren"].events]


def test_a_vote_is_not_an_event() -> None:
    doc = _doc(
        "The amendment of Senator Hedda Strand was defeated by 233 votes to 187; the amendment of Lars Berg "
        "was beaten by 211 to 208 votes.",
    )
    assert find_cases(doc) == []


def test_a_list_that_goes_on_to_an_officials_title_is_no_institution_title() -> None:
    doc = _doc(
        "Un órgano internacional declaró arbitrarias dos privaciones de libertad: la del comerciante y preso "
        "político Tomás Rivas Mena y la de la Juez Titular Ana Lucía Ferro.",
        language="es",
    )
    assert "Tomás Rivas Mena" in {c.name for c in find_cases(doc)}
