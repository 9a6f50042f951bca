"""International instruments (treaties, protocols, declarations, principles) by name.

UPR documents cite the same treaty as "the International Covenant on Civil and
Political Rights", "ICCPR", "PIDCP", "Pacto Internacional de Derechos Civiles y
Políticos" or just "the Covenant". The table in extract/data/instruments.json gives
each instrument one canonical English name and the spellings it goes by; this module
finds those spellings in text and resolves a printed name to its entry.

Matching works on word tokens (case- and accent-folded; abbreviations keep their
case), indexed by first token, so finding names is linear in the text and never
cuts a word. A generic short form ("the Convention", "le Pacte") is not a name: it
resolves only against instruments the caller says were named before it (`context`).

Public API:
    Instrument, InstrumentMatch
    all_instruments() -> tuple[Instrument, ...]
    instrument(id) -> Instrument | None
    article_titles() -> {instrument id: {article: heading}}
    resolve_instrument(name, context=None) -> Instrument | None
    find_instruments(text, bodies=True) -> list[InstrumentMatch]
    generic_head(name) -> str | None
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from extract import DATA_DIR
from extract.text.fold import fold

DATA = DATA_DIR / "instruments.json"

WORD = re.compile(r"[^\W_]+")
# What may separate two words of one name: spaces and line breaks, hyphens, commas,
# apostrophes, '&'. Anything else (a full stop, a slash, a bracket) ends the name.
SOFT_GAP = re.compile(r"[\s,'’\-–&]{0,6}")

_RAW = json.loads(DATA.read_text(encoding="utf-8"))
# Words that head an instrument's name; a generic short form is one of them alone.
HEAD_WORDS: frozenset[str] = frozenset(_RAW["head_words"])
# Words that may stand around a head word in a generic short form without naming anything.
GENERIC_FILLERS: frozenset[str] = frozenset(_RAW["generic_fillers"])
DETERMINERS: frozenset[str] = frozenset(["the", "la", "el", "le", "l", "les", "los", "las"])
UN_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("united", "nations"),
    ("un",),
    ("u", "n"),
    ("onu",),
    ("naciones", "unidas"),
)

Via = Literal["name", "abbreviation", "body", "number"]


@dataclass(frozen=True, slots=True)
class Instrument:
    """One international instrument of the table (or an ILO convention known only by number)."""

    id: str
    name: str
    category: str
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    heads: frozenset[str] = frozenset()
    incorporated_by: tuple[str, ...] = ()
    kind: Literal["international"] = "international"


@dataclass(frozen=True, slots=True)
class InstrumentMatch:
    """A place in a text that names an instrument (`via` says how)."""

    start: int
    end: int
    text: str
    instrument: Instrument
    via: Via


def _tokens(s: str) -> list[str]:
    return [fold(m.group(0)) for m in WORD.finditer(s)]


def _strip_un(tokens: list[str]) -> list[str]:
    for p in UN_PREFIXES:
        if tuple(tokens[: len(p)]) == p and len(tokens) > len(p):
            return tokens[len(p) :]
    return tokens


@dataclass(frozen=True, slots=True)
class _Entry:
    tokens: tuple[str, ...]
    instrument: Instrument
    via: Via
    exact: str | None  # abbreviations: the tokens as printed, joined, to compare case-sensitively


@dataclass(slots=True)
class _Table:
    instruments: dict[str, Instrument]
    by_first: dict[str, list[_Entry]]
    full: dict[tuple[str, ...], list[_Entry]]
    fuzzy_names: list[str]
    fuzzy_owner: list[Instrument]
    ilo: dict[int, Instrument]
    ilo_patterns: list[tuple[re.Pattern[str], bool]]


def _heads(names: Sequence[str]) -> frozenset[str]:
    out = set()
    for n in names:
        for t in _tokens(n):
            if t in HEAD_WORDS:
                out.add(t)
                break
    return frozenset(out)


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw = _RAW
    instruments: dict[str, Instrument] = {}
    entries: list[_Entry] = []

    def add_names(inst: Instrument, names: Sequence[str], via: Via) -> None:
        for n in names:
            toks = _tokens(n)
            if via == "abbreviation":
                entries.append(_Entry(tuple(toks), inst, via, "".join(WORD.findall(n))))
                continue
            stripped = tuple(_strip_un(toks))
            variants = {tuple(toks)}
            if len(stripped) > 1 and not generic_head(" ".join(stripped)):
                variants.add(stripped)  # "UN Convention against Torture" is also "Convention against Torture"
            for variant in variants:
                entries.append(_Entry(variant, inst, via, None))

    for rec in raw["instruments"]:
        names = [rec["name"], *rec.get("aliases", [])]
        inst = Instrument(
            id=rec["id"],
            name=rec["name"],
            category=rec["category"],
            abbreviations=tuple(rec.get("abbreviations", [])),
            aliases=tuple(rec.get("aliases", [])),
            heads=_heads(names),
            incorporated_by=tuple(rec.get("incorporated_by", [])),
        )
        instruments[inst.id] = inst
        add_names(inst, names, "name")
        add_names(inst, inst.abbreviations, "abbreviation")
        add_names(inst, rec.get("bodies", []), "body")

    ilo: dict[int, Instrument] = {}
    for number, name, year in raw["ilo"]:
        aliases = [a.format(number=number) for a in raw["ilo_aliases"]]
        inst = Instrument(
            id=f"ilo_c{number}",
            name=raw["ilo_name_format"].format(name=name, year=year, number=number),
            category="ilo",
            aliases=(name, f"{name}, {year}", *aliases),
            heads=frozenset({"convention", "convenio"}),
        )
        instruments[inst.id] = inst
        ilo[number] = inst
        add_names(inst, [name, f"{name}, {year}"], "name")

    by_first: dict[str, list[_Entry]] = {}
    full: dict[tuple[str, ...], list[_Entry]] = {}
    for e in entries:
        if not e.tokens:
            continue
        by_first.setdefault(e.tokens[0], []).append(e)
        full.setdefault(e.tokens, []).append(e)
    for lst in by_first.values():
        lst.sort(key=lambda e: -len(e.tokens))
    fuzzy_names, fuzzy_owner = [], []
    for e in entries:
        if e.via == "name" and len(e.tokens) >= 4:
            fuzzy_names.append(" ".join(e.tokens))
            fuzzy_owner.append(e.instrument)
    patterns = [(re.compile(p), True) for p in raw["ilo_patterns"]]
    patterns += [(re.compile(p), False) for p in raw["ilo_patterns_bare"]]
    return _Table(instruments, by_first, full, fuzzy_names, fuzzy_owner, ilo, patterns)


def all_instruments() -> tuple[Instrument, ...]:
    return tuple(_table().instruments.values())


def instrument(instrument_id: str) -> Instrument | None:
    return _table().instruments.get(instrument_id)


def article_titles() -> dict[str, dict[str, str]]:
    """Official article headings by instrument id, then article number."""
    return _RAW.get("article_titles", {})


def _ilo_instrument(number: int, explicit: bool) -> Instrument | None:
    """An ILO convention by number; one missing from the table is kept only when 'ILO' is printed."""
    t = _table()
    if number in t.ilo:
        return t.ilo[number]
    if not explicit:
        return None
    return Instrument(
        id=f"ilo_c{number}",
        name=f"ILO Convention No. {number}",
        category="ilo",
        heads=frozenset({"convention", "convenio"}),
    )


def _ilo_matches(text: str) -> list[InstrumentMatch]:
    out: list[InstrumentMatch] = []
    if "onven" not in text and "ILO" not in text and "OIT" not in text:
        return out
    for pat, explicit in _table().ilo_patterns:
        for m in pat.finditer(text):
            num = m.groupdict().get("num") or m.groupdict().get("num2")
            if not num:
                continue
            inst = _ilo_instrument(int(num), explicit=explicit)
            if inst is not None:
                out.append(InstrumentMatch(m.start(), m.end(), m.group(0), inst, "number"))
    return out


def _boundary_ok(text: str, start: int, end: int) -> bool:
    """An abbreviation glued to a UN symbol or a file name ('CAT/C/GBR/5', 'CRC.C.GBR') is not a name."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if before in "/_" or (before in ".-" and start > 1 and text[start - 2].isalnum()):
        return False
    return not (after in "/_" or (after in ".-" and after2.isalnum()))


