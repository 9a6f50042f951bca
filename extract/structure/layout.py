"""Stage 2, `layout`: what on each page is body, footnote, or page furniture, and in what order.

Running headers and footers are found by repetition across pages (plus a few
shapes that never need repeating: page numbers, UN job numbers); the
footnote zone is the run of smaller lines at the foot of a page, usually under
a short rule; columns are found by a gutter no line crosses.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from extract.reading.read import SUP, Line, Page, RawDocument, Rule
from extract.structure.textmap import roman_value

# Shapes of page furniture that are recognisable on a single page.
FURNITURE_PATTERNS = [
    re.compile(
        r"^[\W_]*(?:page|p\.|pág(?:ina)?\.?|página|seite)?\s*\d{1,4}(?:\s*(?:of|/|de|sur|von)\s*\d{1,4})?[\W_]*$", re.I
    ),
    re.compile(r"^[\W_]*[ivxlc]{1,6}[\W_]*$"),
    re.compile(r"^GE\.\d{2}-\d{3,6}\b"),
    re.compile(r"^\*\s?\d{6,8}\s?\*$"),
    re.compile(r"^please recycle\b", re.I),
]
BARCODE_FONTS = re.compile(r"C39|barcode|code128|IDAutomation", re.I)

NOTE_HEADINGS = re.compile(
    r"^(?:notes?|end\s?notes?|foot\s?notes?|notas(?: finales)?|notes de fin(?: de document)?|notas al final)\s*:?$",
    re.I,
)

HEADER_ZONE = 0.12  # fraction of page height
FOOTER_ZONE = 0.12
DIGITS = re.compile(r"\d+")
NOTE_START = re.compile(r"^\s*(?:\(?\d{1,3}[.)]?|\[\d{1,3}\]|[*†‡]+)(?=\s|[A-ZÀ-Ý“\"'(]|$)")


@dataclass(slots=True)
class PageLayout:
    number: int
    width: float
    height: float
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    columns: int = 1
    gutter: float | None = None
    endnotes: bool = False
    """the notes on this page fill most of it: an endnote list, not page-foot notes"""
    error: str | None = None
    images: int = 0


@dataclass(slots=True)
class Layout:
    source_file: str
    pages: list[PageLayout]
    body_size: float
    note_size: float | None


def _key(text: str) -> str:
    return DIGITS.sub("#", text.casefold()).replace(" ", "")


def body_font_size(pages: list[Page]) -> float:
    """The size most characters are set in: the body text's size.

    Counted on the upper 60% of each page, where running text is and notes
    are not: a submission with long footnotes can print more note text than
    body text.
    """
    upper: Counter[float] = Counter()
    weight: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            weight[ln.size] += len(ln.text)
            if ln.top < 0.6 * p.height:
                upper[ln.size] += len(ln.text)
    counts = upper or weight
    return counts.most_common(1)[0][0] if counts else 10.0


def _single_page_furniture(ln: Line, page: Page) -> bool:
    in_zone = ln.top < page.height * HEADER_ZONE or ln.bottom > page.height * (1 - FOOTER_ZONE)
    if BARCODE_FONTS.search(ln.font):
        return True
    if not in_zone:
        return False
    text = ln.text.strip()
    if not any(p.match(text) for p in FURNITURE_PATTERNS):
        return False
    digits = DIGITS.findall(text)
    # a lone number is a page number only if it is close to the page's place in the file
    return len(digits) != 1 or not text.strip("-–. ").isdigit() or abs(int(digits[0]) - page.number) <= 4


LABEL_TAB = 80.0
"""Points a note number printed apart may stand before its text (a wide tab stop)."""


def _has_text_beside(ln: Line, lines: list[Line]) -> bool:
    """A number with text just to its right on the same line is a note label, not a page number."""
    return any(
        o is not ln and o.x0 >= ln.x1 - 1 and o.x0 - ln.x1 < LABEL_TAB and o.top < ln.bottom and o.bottom > ln.top
        for o in lines
    )


def find_furniture(pages: list[Page]) -> set[int]:
    """ids of lines that are running headers/footers, page numbers or job numbers."""
    n = len(pages)
    out: set[int] = set()
    groups: dict[str, list[tuple[int, float, Line]]] = defaultdict(list)
    for p in pages:
        for ln in p.lines:
            if _single_page_furniture(ln, p) and not _has_text_beside(ln, p.lines):
                out.add(id(ln))
                continue
            in_zone = ln.top < p.height * HEADER_ZONE or ln.bottom > p.height * (1 - FOOTER_ZONE)
            if in_zone and len(ln.text) >= 2:
                groups[_key(ln.text)].append((p.number, ln.top, ln))
    if n >= 2:
        need = max(2, min(5, math.ceil(0.3 * n)))
        for items in groups.values():
            pages_seen = {pn for pn, _, _ in items}
            if len(pages_seen) < need:
                continue
            tops = sorted(t for _, t, _ in items)
            median = tops[len(tops) // 2]
            steady = [ln for _, t, ln in items if abs(t - median) <= 8]
            if len({ln.page for ln in steady}) >= need and _running(steady):
                out.update(id(ln) for ln in steady)
    return out


def _running(lines: list[Line]) -> bool:
    """Same text on every page, except at most one number that follows the page number.

    Footnotes citing similar addresses ('.../273.pdf', '.../277.pdf') share a
    digit-blind shape but are not page furniture.
    """
    texts = [ln.text for ln in lines]
    if len(set(texts)) == 1:
        return True
    runs = [DIGITS.findall(t) for t in texts]
    width = len(runs[0])
    if any(len(r) != width for r in runs):
        return False
    varying = [i for i in range(width) if len({r[i] for r in runs}) > 1]
    if len(varying) != 1:
        return False
    i = varying[0]
    return len({int(r[i]) - ln.page for r, ln in zip(runs, lines, strict=True)}) == 1


def _raised_label(ln: Line) -> str:
    """The raised run a line opens with ('' if none)."""
    j = 0
    while j < len(ln.text) and ln.flags[j] & SUP:
        j += 1
    return ln.text[:j].strip()


def _starts_like_note(ln: Line) -> bool:
    raised = _raised_label(ln) if ln.flags else ""
    if raised and (raised.isdigit() or roman_value(raised)):
        return True
    return bool(NOTE_START.match(ln.text))


def _first_label(ln: Line) -> str | None:
    """'1' for a line opening note 1, whether printed 1, [1], 1. or a raised i."""
    raised = _raised_label(ln) if ln.flags else ""
    if raised:
        value = roman_value(raised)
        return str(value) if value else raised
    lab = NOTE_START.match(ln.text)
    return lab.group(0).strip(" .)[(") if lab else None


def _separator(rules: list[Rule], lines: list[Line], page: Page, body_size: float) -> Rule | None:
    """A short rule with notes under it: the footnote separator.

    Rules sitting on a line of text are underlines. Of the others, the highest
    one whose lines below read as notes wins; near the top of a page (an
    endnote list after the body) the notes under it must start at 1.
    """
    left = min((ln.x0 for ln in lines), default=0.0)
    for r in sorted(rules, key=lambda r: r.top):
        w = r.x1 - r.x0
        if not (25 <= w <= 0.6 * page.width):
            continue
        underline = any(
            -3.5 <= r.top - ln.bottom <= 3 and min(r.x1, ln.x1) - max(r.x0, ln.x0) > 0.5 * w for ln in lines
        )
        if underline:
            continue
        below = [ln for ln in lines if ln.top >= r.bottom - 1]
        if not below or any(o is not r and abs(o.top - r.top) < 2 for o in rules):
            continue  # nothing under it, or a row of cell borders rather than a separator
        first = below[0]
        small = sum(1 for ln in below if ln.size < body_size - 0.4)
        if r.top < page.height * 0.3:
            if w > 0.45 * page.width or abs(r.x0 - left) > 12 or _first_label(first) != "1":
                continue
            return r
        raised = bool(first.flags and first.flags[0] & SUP)
        if small >= 0.6 * len(below) or (raised and _starts_like_note(first)):
            return r
    return None


def split_notes(
    page: Page,
    lines: list[Line],
    body_size: float,
    continues: bool = False,
    endnotes: bool = False,
    last_label: int | None = None,
) -> tuple[list[Line], list[Line]]:
    """Split a page's non-furniture lines into body and footnote zone.

    `continues` says the previous page had notes, so a zone may open with the
    tail of a note instead of a note number; `endnotes` that the previous
    page's notes filled most of it (an endnote list running on).
    """
    if not lines:
        return [], []
    ordered = sorted(lines, key=lambda ln: ln.top)
    sep = _separator(page.rules, ordered, page, body_size)
    if sep is not None:
        i = next((k for k, ln in enumerate(ordered) if ln.top >= sep.bottom - 1), len(ordered))
    elif endnotes and _runs_on(ordered, last_label):
        return [], ordered  # a page of an endnote list that began on an earlier page
    else:
        # No separator: the run of smaller lines at the foot of the page.
        limit = body_size - 0.4
        i = len(ordered)
        while i > 0 and ordered[i - 1].size < limit:
            i -= 1
    zone = ordered[i:]
    if not zone:
        return ordered, []
    # the zone starts at its first note (or runs on from the previous page's): a table set
    # small under a rule is not a note
    first = next((k for k, ln in enumerate(zone) if _starts_like_note(ln)), None)
    if first is None:
        return (ordered[:i], zone) if continues and _packed(zone) else (ordered, [])
    if first and not (continues and _packed(zone[: first + 1])):
        i += first
    return ordered[:i], ordered[i:]


def _runs_on(lines: list[Line], last_label: int | None) -> bool:
    """The page's first numbered line continues the previous page's note numbers."""
    if last_label is None:
        return False
    for ln in lines:
        lab = _first_label(ln)
        if lab is not None and lab.isdigit():
            return 0 < int(lab) - last_label <= 2
    return False


def last_note_label(notes: list[Line]) -> int | None:
    """The last note number of a page, following the sequence (a line opening '230 ...' is text)."""
    last: int | None = None
    for ln in notes:
        lab = _first_label(ln)
        if lab is None or not lab.isdigit():
            continue
        n = int(lab)
        if last is None or 0 < n - last <= 3:
            last = n
    return last


def _packed(lines: list[Line]) -> bool:
    """Lines set one under the other with no paragraph-sized gap: one block."""
    return all(b.top - a.bottom < 1.2 * a.size for a, b in itertools.pairwise(lines))


def _gutter(lines: list[Line], width: float) -> float | None:
    """x of a vertical band that text lines on both sides never cross, if any."""
    text_lines = [ln for ln in lines if len(ln.text) >= 3]
    if len(text_lines) < 10:
        return None
    best: tuple[int, float] | None = None
    for step in range(30, 71, 2):
        x = width * step / 100
        crossing = sum(1 for ln in text_lines if ln.x0 < x < ln.x1)
        left = [ln for ln in text_lines if ln.x1 <= x]
        right = [ln for ln in text_lines if ln.x0 >= x]
        if len(left) < 5 or len(right) < 5:
            continue
        if crossing > 0.15 * len(text_lines):
            continue
        # both sides must hold running text, not labels: most lines fill their column
        lw = max(ln.x1 for ln in left) - min(ln.x0 for ln in left)
        rw = max(ln.x1 for ln in right) - min(ln.x0 for ln in right)
        if lw < 0.25 * width or rw < 0.25 * width:
            continue
        full_l = sum(1 for ln in left if ln.x1 - ln.x0 > 0.6 * lw)
        full_r = sum(1 for ln in right if ln.x1 - ln.x0 > 0.6 * rw)
        if full_l < 0.5 * len(left) or full_r < 0.5 * len(right):
            continue
        if best is None or crossing < best[0]:
            best = (crossing, x)
    return best[1] if best else None


@dataclass(slots=True)
class _Column:
    x0: float
    x1: float
    lines: list[Line]


def _column_split(lines: list[Line], gutter: float) -> list[_Column]:
    """Lines left and right of the gutter; lines across it go with the left (full-width) ones."""
    left = [ln for ln in lines if ln.x0 < gutter]
    right = [ln for ln in lines if ln.x0 >= gutter]
    x_min = min((ln.x0 for ln in lines), default=0.0)
    x_max = max((ln.x1 for ln in lines), default=gutter)
    return [c for c in (_Column(x_min, gutter, left), _Column(gutter, x_max, right)) if c.lines]


def reading_order(lines: list[Line], width: float) -> tuple[list[Line], float | None]:
    """Lines in reading order: left column before right, within bands cut by full-width lines."""
    ordered = sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))
    gutter = _gutter(ordered, width)
    if gutter is None:
        return _rows_in_order(ordered), None
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for ln in ordered:
        if ln.x0 < gutter < ln.x1:
            out.extend(left)
            out.extend(right)
            left, right = [], []
            out.append(ln)
        elif ln.x1 <= gutter:
            left.append(ln)
        else:
            right.append(ln)
    out.extend(left)
    out.extend(right)
    return out, gutter


def _rows_in_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; segments sharing a baseline read left to right."""
    out: list[Line] = []
    row: list[Line] = []
    for ln in lines:
        if row and abs(ln.bottom - row[0].bottom) > 0.4 * row[0].size:
            out.extend(sorted(row, key=lambda x: x.x0))
            row = []
        row.append(ln)
    out.extend(sorted(row, key=lambda x: x.x0))
    return out


