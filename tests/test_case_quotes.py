"""Cases round 3: quoted names, doubled object pronouns, places named after people, event pages.

Example texts are about a fictional State (the Republic of Norvalia) and invented people.
"""

from __future__ import annotations

from extract.finders.cases import find_cases
from extract.structure.units import DocText, TextUnit
from extract.text.quotes import quote_at, quoted_spans


def _doc(*texts: str, language: str = "en") -> DocText:
    units = [TextUnit(id=f"p{i}", source="paragraph", page=1, text=t) for i, t in enumerate(texts, 1)]
    return DocText(units=units, language=language)


def _cases(doc: DocText) -> dict[str, list[str]]:
    return {c.name: [e.type for e in c.events] for c in find_cases(doc)}


def test_quoted_spans_nest_and_skip_an_open_quotation() -> None:
    text = "a “b “c” d” e “f g"
    spans = quoted_spans(text)
    assert spans == [(2, 11), (5, 8)]
    assert quote_at(spans, 6) == (5, 8)
    assert quote_at(spans, 3) == (2, 11)
    assert quote_at(spans, 16) is None


def test_a_name_printed_only_in_a_quotation_is_no_case() -> None:
    doc = _doc(
        "Una carta recibida por la Comisión dice: “Anselmo Quirós ha fusilado a más de cien campesinos "
        "en la sierra”. El Gobierno anuncia las ejecuciones con meses de anticipación: medio de tortura "
        "que le inflige al condenado y a sus familiares.",
        language="es",
    )
    assert not any("Quirós" in n for n in _cases(doc))


def test_a_doubled_object_pronoun_does_not_resume_the_last_name() -> None:
    doc = _doc(
        "El periodista Tadeo Arvelo fue detenido el 3 de marzo de 2004 en Port Salin. "
        "Luego un agente le entregó al detenido una citación y le dijo al preso que sería torturado.",
        language="es",
    )
    cases = _cases(doc)
    assert "Tadeo Arvelo" in cases
    assert "tortured" not in cases["Tadeo Arvelo"]


def test_a_school_named_after_a_person_is_no_case() -> None:
    doc = _doc(
        "Octavia Solano Ruiz, estudiante de la escuela secundaria básica Evaristo Damián, es hostigada "
        "por los maestros y fue detenida por un capitán.",
        language="es",
    )
    cases = _cases(doc)
    assert "Evaristo Damián" not in cases
    assert "Octavia Solano Ruiz" in cases