def find_instruments(text: str, bodies: bool = True) -> list[InstrumentMatch]:
    """Every place `text` names an international instrument, longest names first, no overlaps.

    With `bodies`, treaty bodies and courts ("Committee against Torture") are reported
    too, as mentions of the instrument they apply (via "body").
    """
    t = _table()
    words = list(WORD.finditer(text))
    folded = list(map(fold, WORD.findall(text)))
    out: list[InstrumentMatch] = []
    n = len(words)
    by_first = t.by_first
    after = 0  # the first word a new name may start at
    for i in [i for i, f in enumerate(folded) if f in by_first]:
        if i < after:
            continue
        best: tuple[int, _Entry] | None = None
        for e in t.by_first.get(folded[i], ()):
            k = len(e.tokens)
            if i + k > n or (best is not None and k <= best[0]):
                continue
            if tuple(folded[i : i + k]) != e.tokens:
                continue
            if not all(SOFT_GAP.fullmatch(text, words[j].end(), words[j + 1].start()) for j in range(i, i + k - 1)):
                continue
            if e.exact is not None:
                printed = "".join(w.group(0) for w in words[i : i + k])
                if printed != e.exact or not _boundary_ok(text, words[i].start(), words[i + k - 1].end()):
                    continue
            if e.via == "body" and not bodies:
                continue
            best = (k, e)
        if best is None:
            continue
        k, e = best
        start = words[i].start()
        # "UN Convention against Torture", "United Nations Convention on the Rights of the Child"
        for p in UN_PREFIXES:
            j = i - len(p)
            if j >= 0 and tuple(folded[j:i]) == p and e.via == "name":
                if all(
                    SOFT_GAP.fullmatch(text, words[x].end(), words[x + 1].start()) or text[words[x].end()] == "."
                    for x in range(j, i)
                ):
                    start = words[j].start()
                break
        end = words[i + k - 1].end()
        out.append(InstrumentMatch(start, end, text[start:end], e.instrument, e.via))
        after = i + k
    taken = [(m.start, m.end) for m in out]
    for m in sorted(_ilo_matches(text), key=lambda m: (m.start, -m.end)):
        if not any(s < m.end and m.start < e for s, e in taken):
            out.append(m)
            taken.append((m.start, m.end))
    out.sort(key=lambda m: m.start)
    return out


