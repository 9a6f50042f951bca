"""Stage 1, `read`: pdfplumber characters → typed lines with typography.

A line here is one run of characters on one baseline without a wide gap, so
the two columns of a page, or the cells of a table row, are separate lines.
Every character of a line's text keeps the box it was printed in, which is
what lets every later record point back at the page.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import itertools
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from extract.reading.damage import (
    closing_quietly,
    dropped_chars,
    page_failure,
    page_list_error,
    pdfminer_complaints,
    readable,
)
from extract.reading.glyphs import font_family, font_style, normalise_char
from extract.reading.packed import PackedBoxes
from extract.reading.streams import oversized_stream

Box4 = tuple[float, float, float, float]

# Per-character style flags in Line.flags.
BOLD = 1
ITALIC = 2
SUP = 4  # raised and smaller than its line: a footnote marker or an ordinal suffix
SMALL = 8  # smaller than its line but on the baseline (subscripts, small caps digits)


class ReadError(Exception):
    """A PDF that cannot be read at all; the message is shown to the user as is."""


@dataclass(slots=True)
class Line:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    boxes: PackedBoxes
    """one box per character of `text` (x0, top, x1, bottom)"""
    flags: bytearray
    size: float
    bold: float
    italic: float
    font: str
    underline: bool = False
    lead_font: str = ""
    """font of the first glyph: a bullet printed in a symbol or typewriter font differs from the text's"""

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def is_bold(self) -> bool:
        return self.bold >= 0.85

    @property
    def is_italic(self) -> bool:
        return self.italic >= 0.85

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Line(p{self.page} {self.x0:.0f},{self.top:.0f} {self.size}pt {self.text[:50]!r})"


@dataclass(slots=True)
class Rule:
    """A thin horizontal stroke: footnote separators, underlines, table borders."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    images: int = 0
    error: str | None = None
    undecodable: list[str] = field(default_factory=list)
    """what the PDF library logged about content it could not decode on this page (text may be missing)"""
    dropped: int = 0
    """visible characters the PDF library returned that no line holds (turned, or of an impossible size)"""


@dataclass(slots=True)
class RawDocument:
    source_file: str
    sha256: str
    pages: list[Page]
    metadata: dict[str, str]
    page_count: int


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_pages: int = 1000
    max_chars: int = 5_000_000
    max_bytes: int = 200_000_000
    max_stream_bytes: int = 64_000_000  # one page stream, inflated


class _Glyph:
    __slots__ = ("bottom", "flags", "font", "size", "text", "top", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, size: float, font: str) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.size = size
        self.font = font
        self.flags = 0


_STYLE_CACHE: dict[str, int] = {}


def _style_flags(fontname: str) -> int:
    f = _STYLE_CACHE.get(fontname)
    if f is None:
        bold, italic = font_style(fontname)
        f = (BOLD if bold else 0) | (ITALIC if italic else 0)
        _STYLE_CACHE[fontname] = f
    return f


_NORM_CACHE: dict[str, str] = {}
_H = TypeVar("_H", bound=Hashable)


def _glyphs(chars: list[dict[str, Any]]) -> list[_Glyph]:
    """pdfplumber chars → glyphs; the hot loop of the reader, so lookups are cached."""
    out: list[_Glyph] = []
    append = out.append
    norm = _NORM_CACHE
    styles = _STYLE_CACHE
    for c in chars:
        if not c.get("upright", True):
            continue
        raw = c["text"]
        text = norm.get(raw)
        if text is None:
            text = normalise_char(raw)
            if len(norm) < 4096:
                norm[raw] = text
        if not text:
            continue
        top, bottom, x0 = c["top"], c["bottom"], c["x0"]
        size = c["size"] or (bottom - top)
        if not (0 < size < 1e4 and -1e6 < top < 1e6 and -1e6 < x0 < 1e6):  # also drops NaN
            continue
        fontname = c["fontname"]
        g = _Glyph(text, x0, c["x1"], top, bottom, round(size * 2) / 2, fontname)
        f = styles.get(fontname)
        g.flags = f if f is not None else _style_flags(fontname)
        append(g)
    return out


def _most_common(values: Iterable[_H]) -> _H:
    """The commonest value; of a tie, the one seen first (Counter keeps first-seen order)."""
    counts = Counter(values)
    return max(counts, key=counts.__getitem__)


def _rows(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Cluster glyphs by baseline; superscripts end up in rows of their own for now."""
    glyphs.sort(key=lambda g: g.bottom)
    rows: list[list[_Glyph]] = []
    cur: list[_Glyph] = []
    ref = -1e9
    for g in glyphs:
        if cur and g.bottom - ref > 0.25 * g.size:
            rows.append(cur)
            cur = []
        if not cur:
            ref = g.bottom
        cur.append(g)
    if cur:
        rows.append(cur)
    return rows


