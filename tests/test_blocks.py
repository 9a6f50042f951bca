"""Body lines into blocks: unit cases on hand-built lines (the spine tests run whole PDFs)."""

from __future__ import annotations

from extract.reading.read import Line
from extract.structure.blocks import Block, segment
from extract.structure.layout import PageLayout

SIZE = 12.0
LEFT = 72.0
RIGHT = 520.0


def line(text: str, top: float, x0: float = LEFT, x1: float = RIGHT, page: int = 1) -> Line:
    step = (x1 - x0) / max(len(text), 1)
    boxes = [(x0 + step * i, top, x0 + step * (i + 1), top + SIZE) for i in range(len(text))]
    return Line(page, x0, top, x1, top + SIZE, text, boxes, bytearray(len(text)), SIZE, 0.0, 0.0, "Arial")


def blocks_of(lines: list[Line]) -> list[Block]:
    page = PageLayout(number=1, width=595.0, height=842.0, body=lines)
    return segment([page], SIZE)


def test_double_spaced_paragraph_is_one_block() -> None:
    # lines 27.6 pt apart (a 15.6 pt gap, more than a line's height), paragraphs 55 pt apart
    texts = [
        "1. The commission of Freedonia visited the northern provinces in the spring and",
        "heard the families of the disappeared, who told it of the searches they had made",
        "in the hospitals and the police stations of the capital without any answer from",
        "the authorities, and of the threats they received after speaking to the press.",
        "2. The commission asks the Government of Freedonia to open the archives of the",
        "police and to let the families see them, and to report on the searches made.",
    ]
    tops = [100.0, 127.6, 155.2, 182.8, 238.0, 265.6]
    out = blocks_of(
        [
            line(t, top, x1=RIGHT if i not in (3, 5) else 400.0)
            for i, (t, top) in enumerate(zip(texts, tops, strict=True))
        ]
    )
    assert [len(b.lines) for b in out] == [4, 2]


def test_single_spaced_paragraph_gap_still_breaks() -> None:
    texts = [
        "The commission of Freedonia visited the northern provinces in the spring and",
        "heard the families of the disappeared, who told it of the searches they made.",
        "The commission asks the Government of Freedonia to open the archives of the",
        "police and to let the families see them, and to report on the searches made.",
    ]
    tops = [100.0, 114.0, 140.0, 154.0]
    out = blocks_of([line(t, top) for t, top in zip(texts, tops, strict=True)])
    assert [len(b.lines) for b in out] == [2, 2]


def test_label_before_a_paragraph_is_not_a_table_row() -> None:
    lines = [
        line("Rec. 7", 100.0, x0=100.0, x1=130.0),
        line("We consider that the activities for the implementation of this", 100.0, x0=160.0),
        line("recommendation are ongoing. The Ministry of Freedonia trains its staff.", 114.0, x1=400.0),
        line("Rec. 8", 134.0, x0=100.0, x1=130.0),
        line("See recommendation 7.", 134.0, x0=160.0, x1=260.0),
    ]
    out = blocks_of(lines)
    assert [b.kind for b in out] == ["body", "body"]
    assert out[0].text.startswith("Rec. 7 We consider") and out[0].text.endswith("trains its staff.")
    assert out[1].text == "Rec. 8 See recommendation 7."


def test_a_real_table_stays_a_table() -> None:
    lines = [
        line("Freedonia", 100.0, x0=72.0, x1=130.0),
        line("Ratified the convention in the year of its adoption by the Assembly", 100.0, x0=160.0),
        line("Sylvania", 114.0, x0=72.0, x1=120.0),
        line("Signed the convention", 114.0, x0=160.0, x1=280.0),
    ]
    out = blocks_of(lines)
    assert {b.kind for b in out} == {"table"}


def test_a_justified_line_with_a_wide_gap_inside_a_paragraph_is_not_a_table_row() -> None:
    # the gap is where a raised note marker sits: 'policy; its outcome was disappointing.[10]    The Government'
    lines = [
        line("6. While we welcomed the Government's recent decision to conduct a review of its counter-", 100.0),
        line("terrorism law and policy; its outcome has been disappointing.", 114.0, x0=90.0, x1=380.0),
        line("The Government proposes to", 114.0, x0=400.0, x1=RIGHT),
        line("remove its powers to impose control orders on suspects, but proposes others.", 128.0, x0=90.0, x1=460.0),
    ]
    out = blocks_of(lines)
    assert [b.kind for b in out] == ["body"]
    assert "disappointing. The Government proposes to remove" in out[0].text


def test_the_last_line_of_a_page_with_a_wide_gap_runs_on() -> None:
    lines = [
        line("28. In the first session of the review, the State accepted to protect the children of", 100.0),
        line("migrants and refugees.", 114.0, x0=90.0, x1=200.0),
        line("However, there is great concern among organisations with regard to", 114.0, x0=220.0, x1=RIGHT),
    ]
    out = blocks_of(lines)
    assert [b.kind for b in out] == ["body"]
    assert out[0].text.endswith("refugees. However, there is great concern among organisations with regard to")
