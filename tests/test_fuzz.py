"""Property fuzzing of every text parser: any text in, no exception out, offsets in range, linear time.

The finders read text that came out of arbitrary PDFs, so the only safe
assumption about their input is none: every parser is fed random Unicode
(lone surrogates included: a broken PDF string can decode to one), strings
built from the words and punctuation the parsers look for, and 100 kB runs of
near-misses that a backtracking pattern would choke on. The slow test feeds
every page of the shared corpus, as the reader sees it, through all of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from extract.finders import (
    actions,
    addendum,
    articles,
    cases,
    citations,
    instruments,
    language,
    recommendations,
    states,
    symbols,
    themes,
    wgreport,
)
from extract.running import assemble
from extract.structure.units import DocText, TextUnit
from extract.text.fold import fold_aligned
from extract.text.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

EN = cases.rules_for("en")
FR = cases.rules_for("fr")

# name -> parser of one string; each is a public entry point that takes text from a document.
PARSERS: dict[str, Callable[[str], Any]] = {
    "symbols.parse_symbol": symbols.parse_symbol,
    "symbols.find_symbols": symbols.find_symbols,
    "symbols.symbol_from_url": symbols.symbol_from_url,
    "citations.find_rec_refs": citations.find_rec_refs,
    "citations.find_rec_refs(upr)": lambda t: citations.find_rec_refs(t, context=t[:200], upr_document=True),
    "citations.find_urls": citations.find_urls,
    "citations.find_communications": citations.find_communications,
    "citations.find_court_cases": citations.find_court_cases,
    "articles.parse_references": articles.parse_references,
    "articles.parse_name": lambda t: articles.parse_name(t, len(t) // 2),
    "wgreport.parse_items": wgreport.parse_items,
    "wgreport.split_states": wgreport.split_states,
    "wgreport.parse_state_list": wgreport.parse_state_list,
    "wgreport.parse_state_list(lenient)": lambda t: wgreport.parse_state_list(t, lenient=True),
    "wgreport.position_of": wgreport.position_of,
    "addendum.parse_number_list": addendum.parse_number_list,
    "addendum.response_position": addendum.response_position,
    "actions.classify_action(en)": actions.classify_action,
    "actions.classify_action(es)": lambda t: actions.classify_action(t, "es"),
    "actions.classify_action(fr)": lambda t: actions.classify_action(t, "fr"),
    "actions.leading_verb": actions.leading_verb,
    "themes.tag_text": themes.tag_text,
    "themes.tag_text(heading, fr)": lambda t: themes.tag_text(t, "fr", heading=True),
    "states.find_states": states.find_states,
    "states.find_states(adjectives)": lambda t: states.find_states(t, adjectives=True),
    "states.lookup_state": lambda t: states.lookup_state(t, adjectives=True),
    "language.detect_language": language.detect_language,
    "text.fold_aligned": fold_aligned,
    "text.split_sentences": lambda t: split_sentences(t, EN.abbreviations),
    "cases.translit_key": cases.translit_key,
    "cases.name_keys": cases.name_keys,
    "cases.same_person": lambda t: cases.same_person(t, t[::-1]),
    "cases.sentences": lambda t: cases.sentences(t, EN),
    "cases.windows": lambda t: cases.windows(t, FR),
    "cases.resolve_dates": lambda t: cases.resolve_dates(t, EN),
    "cases.prison_term": lambda t: cases.prison_term(t, EN),
    "instruments.find_instruments": instruments.find_instruments,
    "instruments.resolve_instrument": instruments.resolve_instrument,
    "instruments.generic_head": instruments.generic_head,
    "recommendations.lead_in_start": recommendations.lead_in_start,
}

# Pieces of what the parsers look for, in the project's own words: glued at random they reach
# the deep branches that random Unicode almost never does.
VOCAB = [
    "A/HRC/",
    "A/HRC/WG.6/",
    "CCPR/C/",
    "CRC/C/VLR/CO/3-4",
    "E/C.12/",
    "/Add.1",
    "/Rev.2",
    "para. ",
    "paras. 12-14",
    "recommendation",
    "recommendations ",
    "112.",
    "87.3",
    "(Norway)",
    "(Veloria);",
    " and ",
    ", ",
    "; ",
    ": ",
    "article ",
    "Article 19(2)(a) ",
    "arts. 2 and 26 ",
    "of the Covenant",
    "Convention against Torture",
    "Law No. 12/2020",
    "Ley N° ",
    "loi n° ",
    "Criminal Code",
    "Constitution",
    "http://",
    "https://www.ohchr.org/",
    "www.",
    "Mr. ",
    "Ms. Anna Mirova",
    "journalist",
    "was arrested on 2 May 2019",
    "sentenced to 7 years",
    "in prison",
    "accepted",
    "noted",
    "supported",
    "The Working Group ",
    "recommends that ",
    "Ensure ",
    "Ratify ",
    "Republic of Veloria",
    "Communication No. 1234/2004",
    "v. ",
    "•",
    "◦",
    "-",
    "–",
    "…",
    "(",
    ")",
    "[",
    "]",
    ".",
    "\n",
    " ",
    "\u00a0",
    "é",
    "Ł",
    "ß",
    "İ",
    "ﬁ",
    "\u200b",
    "١٢",
    "第",
    "0",
    "9",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=4)), max_size=60).map("".join),
    st.text(alphabet=st.characters(blacklist_categories=()), max_size=120),  # lone surrogates too
)


def _spans(result: Any) -> Iterator[Any]:
    """Every object inside a parser's result that carries start/end offsets."""
    if result is None or isinstance(result, str | int | float | bool):
        return
    if isinstance(result, list | tuple | set | frozenset):
        for x in result:
            yield from _spans(x)
        return
    if isinstance(result, dict):
        for x in result.values():
            yield from _spans(x)
        return
    if hasattr(result, "start") and hasattr(result, "end") and isinstance(getattr(result, "start", None), int):
        yield result
    if is_dataclass(result):
        for f in fields(result):
            if f.name not in ("start", "end"):
                yield from _spans(getattr(result, f.name))


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_parser_never_raises(name: str, text: str) -> None:
    result = PARSERS[name](text)
    for span in _spans(result):
        assert 0 <= span.start <= span.end <= len(text), (name, span)


