"""Compare two runs: per document and record type, what was added, removed or changed.

Records are matched by content, not by id: ids are positions ("p12"), so one
paragraph found earlier would otherwise shift every later id and show the
whole document as changed. Each record type has a key (a footnote its number,
a case its name, a recommendation its text...); records with equal keys are
paired in order, and a pair whose other fields differ is "changed", with the
fields named. References between records (a paragraph's section, a mention's
paragraph) are compared through the key of the record they point at, so a
shifted id is no change but a paragraph moved to another section is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.outputs.files import is_link_file, json_files
from schemas import record_types

Rec = dict[str, Any]

# Fields that hold the id of another record of the same document.
REFERENCE_FIELDS = frozenset(
    {
        "section",
        "parent",
        "paragraph",
        "footnote",
        "paragraphs",
        "sections",
        "recommendations",
        "legal_articles",
        "anchor",
    }
)

# What identifies a record of each type across two runs.
KEYS: dict[str, Callable[[Rec], tuple]] = {
    "sections": lambda r: (r.get("title"),),
    "paragraphs": lambda r: (r.get("text"),),
    "footnotes": lambda r: (str(r.get("number")),),
    "citations": lambda r: (r.get("kind"), r.get("text")),
    "legal_articles": lambda r: (r.get("article"), r.get("sub"), r.get("instrument")),
    "cases": lambda r: (r.get("name"),),
    "recommendations": lambda r: (r.get("text"),),
    "themes": lambda r: (r.get("id"),),
    "contributors": lambda r: (r.get("abbreviation"),),
    "warnings": lambda r: (r.get("code"), r.get("message")),
}


def _key(kind: str, rec: Rec) -> tuple:
    """The record's identity across runs (its id for a type the table does not know)."""
    return KEYS[kind](rec) if kind in KEYS else (rec.get("id"),)


def _label(kind: str, rec: Rec) -> str:
    return f"{kind}:" + "|".join("" if k is None else str(k) for k in _key(kind, rec))


@dataclass(slots=True)
class Change:
    key: str
    fields: list[str]
    old: Rec
    new: Rec


@dataclass(slots=True)
class TypeDiff:
    added: list[Rec] = field(default_factory=list)
    removed: list[Rec] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(slots=True)
class DocDiff:
    name: str
    status: str = "same"  # same | changed | only_old | only_new | unreadable
    meta: list[tuple[str, Any, Any]] = field(default_factory=list)
    types: dict[str, TypeDiff] = field(default_factory=dict)
    problem: str | None = None


def _ids(doc: dict) -> dict[str, str]:
    """id → a stable label of the record it names, over every record type of the document."""
    out: dict[str, str] = {}
    for kind in KEYS:
        for rec in doc.get(kind) or []:
            rid = rec.get("id")
            if isinstance(rid, str):
                out.setdefault(rid, _label(kind, rec))
    return out


def _resolve(value: Any, ids: dict[str, str], ref: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _resolve(v, ids, k in REFERENCE_FIELDS) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_resolve(v, ids, ref) for v in value]
    if ref and isinstance(value, str):
        return ids.get(value, value)
    return value


def _pair(kind: str, old: list[Rec], new: list[Rec], old_ids: dict, new_ids: dict) -> TypeDiff:
    pending: dict[tuple, list[Rec]] = {}
    for r in new:
        pending.setdefault(_key(kind, r), []).append(r)
    out = TypeDiff()
    for r in old:
        k = _key(kind, r)
        bucket = pending.get(k)
        if not bucket:
            out.removed.append(r)
            continue
        n = bucket.pop(0)
        a, b = _resolve(r, old_ids), _resolve(n, new_ids)
        if a != b:
            fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
            out.changed.append(Change(_label(kind, r), fields, r, n))
    for bucket in pending.values():
        out.added.extend(bucket)
    return out


def diff_documents(old: dict, new: dict, name: str = "") -> DocDiff:
    """What changed between two JSON documents of the same PDF."""
    out = DocDiff(name=name)
    om, nm = old.get("document") or {}, new.get("document") or {}
    for f in sorted(set(om) | set(nm)):
        if om.get(f) != nm.get(f):
            out.meta.append((f, om.get(f), nm.get(f)))
    old_ids, new_ids = _ids(old), _ids(new)
    for kind in record_types():
        td = _pair(kind, old.get(kind) or [], new.get(kind) or [], old_ids, new_ids)
        if td:
            out.types[kind] = td
    if out.meta or out.types:
        out.status = "changed"
    return out


def _documents(folder: Path) -> dict[str, Path]:
    """JSON files under a folder (or the file itself), by path relative to the folder."""
    if not folder.is_dir():
        return {folder.name: folder}
    return {str(p.relative_to(folder)): p for p in json_files(folder)}


