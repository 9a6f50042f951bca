"""Counts over a folder of extracted documents: what a run found, where, and where it struggled.

`stats()` is a pure summary (plain data, JSON-ready); `print_stats()` shows it
as rich tables and `plot_stats()` draws the same four views as one PNG
(matplotlib, the optional `plot` extra, imported only when asked for).

Follow-up verdicts are counted per State under review and per theme. A verdict's
themes are those of the earlier recommendations it assesses when the batch holds
their report (resolved as `upr-extract link` resolves them); otherwise those of
the section the verdict sentence sits in; a verdict with neither counts under
NO_THEME.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extract.outputs.files import load_run, replacing
from extract.outputs.link import STATUS_WORDS, link_documents
from schemas import Document, record_types

RECORD_TYPES: tuple[str, ...] = record_types()
NO_THEME = "(none)"  # the theme column of verdicts neither their recommendations nor their section give a theme
NO_STATE = "(unknown)"  # the State column of verdicts in documents whose State under review is not known
TOP = 10  # rows in the "most warnings" table and bars in the plot's per-document views


@dataclass(slots=True)
class DocStats:
    document_id: str
    source_file: str
    kind: str
    state: str | None
    pages: int
    counts: dict[str, int]
    warning_codes: dict[str, int]

    @property
    def records(self) -> int:
        return sum(v for k, v in self.counts.items() if k != "warnings")


@dataclass(slots=True)
class ThemeStats:
    id: str
    label: str
    recommendations: int
    documents: int


@dataclass(slots=True)
class VerdictStats:
    """Follow-up verdicts of one State under review (ISO3, or the name when it has none) or one theme."""

    key: str
    label: str
    counts: dict[str, int]  # status → follow-ups, statuses in STATUS_WORDS order

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(slots=True)
class Stats:
    documents: list[DocStats] = field(default_factory=list)
    per_type: dict[str, int] = field(default_factory=dict)
    per_kind: dict[str, int] = field(default_factory=dict)
    per_theme: list[ThemeStats] = field(default_factory=list)
    warning_codes: dict[str, int] = field(default_factory=dict)
    verdicts_per_state: list[VerdictStats] = field(default_factory=list)
    verdicts_per_theme: list[VerdictStats] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def most_warnings(self) -> list[DocStats]:
        ranked = sorted(self.documents, key=lambda d: (-d.counts["warnings"], d.document_id))
        return [d for d in ranked if d.counts["warnings"]][:TOP]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"most_warnings": [d.document_id for d in self.most_warnings]}


def doc_stats(did: str, doc: Document) -> DocStats:
    sur = doc.document.state_under_review
    return DocStats(
        document_id=did,
        source_file=doc.document.source_file,
        kind=doc.document.kind,
        state=sur.iso3 if sur else None,
        pages=doc.document.pages,
        counts={t: len(getattr(doc, t)) for t in RECORD_TYPES},
        warning_codes=dict(sorted(Counter(w.code for w in doc.warnings).items())),
    )


def summarise(documents: list[tuple[str, Document]]) -> Stats:
    """Totals per type, per document kind, per theme (recommendations and documents) and per warning code."""
    out = Stats()
    per_type: Counter[str] = Counter({t: 0 for t in RECORD_TYPES})
    kinds: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    theme_recs: Counter[str] = Counter()
    theme_docs: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for did, doc in documents:
        ds = doc_stats(did, doc)
        out.documents.append(ds)
        per_type.update(ds.counts)
        kinds[ds.kind] += 1
        codes.update(ds.warning_codes)
        seen: set[str] = set()
        for th in doc.themes:
            if th.dimension != "theme":  # groups of persons are not themes: the per-theme table stays themes only
                continue
            labels.setdefault(th.id, th.label)
            seen.add(th.id)
        for r in doc.recommendations:
            for t in dict.fromkeys(r.themes):
                theme_recs[t] += 1
                seen.add(t)
        theme_docs.update(seen)
    out.per_type = dict(per_type)
    out.per_kind = dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    out.warning_codes = dict(sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])))
    out.per_theme = sorted(
        (ThemeStats(t, labels.get(t, t), theme_recs[t], theme_docs[t]) for t in theme_docs),
        key=lambda s: (-s.recommendations, -s.documents, s.id),
    )
    out.verdicts_per_state, out.verdicts_per_theme = verdict_stats([doc for _, doc in documents], labels)
    return out


def _linked_themes(docs: list[Document]) -> dict[tuple[str, str], set[str]]:
    """(document, follow-up id) → themes of the recommendations its verdict is linked to in the batch."""
    recs = {(d.document.source_file, r.id): r.themes for d in docs for r in d.recommendations if r.themes}
    out: dict[tuple[str, str], set[str]] = {}
    for lk in link_documents(docs).links:
        themes = recs.get((lk.report or "", lk.recommendation or ""), [])
        for v in lk.follow_ups:
            out.setdefault((v.document, v.follow_up), set()).update(themes)
    return out


def _section_themes(doc: Document, paragraph: str | None, footnote: str | None = None) -> list[str]:
    """Themes of the section a sentence sits in; a note's sentence sits where its first marker is."""
    if paragraph is None and footnote is not None:
        note = next((f for f in doc.footnotes if f.id == footnote), None)
        paragraph = next((a.paragraph for a in note.anchors if a.paragraph), None) if note else None
    section = next((p.section for p in doc.paragraphs if p.id == paragraph), None) if paragraph else None
    return next((list(s.themes) for s in doc.sections if s.id == section), []) if section else []


