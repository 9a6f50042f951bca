"""Leading verbs and UPR Info action categories, on recommendations written for these tests."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.finders.actions import DATA, ActionWords, classify_action, leading_verb
from extract.lang import load_each


@pytest.mark.parametrize(
    ("text", "lang", "verb", "category"),
    [
        ("Ratify the Optional Protocol to the Convention against Torture", "en", "Ratify", 5),
        ("Repeal article 12 of the Press Law", "en", "Repeal", 5),
        ("Ensure that all detainees have access to a lawyer", "en", "Ensure", 4),
        ("Consider ratifying the Convention on Migrant Workers", "en", "Consider", 3),
        ("Explore the possibility of establishing an ombudsman for children", "en", "Explore", 3),
        ("Continue its efforts to combat trafficking in persons", "en", "Combat", 2),
        ("Continue to ratify the core instruments", "en", "Ratify", 2),
        ("Continue strengthening the national human rights institution", "en", "Strengthen", 2),
        ("Continue the reform of the judiciary", "en", "Continue", 2),
        ("Take steps to ratify the Rome Statute", "en", "Ratify", 4),
        ("Take all necessary measures to ensure that journalists can work freely", "en", "Ensure", 4),
        ("Redouble efforts to reduce prison overcrowding", "en", "Reduce", 4),
        ("Seek technical assistance from OHCHR for its treaty reporting", "en", "Seek", 1),
        ("Further strengthen the independence of the judiciary", "en", "Strengthen", 4),
        ("Put an end to arbitrary arrests", "en", "Put an end", 5),
        ("Set up a national preventive mechanism", "en", "Set up", 5),
        ("To establish a national human rights institution", "en", "Establish", 5),
        ("The Government of Ruritania should repeal the vagrancy law", "en", "Repeal", 5),
        ("We recommend that the Government release all prisoners of conscience", "en", "Release", 5),
        ("We call on the authorities of Ruritania to investigate all deaths in custody", "en", "Investigate", 5),
        ("• Abolish the death penalty", "en", "Abolish", 5),
        ("(a) Amend the Criminal Code", "en", "Amend", 5),
        ("Derogar la Ley de Vagos y Maleantes", "es", "Derogar", 5),
        ("Garantizar la independencia judicial", "es", "Garantizar", 4),
        ("Seguir fortaleciendo la Defensoría del Pueblo", "es", "Fortalecer", 2),
        ("Considerar la posibilidad de ratificar el Protocolo", "es", "Considerar", 3),
        ("Adoptar las medidas necesarias para garantizar el acceso a la justicia", "es", "Garantizar", 4),
        ("Recomendamos al Estado derogar la ley de prensa", "es", "Derogar", 5),
        ("Que el Estado ratifique la Convención", "es", "Ratificar", 5),
        ("El Estado debe liberar a los presos políticos", "es", "Liberar", 5),
        ("Ratifier le Protocole facultatif", "fr", "Ratifier", 5),
        ("Poursuivre ses efforts pour lutter contre la traite", "fr", "Lutter", 2),
        ("Envisager de ratifier la Convention", "fr", "Envisager", 3),
        ("Prendre des mesures pour garantir la liberté de la presse", "fr", "Garantir", 4),
        ("Veiller à ce que les victimes obtiennent réparation", "fr", "Veiller à", 4),
        ("Mettre en œuvre les recommandations du Comité", "fr", "Mettre en œuvre", 5),
        ("Nous recommandons à l'État d'abroger la loi", "fr", "Abroger", 5),
    ],
)
def test_verbs_and_categories(text: str, lang: str, verb: str, category: int) -> None:
    a = classify_action(text, lang)
    assert (a.verb, a.category) == (verb, category)


def test_no_verb_gives_nothing() -> None:
    assert leading_verb("") == (None, None)
    assert leading_verb("The situation of prisons in Ruritania") == (None, None)


def test_unknown_imperative_is_reported_without_a_category() -> None:
    assert leading_verb("Galvanize the reform process") == ("Galvanize", None)


def test_unknown_language_falls_back_to_english() -> None:
    assert classify_action("Ratify the CRPD", "de").verb == "Ratify"


def test_mapping_is_documented_and_consistent() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert set(data["scale"]) == {"1", "2", "3", "4", "5"}
    assert "_about" in data
    tables = load_each("actions", ActionWords)
    assert {"en", "es", "fr"} <= set(tables)
    for lang, table in tables.items():
        seen: dict[str, str] = {}
        for cat, verbs in table.verbs.items():
            assert cat in data["scale"]
            for v in verbs:
                assert seen.setdefault(v, cat) == cat, f"{lang}: {v} in two categories"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "es", "fr", "xx", ""]))
def test_never_crashes(text: str, lang: str) -> None:
    a = classify_action(text, lang)
    assert a.category is None or 1 <= a.category <= 5


@pytest.mark.timing
@pytest.mark.parametrize(
    "text",
    [
        "Continue " * 12000,
        "Take all necessary " * 6000,
        "The " * 25000,
        "We recommend that " * 6000,
        "a" * 100_000,
        "Recomendamos al " * 7000,
    ],
)
def test_100kb_input_is_quick(text: str) -> None:
    t = time.perf_counter()
    for lang in ("en", "es", "fr"):
        classify_action(text, lang)
    assert time.perf_counter() - t < 2.0
