"""The UN symbol grammar: generated symbols round-trip, printed variants normalise, junk never crashes."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.finders.symbols import find_symbols, parse_symbol, symbol_from_url

ISO3 = st.sampled_from(["GBR", "KAZ", "VEN", "CUB", "SVN", "AUS", "BRA", "FRA", "NOR", "ZAF"])
TREATY_BODIES = st.sampled_from(["CCPR", "CAT", "CEDAW", "CRC", "CERD", "CRPD", "CMW", "CED"])
SMALL = st.integers(min_value=1, max_value=99).map(str)
NUMBER = st.integers(min_value=1, max_value=999).map(str)
YEAR = st.integers(min_value=1990, max_value=2030).map(str)


@st.composite
def report_range(draw: st.DrawFn) -> str:
    a = draw(st.integers(min_value=1, max_value=20))
    return f"{a}-{a + draw(st.integers(min_value=1, max_value=3))}" if draw(st.booleans()) else str(a)


@st.composite
def modifiers(draw: st.DrawFn) -> str:
    out = ""
    if draw(st.booleans()):
        out += f"/Add.{draw(SMALL)}"
    if draw(st.booleans()):
        out += f"/Corr.{draw(SMALL)}"
    return out


@st.composite
def symbols(draw: st.DrawFn) -> str:
    """Canonical symbols built from the grammar's shapes (not from a list of real documents)."""
    shape = draw(st.integers(min_value=0, max_value=7))
    if shape == 0:
        base = f"A/HRC/{draw(SMALL)}/{draw(NUMBER)}"
    elif shape == 1:
        base = f"A/HRC/WG.6/{draw(SMALL)}/{draw(ISO3)}/{draw(st.integers(1, 4))}"
    elif shape == 2:
        base = f"{draw(TREATY_BODIES)}/C/{draw(ISO3)}/CO/{draw(report_range())}"
    elif shape == 3:
        base = f"E/C.12/{draw(ISO3)}/CO/{draw(report_range())}"
    elif shape == 4:
        base = f"A/RES/{draw(SMALL)}/{draw(NUMBER)}"
    elif shape == 5:
        base = f"E/CN.4/{draw(YEAR)}/{draw(NUMBER)}"
    elif shape == 6:
        base = f"CCPR/C/{draw(SMALL)}/D/{draw(NUMBER)}/{draw(YEAR)}"
    else:
        base = f"A/HRC/RES/{draw(SMALL)}/{draw(NUMBER)}"
    return base + draw(modifiers())


def _spaced(symbol: str, where: list[bool]) -> str:
    """Stray spaces after some slashes, as a line break leaves them."""
    parts = symbol.split("/")
    out = parts[0]
    for i, p in enumerate(parts[1:]):
        out += "/ " + p if where[i % len(where)] else "/" + p
    return out


@given(symbols())
def test_generated_symbols_round_trip(symbol: str) -> None:
    parsed = parse_symbol(symbol)
    assert parsed is not None
    assert parsed.symbol == symbol
    assert parse_symbol(symbol + ".") == parsed
    assert parse_symbol(f"  {symbol});") == parsed


@given(symbols(), st.lists(st.booleans(), min_size=1, max_size=6))
def test_stray_spaces_normalise(symbol: str, where: list[bool]) -> None:
    parsed = parse_symbol(_spaced(symbol, where))
    assert parsed is not None and parsed.symbol == symbol


@given(symbols(), st.text(alphabet="abc ,;()", max_size=20), st.sampled_from([".", ",", ";", ")", " para. 4"]))
def test_found_in_running_text_with_exact_offsets(symbol: str, prefix: str, tail: str) -> None:
    text = f"{prefix} See UN Doc. {symbol}{tail} more words"
    found = find_symbols(text)
    assert [m.parsed.symbol for m in found] == [symbol]
    m = found[0]
    assert text[m.start : m.end] == m.text == symbol


@given(symbols())
def test_file_names_of_links(symbol: str) -> None:
    underscored = symbol.replace("/", "_").replace("Add.", "Add").replace("Corr.", "Corr")
    url = f"http://lib.example.org/Documents/Session1/{underscored}_Freedonia.pdf"
    got = symbol_from_url(url)
    assert got is not None and got.symbol == symbol and got.from_url
    if "D/" not in symbol:  # views keep their slashes in real links
        dotted = symbol.replace("/", ".")
        got = symbol_from_url(f"https://www.example.org/docs/{dotted}.doc")
        assert got is not None and got.symbol == symbol


@given(st.text(max_size=300))
def test_junk_never_crashes(text: str) -> None:
    parse_symbol(text)
    symbol_from_url(text)
    for m in find_symbols(text):
        assert text[m.start : m.end] == m.text
        assert parse_symbol(m.parsed.symbol) is not None


@given(st.text(alphabet="ACEHRSDWGOLdd/.-_ 0123456789", max_size=400))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_symbol_like_junk_never_crashes(text: str) -> None:
    for m in find_symbols(text):
        assert text[m.start : m.end] == m.text
        assert parse_symbol(m.text) is not None


