"""Headings from typography: unit cases on hand-built blocks (the spine tests run whole PDFs)."""

from __future__ import annotations

from extract.reading.read import Line
from extract.structure.blocks import Block
from extract.structure.sections import find_headings

BODY = 11.0
FILLER = (
    "The commission heard from the families of the disappeared in three provinces over two years of work "
    "and wrote down what each of them said."
)


def block(text: str, page: int, top: float, size: float = BODY, bold: bool = False) -> Block:
    boxes = [(72.0 + 5 * i, top, 77.0 + 5 * i, top + size) for i in range(len(text))]
    line = Line(
        page,
        72.0,
        top,
        72.0 + 5 * len(text),
        top + size,
        text,
        boxes,
        bytearray(len(text)),
        size,
        1.0 if bold else 0.0,
        0.0,
        "Arial",
    )
    return Block(lines=[line])


def titled(title: str, page: int, top: float) -> list[Block]:
    """A bold heading with a paragraph of running text under it."""
    return [block(title, page, top, bold=True), block(FILLER, page, top + 20)]


def test_a_small_bold_notice_at_a_page_foot_is_not_a_heading() -> None:
    blocks = [
        block("Report to the review of Freedonia", 1, 80, size=16, bold=True),
        block(FILLER, 1, 200),
        block(FILLER, 1, 230),
        block("AWARDED THE LIGHTHOUSE PRIZE FOR RIGHTS 2031", 1, 700, size=9, bold=True),
        block("Detention", 2, 80, bold=True),
        block(FILLER, 2, 110),
        block("Small bold lead of a box", 2, 400, size=9, bold=True),
        block(FILLER, 2, 420, size=9),
    ]
    headings, _ = find_headings(blocks, BODY)
    titles = [h.title for h in headings]
    assert "Detention" in titles
    assert not any("PRIZE" in t for t in titles)
    assert "Small bold lead of a box" in titles  # running text follows it on its page


def test_form_labels_contact_labels_and_run_in_labels_are_not_headings() -> None:
    blocks = [
        block("SECTION I", 1, 60, bold=True),
        block("Contact details of the NGO (main):", 1, 80, bold=True),
        block("Name: Freedonia Forum  Telephone: (12-3) 456-7890  E-mail: forum@example.org", 1, 100),
        block("SECTION II", 1, 130, bold=True),
        block("Language: English", 1, 150),
        block("SECTION III", 1, 170, bold=True),
        block("Key words: detention; torture; courts", 1, 190, bold=True),
        block(FILLER, 1, 220),
        block("Detention", 2, 80, bold=True),
        block(FILLER, 2, 110),
    ]
    headings, _ = find_headings(blocks, BODY)
    assert [h.title for h in headings] == ["Detention"]


def test_a_first_heading_naming_the_report_under_a_letterhead_is_the_title() -> None:
    blocks = [
        block(
            "Para la Oficina del Alto Comisionado, examen del Estado de Freedonia en su duodécima sesión, "
            "de parte de la asociación Vigía de las Cárceles de Puerto Lirin",
            1,
            40,
        ),
        block("Informe sobre las cárceles de Freedonia", 1, 80, bold=True),
        block(FILLER, 1, 110),
        block(FILLER, 1, 140),
        block("Recommendations", 2, 80, bold=True),
        block(FILLER, 2, 110),
    ]
    headings, cover = find_headings(blocks, BODY)
    assert [h.title for h in headings] == ["Recommendations"]
    assert any(b.text.startswith("Informe sobre") for b in cover)


def test_a_spanish_paragraph_number_with_a_dash_is_a_list_number() -> None:
    from extract.structure.blocks import bullet_of

    assert bullet_of("3.- Situación de las cárceles: el informe") == ("3.-", "3")
    assert bullet_of("1.1.- Marco legal") == ("1.1.-", "1.1")


def test_a_section_prefix_belongs_to_the_number_and_an_introduction_heads_no_lettered_series() -> None:
    blocks = [
        block("Report on Freedonia", 1, 60, size=16, bold=True),
        block(FILLER, 1, 100),
        block(FILLER, 1, 130),
        block("Introduction", 2, 60, bold=True),
        block(FILLER, 2, 90),
        block(
            "a. The water of the Lirin valley and what the families who drink it were never told about it.",
            2,
            200,
            bold=True,
        ),
        block(FILLER, 2, 230),
        block("b. Recommendations.", 2, 300, bold=True),
        block(FILLER, 2, 330),
        block("Section 1: the courts of Freedonia", 3, 60, bold=True),
        block(FILLER, 3, 90),
    ]
    headings, _ = find_headings(blocks, BODY)
    assert [(h.title, h.number, h.level) for h in headings] == [
        ("Introduction", None, 1),
        ("The water of the Lirin valley and what the families who drink it were never told about it.", "a", 1),
        ("Recommendations.", "b", 1),
        ("the courts of Freedonia", "Section 1", 1),
    ]


def test_the_title_page_of_a_second_language_version_is_a_cover_too() -> None:
    def title_page(page: int, words: tuple[str, str]) -> list[Block]:
        return [
            block("FREEDONIA", page, 40, size=24),
            block(words[0], page, 80, size=14, bold=True),
            block(words[1], page, 100, size=14, bold=True),
            block("Introduction", page, 130, bold=True),
            block(FILLER, page, 160),
            block(FILLER, page, 190),
        ]

    blocks = title_page(1, ("Report to the UN", "Universal Periodic Review")) + title_page(
        2, ("Informe para la ONU", "Examen Periódico Universal")
    )
    headings, cover = find_headings(blocks, BODY)
    assert [h.title for h in headings] == ["Introduction", "Introduction"]
    assert [b.text for b in cover if b.text == "FREEDONIA"] == ["FREEDONIA"]  # the title comes from page 1
    assert all(b.extra.get("cover") for b in blocks[6:9])


