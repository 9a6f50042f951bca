"""The PDFium reader gives what the pdfplumber reader gives: same lines, styles, rules and failures.

Inputs are the committed samples (a fictional State's documents, with superscript
markers, fi/fl ligature glyphs and Symbol-font bullets put there on purpose),
hand-made one-page PDFs, and the hostile inputs of `sample.bad_inputs`.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from extract.reading.read import SUP, RawDocument, ReadError, ReadLimits
from extract.reading.readers import READERS, read
from extract.running import sample
from extract.running.batch import Job, Limits, discover, output_paths, run_batch, run_job
from extract.running.pipeline import Options, extract_file
from schemas import Document
from tests.test_robustness import EXPECTED

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
SAMPLES = sorted(RAW.glob("*.pdf"))


def _lines(doc: RawDocument) -> list[list[tuple[str, bytes, float, bool, bool, bool]]]:
    return [
        sorted((ln.text, bytes(ln.flags), ln.size, ln.is_bold, ln.is_italic, ln.underline) for ln in p.lines)
        for p in doc.pages
    ]


@pytest.fixture(scope="module")
def both() -> dict[str, dict[str, RawDocument]]:
    return {pdf.name: {r: read(pdf, reader=r) for r in READERS} for pdf in SAMPLES}


def test_same_lines_styles_and_flags_on_the_samples(both: dict[str, dict[str, RawDocument]]) -> None:
    for name, docs in both.items():
        a, b = docs["pdfplumber"], docs["pdfium"]
        assert a.page_count == b.page_count, name
        assert _lines(a) == _lines(b), name
        assert [len(p.rules) for p in a.pages] == [len(p.rules) for p in b.pages], name
        assert [p.images for p in a.pages] == [p.images for p in b.pages], name
        assert a.metadata.get("Title") == b.metadata.get("Title"), name


def test_boxes_agree_within_a_few_points(both: dict[str, dict[str, RawDocument]]) -> None:
    """Glyph boxes differ a little between engines (font descent); never by a line's height."""
    for docs in both.values():
        for pa, pb in zip(docs["pdfplumber"].pages, docs["pdfium"].pages, strict=True):
            assert abs(pa.width - pb.width) < 0.01 and abs(pa.height - pb.height) < 0.01
            for la, lb in zip(
                sorted(pa.lines, key=lambda ln: ln.text), sorted(pb.lines, key=lambda ln: ln.text), strict=True
            ):
                assert abs(la.x0 - lb.x0) < 1.0 and abs(la.x1 - lb.x1) < 1.5, la.text
                assert abs(la.top - lb.top) < 3.0 and abs(la.bottom - lb.bottom) < 3.0, la.text


def test_ligatures_bullets_and_markers_survive(both: dict[str, dict[str, RawDocument]]) -> None:
    texts = [ln.text for docs in both.values() for p in docs["pdfium"].pages for ln in p.lines]
    flags = [f for docs in both.values() for p in docs["pdfium"].pages for ln in p.lines for f in ln.flags]
    joined = "\n".join(texts)
    assert "\ufb01" not in joined and "\ufb02" not in joined and "fi" in joined
    assert "\uf0b7" not in joined and any(t.startswith("•") for t in texts)
    assert any(f & SUP for f in flags)


def test_documents_are_the_same_after_the_reader() -> None:
    pdf = RAW / "ngo_lantern_rights_veloria_2023.pdf"
    a = extract_file(pdf, Options())
    b = extract_file(pdf, Options(reader="pdfium"))
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
    assert [f.text for f in a.footnotes] == [f.text for f in b.footnotes]
    assert [r.text for r in a.recommendations] == [r.text for r in b.recommendations]


def _one_page(content: bytes, tmp_path: Path, name: str = "one.pdf") -> Path:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>"
    )
    path = tmp_path / name
    path.write_bytes(
        sample._hand_pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, stream, font]
        )
    )
    return path


