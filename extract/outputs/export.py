"""Flatten a folder of extracted documents into analyst tables: CSV, XLSX, SQLite, JSONL.

One row per record, one table per record type (the contract's "Tables"), plus
link tables for the list fields people filter on (themes, recommending States,
organisations, legal articles). Every table carries `document_id`, and the
tables analysts open on their own (footnotes, citations, legal articles, cases,
recommendations, follow-ups, warnings) repeat the document's file, kind, organisations and
State so a spreadsheet row makes sense without a join.

Conventions (also in the README):

- `document_id` is the PDF file name without its extension; when two different PDFs
  of one export share it, each gets "-" and the first 8 hex digits of its sha256.
- Record ids are unique only inside a document, so the key is (document_id, id).
  Warnings have no id in the JSON: they get "w1", "w2"... in document order.
- Lists of names (organisations, themes, States, aliases, roles, ids) are joined
  with "; " in a cell; link tables hold one row per item for exact queries.
  Nested structures (mentions, events, anchors, parsed citation parts, boxes)
  are compact JSON text. JSONL keeps every record whole, as in the JSON.
- Output is deterministic: documents sorted by id, records in document order,
  no timestamps; every file is written to a temp name then renamed.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from extract.outputs.files import Loaded, load_run, replacing, write_atomic
from schemas import Document, record_types

Format = Literal["csv", "xlsx", "sqlite", "jsonl"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "sqlite", "jsonl")
LIST_SEP = "; "
XLSX_CELL_MAX = 32_767  # Excel refuses longer cells
XLSX_WIDTHS = {
    "text": 80,
    "message": 60,
    "title": 50,
    "name": 28,
    "organisations": 36,
    "source_file": 36,
    "document_id": 30,
}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip's epoch: no build time leaks into the file

Value = str | int | float | None
Row = dict[str, Value]


# ---------------------------------------------------------------- table specs (data)


@dataclass(frozen=True, slots=True)
class At:
    """Where a cell's value comes from: the document, one item of the table's source list, its 1-based index."""

    did: str
    doc: Document
    item: Any
    i: int


Getter = Callable[[At], Value]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql: str  # SQLite type: TEXT, INTEGER, REAL
    doc: str
    get: Getter = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    items: Callable[[Document], Iterable[Any]] = field(repr=False, compare=False)
    """The table's source: one row per item, in document order."""
    parent: tuple[str, tuple[str, ...], tuple[str, ...]] | None = None
    """(table, local columns, its columns) for the foreign key; every table also references documents."""
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def rows(self, did: str, doc: Document) -> list[Row]:
        return [{c.name: c.get(At(did, doc, it, i)) for c in self.columns} for i, it in enumerate(self.items(doc), 1)]


def _join(items: list[str] | tuple[str, ...]) -> str | None:
    return LIST_SEP.join(items) if items else None


def _json(value: Any) -> str | None:
    if value is None or value == [] or value == {}:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _bbox(b: tuple[float, float, float, float] | None) -> str | None:
    return None if b is None else _json(list(b))


def _dump(items: list[Any]) -> str | None:
    return _json([i.model_dump(mode="json", exclude_none=True) for i in items])


def _first_page(mentions: list[Any]) -> int | None:
    return min((m.page for m in mentions), default=None)


def _citation_key(parsed: Any) -> str | None:
    for attr in ("symbol", "number", "url", "name"):
        v = getattr(parsed, attr, None)
        if v:
            return str(v)
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _c(name: str, sql: str, doc: str, get: Getter | None = None) -> Column:
    """A column; without `get` its value is the item's attribute of the same name."""
    return Column(name, sql, doc, get or (lambda at: getattr(at.item, name)))


def _joined(name: str, doc: str, attr: str | None = None) -> Column:
    """A list attribute as one '; '-joined cell."""
    return _c(name, "TEXT", doc, lambda at: _join(getattr(at.item, attr or name)))


def _sur(at: At) -> Any:
    return at.doc.document.state_under_review