def verdict_stats(docs: list[Document], labels: dict[str, str]) -> tuple[list[VerdictStats], list[VerdictStats]]:
    """Follow-ups per status, per State under review and per theme (see the module's docstring)."""
    if not any(d.follow_ups for d in docs):
        return [], []
    linked = _linked_themes(docs)
    states: dict[str, Counter[str]] = {}
    state_names: dict[str, str] = {}
    themes: dict[str, Counter[str]] = {}
    for doc in docs:
        sur = doc.document.state_under_review
        key = (sur.iso3 or sur.name) if sur else NO_STATE
        state_names.setdefault(key, sur.name if sur else NO_STATE)
        for f in doc.follow_ups:
            states.setdefault(key, Counter())[f.status] += 1
            mine = sorted(linked.get((doc.document.source_file, f.id)) or _section_themes(doc, f.paragraph, f.footnote))
            for t in dict.fromkeys(mine or [NO_THEME]):
                themes.setdefault(t, Counter())[f.status] += 1

    def rows(by: dict[str, Counter[str]], label: dict[str, str]) -> list[VerdictStats]:
        out = [VerdictStats(k, label.get(k, k), {s: c[s] for s in STATUS_WORDS if c[s]}) for k, c in by.items()]
        return sorted(out, key=lambda v: (-v.total, v.key))

    return rows(states, state_names), rows(themes, labels)


def stats(json_dir: Path) -> Stats:
    """Read every document JSON under json_dir and summarise it."""
    loaded = load_run(Path(json_dir))
    out = summarise(loaded.documents)
    out.problems = loaded.problems
    return out


# ---------------------------------------------------------------- printing

# The per-document table is one terminal line wide: sections, themes and contributors are left out on purpose.
PER_DOCUMENT = tuple(t for t in RECORD_TYPES if t not in ("sections", "themes", "contributors"))
SHORT = {
    "paragraphs": "para",
    "footnotes": "note",
    "citations": "cite",
    "legal_articles": "art",
    "cases": "case",
    "recommendations": "rec",
    "follow_ups": "fu",
    "warnings": "warn",
}


