"""A static review page per document: each extracted record drawn over its PDF page.

An analyst checks an extraction by eye: every record with a place on the page
(paragraphs, footnotes, recommendations, follow-up verdicts, section headings,
footnote markers, and the mentions of citations, legal articles and cases) becomes a box with
`data-record="<record id>"` over the page image, and a side panel lists the
records by type, warnings first. The page is plain HTML with its CSS and script
inlined (our own, from review_assets/), so it opens offline from the folder.

Page images are PNG files in `<name>_files/` next to `<name>.html` rather than
data URIs: the HTML stays small and quick to parse, the browser loads pages
lazily as they scroll into view, and a 30-page report does not become one
15 MB file. `inline_images=True` embeds them instead, for a one-file page.

All text comes from arbitrary PDFs, so every piece goes through `html.escape`
and the script only ever sets `textContent`/classes, never markup.
"""

from __future__ import annotations

import base64
import html
import io
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from extract.outputs.files import load_run, sha256_file, write_atomic
from schemas import Document
from schemas.records import BBox, Box, Mention, Span

ASSETS = Path(__file__).with_name("review_assets")
DEFAULT_SCALE = 1.5  # 108 dpi: body text readable, a page about 150 kB
SNIPPET = 160  # characters of a record's text shown in the panel list

# Panel groups in display order: (type, heading). Warnings first, then what analysts check most.
GROUPS: tuple[tuple[str, str], ...] = (
    ("warning", "Warnings"),
    ("recommendation", "Recommendations"),
    ("follow_up", "Follow-ups"),
    ("case", "Cases"),
    ("legal_article", "Legal articles"),
    ("citation", "Citations"),
    ("footnote", "Footnotes"),
    ("theme", "Themes"),
    ("contributor", "Contributors"),
    ("section", "Sections"),
    ("paragraph", "Paragraphs"),
)
# Stacking order of boxes on the page: larger containers below, small mentions on top so they stay clickable.
LAYER = {
    "paragraph": 1,
    "section": 2,
    "recommendation": 3,
    "footnote": 3,
    "follow_up": 4,  # a sentence inside a paragraph, below the citations it holds
    "citation": 5,
    "legal_article": 5,
    "case": 5,
    "anchor": 6,
}


