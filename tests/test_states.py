"""State names → ISO3 (extract.finders.states) and language detection (extract.finders.language)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.finders.language import detect_language
from extract.finders.states import find_states, lookup_state, state_ref


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Plurinational State of Bolivia", "BOL"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("the United Kingdom", "GBR"),
        ("U.K.", "GBR"),
        ("Reino Unido", "GBR"),
        ("Royaume-Uni", "GBR"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("República Bolivariana de Venezuela", "VEN"),
        ("Korea, Republic of", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("the Russian Federation", "RUS"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Kazajistán", "KAZ"),
        ("Perú", "PER"),
        ("PERU", "PER"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
    ],
)
def test_lookup_state_names(name: str, iso3: str) -> None:
    ref = lookup_state(name)
    assert ref is not None and ref.iso3 == iso3


def test_lookup_state_refuses_non_states_and_adjectives_unless_asked() -> None:
    assert lookup_state("Northern Ireland") is None
    assert lookup_state("Freedonia") is None
    assert lookup_state("") is None
    assert lookup_state("Kazakh") is None
    assert lookup_state("Kazakh", adjectives=True).iso3 == "KAZ"  # type: ignore[union-attr]
    assert lookup_state("venezolano", adjectives=True).iso3 == "VEN"  # type: ignore[union-attr]


def test_state_ref_uses_the_un_short_name() -> None:
    assert state_ref("bol").name == "Bolivia (Plurinational State of)"  # type: ignore[union-attr]
    assert state_ref("XXX") is None


def _found(text: str, **kw: bool) -> list[tuple[str, str]]:
    return [(text[s:e], r.iso3) for s, e, r in find_states(text, **kw)]


def test_find_states_longest_name_and_exact_offsets() -> None:
    text = "Recommendations by Bolivia (Plurinational State of) and the Democratic Republic of the Congo."
    assert _found(text) == [("Bolivia (Plurinational State of)", "BOL"), ("Democratic Republic of the Congo", "COD")]


def test_find_states_does_not_cut_words() -> None:
    assert _found("The Cuban delegation and the Omani one.") == []
    assert _found("The Cuban delegation.", adjectives=True) == [("Cuban", "CUB")]


def test_find_states_ambiguous_names_need_no_capitalised_neighbour() -> None:
    text = "Chad Smith met Michael Jordan near Lake Chad and in Atlanta, Georgia; the Jordan Valley."
    assert _found(text) == []
    assert _found("Statements were made by Chad, Jordan and Georgia.") == [
        ("Chad", "TCD"),
        ("Jordan", "JOR"),
        ("Georgia", "GEO"),
    ]
    assert _found("Armenia, Georgia and Freedonia.") == [("Armenia", "ARM"), ("Georgia", "GEO")]


def test_find_states_not_states_inside_longer_names() -> None:
    assert _found("Northern Ireland and New Mexico") == []
    assert _found("Northern Ireland and Ireland") == [("Ireland", "IRL")]


def test_find_states_needs_capitals_and_reads_capitals() -> None:
    assert _found("the republic of turkey is a bird") == []
    assert _found("UNIVERSAL PERIODIC REVIEW: CHAD SESSION 4") == [("CHAD", "TCD")]


def test_find_states_spanish_french_and_abbreviations() -> None:
    text = "Informe sobre el Reino Unido y la Fédération de Russie; the UK and EE.UU."
    assert _found(text) == [("Reino Unido", "GBR"), ("Fédération de Russie", "RUS"), ("UK", "GBR"), ("EE.UU.", "USA")]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_find_states_never_crashes_and_offsets_hold(text: str) -> None:
    for s, e, ref in find_states(text, adjectives=True):
        assert 0 <= s < e <= len(text)
        assert len(ref.iso3) == 3


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Chad",
                "Jordan",
                "(",
                ")",
                "of",
                "the",
                "Bolivia",
                "Republic",
                "Congo",
                " ",
                ",",
                "Democratic",
                "U.K.",
                "US",
                "JOIN",
                "Lake",
                "é",
                "\n",
            ]
        ),
        max_size=60,
    )
)
def test_find_states_on_name_fragments(parts: list[str]) -> None:
    text = " ".join(parts)
    for s, e, _ref in find_states(text):
        assert text[s:e].strip() == text[s:e]


@pytest.mark.timing
def test_find_states_is_linear_on_100kb() -> None:
    chunk = "Chad Jordan (Democratic Republic of the Bolivia (Plurinational State of "
    small, big = chunk * 140, chunk * 1400  # ~10 kB and ~100 kB
    t0 = time.perf_counter()
    find_states(small)
    t1 = time.perf_counter()
    find_states(big)
    t2 = time.perf_counter()
    assert t2 - t1 < 5.0
    assert (t2 - t1) < 30 * max(t1 - t0, 1e-3)


# ---------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Government of Freedonia should ensure that all the rights of the child are protected by law.", "en"),
        ("El Gobierno de Freedonia debe garantizar que los derechos de las personas sean protegidos por la ley.", "es"),
        ("Le gouvernement de Freedonie doit garantir que les droits des personnes sont protégés par la loi.", "fr"),
        ("O governo da Freedónia deve garantir que os direitos das pessoas são protegidos pela lei e não só.", "pt"),
        ("Правительство должно обеспечить, что все права человека и это было бы так же для всех.", "ru"),
        ("يجب على الحكومة أن تضمن حقوق الإنسان", "ar"),
        ("政府应当保障人权", "zh"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_undetermined() -> None:
    assert detect_language("") == "und"
    assert detect_language("12 34 -- 2011") == "und"
    assert detect_language("Freedonia") == "und"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_detect_language_never_crashes(text: str) -> None:
    out = detect_language(text)
    assert out == "und" or (len(out) == 2 and out.islower())


@pytest.mark.timing
def test_detect_language_is_fast_on_100kb() -> None:
    text = ("de la the of и в " * 6000)[:100_000]
    t0 = time.perf_counter()
    detect_language(text)
    assert time.perf_counter() - t0 < 2.0


def test_state_names_are_read_in_every_language_the_finders_read() -> None:
    from extract.lang import read_languages

    assert {"en", "es", "fr"} <= set(read_languages())
    assert lookup_state("Reino Unido") is not None and lookup_state("Royaume-Uni") is not None