DOC_ID = _c("document_id", "TEXT", "documents.id of the document the record comes from", lambda at: at.did)
ID = _c("id", "TEXT", "the record's id in its document's JSON")
DOC_COLUMNS = (
    _c("source_file", "TEXT", "PDF file name", lambda at: at.doc.document.source_file),
    _c(
        "doc_kind", "TEXT", "document kind (ngo_submission, working_group_report, ...)", lambda at: at.doc.document.kind
    ),
    _c(
        "organisations",
        "TEXT",
        "submitting organisation(s), '; '-joined",
        lambda at: _join(at.doc.document.organisations),
    ),
    _c("state", "TEXT", "State under review (name)", lambda at: s.name if (s := _sur(at)) else None),
    _c("state_iso3", "TEXT", "State under review (ISO 3166 alpha-3)", lambda at: s.iso3 if (s := _sur(at)) else None),
)
BBOX = _c("bbox", "TEXT", "[x0, top, x1, bottom] in PDF points, top-left origin (JSON)", lambda at: _bbox(at.item.bbox))
FIRST_PAGE = _c("page", "INTEGER", "page of the first mention", lambda at: _first_page(at.item.mentions))
N_MENTIONS = _c("n_mentions", "INTEGER", "number of mentions", lambda at: len(at.item.mentions))
MENTIONS = _c(
    "mentions",
    "TEXT",
    "[{paragraph, footnote, page, text, start, end, bbox}] (JSON)",
    lambda at: _dump(at.item.mentions),
)


def _link_table(
    name: str,
    doc: str,
    parent: str,
    parent_col: Column,
    value: Column,
    items: Callable[[Document], Iterable[tuple[Any, str]]],
    index: tuple[str, ...],
) -> Table:
    """One row per distinct item of a record's list: items yield (record, item)."""
    return Table(
        name,
        doc,
        (DOC_ID, parent_col, value),
        key=("document_id", parent_col.name, value.name),
        items=items,
        parent=(parent, ("document_id", parent_col.name), ("document_id", "id")),
        indexes=(index,),
    )


def _each(records: str, values: str) -> Callable[[Document], list[tuple[Any, str]]]:
    return lambda doc: [(r, v) for r in getattr(doc, records) for v in _unique(getattr(r, values))]


REC_ID = _c("recommendation_id", "TEXT", "recommendations.id", lambda at: at.item[0].id)
VALUE_OF_PAIR: Getter = lambda at: at.item[1]  # noqa: E731

DOCUMENTS = Table(
    "documents",
    "one row per extracted PDF",
    (
        _c(
            "id",
            "TEXT",
            "file name without extension (plus '-' and 8 sha256 digits if two files share it)",
            lambda at: at.did,
        ),
        _c("source_file", "TEXT", "PDF file name"),
        _c("sha256", "TEXT", "of the PDF bytes"),
        _c("schema_version", "TEXT", "version of the JSON schema", lambda at: at.doc.schema_version),
        _c("pages", "INTEGER", "page count"),
        _c("kind", "TEXT", "document kind"),
        _c("title", "TEXT", "title as printed"),
        _joined("organisations", "submitting organisation(s), '; '-joined"),
        _c("state", "TEXT", "State under review (name)", lambda at: s.name if (s := _sur(at)) else None),
        _c("state_iso3", "TEXT", "State under review (ISO alpha-3)", lambda at: s.iso3 if (s := _sur(at)) else None),
        _c("language", "TEXT", "ISO 639-1 code"),
        _c("date", "TEXT", "ISO 8601, as precise as printed"),
        _c("symbol", "TEXT", "UN document symbol"),
        _c("session", "INTEGER", "UPR Working Group session"),
        _c("cycle", "INTEGER", "UPR cycle"),
        _c("producer", "TEXT", "PDF producer metadata"),
    ),
    key=("id",),
    items=lambda doc: [doc.document],
    indexes=(("state_iso3",), ("kind",)),
)

