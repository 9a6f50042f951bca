"""A second reader on PDFium (pypdfium2): the same `RawDocument`, about five times faster.

PDFium parses the page in C; this module only walks its text page and page
objects in a plain loop and hands `read.fill_page` the same char and object
dicts pdfplumber would, so everything after the reader runs unchanged.

Where the engines differ, and what is done about it:
- y grows upwards in PDFium: boxes are turned into pdfplumber's top-down
  `top`/`bottom`, and `top` is `bottom - size` as in pdfminer (PDFium's loose
  box would reach to the font's ascent instead).
- PDFium inserts characters of its own (spaces, line breaks): skipped.
- PDFium writes a line-end hyphen as U+0002: read back as "-".
- A glyph whose text is several letters (a ligature mapped to "fi") comes as
  several characters with one box: joined back into one glyph.
- Bold and italic come from the font name, as with pdfplumber; PDFium's
  weight is not used, so both readers agree on every font.
- Rules: path objects are split into subpaths and classed as pdfminer does
  (a single segment is a line, a closed axis-aligned four-corner path a
  rect, anything with a curve neither); stroke width is not added.
- The decompression-bomb guard needs the raw streams, which PDFium does not
  expose: pdfminer's parser is used for that check alone (it does not
  inflate past the limit); when pdfminer cannot open a file PDFium repaired,
  the memory cap of `batch` remains the backstop.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2  # noqa: F401 - importing it initialises the PDFium library
import pypdfium2.raw as pdfium_c

from extract.reading.damage import page_failure
from extract.reading.read import (
    Page,
    RawDocument,
    ReadError,
    ReadLimits,
    check_char_total,
    check_page_count,
    fill_page,
    load_checked,
)

META_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")
SPACE_WIDTH = 0.25  # of the font size: a typical word space, for the spaces PDFium drops
LINE_END_HYPHEN = 2  # PDFium's code for a hyphen it found at the end of a line

# pdfminer's page matrix for each /Rotate: (a, b, c, d) of the linear part
_ROTATIONS = {0: (1.0, 0.0, 0.0, 1.0), 1: (0.0, -1.0, 1.0, 0.0), 2: (-1.0, 0.0, 0.0, -1.0), 3: (0.0, 1.0, -1.0, 0.0)}

_OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF: a password is needed to open it",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF: unsupported security handler",
    pdfium_c.FPDF_ERR_FORMAT: "damaged PDF: not in PDF format or corrupted",
    pdfium_c.FPDF_ERR_FILE: "damaged PDF: the file cannot be parsed",
}

Point = tuple[float, float]
Affine = tuple[float, float, float, float, float, float]
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _PageFrame:
    """PDF user space → pdfplumber's page space (rotation as pdfminer applies it, y downwards)."""

    __slots__ = ("height", "rot", "width", "x0", "x1", "y0", "y1")

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = box
        self.rot = rotation % 4
        w, h = self.x1 - self.x0, self.y1 - self.y0
        self.width, self.height = (h, w) if self.rot % 2 else (w, h)

    def point(self, x: float, y: float) -> Point:
        """(x, top) of a user-space point."""
        r = self.rot
        if r == 0:
            return x, self.y1 - y
        if r == 1:
            px, py = y - self.y0, self.x1 - x
        elif r == 2:
            px, py = self.x1 - x, self.y1 - y
        else:
            px, py = self.y1 - y, x - self.x0
        return px + self.x0 if self.x0 else px, self.height - py


def _mul(m: Affine, n: Affine) -> Affine:
    """m then n (row vectors, as PDF matrices compose)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _open(data: bytes) -> Any:
    doc = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not doc:
        code = pdfium_c.FPDF_GetLastError()
        raise ReadError(_OPEN_ERRORS.get(code, f"damaged PDF: PDFium cannot open it (error {code})"))
    return doc


def _metadata(doc: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in META_KEYS:
        n = pdfium_c.FPDF_GetMetaText(doc, key.encode("ascii"), None, 0)
        if n <= 2:
            continue
        buf = ctypes.create_string_buffer(n)
        pdfium_c.FPDF_GetMetaText(doc, key.encode("ascii"), buf, n)
        text = buf.raw[: n - 2].decode("utf-16-le", errors="replace")
        if text:
            out[key] = text
    return out


def _stream_guard(data: bytes, limit: int) -> Iterator[str | None]:
    """Per page, in order: a reason to skip it (a stream inflating past `limit`) or None."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from extract.reading.streams import oversized_stream

    try:
        pages = PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data))))
        for p in pages:
            yield oversized_stream(p, limit)
    except Exception:  # pdfminer cannot walk what PDFium repaired: no guard for the rest
        return
    except RecursionError:
        return


