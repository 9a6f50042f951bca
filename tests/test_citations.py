"""Citations: earlier UPR recommendations in context only, links rejoined, exact offsets, reading order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.finders.citations import (
    find_citations,
    find_communications,
    find_court_cases,
    find_rec_refs,
    find_urls,
    recommending_states,
)
from extract.structure.units import DocText, TextUnit
from schemas import Document

STATES = ["Brazil", "Chile", "Russian Federation", "the Netherlands", "Bolivia (Plurinational State of)", "Norway"]


def refs(text: str, **kw: object) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.number, r.states) for r in find_rec_refs(text, **kw)]  # type: ignore[arg-type]


# ---------------------------------------------------------------- recommendation references


def test_numbers_with_their_own_states() -> None:
    text = "Freedonia report, recommendations 131.2 (Brazil), 131.8 (Chile) and 132.5 (Norway)."
    assert refs(text) == [("131.2", ("Brazil",)), ("131.8", ("Chile",)), ("132.5", ("Norway",))]


def test_range_with_a_group_gives_every_number_the_group() -> None:
    text = "See the report, paragraphs 56.7-56.10 (Norway, Russian Federation and Chile)."
    group = ("Norway", "Russian Federation", "Chile")
    assert refs(text) == [(f"56.{n}", group) for n in (7, 8, 9, 10)]


def test_list_before_one_group_shares_it() -> None:
    text = "It accepted recommendations 12.1, 12.2 and 12.3 (Norway)."
    assert refs(text) == [(n, ("Norway",)) for n in ("12.1", "12.2", "12.3")]


def test_leading_article_dropped_and_nested_brackets_kept() -> None:
    text = "recommendations 90.3 (the Netherlands, Bolivia (Plurinational State of))"
    assert refs(text) == [("90.3", ("Netherlands", "Bolivia (Plurinational State of)"))]


def test_numbers_without_states_and_short_ranges() -> None:
    assert refs("It accepted recommendations 122.17-19 and 122.30.") == [
        ("122.17", ()),
        ("122.18", ()),
        ("122.19", ()),
        ("122.30", ()),
    ]


def test_spanish_and_french() -> None:
    assert refs("Véanse las recomendaciones 98.2 (Brasil) y 98.3 (Chile).") == [
        ("98.2", ("Brasil",)),
        ("98.3", ("Chile",)),
    ]
    assert refs("Voir les recommandations 45.1 (Brésil) et 45.2.") == [("45.1", ("Brésil",)), ("45.2", ())]


def test_working_group_report_paragraph() -> None:
    text = "As reported in A/HRC/99/12, para 56.26, the State agreed."
    assert refs(text, report_ends=[len("As reported in A/HRC/99/12")]) == [("56.26", ())]
    assert refs(text) == []


def test_whole_numbers_need_the_review_nearby() -> None:
    assert refs("In its first UPR the State accepted recommendation 10 on prisons.") == [("10", ())]
    assert refs("UPR Recommendation 23: To publish prison statistics every year.") == [("23", ())]
    assert refs("Recommendation 10") == []
    assert refs("Recommendation 10", context="The last universal periodic review recommended it.") == [("10", ())]


def test_whole_numbers_in_a_document_about_the_review() -> None:
    assert refs("Freedonia has only partly implemented Recommendation 14.", upr_document=True) == [("14", ())]
    assert refs("Freedonia has only partly implemented Recommendation 14.") == []
    quoted = "Recommendation 9 (Not accepted): Consider a national action plan on housing."
    assert refs(quoted, upr_document=True) == [("9", ())]
    assert refs("Recommendation 4: the levy ought to be dropped.", upr_document=True) == []
    assert refs("Recommendation 3: Freedonia should repeal the Act.", upr_document=True) == []
    assert refs("As urged by Recommendation 64 (c) of the Special Rapporteur, in the UPR.") == []


@pytest.mark.parametrize(
    "text",
    [
        "See paragraphs 95-97 of the UPR report.",
        "On 12.5.2010 the UPR session opened.",
        "The budget of $124.5 million for UPR follow-up.",
        "Article 19.3 (Norway) of the Constitution.",
        "Section 3.1 (Introduction) of the UPR submission.",
        "CEDAW General Recommendation No. 19 in the UPR.",
        "The State accepted CERD Recommendation 18 during the UPR.",
        "The Committee made ten recommendations 18 to the UPR.",
        "Recommendation 2: The Government should repeal the Act before the UPR.",
        "UPR recommendations 10 March 2012 were published.",
        "II. Conclusions and recommendations 86. The following UPR recommendations",
        "In 2.5 (see below) and 3.4 (Annex) the UPR figures differ.",
    ],
)
def test_not_recommendation_references(text: str) -> None:
    assert refs(text) == []


@st.composite
def rec_lists(draw: st.DrawFn) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    """A printed reference list and the (number, states) pairs it means."""
    head = draw(st.integers(min_value=1, max_value=199))
    items = draw(
        st.lists(
            st.tuples(st.integers(min_value=1, max_value=199), st.none() | st.sampled_from(STATES)),
            min_size=1,
            max_size=6,
            unique_by=lambda t: t[0],
        )
    )
    parts = [f"{head}.{n}" + (f" ({state})" if state else "") for n, state in items]
    # a bare number takes the next bracket's States (the range/list rule)
    fixed: list[tuple[str, tuple[str, ...]]] = []
    pending: list[str] = []
    for n, state in items:
        pending.append(f"{head}.{n}")
        if state:
            fixed.extend((p, (state.removeprefix("the "),)) for p in pending)
            pending = []
    fixed.extend((p, ()) for p in pending)
    sep = draw(st.sampled_from([", ", "; ", " and ", ", and "]))
    word = draw(st.sampled_from(["recommendations", "Recommendations", "recomendaciones", "recommandations"]))
    return f"Report A/HRC/9/10, {word} " + sep.join(parts) + ".", fixed


@given(rec_lists())
def test_generated_reference_lists(case: tuple[str, list[tuple[str, tuple[str, ...]]]]) -> None:
    text, want = case
    got = find_rec_refs(text)
    assert sorted((r.number, r.states) for r in got) == sorted(want)
    for r in got:
        assert text[r.start : r.end].startswith(r.number.split(".")[0])


@given(st.text(max_size=300), st.text(max_size=100))
def test_rec_junk_never_crashes(text: str, context: str) -> None:
    for r in find_rec_refs(text, context=context, report_ends=[len(text) // 2], upr_document=True):
        assert 0 <= r.start < r.end <= len(text)


@given(st.text(alphabet="0123456789.,;-– ()recommendationsUPR andNorway", max_size=400))
def test_number_soup_never_crashes(text: str) -> None:
    for r in find_rec_refs(text, upr_document=True):
        assert 0 <= r.start < r.end <= len(text)


@pytest.mark.timing
@pytest.mark.parametrize(
    "unit",
    [
        "124.4 (",
        "recommendations ",
        "1.1, ",
        "1.1-",
        "(((((",
        "recommendations 1.1 (Brazil, ",
        "Recommendation 1: ",
        "UPR recommendation 5, ",
        "http://x.org/a_ ",
        "Smith v. ",
        "A v B ",
        "Communication No. 1/2001 ",
    ],
)
def test_100kb_adversarial_input_is_fast(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    t = time.perf_counter()
    find_rec_refs(text, upr_document=True)
    find_urls(text)
    find_communications(text)
    find_court_cases(text)
    assert time.perf_counter() - t < 1.0


# ---------------------------------------------------------------- links, communications, cases


def test_url_broken_across_lines_is_rejoined() -> None:
    text = "Available at http://www.example.org/uploads/ publications/277.pdf, accessed today."
    (u,) = find_urls(text)
    assert u.url == "http://www.example.org/uploads/publications/277.pdf"
    assert text[u.start : u.end] == "http://www.example.org/uploads/ publications/277.pdf"


def test_url_not_joined_with_the_next_word() -> None:
    (u,) = find_urls("See http://www.example.org/ accessed 3 May.")
    assert u.url == "http://www.example.org/"
    (u,) = find_urls("(www.example.org/report.pdf).")
    assert u.url == "www.example.org/report.pdf"
    assert [x.url for x in find_urls("example.org/a and http://b.example.net/c")] == [
        "example.org/a",
        "http://b.example.net/c",
    ]


def test_communications_and_cases() -> None:
    (c,) = find_communications("Human Rights Committee, Communication No. 45/2012, Views of 2014.")
    assert (c.number, c.committee) == ("45/2012", "CCPR")
    assert find_communications("Law No. 45/2012 on associations") == []
    (k,) = find_court_cases("In Coleman v Power (2004) the court held")
    assert k.name == "Coleman v Power" and k.year == "2004"
    (k,) = find_court_cases("Corte IDH. Caso Pérez Gómez Vs. Freedonia. Sentencia de 2009.")
    assert k.name == "Pérez Gómez Vs. Freedonia"
    names = [k.name for k in find_court_cases("Casos Ríos Vs. Freedonia y Perozo Vs. Freedonia (2009).")]
    assert names == ["Ríos Vs. Freedonia", "Perozo Vs. Freedonia"]
    (k,) = find_court_cases("See the Case of Smith Limited v. The United Kingdom (Application no. 1/04), 2011.")
    assert k.name == "Smith Limited v. The United Kingdom"
    (k,) = find_court_cases("in (Jones v Leeds City Council) it held")
    names = [
        k.name for k in find_court_cases("Hale & Ors v Harbour Board [2030] EWHC 12 (QB) and Lowe v Daily Post [2030]")
    ]
    assert names == ["Hale & Ors v Harbour Board", "Lowe v Daily Post"]
    assert k.name == "Jones v Leeds City Council"


# ---------------------------------------------------------------- the document


def _doc() -> DocText:
    p1 = "In its first review (A/HRC/99/10) Freedonia accepted recommendations on prisons.1"
    fn1 = "A/HRC/99/10, recommendations 101.4 (Brazil), 101.5 (Chile). See http://www.example.org/docs/ A_HRC_99_10_Add1_Freedonia.pdf."
    fn2 = "Interview with a former detainee, March 2019."
    fn4 = "Views adopted in CCPR/C/99/D/1234/2010, Smith v. Freedonia."
    fn3 = "The author thanks the reviewers"
    return DocText(
        units=[
            TextUnit(id="p1", source="paragraph", page=1, text=p1),
            TextUnit(id="fn1", source="footnote", page=1, text=fn1, number="1", anchor="p1"),
            TextUnit(id="fn2", source="footnote", page=2, text=fn2, number="2", anchor="p1"),
            TextUnit(id="fn3", source="footnote", page=2, text=fn3, number="3", anchor="p1"),
            TextUnit(id="fn4", source="footnote", page=2, text=fn4, number="4", anchor="p1"),
        ]
    )


def test_find_citations_document() -> None:
    doc = _doc()
    cits = find_citations(doc)
    assert [c.id for c in cits] == [f"cit{i}" for i in range(1, len(cits) + 1)]
    for c in cits:
        unit = doc.unit(c.footnote or c.paragraph or "")
        assert unit is not None and c.start is not None and c.end is not None
        assert unit.text[c.start : c.end] == c.text
        assert c.page == unit.page
    kinds = [(c.kind, c.footnote or c.paragraph) for c in cits]
    assert kinds[0] == ("un_document", "p1")
    recs = [c for c in cits if c.kind == "upr_recommendation"]
    assert [(c.parsed.number, c.parsed.states, c.parsed.source_symbol) for c in recs] == [  # type: ignore[union-attr]
        ("101.4", ["Brazil"], "A/HRC/99/10"),
        ("101.5", ["Chile"], "A/HRC/99/10"),
    ]
    from_url = [c for c in cits if c.kind == "un_document" and c.parsed.from_url]  # type: ignore[union-attr]
    assert [c.parsed.symbol for c in from_url] == ["A/HRC/99/10/Add.1"]  # type: ignore[union-attr]
    urls = [c for c in cits if c.kind == "url"]
    assert [c.parsed.url for c in urls] == ["http://www.example.org/docs/A_HRC_99_10_Add1_Freedonia.pdf"]  # type: ignore[union-attr]
    others = [c.footnote for c in cits if c.kind == "other"]
    assert others == ["fn2"]  # fn3 cites nothing
    fn4 = [(c.kind, c.text) for c in cits if c.footnote == "fn4"]
    assert fn4 == [
        ("un_document", "CCPR/C/99/D/1234/2010"),
        ("treaty_body_view", "CCPR/C/99/D/1234/2010"),
        ("court_case", "Smith v. Freedonia"),
    ]


def test_citations_validate_as_a_document() -> None:
    cits = find_citations(_doc())
    meta = {"source_file": "x.pdf", "sha256": "0" * 64, "pages": 2}
    doc = Document.model_validate({"document": meta, "citations": [c.model_dump() for c in cits]})
    assert [c.id for c in doc.citations] == [c.id for c in cits]


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200), min_size=1, max_size=4))
def test_offsets_exact_on_any_text(texts: list[str]) -> None:
    units = [
        TextUnit(id=f"u{i}", source="footnote" if i % 2 else "paragraph", page=1, text=t) for i, t in enumerate(texts)
    ]
    doc = DocText(units=units)
    for c in find_citations(doc):
        unit = doc.unit(c.footnote or c.paragraph or "")
        assert unit is not None and c.start is not None and unit.text[c.start : c.end] == c.text


def test_reading_order_follows_units() -> None:
    cits = find_citations(_doc())
    order = {"p1": 0, "fn1": 1, "fn2": 2, "fn3": 3, "fn4": 4}
    keys = [(order[c.footnote or c.paragraph or ""], c.start) for c in cits]
    assert keys == sorted(keys)


# ---------------------------------------------------------------- the corpus

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.slow
def test_every_corpus_page_is_read_without_crashing() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    from extract.running.pipeline import load_doctext

    pdfs = sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        pytest.skip("corpus folder holds no PDF")
    spent = 0.0
    pages = 0
    for pdf in pdfs:
        try:
            doc = load_doctext(pdf)
        except Exception as e:  # unreadable PDFs are the reader's business, not this finder's
            print(f"{pdf.name}: not read ({e})")
            continue
        t = time.perf_counter()
        cits = find_citations(doc)
        spent += time.perf_counter() - t
        pages += len({u.page for u in doc.units})
        for c in cits:
            unit = doc.unit(c.footnote or c.paragraph or "")
            assert unit is not None and unit.text[c.start : c.end] == c.text, (pdf.name, c.id)
    assert spent / max(pages, 1) < 0.005


@pytest.mark.parametrize(
    ("sentence", "states"),
    [
        (
            "When Freedonia was last reviewed, New Zealand recommended that it lift its reservation.",
            ["New Zealand"],
        ),
        ("France and Spain recommended a moratorium. Freedonia rejected it.", ["France", "Spain"]),
        ("Freedonia accepted the recommendation made by Brazil on prisons.", ["Brazil"]),
        ("En el primer ciclo, México recomendó a Freedonia ratificar la Convención.", ["México"]),
        ("Germany and Norway supported the bill, while Chile recommended its repeal.", ["Chile"]),
        ("Germany, Italy and Norway supported the bill.", []),
    ],
)
def test_states_that_made_a_recommendation_in_the_citing_sentence(sentence: str, states: list[str]) -> None:
    assert recommending_states(sentence) == states


def test_a_note_with_only_the_number_takes_the_states_of_the_citing_sentence() -> None:
    p1 = "Two cycles ago Portugal and Ghana recommended that Freedonia close the island camps.1"
    fn1 = "Working Group report of 3 May 2031, A/HRC/99/10, para 88.14."
    doc = DocText(
        units=[
            TextUnit(id="p1", source="paragraph", page=1, text=p1),
            TextUnit(id="fn1", source="footnote", page=1, text=fn1, number="1", anchor="p1"),
        ]
    )
    (rec,) = [c for c in find_citations(doc) if c.kind == "upr_recommendation"]
    assert rec.parsed.number == "88.14" and rec.parsed.states == ["Portugal", "Ghana"]  # type: ignore[union-attr]


def test_abbreviated_references_in_brackets_in_a_document_about_the_review() -> None:
    text = "Detainees wait weeks for a judge (Rec.s 4 and 5). Housing is still scarce (Rec. 21)."
    assert [r.number for r in find_rec_refs(text, upr_document=True)] == ["4", "5", "21"]
    assert find_rec_refs(text) == []  # bare numbers: only where the document is about the review


def test_a_report_paragraphs_items_printed_with_brackets_are_its_recommendations() -> None:
    note = "A/HRC/99/12, Report of the Working Group: Veridia, paras. 56(2), 56(3) and 56(5)"
    refs = find_rec_refs(note, report_ends=[note.index("/12") + 3])
    assert [r.number for r in refs] == ["56.2", "56.3", "56.5"]
    assert [note[r.start : r.end] for r in refs] == ["56(2)", "56(3)", "56(5)"]
    assert [r.number for r in find_rec_refs("Veridia accepted recommendation 56(10).")] == ["56.10"]
    # an article's or another text's sub-paragraph is not one
    assert find_rec_refs("A/HRC/99/12 and Article 19(3); para. 4(2) of the Press Act", report_ends=[11]) == []


def test_a_number_before_a_month_in_any_language_is_a_date() -> None:
    for text in (
        "The State accepted recommendation 16 February 2030 without comment.",
        "El Estado aceptó la recomendación 16 setiembre de 2030.",
        "L'État a accepté la recommandation 16 fevrier 2030.",
    ):
        assert find_rec_refs(text, upr_document=True) == [], text
