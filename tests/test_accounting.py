"""Every character read is placed somewhere or warned about; pdfminer's complaints become warnings;
damaged-file messages are readable text."""

from __future__ import annotations

import logging
import threading
import zlib
from pathlib import Path

import pytest

from extract.reading import damage
from extract.reading.read import read_pdf
from extract.running import sample
from extract.running.pipeline import build_document, run_spine
from extract.structure import accounting
from schemas import Document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _text_pdf(path: Path, content: bytes, cut: int = 0) -> Path:
    """One page drawing `content` through a Flate stream, its last `cut` compressed bytes gone."""
    packed = zlib.compress(content)
    if cut:
        packed = packed[:-cut]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, stream, font]
    path.write_bytes(sample._hand_pdf(objects))
    return path


def _lines(n: int) -> bytes:
    ops = [
        b"BT /F1 11 Tf 72 %d Td (%d. The Government of Veloria should publish its budget lines.) Tj ET"
        % (780 - 14 * i, i + 1)
        for i in range(n)
    ]
    return b"\n".join(ops)


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.pdf")))
def test_clean_sample_places_its_text(name: str) -> None:
    raw = read_pdf(RAW / name)
    spine = run_spine(raw)
    acc = spine.account
    assert acc is not None and acc.read > 1000
    assert acc.not_placed <= 0.05 * acc.read, (acc.not_placed, acc.read)
    codes = {w.code for w in spine.warnings}
    assert "text_not_placed" not in codes and "content_stream_undecodable" not in codes


def test_lost_text_is_warned_per_page() -> None:
    """The same spine with its paragraphs gone: every page that had them says how much is missing."""
    raw = read_pdf(RAW / "un_wgreport_veloria_2018.pdf")
    spine = run_spine(raw)
    spine.built.maps.clear()
    acc = accounting.account(raw, spine.layout, spine.built, spine.linked)
    warned = accounting.loss_warnings(acc)
    assert warned and all(w.code == "text_not_placed" for w in warned)
    pages = {w.page for w in warned if w.page is not None}
    assert pages and all(acc.pages[p - 1].lost() for p in pages)
    w = warned[0]
    assert f"page {w.page}:" in w.message and " of " in w.message and "characters read" in w.message


def test_counts_reach_the_document() -> None:
    doc = build_document(read_pdf(RAW / "ngo_lantern_rights_veloria_2023.pdf"))
    c = doc.document.characters
    assert c is not None and c.read > 0 and c.body > 0 and c.notes > 0
    placed = c.body + c.notes + c.headings + c.furniture + c.cover + c.tables + c.markers
    assert placed + c.not_placed >= c.read
    # a file written before the counts existed still validates
    data = doc.model_dump(mode="json")
    del data["document"]["characters"]
    assert Document.model_validate(data).document.characters is None


def test_undecodable_stream_is_warned(tmp_path: Path) -> None:
    whole = read_pdf(_text_pdf(tmp_path / "whole.pdf", _lines(40)))
    assert not whole.pages[0].undecodable
    cut = read_pdf(_text_pdf(tmp_path / "cut.pdf", _lines(40), cut=200))
    assert cut.pages[0].undecodable
    spine = run_spine(cut)
    warned = [w for w in spine.warnings if w.code == "content_stream_undecodable"]
    assert len(warned) == 1 and warned[0].page == 1 and "could not be decoded" in warned[0].message


def test_complaints_are_collected_per_thread() -> None:
    """Two threads reading at once each get only their own page's complaints."""
    log = logging.getLogger("pdfminer.pdftypes")
    got: dict[str, list[str]] = {}
    barrier = threading.Barrier(2)

    def read_page(name: str) -> None:
        into: list[str] = []
        with damage.pdfminer_complaints(into):
            barrier.wait()
            log.warning("stream of %s is damaged", name)
            barrier.wait()
        got[name] = into

    threads = [threading.Thread(target=read_page, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {"a": ["stream of a is damaged"], "b": ["stream of b is damaged"]}
    outside: list[str] = []
    log.warning("not inside any page")
    assert outside == []


@pytest.mark.parametrize(
    ("message", "says", "never"),
    [
        ("Invalid XRef format: <PDFParser object at 0x7f00>, line=b'\\x93\\x00abc'", 'line="??abc"', "b'"),
        ("Trailer not found: <PDFParser object at 0x7f00>: line=(12, b'\\x93\\x88')", "unreadable bytes", "\\x93"),
        ("Invalid dictionary construct: [/'Type', b'\\xff']", "Invalid dictionary construct", "\\xff"),
    ],
)
def test_readable_has_no_byte_reprs(message: str, says: str, never: str) -> None:
    text = damage.readable(message)
    assert says in text and never not in text and "0x" not in text, text


def test_turned_text_is_counted_and_warned(tmp_path: Path) -> None:
    """A text matrix damaged into a rotation turns every glyph out of the lines: read, not placed, warned."""
    upright = read_pdf(_text_pdf(tmp_path / "upright.pdf", _lines(30)))
    assert upright.pages[0].dropped == 0
    turned_ops = _lines(30).replace(b"BT /F1 11 Tf", b"BT /F1 11 Tf 0 1 -1 0 300 100 Tm")
    turned = read_pdf(_text_pdf(tmp_path / "turned.pdf", turned_ops))
    assert turned.pages[0].dropped > 1000 and not turned.pages[0].lines
    spine = run_spine(turned)
    warned = [w for w in spine.warnings if w.code == "text_not_placed"]
    assert len(warned) == 1 and "turned" in warned[0].message, spine.warnings
