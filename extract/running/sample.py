"""Sample UPR documents about a fictional State, for the quick start and the tests.

Real UPR PDFs may not be committed, so the repository draws its own with
reportlab: an NGO submission (in layout variants, plus a short Spanish one)
and the Working Group report whose recommendations it cites. Every feature the
reader has to cope with is put there on purpose and in a known place: running
header and footer, superscript markers, page-bottom footnotes under a short
rule, notes that continue on the next page or land on a later page than their
marker, endnotes, two columns, Symbol-font bullets, fi/fl ligature glyphs,
soft hyphens broken at a line end, a table and a quote. `bad_inputs` writes the
hostile files the robustness tests feed to the pipeline.

All prose lives in data/sample_text.json; this module only lays it out.
Output is deterministic (reportlab's invariant mode, no clock, no randomness
without a fixed seed), so regenerating data/raw/ gives identical bytes.
"""

from __future__ import annotations

import codecs
import functools
import io
import json
import os
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from extract import DATA_DIR

__all__ = [
    "SAMPLE_FILES",
    "USER_PASSWORD",
    "VARIANTS",
    "bad_inputs",
    "expected",
    "load_text",
    "main",
    "submission_bytes",
    "symlink_loop",
    "tiny_pdf_bytes",
    "wg_report_bytes",
    "write_all",
    "write_submission",
    "write_wg_report",
]

DATA_FILE = DATA_DIR / "sample_text.json"

Variant = Literal["standard", "two_column", "endnotes", "continued_footnotes", "spanish"]
VARIANTS: tuple[Variant, ...] = ("standard", "two_column", "endnotes", "continued_footnotes", "spanish")

# The committed sample set (data/raw/), named like the shared corpus files.
SAMPLE_FILES: dict[str, str] = {
    "submission": "ngo_lantern_rights_veloria_2023.pdf",
    "submission_es": "ngo_aprodehm_veloria_2023_es.pdf",
    "wg_report": "un_wgreport_veloria_2018.pdf",
}

USER_PASSWORD = "veloria"  # the user password of bad_inputs()["encrypted_user"]
OWNER_PASSWORD = "veloria-owner"

PAGE_W, PAGE_H = A4

# Layout of the NGO submissions (points).
NGO_MARGIN = 72.0
NGO_COLUMN_GAP = 18.0
NGO_TITLE_BLOCK_H = 190.0  # the full-width cover block of the two-column variant
# Footnote area: the separator rule sits RULE_DROP below the raised frame
# bottom; notes start SEP_H below it and are NOTE_GAP apart.
SEP_H = 12.0
RULE_DROP = 4.0
NOTE_GAP = 2.0
SHORT_RULE = 144.0
NOTE_RULE_WIDTH = 0.5  # stroke of the note separator; nothing else on the page uses it

# Layout of the UN report: text block 57..538 pt, paragraphs indented by 56 pt.
UN_LEFT = 57.0
UN_WIDTH = 481.0
UN_COVER_TOP = 225.0  # the cover furniture takes the top of page 1

# Fonts: the standard 14 PostScript fonts (never embedded, so files stay
# small). The NGO fonts use an encoding that adds the fi/fl ligature glyphs
# the standard fonts carry but WinAnsi cannot reach, as a word processor
# would print them.
LIG_ENCODING = "UPRSampleLig"
LIG_CODES: dict[str, tuple[int, str]] = {"\ufb01": (0x81, "fi"), "\ufb02": (0x8D, "fl")}
LIG_FONTS: dict[str, str] = {
    "SansLig": "Helvetica",
    "SansLig-Bold": "Helvetica-Bold",
    "SansLig-Oblique": "Helvetica-Oblique",
    "SansLig-BoldOblique": "Helvetica-BoldOblique",
}
BULLET_FONT = "Symbol"  # the bullet glyph of the Symbol font, as Word lists print it
SUB_BULLET_FONT = "Courier"  # Word's second-level bullet is an "o" in Courier New
SUB_BULLET = "o"

_MARKER_RE = re.compile(r"\[\^([A-Za-z0-9_]+)\]")
_TAG_RE = re.compile(r"(<[^<>]*>)")
_WORD_RE = re.compile(r"[A-Za-z]+")


# --------------------------------------------------------------------------- data


@functools.cache
def load_text() -> dict[str, Any]:
    """The prose of every sample document (read once)."""
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def expected() -> dict[str, Any]:
    """Facts the samples state (cited recommendations, the named case), for later stages' tests."""
    facts: dict[str, Any] = load_text()["expected"]
    return facts


# --------------------------------------------------------------------------- fonts


def _lig_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    out = bytearray()
    for ch in text:
        lig = LIG_CODES.get(ch)
        out += bytes((lig[0],)) if lig else ch.encode("cp1252", errors)
    return bytes(out), len(text)


def _lig_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    back = {code: ch for ch, (code, _) in LIG_CODES.items()}
    raw = bytes(data)
    return "".join(back.get(b) or bytes((b,)).decode("cp1252", errors) for b in raw), len(raw)


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name == LIG_ENCODING.lower():
        return codecs.CodecInfo(_lig_encode, _lig_decode, name=LIG_ENCODING.lower())
    return None