class _Chars:
    """Reusable ctypes out-parameters for the character loop."""

    def __init__(self) -> None:
        self.rect = pdfium_c.FS_RECTF()
        self.matrix = pdfium_c.FS_MATRIX()
        self.font = ctypes.create_string_buffer(512)
        self.flags = ctypes.c_int()
        self.fonts: dict[bytes, str] = {}


def _address_of(fn: Any) -> Any:
    """The same C function, returning its pointer as an int (None for NULL): cheap to compare."""
    address = ctypes.cast(fn, ctypes.c_void_p).value
    if address is None:
        raise RuntimeError("PDFium function without an address")
    return ctypes.CFUNCTYPE(ctypes.c_void_p, *fn.argtypes)(address)


_TEXT_OBJECT = _address_of(pdfium_c.FPDFText_GetTextObject)


def _units(textpage: Any, n: int) -> list[int]:
    """Every char's code in one call (one call per char costs a tenth of the loop).

    The bulk text is UTF-16 and writes U+FFFE for control characters; the loop asks those
    chars one by one, and a page whose text is not one unit per char (a pair of surrogates)
    gets zeros, so every char is asked.
    """
    if n <= 0:
        return []
    buf = (ctypes.c_ushort * (n + 1))()
    if pdfium_c.FPDFText_GetText(textpage, 0, n, buf) != n + 1:
        return [0] * n
    units = buf[:n]
    return [0] * n if any(0xD800 <= u <= 0xDFFF for u in units) else units


