"""Build the fictional demo document and the docs made from it (README screenshot, export examples).

The demo is a two-page submission about an invented State, drawn with reportlab,
with a hand-made Document JSON whose boxes come from the same font metrics the
PDF was drawn with, so tests can check that the review page puts every box on
the right words without depending on the extraction pipeline. No corpus text
is used anywhere.

    .venv/bin/python docs/make_examples.py            # rewrite docs/examples and docs/review.png
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from schemas import (  # noqa: E402
    Action,
    Anchor,
    Case,
    CaseEvent,
    Document,
    DocumentMeta,
    ExtractWarning,
    Footnote,
    LegalArticle,
    Mention,
    Paragraph,
    Recommendation,
    Section,
    StateRef,
    Theme,
)
from schemas.records import (  # noqa: E402
    Span,
    UNDocumentCitation,
    UNDocumentParsed,
    UPRRecommendationCitation,
    UPRRecommendationParsed,
    URLCitation,
    URLParsed,
)

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 72.0
BODY = ("Helvetica", 11.0)
NOTE = ("Helvetica", 8.5)
HEAD = ("Helvetica-Bold", 12.5)
DESCENT = 0.207  # Helvetica's descender as pdfminer reads it: box = [baseline - 0.793 size, baseline + 0.207 size]
PDF_NAME = "demo_arcadia_submission.pdf"

# (number, text, footnote marker after the paragraph or None)
INTRO = [
    (
        "1",
        "The Lantern Rights Network and the Open Meadow Foundation submit this report on the Republic of "
        "Arcadia for its fourth review. It covers the period since the last Working Group report, "
        "A/HRC/WG.6/99/ARC/1, and draws on interviews held in three provinces.",
        "1",
    ),
    (
        "2",
        "Reporters in Arcadia face charges under article 174 of the Criminal Code, which "
        "punishes the spreading of false information. The blogger Mira Tolven was arrested on 3 March 2023 "
        "and sentenced to four years in prison for posts about water shortages.",
        "2",
    ),
    (
        "3",
        "During its previous review, Arcadia supported recommendation 124.4 (Freedonia) to bring article 174 "
        "into line with article 19 of the International Covenant on Civil and Political Rights, but the "
        "provision has not been amended.",
        None,
    ),
]
RECS = [
    (
        "5.1",
        "Repeal article 174 of the Criminal Code and release all persons detained under it, including Mira Tolven.",
    ),
    (
        "5.2",
        "Ratify the Optional Protocol to the Convention against Torture and establish a national preventive mechanism.",
    ),
    ("5.3", "Guarantee that journalists can report on public health and the environment without fear of reprisal."),
]
NOTES = [
    ("1", "Interviews by the Lantern Rights Network, January to June 2023; see https://example.org/arcadia-report."),
    ("2", "Arcadia Provincial Court, judgment of 12 September 2023 (unofficial translation on file)."),
]


@dataclass
class Line:
    page: int
    x: float
    y: float  # baseline, reportlab's bottom-left frame
    text: str
    font: tuple[str, float]
    start: int = 0  # offset of this line in its record's text

    def box(self, a: int = 0, b: int | None = None) -> tuple[float, float, float, float]:
        """Box of text[a:b] of this line in pdfplumber's frame (top-left origin)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        name, size = self.font
        b = len(self.text) if b is None else b
        x0 = self.x + stringWidth(self.text[:a], name, size)
        x1 = self.x + stringWidth(self.text[:b], name, size)
        bottom = PAGE_H - self.y + DESCENT * size
        return (round(x0, 2), round(bottom - size, 2), round(x1, 2), round(bottom, 2))


@dataclass
class Block:
    text: str
    lines: list[Line] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.lines[0].page

    def bbox(self) -> tuple[float, float, float, float]:
        boxes = [ln.box() for ln in self.lines]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))

    def spans(self) -> list[Span]:
        return [Span(start=ln.start, end=ln.start + len(ln.text), page=ln.page, bbox=ln.box()) for ln in self.lines]

    def find(self, needle: str, nth: int = 0) -> tuple[int, int, int, tuple[float, float, float, float]]:
        """(start, end, page, bbox) of a phrase, which must sit on one printed line."""
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(needle, start + 1)
        end = start + len(needle)
        for ln in self.lines:
            if ln.start <= start and end <= ln.start + len(ln.text):
                return start, end, ln.page, ln.box(start - ln.start, end - ln.start)
        raise ValueError(f"{needle!r} crosses a line break in the demo layout")


