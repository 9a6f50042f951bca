"""The choice of PDF engine: both give the same `RawDocument`, so nothing after the reader knows which ran."""

from __future__ import annotations

from pathlib import Path

from extract.reading.pdfium import read_pdfium
from extract.reading.read import RawDocument, ReadLimits, read_pdf

READERS = ("pdfplumber", "pdfium")


def read(path: Path, limits: ReadLimits | None = None, reader: str = "pdfplumber") -> RawDocument:
    """Read a PDF with the chosen engine (pdfplumber by default, pdfium for speed)."""
    if reader == "pdfplumber":
        return read_pdf(path, limits)
    if reader == "pdfium":
        return read_pdfium(path, limits)
    raise ValueError(f"unknown reader {reader!r}: one of {', '.join(READERS)}")