# ---------------------------------------------------------------- geometry


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rendered page: its size in PDF points (pdfplumber's frame) and where its image is."""

    number: int
    width: float
    height: float
    origin: tuple[float, float]  # pdfplumber's (x0, top) of the page, (0, 0) for almost every PDF
    src: str  # relative file name or data URI
    px: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Overlay:
    """A box to draw: which record, what kind of box, where."""

    record: str
    type: str
    page: int
    bbox: BBox
    approx: bool = False  # placed from line spans by character share, not measured
    anchor_id: str | None = None  # element id of a footnote marker, for "cited at" links


@dataclass(frozen=True, slots=True)
class Rendered:
    number: int
    width: float
    height: float
    origin: tuple[float, float]
    png: bytes
    px: tuple[int, int]


def render_pages(pdf_path: Path, scale: float = DEFAULT_SCALE) -> list[Rendered]:
    """PNG of every page, rendered over the MediaBox: the frame pdfplumber's coordinates use.

    pdfplumber puts a page's (x0, top) at (MediaBox left, -MediaBox bottom); that is (0, 0)
    for nearly every PDF, and the origin is kept so the odd one still lines up.
    """
    import pypdfium2 as pdfium
    from PIL import Image

    out: list[Rendered] = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                left, bottom, right, top = page.get_mediabox()
                page.set_cropbox(left, bottom, right, top)
                width, height = right - left, top - bottom
                if page.get_rotation() in (90, 270):
                    width, height = height, width
                bitmap = page.render(scale=scale, draw_annots=True)
                try:
                    img = bitmap.to_pil()
                    buf = io.BytesIO()
                    # 256 colours: a text page loses nothing visible and its PNG is about 4x smaller
                    img.quantize(256, method=Image.Quantize.FASTOCTREE).save(buf, format="PNG")
                    out.append(Rendered(i + 1, width, height, (left, -bottom), buf.getvalue(), img.size))
                finally:
                    bitmap.close()
            finally:
                page.close()
    finally:
        pdf.close()
    return out


def _char_boxes(spans: list[Span], start: int, end: int) -> list[Box]:
    """Boxes of text[start:end] from the unit's line spans, cut by each line's character share."""
    boxes: list[Box] = []
    for s in spans:
        a, b = max(start, s.start), min(end, s.end)
        if a >= b or s.end <= s.start:
            continue
        x0, top, x1, bottom = s.bbox
        n = s.end - s.start
        boxes.append(
            Box(
                page=s.page,
                bbox=(x0 + (x1 - x0) * (a - s.start) / n, top, x0 + (x1 - x0) * (b - s.start) / n, bottom),
            )
        )
    return boxes


def _record_boxes(page: int, bbox: BBox | None, boxes: list[Box]) -> list[tuple[int, BBox]]:
    if boxes:
        return [(b.page, b.bbox) for b in boxes]
    return [] if bbox is None else [(page, bbox)]


class _Units:
    """Paragraph and footnote line spans by id, to place mentions that have offsets but no box."""

    def __init__(self, doc: Document) -> None:
        self.spans: dict[tuple[str, str], list[Span]] = {}
        for p in doc.paragraphs:
            self.spans[("paragraph", p.id)] = p.spans
        for f in doc.footnotes:
            self.spans[("footnote", f.id)] = f.spans

    def place(self, m: Mention | Any) -> tuple[list[tuple[int, BBox]], bool]:
        """Where a mention (or a citation) sits: its measured line boxes, else from its unit's spans."""
        measured = getattr(m, "boxes", None)
        if measured:
            return [(b.page, b.bbox) for b in measured], False
        boxes: list[Box] = []
        if m.start is not None and m.end is not None:
            key = ("footnote", m.footnote) if m.footnote else ("paragraph", m.paragraph)
            boxes = _char_boxes(self.spans.get(key, []), m.start, m.end) if key[1] else []
        if m.bbox is not None and len(boxes) < 2:
            return [(m.page, m.bbox)], False
        # No measured box, or one box around text that wraps onto the next line (it would cover
        # both whole lines): one box per line from the spans, cut by character share.
        return [(b.page, b.bbox) for b in boxes], True


def overlays(doc: Document) -> list[Overlay]:
    """Every box to draw, in a stable order (records in document order, type by type)."""
    units = _Units(doc)
    out: list[Overlay] = []

    def add(record: str, typ: str, where: Iterable[tuple[int, BBox]], approx: bool = False) -> None:
        out.extend(Overlay(record, typ, p, b, approx) for p, b in where)

    for s in doc.sections:
        add(s.id, "section", _record_boxes(s.page_start, s.bbox, []))
    for p in doc.paragraphs:
        add(p.id, "paragraph", _record_boxes(p.page, p.bbox, p.boxes))
    for f in doc.footnotes:
        add(f.id, "footnote", _record_boxes(f.page, f.bbox, f.boxes))
        for i, a in enumerate(f.anchors, 1):
            if a.bbox is not None:
                out.append(Overlay(f.id, "anchor", a.page, a.bbox, anchor_id=_anchor_id(f.id, i)))
    for r in doc.recommendations:
        add(r.id, "recommendation", _record_boxes(r.page, r.bbox, r.boxes))
    for fu in doc.follow_ups:
        if fu.boxes or fu.bbox is not None:
            add(fu.id, "follow_up", _record_boxes(fu.page, fu.bbox, fu.boxes))
        else:  # offsets only: placed from the lines of its paragraph or note
            where, approx = units.place(_SentenceAt(fu.paragraph, fu.page, fu.start, fu.end, fu.footnote))
            add(fu.id, "follow_up", where, approx)
    for c in doc.citations:
        where, approx = units.place(c)
        add(c.id, "citation", where, approx)
    for la in doc.legal_articles:
        for m in la.mentions:
            where, approx = units.place(m)
            add(la.id, "legal_article", where, approx)
    for k in doc.cases:
        for m in k.mentions:
            where, approx = units.place(m)
            add(k.id, "case", where, approx)
    return out


@dataclass(frozen=True, slots=True)
class _SentenceAt:
    """A sentence's place in its paragraph or note, in the shape `_Units.place` reads."""

    paragraph: str | None
    page: int
    start: int | None
    end: int | None
    footnote: str | None = None
    bbox: BBox | None = None


def _anchor_id(footnote_id: str, n: int) -> str:
    return f"anchor-{footnote_id}-{n}"


# ---------------------------------------------------------------- HTML pieces


def esc(text: object) -> str:
    """Text or attribute value, escaped (quotes too)."""
    return html.escape(str(text), quote=True)


def _frag(element_id: str) -> str:
    return "#" + quote(element_id, safe="-_.~")


def _pct(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") + "%"


def _box_html(o: Overlay, page: PageImage, first: set[str]) -> str:
    x0, top, x1, bottom = o.bbox
    ox, oy = page.origin
    left = (min(x0, x1) - ox) / page.width * 100
    tp = (min(top, bottom) - oy) / page.height * 100
    w = abs(x1 - x0) / page.width * 100
    h = abs(bottom - top) / page.height * 100
    style = f"left:{_pct(left)};top:{_pct(tp)};width:{_pct(w)};height:{_pct(h)};z-index:{LAYER.get(o.type, 4)}"
    classes = f"box t-{o.type}" + (" approx" if o.approx else "")
    attrs = f'class="{classes}" data-record="{esc(o.record)}" data-type="{o.type}" style="{style}"'
    if o.type == "anchor":
        return (
            f'<a {attrs} id="{esc(o.anchor_id)}" href="{esc(_frag("rec-" + o.record))}" '
            f'title="{esc("note " + o.record)}"></a>'
        )
    ident = ""
    if o.record not in first and o.type != "anchor":
        first.add(o.record)
        ident = f' id="{esc("rec-" + o.record)}"'
    return f'<div {attrs}{ident} title="{esc(o.record + " · " + o.type.replace("_", " "))}"></div>'


def _page_html(page: PageImage, boxes: list[Overlay], first: set[str]) -> str:
    inner = "".join(_box_html(o, page, first) for o in boxes)
    lazy = "" if page.number <= 2 else ' loading="lazy"'
    return (
        f'<section class="page" id="page-{page.number}" data-page="{page.number}" '
        f'style="aspect-ratio:{page.px[0]}/{page.px[1]}">'
        f'<img src="{esc(page.src)}" alt="page {page.number}" width="{page.px[0]}" height="{page.px[1]}"{lazy}>'
        f'<div class="layer">{inner}</div>'
        f'<span class="page-no">{page.number}</span></section>'
    )


def _snip(text: str, n: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _dl(pairs: Iterable[tuple[str, object]]) -> str:
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in pairs if v not in (None, "", [], ()))
    return f"<dl>{rows}</dl>" if rows else ""


@dataclass(slots=True)
class Item:
    """One entry of the side panel."""

    type: str
    record: str | None  # None for warnings (they have no id)
    page: int | None
    label: str
    text: str
    details: str = ""  # pre-escaped HTML
    members: list[str] = field(default_factory=list)  # ids to highlight instead of the record (themes)
    placed: bool = True


def _join(items: Iterable[str]) -> str:
    return "; ".join(items)


def panel_items(doc: Document, placed: set[str]) -> dict[str, list[Item]]:
    """Panel entries by type; `placed` is the set of ids that have a box somewhere."""
    g: dict[str, list[Item]] = {t: [] for t, _ in GROUPS}
    for w in doc.warnings:
        g["warning"].append(Item("warning", None, w.page, w.code, w.message))
    for r in doc.recommendations:
        g["recommendation"].append(
            Item(
                "recommendation",
                r.id,
                r.page,
                r.number or r.id,
                r.text,
                _dl(
                    (
                        ("text", r.text),
                        ("themes", _join(r.themes)),
                        ("groups of persons", _join(r.groups)),
                        ("recommending States", _join(r.recommending_states)),
                        ("position", r.position),
                        (
                            "action",
                            " ".join(
                                x for x in (r.action.verb, r.action.category and f"(category {r.action.category})") if x
                            ),
                        ),
                        ("legal articles", _join(r.legal_articles)),
                        ("origin", r.origin),
                    )
                ),
            )
        )
    for fu in doc.follow_ups:
        status = fu.status.replace("_", " ")
        g["follow_up"].append(
            Item(
                "follow_up",
                fu.id,
                fu.page,
                f"{status} · {', '.join(fu.numbers)}" if fu.numbers else status,
                fu.text,
                _dl(
                    (
                        ("verdict", status),
                        ("text", fu.text),
                        ("recommendations", _join(fu.numbers) or "described in words"),
                        ("report", fu.report),
                        ("subject", fu.subject),
                        ("State's response", fu.state_response and fu.state_response.replace("_", " ")),
                        ("read from", " | ".join(fu.cues)),
                        ("citations", _join(fu.citations)),
                        ("in", fu.footnote or fu.paragraph),
                    )
                ),
            )
        )
    for k in doc.cases:
        events = "; ".join(" ".join(x for x in (e.date, e.type, e.sentence) if x) for e in k.events)
        g["case"].append(
            Item(
                "case",
                k.id,
                min((m.page for m in k.mentions), default=None),
                k.name,
                f"{k.kind}{', ' + _join(k.roles) if k.roles else ''} · {len(k.mentions)} mention(s)",
                _dl(
                    (
                        ("aliases", _join(k.aliases)),
                        ("roles", _join(k.roles)),
                        ("events", events),
                        ("legal articles", _join(k.legal_articles)),
                        ("mentions", " | ".join(m.text for m in k.mentions)),
                    )
                ),
            )
        )
    for la in doc.legal_articles:
        label = f"Art. {la.article}" + (f"({la.sub})" if la.sub else "")
        g["legal_article"].append(
            Item(
                "legal_article",
                la.id,
                min((m.page for m in la.mentions), default=None),
                label,
                f"{la.instrument} · {len(la.mentions)} mention(s)",
                _dl(
                    (
                        ("instrument", f"{la.instrument} ({la.instrument_kind})"),
                        ("also called", _join(la.instrument_aliases)),
                        ("mentions", " | ".join(m.text for m in la.mentions)),
                    )
                ),
            )
        )
    for c in doc.citations:
        parsed = c.parsed.model_dump(mode="json", exclude_none=True)
        g["citation"].append(
            Item(
                "citation",
                c.id,
                c.page,
                c.kind.replace("_", " "),
                c.text,
                _dl((("text", c.text), *((k, v) for k, v in parsed.items()), ("in", c.footnote or c.paragraph))),
            )
        )
    for f in doc.footnotes:
        cited = "".join(
            f'<button type="button" class="goto" data-goto="{esc(_anchor_id(f.id, i))}" data-page="{a.page}">'
            f"p. {a.page}{' · ' + esc(a.paragraph) if a.paragraph else ''}</button>"
            for i, a in enumerate(f.anchors, 1)
        )
        details = _dl((("text", f.text),)) + (f'<div class="cited">cited at {cited}</div>' if cited else "")
        g["footnote"].append(Item("footnote", f.id, f.page, f"note {f.number}", f.text, details))
    for t in doc.themes:
        g["theme"].append(
            Item(
                "theme",
                t.id,
                None,
                t.label,
                f"{t.taxonomy} {'group of persons' if t.dimension == 'group' else 'theme'} · "
                f"{len(t.recommendations)} recommendation(s), {len(t.sections)} section(s)",
                members=[*t.recommendations, *t.sections],
            )
        )
    for c in doc.contributors:
        g["contributor"].append(
            Item("contributor", c.id, None, c.abbreviation, f"{c.name} ({c.kind})", members=list(c.paragraphs))
        )
    for s in doc.sections:
        g["section"].append(
            Item(
                "section",
                s.id,
                s.page_start,
                s.number or "§",
                s.title,
                _dl((("themes", _join(s.themes)), ("groups of persons", _join(s.groups)))),
            )
        )
    for p in doc.paragraphs:
        g["paragraph"].append(
            Item("paragraph", p.id, p.page, p.number or p.id, p.text, _dl((("text", p.text), ("kind", p.kind))))
        )
    for items in g.values():
        for it in items:
            if it.record is not None and not it.members:
                it.placed = it.record in placed
    return g


def _item_html(it: Item) -> str:
    attrs = [f'data-type="{it.type}"']
    if it.record is not None:
        attrs.append(f'data-target="{esc(it.record)}"')
    if it.members:
        attrs.append(f'data-members="{esc(" ".join(it.members))}"')
    if it.page is not None:
        attrs.append(f'data-page="{it.page}"')
    page = f'<span class="pg">p. {it.page}</span>' if it.page is not None else ""
    ident = f'<span class="rid">{esc(it.record)}</span>' if it.record not in (None, it.label) else ""
    unplaced = "" if it.placed else '<span class="np" title="no position on the page">no box</span>'
    more = f'<div class="more">{it.details}</div>' if it.details else ""
    return (
        f'<li class="item" {" ".join(attrs)}><button type="button" class="pick">'
        f'<span class="lbl">{esc(it.label)}</span>{ident}{page}{unplaced}'
        f'<span class="txt">{esc(_snip(it.text))}</span></button>{more}</li>'
    )


def _panel_html(groups: dict[str, list[Item]], counts: dict[str, int]) -> str:
    toggles = "".join(
        f'<label><input type="checkbox" data-toggle="{t}" checked> {esc(t.replace("_", " "))}'
        f' <span class="n">{counts.get(t, 0)}</span></label>'
        for t in (
            "recommendation",
            "follow_up",
            "case",
            "legal_article",
            "citation",
            "footnote",
            "anchor",
            "section",
            "paragraph",
        )
        if counts.get(t)
    )
    parts = [
        '<div class="tools"><input type="search" id="filter" placeholder="filter records…" aria-label="filter records">',
        f'<div class="toggles">{toggles}</div></div>',
    ]
    for typ, heading in GROUPS:
        items = groups.get(typ, [])
        if not items:
            continue
        open_ = " open" if typ in ("warning", "recommendation", "follow_up", "case", "legal_article") else ""
        parts.append(
            f'<details class="group g-{typ}" data-group="{typ}"{open_}><summary>{esc(heading)} '
            f'<span class="n">{len(items)}</span></summary><ol>'
            + "".join(_item_html(it) for it in items)
            + "</ol></details>"
        )
    if not any(groups.values()):
        parts.append('<p class="empty">No records were extracted from this document.</p>')
    return "".join(parts)


def _header_html(doc: Document, notes: list[str]) -> str:
    d = doc.document
    state = f"{d.state_under_review.name} ({d.state_under_review.iso3})" if d.state_under_review else None
    facts = [
        ("kind", d.kind.replace("_", " ")),
        ("State", state),
        ("by", _join(d.organisations) or None),
        ("symbol", d.symbol),
        ("date", d.date),
        ("pages", d.pages),
        ("language", d.language),
    ]
    line = " · ".join(f'<span class="k">{esc(k)}</span> {esc(v)}' for k, v in facts if v not in (None, ""))
    banner = "".join(f'<p class="banner">{esc(n)}</p>' for n in notes)
    return (
        f'<header><h1 title="{esc(d.title or d.source_file)}">{esc(d.title or d.source_file)}</h1>'
        f'<p class="meta"><span class="file">{esc(d.source_file)}</span> · {line}</p>{banner}</header>'
    )


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _inline_script(js: str) -> str:
    # Our own file, but make sure it can never close the <script> element early.
    return js.replace("</", "<\\/")


def record_counts(boxes: list[Overlay]) -> dict[str, int]:
    """Records per type: a record drawn in several boxes (a paragraph over two pages, a mention
    on three lines) counts once, as the panel lists it."""
    seen: dict[str, set[str]] = {}
    for o in boxes:
        seen.setdefault(o.type, set()).add(o.record)
    return {t: len(ids) for t, ids in seen.items()}


def page_html(doc: Document, pages: list[PageImage], notes: list[str] | None = None) -> str:
    """The whole review page as text."""
    notes = list(notes or [])
    boxes = overlays(doc)
    by_page: dict[int, list[Overlay]] = {}
    for o in boxes:
        by_page.setdefault(o.page, []).append(o)
    known = {p.number for p in pages}
    lost = sorted({o.page for o in boxes} - known)
    if lost:
        notes.append(f"records point at page(s) {', '.join(map(str, lost))}, which the PDF does not have")
    first: set[str] = set()
    body = "".join(
        _page_html(p, sorted(by_page.get(p.number, []), key=lambda o: LAYER.get(o.type, 4)), first) for p in pages
    )
    counts = record_counts(boxes)
    groups = panel_items(doc, {o.record for o in boxes})
    title = doc.document.title or doc.document.source_file
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(doc.document.language if len(doc.document.language) == 2 else "en")}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data: file:; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{esc(_snip(title, 80))} · review</title>"
        f"<style>{_asset('review.css')}</style></head>"
        f'<body class="hide-paragraph">{_header_html(doc, notes)}'
        f'<div class="wrap"><main id="pages">{body}</main>'
        f'<aside id="panel">{_panel_html(groups, counts)}</aside></div>'
        f"<script>{_inline_script(_asset('review.js'))}</script></body></html>\n"
    )