class Writer:
    """Draws text with reportlab and remembers where every line went."""

    def __init__(self, path: Path) -> None:
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
        self.c.setTitle("Arcadia: joint submission (demo)")
        self.page = 1
        self.y = PAGE_H - MARGIN

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - MARGIN

    def _draw(self, x: float, text: str, font: tuple[str, float]) -> Line:
        self.c.setFont(*font)
        self.c.drawString(x, self.y, text)
        return Line(self.page, x, self.y, text, font)

    def block(self, text: str, font: tuple[str, float], x: float, width: float, gap: float = 6.0) -> Block:
        from reportlab.lib.utils import simpleSplit

        blk = Block(text)
        offset = 0
        for piece in simpleSplit(text, font[0], font[1], width):
            ln = self._draw(x, piece, font)
            ln.start = text.index(piece, offset)
            offset = ln.start + len(piece)
            blk.lines.append(ln)
            self.y -= font[1] * 1.35
        self.y -= gap
        return blk

    def marker(self, after: Line, number: str) -> tuple[float, float, float, float]:
        """A superscript footnote number just after a line's last character."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = 6.5
        x = after.x + stringWidth(after.text, *after.font) + 0.8
        rise = 4.0
        self.c.setFont("Helvetica", size)
        self.c.drawString(x, after.y + rise, number)
        bottom = PAGE_H - (after.y + rise) + DESCENT * size
        return (
            round(x, 2),
            round(bottom - size, 2),
            round(x + stringWidth(number, "Helvetica", size), 2),
            round(bottom, 2),
        )

    def save(self) -> None:
        self.c.save()


def build_demo(out_dir: Path) -> tuple[Path, Path]:
    """Write the demo PDF and its Document JSON into out_dir; return (pdf, json)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / PDF_NAME
    w = Writer(pdf)
    width = PAGE_W - 2 * MARGIN
    title = w.block("Republic of Arcadia: joint submission to the Universal Periodic Review", HEAD, MARGIN, width, 2)
    w.block("Lantern Rights Network and Open Meadow Foundation · Fourth cycle · July 2023", NOTE, MARGIN, width, 14)

    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    blocks: dict[str, Block] = {}
    anchors: dict[str, Anchor] = {}

    def heading(sid: str, number: str, text: str) -> None:
        b = w.block(f"{number}. {text}", HEAD, MARGIN, width, 4)
        sections.append(
            Section(id=sid, title=text, number=number, level=1, page_start=b.page, page_end=b.page, bbox=b.bbox())
        )

    def para(pid: str, sid: str, number: str, text: str, note: str | None) -> Block:
        w.c.setFont(*BODY)
        w.c.drawString(MARGIN, w.y, f"{number}.")
        b = w.block(text, BODY, MARGIN + 24, width - 24)
        blocks[pid] = b
        paragraphs.append(
            Paragraph(id=pid, section=sid, page=b.page, bbox=b.bbox(), text=text, number=number, spans=b.spans())
        )
        if note:
            box = w.marker(b.lines[-1], note)
            anchors[note] = Anchor(paragraph=pid, page=b.page, offset=len(text), bbox=box)
        return b

    heading("s1", "I", "Freedom of expression")
    for i, (num, text, note) in enumerate(INTRO, 1):
        para(f"p{i}", "s1", num, text, note)

    # footnotes at the page foot, under a short rule
    w.y = 110.0
    w.c.line(MARGIN, w.y + 12, MARGIN + 140, w.y + 12)
    footnotes: list[Footnote] = []
    for num, text in NOTES:
        w.c.setFont("Helvetica", 6.5)
        w.c.drawString(MARGIN, w.y + 3, num)
        b = w.block(text, NOTE, MARGIN + 6, width - 6, 2)
        blocks[f"fn{num}"] = b
        footnotes.append(
            Footnote(
                id=f"fn{num}",
                number=int(num),
                text=text,
                page=b.page,
                bbox=b.bbox(),
                anchors=[anchors[num]],
                spans=b.spans(),
            )
        )
    w.c.setFont("Helvetica", 9)
    w.c.drawCentredString(PAGE_W / 2, 40, "1")
    w.new_page()

    heading("s2", "II", "Recommendations")
    recs: list[Recommendation] = []
    w.block("4. The submitting organisations recommend that the Republic of Arcadia:", BODY, MARGIN, width)
    themes_of = {"5.1": ["freedom-of-expression", "detention"], "5.2": ["torture"], "5.3": ["freedom-of-expression"]}
    groups_of = {"5.1": ["detainees"], "5.3": ["media"]}
    verbs = {"5.1": ("repeal", 5), "5.2": ("ratify", 4), "5.3": ("guarantee", 3)}
    for i, (num, text) in enumerate(RECS, 1):
        w.c.setFont(*BODY)
        w.c.drawString(MARGIN + 24, w.y, num)
        b = w.block(text, BODY, MARGIN + 52, width - 52)
        pid = f"p{len(INTRO) + i}"
        blocks[pid] = b
        paragraphs.append(
            Paragraph(
                id=pid, section="s2", page=b.page, bbox=b.bbox(), text=text, kind="bullet", number=num, spans=b.spans()
            )
        )
        recs.append(
            Recommendation(
                id=f"r{i}",
                text=text,
                number=num,
                section="s2",
                themes=themes_of[num],
                groups=groups_of.get(num, []),
                action=Action(verb=verbs[num][0], category=verbs[num][1]),
                page=b.page,
                bbox=b.bbox(),
                paragraphs=[pid],
                legal_articles=["la1"] if "article 174" in text else [],
            )
        )
    w.c.setFont("Helvetica", 9)
    w.c.drawCentredString(PAGE_W / 2, 40, "2")
    w.save()

    def mention(unit: str, needle: str, nth: int = 0, with_box: bool = True) -> Mention:
        start, end, page, box = blocks[unit].find(needle, nth)
        is_note = unit.startswith("fn")
        return Mention(
            paragraph=None if is_note else unit,
            footnote=unit if is_note else None,
            page=page,
            text=needle,
            start=start,
            end=end,
            bbox=box if with_box else None,
        )

    sym = mention("p1", "A/HRC/WG.6/99/ARC/1")
    rec_cite = mention("p3", "recommendation 124.4 (Freedonia)")
    url = mention("fn1", "https://example.org/arcadia-report", with_box=False)  # placed from spans
    citations = [
        UNDocumentCitation(
            id="c1",
            text=sym.text,
            paragraph="p1",
            page=sym.page,
            start=sym.start,
            end=sym.end,
            bbox=sym.bbox,
            parsed=UNDocumentParsed(
                symbol="A/HRC/WG.6/99/ARC/1",
                body="HRC",
                series="A/HRC",
                session="99",
                state_iso3="ARC",
                document_type="WG.6",
                number="1",
            ),
        ),
        UPRRecommendationCitation(
            id="c2",
            text=rec_cite.text,
            paragraph="p3",
            page=rec_cite.page,
            start=rec_cite.start,
            end=rec_cite.end,
            bbox=rec_cite.bbox,
            parsed=UPRRecommendationParsed(number="124.4", states=["Freedonia"]),
        ),
        URLCitation(
            id="c3",
            text=url.text,
            footnote="fn1",
            page=url.page,
            start=url.start,
            end=url.end,
            parsed=URLParsed(url=url.text, host="example.org"),
        ),
    ]
    legal = [
        LegalArticle(
            id="la1",
            article="174",
            instrument="Criminal Code",
            instrument_kind="national",
            mentions=[
                mention("p2", "article 174 of the Criminal Code"),
                mention("p3", "article 174"),
                mention("p4", "article 174 of the Criminal Code"),
            ],
        ),
        LegalArticle(
            id="la2",
            article="19",
            instrument="International Covenant on Civil and Political Rights",
            instrument_kind="international",
            mentions=[mention("p3", "article 19 of the International Covenant")],
        ),
    ]
    cases = [
        Case(
            id="k1",
            name="Mira Tolven",
            kind="person",
            roles=["blogger"],
            events=[
                CaseEvent(
                    type="arrest", date="2023-03-03", text="was arrested on 3 March 2023", paragraph="p2", page=1
                ),
                CaseEvent(
                    type="sentence",
                    date=None,
                    text="sentenced to four years in prison",
                    sentence="four years in prison",
                    legal_articles=["la1"],
                    paragraph="p2",
                    page=1,
                ),
            ],
            legal_articles=["la1"],
            mentions=[mention("p2", "Mira Tolven"), mention("p4", "Mira Tolven")],
        )
    ]
    themes = [
        Theme(
            id="freedom-of-expression",
            label="Freedom of expression",
            taxonomy="demo",
            sections=["s1"],
            recommendations=["r1", "r3"],
        ),
        Theme(id="detention", label="Detention", taxonomy="demo", recommendations=["r1"]),
        Theme(id="torture", label="Torture and ill-treatment", taxonomy="demo", recommendations=["r2"]),
        Theme(id="detainees", label="Detainees", taxonomy="demo", dimension="group", recommendations=["r1"]),
        Theme(id="media", label="Media", taxonomy="demo", dimension="group", recommendations=["r3"]),
    ]
    doc = Document(
        document=DocumentMeta(
            source_file=PDF_NAME,
            sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(),
            pages=2,
            kind="joint_submission",
            title=" ".join(ln.text for ln in title.lines),
            organisations=["Lantern Rights Network", "Open Meadow Foundation"],
            state_under_review=StateRef(name="Arcadia", iso3="ARC"),
            language="en",
            date="2023-07",
            cycle=4,
        ),
        sections=sections,
        paragraphs=paragraphs,
        footnotes=footnotes,
        citations=citations,
        legal_articles=legal,
        cases=cases,
        recommendations=recs,
        themes=themes,
        warnings=[
            ExtractWarning(code="demo_warning", message="an example warning: page 2 has no footnotes zone", page=2)
        ],
    )
    js = out_dir / (Path(PDF_NAME).stem + ".json")
    js.write_text(doc.model_dump_json(indent=1) + "\n", encoding="utf-8")
    return pdf, js