def test_rotated_text_is_left_out_by_both(tmp_path: Path) -> None:
    pdf = _one_page(
        b"BT /F1 10 Tf 1 0 0 1 20 250 Tm (Upright line) Tj ET BT /F1 10 Tf 0 1 -1 0 200 40 Tm (Turned) Tj ET", tmp_path
    )
    for r in READERS:
        [page] = read(pdf, reader=r).pages
        assert [ln.text for ln in page.lines] == ["Upright line"], r


def test_rules_from_lines_and_rects(tmp_path: Path) -> None:
    """A stroked line, a thin filled rect (an underline), and a curve and a tall box that are no rules."""
    pdf = _one_page(
        b"BT /F1 10 Tf 1 0 0 1 20 250 Tm (Some underlined words) Tj ET "
        b"20 247 m 130 247 l S 20 100 100 1 re f 20 50 m 40 60 60 60 80 50 c S 150 150 40 40 re S",
        tmp_path,
    )
    pages = {r: read(pdf, reader=r).pages[0] for r in READERS}
    for r, page in pages.items():
        assert len(page.rules) == 2, r
        assert [ln.underline for ln in page.lines] == [True], r
    a, b = (sorted((round(x.x0), round(x.top), round(x.x1)) for x in pages[r].rules) for r in READERS)
    assert a == b


def test_scanned_page_without_text(tmp_path: Path) -> None:
    """An image and no text: no lines, one image, for both readers."""
    img = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>"
    )
    content = b"q 300 0 0 300 0 0 cm /Im1 Do Q"
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(
        sample._hand_pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, stream, img]
        )
    )
    for r in READERS:
        [p] = read(pdf, reader=r).pages
        assert not p.lines and p.images == 1, r


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"hello, not a pdf", "not a PDF"), (b"%PDF-1.4\n%garbage", "damaged")],
)
def test_unreadable_files_raise_the_same_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.pdf"
    p.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read(p, reader="pdfium")


def test_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reader"):
        read(SAMPLES[0], reader="ocr")


@pytest.mark.parametrize(
    ("limits", "says"),
    [
        (ReadLimits(max_pages=1), "pages, over the limit of 1"),
        (ReadLimits(max_chars=500), "over the limit of 500 characters"),
        (ReadLimits(max_bytes=10_000), "bytes, over the limit of 10,000"),
    ],
)
def test_limits(limits: ReadLimits, says: str) -> None:
    with pytest.raises(ReadError, match=says):
        read(RAW / "ngo_lantern_rights_veloria_2023.pdf", limits, reader="pdfium")


def test_a_stream_bomb_page_is_skipped_unread(tmp_path: Path) -> None:
    z = zlib.compressobj(1)
    body = z.compress(b" " * (1 << 20) * 4) + z.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(
        sample._hand_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                sample._PAGE_OBJ,
                content,
            ]
        )
    )
    [page] = read(pdf, ReadLimits(max_stream_bytes=1_000_000), reader="pdfium").pages
    assert page.error and "decompression bomb" in page.error


def test_hostile_inputs_fail_or_warn_as_with_pdfplumber(tmp_path: Path) -> None:
    files = sample.bad_inputs(tmp_path / "in")
    pdfs, problems = discover([tmp_path / "in"])
    jobs = [Job(p, o) for p, o in zip(pdfs, output_paths(pdfs, tmp_path / "out"), strict=True)]
    results = {r.pdf: r for r in problems + run_batch(jobs, Limits(max_seconds=120), 1, reader="pdfium")}
    for name, path in files.items():
        status, says = EXPECTED[name]
        r = results[path]
        assert r.status == status, (name, r.message)
        assert "\n" not in r.message and not r.message.startswith("internal error"), r.message
        if status == "failed":
            assert says and says in r.message, (name, r.message)
        elif says:
            assert r.out is not None
            codes = {w.code for w in Document.model_validate_json(r.out.read_bytes()).warnings}
            assert says in codes, (name, codes)


def test_run_job_passes_the_reader(tmp_path: Path) -> None:
    r = run_job(Job(RAW / "un_wgreport_veloria_2018.pdf", tmp_path / "x.json"), Limits(), reader="pdfium")
    assert r.status == "ok" and r.pages > 0