@functools.cache
def _register_fonts() -> None:
    """Register the ligature-capable Helvetica family once per process."""
    from reportlab.lib.fonts import addMapping

    codecs.register(_find_codec)
    encoding = pdfmetrics.Encoding(LIG_ENCODING, "WinAnsiEncoding")
    for code, glyph in LIG_CODES.values():
        encoding[code] = glyph
    pdfmetrics.registerEncoding(encoding)
    for name, face in LIG_FONTS.items():
        pdfmetrics.registerFont(pdfmetrics.Font(name, face, LIG_ENCODING))
    for (bold, italic), name in {
        (0, 0): "SansLig",
        (1, 0): "SansLig-Bold",
        (0, 1): "SansLig-Oblique",
        (1, 1): "SansLig-BoldOblique",
    }.items():
        addMapping("SansLig", bold, italic, name)


# --------------------------------------------------------------------------- notes


@dataclass
class _Note:
    key: str
    label: str
    text: str  # reportlab markup, without the label
    defer: bool = False
    max_lines: int | None = None


class _NoteBook:
    """Numbers notes in the order their markers are first met, as word processors do."""

    def __init__(self, notes: dict[str, Any], overrides: dict[str, Any] | None = None) -> None:
        self._source = notes
        self._overrides = overrides or {}
        self._used: dict[str, _Note] = {}
        self.order: list[_Note] = []
        self._count = 0

    def use(self, key: str, markup: Callable[[str], str]) -> _Note:
        if key in self._used:
            return self._used[key]
        spec = self._source[key]
        spec = {"text": spec} if isinstance(spec, str) else dict(spec)
        extra = self._overrides.get(key, {})
        text = spec["text"] + extra.get("append", "")
        label = spec.get("label")
        if label is None:
            self._count += 1
            label = str(self._count)
        note = _Note(key, label, markup(text), bool(extra.get("defer")), extra.get("max_lines"))
        self._used[key] = note
        self.order.append(note)
        return note


@dataclass
class _Plan:
    """Where a paragraph's notes go: pieces printed in this frame, pieces carried on."""

    here: list[Paragraph] = field(default_factory=list)
    carry: list[Paragraph] = field(default_factory=list)
    height: float = 0.0  # to reserve at the foot of this frame


def _super(label: str, size: float) -> str:
    return f'<super rise="{size * 0.36:.1f}" size="{size * 0.64:.1f}">{label}</super>'


class _NotesDoc(BaseDocTemplate):
    """A doc template that prints each note at the foot of the frame holding its marker.

    reportlab has no footnotes: a noted paragraph reserves room for its notes by
    raising the bottom of the current frame when it is drawn, and the notes are
    drawn there when the page ends. A note too long for the room left is split
    and continued at the foot of the next frame; a deferred note goes there whole.
    """

    def __init__(self, target: Any, *, note_style: ParagraphStyle, endnotes: bool = False, **kw: Any) -> None:
        super().__init__(target, **kw)
        self.note_style = note_style
        self.endnotes = endnotes
        self._foot: dict[str, list[Paragraph]] = {}
        self._geometry: dict[str, tuple[float, float]] = {}
        self._continued: set[str] = set()
        self._carry: list[Paragraph] = []
        self._tails: set[int] = set()  # ids of carried pieces that continue a note begun earlier
        self._pieces: dict[str, Paragraph] = {}

    def piece(self, note: _Note) -> Paragraph:
        if note.key not in self._pieces:
            size = self.note_style.fontSize
            self._pieces[note.key] = Paragraph(_super(note.label, size) + " " + note.text, self.note_style)
        return self._pieces[note.key]

    @staticmethod
    def _height(piece: Paragraph, width: float) -> float:
        return float(piece.wrap(width, 1e6)[1]) + NOTE_GAP

    def plan(self, notes: Sequence[_Note], avail: float) -> _Plan | None:
        """Place `notes` in the current frame given `avail` points, or None when they cannot start here."""
        if self.endnotes or not notes:
            return _Plan()
        frame = self.frame
        width = frame._aW
        plan = _Plan()
        used = 0.0 if self._foot.get(frame.id) else SEP_H
        carrying = bool(self._carry)  # notes already waiting: later ones must follow them
        for note in notes:
            piece = self.piece(note)
            if carrying or note.defer:
                plan.carry.append(piece)
                carrying = True
                continue
            need = self._height(piece, width)
            if note.max_lines is None and used + need <= avail:
                plan.here.append(piece)
                used += need
                continue
            room = avail - used - NOTE_GAP
            if note.max_lines is not None:
                room = min(room, note.max_lines * self.note_style.leading + 0.5)
            parts = piece.split(width, room) if room > 0 else []
            if len(parts) == 2:
                plan.here.append(parts[0])
                plan.carry.append(parts[1])
                self._tails.add(id(parts[1]))
                used += self._height(parts[0], width)
                carrying = True
            elif len(parts) == 1 and used + need <= avail:
                plan.here.append(piece)
                used += need
            else:
                return None
        plan.height = used if plan.here else 0.0
        return plan

    def commit(self, plan: _Plan) -> None:
        if plan.here:
            self._reserve(self.frame, plan.height)
            self._foot.setdefault(self.frame.id, []).extend(plan.here)
        self._carry.extend(plan.carry)

    def _reserve(self, frame: Frame, height: float) -> None:
        self._geometry.setdefault(frame.id, (frame._y1, frame._height))
        frame.y1 = frame._y1 + height
        frame.height = frame._height - height

    def handle_frameBegin(self, resume: int = 0, pageTopFlowables: Any = None) -> None:
        super().handle_frameBegin(resume, pageTopFlowables)
        if not self._carry or self.endnotes:
            return
        frame = self.frame
        pieces, self._carry = self._carry, []
        height = SEP_H + sum(self._height(p, frame._aW) for p in pieces)
        if height > frame._aH / 2:
            raise ValueError("carried notes would fill more than half a frame; shorten them")
        self._reserve(frame, height)
        self._foot[frame.id] = pieces
        if id(pieces[0]) in self._tails:
            self._continued.add(frame.id)  # a continued note gets a full-width separator

    def afterPage(self) -> None:
        for frame in self.pageTemplate.frames:
            pieces = self._foot.pop(frame.id, [])
            if pieces:
                self._draw_notes(frame, pieces, frame.id in self._continued)
            geometry = self._geometry.pop(frame.id, None)
            if geometry:
                frame.y1, frame.height = geometry
        self._continued.clear()

    def _draw_notes(self, frame: Frame, pieces: list[Paragraph], continued: bool) -> None:
        canv = self.canv
        x = frame._x1 + frame._leftPadding
        y = frame._y1p
        rule = frame._aW if continued else min(frame._aW / 3, SHORT_RULE)
        canv.saveState()
        canv.setLineWidth(NOTE_RULE_WIDTH)
        canv.line(x, y - RULE_DROP, x + rule, y - RULE_DROP)
        canv.restoreState()
        y -= SEP_H
        for piece in pieces:
            _, h = piece.wrap(frame._aW, 1e6)
            piece.drawOn(canv, x, y - h)
            y -= h + NOTE_GAP

    def finish(self) -> None:
        if self._carry:
            raise ValueError("a note was carried past the last page; move its marker earlier")