def _chars(textpage: Any, frame: _PageFrame, cx: _Chars) -> list[dict[str, Any]]:
    """The page's characters as pdfplumber char dicts (text, x0, x1, top, bottom, size, fontname, upright)."""
    c = pdfium_c
    n = c.FPDFText_CountChars(textpage)
    rect, m, fbuf, flags, fonts = cx.rect, cx.matrix, cx.font, cx.flags, cx.fonts
    rect_ref, m_ref, flags_ref = ctypes.byref(rect), ctypes.byref(m), ctypes.byref(flags)
    is_generated, get_unicode, get_box = c.FPDFText_IsGenerated, c.FPDFText_GetUnicode, c.FPDFText_GetLooseCharBox
    get_matrix, get_size, get_font = c.FPDFText_GetMatrix, c.FPDFText_GetFontSize, c.FPDFText_GetFontInfo
    ra, rb, rc, rd = _ROTATIONS[frame.rot]
    plain = frame.rot == 0
    y1 = frame.y1
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
    get_origin = c.FPDFText_GetCharOrigin
    out: list[dict[str, Any]] = []
    prev: dict[str, Any] | None = None
    prev_box = (0.0, 0.0, 0.0, 0.0)
    prev_obj = None
    prev_i = -2
    gap_space = False
    units = _units(textpage, n)
    text_object = _TEXT_OBJECT
    style_of = None  # the text object whose matrix, size and font `a, b, cc, d, size, font` hold
    a = b = cc = d = size = 0.0
    font = ""
    for i in range(n):
        u = units[i]
        if u < 0x20 or u == 0xFFFE or 0xD800 <= u <= 0xDFFF:  # the bulk text's stand-ins: ask the char
            u = get_unicode(textpage, i)
        # PDFium generates only spaces and line breaks (CR, LF): other codes are printed chars
        if u <= 0x20 and is_generated(textpage, i):
            # PDFium drops some real spaces and writes its own with no box; one between two glyphs of
            # a line becomes a space spanning the gap again (pdfplumber would have had the real one)
            gap_space = u == 32 and prev is not None
            continue
        if u == 0:
            gap_space = False
            continue
        text = "-" if u == LINE_END_HYPHEN else chr(u) if u < 0x110000 else "\ufffd"
        get_box(textpage, i, rect_ref)
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if prev is not None and box == prev_box and prev_i == i - 1:
            # several letters of one glyph share its box (a ligature mapped to "fi"): one glyph again
            obj = c.FPDFText_GetTextObject(textpage, i)
            if prev_obj is None:
                prev_obj = ctypes.cast(c.FPDFText_GetTextObject(textpage, i - 1), ctypes.c_void_p).value
            if ctypes.cast(obj, ctypes.c_void_p).value == prev_obj:
                prev["text"] += text
                prev_i = i
                continue
        prev_obj = None
        # PDFium gives every char of a text object that object's matrix, size and font: ask once per object
        owner = text_object(textpage, i)
        if owner is None or owner != style_of:
            style_of = owner
            get_matrix(textpage, i, m_ref)
            a, b, cc, d = m.a, m.b, m.c, m.d
            if not plain:
                a, b, cc, d = a * ra + b * rc, a * rb + b * rd, cc * ra + d * rc, cc * rb + d * rd
            size = get_size(textpage, i) * abs(d)
            k = get_font(textpage, i, fbuf, 512, flags_ref)
            raw = fbuf.value  # up to the first NUL: the name, unless it holds a NUL or did not fit
            if len(raw) != k - 1:
                raw = fbuf.raw[: max(k - 1, 0)]
            known = fonts.get(raw)
            if known is None:
                known = fonts[raw] = raw.decode("utf-8", errors="replace")
            font = known
        get_origin(textpage, i, ox_ref, oy_ref)
        if plain:
            # the loose box reaches past the advance for overhanging glyphs; the origin does not
            x0, x1, bottom = ox.value, box[2], y1 - box[1]
        else:
            (px0, pt0), (px1, pt1) = frame.point(box[0], box[1]), frame.point(box[2], box[3])
            x0, x1, bottom = min(px0, px1), max(px0, px1), max(pt0, pt1)
        glyph = {
            "text": text,
            "x0": x0,
            "x1": x1,
            "top": bottom - size,
            "bottom": bottom,
            "size": size,
            "fontname": font,
            "upright": a * d > 0 and b * cc <= 0,
        }
        if (
            gap_space
            and prev is not None
            and prev["text"] != " "
            and text != " "
            and abs(prev["bottom"] - bottom) < 0.25 * size
            and x0 >= prev["x1"] - 0.5 * size
        ):
            # as wide as a real space would be, so it never bridges a gap a real one would not
            end = max(min(x0, prev["x1"] + SPACE_WIDTH * size), prev["x1"])
            out.append({**prev, "text": " ", "x0": prev["x1"], "x1": end})
        gap_space = False
        prev = glyph
        prev_box = box
        prev_i = i
        out.append(glyph)
    return out


def _subpaths(obj: Any, m: Affine, frame: _PageFrame) -> Iterator[tuple[list[Point], bool, bool]]:
    """(points in page space, closed, has a curve) per subpath of a path object."""
    c = pdfium_c
    x, y = ctypes.c_float(), ctypes.c_float()
    xr, yr = ctypes.byref(x), ctypes.byref(y)
    a, b, cc, d, e, f = m
    pts: list[Point] = []
    closed = curved = False
    for j in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, j)
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == c.FPDF_SEGMENT_MOVETO and pts:
            yield pts, closed, curved
            pts, closed, curved = [], False, False
        c.FPDFPathSegment_GetPoint(seg, xr, yr)
        px, py = x.value, y.value
        pts.append(frame.point(a * px + cc * py + e, b * px + d * py + f))
        curved = curved or kind == c.FPDF_SEGMENT_BEZIERTO
        closed = closed or bool(c.FPDFPathSegment_GetClose(seg))
    if pts:
        yield pts, closed, curved