# ---------------------------------------------------------------- whole finders over a fuzzed document


@st.composite
def documents(draw: st.DrawFn) -> DocText:
    paras = draw(st.lists(texts, min_size=1, max_size=5))
    notes = draw(st.lists(texts, max_size=3))
    units = [TextUnit(id=f"p{i + 1}", source="paragraph", page=1, text=t) for i, t in enumerate(paras)]
    units += [
        TextUnit(id=f"fn{i + 1}", source="footnote", page=1, text=t, number=str(i + 1), anchor="p1")
        for i, t in enumerate(notes)
    ]
    return DocText(
        units=units,
        language=draw(st.sampled_from(["en", "es", "fr", "ru", "und"])),
        kind=draw(
            st.sampled_from(
                [
                    "ngo_submission",
                    "joint_submission",
                    "working_group_report",
                    "working_group_addendum",
                    "stakeholder_summary",
                    "other",
                ]
            )
        ),
        source_file="fuzz.pdf",
        pages=1,
    )


def _mentions(obj: Any) -> Iterator[Any]:
    """Pydantic records with a unit id, offsets and text (mentions, citations, case events)."""
    if isinstance(obj, BaseModel):
        located = getattr(obj, "paragraph", None) or getattr(obj, "footnote", None)
        if located and getattr(obj, "start", None) is not None and hasattr(obj, "text"):
            yield obj
        for name in type(obj).model_fields:
            yield from _mentions(getattr(obj, name))
    elif isinstance(obj, list | tuple):
        for x in obj:
            yield from _mentions(x)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_all_finders_on_a_fuzzed_document(doc: DocText) -> None:
    """Every record finder, as the pipeline runs them; offsets index their unit's text exactly."""
    records = assemble.find_records(doc)
    text_of = {u.id: u.text for u in doc.units}
    found = [records.get(name) for name in ("citations", "legal_articles", "cases", "recommendations", "contributors")]
    for m in _mentions(found):
        unit = text_of[m.footnote or m.paragraph]
        if m.end is not None:
            assert unit[m.start : m.end] == m.text, m


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_metadata_on_a_fuzzed_document(doc: DocText) -> None:
    from schemas import DocumentMeta

    meta, described = assemble.describe(doc, DocumentMeta(source_file="fuzz.pdf", sha256="0" * 64, pages=1))
    assert meta.language
    assert described.units == doc.units