def _marker_count(para: Paragraph) -> int:
    """Markers in a (split) paragraph: its raised fragments."""
    return sum(1 for frag in para.frags if getattr(frag, "rise", 0))


class _NotedPara(Flowable):
    """A paragraph whose notes must fit at the foot of the frame it is drawn in."""

    def __init__(self, para: Paragraph, notes: list[_Note], doc: _NotesDoc) -> None:
        super().__init__()
        self.para = para
        self.notes = notes
        self.doc = doc
        self._plan: _Plan | None = None

    def getSpaceBefore(self) -> float:
        return float(self.para.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.para.getSpaceAfter())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.para.wrap(availWidth, availHeight)
        self.width, self.height = w, h
        self._plan = self.doc.plan(self.notes, availHeight - h)
        if self._plan is None:
            return w, availHeight + 1.0  # does not fit with its notes: the frame will ask for a split
        return w, h

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight
        while room > 0:
            parts = self.para.split(availWidth, room)
            if not parts:
                return []
            first = parts[0]
            _, h = first.wrap(availWidth, availHeight)
            if len(parts) == 2:
                k = _marker_count(first)
                if self.doc.plan(self.notes[:k], availHeight - h) is not None:
                    return [
                        _NotedPara(first, self.notes[:k], self.doc),
                        _NotedPara(parts[1], self.notes[k:], self.doc),
                    ]
            room = h - 1.0
        return []

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.para.drawOn(canvas, x, y, _sW)
        if self._plan is not None:
            self.doc.commit(self._plan)
            self._plan = None

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)


class _PagedCanvas(Canvas):
    """Draws page furniture once the page count is known ("Page 2 of 5")."""

    def __init__(self, *args: Any, furniture: Callable[[Canvas, int, int], None] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._furniture = furniture
        self._states: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._states)
        for number, state in enumerate(self._states, start=1):
            self.__dict__.update(state)
            if self._furniture:
                self._furniture(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)


# --------------------------------------------------------------------------- markup


class _Markup:
    """Turns data prose into reportlab markup: escaping, markers, ligatures, soft hyphens."""

    def __init__(self, book: _NoteBook, *, ligatures: bool, hyphenate: Sequence[str]) -> None:
        self.book = book
        self.ligatures = ligatures
        self.soft = {w.replace("-", ""): w.replace("-", "\u00ad") for w in hyphenate}

    def inline(self, text: str) -> str:
        """Escape and ligate prose that carries no markers (note texts, cells)."""
        return self._finish(_escape(text))

    def para(self, text: str, size: float) -> tuple[str, list[_Note], bool]:
        """Markup, the notes its markers call, and whether soft hyphens were placed."""
        notes: list[_Note] = []
        out: list[str] = []
        pos = 0
        for m in _MARKER_RE.finditer(text):
            out.append(_escape(text[pos : m.start()]))
            note = self.book.use(m.group(1), self.inline)
            notes.append(note)
            out.append(_super(note.label, size))
            pos = m.end()
        out.append(_escape(text[pos:]))
        markup = "".join(out)
        # reportlab drops a real hyphen when it may also break at soft ones,
        # so only paragraphs without hyphens get them.
        hyphens = bool(self.soft) and "-" not in text
        if hyphens:
            markup = _outside_tags(markup, lambda s: _WORD_RE.sub(lambda w: self.soft.get(w[0], w[0]), s))
        return self._finish(markup), notes, hyphens

    def _finish(self, markup: str) -> str:
        if self.ligatures:
            markup = _outside_tags(markup, lambda s: s.replace("fi", "\ufb01").replace("fl", "\ufb02"))
        return markup


