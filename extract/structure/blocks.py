"""Body lines → blocks: the printed paragraphs, list items, table rows and headings-to-be.

A block ends where a reader sees a paragraph end: a vertical gap, a change of
type size or weight, a bullet or list number, a first-line indent after a
finished sentence, or a short last line. Blocks that a page or column break
cut mid-sentence are joined again.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from extract.reading.glyphs import BULLET_CHARS
from extract.reading.read import Line
from extract.structure.layout import PageLayout

ENUMERATOR = re.compile(
    r"^(?:"
    r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,3}\.-|\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}[.)])(?=\s)"  # 1.-  1.  1.2  12)
    r"|\((?P<paren>[a-zA-Z]|[ivxlc]{1,5}|[IVXLC]{1,5}|\d{1,3})\)(?=\s)"  # (a) (iv) (3)
    r"|(?P<letter>[a-zA-Z]|[ivxlc]{1,5}|[IVXLC]{1,5})[.)](?=\s)"  # a.  b)  iv.  IV.  A.
    r")"
)
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
TERMINAL = tuple(".:;!?…”\"’')")
DOT_LEADER = re.compile(r"(?:\.\s?){6,}|…{3,}|(?:_\s?){6,}")
BREAK_GAP = 0.55
"""a paragraph break: this much of a line's size more than the usual space between its lines"""
LABEL_WORDS = 3
"""words at most in a label set before its paragraph's first line ('Rec. 12', 'Para. 3 a)')"""
MIN_RUNS_ON = 3
"""run-on lines needed on a page's column to read its line spacing from them"""


@dataclass(slots=True)
class Block:
    lines: list[Line]
    kind: str = "body"  # body | bullet | table | quote
    number: str | None = None
    marker: str | None = None  # the bullet glyph or enumerator as printed
    indent: float = 0.0
    heading: bool = False
    extra: dict[str, float | bool] = field(default_factory=dict)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)

    @property
    def size(self) -> float:
        return statistics.median_high([ln.size for ln in self.lines])

    @property
    def bold(self) -> bool:
        return all(ln.is_bold for ln in self.lines)

    @property
    def italic(self) -> bool:
        return all(ln.is_italic for ln in self.lines)

    @property
    def underline(self) -> bool:
        return all(ln.underline for ln in self.lines)

    @property
    def centered(self) -> bool:
        """Every line centred between the column margins, and not a justified paragraph."""
        left, right = self.extra.get("left"), self.extra.get("right")
        if left is None or right is None:
            return False
        mid = (left + right) / 2
        if not all(abs((ln.x0 + ln.x1) / 2 - mid) < 12 for ln in self.lines):
            return False
        if len(self.lines) == 1:
            return self.lines[0].x0 > left + 15
        # several lines: ragged on the left too (a justified paragraph shares its left edge)
        return max(ln.x0 for ln in self.lines) - min(ln.x0 for ln in self.lines) > 3


def line_bullet(line: Line) -> tuple[str, str | None] | None:
    """bullet_of for a printed line, knowing whether its first glyph is in a font of its own."""
    return bullet_of(line.text, odd_lead=bool(line.lead_font) and line.lead_font != line.font)


def bullet_of(text: str, odd_lead: bool = False) -> tuple[str, str | None] | None:
    """(marker as printed, number or None) if the text opens with a bullet or an enumerator.

    `odd_lead`: the first glyph is printed in another font than the text (Word's
    'o' sub-bullet in Courier), which makes a plain letter a bullet.
    """
    if not text:
        return None
    c = text[0]
    if c in BULLET_CHARS and (len(text) == 1 or text[1] == " " or c in "•▪■●◆►➢➤✓✔"):
        if c in "-–—*" and (len(text) < 2 or text[1] != " "):
            return None
        return c, None
    if c in "-–" and len(text) > 2 and text[1].isupper() and text[2].islower():
        return c, None  # '-Que el Estado…': a dash item printed without its space
    if c == "o" and len(text) > 2 and text[1] == " " and (text[2].isupper() or odd_lead):
        return c, None  # Word's second-level bullet, a plain 'o'

    m = ENUMERATOR.match(text)
    if m:
        num = m.group("num") or m.group("paren") or m.group("letter")
        return m.group(0), num.rstrip(".)-").rstrip(".")
    return None


@dataclass(slots=True)
class _Geometry:
    left: float
    right: float
    gap: float  # usual space between lines of a paragraph


