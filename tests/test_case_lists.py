"""Cases from lists of names, surnames in capitals, and inferred dates (a fictional State, Norvalia)."""

from __future__ import annotations

from extract.finders.cases import find_cases
from extract.structure.units import DocText, TextUnit


def _doc(*texts: str, language: str = "es") -> DocText:
    units = [TextUnit(id=f"p{i}", source="paragraph", page=1, text=t) for i, t in enumerate(texts, 1)]
    return DocText(units=units, language=language)


def test_surnames_in_capitals_stay_in_the_name() -> None:
    doc = _doc("Los activistas Marela TORVIK, Ana María de Los Ríos PELLAN y Tomás ORVAL GESTE fueron detenidos.")
    names = {c.name for c in find_cases(doc)}
    assert {"Marela TORVIK", "Ana María de Los Ríos PELLAN", "Tomás ORVAL GESTE"} <= names


def test_a_numbered_list_after_an_event_is_a_list_of_cases() -> None:
    doc = _doc(
        "El Estado ordenó la clausura de 5 emisoras: Puerto Velo: 1) 101,1 FM, Ilda Marcó Ferrán. "
        "2) 99,3 FM, Ramiro Oltes Vidal. Costa Norte: 3) 1200 AM, Berta Sáenz Ocampo.",
        "4) 88,1 FM, Gustavo Ledra. 5) 93,5 FM, Lucía Ferrol Baena, Villa Alta.",
    )
    names = {c.name for c in find_cases(doc)}
    assert {
        "Ilda Marcó Ferrán",
        "Ramiro Oltes Vidal",
        "Berta Sáenz Ocampo",
        "Gustavo Ledra",
        "Lucía Ferrol Baena",
    } <= names
    assert not any(n.startswith(("Puerto", "Costa")) for n in names)


def test_names_in_prose_without_an_event_are_no_list() -> None:
    doc = _doc(
        "El informe fue preparado con aportes de Ilda Marcó Ferrán, Ramiro Oltes Vidal, Berta Sáenz Ocampo, "
        "Gustavo Ledra y Lucía Ferrol Baena, miembros de la red."
    )
    assert find_cases(doc) == []


def test_a_year_taken_from_another_date_is_marked_inferred() -> None:
    doc = _doc(
        "On 3 May 2018 journalist Tomas Verell was arrested in Port Salin. On 9 June he was sentenced to "
        "4 years in prison.",
        language="en",
    )
    (case,) = [c for c in find_cases(doc) if c.name == "Tomas Verell"]
    by_type = {e.type: e for e in case.events}
    assert by_type["arrested"].date == "2018-05-03" and not by_type["arrested"].date_inferred
    assert by_type["sentenced"].date == "2018-06-09" and by_type["sentenced"].date_inferred


def test_signatories_after_a_petition_are_no_cases() -> None:
    """A petition's event word, then organisations and signatories with their roles: not the event's people."""
    doc = _doc(
        "Exigimos la liberación de los presos. Firman: Asociación Norvaliana de Estudiantes, Colectivo Ribera "
        "Alta, Ilda Marcó Ferrán, Senadora; Ramiro Oltes Vidal, Defensor; Berta Sáenz Ocampo, Docente; "
        "Gustavo Ledra, Periodista; Lucía Ferrol Baena, Concejala."
    )
    assert find_cases(doc) == []


def test_a_roster_of_the_dead_keeps_surnames_that_are_common_words() -> None:
    doc = _doc(
        "Han fallecido 6 personas en las cárceles de Norvalia. A continuación los nombres de las víctimas "
        "fallecidas en las cárceles: AÑO 2030: (1).- Ilda Marcó Ferrán, (2).- Rafael Sierra García, y "
        "(3).-Tomás Romero Lago; AÑO 2031: (4).- Berta Sáenz Ocampo, (5).- Gustavo Casa Ledra, "
        "(6).- Lucía Ferrol Baena."
    )
    cases = {c.name: c for c in find_cases(doc)}
    assert {
        "Ilda Marcó Ferrán",
        "Rafael Sierra García",
        "Tomás Romero Lago",
        "Berta Sáenz Ocampo",
        "Gustavo Casa Ledra",
        "Lucía Ferrol Baena",
    } <= set(cases)
    assert all(e.type == "died" for e in cases["Tomás Romero Lago"].events)