def _load(path: Path) -> tuple[dict | None, str | None]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, f"unreadable JSON ({getattr(e, 'strerror', None) or type(e).__name__})"
    if is_link_file(data) or not isinstance(data, dict) or "document" not in data:
        return None, "not a document JSON"
    return data, None


def diff_runs(old_dir: Path, new_dir: Path) -> list[DocDiff]:
    """Every document of either run, paired by its path relative to the run's folder."""
    old_files = _documents(old_dir)
    new_files = _documents(new_dir)
    out: list[DocDiff] = []
    for name in sorted(set(old_files) | set(new_files)):
        if name not in new_files or name not in old_files:
            data, _ = _load(old_files.get(name) or new_files[name])
            if data is None:
                continue  # not a document on the one side it exists: nothing to compare
            out.append(DocDiff(name=name, status="only_old" if name not in new_files else "only_new"))
            continue
        old, p1 = _load(old_files[name])
        new, p2 = _load(new_files[name])
        if old is None and new is None:
            continue
        if old is None or new is None:
            out.append(DocDiff(name=name, status="unreadable", problem=p1 or p2))
            continue
        out.append(diff_documents(old, new, name))
    return out


# ---------------------------------------------------------------- printing


def _short(value: Any, width: int = 90) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _describe(kind: str, rec: Rec) -> str:
    key = " | ".join(str(k) for k in _key(kind, rec) if k is not None)
    page = rec.get("page") or rec.get("page_start")
    return _short(key) + (f" (p. {page})" if page else "")


def format_diff(diffs: Iterable[DocDiff], detail: int = 5) -> list[str]:
    """Readable lines: a summary line per document that differs, then up to `detail` items per change."""
    lines: list[str] = []
    for d in diffs:
        if d.status == "same":
            continue
        if d.status in ("only_old", "only_new", "unreadable"):
            what = {"only_old": "only in the old run", "only_new": "only in the new run"}.get(d.status, d.problem)
            lines.append(f"{d.name}: {what}")
            continue
        counts = ", ".join(f"{k} +{len(t.added)} -{len(t.removed)} ~{len(t.changed)}" for k, t in d.types.items())
        lines.append(f"{d.name}: " + ", ".join(x for x in (("document" if d.meta else ""), counts) if x))
        for f, a, b in d.meta:
            lines.append(f"  document.{f}: {_short(a, 60)} → {_short(b, 60)}")
        for kind, t in d.types.items():
            for sign, recs in (("+", t.added), ("-", t.removed)):
                for rec in recs[:detail]:
                    lines.append(f"  {sign} {kind}: {_describe(kind, rec)}")
                if len(recs) > detail:
                    lines.append(f"  {sign} {kind}: … {len(recs) - detail} more")
            for c in t.changed[:detail]:
                fields = ", ".join(
                    f"{f}: {_short(c.old.get(f), 40)} → {_short(c.new.get(f), 40)}" for f in c.fields[:3]
                )
                lines.append(f"  ~ {kind}: {_short(c.key.split(':', 1)[1], 60)}: {fields}")
            if len(t.changed) > detail:
                lines.append(f"  ~ {kind}: … {len(t.changed) - detail} more")
    return lines


def summary(diffs: list[DocDiff]) -> dict[str, Any]:
    """Counts for scripts: documents by status, and per record type added/removed/changed."""
    by_status: dict[str, int] = {}
    per_type: dict[str, dict[str, int]] = {}
    for d in diffs:
        by_status[d.status] = by_status.get(d.status, 0) + 1
        for kind, t in d.types.items():
            c = per_type.setdefault(kind, {"added": 0, "removed": 0, "changed": 0})
            c["added"] += len(t.added)
            c["removed"] += len(t.removed)
            c["changed"] += len(t.changed)
        if d.meta:
            c = per_type.setdefault("document", {"added": 0, "removed": 0, "changed": 0})
            c["changed"] += len(d.meta)
    return {"documents": by_status, "records": per_type}


def as_json(diffs: list[DocDiff]) -> dict[str, Any]:
    return {
        "summary": summary(diffs),
        "documents": [
            {
                "name": d.name,
                "status": d.status,
                "problem": d.problem,
                "document": [{"field": f, "old": a, "new": b} for f, a, b in d.meta],
                "records": {
                    kind: {
                        "added": t.added,
                        "removed": t.removed,
                        "changed": [{"key": c.key, "fields": c.fields, "old": c.old, "new": c.new} for c in t.changed],
                    }
                    for kind, t in d.types.items()
                },
            }
            for d in diffs
            if d.status != "same"
        ],
    }