RECORD_TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "sections",
            "headings and their page ranges",
            (
                DOC_ID,
                ID,
                _c("number", "TEXT", "printed numbering (II, A, 3.1)"),
                _c("title", "TEXT", "heading without its numbering"),
                _c("level", "INTEGER", "1 = top"),
                _c("parent", "TEXT", "id of the enclosing section"),
                _c("page_start", "INTEGER", "first page"),
                _c("page_end", "INTEGER", "last page"),
                _joined("themes", "theme ids, '; '-joined"),
                BBOX,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.sections,
        ),
        Table(
            "paragraphs",
            "body text, one row per paragraph",
            (
                DOC_ID,
                ID,
                _c("section", "TEXT", "sections.id"),
                _c("page", "INTEGER", "page of the first line"),
                _c("kind", "TEXT", "body, bullet, quote, table, heading_note"),
                _c("number", "TEXT", "printed paragraph number"),
                _c("text", "TEXT", "de-hyphenated text"),
                BBOX,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.paragraphs,
        ),
        Table(
            "footnotes",
            "footnotes and endnotes",
            (
                DOC_ID,
                ID,
                *DOC_COLUMNS,
                _c("page", "INTEGER", "page of the note"),
                _c("number", "TEXT", "number as printed", lambda at: str(at.item.number)),
                _c("endnote", "INTEGER", "1 if printed in a notes list at the end", lambda at: int(at.item.endnote)),
                _c("text", "TEXT", "note text"),
                _c(
                    "paragraphs",
                    "TEXT",
                    "ids of the paragraphs citing it, '; '-joined",
                    lambda at: _join(_unique([a.paragraph for a in at.item.anchors if a.paragraph])),
                ),
                _c(
                    "anchors",
                    "TEXT",
                    "markers in the text: [{paragraph, page, offset, bbox}] (JSON)",
                    lambda at: _dump(at.item.anchors),
                ),
                BBOX,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.footnotes,
        ),
        Table(
            "citations",
            "references to UN documents, earlier recommendations, URLs, views and court cases",
            (
                DOC_ID,
                ID,
                *DOC_COLUMNS,
                _c("page", "INTEGER", "page"),
                _c("kind", "TEXT", "un_document, upr_recommendation, url, treaty_body_view, court_case, other"),
                _c("text", "TEXT", "as printed"),
                _c(
                    "identifier",
                    "TEXT",
                    "the parsed identity: UN symbol, recommendation number, URL, communication number or case name",
                    lambda at: _citation_key(at.item.parsed),
                ),
                _c("footnote", "TEXT", "footnotes.id holding it"),
                _c("paragraph", "TEXT", "paragraphs.id holding it"),
                _c(
                    "parsed",
                    "TEXT",
                    "parsed parts (JSON)",
                    lambda at: _json(at.item.parsed.model_dump(mode="json", exclude_none=True)),
                ),
                BBOX,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.citations,
            indexes=(("kind", "identifier"), ("state_iso3",)),
        ),
        Table(
            "legal_articles",
            "articles of national law and treaties, one row per distinct article",
            (
                DOC_ID,
                ID,
                *DOC_COLUMNS,
                FIRST_PAGE,
                _c("article", "TEXT", "article number"),
                _c("sub", "TEXT", "paragraph/sub-article"),
                _c("instrument", "TEXT", "canonical instrument name"),
                _c("instrument_kind", "TEXT", "national or international"),
                _joined("instrument_aliases", "other names the document uses, '; '-joined"),
                N_MENTIONS,
                MENTIONS,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.legal_articles,
            indexes=(("instrument", "article"), ("state_iso3",)),
        ),
        Table(
            "cases",
            "named people and groups whose cases the document reports",
            (
                DOC_ID,
                ID,
                *DOC_COLUMNS,
                FIRST_PAGE,
                _c("name", "TEXT", "fullest spelling"),
                _c("kind", "TEXT", "person or group"),
                _joined("aliases", "other spellings, '; '-joined"),
                _joined("roles", "roles (journalist, lawyer...), '; '-joined"),
                _joined("legal_articles", "legal_articles ids, '; '-joined"),
                _c("events", "TEXT", "[{type, date, text, sentence, ...}] (JSON)", lambda at: _dump(at.item.events)),
                N_MENTIONS,
                MENTIONS,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.cases,
            indexes=(("name",), ("state_iso3",)),
        ),
        Table(
            "recommendations",
            "recommendations made, listed or answered",
            (
                DOC_ID,
                ID,
                *DOC_COLUMNS,
                _c("page", "INTEGER", "page"),
                _c("number", "TEXT", "as printed (140.7)"),
                _c("text", "TEXT", "the whole recommendation"),
                _c("section", "TEXT", "sections.id"),
                _joined("themes", "theme ids, '; '-joined"),
                _joined("groups", "ids of the groups of persons it concerns, '; '-joined"),
                _c("action_verb", "TEXT", "leading verb (ratify, ensure...)", lambda at: at.item.action.verb),
                _c(
                    "action_category",
                    "INTEGER",
                    "action category 1 (minimal) to 5 (specific)",
                    lambda at: at.item.action.category,
                ),
                _joined("recommending_states", "States that made it as printed, '; '-joined"),
                _c(
                    "recommending_iso3",
                    "TEXT",
                    "ISO3 of the States that made it (UN members and observers the names resolve to), '; '-joined",
                    lambda at: _join([s.iso3 for s in at.item.recommending_state_refs]),
                ),
                _c("position", "TEXT", "supported, noted or empty"),
                _joined("legal_articles", "legal_articles ids, '; '-joined"),
                _c("origin", "TEXT", "submission, report or addendum"),
                _joined("paragraphs", "paragraph ids the text comes from, '; '-joined"),
                BBOX,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.recommendations,
            indexes=(("state_iso3",), ("doc_kind",), ("position",)),
        ),
        Table(
            "themes",
            "themes and groups of persons found in a document and what they cover",
            (
                DOC_ID,
                ID,
                _c("label", "TEXT", "readable name"),
                _c("taxonomy", "TEXT", "theme list the id comes from"),
                _c("dimension", "TEXT", "theme, or group (of persons)"),
                _joined("sections", "section ids, '; '-joined"),
                _joined("recommendations", "recommendation ids, '; '-joined"),
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.themes,
        ),
        Table(
            "contributors",
            "stakeholders listed in a summary of stakeholders' submissions",
            (
                DOC_ID,
                ID,
                _c("abbreviation", "TEXT", "as cited (AI, JS1)"),
                _c("name", "TEXT", "full name"),
                _c("kind", "TEXT", "ngo, joint, nhri, regional, other"),
                _joined("paragraphs", "paragraph ids citing it, '; '-joined"),
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.contributors,
        ),
        Table(
            "follow_ups",
            "what a submission says became of recommendations the State received in an earlier review",
            (
                DOC_ID,
                ID,
                *DOC_COLUMNS,
                _c("page", "INTEGER", "page of the verdict sentence"),
                _joined("numbers", "earlier recommendation numbers as cited, '; '-joined (empty: described in words)"),
                _c("report", "TEXT", "symbol of the earlier review's report, as cited"),
                _c("subject", "TEXT", "what was recommended, as the passage words it"),
                _c(
                    "state_response",
                    "TEXT",
                    "what the submission says the State answered: accepted, noted, rejected, "
                    "accepted_claimed_implemented or empty",
                ),
                _c(
                    "status",
                    "TEXT",
                    "the submission's verdict: implemented, partially_implemented, not_implemented, regressed, unclear",
                ),
                _c("text", "TEXT", "the sentence that carries the verdict"),
                _joined("cues", "the words the verdict was read from, '; '-joined"),
                _joined("citations", "citations.id of the earlier recommendations assessed, '; '-joined"),
                _c("paragraph", "TEXT", "paragraphs.id holding the sentence"),
                _c("footnote", "TEXT", "footnotes.id holding the sentence, when a note carries the verdict"),
                BBOX,
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.follow_ups,
            indexes=(("state_iso3",), ("status",)),
        ),
        Table(
            "warnings",
            "what the extractor could not do cleanly",
            (
                DOC_ID,
                _c(
                    "id", "TEXT", "w1, w2... in document order (warnings have no id in the JSON)", lambda at: f"w{at.i}"
                ),
                *DOC_COLUMNS,
                _c("page", "INTEGER", "page, if any"),
                _c("code", "TEXT", "machine-readable reason"),
                _c("message", "TEXT", "readable reason"),
            ),
            key=("document_id", "id"),
            items=lambda doc: doc.warnings,
            indexes=(("code",),),
        ),
    )
}
"""One table per list of records of a Document (tests check it covers schemas.record_types())."""

# ---- link tables: one row per list item, for exact filtering and grouping
LINK_TABLES: tuple[Table, ...] = (
    Table(
        "document_organisations",
        "one row per submitting organisation of a document",
        (
            DOC_ID,
            _c("position", "INTEGER", "1-based order on the cover", lambda at: at.i),
            _c("organisation", "TEXT", "full name", lambda at: at.item),
        ),
        key=("document_id", "position"),
        items=lambda doc: _unique(doc.document.organisations),
        indexes=(("organisation",),),
    ),
    _link_table(
        "recommendation_themes",
        "one row per theme of a recommendation",
        "recommendations",
        REC_ID,
        _c("theme", "TEXT", "theme id", VALUE_OF_PAIR),
        _each("recommendations", "themes"),
        ("theme",),
    ),
    _link_table(
        "recommendation_groups",
        "one row per group of persons a recommendation concerns",
        "recommendations",
        REC_ID,
        _c("group_id", "TEXT", "themes.id of a group of persons", VALUE_OF_PAIR),
        _each("recommendations", "groups"),
        ("group_id",),
    ),
    _link_table(
        "recommendation_states",
        "one row per recommending State of a recommendation",
        "recommendations",
        REC_ID,
        _c("state", "TEXT", "recommending State", VALUE_OF_PAIR),
        _each("recommendations", "recommending_states"),
        ("state",),
    ),
    _link_table(
        "recommendation_legal_articles",
        "one row per legal article a recommendation names",
        "recommendations",
        REC_ID,
        _c("legal_article_id", "TEXT", "legal_articles.id", VALUE_OF_PAIR),
        _each("recommendations", "legal_articles"),
        ("document_id", "legal_article_id"),
    ),
    _link_table(
        "follow_up_numbers",
        "one row per earlier recommendation number a follow-up assesses",
        "follow_ups",
        _c("follow_up_id", "TEXT", "follow_ups.id", lambda at: at.item[0].id),
        _c("number", "TEXT", "recommendation number as cited", VALUE_OF_PAIR),
        _each("follow_ups", "numbers"),
        ("number",),
    ),
    _link_table(
        "case_legal_articles",
        "one row per legal article a case is charged or tried under",
        "cases",
        _c("case_id", "TEXT", "cases.id", lambda at: at.item[0].id),
        _c("legal_article_id", "TEXT", "legal_articles.id", VALUE_OF_PAIR),
        _each("cases", "legal_articles"),
        ("document_id", "legal_article_id"),
    ),
)

TABLES: tuple[Table, ...] = (
    DOCUMENTS,
    *(RECORD_TABLES[t] for t in record_types() if t in RECORD_TABLES),
    *LINK_TABLES,
)
TABLE_BY_NAME = {t.name: t for t in TABLES}

JSONL_TYPES: tuple[tuple[str, str], ...] = tuple((t, t[:-1]) for t in record_types())
"""(Document attribute, JSONL "type"): every list of records, the type its singular."""
DENORMALISED_TYPES = frozenset(
    {"footnote", "citation", "legal_article", "case", "recommendation", "follow_up", "warning"}
)
"""The types analysts open on their own carry the document columns (a choice, not every record type)."""


# ---------------------------------------------------------------- rows


def doc_columns(doc: Document) -> Row:
    at = At("", doc, None, 0)
    return {c.name: c.get(at) for c in DOC_COLUMNS}


def table_rows(did: str, doc: Document) -> dict[str, list[Row]]:
    """Every table's rows for one document, records in document order."""
    return {t.name: t.rows(did, doc) for t in TABLES}


@dataclass(slots=True)
class Tables:
    """All rows of an export, and what had to be dropped to keep keys unique."""

    rows: dict[str, list[Row]]
    problems: list[str]


def build_tables(loaded: Loaded) -> Tables:
    """Rows of every table; a record whose key repeats inside a document is kept once (first wins)."""
    rows: dict[str, list[Row]] = {t.name: [] for t in TABLES}
    problems = list(loaded.problems)
    for did, doc in loaded.documents:
        for name, rs in table_rows(did, doc).items():
            key = TABLE_BY_NAME[name].key
            seen: set[tuple[Value, ...]] = set()
            for r in rs:
                k = tuple(r[c] for c in key)
                if k in seen:
                    problems.append(f"{did}: {name}: duplicate id {k[-1]!r} kept once")
                    continue
                seen.add(k)
                rows[name].append(r)
    # link rows whose parent record was dropped as a duplicate would still match the kept one: fine.
    return Tables(rows, problems)


def jsonl_lines(loaded: Loaded) -> Iterator[str]:
    """One JSON object per record with `type` and `document_id`; analyst types carry the document columns."""
    for did, doc in loaded.documents:
        meta = doc.document.model_dump(mode="json")
        yield _line({"type": "document", "id": did, "schema_version": doc.schema_version} | meta)
        dc = doc_columns(doc)
        for attr, typ in JSONL_TYPES:
            for i, rec in enumerate(getattr(doc, attr), 1):
                body = rec.model_dump(mode="json")
                head: dict[str, Any] = {"type": typ, "document_id": did}
                if "id" not in body:
                    head["id"] = f"w{i}"
                if typ in DENORMALISED_TYPES:
                    head |= {k: v for k, v in dc.items() if k not in body}
                yield _line(head | body)


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------- writers


def sqlite_ddl() -> list[str]:
    """CREATE statements of the SQLite export (also printed in the README)."""
    stmts: list[str] = []
    for t in TABLES:
        cols = []
        for c in t.columns:
            not_null = " NOT NULL" if c.name in t.key else ""
            cols.append(f"  {c.name} {c.sql}{not_null}")
        cols.append(f"  PRIMARY KEY ({', '.join(t.key)})")
        if t.name != "documents":
            cols.append("  FOREIGN KEY (document_id) REFERENCES documents(id)")
        if t.parent:
            ptable, local, remote = t.parent
            cols.append(f"  FOREIGN KEY ({', '.join(local)}) REFERENCES {ptable}({', '.join(remote)})")
        stmts.append(f"CREATE TABLE {t.name} (\n" + ",\n".join(cols) + "\n)")
        for ix in t.indexes:
            stmts.append(f"CREATE INDEX ix_{t.name}_{'_'.join(ix)} ON {t.name} ({', '.join(ix)})")
    return stmts


def _write_sqlite(tables: Tables, out: Path) -> None:
    with replacing(out) as tmp:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            with con:
                for stmt in sqlite_ddl():
                    con.execute(stmt)
                for t in TABLES:
                    names = t.column_names
                    sql = f"INSERT INTO {t.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
                    con.executemany(sql, ([r.get(n) for n in names] for r in tables.rows[t.name]))
            bad = con.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise RuntimeError(f"foreign key check failed: {bad[:3]}")
            con.execute("VACUUM")
        finally:
            con.close()


def _csv_bytes(t: Table, rows: list[Row]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(t.column_names)
    for r in rows:
        w.writerow(["" if r.get(n) is None else r.get(n) for n in t.column_names])
    return buf.getvalue().encode("utf-8")


def _write_csv(tables: Tables, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for t in TABLES:
        write_atomic(out / f"{t.name}.csv", _csv_bytes(t, tables.rows[t.name]))


def _xlsx_text(value: str, problems: list[str], where: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > XLSX_CELL_MAX:
        problems.append(f"{where}: cut to {XLSX_CELL_MAX} characters (Excel's cell limit)")
        value = value[:XLSX_CELL_MAX]
    return value


def xlsx_bytes(tables: Tables) -> bytes:
    """One sheet per table, text cells typed as text (a cell starting with '=' is never a formula)."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook(write_only=True)
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "upr-extract"
    bold = Font(bold=True)
    for t in TABLES:
        ws = wb.create_sheet(t.name[:31])
        ws.freeze_panes = "A2"
        for i, n in enumerate(t.column_names, 1):
            ws.column_dimensions[get_column_letter(i)].width = XLSX_WIDTHS.get(n, 16)
        if t.columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(t.columns))}{len(tables.rows[t.name]) + 1}"
        header = []
        for n in t.column_names:
            cell = WriteOnlyCell(ws, n)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for i, r in enumerate(tables.rows[t.name], 2):
            line: list[Any] = []
            for n in t.column_names:
                v = r.get(n)
                if isinstance(v, str):
                    cell = WriteOnlyCell(ws, _xlsx_text(v, tables.problems, f"{t.name} row {i} {n}"))
                    cell.data_type = "s"
                    line.append(cell)
                else:
                    line.append(v)
            ws.append(line)
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry's timestamp fixed, so two exports of the same input are identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _write_jsonl(loaded: Loaded, out: Path) -> None:
    write_atomic(out, "".join(jsonl_lines(loaded)).encode("utf-8"))


@dataclass(slots=True)
class ExportResult:
    out: Path
    documents: int
    rows: dict[str, int]
    problems: list[str]


WRITERS: dict[str, Callable[[Tables, Path], None]] = {
    "csv": _write_csv,
    "sqlite": _write_sqlite,
    "xlsx": lambda tables, out: write_atomic(out, xlsx_bytes(tables)),
}


def export(json_dir: Path, fmt: Format, out: Path) -> ExportResult:
    """Write the tables of every document JSON under json_dir as fmt to out (a folder for csv, else a file)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    loaded = load_run(Path(json_dir))
    tables = build_tables(loaded)
    if fmt == "jsonl":
        _write_jsonl(loaded, out)
    else:
        WRITERS[fmt](tables, out)
    return ExportResult(out, len(loaded.documents), {k: len(v) for k, v in tables.rows.items()}, tables.problems)


def schema_markdown() -> str:
    """The tables and columns as Markdown, for the README (generated so it never drifts from the code)."""
    parts: list[str] = []
    for t in TABLES:
        parts.append(f"### `{t.name}`: {t.doc}\n\nkey ({', '.join(t.key)})\n")
        parts.append("| column | type | meaning |\n| --- | --- | --- |")
        parts.extend(f"| `{c.name}` | {c.sql} | {c.doc} |" for c in t.columns)
        parts.append("")
    return "\n".join(parts)