def _row_size(row: list[_Glyph]) -> float:
    counts = Counter(g.size for g in row if g.text != " ")
    return counts.most_common(1)[0][0] if counts else row[0].size


def _attach_small(segs: list[list[_Glyph]]) -> list[list[_Glyph]]:
    """Move short runs of small glyphs into the line they are raised (or lowered) against.

    A footnote marker sits higher than its line and in a smaller font, so
    baseline clustering leaves it on its own, or next to the wrong column's
    line when baselines almost agree; it belongs to the larger line whose
    glyph body it overlaps and whose characters it touches.
    """
    info = []
    for seg in segs:
        vis = [g for g in seg if g.text != " "]
        size = Counter(g.size for g in vis).most_common(1)[0][0] if vis else seg[0].size
        info.append((size, max(g.bottom for g in seg), len(vis)))
    order = sorted(range(len(segs)), key=lambda k: info[k][1])
    bottoms = [info[k][1] for k in order]
    spans_of: dict[int, list[tuple[float, float]]] = {}
    keep = [True] * len(segs)
    for i, seg in enumerate(segs):
        size, bottom, n_vis = info[i]
        if n_vis > 6:
            continue
        lo = bisect.bisect_left(bottoms, bottom - 0.4 * 3 * size)
        hi = bisect.bisect_right(bottoms, bottom + 3 * size)
        x0 = min(g.x0 for g in seg)
        x1 = max(g.x1 for g in seg)
        for k in order[lo:hi]:
            t_size, t_bottom, _ = info[k]
            if k == i or not keep[k] or t_size < size * 1.12:
                continue
            if not (t_bottom - t_size - 0.5 <= bottom <= t_bottom + 0.35 * t_size):
                continue
            if k not in spans_of:
                spans_of[k] = sorted((g.x0, g.x1) for g in segs[k] if g.text != " ")
            if _touches(spans_of[k], x0, x1, 0.6 * t_size):
                for g in seg:
                    g.flags |= SUP if g.bottom < t_bottom - 0.12 * t_size else SMALL
                segs[k].extend(seg)
                keep[i] = False
                break
    return [s for s, k in zip(segs, keep, strict=True) if k]


def _runs(row: list[_Glyph], gap: float) -> list[list[_Glyph]]:
    """Glyphs of a row cut where they stop touching: a multi-digit marker moves as one."""
    row = sorted(row, key=lambda g: g.x0)
    runs: list[list[_Glyph]] = [[row[0]]]
    end = row[0].x1
    for g in row[1:]:
        if g.x0 - end > gap:
            runs.append([])
        runs[-1].append(g)
        end = max(end, g.x1)
    return runs


def _touches(spans: list[tuple[float, float]], x0: float, x1: float, tol: float) -> bool:
    # spans is sorted by x0; a linear scan is fine: rows are short and few glyphs move.
    for a, b in spans:
        if a - tol <= x1 and x0 <= b + tol:
            return True
        if a - tol > x1:
            return False
    return False


def _segments(row: list[_Glyph], size: float) -> list[list[_Glyph]]:
    """Split a row at gaps wider than a column gutter or a table cell gap."""
    row.sort(key=lambda g: g.x0)
    segs: list[list[_Glyph]] = []
    cur: list[_Glyph] = []
    last_x1: float | None = None
    last_vis: _Glyph | None = None
    bridge = -1e9  # right end of the space glyphs seen since the last visible glyph
    gap_limit = max(1.6 * size, 12.0)
    for g in row:
        if g.text == " ":
            if cur:
                cur.append(g)
                # only spaces that run on from the last glyph bridge a gap (a stretched word space)
                if last_x1 is not None and g.x0 <= max(last_x1, bridge) + 0.5 * size:
                    bridge = max(bridge, g.x1)
            continue
        # fake bold: the same glyph drawn twice at (almost) the same spot
        if (
            last_vis is not None
            and g.text == last_vis.text
            and abs(g.x0 - last_vis.x0) < 0.6
            and abs(g.top - last_vis.top) < 0.6
        ):
            continue
        # a wide gap splits the row unless a (justified, stretched) space glyph fills it
        if last_x1 is not None and g.x0 - last_x1 > gap_limit and g.x0 - bridge > gap_limit:
            segs.append(cur)
            cur = []
            last_x1 = None
        cur.append(g)
        last_vis = g
        last_x1 = g.x1 if last_x1 is None else max(last_x1, g.x1)
        bridge = -1e9
    if cur:
        segs.append(cur)
    segs = [s for s in segs if any(g.text != " " for g in s)]
    return [[g for s in segs for g in s]] if _spread_words(segs) else segs