# ---------------------------------------------------------------- adversarial size: linear time

# Runs a backtracking pattern would stall on: each repeated to 100 kB.
NEAR_MISSES = [
    "A/HRC/",
    "A/HRC/21/",
    "CCPR/C/",
    "1.",
    "112.1, ",
    "(",
    "((((",
    "article ",
    "Article 1, 2, 3 and ",
    "Article 19(2)(a) of ",
    "recommendation 12, ",
    "(Norway); ",
    "http://",
    "www.",
    "x.y/",
    "Mr. ",
    "Law No. ",
    "Convention against ",
    "of the ",
    "Anna Mirova ",
    "on 2 May 2019, ",
    "years in prison ",
    "para. ",
    ". ",
    "-",
    "a",
    "7",
]
MIXED = "".join(NEAR_MISSES) * 3

WHITESPACE_RUNS = frozenset({" ", "\n", "\u00a0"})
KNOWN_SLOW: dict[str, tuple[frozenset[str], str]] = {}
"""Parsers with a known superlinear pattern on long runs of these inputs (reported to their owner)."""


def _known_slow(name: str, unit: str) -> str | None:
    units, why = KNOWN_SLOW.get(name, (frozenset(), ""))
    return why if unit in units else None


def _best_time(fn: Callable[[str], Any], text: str, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.timing
@pytest.mark.parametrize("name", sorted(PARSERS))
def test_100kb_adversarial_input_is_fast(name: str) -> None:
    """A 100 kB text of every near-miss in turn (and 100 kB of one character) parses in seconds."""
    fn = PARSERS[name]
    for text in ((MIXED * (100_000 // len(MIXED) + 1))[:100_000], "a" * 100_000, "1." * 50_000):
        t = time.perf_counter()
        fn(text)
        assert time.perf_counter() - t < 10.0, name


@pytest.mark.timing
@pytest.mark.parametrize("name", sorted(PARSERS))
def test_whitespace_run_is_linear(name: str) -> None:
    """4x the input takes about 4x the time, not 16x (a long run of spaces, as a damaged page gives)."""
    why = _known_slow(name, " ")
    if why:
        pytest.xfail(why)
    fn = PARSERS[name]
    small, big = _best_time(fn, " " * 2_000), _best_time(fn, " " * 8_000)
    assert big < 0.05 or big / max(small, 1e-4) < 9, (name, small, big)


@pytest.mark.timing
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PARSERS))
def test_every_near_miss_run_is_linear(name: str) -> None:
    fn = PARSERS[name]
    for unit in [*NEAR_MISSES, "\n", "\u00a0"]:
        if _known_slow(name, unit):
            continue
        small = _best_time(fn, (unit * (5_000 // len(unit) + 1))[:5_000])
        big = _best_time(fn, (unit * (20_000 // len(unit) + 1))[:20_000])
        assert big < 0.05 or big / max(small, 1e-4) < 9, (name, unit, small, big)


# ---------------------------------------------------------------- the whole corpus, page by page


def _corpus_pages() -> Iterator[tuple[str, int, str, list[str]]]:
    from extract.reading.read import ReadError, read_pdf

    for pdf in sorted(CORPUS.glob("*.pdf")):
        try:
            raw = read_pdf(pdf)
        except ReadError:
            continue
        for page in raw.pages:
            lines = [ln.text for ln in page.lines]
            yield pdf.name, page.number, "\n".join(lines), lines


@pytest.mark.slow
def test_every_corpus_page_through_every_parser() -> None:
    """Each page's text (its lines joined, and each line alone) through every parser, once each."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent: this test reads every page of the shared corpus")
    failures: list[str] = []
    pages = 0
    for name, number, text, lines in _corpus_pages():
        pages += 1
        for pname, fn in PARSERS.items():
            if pname in ("cases.same_person", "articles.parse_name"):
                continue  # pairwise helpers: a whole page is not a name
            for piece in (text, *lines):
                try:
                    fn(piece)
                except Exception as e:
                    failures.append(f"{name} p{number} {pname}: {type(e).__name__}: {e}")
                    break
    assert pages > 100
    assert not failures, "\n".join(failures[:20])