def main() -> None:
    """Rewrite docs/examples/* and docs/review.png from the demo document."""
    import shutil
    import tempfile

    from extract.outputs.export import export, schema_markdown, sqlite_ddl
    from extract.outputs.review import write_review

    docs = ROOT / "docs"
    ex = docs / "examples"
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        pdf, js = build_demo(t / "in")
        ex.mkdir(parents=True, exist_ok=True)
        for sub in ("csv",):
            shutil.rmtree(ex / sub, ignore_errors=True)
        export(t / "in", "csv", t / "csv")
        (ex / "csv").mkdir()
        for f in sorted((t / "csv").glob("*.csv")):
            if len(f.read_text(encoding="utf-8").splitlines()) > 1:  # tables with rows only
                shutil.copy(f, ex / "csv" / f.name)
        export(t / "in", "jsonl", ex / "export.jsonl")
        export(t / "in", "xlsx", ex / "export.xlsx")
        export(t / "in", "sqlite", t / "export.sqlite")
        (ex / "export.sqlite").unlink(missing_ok=True)
        (ex / "query.txt").write_text(query_example(t / "export.sqlite"), encoding="utf-8")
        (ex / "schema.sql").write_text(";\n\n".join(sqlite_ddl()) + ";\n", encoding="utf-8")
        (ex / "tables.md").write_text(schema_markdown(), encoding="utf-8")
        write_review(js, pdf, t / "review")
        screenshot(t / "review" / (pdf.stem + ".html"), docs / "review.png", select="la1")
        # the same page for the real pipeline's output on the committed sample submission
        from extract.running.batch import dump
        from extract.running.pipeline import extract_file

        sample = ROOT / "data" / "raw" / "ngo_lantern_rights_veloria_2023.pdf"
        real = extract_file(sample)
        real_js = t / "sample.json"
        real_js.write_bytes(dump(real))
        write_review(real_js, sample, t / "review_sample")
        first = real.cases[0].id if real.cases else (real.legal_articles[0].id if real.legal_articles else None)
        screenshot(t / "review_sample" / (sample.stem + ".html"), docs / "review_sample.png", select=first)
    print(f"wrote {ex}, {docs / 'review.png'} and {docs / 'review_sample.png'}")