def print_stats(s: Stats, console: Console, per_document: bool = True) -> None:
    """The summary as rich tables: per type, per document, per theme, most warnings."""
    n = len(s.documents)
    pages = sum(d.pages for d in s.documents)
    console.print(f"[bold]{n}[/] document(s), {pages} page(s)", highlight=False)
    for p in s.problems:
        console.print(f"[yellow]{escape(p)}[/]", markup=True, highlight=False)
    if not n:
        return

    t = Table(title="records per type", show_edge=False)
    t.add_column("type")
    t.add_column("count", justify="right")
    t.add_column("documents with any", justify="right")
    for typ in RECORD_TYPES:
        t.add_row(typ, str(s.per_type.get(typ, 0)), str(sum(1 for d in s.documents if d.counts[typ])))
    console.print(t)

    if per_document:
        t = Table(title="records per document", show_edge=False, box=box.SIMPLE_HEAD, pad_edge=False)
        t.add_column("document", no_wrap=True, overflow="ellipsis", min_width=12, max_width=max(12, console.width - 52))
        for name in ("pg", *(SHORT[typ] for typ in PER_DOCUMENT)):
            t.add_column(name, justify="right", no_wrap=True, min_width=len(name))
        for d in s.documents:
            t.add_row(escape(d.document_id), str(d.pages), *(str(d.counts[typ]) for typ in PER_DOCUMENT))
        console.print(t)

    if s.per_theme:
        t = Table(title="themes", show_edge=False)
        t.add_column("theme")
        t.add_column("label")
        t.add_column("recommendations", justify="right")
        t.add_column("documents", justify="right")
        for th in s.per_theme:
            t.add_row(escape(th.id), escape(th.label), str(th.recommendations), str(th.documents))
        console.print(t)

    for title, rows in (
        ("follow-up verdicts per State", s.verdicts_per_state),
        ("follow-up verdicts per theme", s.verdicts_per_theme),
    ):
        if rows:
            t = Table(title=title, show_edge=False)
            t.add_column("State" if "State" in title else "theme")
            for status in STATUS_WORDS:
                t.add_column(STATUS_WORDS[status], justify="right")
            t.add_column("all", justify="right")
            for v in rows:
                name = v.key if v.label == v.key else f"{v.label} ({v.key})"
                t.add_row(escape(name), *(str(v.counts.get(st, 0)) for st in STATUS_WORDS), str(v.total))
            console.print(t)

    worst = s.most_warnings
    if worst:
        t = Table(title=f"most warnings (top {TOP})", show_edge=False)
        t.add_column("document", no_wrap=True, overflow="ellipsis", min_width=16)
        t.add_column("warnings", justify="right")
        t.add_column("codes", overflow="fold")
        for d in worst:
            codes = ", ".join(f"{c} ×{k}" for c, k in sorted(d.warning_codes.items(), key=lambda kv: (-kv[1], kv[0])))
            t.add_row(escape(d.document_id), str(d.counts["warnings"]), escape(codes))
        console.print(t)


# ---------------------------------------------------------------- plotting


PLOT_HINT = "plotting needs matplotlib: pip install 'upr-extract[plot]'"


def plotting_problem() -> str | None:
    """Why no chart can be drawn here (the `plot` extra is missing), or None: asked before any work."""
    return PLOT_HINT if find_spec("matplotlib") is None else None


def plot_stats(s: Stats, out: Path) -> Path:
    """Four bar charts in one PNG: records per type, per document, per theme, and the most warnings."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError(PLOT_HINT) from e

    fig, axes = plt.subplots(2, 2, figsize=(14, 10), dpi=100)
    (a_type, a_doc), (a_theme, a_warn) = axes

    types = [t for t in RECORD_TYPES if t != "warnings"]
    bars = a_type.barh(types[::-1], [s.per_type.get(t, 0) for t in types[::-1]], color="#0969da")
    a_type.bar_label(bars, fontsize=7, padding=2)
    a_type.set_title("records per type")

    docs = sorted(s.documents, key=lambda d: (-d.records, d.document_id))[: TOP * 2][::-1]
    left = [0] * len(docs)
    for typ, colour in zip(
        ("paragraphs", "footnotes", "citations", "legal_articles", "cases", "recommendations"),
        ("#afb8c1", "#8250df", "#0969da", "#bf3989", "#bc4c00", "#1a7f37"),
        strict=True,
    ):
        vals = [d.counts[typ] for d in docs]
        a_doc.barh([_short(d.document_id) for d in docs], vals, left=left, color=colour, label=typ)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    a_doc.set_title(f"records per document (top {len(docs)})")
    if docs:
        a_doc.legend(fontsize=7, loc="lower right")

    themes = s.per_theme[: TOP * 2][::-1]
    a_theme.set_title("recommendations per theme")
    if themes:
        bars = a_theme.barh([_short(t.label) for t in themes], [t.recommendations for t in themes], color="#1a7f37")
        a_theme.bar_label(bars, fontsize=7, padding=2)
    else:
        _empty(a_theme, "no themes")

    worst = s.most_warnings[::-1]
    a_warn.set_title("documents with the most warnings")
    if worst:
        bars = a_warn.barh(
            [_short(d.document_id) for d in worst], [d.counts["warnings"] for d in worst], color="#cf222e"
        )
        a_warn.bar_label(bars, fontsize=7, padding=2)
    else:
        _empty(a_warn, "no warnings")
    if not docs:
        _empty(a_doc, "no documents")

    for ax in axes.flat:
        ax.tick_params(axis="y", labelsize=7)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(y=0.3 / max(1, len(ax.patches)) + 0.02)
    fig.suptitle(f"upr-extract: {len(s.documents)} documents, {sum(d.pages for d in s.documents)} pages")
    fig.tight_layout()
    out = Path(out)
    try:
        with replacing(out) as tmp:
            fig.savefig(tmp, format="png", metadata={"Software": None})
    finally:
        plt.close(fig)
    return out


def _empty(ax: Any, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#57606a")


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