def generic_head(name: str) -> str | None:
    """The head word of a generic short form ("the Convention" -> "convention"), else None."""
    toks = [t for t in _tokens(name) if t not in GENERIC_FILLERS]
    if len(toks) == 1 and toks[0] in HEAD_WORDS:
        return toks[0]
    return None


def _context_list(context: Sequence[Instrument] | str | None) -> list[Instrument]:
    if context is None:
        return []
    if isinstance(context, str):
        return [m.instrument for m in find_instruments(context)]
    return list(context)


def resolve_instrument(name: str, context: Sequence[Instrument] | str | None = None) -> Instrument | None:
    """The table's instrument for a printed name, or None.

    `context` is what was named before (instruments, most recent last, or a text to
    read them from): it resolves generic short forms such as "the Covenant" to the
    most recent instrument with that head word. Unknown long names get one fuzzy try
    against the table's full names (for misspellings and variants), short ones none.
    """
    t = _table()
    name = name.strip()
    if not name:
        return None
    for m in _ilo_matches(name):
        if m.start == 0 and m.end >= len(name.rstrip(" .,;)")):
            return m.instrument
    orig = WORD.findall(name)
    toks = [fold(w) for w in orig]
    while toks and toks[0] in DETERMINERS:
        toks, orig = toks[1:], orig[1:]
    for variant in (tuple(toks), tuple(_strip_un(toks))):
        printed = "".join(orig[len(orig) - len(variant) :])
        for e in t.full.get(variant, ()):
            if e.via != "body" and (e.exact is None or printed == e.exact):
                return e.instrument
    head = generic_head(name)
    if head is not None:
        for inst in reversed(_context_list(context)):
            if head in inst.heads:
                return inst
        return None
    if len(toks) >= 4:
        hit = process.extractOne(" ".join(toks), t.fuzzy_names, scorer=fuzz.ratio, score_cutoff=92)
        if hit is not None:
            return t.fuzzy_owner[hit[2]]
    return None