def _titled(body: list[Line], notes: list[Line]) -> bool:
    """The notes follow a 'Notes'/'Endnotes' title: an endnote list, even at a page foot."""
    top = min(ln.top for ln in notes)
    above = [ln for ln in body if ln.bottom <= top + 1]
    return bool(above) and bool(NOTE_HEADINGS.match(max(above, key=lambda ln: ln.bottom).text.strip()))


def analyse(doc: RawDocument) -> Layout:
    """Furniture out, footnote zones apart, body lines in reading order, for every page."""
    body_size = body_font_size(doc.pages)
    furniture = find_furniture(doc.pages)
    pages: list[PageLayout] = []
    note_sizes: Counter[float] = Counter()
    for p in doc.pages:
        keep = [ln for ln in p.lines if id(ln) not in furniture]
        furn = [ln for ln in p.lines if id(ln) in furniture]
        prev = pages[-1] if pages else None
        endnotes = bool(prev and prev.notes and not prev.body) or bool(
            prev and prev.notes and prev.notes[0].top < 0.4 * prev.height
        )
        continues = bool(prev and prev.notes)
        last_label = last_note_label(prev.notes) if prev and prev.notes else None
        gutter = _gutter(keep, p.width)
        if gutter is None:
            body, notes = split_notes(p, keep, body_size, continues=continues, endnotes=endnotes, last_label=last_label)
        else:
            # notes sit at the foot of each column, under the column's own rule
            body, notes = [], []
            for col in _column_split(keep, gutter):
                rules = [r for r in p.rules if min(r.x1, col.x1) - max(r.x0, col.x0) > 0.5 * (r.x1 - r.x0)]
                col_page = Page(number=p.number, width=col.x1 - col.x0, height=p.height, lines=col.lines, rules=rules)
                b, n = split_notes(
                    col_page, col.lines, body_size, continues=continues, endnotes=endnotes, last_label=last_label
                )
                body += b
                notes += n
        body, gutter = reading_order(body, p.width)
        for ln in notes:
            note_sizes[ln.size] += len(ln.text)
        pages.append(
            PageLayout(
                number=p.number,
                width=p.width,
                height=p.height,
                body=body,
                notes=notes,
                furniture=furn,
                rules=p.rules,
                columns=1 if gutter is None else 2,
                gutter=gutter,
                endnotes=bool(notes)
                and (not body or min(ln.top for ln in notes) < 0.4 * p.height or _titled(body, notes)),
                error=p.error,
                images=p.images,
            )
        )
    note_size = note_sizes.most_common(1)[0][0] if note_sizes else None
    return Layout(source_file=doc.source_file, pages=pages, body_size=body_size, note_size=note_size)