def test_a_roman_number_with_a_dash_numbers_its_heading_and_signatories_close_the_document() -> None:
    blocks = [
        block("Report to the review of Freedonia", 1, 80, size=16, bold=True),
        block("VI - Recommendations", 1, 150, bold=True),
        block(FILLER, 1, 170),
        block(FILLER, 1, 200),
        block("On behalf of the Freedonia Forum.", 1, 300, bold=True),
        block("Hna. Eva Vell, Lic. Ana Rask, Dr. Juan Molde, Ing. Rosa Tarn, Lic. Pedro Sala.", 1, 320),
        block("Freedonia Forum for Human Rights.", 1, 360, bold=True),
    ]
    headings, _ = find_headings(blocks, BODY)
    assert [h.title for h in headings] == ["Recommendations"]


def test_headings_in_the_type_of_a_summary_before_a_numbered_series_are_sub_headings_inside_it() -> None:
    blocks = [
        block("Report to the review of Freedonia", 1, 60, size=16, bold=True),
        *titled("Summary of submission", 1, 100),
        *titled("PART I: CONTEXT", 1, 160),
        *titled("Policy coherence", 1, 220),
        *titled("PART II: RECOMMENDATIONS", 1, 280),
    ]
    headings, _ = find_headings(blocks, BODY)
    assert [(h.title, h.level) for h in headings] == [
        ("Summary of submission", 1),
        ("CONTEXT", 1),
        ("Policy coherence", 2),
        ("RECOMMENDATIONS", 1),
    ]


def test_a_first_heading_in_a_type_of_its_own_does_not_hold_the_whole_document() -> None:
    def italic(b: Block) -> Block:
        ln = b.lines[0]
        b.lines[0] = Line(
            ln.page, ln.x0, ln.top, ln.x1, ln.bottom, ln.text, ln.boxes, ln.flags, ln.size, 1.0, 1.0, "Arial"
        )
        return b

    blocks = [
        block("Report to the review of Freedonia", 1, 60, size=16, bold=True),
        block(FILLER, 1, 100),
        block(FILLER, 1, 130),
        *titled("Context", 2, 100),
        italic(block("Right to health", 2, 160, bold=True)),
        block(FILLER, 2, 180),
        italic(block("Right to consultation", 2, 220, bold=True)),
        block(FILLER, 2, 240),
        italic(block("Recommendations", 2, 280, bold=True)),
        block(FILLER, 2, 300),
    ]
    headings, _ = find_headings(blocks, BODY)
    assert [(h.title, h.level) for h in headings] == [
        ("Context", 1),
        ("Right to health", 1),
        ("Right to consultation", 1),
        ("Recommendations", 1),
    ]


def test_a_quoted_line_is_a_quotation_and_a_quoted_term_may_open_a_title() -> None:
    blocks = [
        block("Cover of the Freedonia Rights Forum", 1, 40, size=18, bold=True),
        block(FILLER, 1, 110),
        block("“Less lethal” weapons", 2, 60, bold=True),
        block(FILLER, 2, 90),
        block("‘Send them all back where they came from, and the sooner the better.’ 3", 2, 140, bold=True),
        block(FILLER, 2, 170),
        block("‘The new arrivals will never be one of us’", 2, 220, bold=True),
        block(FILLER, 2, 250),
    ]
    headings, _ = find_headings(blocks, BODY)
    assert [h.title for h in headings] == ["“Less lethal” weapons"]


def test_the_review_named_again_over_the_first_page_of_text_after_a_cover_page_is_the_title() -> None:
    blocks = [
        block("Freedonia Rights Forum", 1, 40, size=18, bold=True),
        block("Universal Periodic Review of Freedonia", 1, 80, size=16, bold=True),
        block("Freedonia Rights Forum: Submission to the Universal Periodic Review of Freedonia", 2, 40, bold=True),
        block("Introduction", 2, 80, bold=True),
        block(FILLER, 2, 110),
        block("Detention", 2, 160, bold=True),
        block(FILLER, 2, 190),
    ]
    headings, cover = find_headings(blocks, BODY)
    assert [h.title for h in headings] == ["Introduction", "Detention"]
    assert any("Submission to the Universal" in b.text for b in cover)


def test_a_lone_bold_bullet_over_a_numbered_paragraph_is_a_heading_and_its_second_line_joins_it() -> None:
    def bullet(text: str, page: int, top: float) -> Block:
        b = block(text, page, top, bold=True)
        b.marker, b.kind = "•", "bullet"
        return b

    numbered = block("4.5 " + FILLER, 2, 110)
    numbered.number = "4.5"
    blocks = [
        block("Freedonia Mental Health Forum", 1, 40, size=18, bold=True),
        block(FILLER, 1, 110),
        bullet("• The Right to Work", 2, 80),
        numbered,
        bullet("• Convention on the Rights of Persons with Disabilities", 2, 300),
        block("Article 28 - Adequate standard of living", 2, 300 + BODY + 2, bold=True),
        block(FILLER, 2, 340),
        block("The Government should:", 3, 60),
        bullet("• Amend the law on guardianship", 3, 80),
        block("Next steps", 3, 120, bold=True),
        block(FILLER, 3, 150),
    ]
    headings, _ = find_headings(blocks, BODY)
    assert [h.title for h in headings] == [
        "The Right to Work",
        "Convention on the Rights of Persons with Disabilities",
        "Next steps",
    ]
    assert blocks[5].extra.get("heading_tail")  # read with the heading above it, not as a heading of its own