def _classify(pts: list[Point], closed: bool, out: dict[str, list[dict[str, float]]]) -> None:
    if closed and pts[-1] != pts[0]:
        pts = [*pts, pts[0]]
    if len(pts) == 3 and pts[2] == pts[0]:  # "m l h": a line drawn there and back
        pts = pts[:2]
    if len(pts) == 2:
        kind = "line"
    elif len(pts) == 5 and pts[4] == pts[0]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if not ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            return
        kind = "rect"
    else:
        return
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    out[kind].append({"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)})


def _objects(page: Any, frame: _PageFrame) -> dict[str, Any]:
    """Lines, rects and images of the page, form XObjects included, as pdfplumber lists them."""
    c = pdfium_c
    out: dict[str, Any] = {"line": [], "rect": [], "image": []}
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    fm = pdfium_c.FS_MATRIX()
    todo: list[tuple[Any, Affine, bool]] = [(page, IDENTITY, False)]
    while todo:
        holder, outer, is_form = todo.pop()
        count = c.FPDFFormObj_CountObjects(holder) if is_form else c.FPDFPage_CountObjects(holder)
        for k in range(max(count, 0)):
            obj = c.FPDFFormObj_GetObject(holder, k) if is_form else c.FPDFPage_GetObject(holder, k)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_IMAGE:
                out["image"].append(None)
            elif kind in (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM):
                c.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm))
                m = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), outer)
                if kind == c.FPDF_PAGEOBJ_FORM:
                    todo.append((obj, m, True))
                    continue
                c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
                if not fill.value and not stroke.value:  # a clipping path: nothing is painted
                    continue
                for pts, closed, curved in _subpaths(obj, m, frame):
                    if not curved:
                        _classify(pts, closed, out)
    return out


def _frame(page: Any) -> _PageFrame:
    left, b, r, t = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPage_GetMediaBox(page, *(ctypes.byref(v) for v in (left, b, r, t))):
        w, h = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        return _PageFrame((0.0, 0.0, w, h), 0)
    x0, x1 = sorted((left.value, r.value))
    y0, y1 = sorted((b.value, t.value))
    return _PageFrame((x0, y0, x1, y1), pdfium_c.FPDFPage_GetRotation(page))


def _page_count(doc: Any, limit: int) -> int:
    """Pages that are really there: a page tree's /Count can lie, and PDFium takes it as said."""
    said = max(pdfium_c.FPDF_GetPageCount(doc), 0)
    size = pdfium_c.FS_SIZEF()
    ref = ctypes.byref(size)
    n = 0
    while n < min(said, limit + 1) and pdfium_c.FPDF_GetPageSizeByIndexF(doc, n, ref):
        n += 1
    return said if n > limit else n


def read_pdfium(path: Path, limits: ReadLimits | None = None) -> RawDocument:
    """Read every page once with PDFium; pages that fail are kept empty with their error."""
    limits = limits or ReadLimits()
    path = Path(path)
    data, sha = load_checked(path, limits)
    doc = _open(data)
    try:
        n = _page_count(doc, limits.max_pages)
        check_page_count(n, limits)
        meta = _metadata(doc)
        guard = _stream_guard(data, limits.max_stream_bytes)
        cx = _Chars()
        pages: list[Page] = []
        total = 0
        for i in range(n):
            too_big = next(guard, None)
            number = i + 1
            page = Page(number=number, width=0.0, height=0.0)
            pages.append(page)
            if too_big:  # before loading: PDFium parses the content when it loads a page
                size = pdfium_c.FS_SIZEF()
                if pdfium_c.FPDF_GetPageSizeByIndexF(doc, i, ctypes.byref(size)):
                    page.width, page.height = size.width, size.height
                page.error = too_big
                continue
            handle = pdfium_c.FPDF_LoadPage(doc, i)
            if not handle:
                page.error = "PDFium cannot load the page"
                continue
            textpage = None
            try:
                frame = _frame(handle)
                page.width, page.height = frame.width, frame.height
                textpage = pdfium_c.FPDFText_LoadPage(handle)
                if not textpage:
                    page.error = "PDFium cannot read the page's text"
                    continue
                total += max(pdfium_c.FPDFText_CountChars(textpage), 0)
                check_char_total(total, number, limits)
                fill_page(page, _chars(textpage, frame, cx), _objects(handle, frame))
            except ReadError:
                raise
            except Exception as e:  # one bad page must not lose the others
                page.error = page_failure(e)
            finally:
                if textpage:
                    pdfium_c.FPDFText_ClosePage(textpage)
                pdfium_c.FPDF_ClosePage(handle)
    finally:
        pdfium_c.FPDF_CloseDocument(doc)
    return RawDocument(source_file=path.name, sha256=sha, pages=pages, metadata=meta, page_count=n)
