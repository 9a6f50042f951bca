"""The table of international instruments: names, abbreviations, short forms, matching in text."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.finders.instruments import DATA, all_instruments, find_instruments, generic_head, resolve_instrument

ICCPR = "International Covenant on Civil and Political Rights"
CAT = "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("ICCPR", ICCPR),
        ("the International Covenant on Civil and Political Rights", ICCPR),
        ("PIDCP", ICCPR),
        ("Pacto Internacional de Derechos Civiles y Políticos", ICCPR),
        ("Pacto Internacional de derechos civiles y politicos", ICCPR),  # case and accents
        ("Pacte international relatif aux droits civils et politiques", ICCPR),
        ("OPCAT", "Optional Protocol to the Convention against Torture"),
        ("CRPD", "Convention on the Rights of Persons with Disabilities"),
        (
            "Convention on the Rights of People with Disabilities",
            "Convention on the Rights of Persons with Disabilities",
        ),
        ("UNCRC", "Convention on the Rights of the Child"),
        ("the United Nations Convention on the Rights of the Child", "Convention on the Rights of the Child"),
        ("Convención sobre los Derechos del Niño", "Convention on the Rights of the Child"),
        ("UN Convention against Torture", CAT),
        ("ECHR", "European Convention on Human Rights"),
        (
            "Convention for the Protection of Human Rights and Fundamental Freedoms",
            "European Convention on Human Rights",
        ),
        (
            "Convention of Belém do Pará",
            "Inter-American Convention on the Prevention, Punishment and Eradication of Violence against Women",
        ),
        (
            "Istanbul Convention",
            "Council of Europe Convention on preventing and combating violence against women and domestic violence",
        ),
        (
            "Paris Principles",
            "Principles relating to the Status of National Institutions for the Promotion and Protection of Human Rights",
        ),
        ("Declaration on Human Rights Defenders", "Declaration on Human Rights Defenders"),
        (
            "ILO Convention No. 87",
            "Freedom of Association and Protection of the Right to Organise Convention, 1948 (No. 87)",
        ),
        ("Convention No. 169", "Indigenous and Tribal Peoples Convention, 1989 (No. 169)"),
        ("Convenio núm. 169", "Indigenous and Tribal Peoples Convention, 1989 (No. 169)"),
        ("Rome Statute", "Rome Statute of the International Criminal Court"),
    ],
)
def test_resolve_names(name: str, canonical: str) -> None:
    inst = resolve_instrument(name)
    assert inst is not None, name
    assert inst.name == canonical
    assert inst.kind == "international"


def test_abbreviations_keep_their_case() -> None:
    assert resolve_instrument("cat") is None
    assert resolve_instrument("CAT") is not None


def test_unknown_names_are_not_guessed() -> None:
    assert resolve_instrument("Criminal Code") is None
    assert resolve_instrument("Convention on the Rights of Garden Gnomes") is None
    assert resolve_instrument("") is None


def test_misspelt_long_name_gets_one_fuzzy_try() -> None:
    inst = resolve_instrument("Convention against Torture and Other Cruel Inhuman or Degrading Treatmnt or Punishment")
    assert inst is not None and inst.id == "cat"


def test_ilo_number_outside_the_table_only_with_ilo_printed() -> None:
    inst = resolve_instrument("ILO Convention No. 999")
    assert inst is not None and inst.name == "ILO Convention No. 999"
    assert resolve_instrument("Convention No. 999") is None


def test_generic_short_form_needs_context() -> None:
    assert generic_head("the Covenant") == "covenant"
    assert generic_head("el Pacto") == "pacto"
    assert resolve_instrument("the Covenant") is None
    ctx = [resolve_instrument("ICESCR"), resolve_instrument("ICCPR")]
    inst = resolve_instrument("the Covenant", context=[c for c in ctx if c is not None])
    assert inst is not None and inst.name == ICCPR
    inst = resolve_instrument("the Convention", context="Ruritania ratified the CRPD in 2015.")
    assert inst is not None and inst.id == "crpd"


def test_find_in_text_longest_first_with_un_prefix() -> None:
    text = (
        "Ruritania signed the UN Convention against Torture and Other Cruel, Inhuman or Degrading Treatment "
        "or Punishment and the Optional Protocol to the Convention against Torture (OPCAT)."
    )
    found = [(m.text, m.instrument.id, m.via) for m in find_instruments(text)]
    assert found == [
        ("UN Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment", "cat", "name"),
        ("Optional Protocol to the Convention against Torture", "opcat", "name"),
        ("OPCAT", "opcat", "abbreviation"),
    ]
    for m in find_instruments(text):
        assert text[m.start : m.end] == m.text


def test_bodies_are_reported_only_on_request() -> None:
    text = "The Committee against Torture and the Human Rights Committee met."
    assert [m.instrument.id for m in find_instruments(text)] == ["cat", "iccpr"]
    assert all(m.via == "body" for m in find_instruments(text))
    assert find_instruments(text, bodies=False) == []


def test_symbols_and_file_names_are_not_names() -> None:
    assert find_instruments("see CAT/C/RUR/CO/2 and CRC.C.RUR.CO.4.pdf") == []


def test_table_is_well_formed() -> None:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    ids = [r["id"] for r in raw["instruments"]]
    assert len(ids) == len(set(ids))
    for inst in all_instruments():
        assert inst.name and inst.kind == "international"
        assert inst.heads, inst.id  # every name has a head word for short forms
    numbers = [n for n, _, _ in raw["ilo"]]
    assert len(numbers) == len(set(numbers))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_random_text_never_crashes_and_offsets_are_exact(text: str) -> None:
    for m in find_instruments(text):
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)


@pytest.mark.timing
def test_large_adversarial_input_is_fast() -> None:
    text = (
        "United Nations Convention on the Rights of the the the Child, CRC/ CAT/ OPCAT International Covenant on "
        "Civil and ILO Convention No. Convention No. 87 Committee against "
    ) * 700
    assert len(text) > 100_000
    t = time.perf_counter()
    find_instruments(text)
    assert time.perf_counter() - t < 2.0