@pytest.mark.timing
@pytest.mark.parametrize(
    "unit",
    [
        "A/",
        "A/HRC/",
        "CCPR/C/",
        "A / ",
        "1/",
        "A/HRC/8/25",
        "Add.1/",
        "CRC/C/OPAC/",
        "A/HRC/WG.6/7",
        "E/C.12/",
    ],
)
def test_100kb_adversarial_input_is_fast(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    t = time.perf_counter()
    find_symbols(text)
    parse_symbol(text)
    symbol_from_url("http://x.org/" + text.replace("/", "_"))
    assert time.perf_counter() - t < 1.0


@pytest.mark.parametrize(
    ("printed", "symbol"),
    [
        ("A/HRC/16/12/ Add.1.", "A/HRC/16/12/Add.1"),
        ("A/HRC/17/21. Add.1.", "A/HRC/17/21/Add.1"),
        ("CRC/C/OPAC/FRA/CO1", "CRC/C/OPAC/FRA/CO/1"),
        ("A/HRC/WG.6/9L.3", "A/HRC/WG.6/9/L.3"),
        ("CERD/C/GBR/CO/18–20", "CERD/C/GBR/CO/18-20"),
        ("CAT/C/CGBR/5", "CAT/C/CGBR/5"),
        ("CCPR/C/GBR/CO", "CCPR/C/GBR/CO"),
        ("E/CN.4/Sub.2/2003/12", "E/CN.4/Sub.2/2003/12"),
        ("CAT/C/SR.314", "CAT/C/SR.314"),
        ("A/HRC/Res/7/36", "A/HRC/RES/7/36"),
    ],
)
def test_printed_variants(printed: str, symbol: str) -> None:
    parsed = parse_symbol(printed)
    assert parsed is not None and parsed.symbol == symbol


def test_parts() -> None:
    p = parse_symbol("A/HRC/WG.6/34/KAZ/1")
    assert p is not None
    assert (p.body, p.series, p.session, p.state_iso3, p.document_type, p.number) == (
        "HRC",
        "A/HRC/WG.6",
        "34",
        "KAZ",
        "WG.6",
        "1",
    )
    p = parse_symbol("CERD/C/GBR/CO/18-20")
    assert p is not None and (p.body, p.state_iso3, p.document_type, p.number) == ("CERD", "GBR", "CO", "18-20")
    p = parse_symbol("A/HRC/8/25/Add.1")
    assert p is not None and (p.session, p.number, p.addendum) == ("8", "25", "1")
    p = parse_symbol("E/C.12/GBR/CO/5")
    assert p is not None and (p.body, p.series) == ("CESCR", "E/C.12")
    p = parse_symbol("CCPR/C/90/D/1234/2004")
    assert p is not None and (p.document_type, p.session, p.number) == ("D", "90", "1234/2004")


@pytest.mark.parametrize(
    "text",
    [
        "HIV/AIDS",
        "and/or",
        "A/C units",
        "A/4",
        "S/he",
        "YJB/MoJ 2011",
        "OEA/Ser.L/V/II",
        "AG/RES. 2435",
        "www.x.org/A/",
    ],
)
def test_not_symbols(text: str) -> None:
    assert find_symbols(text) == []


def test_two_symbols_separated_by_a_spaced_slash() -> None:
    got = [m.parsed.symbol for m in find_symbols("A/HRC/10/22 / CRC/C/FRA/CO/4")]
    assert got == ["A/HRC/10/22", "CRC/C/FRA/CO/4"]


@pytest.mark.parametrize(
    ("url", "symbol"),
    [
        ("http://lib.example.org/upr/docs/Session3/FR/A_HRC_10_22_Add1_France.pdf", "A/HRC/10/22/Add.1"),
        ("http://www2.example.org/treaties/crc/advance/CRC.C.FRA.CO.4.pdf", "CRC/C/FRA/CO/4"),
        ("http://www2.example.org/treaties/cescr/E.C.12.FRA.CO.4.doc", "E/C.12/FRA/CO/4"),
        ("http://www.example.org/Session15/FR/A_HRC_WG6_15_FRA_1_F_E.pdf", "A/HRC/WG.6/15/FRA/1"),
        ("https://undocs.example.org/en/A/HRC/8/25", "A/HRC/8/25"),
        ("http://x.example.org/get?symbol=A%2FHRC%2F8%2F25", "A/HRC/8/25"),
        ("http://x.example.org/a_hrc_8_25_add1.pdf", "A/HRC/8/25/Add.1"),
        ("http://x.example.org/A-HRC-19-12.pdf", "A/HRC/19/12"),
        ("http://x.example.org/A.HRC.19.12_en.pdf", "A/HRC/19/12"),
    ],
)
def test_symbols_in_links(url: str, symbol: str) -> None:
    got = symbol_from_url(url)
    assert got is not None and got.symbol == symbol and got.from_url


@pytest.mark.parametrize(
    "url",
    [
        "http://www.example.org.uk/files/reports/512.pdf",
        "http://x.example.org/E_2011_report.pdf",
        "http://x.example.org/Annual_Report_2011.pdf",
        "not a url at all",
    ],
)
def test_links_without_symbols(url: str) -> None:
    assert symbol_from_url(url) is None


@pytest.mark.parametrize(
    ("text", "printed", "symbol", "repaired"),
    [
        ("véase CRC/C/NOR2 y", "CRC/C/NOR2", "CRC/C/NOR/2", True),
        ("doc. A/HRC/ 16/ 10.", "A/HRC/ 16/ 10", "A/HRC/16/10", False),
        ("documento A/HRC/16/10/Add 1", "A/HRC/16/10/Add 1", "A/HRC/16/10/Add.1", True),
        ("cote E/CN.4/2005/7", "E/CN.4/2005/7", "E/CN.4/2005/7", False),
        ("Observations of CEDAW, 2008, C/NOR/CO/6, para 16", "C/NOR/CO/6", "CEDAW/C/NOR/CO/6", True),
    ],
)
def test_misprinted_symbols_are_repaired_and_flagged(text: str, printed: str, symbol: str, repaired: bool) -> None:
    found = find_symbols(text)
    assert [(f.text, f.parsed.symbol, f.parsed.repaired) for f in found] == [(printed, symbol, repaired)]
    assert text[found[0].start : found[0].end] == printed


def test_a_rootless_symbol_needs_a_treaty_body_named_before_it() -> None:
    assert find_symbols("See C/GBR/CO/6 at para 16") == []
