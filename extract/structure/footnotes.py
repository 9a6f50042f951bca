"""Stage 4, `footnotes`: note texts from page-foot zones and endnote lists, linked to their markers.

Notes are numbered in sequence, so a line in a note zone starts a new note
only when its leading number is the next one expected (or a raised number
close to it); any other line continues the current note, on the same page or
the next. Markers were cut out of the body text while it was assembled; here
each is matched to the note of its number, in order, so a numbering that
restarts (an annex) still pairs the right ones.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from extract.reading.read import SUP, Line
from extract.structure.blocks import Block
from extract.structure.layout import LABEL_TAB, NOTE_HEADINGS, Layout
from extract.structure.textmap import Marker, TextMap, marker_labels, roman_label, roman_value
from schemas import Anchor, Box, ExtractWarning, Footnote, Span

LABEL = re.compile(r"^\s*(?:\[(\d{1,3})\]|\(?(\d{1,3})[.)]?(?=[\s\t]|[^\W\d_]{2}|[“\"'(])|([*†‡]{1,3}))\s*")


@dataclass(slots=True)
class NoteDraft:
    label: str
    """the number markers are matched by ('4' for a note printed 'iv')"""
    tm: TextMap = field(default_factory=TextMap)
    page: int = 1
    endnote: bool = False
    printed: str = ""
    """the label as printed, when it differs from `label`"""


def _label(line: Line) -> tuple[str, int] | None:
    """(label, chars to skip) if the line opens with a note number or symbol."""
    text = line.text
    if text and line.flags and line.flags[0] & SUP:
        j = 0
        while j < len(text) and line.flags[j] & SUP:
            j += 1
        run = text[:j].strip()
        value = roman_value(run) if run.isalpha() else None
        if value:
            run = str(value)  # Word's roman endnote labels (i, ii, iii) number like 1, 2, 3
        if run.isdigit() or (run and set(run) <= set("*†‡")):
            while j < len(text) and text[j] == " ":
                j += 1
            return run, j
    m = LABEL.match(text)
    if m and m.end() < len(text):
        skip = m.end()
        # a list number followed by the raised note label proper ("12. xii Text", the label maybe set
        # after a tab stop): skip both
        k = skip
        while k < len(text) and text[k] == " ":
            k += 1
        if k < len(text) and line.flags[k] & SUP:
            skip = k
        while skip < len(text) and line.flags[skip] & SUP:
            skip += 1
        return (m.group(1) or m.group(2) or m.group(3)), skip
    return None


def _printed(line: Line, skip: int) -> str:
    """A note's label as printed ('iv', '12'), from the characters its line opens with; after a list
    number ('1. i In January …') the note's own label, the one the body's marker shows."""
    parts = line.text[:skip].split()
    return (parts[-1] if parts else "").strip(".)[]").strip()


def _plausible(label: str, last: int | None, raised: bool) -> bool:
    if not label.isdigit():
        return True
    n = int(label)
    if last is None:
        return n <= 3 or raised  # notes start at 1 ('21 November 2011' on a cover is a date)
    if n == last + 1:
        return True
    if raised and 0 < n - last <= 5:
        return True
    return n == 1 and last >= 1 and raised


def _bare_label(line: Line) -> tuple[str, str] | None:
    """(label, as printed) of a line that is only a note number, set apart from its text by a tab stop;
    a roman one ('xi') numbers like its value, as Word's endnotes do."""
    t = line.text.strip().rstrip(".)")
    if (t.isdigit() and len(t) <= 3) or (t and set(t) <= set("*†‡")):
        return t, t
    value = roman_value(t) if t.isalpha() and len(t) <= 7 else None
    return (str(value), t) if value else None


def _attach_bare_labels(lines: list[Line], note_size: float | None) -> list[tuple[Line, tuple[str, bool, str] | None]]:
    """Pair each note number printed apart (tab-separated, often raised) with the text line beside it:
    (label, raised, as printed)."""
    bare: list[tuple[Line, tuple[str, str]]] = []
    text: list[Line] = []
    for ln in lines:
        found = _bare_label(ln)
        if found is None:
            text.append(ln)
        else:
            bare.append((ln, found))
    label_of: dict[int, tuple[str, bool, str]] = {}
    for ln, (lab, printed) in bare:
        raised = bool(ln.flags and ln.flags[0] & SUP) or ln.size < (note_size or ln.size) - 0.4
        beside = [
            t
            for t in text
            if t.x0 >= ln.x1 - 1
            and t.x0 - ln.x1 < LABEL_TAB
            and t.top < ln.bottom
            and t.bottom > ln.top
            and id(t) not in label_of
        ]
        if beside:
            label_of[id(min(beside, key=lambda t: t.x0))] = (lab, raised, printed)
    return [(t, label_of.get(id(t))) for t in text]