def _spread_words(segs: list[list[_Glyph]]) -> bool:
    """A justified line stretched so far that each word looks like a cell: same gap between all."""
    if len(segs) < 3:
        return False
    if any(any(g.text == " " for g in s[:-1]) for s in segs):
        return False
    gaps = [b[0].x0 - max(g.x1 for g in a) for a, b in itertools.pairwise(segs)]
    return min(gaps) > 0 and max(gaps) / min(gaps) < 1.6


def _line(page: int, seg: list[_Glyph]) -> Line:
    vis = [g for g in seg if g.text != " "]
    core = [g for g in vis if not g.flags & (SUP | SMALL)] or vis
    size = _most_common(g.size for g in core)
    text: list[str] = []
    coords: list[float] = []  # four per character, packed once the line is done
    flags = bytearray()
    prev: _Glyph | None = None
    for g in seg:
        if g.text == " ":
            if text and text[-1] != " ":
                text.append(" ")
                coords.extend((g.x0, g.top, g.x1, g.bottom))
                flags.append(0)
            continue
        if prev is not None and text and text[-1] != " ":
            gap = g.x0 - prev.x1
            both_sup = (g.flags & SUP) and (prev.flags & SUP)
            if gap > 0.17 * min(g.size, prev.size) and not (g.flags & SUP and not prev.flags & SUP) and not both_sup:
                text.append(" ")
                coords.extend((prev.x1, min(prev.top, g.top), g.x0, max(prev.bottom, g.bottom)))
                flags.append(0)
        box = (g.x0, g.top, g.x1, g.bottom)
        if len(g.text) == 1:  # most glyphs
            text.append(g.text)
            coords.extend(box)
            flags.append(g.flags)
        else:
            for ch in g.text:
                text.append(ch)
                coords.extend(box)
                flags.append(g.flags)
        prev = g
    while text and text[-1] == " ":
        text.pop()
        del coords[-4:]
        flags.pop()
    n = len(core)
    bold = sum(1 for g in core if g.flags & BOLD) / n
    italic = sum(1 for g in core if g.flags & ITALIC) / n
    font = font_family(_most_common(g.font for g in core))
    return Line(
        page=page,
        x0=min(g.x0 for g in vis),
        top=min(g.top for g in core),
        x1=max(g.x1 for g in vis),
        bottom=max(g.bottom for g in core),
        text="".join(text),
        boxes=PackedBoxes.from_flat(4, coords),
        flags=flags,
        size=size,
        bold=bold,
        italic=italic,
        font=font,
        lead_font=font_family(vis[0].font),
    )


# A list number or bullet set apart from its text by a tab stop: it belongs to the text beside it.
LABEL_SEGMENT = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-zA-Z]{1,4}[.)]|\([a-zA-Z]{1,4}\)|[•▪●◦■►➢\-–*])$")


def _join_label(segs: list[list[_Glyph]]) -> list[list[_Glyph]]:
    out: list[list[_Glyph]] = []
    for seg in segs:
        if out:
            prev = out[-1]
            label = "".join(g.text for g in prev).strip()
            gap = seg[0].x0 - max(g.x1 for g in prev)
            if LABEL_SEGMENT.match(label) and gap < 80:
                out[-1] = prev + seg
                continue
        out.append(seg)
    return out


def lines_from_chars(page_number: int, chars: list[dict[str, Any]]) -> list[Line]:
    """Group one page's pdfplumber chars into lines (unordered; layout orders them)."""
    glyphs = _glyphs(chars)
    if not glyphs:
        return []
    segs: list[list[_Glyph]] = []
    for row in _rows(glyphs):
        segs.extend(_segments(row, _row_size(row)))
    segs = _attach_small(segs)
    # segments that shared a row are rejoined when one is a list label
    by_row: dict[int, list[list[_Glyph]]] = {}
    for seg in segs:
        seg.sort(key=lambda g: g.x0)
        core = [g for g in seg if not g.flags & (SUP | SMALL)] or seg
        by_row.setdefault(round(max(g.bottom for g in core)), []).append(seg)
    lines: list[Line] = []
    for row_segs in by_row.values():
        row_segs.sort(key=lambda sg: sg[0].x0)
        lines.extend(_line(page_number, seg) for seg in _join_label(row_segs))
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return lines


def _rules(objects: dict[str, Any]) -> list[Rule]:
    out: list[Rule] = []
    for kind in ("line", "rect"):
        for o in objects.get(kind, ()):
            w = o["x1"] - o["x0"]
            h = o["bottom"] - o["top"]
            if w >= 8 and h <= 2.5:
                out.append(Rule(o["x0"], o["x1"], o["top"], o["bottom"]))
    return out


