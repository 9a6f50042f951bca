"""The spine on the generated sample in every layout variant, then on real corpus documents.

The variants hold the same text, so whatever the layout (one or two columns,
page-foot notes, endnotes, notes continued on the next page) the outline and
the notes must come out the same.
"""

from __future__ import annotations

import pytest

from schemas import Document
from tests.conftest import corpus_pdf

OUTLINE = [
    (1, "I", "Introduction"),
    (1, "II", "Follow-up to the third review"),
    (2, "A", "National human rights framework"),
    (2, "B", "Cooperation with international mechanisms"),
    (1, "III", "Freedom of expression"),
    (2, "A", "The offence of spreading “false information”"),
    (2, "B", "The case of Tomas Reyvald"),
    (3, "1.1", "Arrest and pre-trial detention"),
    (3, "1.2", "Trial, sentence and release"),
    (2, "C", "Pressure on independent media"),
    (1, "IV", "Persons deprived of their liberty"),
    (1, "V", "Recommendations"),
]
LAYOUTS = ["standard", "two_column", "endnotes", "continued_footnotes"]


def outline(doc: Document) -> list[tuple[int, str | None, str]]:
    return [(s.level, s.number, s.title) for s in doc.sections]


@pytest.mark.parametrize("variant", ["standard", "endnotes", "continued_footnotes"])
def test_outline_is_the_same_in_every_one_column_layout(extracted: dict, variant: str) -> None:
    assert outline(extracted[variant]) == OUTLINE


def test_two_column_outline_keeps_every_heading(extracted: dict) -> None:
    got = outline(extracted["two_column"])
    for h in OUTLINE:
        assert h in got


@pytest.mark.parametrize("variant", LAYOUTS)
def test_every_note_is_found_and_anchored(extracted: dict, variant: str) -> None:
    doc = extracted[variant]
    assert [f.number for f in doc.footnotes] == list(range(1, 19))
    assert all(f.anchors for f in doc.footnotes), [f.number for f in doc.footnotes if not f.anchors]
    assert not [w for w in doc.warnings if w.code.startswith(("marker", "footnote"))]


def test_endnotes_are_marked_as_such(extracted: dict) -> None:
    assert all(f.endnote for f in extracted["endnotes"].footnotes)
    assert not any(f.endnote for f in extracted["standard"].footnotes)


def test_a_note_continued_on_the_next_page_is_one_note(extracted: dict) -> None:
    doc = extracted["continued_footnotes"]
    split = [f for f in doc.footnotes if f.boxes and len({b.page for b in f.boxes}) > 1]
    assert split, "the variant prints a note that runs over two pages"
    std = {f.number: f.text for f in extracted["standard"].footnotes}
    for f in split:
        # the variant lengthens the note so it must run on; it starts as the standard one does
        assert f.text.startswith(std[f.number][:80])
        pages = {sp.page for sp in f.spans}
        assert len(pages) == 2
        assert len(f.anchors) == 1


def test_markers_are_cut_from_words_and_anchored_at_the_right_offset(extracted: dict) -> None:
    doc = extracted["standard"]
    pars = {p.id: p for p in doc.paragraphs}
    for f in doc.footnotes:
        for a in f.anchors:
            if a.paragraph in pars:
                text = pars[a.paragraph].text
                before = text[: a.offset]
                assert before and not before.endswith(str(f.number)), (f.number, before[-20:])


def test_paragraph_kinds_and_numbers(extracted: dict) -> None:
    doc = extracted["standard"]
    kinds = {p.kind for p in doc.paragraphs}
    assert {"body", "bullet", "quote", "table"} <= kinds
    numbered = [p for p in doc.paragraphs if p.number and p.number.isdigit()]
    assert numbered and all(not p.text[:3].strip().rstrip(".").isdigit() for p in numbered)


def test_no_furniture_or_note_text_in_paragraphs(extracted: dict) -> None:
    for variant in LAYOUTS:
        doc = extracted[variant]
        for p in doc.paragraphs:
            assert "Page " not in p.text or " of " not in p.text.split("Page ", 1)[1][:8], p.text
        _no_overlap(doc)


def test_ligatures_and_hyphenation_are_clean(extracted: dict) -> None:
    text = " ".join(p.text for p in extracted["standard"].paragraphs)
    assert "\ufb01" not in text and "\ufb02" not in text
    assert "\u00ad" not in text
    assert "ill-treatment" in text


def test_spans_map_text_to_page_boxes(extracted: dict) -> None:
    doc = extracted["standard"]
    for p in doc.paragraphs:
        assert p.spans, p.id
        assert p.spans[0].start == 0 and p.spans[-1].end <= len(p.text)
        for sp in p.spans:
            x0, top, x1, bottom = sp.bbox
            assert x0 <= x1 and top <= bottom


def _no_overlap(doc: Document) -> None:
    """No paragraph line sits where a footnote line is printed."""
    note_boxes = [(sp.page, sp.bbox) for f in doc.footnotes for sp in f.spans]
    for p in doc.paragraphs:
        for sp in p.spans:
            for page, box in note_boxes:
                if page == sp.page:
                    inter_w = min(box[2], sp.bbox[2]) - max(box[0], sp.bbox[0])
                    inter_h = min(box[3], sp.bbox[3]) - max(box[1], sp.bbox[1])
                    assert inter_w <= 1 or inter_h <= 1, (p.id, p.text[:60])


# ---------------------------------------------------------------- real documents


@pytest.fixture(scope="module")
def kazakhstan() -> Document:
    from extract.running.pipeline import extract_file

    return extract_file(corpus_pdf("seed_amnesty_kazakhstan_2019.pdf"))


def test_real_submission_outline(kazakhstan: Document) -> None:
    top = [s.title for s in kazakhstan.sections if s.level == 1]
    assert top == [
        "FOLLOW-UP TO THE PREVIOUS REVIEW",
        "THE NATIONAL HUMAN RIGHTS FRAMEWORK",
        "PROMOTION AND PROTECTION OF HUMAN RIGHTS ON THE GROUND",
        "RECOMMENDATIONS FOR ACTION BY THE STATE UNDER REVIEW",
    ]
    assert len(kazakhstan.sections) == 23
    assert all(s.parent for s in kazakhstan.sections if s.level == 2)


def test_real_submission_notes_and_anchors(kazakhstan: Document) -> None:
    notes = kazakhstan.footnotes
    assert [f.number for f in notes] == list(range(1, 10))
    by_number = {f.number: f for f in notes}
    # note 4's marker ends page 1 but its text is printed at the foot of page 2
    assert by_number[4].page == 2 and by_number[4].anchors[0].page == 1
    assert all(len(f.anchors) == 1 for f in notes)
    assert not kazakhstan.warnings


def test_real_submission_has_no_footer_in_text(kazakhstan: Document) -> None:
    for p in kazakhstan.paragraphs:
        assert "submission for the Universal" not in p.text
        assert "Periodic Review of Kazakhstan" not in p.text
    _no_overlap(kazakhstan)


def test_un_report_cover_and_job_number_are_not_body() -> None:
    from extract.running.pipeline import extract_file

    doc = extract_file(corpus_pdf("un_wgreport_kazakhstan_2014.pdf"))
    assert doc.sections[0].title == "Introduction"
    assert [s.number for s in doc.sections if s.level == 1 and s.number] == ["I", "II"]
    for p in doc.paragraphs:
        assert not p.text.startswith("GE.14-")
        assert p.text.strip() != "A/HRC/28/10"
    assert doc.document.title and "Kazakhstan" in doc.document.title
