"""Cases: names a body carries, given names inside a full name, and attacks on a person.

Example texts are about a fictional State (the Republic of Norvalia) and invented people.
"""

from __future__ import annotations

from extract.finders.cases import find_cases
from extract.structure.units import DocText, TextUnit


def _doc(*texts: str, language: str = "en") -> DocText:
    units = [TextUnit(id=f"p{i}", source="paragraph", page=1, text=t) for i, t in enumerate(texts, 1)]
    return DocText(units=units, language=language)


def test_a_name_a_body_carries_is_no_antecedent() -> None:
    found = find_cases(
        _doc(
            "One of them, Tomas Verell, founder of the Ilse Brandvik Moor journalists' association, is our "
            "correspondent. He was arrested in March 2019 in Port Salin."
        )
    )
    names = {c.name for c in found}
    assert "Tomas Verell" in names
    assert "Ilse Brandvik Moor" not in names


def test_a_second_given_name_is_no_surname() -> None:
    found = find_cases(
        _doc(
            "In May 2020, Pablo José Ferrandel, a lawyer, was attacked outside the court in Port Salin. "
            "The next day José Ortal Mendrez was arrested."
        )
    )
    by_name = {c.name: c for c in found}
    assert "José" not in by_name["Pablo José Ferrandel"].aliases


def test_attacks_against_a_persons_home_are_an_event() -> None:
    found = find_cases(
        _doc("The attacks against the homes of Tomas Verell, host of a radio programme, were never investigated.")
    )
    assert [e.type for c in found if c.name == "Tomas Verell" for e in c.events] == ["attacked"]
