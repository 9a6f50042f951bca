"""What a damaged PDF looks like to the reader: readable reasons and pdfminer's own complaints.

pdfminer does not raise on much of the damage it meets inside a page: a content
stream that inflates only partly, or an operator with garbage operands, is
logged and skipped, and the page silently comes out shorter. Its log records
are captured here while one page is read, so the loss can be told per page.
Its exception messages embed Python reprs of raw bytes and parser objects,
which say nothing to a user; `readable` turns them into plain text.
"""

from __future__ import annotations

import ast
import contextlib
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

# pdfminer modules whose warnings mean that part of a page's content could not be decoded or run;
# fonts (pdffont, cmapdb) and page boxes (pdfpage) have their fallbacks and lose no text by themselves.
CONTENT_LOGGERS = ("pdfminer.pdftypes", "pdfminer.psparser", "pdfminer.pdfinterp", "pdfminer.ccitt", "pdfminer.lzw")

_BYTES_REPR = re.compile(r"""b(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")
_OBJECT_REPR = re.compile(r"<[A-Za-z_][\w.]*(?:[ ,:][^<>]{0,200})?>")
_DUMP = re.compile(r":\s*[\[{(].{40,}$")  # a parser's dump of the tokens it choked on
_LEFTOVER_BYTES = re.compile(r"\bb(['\"])")
_LEFTOVER_ESCAPE = re.compile(r"\\x[0-9a-fA-F]{2}")
_SHOWN_BYTES = 24


def _bytes_text(literal: str) -> str:
    try:
        data = ast.literal_eval(literal)
    except (ValueError, SyntaxError):
        return "(unreadable bytes)"
    if not isinstance(data, bytes):
        return "(unreadable bytes)"
    text = data.decode("latin-1")
    shown = "".join(ch if ch.isascii() and ch.isprintable() else "?" for ch in text[:_SHOWN_BYTES]).strip()
    if not shown.strip("?"):
        return f"({len(data)} unreadable bytes)"
    return f'"{shown}…"' if len(data) > _SHOWN_BYTES else f'"{shown}"'


def page_failure(e: Exception) -> str:
    """One page's error as a reader reports it: the kind, then the message made readable.

    Both readers keep reading the other pages; what they say of the bad one is the same.
    """
    if isinstance(e, RecursionError):
        return "objects nested too deeply"
    return f"{type(e).__name__}: {readable(str(e))}"[:200]


def readable(message: str, limit: int = 160) -> str:
    """A pdfminer message without byte reprs or object reprs, on one line."""
    text = _DUMP.sub("", message)
    text = _BYTES_REPR.sub(lambda m: _bytes_text(m.group(0)), text)
    while True:  # reprs nest: <PDFParser: <_io.BytesIO object at 0x…>, bufpos=…>
        text, k = _OBJECT_REPR.subn("", text)
        if not k:
            break
    text = _LEFTOVER_ESCAPE.sub("?", _LEFTOVER_BYTES.sub(r"\1", text))  # a repr cut short has no closing quote
    text = re.sub(r"\s*([:,])\s*(?=[:,]|$)", "", text)  # separators left dangling by a removed repr
    text = " ".join(text.split()).strip(" :,")
    return text[:limit]


class _Sink(threading.local):
    records: list[str] | None = None


_SINK = _Sink()
_INSTALLED: list[logging.Handler] = []
_INSTALL_LOCK = threading.Lock()


class _PageLog(logging.Handler):
    """Hands pdfminer's warnings to the thread that is reading a page (logging runs in the caller's thread)."""

    def emit(self, record: logging.LogRecord) -> None:
        sink = _SINK.records
        if sink is None or record.levelno < logging.WARNING:
            return
        if not record.name.startswith(CONTENT_LOGGERS):
            return
        try:
            sink.append(readable(record.getMessage()))
        except Exception:  # a message that cannot be formatted is still a complaint
            sink.append(record.name)


def _install() -> None:
    with _INSTALL_LOCK:
        if not _INSTALLED:
            handler = _PageLog(logging.WARNING)
            logging.getLogger("pdfminer").addHandler(handler)
            _INSTALLED.append(handler)


@contextlib.contextmanager
def pdfminer_complaints(into: list[str]) -> Iterator[list[str]]:
    """Append to `into`, in this thread only, what pdfminer logs about undecodable content in the block.

    Each process installs its own handler, so worker processes need nothing shared.
    """
    _install()
    previous = _SINK.records
    _SINK.records = into
    try:
        yield into
    finally:
        _SINK.records = previous


class _Closable(Protocol):
    def close(self) -> None: ...


@contextlib.contextmanager
def closing_quietly(pdf: _Closable) -> Iterator[None]:
    """Close the PDF at the end without letting the close raise.

    pdfplumber's close walks the page list again: on a file whose page tree is
    broken that raises anew and would replace the reader's own, readable error
    (or a finished read) with a library traceback.
    """
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            pdf.close()


PDF_LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2")


def raised_by_pdf_library(e: BaseException) -> bool:
    """The exception came out of the PDF library's own code: the file is damaged, not our code wrong.

    Judged by the innermost frame of the traceback (or of the exception the library wrapped).
    """
    for x in (e, e.__cause__, e.__context__):
        tb = x.__traceback__ if x is not None else None
        if tb is None:
            continue
        while tb.tb_next is not None:
            tb = tb.tb_next
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.split(".")[0] in PDF_LIBRARIES:
            return True
    return False


def damage_message(e: BaseException) -> str:
    """The one line a user sees for a file the PDF library could not get through."""
    return f"damaged PDF: {readable(str(e)) or type(e).__name__}"


def _frames(e: BaseException) -> list[str]:
    names: list[str] = []
    tb = e.__traceback__
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    return names


def page_list_error(e: BaseException) -> str:
    """Why the page list could not be built, in words: pdfplumber fails with a bare TypeError or
    IndexError when a page's MediaBox (or CropBox) is missing or is not four numbers."""
    if any("box" in name.lower() for name in _frames(e)):
        return "damaged PDF: a page has no valid page box (MediaBox or CropBox is missing or not four numbers)"
    return f"damaged PDF: cannot list pages ({readable(str(e)) or type(e).__name__})"


class _HasText(Protocol):
    text: str


def dropped_chars(chars: list[dict[str, Any]], lines: Sequence[_HasText]) -> int:
    """Visible characters the PDF library returned beyond those the page's lines hold.

    Lines keep only upright glyphs of a sane size and position: a damaged text
    matrix can turn or scale a whole page's text out of them.
    """
    kept = sum(1 for ln in lines for ch in ln.text if not ch.isspace())
    return max(0, sum(1 for c in chars if not str(c.get("text", " ")).isspace()) - kept)