README_QUERY = """SELECT o.organisation, r.source_file, r.number, r.text
FROM recommendations AS r
JOIN recommendation_themes AS t ON t.document_id = r.document_id AND t.recommendation_id = r.id
JOIN document_organisations AS o ON o.document_id = r.document_id
WHERE t.theme = 'freedom-of-expression' AND r.state_iso3 = 'ARC'
ORDER BY o.organisation, r.document_id, r.page, r.id;"""


def query_example(db: Path) -> str:
    """The README's query and what it returns on the demo database, as sqlite3's default output prints it."""
    import sqlite3

    con = sqlite3.connect(db)
    rows = con.execute(README_QUERY).fetchall()
    con.close()
    return README_QUERY + "\n\n" + "\n".join("|".join(str(v) for v in r) for r in rows) + "\n"


def chrome(width: int = 1400, height: int = 860):  # type: ignore[no-untyped-def]
    """Debian's headless Chromium through Selenium, with a fresh profile and nothing reaching the network."""
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={tempfile.mkdtemp(prefix='upr-chrome-')}",
        f"--window-size={width},{height}",
    ):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def screenshot(html: Path, png: Path, select: str | None = None) -> None:
    import time

    d = chrome()
    try:
        d.get(html.resolve().as_uri())
        d.execute_script("return document.fonts.ready")
        if select:
            d.execute_script("window.uprReview.select(arguments[0])", select)
            time.sleep(1.2)  # let the pulse animation finish
        d.save_screenshot(str(png))
    finally:
        d.quit()


if __name__ == "__main__":
    main()
