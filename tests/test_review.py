"""The review page: every box is a record, text is escaped, and in a real browser the boxes sit on the words.

The fictional demo document (docs/make_examples.py) has boxes computed from the
font metrics it was drawn with; the browser tests render its page, hide the
boxes, screenshot, and check that each box's rectangle covers the ink of its
words and nothing but blank paper lies beside them. Browser tests need Debian's
chromium and chromium-driver and are marked `browser`.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from extract.outputs.review import (
    Overlay,
    PageImage,
    _char_boxes,
    overlays,
    page_html,
    record_counts,
    write_review,
    write_reviews,
)
from schemas import Document, DocumentMeta, FollowUp, LegalArticle, Mention, Paragraph, Recommendation
from schemas.records import Box, Span

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def _demo_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "docs" / "make_examples.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(pdf, json, html) of the demo document's review page."""
    base = tmp_path_factory.mktemp("demo")
    pdf, js = _demo_module().build_demo(base / "in")
    res = write_review(js, pdf, base / "review")
    assert res.html is not None and res.problems == []
    return pdf, js, res.html


class Collect(HTMLParser):
    """Elements with their attributes, and the text outside script/style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    return c


def record_ids(doc: Document) -> set[str]:
    ids: set[str] = set()
    for attr in (
        "sections",
        "paragraphs",
        "footnotes",
        "citations",
        "legal_articles",
        "cases",
        "follow_ups",
        "recommendations",
        "themes",
        "contributors",
    ):
        ids.update(r.id for r in getattr(doc, attr))
    return ids


# ---------------------------------------------------------------- static checks


def test_every_box_is_a_record_and_every_placed_record_has_a_box(demo: tuple[Path, Path, Path]) -> None:
    _, js, html = demo
    doc = Document.model_validate_json(js.read_bytes())
    els = parse(html.read_text(encoding="utf-8")).elements
    boxed = {a["data-record"] for _, a in els if "data-record" in a}
    assert boxed <= record_ids(doc)
    expected = {r.id for r in doc.paragraphs + doc.footnotes + doc.recommendations + doc.sections}
    expected |= {c.id for c in doc.citations}  # c3 has offsets only: placed from its footnote's spans
    expected |= {a.id for a in doc.legal_articles} | {k.id for k in doc.cases}
    assert expected <= boxed
    anchors = [a for t, a in els if t == "a" and a.get("data-type") == "anchor"]
    assert {a["data-record"] for a in anchors} == {"fn1", "fn2"}
    ids = {a.get("id") for _, a in els}
    for a in anchors:
        assert a["href"] is not None and a["href"][1:] in ids  # marker links to its note without script
    approx = [a for _, a in els if a.get("data-record") == "c3"]
    assert approx and "approx" in (approx[0]["class"] or "")


def test_page_images_are_files_next_to_the_html(demo: tuple[Path, Path, Path]) -> None:
    _, _, html = demo
    imgs = [a["src"] for t, a in parse(html.read_text(encoding="utf-8")).elements if t == "img"]
    assert imgs == ["demo_arcadia_submission_files/page-001.png", "demo_arcadia_submission_files/page-002.png"]
    for src in imgs:
        assert (html.parent / str(src)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_network_references(demo: tuple[Path, Path, Path]) -> None:
    _, _, html = demo
    for tag, a in parse(html.read_text(encoding="utf-8")).elements:
        for k in ("src", "href"):
            v = a.get(k) or ""
            assert not v.startswith(("http:", "https:", "//")), (tag, k, v)
        if tag == "link":
            raise AssertionError("no external stylesheets")


def _hostile_doc(pdf: Path) -> Document:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \'single\''
    return Document(
        document=DocumentMeta(
            source_file=pdf.name,
            sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(),
            pages=2,
            title=evil,
            organisations=[evil],
        ),
        paragraphs=[Paragraph(id='p"1<b>', page=1, bbox=(72, 72, 300, 90), text=evil)],
        recommendations=[Recommendation(id="r</script>", text=evil, page=1, bbox=(72, 100, 300, 120), themes=[evil])],
    )


def test_all_text_is_escaped(demo: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdf = demo[0]
    js = tmp_path / "evil.json"
    js.write_text(_hostile_doc(pdf).model_dump_json(), encoding="utf-8")
    html = write_review(js, pdf, tmp_path / "out").html
    assert html is not None
    text = html.read_text(encoding="utf-8")
    c = parse(text)
    assert [t for t, _ in c.elements].count("script") == 1  # ours only
    assert not [t for t, a in c.elements if t == "img" and "onerror" in a]
    assert any('<script>alert("x")</script>' in t for t in c.text)  # shown as text
    assert {a["data-record"] for _, a in c.elements if "data-record" in a} == {'p"1<b>', "r</script>"}


def test_inline_images_make_one_file(demo: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdf, js, _ = demo
    res = write_review(js, pdf, tmp_path / "one", inline_images=True)
    assert res.html is not None
    assert [p.name for p in (tmp_path / "one").iterdir()] == [res.html.name]
    srcs = [a["src"] for t, a in parse(res.html.read_text(encoding="utf-8")).elements if t == "img"]
    assert len(srcs) == 2 and all(str(s).startswith("data:image/png;base64,") for s in srcs)
    assert base64.b64decode(str(srcs[0]).split(",", 1)[1])[:4] == b"\x89PNG"


def test_wrong_pdf_is_refused_unless_forced(demo: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdf, js, _ = demo
    other = tmp_path / pdf.name
    other.write_bytes(pdf.read_bytes() + b"\n% changed\n")
    res = write_review(js, other, tmp_path / "o")
    assert res.html is None and "sha256 differs" in res.problems[0] and "--force" in res.problems[0]
    assert not (tmp_path / "o").exists()
    res = write_review(js, other, tmp_path / "o", force=True)
    assert res.problems and "sha256" in res.problems[0]
    assert "sha256 differs" in res.html.read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_folder_form_pairs_by_source_file(demo: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdf, js, _ = demo
    jdir, pdir = tmp_path / "json", tmp_path / "pdfs" / "nested"
    jdir.mkdir()
    pdir.mkdir(parents=True)
    shutil.copy(js, jdir / "a.json")
    shutil.copy(pdf, pdir / pdf.name)
    orphan = json.loads(js.read_text(encoding="utf-8"))
    orphan["document"]["source_file"] = "missing.pdf"
    (jdir / "b.json").write_text(json.dumps(orphan), encoding="utf-8")
    results = write_reviews(jdir, tmp_path / "pdfs", tmp_path / "out")
    assert [r.html is not None for r in results] == [True, False]
    assert "no missing.pdf under" in results[1].problems[0]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="demo_arcadia_submission.html"' in index and "missing.pdf" in index


def test_page_is_deterministic(demo: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdf, js, html = demo
    again = write_review(js, pdf, tmp_path / "again").html
    assert again is not None and again.read_bytes() == html.read_bytes()
    assert (again.parent / "demo_arcadia_submission_files" / "page-001.png").read_bytes() == (
        html.parent / "demo_arcadia_submission_files" / "page-001.png"
    ).read_bytes()


def test_char_boxes_split_a_span_by_character_share() -> None:
    spans = [
        Span(start=0, end=10, page=1, bbox=(100, 10, 200, 20)),
        Span(start=11, end=21, page=2, bbox=(0, 5, 50, 15)),
    ]
    assert [(b.page, b.bbox) for b in _char_boxes(spans, 5, 15)] == [(1, (150, 10, 200, 20)), (2, (0, 5, 20, 15))]
    assert _char_boxes(spans, 10, 11) == []


def test_wrapped_mention_gets_one_box_per_line() -> None:
    text = "under article 12 of the Press Act today"
    spans = [
        Span(start=0, end=24, page=1, bbox=(100, 10, 340, 20)),
        Span(start=25, end=39, page=1, bbox=(100, 22, 240, 32)),
    ]
    la = LegalArticle(
        id="la1",
        article="12",
        instrument="Press Act",
        instrument_kind="national",
        mentions=[
            Mention(
                paragraph="p1", page=1, text="article 12 of the Press Act", start=6, end=33, bbox=(100, 10, 340, 32)
            ),
            Mention(paragraph="p1", page=1, text="article 12", start=6, end=16, bbox=(160, 10, 200, 20)),
        ],
    )
    doc = Document(
        document=DocumentMeta(source_file="x.pdf", sha256="0" * 64, pages=1),
        paragraphs=[Paragraph(id="p1", page=1, bbox=(100, 10, 340, 32), text=text, spans=spans)],
        legal_articles=[la],
    )
    got = [(o.bbox, o.approx) for o in overlays(doc) if o.record == "la1"]
    assert got == [((160.0, 10, 340.0, 20), True), ((100.0, 22, 180.0, 32), True), ((160, 10, 200, 20), False)]


def test_multi_part_records_draw_every_part() -> None:
    doc = Document(
        document=DocumentMeta(source_file="x.pdf", sha256="0" * 64, pages=2),
        paragraphs=[
            Paragraph(
                id="p1",
                page=1,
                bbox=(0, 700, 10, 800),
                text="a",
                boxes=[Box(page=1, bbox=(0, 700, 10, 800)), Box(page=2, bbox=(0, 50, 10, 60))],
            )
        ],
    )
    assert [(o.page, o.record) for o in overlays(doc)] == [(1, "p1"), (2, "p1")]
    html = page_html(doc, [])
    assert "page(s) 1, 2, which the PDF does not have" in html


# ---------------------------------------------------------------- in a browser

browser = pytest.mark.browser


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="upr-chrome-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
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
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver: Any, html: Path) -> None:
    driver.get(html.resolve().as_uri())
    driver.execute_script(  # eager images only: lazy ones load when scrolled to (see _rects)
        "return Promise.all(Array.from(document.images).filter(i => i.loading !== 'lazy')"
        ".map(i => i.decode().catch(() => 0)))"
    )


def _shot(driver: Any) -> Any:
    from PIL import Image

    return Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("L")


def _rects(driver: Any, record: str) -> list[dict[str, float]]:
    return driver.execute_script(
        """
        const els = Array.from(document.querySelectorAll('.box[data-record="' + CSS.escape(arguments[0]) + '"]'))
          .filter(e => e.dataset.type !== 'anchor');
        els[0].scrollIntoView({block: 'center'});
        const img = els[0].closest('.page').querySelector('img');
        img.loading = 'eager';
        return img.decode().catch(() => 0).then(() => els.map(e => { const r = e.getBoundingClientRect();
          return {x: r.left, y: r.top, w: r.width, h: r.height, page: +e.closest('.page').dataset.page}; }));
        """,
        record,
    )


def _ink(
    img: Any, box: tuple[float, float, float, float], level: int = 110
) -> tuple[float, tuple[int, int, int, int] | None]:
    """Share of pixels darker than `level` inside box, and their bounding box (crop-relative)."""
    crop = img.crop(tuple(round(v) for v in box))
    dark = crop.point(lambda v: 255 if v < level else 0)
    hist = dark.histogram()
    share = hist[255] / max(1, crop.width * crop.height)
    return share, dark.getbbox()


@browser
def test_browser_every_data_record_is_a_record_id(chrome: Any, demo: tuple[Path, Path, Path]) -> None:
    _, js, html = demo
    _open(chrome, html)
    got = chrome.execute_script(
        "return Array.from(document.querySelectorAll('[data-record]')).map(e => e.dataset.record)"
    )
    doc = Document.model_validate_json(js.read_bytes())
    assert got and set(got) <= record_ids(doc)
    errors = [e for e in chrome.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []


@browser
@pytest.mark.parametrize(
    ("record", "text"),
    [
        ("k1", "Mira Tolven"),
        ("la2", "article 19 of the International Covenant"),
        ("c1", "A/HRC/WG.6/99/ARC/1"),
        ("c2", "recommendation 124.4 (Freedonia)"),
    ],
)
def test_browser_highlight_lands_on_its_words(
    chrome: Any, demo: tuple[Path, Path, Path], record: str, text: str
) -> None:
    import pdfplumber

    pdf, _, html = demo
    _open(chrome, html)
    rect = _rects(chrome, record)[0]
    img_rect = chrome.execute_script(
        "const r = document.querySelector('#page-' + arguments[0] + ' img').getBoundingClientRect();"
        "return {x: r.left, y: r.top, w: r.width, h: r.height};",
        rect["page"],
    )
    chrome.execute_script("document.body.classList.add('clean')")  # hide boxes: look at the page's own ink
    img = _shot(chrome)
    chrome.execute_script("document.body.classList.remove('clean')")
    box = (rect["x"], rect["y"], rect["x"] + rect["w"], rect["y"] + rect["h"])

    # 1. there is text under the box, and it spans the box from end to end
    share, ink = _ink(img, box)
    assert share > 0.08, f"box of {record} is over blank paper"
    assert ink is not None
    assert ink[0] <= 4 and ink[2] >= rect["w"] - 4, f"ink {ink} does not fill box {rect}"
    # 2. just beyond the box's ends on the same line there is a word gap (or a comma), not more letters
    gap = 2.2 * img_rect["w"] / 595.0  # about one space at 11 pt, in CSS px
    left_share, _ = _ink(img, (box[0] - gap, box[1], box[0] - 0.5, box[3]))
    right_share, _ = _ink(img, (box[2] + 0.5, box[1], box[2] + gap, box[3]))
    assert left_share < 0.07 and right_share < 0.07, (left_share, right_share)
    # 3. the box is where pdfplumber finds the words, scaled to the image on screen
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[rect["page"] - 1]
        words = page.extract_words()
        first = text.split()[0]
        hits = [w for w in words if w["text"].startswith(first)]
        sx = img_rect["w"] / float(page.width)
        near = min(
            hits,
            key=lambda w: (
                abs(img_rect["x"] + w["x0"] * sx - rect["x"]) + abs(img_rect["y"] + w["top"] * sx - rect["y"])
            ),
        )
    assert abs(img_rect["x"] + near["x0"] * sx - rect["x"]) < 1.5
    assert abs(img_rect["y"] + near["top"] * sx - rect["y"]) < 1.5


@browser
def test_browser_box_shifted_off_its_words_would_be_caught(chrome: Any, demo: tuple[Path, Path, Path]) -> None:
    """The ink check can fail: the same box moved into the margin sees blank paper."""
    _, _, html = demo
    _open(chrome, html)
    rect = _rects(chrome, "k1")[0]
    chrome.execute_script("document.body.classList.add('clean')")
    img = _shot(chrome)
    chrome.execute_script("document.body.classList.remove('clean')")
    share, _ = _ink(img, (8, rect["y"], 8 + rect["w"] / 4, rect["y"] + rect["h"]))
    assert share < 0.01


@browser
def test_browser_click_record_jumps_and_highlights(chrome: Any, demo: tuple[Path, Path, Path]) -> None:
    from selenium.webdriver.common.by import By

    _, _, html = demo
    _open(chrome, html)
    groups = chrome.execute_script(
        "return Array.from(document.querySelectorAll('#panel details')).map(d => d.dataset.group)"
    )
    assert groups[0] == "warning"
    item = chrome.find_element(By.CSS_SELECTOR, '.item[data-target="r3"] .pick')
    chrome.execute_script("arguments[0].scrollIntoView()", item)
    item.click()
    state = chrome.execute_script(
        """
        const b = document.querySelector('.box[data-record="r3"]');
        const r = b.getBoundingClientRect();
        return {active: b.classList.contains('active'), top: r.top, bottom: r.bottom, vh: innerHeight,
                page: +b.closest('.page').dataset.page,
                others: document.querySelectorAll('.box.active:not([data-record="r3"])').length,
                item: document.querySelector('.item[data-target="r3"]').classList.contains('active')};
        """
    )
    assert state["active"] and state["item"] and state["others"] == 0 and state["page"] == 2
    assert state["top"] >= 0 and state["bottom"] <= state["vh"], "the recommendation was not scrolled into view"


@browser
def test_browser_footnote_marker_goes_to_its_note(chrome: Any, demo: tuple[Path, Path, Path]) -> None:
    from selenium.webdriver.common.by import By

    _, _, html = demo
    _open(chrome, html)
    marker = chrome.find_element(By.CSS_SELECTOR, 'a.t-anchor[data-record="fn2"]')
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", marker)
    marker.click()
    state = chrome.execute_script(
        """
        const note = document.querySelector('.box.t-footnote[data-record="fn2"]');
        const r = note.getBoundingClientRect();
        return {active: note.classList.contains('active'), visible: r.top >= 0 && r.bottom <= innerHeight,
                open: document.querySelector('.item[data-target="fn2"]').classList.contains('active')};
        """
    )
    assert state == {"active": True, "visible": True, "open": True}


@browser
@pytest.mark.corpus
def test_browser_real_document_boxes_sit_on_ink(chrome: Any, tmp_path: Path) -> None:
    """Pipeline output on a real PDF: paragraph and footnote boxes on page 1 all cover printed text."""
    pdf = CORPUS / "joint_accessnow_drw_australia_2020.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is not present")
    from extract.running.pipeline import extract_file

    doc = extract_file(pdf)
    js = tmp_path / "doc.json"
    js.write_text(doc.model_dump_json(), encoding="utf-8")
    html = write_review(js, pdf, tmp_path / "review").html
    assert html is not None
    _open(chrome, html)
    got = set(
        chrome.execute_script(
            "return Array.from(document.querySelectorAll('[data-record]')).map(e => e.dataset.record)"
        )
    )
    assert got and got <= record_ids(doc)
    chrome.execute_script("document.body.classList.remove('hide-paragraph')")
    checked = 0
    for rec in [p for p in doc.paragraphs if p.page == 1][:4] + [f for f in doc.footnotes if f.page == 1][:2]:
        rect = _rects(chrome, rec.id)[0]
        chrome.execute_script("document.body.classList.add('clean')")
        img = _shot(chrome)
        chrome.execute_script("document.body.classList.remove('clean')")
        # 170: anything clearly darker than paper, light-blue links too
        share, ink = _ink(img, (rect["x"], rect["y"], rect["x"] + rect["w"], rect["y"] + rect["h"]), 170)
        assert share > 0.008 and ink is not None, rec.id
        assert ink[2] - ink[0] >= 0.8 * rect["w"] and ink[3] - ink[1] >= 0.6 * rect["h"], (rec.id, ink, rect)
        checked += 1
    assert checked >= 3


def test_panel_counts_records_not_boxes() -> None:
    """A recommendation over two pages and a mention on three lines are one record each."""
    boxes = [
        Overlay("r1", "recommendation", 1, (0, 700, 10, 800)),
        Overlay("r1", "recommendation", 2, (0, 50, 10, 60)),
        Overlay("c1", "case", 1, (0, 0, 1, 1)),
        Overlay("c1", "case", 1, (0, 2, 1, 3)),
        Overlay("c1", "case", 1, (0, 4, 1, 5)),
        Overlay("c2", "case", 2, (0, 4, 1, 5)),
    ]
    assert record_counts(boxes) == {"recommendation": 1, "case": 2}


def test_follow_ups_are_drawn_and_listed_with_status_and_numbers() -> None:
    """A verdict sentence with a box, one wrapped over two lines, and one placed from its paragraph's spans."""
    evil = 'Still <b>not</b> amended & "ignored"'
    doc = Document(
        document=DocumentMeta(source_file="x.pdf", sha256="0" * 64, pages=1),
        paragraphs=[
            Paragraph(
                id="p1",
                page=1,
                bbox=(72, 100, 272, 124),
                text="The State accepted 88.12. The law is unchanged.",
                spans=[
                    Span(page=1, bbox=(72, 100, 272, 112), start=0, end=25),
                    Span(page=1, bbox=(72, 112, 272, 124), start=26, end=47),
                ],
            )
        ],
        follow_ups=[
            FollowUp(
                id="fu1", numbers=["88.12"], status="not_implemented", text=evil, page=1, bbox=(72, 100, 200, 112)
            ),
            FollowUp(
                id="fu2",
                status="partially_implemented",
                state_response="accepted",
                text="Wrapped.",
                page=1,
                boxes=[Box(page=1, bbox=(72, 100, 272, 112)), Box(page=1, bbox=(72, 112, 120, 124))],
            ),
            FollowUp(
                id="fu3",
                numbers=["88.13", "88.14"],
                status="regressed",
                text="The law is unchanged.",
                paragraph="p1",
                start=26,
                end=47,
                page=1,
            ),
        ],
    )
    boxes = [o for o in overlays(doc) if o.type == "follow_up"]
    assert [(o.record, o.approx) for o in boxes] == [("fu1", False), ("fu2", False), ("fu2", False), ("fu3", True)]
    assert boxes[3].bbox[1] == 112  # the second line, from the span
    assert record_counts(boxes) == {"follow_up": 3}
    page = PageImage(1, 595, 842, (0, 0), "page-001.png", (893, 1263))
    c = parse(page_html(doc, [page]))
    drawn = [a for _, a in c.elements if a.get("data-type") == "follow_up" and "data-record" in a]
    assert {a["data-record"] for a in drawn} == {"fu1", "fu2", "fu3"}
    items = [a for t, a in c.elements if t == "li" and a.get("data-type") == "follow_up"]
    assert [a["data-target"] for a in items] == ["fu1", "fu2", "fu3"]
    assert any(evil in t for t in c.text) and "<b>not</b>" not in page_html(doc, [page])
    assert "not implemented · 88.12" in c.text and "regressed · 88.13, 88.14" in c.text
    assert "described in words" in c.text and "accepted" in c.text
    assert any(a.get("data-toggle") == "follow_up" for _, a in c.elements)