# ---------------------------------------------------------------- files


@dataclass(slots=True)
class ReviewResult:
    json_path: Path
    html: Path | None
    pages: int = 0
    boxes: int = 0
    records: int = 0
    problems: list[str] = field(default_factory=list)


def _stem(doc: Document, json_path: Path) -> str:
    return Path(doc.document.source_file).stem or json_path.stem


def write_review(
    json_path: Path,
    pdf_path: Path,
    out_dir: Path,
    *,
    scale: float = DEFAULT_SCALE,
    inline_images: bool = False,
    force: bool = False,
) -> ReviewResult:
    """Write OUT_DIR/<name>.html (and <name>_files/page-NNN.png unless inline) for one document.

    A PDF other than the one the JSON was extracted from (its sha256 differs) would put every
    box in the wrong place, so it is refused, unless `force`, which draws it under a banner.
    """
    json_path, pdf_path, out_dir = Path(json_path), Path(pdf_path), Path(out_dir)
    doc = Document.model_validate_json(json_path.read_bytes())
    stem = _stem(doc, json_path)
    notes: list[str] = []
    if sha256_file(pdf_path) != doc.document.sha256:
        if not force:
            return ReviewResult(
                json_path,
                None,
                problems=[
                    f"{pdf_path}: not the PDF {json_path.name} was extracted from (sha256 differs); "
                    "--force to draw it anyway"
                ],
            )
        notes.append(f"{pdf_path.name} is not the PDF this JSON was extracted from (sha256 differs): boxes may be off")
    rendered = render_pages(pdf_path, scale)
    img_dir = out_dir / f"{stem}_files"
    if not inline_images:
        if img_dir.exists():
            shutil.rmtree(img_dir)
        img_dir.mkdir(parents=True)
    pages: list[PageImage] = []
    for r in rendered:
        if inline_images:
            src = "data:image/png;base64," + base64.b64encode(r.png).decode("ascii")
        else:
            name = f"page-{r.number:03d}.png"
            (img_dir / name).write_bytes(r.png)
            src = f"{quote(img_dir.name)}/{name}"
        pages.append(PageImage(r.number, r.width, r.height, r.origin, src, r.px))
    text = page_html(doc, pages, notes)
    target = out_dir / f"{stem}.html"
    write_atomic(target, text.encode("utf-8", "replace"))
    records = sum(record_counts(overlays(doc)).values())
    return ReviewResult(json_path, target, len(pages), text.count("data-record="), records, notes)