def zone_notes(layout: Layout) -> list[NoteDraft]:
    """Notes printed in the page-foot zones, continuations joined across pages."""
    notes: list[NoteDraft] = []
    last: int | None = None
    for page in layout.pages:
        for ln, bare in _attach_bare_labels(page.notes, layout.note_size):
            if bare is not None and _plausible(bare[0], last, bare[1]):
                label = bare[0]
                if label.isdigit():
                    last = int(label)
                d = NoteDraft(label=label, page=ln.page, endnote=page.endnotes, printed=bare[2])
                d.tm.add_line(ln)
                notes.append(d)
                continue
            lab = _label(ln)
            raised = bool(ln.flags and ln.flags[0] & SUP)
            if lab and _plausible(lab[0], last, raised):
                label, skip = lab
                if label.isdigit():
                    last = int(label)
                d = NoteDraft(label=label, page=ln.page, endnote=page.endnotes, printed=_printed(ln, skip))
                d.tm.add_line(ln, skip=skip)
                notes.append(d)
            elif notes:
                notes[-1].tm.add_line(ln)
            elif not ln.text.strip():
                continue
            else:
                # text in a note zone before any note: keep it as an unnumbered note
                d = NoteDraft(label="?", page=ln.page)
                d.tm.add_line(ln)
                notes.append(d)
    for d in notes:
        d.tm.strip()
    _keep_roman_style(notes)
    return [d for d in notes if d.tm.chars or d.label != "?"]


def _keep_roman_style(notes: list[NoteDraft]) -> None:
    """Between notes ii and iv, a note printed 3: the text layer lost its roman label (set apart after
    its list number), so it keeps its neighbours' style: 'iii'."""
    for k in range(1, len(notes) - 1):
        d, before, after = notes[k], notes[k - 1], notes[k + 1]
        shown = d.printed or d.label
        if not (shown.isdigit() and d.label == shown and 0 < int(shown) < 90):
            continue
        n = int(shown)
        if roman_value(before.printed or "") == n - 1 and roman_value(after.printed or "") == n + 1:
            d.printed = roman_label(n)


ROMAN_LEAD = re.compile(r"^\s*([ivx]{1,5})\s+(?=[^\W\d_])")
"""A lower-case roman label set flat at a line's start ('i Website of …'): an endnote list's, in its sequence."""


def _endnote_label(line: Line, roman: bool | None) -> tuple[str, int] | None:
    """The label a line of an endnote list opens with, in the list's own numbering style.

    A list labelled i, ii, iii keeps to roman labels, so the numbered references
    inside one of its notes ('6 Amnesty International …') do not start notes.
    """
    lab = _label(line)
    if lab is None:
        m = ROMAN_LEAD.match(line.text)
        value = roman_value(m.group(1)) if m else None
        if m is None or value is None:
            return None
        lab = (str(value), m.end())
    if roman is not None and _printed(line, lab[1]).isalpha() != roman:
        return None
    return lab


def _held_in_list(b: Block, last: int | None, roman: bool | None) -> bool:
    """A 'heading' inside an endnote list that is one of its lines: the next note, or a numbered
    reference inside a note of a roman-labelled list ('5 Palmer M. Inquiry into …')."""
    lab = _label(b.lines[0]) if b.lines else None
    if lab is None:
        return False
    if roman and not _printed(b.lines[0], lab[1]).isalpha():
        return True
    return lab[0].isdigit() and last is not None and int(lab[0]) == last + 1


def endnote_blocks(blocks: list[Block], note_heading_ids: set[int]) -> tuple[list[NoteDraft], set[int]]:
    """Notes listed under a 'Notes'/'Endnotes' heading: the blocks they use are not body text.

    A label printed alone on its line ('ix', its text on the next line) opens the note below it.
    """
    notes: list[NoteDraft] = []
    used: set[int] = set()
    inside = False
    last: int | None = None
    roman: bool | None = None  # the list's numbering style, once its first note shows it
    pending: tuple[str, str] | None = None  # a bare label waiting for its text line
    for b in blocks:
        if id(b) in note_heading_ids:
            inside = True
            used.add(id(b))
            continue
        if not inside:
            continue
        if b.heading and not _held_in_list(b, last, roman):
            inside = False
            continue
        for ln in b.lines:
            raised = bool(ln.flags and ln.flags[0] & SUP)
            bare = _bare_label(ln)
            same_style = bare is not None and (roman is None or bare[1].isalpha() == roman)
            if bare is not None and same_style and _plausible(bare[0], last, raised or last is None):
                pending = bare
                continue
            lab = _endnote_label(ln, roman) if pending is None else None
            if pending is not None:
                label, printed, skip = pending[0], pending[1], 0
            elif lab and _plausible(lab[0], last, raised or last is None):
                label, skip = lab
                printed = _printed(ln, skip)
            else:
                if notes:
                    notes[-1].tm.add_line(ln)
                continue
            pending = None
            if label.isdigit():
                last = int(label)
            if roman is None:
                roman = printed.isalpha()
            d = NoteDraft(label=label, page=ln.page, endnote=True, printed=printed)
            d.tm.add_line(ln, skip=skip)
            notes.append(d)
        used.add(id(b))
    for d in notes:
        d.tm.strip()
    _keep_roman_style(notes)
    return notes, used