def _page_geometry(page: PageLayout, lines: list[Line], body_size: float) -> _Geometry:
    xs0 = sorted(ln.x0 for ln in lines if len(ln.text) > 20) or sorted(ln.x0 for ln in lines) or [0.0]
    xs1 = sorted(ln.x1 for ln in lines if len(ln.text) > 20) or sorted(ln.x1 for ln in lines) or [page.width]
    left = xs0[len(xs0) // 10]
    right = xs1[int(len(xs1) * 0.9)]
    gaps = [
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if abs(a.size - b.size) < 0.6 and -0.5 * a.size < b.top - a.bottom < 1.2 * a.size and b.top > a.top
    ]
    gap = statistics.median(gaps) if gaps else 0.3 * body_size
    # Double-spaced text puts more than a line's height between the lines of one paragraph, outside
    # the window above. Lines that surely run on (cut at the margin mid-sentence, the next one going
    # on in lower case) show the paragraph's own spacing: when most of them would be cut, trust them.
    runs_on = [
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if abs(a.size - b.size) < 0.6
        and b.top > a.top
        and a.x1 >= right - 2 * a.size
        and _continues(a.text, b.text)
        and b.top - a.bottom < 2.5 * a.size
    ]
    if len(runs_on) >= MIN_RUNS_ON:
        spacing = statistics.median(runs_on)
        if spacing > gap + BREAK_GAP * body_size:
            gap = spacing
    return _Geometry(left, right, gap)


def _columns(page: PageLayout) -> list[list[Line]]:
    """Body lines by column (in reading order): each column has its own margins."""
    if page.gutter is None:
        return [page.body]
    left = [ln for ln in page.body if ln.x1 <= page.gutter]
    right = [ln for ln in page.body if ln.x0 >= page.gutter]
    span = [ln for ln in page.body if ln.x0 < page.gutter < ln.x1]
    return [c for c in (span, left, right) if c]


def _table_rows(page: PageLayout) -> set[int]:
    """Lines that share their baseline with another body line on a one-column page: table cells."""
    if page.gutter is not None:
        return set()
    out: set[int] = set()
    body = page.body
    for a, b in itertools.pairwise(body):
        if abs(a.bottom - b.bottom) < 0.4 * a.size and b.x0 > a.x1:
            out.add(id(a))
            out.add(id(b))
    for a, b in _hanging_labels(body, out) + _gapped_lines(body, out):
        out.discard(id(a))
        out.discard(id(b))
    for ln in body:
        if DOT_LEADER.search(ln.text):
            out.add(id(ln))
    return out


def _right_margin(body: list[Line]) -> float | None:
    """Where the page's full lines end (most long lines reach it), or None on a page of short lines."""
    long = sorted(ln.x1 for ln in body if len(ln.text) > 20)
    return long[int(len(long) * 0.9)] if long else None


def _hanging_labels(body: list[Line], row_lines: set[int]) -> list[tuple[Line, Line]]:
    """Two-cell 'rows' that are a paragraph led by a label ('Rec. 12', tab, the text): the text
    wraps back to the margin under the label, which a table cell never does. Rows set at the same
    two stops on the page are labelled paragraphs too, however short their text."""
    right = _right_margin(body)
    if right is None:
        return []

    def same_line(x: Line | None, y: Line) -> bool:
        return x is not None and id(x) in row_lines and abs(x.bottom - y.bottom) < 0.4 * y.size

    rows: list[tuple[Line, Line, Line | None]] = []
    for i in range(len(body) - 1):
        a, b = body[i], body[i + 1]
        before = body[i - 1] if i else None
        after = body[i + 2] if i + 2 < len(body) else None
        if not (id(a) in row_lines and same_line(b, a)) or same_line(before, a) or same_line(after, b):
            continue  # not a line of exactly two cells
        if len(a.text.split()) <= LABEL_WORDS and not a.text.rstrip().endswith(TERMINAL):
            rows.append((a, b, after))
    stops = {
        (round(a.x0), round(b.x0))
        for a, b, nxt in rows
        if nxt is not None
        and id(nxt) not in row_lines
        and nxt.x0 < a.x0 + 1
        and 0 <= nxt.top - b.bottom < nxt.size
        and b.x1 >= right - 2 * b.size
        and not b.text.rstrip().endswith(TERMINAL)
    }
    return [(a, b) for a, b, _ in rows if (round(a.x0), round(b.x0)) in stops]


def _gapped_lines(body: list[Line], row_lines: set[int]) -> list[tuple[Line, Line]]:
    """Two-cell 'rows' that are one line of a paragraph with a wide gap in it (a justified line set around
    a note marker): the line above runs on into it mid-sentence, the line below wraps back to its margin,
    both close above and below, and it reaches the right margin as the paragraph's lines do. A table row
    is never a single line held inside running text."""
    right = _right_margin(body)
    if right is None:
        return []
    out = []
    for i in range(1, len(body) - 1):
        before, a, b = body[i - 1], body[i], body[i + 1]
        after = body[i + 2] if i + 2 < len(body) else None
        if id(a) not in row_lines or id(b) not in row_lines or abs(a.bottom - b.bottom) >= 0.4 * a.size:
            continue
        if id(before) in row_lines or (after is not None and id(after) in row_lines):
            continue  # not a line of exactly two cells between plain lines
        # the page's last line runs on to the next page, mid-sentence, as a paragraph's line does
        below = (
            not b.text.rstrip().endswith(TERMINAL)
            if after is None
            else 0 <= after.top - b.bottom < a.size and abs(after.x0 - a.x0) < 1
        )
        held = (
            below
            and not before.text.rstrip().endswith(TERMINAL)
            and 0 <= a.top - before.bottom < a.size
            and a.x0 >= before.x0 - 1
            and before.x1 >= right - 2 * before.size
            and b.x1 >= right - 2 * b.size
        )
        if held:
            out.append((a, b))
    return out


def _starts_new(prev: Line, cur: Line, geo: _Geometry, table: set[int]) -> bool:
    if cur.page != prev.page:
        return True
    if id(cur) not in table and abs(cur.bottom - prev.bottom) < 0.4 * cur.size and cur.x0 > prev.x1:
        return False  # the text after a run-in label on its line
    if cur.top < prev.top - 2:  # back up: next column
        return True
    gap = cur.top - prev.bottom
    if gap > geo.gap + BREAK_GAP * max(cur.size, prev.size):
        return True
    if abs(cur.size - prev.size) > 0.9:
        return True
    restyled = (cur.is_bold != prev.is_bold or cur.is_italic != prev.is_italic) and len(cur.text) > 3
    # a bold or italic sentence that wraps into plain type is still one paragraph, and so is a
    # full line cut mid-sentence whose next line happens to be set in italics (a title quoted)
    wrapped = (
        not prev.text.rstrip().endswith(TERMINAL)
        and prev.x1 >= geo.right - 2 * prev.size
        and prev.x1 - prev.x0 >= 0.7 * (geo.right - geo.left)
        and not (prev.is_bold or prev.is_italic)
        and not _mid_heading(prev)
    )
    # a bold run-in label wrapped to the margin and ending in the paragraph's next line ('3.- Situation of the
    # prisons in / Freedonia: the report ...'): the label belongs to its paragraph
    label_runs_on = (
        prev.is_bold
        and 0.0 < cur.bold < 0.85
        and not prev.text.rstrip().endswith(TERMINAL)
        and prev.x1 >= geo.right - 2 * prev.size
        and not _mid_heading(prev)
    )
    flows = _continues(prev.text, cur.text) or wrapped or label_runs_on
    if restyled and not (flows and gap <= geo.gap + 0.3 * cur.size):
        return True
    if (id(cur) in table) != (id(prev) in table):
        return True
    if id(cur) in table and abs(cur.bottom - prev.bottom) > 0.4 * cur.size and gap > geo.gap + 0.2 * cur.size:
        return True
    opener = line_bullet(cur)
    if opener and opener[1] and THOUSANDS.fullmatch(opener[1]) and not prev.text.rstrip().endswith(TERMINAL):
        opener = None  # '14.500 personas' carrying on a sentence: a figure, not a list number ('90.101' after a stop)
    if opener and (opener[1] is None or cur.x0 <= prev.x0 + 2 or prev.text.rstrip().endswith(TERMINAL)):
        return True  # a bullet always opens an item; a number only at the margin or after a full stop
    ended = prev.text.rstrip().endswith(TERMINAL)
    if ended and cur.x0 > prev.x0 + 0.9 * cur.size and not bullet_of(prev.text):
        return True
    if ended and prev.x1 < geo.right - 3.0 * prev.size and cur.x0 <= prev.x0 + 0.5:
        return True
    if _stacked_headings(prev, cur, geo):
        return True
    return bool(cur.underline != prev.underline and len(cur.text) > 3)


def segment(pages: list[PageLayout], body_size: float) -> list[Block]:
    """Cut every page's body lines into blocks, in reading order."""
    blocks: list[Block] = []
    for page in pages:
        table = _table_rows(page)
        for col in _columns(page):
            geo = _page_geometry(page, col, body_size)
            col_blocks: list[Block] = []
            prev: Line | None = None
            for ln in col:
                if not col_blocks or prev is None or _starts_new(prev, ln, geo, table):
                    col_blocks.append(Block(lines=[ln]))
                else:
                    col_blocks[-1].lines.append(ln)
                prev = ln
            for b in col_blocks:
                _classify(b, geo, table)
            blocks.extend(col_blocks)
    return _join_broken(blocks)


def _classify(b: Block, geo: _Geometry, table: set[int]) -> None:
    first = b.lines[0]
    b.extra["left"] = geo.left
    b.extra["right"] = geo.right
    b.indent = first.x0 - geo.left
    if any(id(ln) in table for ln in b.lines):
        b.kind = "table"
        return
    found = line_bullet(first)
    if found:
        b.marker, b.number = found
        if b.number is None or not b.number[:1].isdigit():
            b.kind = "bullet"
        return
    left, right = geo.left, geo.right
    labelled = any(abs(x.bottom - y.bottom) < 0.4 * y.size for x, y in itertools.pairwise(b.lines))
    if (
        len(b.lines) >= 2
        and not labelled  # a run-in label and its text share a line: a paragraph, not a quotation
        and max(ln.x0 for ln in b.lines[1:]) - min(ln.x0 for ln in b.lines[1:]) < 3
        and all(ln.x0 > left + 1.8 * ln.size for ln in b.lines)
        and max(ln.x1 for ln in b.lines) < right - 1.8 * first.size
    ):
        b.kind = "quote"


def _join_broken(blocks: list[Block]) -> list[Block]:
    """Glue a block a page or column break cut mid-sentence back onto its start."""
    out: list[Block] = []
    for b in blocks:
        if out:
            a = out[-1]
            last, first = a.lines[-1], b.lines[0]
            moved = first.page != last.page or first.top < last.top - 2
            if (
                moved
                and (a.kind == b.kind or (b.kind in ("body", "quote") and a.kind == "bullet"))
                and a.kind != "table"
                and abs(first.size - last.size) < 0.6
                and first.is_bold == last.is_bold
                and not last.text.rstrip().endswith(TERMINAL)
                and not line_bullet(first)
                and (first.text[:1].islower() or last.text.rstrip()[-1:] in ",-–(" or _mid_sentence(last.text))
            ):
                a.lines.extend(b.lines)
                continue
        out.append(b)
    return out


def _stacked_headings(prev: Line, cur: Line, geo: _Geometry) -> bool:
    """Two display lines, the first well short of the margin and the second starting a new
    phrase: two headings set one under the other, not one heading wrapped."""
    if not ((prev.is_bold or prev.is_italic) and (cur.is_bold or cur.is_italic)):
        return False
    width = geo.right - geo.left
    if width <= 0 or prev.x1 > geo.right - 0.25 * width:
        return False
    first = cur.text.lstrip()[:1]
    return (
        (first.isupper() or first.isdigit())
        and not prev.text.rstrip().endswith((",", "-", "–", "/", "&"))
        and not _mid_sentence(prev.text)
    )


def _mid_heading(line: Line) -> bool:
    """A line in capitals is a heading's, and does not run on into body text."""
    letters = [c for c in line.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _continues(prev: str, cur: str) -> bool:
    """The next line carries on the previous one's sentence (no stop, lower-case start)."""
    p = prev.rstrip()
    return bool(p) and not p.endswith(TERMINAL) and cur.lstrip()[:1].islower()


def _mid_sentence(text: str) -> bool:
    words = text.rstrip().split()
    return bool(words) and words[-1].casefold() in {
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "for",
        "by",
        "with",
        "de",
        "la",
        "el",
        "los",
        "las",
        "y",
        "en",
        "le",
        "les",
        "et",
        "des",
        "du",
        "que",
        "its",
        "their",
        "as",
        "at",
    }
