"""Parties to a judgment against the State under review, cited by the judgment's title.

Example texts name invented people; the State is a real one, since the rule looks it up in the table of States.
"""

from __future__ import annotations

from extract.finders.cases import find_cases
from extract.structure.units import DocText, TextUnit


def _doc(*notes: str, language: str = "es", state: str | None = "Venezuela") -> DocText:
    units = [TextUnit(id="p1", source="paragraph", page=1, text="La independencia judicial sigue en riesgo.")]
    units += [TextUnit(id=f"fn{i}", source="footnote", page=1, text=t, number=str(i)) for i, t in enumerate(notes, 1)]
    return DocText(units=units, language=language, state_name=state)


def test_parties_of_a_judgment_against_the_state_are_cases() -> None:
    doc = _doc(
        "Corte IDH, Caso Talvira Moncada y otros Vs. Venezuela; y Caso Orsen Vs. Venezuela, Sentencia de 2009.",
    )
    names = {c.name for c in find_cases(doc)}
    assert names == {"Talvira Moncada", "Orsen"}


def test_a_string_of_precedents_gives_no_cases() -> None:
    doc = _doc(
        "Corte IDH, Caso Talvira Vs. Venezuela, Sentencia de 2008; Caso Orsen Vs. Venezuela, Sentencia de 2009; "
        "Caso Brusk Vs. Venezuela, Sentencia de 2010.",
    )
    assert find_cases(doc) == []


def test_judgments_against_other_states_and_places_are_not_cases() -> None:
    doc = _doc(
        "Corte IDH, Caso Talvira Moncada Vs. Chile, Sentencia de 2006.",
        "Corte IDH, Caso El Amparo Vs. Venezuela, Sentencia de 1995.",
    )
    assert find_cases(doc) == []


def test_both_surnames_and_given_names_are_one_party() -> None:
    doc = _doc(
        "Caso Talvira Moncada Vs. Venezuela, Sentencia de 2009.",
        "Corte IDH, Caso Ana Lucía Talvira vs. Venezuela, párr. 114.",
    )
    found = find_cases(doc)
    assert len(found) == 1
    assert {found[0].name, *found[0].aliases} >= {"Ana Lucía Talvira", "Talvira Moncada"}
