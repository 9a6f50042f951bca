"""Text assembly keeps every offset true: markers, hyphenation, page boxes."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.reading.read import SUP, Line
from extract.structure.textmap import GluedMarkers, TextMap, roman_value


def make_line(text: str, page: int = 1, top: float = 100.0, sup: set[int] | frozenset[int] = frozenset()) -> Line:
    boxes = [(10.0 + 5 * i, top, 15.0 + 5 * i, top + 10) for i in range(len(text))]
    flags = bytearray(SUP if i in sup else 0 for i in range(len(text)))
    return Line(page, 10.0, top, 10.0 + 5 * len(text), top + 10, text, boxes, flags, 10.0, 0.0, 0.0, "Times")


def test_marker_is_cut_out_and_its_offset_kept() -> None:
    tm = TextMap()
    tm.add_line(make_line("the states.12 Others", sup={11, 12}))
    assert tm.text == "the states. Others"
    [m] = tm.markers
    assert m.label == "12"
    assert tm.text[: m.offset] == "the states."


def test_marker_ranges_and_lists_expand() -> None:
    tm = TextMap()
    tm.add_line(make_line("see3-5 and9,10 here", sup={3, 4, 5, 10, 11, 12, 13}))
    assert [m.label for m in tm.markers] == ["3", "4", "5", "9", "10"]
    assert tm.text == "see and here"


def test_roman_endnote_markers() -> None:
    assert roman_value("xiv") == 14
    assert roman_value("ii") == 2
    assert roman_value("iiii") is None
    tm = TextMap()
    tm.add_line(make_line("bodies.ii Then", sup={7, 8}))
    assert [m.label for m in tm.markers] == ["2"]


def test_line_end_hyphenation_is_undone_but_real_hyphens_stay() -> None:
    tm = TextMap()
    tm.add_line(make_line("the repre-"))
    tm.add_line(make_line("sentation of"))
    assert tm.text == "the representation of"

    vocab = Counter({"ill-treatment": 3})
    tm = TextMap()
    tm.add_line(make_line("torture and ill-"), vocab=vocab)
    tm.add_line(make_line("treatment here"), vocab=vocab)
    assert tm.text == "torture and ill-treatment here"

    tm = TextMap()
    tm.add_line(make_line("the Anti-"))
    tm.add_line(make_line("Corruption Bureau"))
    assert tm.text == "the Anti-Corruption Bureau"


def test_glued_markers_only_for_notes_without_raised_markers() -> None:
    glued = GluedMarkers({"2", "3"})
    tm = TextMap()
    tm.add_line(make_line("the Interior Ministry.2 These people in 2010 and attend.3"), glued=glued)
    assert tm.text == "the Interior Ministry. These people in 2010 and attend."
    assert [m.label for m in tm.markers] == ["2", "3"]


def test_boxes_follow_the_text_across_pages() -> None:
    tm = TextMap()
    tm.add_line(make_line("first page text", page=1, top=700))
    tm.add_line(make_line("second page", page=2, top=60))
    start = tm.text.index("second")
    page, box = tm.bbox(start, start + 6)  # type: ignore[misc]
    assert page == 2 and box[1] == 60
    assert [p for p, _ in tm.page_boxes()] == [1, 2]


words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=8), st.data())
def test_any_lines_give_spans_that_index_the_text(texts: list[str], data: st.DataObject) -> None:
    tm = TextMap()
    for k, t in enumerate(texts):
        sup = data.draw(st.sets(st.integers(0, max(0, len(t) - 1)), max_size=3))
        tm.add_line(make_line(t, page=1 + k // 3, top=100 + 12 * k, sup=sup))
    tm.strip()
    text = tm.text
    assert len(tm.boxes) == len(text)
    for sp in tm.spans:
        assert 0 <= sp.start <= sp.end <= len(text)
    for m in tm.markers:
        assert 0 <= m.offset <= len(text)
    if text.strip():
        assert tm.bbox(0, len(text)) is not None