def _escape(text: str) -> str:
    # Prose may carry <i>/<b> tags; only a bare ampersand needs escaping.
    return text.replace("&", "&amp;")


def _outside_tags(markup: str, fn: Callable[[str], str]) -> str:
    return "".join(part if part.startswith("<") else fn(part) for part in _TAG_RE.split(markup))


# --------------------------------------------------------------------------- NGO submission


def _heading(
    name: str, base: ParagraphStyle, font: str, size: float, leading: float, before: float, after: float, **extra: Any
) -> ParagraphStyle:
    """A heading style: bold face (its number in the same face), kept with the next paragraph."""
    return ParagraphStyle(
        name,
        base,
        fontName=font,
        bulletFontName=font,
        fontSize=size,
        leading=leading,
        spaceBefore=before,
        spaceAfter=after,
        keepWithNext=1,
        alignment=TA_LEFT,
        **extra,
    )


def _ngo_styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = ParagraphStyle("body", fontName="SansLig", fontSize=11, leading=14.5, alignment=TA_JUSTIFY, spaceAfter=7)
    numbered = ParagraphStyle("numbered", base, leftIndent=28, bulletIndent=0, bulletFontName="SansLig")
    return _same_size_bullets(
        {
            "body": base,
            "numbered": numbered,
            "h1": _heading("h1", base, "SansLig-Bold", 12.5, 16, 12, 6, leftIndent=28),
            "h2": _heading("h2", base, "SansLig-Bold", 11, 14, 8, 4, leftIndent=28),
            "h3": _heading("h3", base, "SansLig-BoldOblique", 11, 14, 6, 3, leftIndent=28),
            "bullet": ParagraphStyle(
                "bullet", base, leftIndent=50, bulletIndent=36, bulletFontName=BULLET_FONT, spaceAfter=4
            ),
            "sub": ParagraphStyle(
                "sub", base, leftIndent=72, bulletIndent=58, bulletFontName=SUB_BULLET_FONT, spaceAfter=3
            ),
            "quote": ParagraphStyle(
                "quote",
                base,
                fontName="SansLig-Oblique",
                fontSize=10.5,
                leading=14,
                leftIndent=56,
                rightIndent=28,
                spaceBefore=2,
                spaceAfter=9,
            ),
            "caption": ParagraphStyle(
                "caption",
                base,
                fontName="SansLig-Bold",
                fontSize=10,
                leading=13,
                leftIndent=28,
                spaceBefore=4,
                spaceAfter=5,
                keepWithNext=1,
                alignment=TA_LEFT,
            ),
            "cell": ParagraphStyle("cell", base, fontSize=9.5, leading=12, alignment=TA_CENTER, spaceAfter=0),
            "cell_head": ParagraphStyle(
                "cell_head", base, fontName="SansLig-Bold", fontSize=9.5, leading=12, alignment=TA_CENTER, spaceAfter=0
            ),
            "note": ParagraphStyle("note", base, fontSize=8.5, leading=10.5, alignment=TA_LEFT, spaceAfter=0),
            "endnote": ParagraphStyle("endnote", base, fontSize=8.5, leading=10.5, alignment=TA_LEFT, spaceAfter=3),
            "org": ParagraphStyle(
                "org", base, fontName="SansLig-Bold", fontSize=16, leading=20, alignment=TA_LEFT, spaceAfter=2
            ),
            "address": ParagraphStyle("address", base, fontSize=9.5, leading=12, alignment=TA_LEFT, spaceAfter=6),
            "title": ParagraphStyle(
                "title",
                base,
                fontName="SansLig-Bold",
                fontSize=15,
                leading=19,
                alignment=TA_LEFT,
                spaceBefore=12,
                spaceAfter=6,
            ),
            "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14, alignment=TA_LEFT, spaceAfter=3),
            "contact": ParagraphStyle(
                "contact", base, fontSize=9, leading=11.5, alignment=TA_LEFT, spaceBefore=4, spaceAfter=14
            ),
        }
    )


def _same_size_bullets(styles: dict[str, ParagraphStyle]) -> dict[str, ParagraphStyle]:
    """Paragraph numbers and bullet glyphs print at the text's size, as word processors do."""
    for style in styles.values():
        style.bulletFontSize = style.fontSize
    return styles


class _StoryWriter:
    """Turns content blocks into flowables, sharing one note book and one doc."""

    def __init__(self, doc: _NotesDoc, markup: _Markup, styles: dict[str, ParagraphStyle]) -> None:
        self.doc = doc
        self.markup = markup
        self.styles = styles
        self.number = 0

    def para(self, text: str, style: str, bullet: str | None = None) -> Flowable:
        st = self.styles[style]
        markup, notes, hyphens = self.markup.para(text, st.fontSize)
        if hyphens:
            st = ParagraphStyle(st.name + "-hy", st, embeddedHyphenation=1, hyphenationMinWordLength=5)
        p = Paragraph(markup, st, bulletText=bullet)
        return _NotedPara(p, notes, self.doc) if notes else p

    def numbered(self, text: str, style: str = "numbered") -> Flowable:
        self.number += 1
        return self.para(text, style, f"{self.number}.")


