"""The reader: characters → lines, with superscripts, columns and glyph clean-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.reading.glyphs import font_style, normalise_char
from extract.reading.read import SUP, ReadError, lines_from_chars, read_pdf
from extract.structure.footnotes import _attach_bare_labels


def char(text: str, x0: float, bottom: float, size: float = 10.0, font: str = "Times-Roman") -> dict:
    """A pdfplumber-like char dict; width 0.5 em."""
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size * 0.5,
        "top": bottom - size,
        "bottom": bottom,
        "size": size,
        "fontname": font,
        "upright": True,
    }


def word(text: str, x0: float, bottom: float, size: float = 10.0, font: str = "Times-Roman") -> list[dict]:
    return [char(c, x0 + i * size * 0.5, bottom, size, font) for i, c in enumerate(text)]


def test_glyph_normalisation() -> None:
    assert normalise_char("\ufb01") == "fi"
    assert normalise_char("\uf0b7") == "•"  # Symbol-font bullet in the private-use area
    assert normalise_char("\u00a0") == " "
    assert normalise_char("\u200b") == ""
    assert normalise_char("(cid:12)") == ""


def test_font_styles_from_names() -> None:
    assert font_style("ABCDEF+Arial-BoldMT") == (True, False)
    assert font_style("TimesNewRoman,BoldItalic") == (True, True)
    assert font_style("Calibri-Italic") == (False, True)
    assert font_style("Helvetica") == (False, False)


def test_superscript_marker_joins_its_line_and_is_flagged() -> None:
    chars = [*word("states.", 100, 200), char("1", 135, 196, size=6.5), *word("More", 145, 200)]
    [line] = lines_from_chars(1, chars)
    assert line.text.startswith("states.1")
    i = line.text.index("1")
    assert line.flags[i] & SUP
    assert not line.flags[0] & SUP


def test_a_raised_roman_endnote_label_before_a_tab_is_paired_with_its_note() -> None:
    chars = [*word("xi", 85, 601, size=6.5), *word("Revista del Ministerio, 2031.", 110, 606)]
    label, text = sorted(lines_from_chars(1, chars), key=lambda ln: ln.x0)
    # the reader leaves a label set off by a tab apart (in tables a raised digit there is a cell's
    # marker); in a note zone the footnote linker pairs it with the line beside it
    assert label.text == "xi" and text.text.startswith("Revista")
    paired = dict((id(ln), lab) for ln, lab in _attach_bare_labels([label, text], 8.5))
    assert paired[id(text)] == ("11", True, "xi")
    chars = [*word("3", 85, 601, size=6.5), *word("Individual complaints: none.", 110, 606)]
    assert len(lines_from_chars(1, chars)) == 2


def test_two_columns_on_one_baseline_are_two_lines() -> None:
    chars = word("left column text", 50, 300) + word("right column text", 320, 300)
    lines = lines_from_chars(1, chars)
    assert [ln.text for ln in sorted(lines, key=lambda ln: ln.x0)] == ["left column text", "right column text"]


def test_fake_bold_double_print_is_read_once() -> None:
    chars = word("Bold", 100, 100)
    chars += [dict(c, x0=c["x0"] + 0.3, x1=c["x1"] + 0.3) for c in chars]
    [line] = lines_from_chars(1, chars)
    assert line.text == "Bold"


def test_list_number_set_apart_by_a_tab_rejoins_its_text() -> None:
    chars = word("12.", 60, 400) + word("The Ombudsman noted", 110, 400)
    [line] = lines_from_chars(1, chars)
    assert line.text == "12. The Ombudsman noted"


def test_every_character_keeps_a_box() -> None:
    chars = word("alpha beta", 10, 50)
    [line] = lines_from_chars(1, chars)
    assert len(line.boxes) == len(line.text) == len(line.flags)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"hello, not a pdf", "not a PDF"), (b"%PDF-1.4\n%garbage", "damaged")],
)
def test_unreadable_files_raise_one_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.pdf"
    p.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_pdf(p)


def test_a_directory_is_not_a_pdf(tmp_path: Path) -> None:
    d = tmp_path / "x.pdf"
    d.mkdir()
    with pytest.raises(ReadError, match="directory"):
        read_pdf(d)


def test_both_readers_report_a_bad_page_the_same_readable_way() -> None:
    from extract.reading.damage import page_failure

    assert page_failure(RecursionError("maximum recursion depth")) == "objects nested too deeply"
    said = page_failure(ValueError("bad token line=b'\\x93\\x94ab'"))
    assert said.startswith("ValueError: ") and "\\x" not in said and len(said) <= 200
