"""Guard against decompression bombs before pdfminer inflates a page.

pdfminer decodes a content stream whole, in memory: a 2 MB file can hold a
stream that inflates to gigabytes. The address-space cap in `batch` is the
backstop, but how a kernel accounts for memory differs between machines; this
check is exact and cheap. It inflates each page stream in small chunks,
counting bytes and keeping none, and stops as soon as the count passes the
limit, so the page fails alone with a reason instead of the process.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Iterator

from pdfminer.pdftypes import PDFStream, resolve1

CHUNK = 1 << 20
# filters that only re-encode bytes as text; a Flate stage may follow them
_TEXT_FILTERS = {"ASCII85Decode", "A85", "ASCIIHexDecode", "AHx"}
_FLATE = {"FlateDecode", "Fl"}


def _name(obj: object) -> str:
    return str(getattr(obj, "name", obj))


def _untext(name: str, data: bytes) -> bytes:
    if name in {"ASCII85Decode", "A85"}:
        body = data.strip()
        body = body[2:] if body.startswith(b"<~") else body
        body = body.split(b"~>")[0]
        return base64.a85decode(body, adobe=False, ignorechars=b" \t\n\r\x0c\x00")
    cleaned = bytes(b for b in data.split(b">")[0] if b not in b" \t\n\r\x0c\x00")
    return binascii.unhexlify(cleaned + b"0" * (len(cleaned) % 2))


def inflated_size_exceeds(stream: PDFStream, limit: int, problems: list[str] | None = None) -> bool:
    """True when the stream's Flate stage would inflate to more than `limit` bytes.

    Streams with other compressions, or that cannot be decoded here, are left
    to pdfminer (and to the memory cap). Flate data that is not valid or ends
    before its end mark is noted in `problems`: pdfminer keeps what inflates
    (or nothing) without a word, and the page silently loses its text.
    """
    data = stream.rawdata
    if data is None:  # already decoded by pdfminer
        return len(stream.data or b"") > limit
    try:
        for name, _params in stream.get_filters():
            n = _name(name)
            if n in _TEXT_FILTERS:
                data = _untext(n, data)
                continue
            if n not in _FLATE:
                return False
            inflater = zlib.decompressobj()
            total = 0
            pending = data
            try:
                while pending:
                    total += len(inflater.decompress(pending, CHUNK))
                    if total > limit:
                        return True
                    pending = inflater.unconsumed_tail
                    if inflater.eof:
                        break
                while not inflater.eof:  # output zlib still holds once all input is in
                    more = len(inflater.decompress(b"", CHUNK))
                    if not more:
                        break
                    total += more
                    if total > limit:
                        return True
            except zlib.error:
                _note(
                    problems, "a compressed content stream is not valid" + (f" after {total:,} bytes" if total else "")
                )
                return False
            if not inflater.eof:
                _note(problems, f"a compressed content stream ends early, after {total:,} bytes")
            return False
    except (ValueError, zlib.error, binascii.Error):
        return False
    return len(data) > limit


def _note(problems: list[str] | None, what: str) -> None:
    if problems is not None:
        problems.append(what)


def page_streams(page_obj: object) -> Iterator[PDFStream]:
    """The page's content streams and the form XObjects it draws directly."""
    for s in getattr(page_obj, "contents", None) or ():
        s = resolve1(s)
        if isinstance(s, PDFStream):
            yield s
    resources = resolve1(getattr(page_obj, "resources", None) or {})
    xobjects = resolve1(resources.get("XObject", {})) if isinstance(resources, dict) else {}
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            x = resolve1(ref)
            if isinstance(x, PDFStream) and _name(x.get("Subtype")) == "Form":
                yield x


def oversized_stream(page_obj: object, limit: int, problems: list[str] | None = None) -> str | None:
    """A reason to skip the page when one of its streams inflates past `limit` bytes.

    Streams that do not inflate whole are noted in `problems` on the way (the same single pass).
    """
    for s in page_streams(page_obj):
        if inflated_size_exceeds(s, limit, problems):
            return f"a content stream inflates to more than {limit:,} bytes (a decompression bomb?)"
    return None