def pair_files(json_dir: Path, pdf_dir: Path) -> Iterator[tuple[Path, str, Path | None]]:
    """Each document JSON under json_dir, its source_file, and the PDF of that name under pdf_dir (or None)."""

    pdfs: dict[str, Path] = {}
    for p in sorted(Path(pdf_dir).rglob("*")):
        if p.is_file() and p.suffix.lower() == ".pdf":
            pdfs.setdefault(p.name, p)
    loaded = load_run(Path(json_dir))
    for did, doc in loaded.documents:
        yield loaded.files[did], doc.document.source_file, pdfs.get(doc.document.source_file)


def write_reviews(
    json_dir: Path,
    pdf_dir: Path,
    out_dir: Path,
    *,
    scale: float = DEFAULT_SCALE,
    inline_images: bool = False,
    force: bool = False,
) -> list[ReviewResult]:
    """The folder form: a page per document whose PDF is found, and an index.html linking them."""
    results: list[ReviewResult] = []
    for j, name, pdf in pair_files(json_dir, pdf_dir):
        if pdf is None:
            results.append(ReviewResult(j, None, problems=[f"{j.name}: no {name} under {pdf_dir}"]))
            continue
        try:
            results.append(write_review(j, pdf, out_dir, scale=scale, inline_images=inline_images, force=force))
        except Exception as e:  # one unreadable PDF must not stop the batch
            results.append(ReviewResult(j, None, problems=[f"{j.name}: {type(e).__name__}: {e}"]))
    write_atomic(Path(out_dir) / "index.html", index_html(results).encode("utf-8", "replace"))
    return results


def index_html(results: list[ReviewResult]) -> str:
    rows = []
    for r in results:
        if r.html is None:
            rows.append(f"<li class='bad'>{esc(r.json_path.name)}: {esc('; '.join(r.problems))}</li>")
        else:
            rows.append(
                f'<li><a href="{esc(quote(r.html.name))}">{esc(r.html.stem)}</a> '
                f"<span class='n'>{r.pages} pages, {r.records} records</span>"
                + "".join(f" <span class='bad'>{esc(p)}</span>" for p in r.problems)
                + "</li>"
            )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>upr-extract review</title>'
        f"<style>{_asset('review.css')}</style></head><body class='index'><h1>Review pages</h1>"
        f"<ol>{''.join(rows)}</ol></body></html>\n"
    )