def _ngo_title_block(content: dict[str, Any], w: _StoryWriter) -> list[Flowable]:
    return [
        w.para(content["organisation"], "org"),
        w.para(content["address"], "address"),
        HRFlowable(width="100%", thickness=1.2, color=colors.black, spaceBefore=2, spaceAfter=2),
        w.para(content["title"], "title"),
        w.para(content["session"], "subtitle"),
        w.para(content["date_line"], "subtitle"),
        w.para(content["contact"], "contact"),
    ]


def _ngo_blocks(blocks: list[dict[str, Any]], w: _StoryWriter, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks:
        if "h1" in block:
            story.append(w.para(block["h1"], "h1", block["n"]))
        elif "h2" in block:
            story.append(w.para(block["h2"], "h2", block["n"]))
        elif "h3" in block:
            story.append(w.para(block["h3"], "h3", block["n"]))
        elif "p" in block:
            story.append(w.numbered(block["p"]))
        elif "u" in block:
            story.append(w.para(block["u"], "body"))
        elif "quote" in block:
            story.append(w.para(block["quote"], "quote"))
        elif "caption" in block:
            story.append(w.para(block["caption"], "caption"))
        elif "table" in block:
            story.append(_ngo_table(block["table"], w, width))
        elif "ul" in block:
            for item in block["ul"]:
                item = {"t": item} if isinstance(item, str) else item
                story.append(w.para(item["t"], "bullet", "\u2022"))
                story.extend(w.para(sub, "sub", SUB_BULLET) for sub in item.get("sub", []))
        else:
            raise ValueError(f"unknown block {sorted(block)}")
    return story


def _ngo_table(rows: list[list[str]], w: _StoryWriter, width: float) -> Table:
    narrow = width < 300  # a column of the two-column layout: full width, smaller type
    usable = width if narrow else width - 28
    first = usable * 0.16
    other = (usable - first) / (len(rows[0]) - 1)
    size = 8.0 if narrow else 9.5
    styles = [
        ParagraphStyle(f"{w.styles[name].name}-{size}", w.styles[name], fontSize=size, leading=size * 1.25)
        for name in ("cell_head", "cell")
    ]
    cells = [
        [Paragraph(w.markup.inline(cell), styles[0 if i == 0 else 1]) for cell in row] for i, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=[first] + [other] * (len(rows[0]) - 1), hAlign="RIGHT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    table.spaceAfter = 10
    return table


def _ngo_furniture(content: dict[str, Any]) -> Callable[[Canvas, int, int], None]:
    def draw(canv: Canvas, page: int, pages: int) -> None:
        canv.saveState()
        canv.setLineWidth(0.4)
        if page > 1:
            canv.setFont("Helvetica-Oblique", 8.5)
            canv.drawString(NGO_MARGIN, PAGE_H - 44, content["header"])
            canv.line(NGO_MARGIN, PAGE_H - 50, PAGE_W - NGO_MARGIN, PAGE_H - 50)
        canv.line(NGO_MARGIN, 52, PAGE_W - NGO_MARGIN, 52)
        canv.setFont("Helvetica", 8.5)
        canv.drawString(NGO_MARGIN, 40, content["footer"])
        canv.drawRightString(PAGE_W - NGO_MARGIN, 40, content["page_label"].format(page=page, pages=pages))
        canv.restoreState()

    return draw


def _ngo_templates(two_column: bool) -> list[PageTemplate]:
    body_h = PAGE_H - 2 * NGO_MARGIN
    width = PAGE_W - 2 * NGO_MARGIN

    def frame(fid: str, x: float, y: float, w: float, h: float) -> Frame:
        return Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=fid)

    if not two_column:
        return [PageTemplate("page", [frame("body", NGO_MARGIN, NGO_MARGIN, width, body_h)])]
    col = (width - NGO_COLUMN_GAP) / 2
    right = NGO_MARGIN + col + NGO_COLUMN_GAP
    cols_h = body_h - NGO_TITLE_BLOCK_H
    first = PageTemplate(
        "first",
        [
            frame("title", NGO_MARGIN, NGO_MARGIN + cols_h, width, NGO_TITLE_BLOCK_H),
            frame("c1-first", NGO_MARGIN, NGO_MARGIN, col, cols_h),
            frame("c2-first", right, NGO_MARGIN, col, cols_h),
        ],
    )
    later = PageTemplate(
        "later",
        [
            frame("c1", NGO_MARGIN, NGO_MARGIN, col, body_h),
            frame("c2", right, NGO_MARGIN, col, body_h),
        ],
    )
    return [first, later]


def _build(doc: _NotesDoc, story: list[Flowable], furniture: Callable[[Canvas, int, int], None]) -> None:
    doc.build(story, canvasmaker=functools.partial(_PagedCanvas, furniture=furniture))
    doc.finish()


def submission_bytes(variant: Variant = "standard") -> bytes:
    """The PDF bytes of the NGO submission in one layout variant."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    data = load_text()
    content = data["submission_es"] if variant == "spanish" else data["submission"]
    overrides = data["variants"].get(variant, {}).get("notes", {})
    styles = _ngo_styles()
    two_column = variant == "two_column"
    endnotes = variant == "endnotes"
    buf = io.BytesIO()
    doc = _NotesDoc(
        buf,
        note_style=styles["note"],
        endnotes=endnotes,
        pagesize=A4,
        invariant=1,
        pageCompression=1,
        title=content["title"],
        author=content["organisation"],
        subject=data["state"]["formal_name"],
        creator="upr-extract sample generator",
        lang=content["language"],
        leftMargin=NGO_MARGIN,
        rightMargin=NGO_MARGIN,
        topMargin=NGO_MARGIN,
        bottomMargin=NGO_MARGIN,
    )
    doc.addPageTemplates(_ngo_templates(two_column))
    book = _NoteBook(content["notes"], overrides)
    writer = _StoryWriter(doc, _Markup(book, ligatures=True, hyphenate=data["hyphenate"]), styles)
    width = PAGE_W - 2 * NGO_MARGIN
    story: list[Flowable] = []
    if two_column:
        width = (width - NGO_COLUMN_GAP) / 2
        story.append(NextPageTemplate("later"))
    story.extend(_ngo_title_block(content, writer))
    if two_column:
        story.append(FrameBreak())
    story.extend(_ngo_blocks(content["blocks"], writer, width))
    if endnotes:
        story.append(
            Paragraph(
                writer.markup.inline(content["notes_heading"]), ParagraphStyle("notes-h", styles["h1"], leftIndent=0)
            )
        )
        size = styles["endnote"].fontSize
        story.extend(Paragraph(_super(n.label, size) + " " + n.text, styles["endnote"]) for n in book.order)
    _build(doc, story, _ngo_furniture(content))
    return buf.getvalue()


def write_submission(path: str | os.PathLike[str], variant: Variant = "standard") -> Path:
    """Write the NGO submission (4-6 pages in the standard layout) to `path`."""
    return _write(Path(path), submission_bytes(variant))


# --------------------------------------------------------------------------- UN Working Group report


def _un_styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("un", fontName="Times-Roman", fontSize=10, leading=12, alignment=TA_JUSTIFY, spaceAfter=6)
    return _same_size_bullets(
        {
            "body": base,
            "numbered": ParagraphStyle(
                "un-num", base, leftIndent=56, firstLineIndent=28, bulletIndent=56, bulletFontName="Times-Roman"
            ),
            "lettered": ParagraphStyle(
                "un-sub",
                base,
                leftIndent=56,
                firstLineIndent=56,
                bulletIndent=84,
                bulletFontName="Times-Roman",
                alignment=TA_LEFT,
            ),
            "rec": ParagraphStyle(
                "un-rec",
                base,
                leftIndent=101,
                bulletIndent=56,
                bulletFontName="Times-Roman",
                spaceAfter=4,
                alignment=TA_LEFT,
            ),
            "bullet": ParagraphStyle(
                "un-bullet",
                base,
                leftIndent=98,
                bulletIndent=86,
                bulletFontName=BULLET_FONT,
                spaceAfter=3,
                alignment=TA_LEFT,
            ),
            "h0": _heading("un-h0", base, "Times-Bold", 14, 16, 6, 10, leftIndent=28),
            "h1": _heading("un-h1", base, "Times-Bold", 14, 16, 10, 10, leftIndent=28),
            "h2": _heading("un-h2", base, "Times-Bold", 12, 14, 8, 8, leftIndent=28),
            "council": ParagraphStyle(
                "un-council", base, fontName="Times-Bold", fontSize=12, leading=14, spaceAfter=2, alignment=TA_LEFT
            ),
            "cover": ParagraphStyle("un-cover", base, fontSize=10, leading=12, spaceAfter=0, alignment=TA_LEFT),
            "cover_bold": ParagraphStyle("un-cover-b", base, fontName="Times-Bold", spaceAfter=0, alignment=TA_LEFT),
            "title": ParagraphStyle(
                "un-title",
                base,
                fontName="Times-Bold",
                fontSize=17,
                leading=20,
                spaceBefore=30,
                spaceAfter=12,
                leftIndent=56,
                alignment=TA_LEFT,
            ),
            "note": ParagraphStyle(
                "un-note",
                base,
                fontSize=9,
                leading=11,
                alignment=TA_LEFT,
                spaceAfter=0,
                leftIndent=34,
                firstLineIndent=0,
            ),
            "small": ParagraphStyle("un-small", base, spaceAfter=10, leftIndent=56, alignment=TA_LEFT),
        }
    )


def _un_furniture(report: dict[str, Any]) -> Callable[[Canvas, int, int], None]:
    symbol = report["symbol"]
    right = UN_LEFT + UN_WIDTH

    def draw(canv: Canvas, page: int, pages: int) -> None:
        canv.saveState()
        if page == 1:
            canv.setFont("Helvetica", 14)
            canv.drawString(UN_LEFT + 56, PAGE_H - 62, "United Nations")
            series, rest = symbol.split("/", 1)
            canv.setFont("Helvetica-Bold", 20)
            canv.drawRightString(right - canv.stringWidth("/" + rest, "Helvetica-Bold", 10), PAGE_H - 62, series)
            canv.setFont("Helvetica-Bold", 10)
            canv.drawRightString(right, PAGE_H - 62, "/" + rest)
            canv.setLineWidth(1.5)
            canv.line(UN_LEFT, PAGE_H - 70, right, PAGE_H - 70)
            canv.setFont("Helvetica-Bold", 20)
            canv.drawString(UN_LEFT + 56, PAGE_H - 96, "General Assembly")
            canv.setFont("Times-Roman", 10)
            for i, line in enumerate((report["distribution"], report["date_line"], "", report["original"])):
                canv.drawString(UN_LEFT + 335, PAGE_H - 88 - 12 * i, line)
            canv.setLineWidth(3)
            canv.line(UN_LEFT, PAGE_H - 140, right, PAGE_H - 140)
            canv.setFont("Times-Roman", 9)
            canv.drawString(UN_LEFT, 50, report["job_number"])
        else:
            canv.setFont("Times-Bold", 9)
            canv.setLineWidth(0.4)
            if page % 2 == 0:
                canv.drawString(UN_LEFT, PAGE_H - 50, symbol)
                canv.drawString(UN_LEFT, 40, str(page))
            else:
                canv.drawRightString(right, PAGE_H - 50, symbol)
                canv.drawRightString(right, 40, str(page))
            canv.line(UN_LEFT, PAGE_H - 54, right, PAGE_H - 54)
        canv.restoreState()

    return draw


def _dialogue(report: dict[str, Any]) -> list[str]:
    """One paragraph per delegation, with the State's replies between them."""
    remarks: list[str] = report["dialogue_remarks"]
    names: dict[str, str] = report["dialogue_names"]
    replies = {r["after"]: r["text"] for r in report["dialogue_responses"]}
    out: list[str] = []
    for i, state in enumerate(report["dialogue_states"], start=1):
        name = names.get(state, state)
        closing = "It made recommendations." if i % 3 else f"{name} made recommendations."
        out.append(f"{name} {remarks[(i - 1) % len(remarks)]} {closing}")
        if i in replies:
            out.append(replies[i])
    return out


def _recommendation_text(text: str, states: list[str], last: bool) -> str:
    return f"{text} {' '.join(f'({s})' for s in states)}{'.' if last else ';'}"


def wg_report_bytes() -> bytes:
    """The PDF bytes of the Working Group report the submissions cite."""
    data = load_text()
    report = data["wg_report"]
    styles = _un_styles()
    buf = io.BytesIO()
    doc = _NotesDoc(
        buf,
        note_style=styles["note"],
        pagesize=A4,
        invariant=1,
        pageCompression=1,
        title=f"{report['symbol']} Report of the Working Group on the Universal Periodic Review: {report['state']}",
        author="United Nations",
        subject=report["state"],
        creator="upr-extract sample generator",
        lang=report["language"],
    )

    def frame(fid: str, top: float, bottom: float) -> Frame:
        return Frame(
            UN_LEFT,
            bottom,
            UN_WIDTH,
            PAGE_H - top - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=fid,
        )

    doc.addPageTemplates(
        [
            PageTemplate("cover", [frame("cover", UN_COVER_TOP - 70, 66)]),
            PageTemplate("later", [frame("body", 72, 62)]),
        ]
    )
    book = _NoteBook(report["notes"])
    w = _StoryWriter(doc, _Markup(book, ligatures=False, hyphenate=()), styles)
    story: list[Flowable] = [NextPageTemplate("later")]
    story += [
        w.para(report["council"], "council"),
        w.para(report["session"], "cover_bold"),
        w.para(report["session_dates"], "cover"),
        w.para(report["agenda"], "cover"),
        w.para(report["agenda_title"], "cover_bold"),
        w.para(report["title"], "title"),
        w.para(report["state"], "title"),
        PageBreak(),
    ]
    recs = report["recommendations"]
    for block in report["blocks"]:
        if "h0" in block:
            story.append(w.para(block["h0"], "h0"))
        elif "h1" in block:
            story.append(w.para(block["h1"], "h1", block["n"]))
        elif "h2" in block:
            story.append(w.para(block["h2"], "h2", block["n"]))
        elif block.get("dialogue"):
            story.extend(w.numbered(text) for text in _dialogue(report))
        elif "recs" in block:
            if block["recs"] == "supported" and w.number + 1 != report["conclusions_paragraph"]:
                raise ValueError(
                    f"conclusions start at paragraph {w.number + 1}, the data says {report['conclusions_paragraph']}"
                )
            story.append(w.numbered(block["p"]))
            group = recs[block["recs"]]
            for i, (text, states) in enumerate(group, start=1):
                story.append(w.para(_recommendation_text(text, states, i == len(group)), "rec", f"{w.number}.{i}"))
        elif "annex" in block:
            story += [
                PageBreak(),
                w.para("Annex", "h0"),
                w.para("[English only]", "small"),
                w.para(block["annex"], "h0"),
                w.para(block["p"], "small"),
            ]
            story.extend(w.para(item, "bullet", "\u2022") for item in block["ul"])
        elif "sub" in block:
            story.extend(w.para(text, "lettered", label) for label, text in block["sub"])
        elif "p" in block:
            story.append(w.numbered(block["p"]))
        else:
            raise ValueError(f"unknown block {sorted(block)}")
    _build(doc, story, _un_furniture(report))
    return buf.getvalue()


def write_wg_report(path: str | os.PathLike[str]) -> Path:
    """Write the Working Group report (symbol, GE job number, grouped recommendations) to `path`."""
    return _write(Path(path), wg_report_bytes())


# --------------------------------------------------------------------------- committed set


def write_all(out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write the committed sample set (submission, Spanish submission, WG report) into `out_dir`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [
        write_submission(out / SAMPLE_FILES["submission"], "standard"),
        write_submission(out / SAMPLE_FILES["submission_es"], "spanish"),
        write_wg_report(out / SAMPLE_FILES["wg_report"]),
    ]


def _write(path: Path, data: bytes) -> Path:
    """Write through a temporary file so a reader never sees half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


# --------------------------------------------------------------------------- hostile inputs


def tiny_pdf_bytes(encrypt: StandardEncryption | None = None, lines: Sequence[str] | None = None) -> bytes:
    """A valid one-page PDF with a few lines of text, optionally encrypted."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    canv.setFont("Helvetica", 11)
    text = lines or (
        "Submission to the Universal Periodic Review of the Republic of Veloria.",
        "1. This one-page file is used by the robustness tests.",
    )
    for i, line in enumerate(text):
        canv.drawString(72, PAGE_H - 100 - 16 * i, line)
    canv.showPage()
    canv.save()
    return buf.getvalue()


def _hand_pdf(objects: Sequence[bytes], root: int = 1) -> bytes:
    """A PDF from raw object bodies (object i+1 = objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


_PAGE_OBJ = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
_CONTENT_OBJ = b"<< /Length 0 >>\nstream\n\nendstream"


def _scanned_pdf() -> bytes:
    """A page holding only a picture of text, as a scanner makes: no text layer."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(img)
    draw.text((60, 60), "SUBMISSION TO THE UNIVERSAL PERIODIC REVIEW", fill=0)
    rng = random.Random(7)
    for row in range(40):
        y = 110 + row * 18
        x = 60
        while x < 540:
            word = rng.randint(12, 60)
            draw.rectangle((x, y, min(x + word, 560), y + 7), fill=40)
            x += word + 8
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    canv.drawImage(ImageReader(img), 0, 0, PAGE_W, PAGE_H)
    canv.showPage()
    canv.save()
    return buf.getvalue()


def bad_inputs(
    directory: str | os.PathLike[str], nesting: int = 20_000, source: bytes | None = None
) -> dict[str, Path]:
    """Write hostile inputs into `directory`; returns name -> path.

    Each must give a one-line error naming the file, or a JSON with a warning,
    never a traceback. `non_utf8_name` is missing where the filesystem refuses
    such names. `nesting` is the array depth of the nested-objects bomb;
    `source` is the PDF cut into the truncated files (default: the standard
    submission).
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    good = tiny_pdf_bytes()
    sample = source if source is not None else submission_bytes("standard")
    rng = random.Random(2023)
    files: dict[str, bytes] = {
        "not_pdf": b"Notes from the Veloria coalition meeting, not a PDF at all.\n",
        "empty": b"",
        "random_bytes": rng.randbytes(4096),
        "header_then_garbage": b"%PDF-1.7\n" + rng.randbytes(4096),
        "truncated_header": sample[:9],
        "truncated_quarter": sample[: len(sample) // 4],
        "truncated_half": sample[: len(sample) // 2],
        "truncated_three_quarters": sample[: 3 * len(sample) // 4],
        "truncated_tail": sample[:-40],
        "encrypted_user": tiny_pdf_bytes(StandardEncryption(USER_PASSWORD, OWNER_PASSWORD, canCopy=0, strength=128)),
        "encrypted_owner": tiny_pdf_bytes(StandardEncryption("", OWNER_PASSWORD, canCopy=0, strength=128)),
        "zero_pages": _hand_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
        "scanned": _scanned_pdf(),
        "bomb_page_count": _hand_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
                _PAGE_OBJ,
                _CONTENT_OBJ,
            ]
        ),
        "bomb_cycle": _hand_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 1000000 >>",
                _PAGE_OBJ,
                _CONTENT_OBJ,
            ]
        ),
        "bomb_nested": _hand_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                _PAGE_OBJ[:-2] + b" /Nest " + b"[" * nesting + b"]" * nesting + b" >>",
                _CONTENT_OBJ,
            ]
        ),
    }
    out = {name: _write(d / f"{name}.pdf", body) for name, body in files.items()}
    folder = d / "x.pdf"
    folder.mkdir(exist_ok=True)
    out["directory"] = folder
    try:
        odd = d / os.fsdecode(b"d\xe9claration_\xff.pdf")
        odd.write_bytes(good)
        out["non_utf8_name"] = odd
    except (OSError, UnicodeError):
        pass  # the filesystem only takes valid UTF-8 names (macOS, some network shares)
    return out


def symlink_loop(directory: str | os.PathLike[str]) -> Path:
    """A folder holding one valid PDF and a symlink to itself, to check that a recursive walk ends."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    _write(d / "inside_loop.pdf", tiny_pdf_bytes())
    link = d / "again"
    if not link.is_symlink():
        link.symlink_to(".", target_is_directory=True)
    return d


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m extract.running.sample [OUT_DIR]`: regenerate the committed samples (default data/raw)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or any(a.startswith("-") for a in args):
        print("usage: python -m extract.running.sample [OUT_DIR]", file=sys.stderr)
        return 2
    out = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "data" / "raw"
    for path in write_all(out):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
