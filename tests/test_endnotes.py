"""Endnote lists under a 'Notes' title: labels in the list's own style, labels printed alone."""

from __future__ import annotations

from extract.reading.read import SUP, Line
from extract.structure.blocks import segment
from extract.structure.footnotes import endnote_blocks, note_headings
from extract.structure.layout import PageLayout

SIZE = 12.0


def line(text: str, top: float, raised_label: int = 0, x1: float = 300.0) -> Line:
    step = (x1 - 72.0) / max(len(text), 1)
    boxes = [(72.0 + step * i, top, 72.0 + step * (i + 1), top + SIZE) for i in range(len(text))]
    flags = bytearray(len(text))
    for i in range(raised_label):
        flags[i] = SUP
    return Line(1, 72.0, top, x1, top + SIZE, text, boxes, flags, SIZE, 0.0, 0.0, "Arial")


def notes_of(lines: list[Line]) -> list[tuple[str, str, str]]:
    blocks = segment([PageLayout(number=1, width=595.0, height=842.0, body=lines)], SIZE)
    drafts, _ = endnote_blocks(blocks, note_headings(blocks))
    return [(d.label, d.printed, d.tm.text) for d in drafts]


def test_a_roman_list_keeps_its_style_and_takes_labels_printed_alone() -> None:
    lines = [
        line("NOTES", 100.0),
        line("i Website of the Freedonia Observer, 4 June 2011.", 130.0),
        line("ii Report on detention in Freedonia, 2009.", 160.0, raised_label=2),
        line("iii", 190.0, raised_label=3, x1=90.0),
        line("References on detention:", 204.0),
        line("6 Vell A. Detention and health. Freedonia Press, 2005.", 218.0),
        line("iv Statement of the Freedonia Bar, 2008.", 248.0, raised_label=2),
    ]
    got = notes_of(lines)
    assert [(label, printed) for label, printed, _ in got] == [("1", "i"), ("2", "ii"), ("3", "iii"), ("4", "iv")]
    # the numbered reference inside note iii is its text, not a note of its own
    assert "6 Vell A." in got[2][2]


def test_a_title_line_not_followed_by_labels_is_no_notes_list() -> None:
    lines = [line("Notes", 100.0), line("The commission met the families in the spring.", 130.0)]
    assert notes_of(lines) == []


def test_a_list_number_before_the_roman_label_and_a_label_the_text_layer_lost() -> None:
    from extract.structure.footnotes import NoteDraft, _keep_roman_style, _label, _printed

    ln = line("12.   xii Report of the Freedonia Caste Watch, 2009.", 130.0)
    for i in range(6, 9):
        ln.flags[i] = SUP  # the raised label set after the list number's tab stop
    lab = _label(ln)
    assert lab is not None and _printed(ln, lab[1]) == "xii"
    assert ln.text[lab[1] :].strip() == "Report of the Freedonia Caste Watch, 2009."

    def draft(label: str, printed: str, endnote: bool = True) -> NoteDraft:
        return NoteDraft(label=label, printed=printed, endnote=endnote)

    notes = [draft("1", "1", endnote=False), draft("2", "2", endnote=False), draft("1", "i"), draft("2", "2")]
    notes += [draft("3", "iii"), draft("4", "4")]
    _keep_roman_style(notes)
    # page footnotes keep their own numbers; the note between i and iii is ii; the last one, unsure, stays
    assert [d.printed for d in notes] == ["1", "2", "i", "ii", "iii", "4"]
