"""Text assembled from printed lines, with every character's page box kept.

Joining lines, dropping footnote markers and undoing end-of-line hyphenation
all change character offsets; building the text through `TextMap` keeps, for
each output character, the box it was printed in, so any span of a paragraph
or a note maps back to the page exactly.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from extract.reading.glyphs import HYPHENS
from extract.reading.packed import PackedBoxes
from extract.reading.read import SUP, Box4, Line

# Superscript runs that are footnote markers: digits (maybe several, "1,2"), asterisks/daggers,
# or lower-case roman numerals (Word's endnote style "i, ii, iii").
MARKER_TEXT = re.compile(r"^(?:\d{1,3}(?:[,\-–]\d{1,3})*|[*†‡]{1,3}|[ivxl]{1,7})$")
ROMAN = re.compile(r"^(?=[ivxl])(xl|l?x{0,3})(ix|iv|v?i{0,3})$")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
WORD_BEFORE = re.compile(r"([^\W\d_]+)-$")
WORD_AFTER = re.compile(r"^([^\W\d_]+)")
WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Prefixes that form real hyphenated compounds even when the break falls on the hyphen.
COMPOUND_PREFIXES = frozenset(
    (
        "ill self non anti co ex well long short post pre cross multi semi so counter cyber socio inter "
        "follow up low high full part first second third one two three four five decision law policy "
        "child gender state community rights human women sub vice quasi pro all"
    ).split()
)


@dataclass(slots=True)
class Marker:
    """A footnote marker cut out of the text: `offset` is where it stood."""

    label: str
    offset: int
    page: int
    bbox: Box4


@dataclass(slots=True)
class LineSpan:
    start: int
    end: int
    page: int
    bbox: Box4


@dataclass(slots=True)
class TextMap:
    chars: list[str] = field(default_factory=list)
    boxes: PackedBoxes = field(default_factory=lambda: PackedBoxes(5, nullable=True))
    """per output character: (page, x0, top, x1, bottom), or None for a joining space"""
    markers: list[Marker] = field(default_factory=list)
    spans: list[LineSpan] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def __len__(self) -> int:
        return len(self.chars)

    def _push(self, ch: str, box: tuple[int, float, float, float, float] | None) -> None:
        self.chars.append(ch)
        self.boxes.append(box)

    def add_line(
        self,
        line: Line,
        skip: int = 0,
        vocab: Counter[str] | None = None,
        joiner: str | None = None,
        glued: GluedMarkers | None = None,
    ) -> None:
        """Append a printed line (from char `skip`), joined to what came before.

        `joiner` replaces the usual join (space or de-hyphenation), e.g. between table cells;
        `glued` lets full-size digits stuck to a word count as markers of notes that have none.
        """
        text = line.text
        if self.chars:
            if joiner is None:
                self._join(text[skip:], vocab)
            else:
                self.add_text(joiner)
        start_len = len(self.chars)
        i = skip
        n = len(text)
        flags = line.flags
        page = line.page
        boxes = cast("Sequence[tuple[float, ...]]", line.boxes)  # a line's boxes are never None
        packed = line.boxes if isinstance(line.boxes, PackedBoxes) else None  # copied without tuples
        while i < n:
            f = flags[i]
            if f & SUP:
                j = i
                while j < n and flags[j] & SUP:
                    j += 1
                run = text[i:j].strip().rstrip(",;")
                if MARKER_TEXT.match(run) and _labels(run) and not _is_exponent(text, i):
                    x0 = boxes[i][0]
                    x1 = boxes[j - 1][2]
                    top = min(b[1] for b in boxes[i:j])
                    bottom = max(b[3] for b in boxes[i:j])
                    for label in _labels(run):
                        self.markers.append(Marker(label, len(self.chars), page, (x0, top, x1, bottom)))
                    # a space printed before the marker is dropped, one after it is kept once
                    if self.chars and self.chars[-1] == " " and j < n and text[j] == " ":
                        self.chars.pop()
                        self.boxes.pop()
                    i = j
                    continue
            ch = text[i]
            if ch == " " and (not self.chars or self.chars[-1] == " "):
                i += 1
                continue
            if glued is not None and ch.isdigit() and self.chars:
                j = glued.match(text, i, self.chars[-1], self.chars[-2] if len(self.chars) > 1 else " ")
                if j:
                    b0, b1 = boxes[i], boxes[j - 1]
                    self.markers.append(Marker(text[i:j], len(self.chars), page, (b0[0], b0[1], b1[2], b1[3])))
                    i = j
                    continue
            self.chars.append(ch)
            if packed is not None:
                self.boxes.append_prefixed(page, packed, i)
            else:
                b = boxes[i]
                self.boxes.append((page, b[0], b[1], b[2], b[3]))
            i += 1
        if len(self.chars) > start_len:
            self.spans.append(LineSpan(start_len, len(self.chars), page, (line.x0, line.top, line.x1, line.bottom)))

    def _join(self, following: str, vocab: Counter[str] | None) -> None:
        """Space between lines, or nothing when the previous line ended in a hyphenated word."""
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.boxes.pop()
        if not self.chars:
            return
        last = self.chars[-1]
        if last in HYPHENS:
            tail = "".join(self.chars[-40:])
            before = WORD_BEFORE.search(tail)
            after = WORD_AFTER.match(following.lstrip())
            if before and after:
                if last == "\u00ad" or not _keep_hyphen(before.group(1), after.group(1), vocab):
                    self.chars.pop()
                    self.boxes.pop()
                elif last == "\u00ad":
                    self.chars[-1] = "-"
                return
            if last == "\u00ad":
                self.chars[-1] = "-"
            if before and not following[:1].isspace():
                return
        if last in "/" and following[:1] and not following[:1].isspace():
            return  # URLs broken after a slash
        self._push(" ", None)

    def add_text(self, text: str) -> None:
        """Literal text with no page box (a cell separator)."""
        for ch in text:
            self._push(ch, None)

    def bbox(self, start: int, end: int) -> tuple[int, Box4] | None:
        """Page and box of chars [start, end) on the page where the span starts."""
        page = None
        x0 = top = 1e9
        x1 = bottom = -1e9
        for b in self.boxes[start:end]:
            if b is None:
                continue
            if page is None:
                page = int(b[0])
            elif int(b[0]) != page:
                break
            x0 = min(x0, b[1])
            top = min(top, b[2])
            x1 = max(x1, b[3])
            bottom = max(bottom, b[4])
        if page is None:
            return None
        return page, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))

    def line_boxes(self, start: int, end: int) -> list[tuple[int, Box4]]:
        """One box per printed line that chars [start, end) cover: a phrase that wraps has two."""
        out: list[tuple[int, Box4]] = []
        # spans run in text order: start at the first that ends after `start` (every mention asks)
        for sp in itertools.islice(self.spans, bisect.bisect_right(self.spans, start, key=lambda sp: sp.end), None):
            if sp.start >= end:
                break
            lo, hi = max(start, sp.start), min(end, sp.end)
            if lo >= hi:
                continue
            found = self.bbox(lo, hi)
            if found is not None:
                out.append(found)
        return out

    def page_boxes(self) -> list[tuple[int, Box4]]:
        """One box per page (and column) the text covers, in order."""
        out: list[tuple[int, Box4]] = []
        for sp in self.spans:
            if out and out[-1][0] == sp.page and sp.bbox[1] >= out[-1][1][1] - 2:
                p, (x0, top, x1, bottom) = out[-1]
                out[-1] = (p, (min(x0, sp.bbox[0]), top, max(x1, sp.bbox[2]), max(bottom, sp.bbox[3])))
            else:
                out.append((sp.page, sp.bbox))
        return [(p, tuple(round(v, 2) for v in b)) for p, b in out]  # type: ignore[misc]

    def strip(self) -> None:
        """Trim spaces at both ends, moving marker and span offsets with the text."""
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.boxes.pop()
        lead = 0
        while lead < len(self.chars) and self.chars[lead] == " ":
            lead += 1
        if lead:
            del self.chars[:lead]
            del self.boxes[:lead]
        n = len(self.chars)
        for m in self.markers:
            m.offset = min(max(m.offset - lead, 0), n)
        for sp in self.spans:
            sp.start = min(max(sp.start - lead, 0), n)
            sp.end = min(max(sp.end - lead, 0), n)

    def drop_prefix(self, k: int) -> None:
        """Remove the first k chars (a bullet or a note number) keeping offsets true."""
        if k <= 0:
            return
        del self.chars[:k]
        del self.boxes[:k]
        n = len(self.chars)
        for m in self.markers:
            m.offset = min(max(m.offset - k, 0), n)
        for sp in self.spans:
            sp.start = min(max(sp.start - k, 0), n)
            sp.end = min(max(sp.end - k, 0), n)
        self.spans = [sp for sp in self.spans if sp.end > sp.start]
        self.strip()


class GluedMarkers:
    """Note numbers printed full size and stuck to the word they annotate ('states.1').

    Some PDFs lose the superscript: the marker is a plain digit after a word
    or its full stop. Only numbers of notes that have no raised marker at all
    are taken, in increasing order, so years and quantities stay text.
    """

    def __init__(self, missing: set[str]) -> None:
        self.missing = missing
        self.last = 0

    def match(self, text: str, i: int, prev: str, prev2: str) -> int:
        """End of a glued marker starting at text[i], or 0."""
        if not self.missing:
            return 0
        j = i
        while j < len(text) and text[j].isdigit() and j - i < 3:
            j += 1
        after_ok = j == len(text) or not (text[j].isalnum() or text[j] in "%/-–.,")
        ends_sentence = j < len(text) and text[j] in ".," and (j + 1 == len(text) or text[j + 1] == " ")
        if not (after_ok or ends_sentence):
            return 0
        label = text[i:j]
        if label not in self.missing or int(label) <= self.last:
            return 0
        glued_to_word = prev.islower() or (prev in '.,;:)”’"' and (prev2.isalpha() or prev2 in ")”’"))
        if not glued_to_word:
            return 0
        self.missing.discard(label)
        self.last = int(label)
        return j


def _is_exponent(text: str, i: int) -> bool:
    """A raised digit right after a unit-like token ('m2', 'km2') is an exponent, not a marker."""
    return i >= 2 and text[i - 1] in "mM" and text[i - 2] in "kcm "


def roman_value(text: str) -> int | None:
    """'xiv' → 14; None when the text is not a lower-case roman numeral below 90."""
    if not ROMAN.match(text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        v = ROMAN_VALUES[a]
        total += -v if b != " " and ROMAN_VALUES[b] > v else v
    return total


def roman_label(n: int) -> str:
    """14 → 'xiv': the lower-case roman numeral Word prints for an endnote (1 to 89)."""
    out = ""
    for value, letters in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def marker_labels(run: str) -> list[str]:
    """The note numbers a raised run stands for (none if it is not a marker)."""
    return _labels(run) if run and MARKER_TEXT.match(run) else []


def _labels(run: str) -> list[str]:
    """'3' → ['3']; '1,2' → ['1', '2']; '4-6' → ['4', '5', '6'] (a marker range); 'iv' → ['4']."""
    if run[0] in "*†‡":
        return [run]
    if run[0].isalpha():
        value = roman_value(run)
        return [str(value)] if value else []
    out: list[str] = []
    for part in run.split(","):
        if "-" in part or "–" in part:
            a, _, b = part.replace("–", "-").partition("-")
            if a.isdigit() and b.isdigit() and 0 < int(b) - int(a) < 10:
                out.extend(str(k) for k in range(int(a), int(b) + 1))
                continue
        if part:
            out.append(part)
    return out


def _keep_hyphen(left: str, right: str, vocab: Counter[str] | None) -> bool:
    """Is 'left-' + 'right' a real hyphenated word rather than a word broken at the line end?"""
    if right[:1].isupper():
        return True
    joined = (left + right).casefold()
    hyph = f"{left}-{right}".casefold()
    if vocab is not None:
        if vocab.get(hyph, 0) > vocab.get(joined, 0):
            return True
        if vocab.get(joined, 0):
            return False
    return left.casefold() in COMPOUND_PREFIXES


def vocabulary(lines: list[Line]) -> Counter[str]:
    """Words (hyphenated ones whole) as printed inside lines, to judge line-end hyphens."""
    c: Counter[str] = Counter()
    for ln in lines:
        body = ln.text[:-1] if ln.text.endswith(tuple(HYPHENS)) else ln.text
        for w in WORDS.findall(body):
            c[w.casefold()] += 1
    return c
