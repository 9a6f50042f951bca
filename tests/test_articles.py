"""Articles of law: the reference grammar, instrument names and the resolution of bare articles.

All texts are written for these tests about a fictional State (Ruritania).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.finders.articles import articles_in, find_articles, find_articles_with_warnings, parse_references
from extract.finders.articles.words import ArticleWords
from extract.lang import languages, load_each
from extract.structure.units import DocText, TextUnit
from schemas import LegalArticle, Section

ICCPR = "International Covenant on Civil and Political Rights"
CRC = "Convention on the Rights of the Child"
ECHR = "European Convention on Human Rights"
CRPD = "Convention on the Rights of Persons with Disabilities"
UDHR = "Universal Declaration of Human Rights"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def make_doc(
    *paragraphs: str,
    footnotes: tuple[str, ...] = (),
    sections: tuple[str, ...] = (),
    language: str = "en",
) -> DocText:
    """Paragraph i sits in section i (when given); footnote i is cited by paragraph i."""
    secs = [Section(id=f"s{i}", title=t, level=1, page_start=1, page_end=1) for i, t in enumerate(sections, 1)]
    units: list[TextUnit] = []
    for i, text in enumerate(paragraphs, 1):
        sec = f"s{i}" if i <= len(secs) else (secs[-1].id if secs else None)
        units.append(TextUnit(id=f"p{i}", source="paragraph", page=1, text=text, section=sec))
        if i <= len(footnotes):
            units.append(
                TextUnit(id=f"fn{i}", source="footnote", page=1, text=footnotes[i - 1], section=sec, anchor=f"p{i}")
            )
    return DocText(units=units, sections=secs, language=language)


def table(arts: list[LegalArticle]) -> set[tuple[str, str | None, str]]:
    return {(a.article, a.sub, a.instrument) for a in arts}


def check_offsets(doc: DocText, arts: list[LegalArticle]) -> None:
    texts = {u.id: u.text for u in doc.units} | {s.id: s.title for s in doc.sections}
    for a in arts:
        assert a.mentions
        for m in a.mentions:
            uid = m.footnote or m.paragraph
            assert uid is not None and m.start is not None and m.end is not None
            assert texts[uid][m.start : m.end] == m.text


# ------------------------------------------------------------------ English


def test_national_code_spellings_merge_into_one_instrument() -> None:
    doc = make_doc(
        "Ruritania was told to narrow Article 211 of the Criminal Code (now Article 233 of the new Criminal Code). "
        "Yet Article 233 still serves to fine bloggers.",
        "A poet was fined under Article 233 of the Criminal Code of the Republic of Moldova.",
    )
    arts = find_articles(doc)
    assert table(arts) == {("211", None, "Criminal Code"), ("233", None, "Criminal Code")}
    a174 = next(a for a in arts if a.article == "233")
    assert a174.instrument_kind == "national"
    assert len(a174.mentions) == 3  # two explicit, one bare, merged
    assert {"new Criminal Code", "Criminal Code of the Republic of Moldova"} <= set(a174.instrument_aliases)
    assert [a.id for a in arts] == ["art1", "art2"]
    check_offsets(doc, arts)


def test_international_instruments_get_one_canonical_name() -> None:
    doc = make_doc(
        "The bill breaches Article 22(2) of the ICCPR and article 14, paragraph 3, of the Covenant.",
        "The NPM cannot visit all places of detention as required by Article 4 of the OPCAT.",
    )
    arts = find_articles(doc)
    assert table(arts) == {
        ("22", "2", ICCPR),
        ("14", "3", ICCPR),
        ("4", None, "Optional Protocol to the Convention against Torture"),
    }
    assert all(a.instrument_kind == "international" for a in arts)
    check_offsets(doc, arts)


def test_paragraph_before_the_article_is_its_sub() -> None:
    doc = make_doc("Ruritania must respect paragraph 2 of article 21 of the ICCPR.")
    assert table(find_articles(doc)) == {("21", "2", ICCPR)}


def test_lists_ranges_and_letter_subs() -> None:
    doc = make_doc(
        "Marchers were charged under Articles 161 and 342 of the Criminal Code and Article 470 of the "
        "Administrative Offences Code.",
        "Breach of Articles 9, 12 and 40(b/c), UN Convention on the Rights of the Child.",
        "Sections 12 to 14 of the Public Order Act 1999 restrict marches.",
    )
    arts = find_articles(doc)
    assert table(arts) == {
        ("161", None, "Criminal Code"),
        ("342", None, "Criminal Code"),
        ("470", None, "Administrative Offences Code"),
        ("9", None, CRC),
        ("12", None, CRC),
        ("40", "b", CRC),
        ("40", "c", CRC),
        ("12", None, "Public Order Act 1999"),
        ("13", None, "Public Order Act 1999"),
        ("14", None, "Public Order Act 1999"),
    }
    check_offsets(doc, arts)


def test_sections_and_abbreviated_forms() -> None:
    doc = make_doc(
        "Searches under section 43 of the Terrorism Act 2000 doubled in a year.",
        "Parents may still plead lawful chastisement (s.58 Children Act 2004), since section 58 only limits it.",
        "The Borders, Citizenship and Immigration Act 2009 (section 55) binds border officers too.",
    )
    arts = find_articles(doc)
    assert table(arts) == {
        ("43", None, "Terrorism Act 2000"),
        ("58", None, "Children Act 2004"),
        ("55", None, "Borders, Citizenship and Immigration Act 2009"),
    }
    a58 = next(a for a in arts if a.article == "58")
    assert len(a58.mentions) == 2


def test_names_before_the_keyword_and_directly_after_the_number() -> None:
    doc = make_doc(
        "The raids engage ECHR Articles 2 (life) and 5 (liberty).",
        "Detention of the mentally ill may breach article 3 ECHR, and ICCPR Article 9 protects liberty.",
    )
    arts = find_articles(doc)
    assert table(arts) == {("2", None, ECHR), ("5", None, ECHR), ("3", None, ECHR), ("9", None, ICCPR)}


def test_bare_article_takes_the_instrument_named_just_before() -> None:
    doc = make_doc(
        "Ruritania joined the Convention on the Rights of People with Disabilities in 2019, yet "
        "Article 19 (Living independently) is ignored in its care homes.",
    )
    arts = find_articles(doc)
    assert table(arts) == {("19", None, CRPD)}


def test_generic_short_form_refers_back() -> None:
    doc = make_doc(
        "The United Nations Convention against Torture binds Ruritania. Under Article 2 of the Convention, "
        "no exceptional circumstances justify torture.",
    )
    assert table(find_articles(doc)) == {
        ("2", None, "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment")
    }


def test_treaty_body_stands_for_its_treaty() -> None:
    doc = make_doc(
        "Before the Committee against Torture, the delegation argued that articles 2 and 16 do not reach its bases abroad.",
    )
    assert {a.article for a in find_articles(doc)} == {"2", "16"}
    assert {a.instrument for a in find_articles(doc)} == {
        "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"
    }


def test_footnote_reads_its_citing_paragraph() -> None:
    doc = make_doc(
        "The decree contradicts the Constitution of Ruritania.",
        footnotes=("Article 32: the Executive may classify information.",),
    )
    arts = find_articles(doc)
    assert table(arts) == {("32", None, "Constitution of Ruritania")}
    assert arts[0].mentions[0].footnote == "fn1"


def test_headings_are_read_by_article_title_and_in_a_row() -> None:
    doc = make_doc(
        "Residents have died after falls nobody recorded.",
        "Medication is given to calm residents without asking them.",
        "Spouses are placed in different homes. Article 8 applies to them.",
        sections=(
            "Article 2 – Right to life",
            "Article 3 – Freedom from degrading treatment",
            "Article 8 - Right to respect for private and family life",
        ),
    )
    arts = find_articles(doc)
    assert table(arts) == {("2", None, ECHR), ("3", None, ECHR), ("8", None, ECHR)}
    assert arts[0].mentions[0].paragraph == "s1"  # a heading's mention names its section
    check_offsets(doc, arts)


def test_a_reprinted_text_keeps_its_instrument_across_article_headings() -> None:
    doc = make_doc(
        "The General Assembly proclaims this Declaration.",
        "Everyone may leave any country.",
        "Everyone has the right to seek asylum.",
        "Everyone has the right to a nationality.",
        "Article 14 of the Genocide Convention is cited in the annex.",
        sections=("Universal Declaration of Human Rights", "Article 13", "Article 14", "Article 15"),
    )
    headings = {(a.article, a.instrument) for a in find_articles(doc) if a.mentions[0].paragraph in {"s2", "s3", "s4"}}
    assert headings == {("13", UDHR), ("14", UDHR), ("15", UDHR)}


def test_law_cited_by_section_is_not_where_a_bare_article_points() -> None:
    doc = make_doc(
        "Section 136 of the Mental Health Act 2007 allows removal to a place of safety. "
        "Holding patients in police cells breaches Article 8.",
    )
    assert table(find_articles(doc)) == {("136", None, "Mental Health Act 2007")}


def test_a_law_that_gives_effect_to_a_treaty_stands_for_it() -> None:
    doc = make_doc("Ruritania repealed the Human Rights Act 1998. Yet Article 8 still binds it.")
    assert table(find_articles(doc)) == {("8", None, ECHR)}


@pytest.mark.parametrize(
    "text",
    [
        "The Covenant has 53 articles and one annex.",
        "See section 3 of this report and paragraph 12 of the concluding observations.",
        "Schedule 1 of the Security Bill lists the measures.",
        "On 1 March 2010 the court ruled; 15 people were held.",
        "This Article does not apply.",
        "ARTICLE 19 and other groups submitted a joint report.",
        "Article 19’s report describes the case.",
        "Article 7 guarantees equality.",  # no instrument anywhere: dropped, not guessed
    ],
)
def test_things_that_are_not_provisions(text: str) -> None:
    assert find_articles(make_doc(text)) == []


def test_this_article_joins_the_article_just_cited() -> None:
    doc = make_doc(
        "Article 129 of the Criminal Code punishes hate speech. Nobody has been charged under this Article.",
    )
    arts = find_articles(doc)
    assert table(arts) == {("129", None, "Criminal Code")}
    assert [m.text for m in arts[0].mentions] == ["Article 129 of the Criminal Code", "this Article"]
    check_offsets(doc, arts)


def test_comma_after_the_number_is_not_a_list() -> None:
    doc = make_doc("Under Article 233 of the Criminal Code, 12 bloggers were fined.")
    assert table(find_articles(doc)) == {("233", None, "Criminal Code")}


def test_defined_abbreviation_is_a_name() -> None:
    doc = make_doc(
        "The Law on Peaceful Assembly (LPA) requires permission. Article 10 LPA sets a ten-day notice.",
    )
    assert table(find_articles(doc)) == {("10", None, "Law on Peaceful Assembly")}


def test_articles_in_span() -> None:
    text = "Bloggers were fined under Article 233 of the Criminal Code. Others under Article 301 of it."
    doc = make_doc(text)
    arts = find_articles(doc)
    first = text.index(".") + 1
    ids = articles_in("p1", 0, first, arts)
    assert [next(a for a in arts if a.id == i).article for i in ids] == ["233"]
    assert articles_in("p2", 0, len(text), arts) == []
    assert set(articles_in("p1", 0, len(text), arts)) == {a.id for a in arts}


# ------------------------------------------------------------------ Spanish and French


def test_spanish() -> None:
    doc = make_doc(
        "El artículo 49 de la Constitución garantiza el debido proceso.",
        "El Código Penal castiga el desacato en los artículos 147, 148 y 149 del texto reformado.",
        "La Ley Orgánica de Aguas establece en su artículo 31 el registro de fuentes.",
        footnotes=("", "", "Pacto Internacional de Derechos Civiles y Políticos. Artículo 21, parágrafo 2"),
        language="es",
    )
    arts = find_articles(doc)
    assert table(arts) == {
        ("49", None, "Constitución"),
        ("147", None, "Código Penal"),
        ("148", None, "Código Penal"),
        ("149", None, "Código Penal"),
        ("31", None, "Ley Orgánica de Aguas"),
        ("21", "2", ICCPR),
    }
    check_offsets(doc, arts)


def test_french() -> None:
    doc = make_doc(
        "La Constitution sénégalaise reconnaît le droit à la santé (article 43), défini dans l’article 50. "
        "L'article 12 du Pacte international relatif aux droits civils et politiques protège la liberté.",
        language="fr",
    )
    arts = find_articles(doc)
    assert table(arts) == {
        ("43", None, "Constitution sénégalaise"),
        ("50", None, "Constitution sénégalaise"),
        ("12", None, ICCPR),
    }


# ------------------------------------------------------------------ properties

INSTRUMENTS = [
    ("ICCPR", ICCPR),
    ("International Covenant on Civil and Political Rights", ICCPR),
    ("Convention on the Rights of the Child", CRC),
    ("UNCRC", CRC),
    ("ECHR", ECHR),
    ("Criminal Code", "Criminal Code"),
    ("Law on Mass Media of 2011", "Law on Mass Media of 2011"),
    ("Code of Administrative Offences", "Code of Administrative Offences"),
]
FILLER = st.text(alphabet="abcdefghij klmnop,", max_size=40).map(lambda s: s.strip(" ,"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=20),
    st.sampled_from(INSTRUMENTS),
    FILLER,
    FILLER,
)
def test_generated_reference_round_trips(n: int, m: int, inst: tuple[str, str], before: str, after: str) -> None:
    printed, canonical = inst
    phrase = f"Article {n}({m}) of the {printed}"
    text = f"{before} {phrase}. {after}".strip()
    doc = make_doc(text)
    arts = find_articles(doc)
    assert table(arts) == {(str(n), str(m), canonical)}
    mention = arts[0].mentions[0]
    assert mention.text == phrase
    check_offsets(doc, arts)


TOKENS = st.sampled_from(
    (
        "Article|Articles|article|art.|arts.|Section|s.|ss.|Rule|artículo|artículos|1|2|19|174|2010|(3)|(a/c)|(|)|,"
        "|, and|and|y|et|to|-|.|of the|de la|del|du|the|this|its|Code|Criminal|Law|Act|Convention|Covenant|ICCPR|ECHR"
        "|Constitution|Código|Penal|Ley|Orgánica|Ruritania|new|Committee against Torture|(LPA)|LPA|paragraph|parágrafo"
        "|’s|\n"
    ).split("|")
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, max_size=60), st.text(max_size=80))
def test_random_text_never_crashes_and_offsets_are_exact(tokens: list[str], noise: str) -> None:
    text = " ".join(tokens) + noise
    doc = make_doc(text, footnotes=(noise + " ".join(reversed(tokens)),), sections=(" ".join(tokens[:8]),))
    arts = find_articles(doc)
    check_offsets(doc, arts)
    for a in arts:
        assert a.article and a.instrument
        assert a.instrument_kind in ("national", "international")
    for r in parse_references(text):
        assert 0 <= r.start <= r.end <= len(text)


ADVERSARIAL = [
    "Article " * 14_000,
    "Articles 1, " + ", ".join(str(i % 999 + 1) for i in range(25_000)) + " of the Criminal Code",
    "Article 5 of the of the of the " * 3_500,
    "Code " * 20_000,
    "Criminal Code, Penal Code, Civil Code and " * 2_500,
    "Article 1 (" * 10_000 + ")" * 10_000,
    "the Convention the Covenant Article 3 " * 2_800,
    "Ley Orgánica de la Ley de la Ley del Código " * 2_500,
    "Article 2 – Right to life Article 3 – " * 2_800,
    "(LPA) Law on Peaceful Assembly (LPA) Article 1 LPA " * 2_000,
]


@pytest.mark.timing
@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_large_adversarial_input_parses_fast(text: str) -> None:
    assert len(text) >= 100_000
    doc = make_doc(text)
    t = time.perf_counter()
    arts = find_articles(doc)
    elapsed = time.perf_counter() - t
    assert elapsed < 3.0, elapsed
    check_offsets(doc, arts)


# ------------------------------------------------------------------ corpus


@pytest.mark.slow
@pytest.mark.corpus
def test_corpus_documents_give_valid_records() -> None:
    if not CORPUS.exists():
        pytest.skip("the shared corpus (../shared/corpus) is not present")
    from extract.running.pipeline import load_doctext

    pdfs = sorted(CORPUS.glob("*.pdf"))[:20]
    for pdf in pdfs:
        doc = load_doctext(pdf)
        arts = find_articles(doc)
        check_offsets(doc, arts)
        assert len({a.id for a in arts}) == len(arts)


# ------------------------------------------------------------------ lists of treaties


def test_a_name_before_the_keyword_is_not_taken_by_the_previous_citation() -> None:
    """'UDHR Article 10, ICCPR Article 14(1)': ICCPR heads the second citation, not the first."""
    refs = parse_references("Fair trials are owed under UDHR Article 10, ICCPR Article 14(1) and CRC Article 40.")
    assert [(r.items, r.name.surface if r.name else None) for r in refs] == [
        ([("10", None)], "UDHR"),
        ([("14", "1")], "ICCPR"),
        ([("40", None)], "CRC"),
    ]


@pytest.mark.parametrize(
    ("text", "subs"),
    [
        ("article 2(1)(a) and (c) of the ICCPR", ["1(a)", "1(c)"]),
        ("article 5(a), (b) and (c) of the ICCPR", ["a", "b", "c"]),
        ("article 9 (1), and (4) of the ICCPR", ["1", "4"]),
    ],
)
def test_sibling_subs_printed_alone(text: str, subs: list[str]) -> None:
    (ref,) = parse_references(text)
    assert [s for _, s in ref.items] == subs
    assert ref.name is not None and ref.name.instrument is not None


def test_a_label_with_a_colon_names_the_instrument_of_the_items_after_it() -> None:
    doc = make_doc(
        f"{ICCPR} (ICCPR):",
        "Articles 19, 21 and 22 - speech, assembly and association.",
        f"{CRC} (CRC):",
        "Articles 19, 12 and 30 - the child's views and culture.",
        "Article 31 - play and leisure.",
    )
    got = table(find_articles(doc))
    assert {("19", None, ICCPR), ("21", None, ICCPR), ("22", None, ICCPR)} <= got
    assert {("19", None, CRC), ("12", None, CRC), ("30", None, CRC), ("31", None, CRC)} <= got
    assert ("12", None, ICCPR) not in got


def test_a_law_named_without_its_year_joins_the_one_the_document_names_most() -> None:
    doc = make_doc(
        "Section 41 of the Public Order Act 2004 allows arrest without warrant; section 12 of the Public Order "
        "Act 2004 bans marches; section 3 of the Public Order Act 2004 defines a riot.",
        "The Public Order Act 2009 added one offence.",
        "Under section 12 of the Public Order Act, marches were banned.",
    )
    got = {(a.article, a.instrument) for a in find_articles(doc)}
    assert ("12", "Public Order Act 2004") in got
    assert not any(inst == "Public Order Act" for _, inst in got)


def test_french_lower_case_code_and_bare_articles_after_it() -> None:
    doc = make_doc(
        "Ainsi, l’article 148 du code pénal prévoit une peine de prison. Selon l’article 149, la peine est réduite.",
        "L’article 12 du code du travail protège les syndicats.",
        language="fr",
    )
    got = {(a.article, a.instrument) for a in find_articles(doc)}
    assert {("148", "code pénal"), ("149", "code pénal"), ("12", "code du travail")} <= got


def test_a_long_paragraph_ending_in_a_colon_does_not_name_the_instrument_of_what_follows() -> None:
    doc = make_doc(
        f"Article 10 of the {CRC} protects families. The explanatory note of the {ICCPR} sets out at length "
        "how the authorities should treat a family that asks to be reunited in the territory:",
        "Article 10 requires that such requests are dealt with in a positive, humane and expeditious manner.",
    )
    got = table(find_articles(doc))
    assert ("10", None, CRC) in got and ("10", None, ICCPR) not in got


def test_a_law_named_in_quotation_marks_and_a_doubled_abbreviation_dot() -> None:
    refs = parse_references("(Art. 7 de la “Ley Orgánica de Puertos”) y (Art.. 44 de la Constitución)")
    assert [(r.items, r.name.surface if r.name else None) for r in refs] == [
        ([("7", None)], "Ley Orgánica de Puertos"),
        ([("44", None)], "Constitución"),
    ]


# ------------------------------------------------------------------ warnings and language data


def test_an_article_with_no_instrument_anywhere_warns() -> None:
    doc = make_doc("Ruritania has not yet implemented article 14 in practice.")
    arts, warnings = find_articles_with_warnings(doc)
    assert arts == []
    assert [(w.code, w.page) for w in warnings] == [("article_instrument_unresolved", 1)]
    assert warnings[0].message == "article 14 on page 1: no instrument named or resolvable nearby"
    assert find_articles(doc) == arts


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania should respect article 9 of the Constitution.",  # resolved
        "As recalled in article 3 above, the State has acted.",  # a reference inside the document
        "As explained in section 4, the State has acted.",  # a part of the report
        "The NGO ARTICLE 19 reported it.",  # the organisation
        "Article 12 of this report lists them.",  # attached to something that is no instrument
    ],
)
def test_resolved_or_internal_references_do_not_warn(text: str) -> None:
    assert find_articles_with_warnings(make_doc(text))[1] == []


def test_article_words_of_each_language_validate() -> None:
    data = load_each("articles", ArticleWords)
    assert {"en", "es", "fr"} <= set(data) <= set(languages())
    assert "ley" in data["es"].national_heads and "loi" in data["fr"].national_heads


def test_spanish_constitutional_adjective_semicolon_lists_and_a_colon_after_the_keyword() -> None:
    doc = make_doc(
        "Ruritania viola los artículos 57 y 58 constitucionales, el artículo 267 Constitucional y el artículo 3 de"
        " la Constitución.",
        "Se violan los artículos 9 y 14 del Pacto Internacional de Derechos Civiles y Políticos; y 6 y 7 del"
        " Pacto Internacional de Derechos Económicos, Sociales y Culturales.",
        "El Código de Ética del Juez ruritano fue reformado.",
        footnotes=("", "", "En dicha reforma se modificaron los siguientes artículos: 29 (amonestación), 34 y 44."),
        language="es",
    )
    arts = find_articles(doc)
    got = table(arts)
    assert {("57", None), ("58", None), ("267", None), ("3", None)} == {
        (a, s) for a, s, i in got if i.startswith("Constituci")
    }
    assert {("6", None, "International Covenant on Economic, Social and Cultural Rights"), ("14", None, ICCPR)} <= got
    assert {a for a, _, i in got if i.startswith("Código de Ética")} == {"29", "34", "44"}
    constitution = next(a for a in arts if a.article == "57")
    assert constitution.instrument == "Constitución" and constitution.instrument_aliases == []
    check_offsets(doc, arts)


def test_an_abbreviation_defined_between_dashes_and_an_amended_law() -> None:
    doc = make_doc(
        "La reforma de la Ley Orgánica de Protección de la Infancia -LOPI- (2007) creó tribunales.",
        "El presupuesto (Art. 7 LOPI) es prioritario, como el buen trato (Art. 32-A reforma de la LOPI).",
        language="es",
    )
    got = {(a, i) for a, _, i in table(find_articles(doc))}
    assert got == {
        ("7", "Ley Orgánica de Protección de la Infancia"),
        ("32-A", "Ley Orgánica de Protección de la Infancia"),
    }


def test_a_law_that_gives_effect_to_a_treaty_keeps_its_articles_when_named_in_full() -> None:
    doc = make_doc(
        "Ruritania guarantees expression by Article 10 of the ECHR and Article 10 of the Human Rights Act 1998."
    )
    assert table(find_articles(doc)) == {("10", None, ECHR), ("10", None, "Human Rights Act 1998")}


def test_a_dot_abbreviated_article_only_with_its_instrument_right_after() -> None:
    assert table(find_articles(make_doc("The right to life (A. 3 UDHR) is at stake."))) == {("3", None, UDHR)}
    assert find_articles(make_doc("Annex A. 3 of the Universal Declaration of Human Rights is cited.")) == []


def test_a_short_name_in_parentheses_that_is_not_an_acronym() -> None:
    doc = make_doc(
        "L’article 10 de la Loi de protection civile en montagne (Loi Alpina), adoptée en 2004, permet tout."
        " Des chaînes sont soumises à la Loi\nAlpina.",
        "Que soit supprimé l’article 10 de la loi\nAlpina – soit désormais limité.",
        language="fr",
    )
    arts = find_articles(doc)
    assert table(arts) == {("10", None, "Loi de protection civile en montagne")}
    assert "loi Alpina" in arts[0].instrument_aliases
    check_offsets(doc, arts)
    doc = make_doc(
        "Article 4 of the Ruritanian Broadcasting Responsibility Act (Radio Act) is vague.",
        "We urge the repeal of article 4 of the Radio Act.",
    )
    arts = find_articles(doc)
    assert table(arts) == {("4", None, "Ruritanian Broadcasting Responsibility Act")}
    assert "Radio Act" in arts[0].instrument_aliases


def test_keywords_come_from_the_language_data() -> None:
    from extract.finders.articles.references import KEYWORD_RE

    for text in ("artículo 5", "ARTÍCULO 5", "Arts. 5", "ARTICLES 5", "sec. 5", "ss. 5", "s 5", "reglas 5", "Rule 5"):
        assert KEYWORD_RE.match(text), text
    assert KEYWORD_RE.match("country’s 2008") is None


def test_a_number_sign_before_article_numbers_is_read_through() -> None:
    doc = make_doc(
        "La Constitución de Ruritania, en cumplimiento de sus artículos # 83 y # 84, garantiza la salud.",
        language="es",
    )
    arts = find_articles(doc)
    assert {a.article for a in arts} == {"83", "84"}
    check_offsets(doc, arts)


def test_an_abbreviation_defined_with_a_year_names_its_instrument() -> None:
    doc = make_doc(
        "Rigen la Constitución de la República de Ruritania (CRR, 1999) y demás instrumentos.",
        "Según el artículo 129 de la CRR, toda actividad debe respetar el ambiente.",
        language="es",
    )
    arts = find_articles(doc)
    assert [(a.article, a.instrument) for a in arts] == [("129", arts[0].instrument)]
    assert arts[0].instrument.startswith("Constitución")
    check_offsets(doc, arts)


def test_an_organisation_named_article_is_no_article() -> None:
    from dataclasses import replace

    from extract.finders.articles import find_articles

    fcnm = "Framework Convention for the Protection of National Minorities"
    doc = make_doc(
        f"{fcnm} [1995]",
        "Article 6 [1]: The Parties shall encourage a spirit of tolerance.",
        "Article 12 in Freedonia believes that young people must be heard.",
    )
    assert ("12", None, fcnm) in table(find_articles(doc))  # read as the convention's, unless the author is known
    doc = replace(doc, organisations=("Article 12 in Freedonia",))
    assert table(find_articles(doc)) == {("6", None, fcnm)}
