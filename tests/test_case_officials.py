"""Cases round 2: officials acting in office, members of a named family, alleged events.

Example texts are about a fictional State (the Republic of Norvalia) and invented people.
"""

from __future__ import annotations

from extract.finders.cases import find_cases
from extract.structure.units import DocText, TextUnit


def _doc(*texts: str, language: str = "en") -> DocText:
    units = [TextUnit(id=f"p{i}", source="paragraph", page=1, text=t) for i, t in enumerate(texts, 1)]
    return DocText(units=units, language=language)


def _names(doc: DocText) -> set[str]:
    return {c.name for c in find_cases(doc)}


def test_an_official_who_threatens_is_no_case() -> None:
    doc = _doc(
        "In May 2019, Deputy Minister Harald Brandt, speaking for the Government, threatened the press. "
        "In June 2019 Harald Brandt again threatened journalists who reported on the strike.",
        "Journalist Tomas Verell was arrested in Port Salin on 3 June 2019.",
    )
    names = _names(doc)
    assert "Tomas Verell" in names
    assert not any("Brandt" in n for n in names)


def test_a_detained_judge_is_a_case() -> None:
    doc = _doc(
        "Judge Mira Kostel was arrested in March 2020 after she ordered the release of a defendant. "
        "Judge Kostel was detained for eight months without trial.",
    )
    assert any("Kostel" in n for n in _names(doc))


def test_family_members_named_by_given_names_get_the_family_surname() -> None:
    doc = _doc(
        "El 3 de marzo de 2004, agentes policiales allanaron la vivienda de la familia Arvelo y se llevaron "
        "detenidos a los hermanos: Tadeo (17 años), Remigio (20 años) y Octavio Arvelo (25 años).",
        "En 2001 fue asesinado el primer integrante de la familia Solano, Evaristo Damián.",
        language="es",
    )
    names = _names(doc)
    assert {"Tadeo Arvelo", "Remigio Arvelo", "Octavio Arvelo", "Evaristo Damián Solano"} <= names
    assert "Evaristo Damián" not in names


def test_given_names_in_prose_without_a_family_keep_their_name() -> None:
    doc = _doc(
        "El 3 de marzo de 2004 fueron detenidos Tadeo, Remigio y Octavio Arvelo en la plaza.",
        language="es",
    )
    assert "Tadeo Arvelo" not in _names(doc)


def test_an_allegation_is_kept_and_marked_alleged() -> None:
    doc = _doc(
        "Periodista Tomás Verell habría sido golpeado por agentes policiales el 3 de marzo de 2021. "
        "El 5 de marzo de 2021 Tomás Verell fue detenido en Puerto Salino.",
        language="es",
    )
    case = next(c for c in find_cases(doc) if "Verell" in c.name)
    kinds = {(e.type, e.alleged) for e in case.events}
    assert ("tortured", True) in kinds
    assert ("detained", False) in kinds


def test_a_person_introduced_with_an_office_is_an_official_for_the_whole_text() -> None:
    doc = _doc(
        "Since Oskar Lindqvist took over as acting president, in July 2018, three journalists have been "
        "sentenced to prison terms.",
        "Additionally, the Office of the Ombudsman through its highest authority, Irena Vasko, has threatened "
        "to prosecute people who report water pollution.",
        "Judge Mira Kostel was arrested in March 2020 after she ordered the release of a defendant. "
        "Judge Kostel was detained for eight months without trial.",
    )
    names = _names(doc)
    assert not any("Lindqvist" in n or "Vasko" in n for n in names)
    assert any("Kostel" in n for n in names)


def test_a_spanish_office_held_makes_an_official() -> None:
    doc = _doc(
        "Desde que Oskar Lindqvist asumió como presidente interino en 2018, tres periodistas fueron condenados.",
        "La Defensoría del Pueblo, a través de su máxima autoridad, Irena Vasko, ha amenazado a los denunciantes.",
        language="es",
    )
    names = _names(doc)
    assert not any("Lindqvist" in n or "Vasko" in n for n in names)