def _mark_underlines(lines: list[Line], rules: list[Rule]) -> None:
    """A rule just under a line and about as wide as it is that line's underline."""
    if not rules:
        return
    for ln in lines:
        width = ln.x1 - ln.x0
        for r in rules:
            if -3.5 <= r.top - ln.bottom <= 0.35 * ln.size:
                overlap = min(r.x1, ln.x1) - max(r.x0, ln.x0)
                if overlap >= 0.8 * width and (r.x1 - r.x0) <= width * 1.3 + 10:
                    ln.underline = True
                    break


# pdfminer exceptions (anywhere in the cause chain) that mean the PDF needs a password.
PASSWORD_ERRORS = frozenset({"PDFPasswordIncorrect", "PDFEncryptionError"})


def _open_error(e: BaseException) -> str:
    """One line saying why a PDF would not open; pdfplumber wraps pdfminer's own errors."""
    seen: set[int] = set()
    todo: list[BaseException] = [e]
    syntax: str | None = None
    while todo:
        x = todo.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if type(x).__name__ in PASSWORD_ERRORS:
            return "encrypted PDF: a password is needed to open it"
        if isinstance(x, PDFSyntaxError) and syntax is None:
            syntax = str(x)
        todo.extend(a for a in x.args if isinstance(a, BaseException))
        todo.extend(c for c in (x.__cause__, x.__context__) if c is not None)
    detail = readable(syntax or str(e))
    return f"damaged PDF: {detail or type(e).__name__}"


def load_checked(path: Path, limits: ReadLimits) -> tuple[bytes, str]:
    """The file's bytes and sha256 after the checks every reader makes before parsing."""
    path = Path(path)
    if path.is_dir():
        raise ReadError("is a directory, not a PDF file")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(f"cannot open: {e.strerror or e}") from e
    if size == 0:
        raise ReadError("empty file (0 bytes)")
    if size > limits.max_bytes:
        raise ReadError(f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}")
    data = path.read_bytes()
    if not data.lstrip()[:5].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF (no %PDF header)")
    return data, hashlib.sha256(data).hexdigest()


def check_page_count(n: int, limits: ReadLimits) -> None:
    if n == 0:
        raise ReadError("damaged or empty PDF: no pages could be read")
    if n > limits.max_pages:
        raise ReadError(f"{n} pages, over the limit of {limits.max_pages}")


def check_char_total(total: int, page: int, limits: ReadLimits) -> None:
    if total > limits.max_chars:
        raise ReadError(f"over the limit of {limits.max_chars:,} characters at page {page}")


def fill_page(page: Page, chars: list[dict[str, Any]], objects: dict[str, Any]) -> None:
    """Lines, rules, underlines and image count of one page from reader-neutral char and object dicts.

    Both readers end here, so everything after the reader sees the same shapes.
    """
    page.lines = lines_from_chars(page.number, chars)
    page.rules = _rules(objects)
    _mark_underlines(page.lines, page.rules)
    page.images = len(objects.get("image", ()))


def read_pdf(path: Path, limits: ReadLimits | None = None) -> RawDocument:
    """Read every page once; pages that fail are kept empty with their error."""
    limits = limits or ReadLimits()
    path = Path(path)
    data, sha = load_checked(path, limits)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except RecursionError as e:
        raise ReadError("damaged PDF: objects nested too deeply") from e
    except Exception as e:
        raise ReadError(_open_error(e)) from e
    with closing_quietly(pdf):
        try:
            n = len(pdf.pages)
        except RecursionError as e:
            raise ReadError("damaged PDF: page tree nested too deeply") from e
        except Exception as e:
            raise ReadError(page_list_error(e)) from e
        check_page_count(n, limits)
        meta = {k: str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, str | bytes | int)}
        pages: list[Page] = []
        total = 0
        for i, p in enumerate(pdf.pages, start=1):
            page = Page(number=i, width=float(p.width or 0), height=float(p.height or 0))
            try:
                too_big = oversized_stream(p.page_obj, limits.max_stream_bytes, page.undecodable)
                if too_big:
                    page.error = too_big
                    pages.append(page)
                    continue
                with pdfminer_complaints(page.undecodable):
                    objs = p.objects
                chars = objs.get("char", [])
                total += len(chars)
                check_char_total(total, i, limits)
                fill_page(page, chars, objs)
                page.dropped = dropped_chars(chars, page.lines)
            except ReadError:
                raise
            except Exception as e:  # one bad page must not lose the others
                page.error = page_failure(e)
            finally:
                p.close()
            pages.append(page)
    return RawDocument(source_file=path.name, sha256=sha, pages=pages, metadata=meta, page_count=n)