def note_headings(blocks: list[Block]) -> set[int]:
    """Blocks titled Notes/Endnotes (a heading, or a title line standing alone) followed by labelled lines."""
    out: set[int] = set()
    for i, b in enumerate(blocks):
        if not NOTE_HEADINGS.match(b.text.strip()) or not (b.heading or len(b.lines) == 1):
            continue
        following = blocks[i + 1 : i + 4]
        if any(_endnote_label(nb.lines[0], None) or _bare_label(nb.lines[0]) for nb in following if nb.lines):
            out.add(id(b))
    return out


def unmarked_labels(drafts: list[NoteDraft], body: list[Line]) -> set[str]:
    """Numbers of notes that no raised marker in the body refers to."""
    raised: set[str] = set()
    for ln in body:
        i, n = 0, len(ln.text)
        while i < n:
            if ln.flags[i] & SUP:
                j = i
                while j < n and ln.flags[j] & SUP:
                    j += 1
                raised.update(marker_labels(ln.text[i:j].strip().rstrip(",;")))
                i = j
            else:
                i += 1
    return {d.label for d in drafts if d.label.isdigit() and not d.endnote} - raised


@dataclass(slots=True)
class Linked:
    footnotes: list[Footnote]
    maps: dict[str, TextMap]
    warnings: list[ExtractWarning]


def link(
    drafts: list[NoteDraft],
    markers: list[tuple[str | None, Marker]],
) -> Linked:
    """Footnote records with anchors; markers and notes left unpaired become warnings.

    `markers` are (paragraph id or None for a heading, marker) in reading order.
    """
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        by_label[d.label].append(i)
    anchors: dict[int, list[Anchor]] = defaultdict(list)
    warnings: list[ExtractWarning] = []
    cursor: dict[str, int] = Counter()
    unmatched: list[tuple[str | None, Marker]] = []
    for par_id, m in markers:
        idx = by_label.get(m.label)
        if not idx:
            unmatched.append((par_id, m))
            continue
        # the first note with this label not yet used, else the last one (repeated marker)
        k = cursor[m.label]
        pos = idx[k] if k < len(idx) else idx[-1]
        if k < len(idx):
            # a later duplicate label (numbering restarted) only if this one was already anchored
            cursor[m.label] = k + 1
        anchors[pos].append(Anchor(paragraph=par_id, page=m.page, offset=m.offset, bbox=_round(m.bbox)))
    footnotes: list[Footnote] = []
    maps: dict[str, TextMap] = {}
    for i, d in enumerate(drafts):
        fid = f"fn{i + 1}"
        boxes = [Box(page=p, bbox=b) for p, b in d.tm.page_boxes()]
        first = boxes[0] if boxes else Box(page=d.page, bbox=(0.0, 0.0, 0.0, 0.0))
        shown = d.printed or d.label
        number: int | str = int(shown) if shown.isdigit() else shown
        footnotes.append(
            Footnote(
                id=fid,
                number=number,
                text=d.tm.text,
                page=first.page,
                bbox=first.bbox,
                anchors=anchors.get(i, []),
                endnote=d.endnote,
                boxes=boxes if len(boxes) > 1 else [],
                spans=[Span(start=s.start, end=s.end, page=s.page, bbox=_round(s.bbox)) for s in d.tm.spans],
            )
        )
        maps[fid] = d.tm
        if d.label != "?" and i not in anchors:
            warnings.append(
                ExtractWarning(
                    code="footnote_without_marker",
                    message=f"note {d.label} on page {first.page} has no marker in the body",
                    page=first.page,
                )
            )
    for _, m in unmatched:
        warnings.append(
            ExtractWarning(
                code="marker_without_footnote",
                message=f"marker {m.label} on page {m.page} has no note text",
                page=m.page,
            )
        )
    return Linked(footnotes, maps, warnings)


def heading_anchors(footnotes: list[Footnote], heading_markers: dict[str, list[Marker]]) -> dict[str, str]:
    """Note id -> the section whose heading carries its first marker (an anchor with no paragraph).

    `link` records such an anchor without a paragraph; the marker it came from is known exactly, so
    the note's section is read back from the marker, not guessed from where the boxes overlap.
    """
    at = {(m.page, m.offset, _round(m.bbox)): sec for sec, ms in heading_markers.items() for m in ms}
    out: dict[str, str] = {}
    for f in footnotes:
        for a in f.anchors:
            sec = at.get((a.page, a.offset, a.bbox)) if a.paragraph is None and a.bbox is not None else None
            if sec is not None:
                out[f.id] = sec
                break
    return out


def _round(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))
