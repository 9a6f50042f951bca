"""The one sentence splitter every finder uses (extract/text/sentences.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.lang import abbreviations
from extract.text.sentences import split_sentences

EN = abbreviations("en")
ES = abbreviations("es")


def _split(text: str, abbrev: frozenset[str] = EN) -> list[str]:
    return [text[a:b].strip() for a, b in split_sentences(text, abbrev)]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Dr. Vell met Mr. J. Rask on 3 May. He was arrested. See art. 5 of the Code."
    assert _split(text) == ["Dr. Vell met Mr. J. Rask on 3 May.", "He was arrested.", "See art. 5 of the Code."]
    assert _split("Veridia accepted recommendation no. 5 and Rec. 6. It did nothing.") == [
        "Veridia accepted recommendation no. 5 and Rec. 6.",
        "It did nothing.",
    ]


def test_a_word_glued_to_an_apostrophe_or_slash_is_no_abbreviation() -> None:
    assert _split("It grew in the 1990’s. The law changed.") == ["It grew in the 1990’s.", "The law changed."]
    assert _split("The limit is 0,5 mg/l. El estudio lo mostró.", ES) == [
        "The limit is 0,5 mg/l.",
        "El estudio lo mostró.",
    ]


def test_spanish_questions_and_quotes_open_sentences() -> None:
    assert _split("Primera pregunta. ¿Cómo garantizará el Estado la consulta?", ES) == [
        "Primera pregunta.",
        "¿Cómo garantizará el Estado la consulta?",
    ]
    assert _split("He said 'no more.' ‘Then’ they left.") == ["He said 'no more.'", "‘Then’ they left."]


def test_a_stop_before_a_bracketed_lower_case_word_is_inside_the_sentence() -> None:
    assert _split("The site is planned at the local level. (see section 2) The council agreed.") == [
        "The site is planned at the local level. (see section 2) The council agreed."
    ]


def test_lettered_items_are_not_sentence_ends() -> None:
    assert _split("Support is given in: a. El apoyo a los planes, b. En el apoyo a comunidades.", ES) == [
        "Support is given in: a. El apoyo a los planes, b. En el apoyo a comunidades."
    ]


@given(st.text(max_size=300))
def test_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = split_sentences(text, EN)
    end = 0
    for a, b in spans:
        assert end <= a <= b <= len(text)
        end = b
