"""The resolver: which instrument a reference belongs to (rules R1-R8), definitions, aliases.

"The same sentence" of R2 and R4 is a clause of `extract.text.sentences.clauses`:
cut at every stop or semicolon, so in a list of citations each instrument
governs only its own clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, islice
from typing import Literal

from extract.finders.articles.names import (
    CONSTITUTION_HEADS,
    DETERMINERS,
    GENERIC_DEPTH,
    HEAD_SEARCH_RE,
    HEADS,
    LAST_WORD_RE,
    LOWER_GENERICS,
    LOWER_HEAD_AFTER,
    LOWER_HEAD_FIRST,
    LOWER_NAME_WORDS,
    NAME_WINDOW,
    NUMBER_TAG_RE,
    QUALIFIER_LEAD_RE,
    SHORT_NAME_TOKEN,
    TITLE_LEAD_RE,
    TITLE_STOP,
    WORD_RE,
    Kind,
    Name,
    Ref,
    _head_of,
    _initials,
    _subsequence,
    national_key,
    parse_name,
    short_name,
)
from extract.finders.articles.references import Reference, _Reader
from extract.finders.articles.words import phrases, words
from extract.finders.instruments import (
    Instrument,
    InstrumentMatch,
    all_instruments,
    article_titles,
    instrument,
)
from extract.structure.units import DocText
from extract.text.fold import fold
from extract.text.sentences import clauses
from schemas import Mention, Section

LOOKBACK = 6


@dataclass(slots=True)
class _NationalInfo:
    kind: Kind
    head: str
    explicit: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)
    order: dict[str, int] = field(default_factory=dict)
    short: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Unit:
    """A paragraph, footnote or heading as the finder walks it."""

    index: int
    id: str
    text: str
    page: int
    source: Literal["paragraph", "footnote", "heading"]
    section: str | None
    anchor: str | None
    matches: dict[int, InstrumentMatch] = field(default_factory=dict)
    mentions: list[tuple[int, int, Ref]] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def mention(self, start: int, end: int) -> Mention:
        if self.source == "heading":
            # A heading has no paragraph record; its section's id stands in (as Anchor does).
            return Mention(paragraph=self.id, page=self.page, text=self.text[start:end], start=start, end=end)
        return Mention(
            paragraph=None if self.source == "footnote" else self.id,
            footnote=self.id if self.source == "footnote" else None,
            page=self.page,
            text=self.text[start:end],
            start=start,
            end=end,
        )


def _heading_units(doc: DocText) -> dict[str, Section]:
    return {s.id: s for s in doc.sections if s.title and s.title.strip()}


def _walk(doc: DocText) -> list[_Unit]:
    """Units in reading order, each section's heading just before the first unit of the section."""
    sections = _heading_units(doc)
    out: list[_Unit] = []
    emitted: set[str] = set()
    parents = {s.id: s.parent for s in doc.sections}

    def emit_heading(sid: str | None) -> None:
        chain = []
        while sid is not None and sid not in emitted:
            chain.append(sid)
            sid = parents.get(sid)
        for s in reversed(chain):
            emitted.add(s)
            sec = sections.get(s)
            if sec is not None:
                out.append(_Unit(len(out), sec.id, sec.title, sec.page_start, "heading", sec.parent, None))

    for u in doc.units:
        if u.section is not None and u.section not in emitted:
            emit_heading(u.section)
        out.append(
            _Unit(len(out), u.id, u.text, u.page, "footnote" if u.is_footnote else "paragraph", u.section, u.anchor)
        )
    for sid in sections:
        if sid not in emitted:
            emit_heading(sid)
    for u in out:
        if u.source == "heading":
            u.section = u.id
    return out


CONSTITUTION_ADJECTIVES = words("constitution_adjectives")
_LEADS = "|".join(map(re.escape, phrases("definition_leads")))
DEFINITION_RE = re.compile(
    r"\s{0,3}(?:\(\s?(?:(?:" + _LEADS + r")\s)?[\"“']?([A-Z][A-Za-z0-9]{1,9})[\"”']?(?:\s?[,;]\s?(?:19|20)\d\d)?\s?\)"
    r"|[-–—]\s?([A-Z][A-Za-z0-9]{1,9})\s?[-–—](?!\w))"  # "la Ley ... -LOPNA- (2007)"
)


SHORT_PAREN_RE = re.compile(
    r"\s{0,3}\(\s?(?:([^\W\d_]+)\s{1,3}(" + SHORT_NAME_TOKEN + r")|(" + SHORT_NAME_TOKEN + r")\s{1,3}([^\W\d_]+))\s?\)"
)


def _definitions(unit: _Unit, names: Sequence[Name], table: dict[str, Name]) -> None:
    """Abbreviations a unit defines for instruments it names: 'the 1998 Human Rights Act (HRA)';
    and short names, acronyms or not: 'Loi de protection civile en montagne (Loi Alpina)'."""
    for n in names:
        if n.ref is None or n.generic is not None:
            continue
        if n.ref.kind == "national":
            head = HEAD_SEARCH_RE.match(unit.text, n.start)
            long = short_name(unit.text, head.end(), fold(head.group(0))) if head else None
            sp = SHORT_PAREN_RE.match(unit.text, n.end)
            if long is None and sp is not None:
                first, second = (sp.group(1), sp.group(2)) if sp.group(2) else (sp.group(3), sp.group(4))
                paren_head, word = (first, second) if fold(first) == n.ref.head else (second, first)
                if fold(paren_head) == n.ref.head and word[:1].isupper() and fold(word) not in HEADS:
                    long = (n.end, word)  # "... Broadcasting Act (Radio Act)"
            if long is not None and long[0] == n.end and long[1] not in table:
                table[long[1]] = n  # later "la loi Alpina", "the Radio Act", "Alpina" name this law
                continue
        m = DEFINITION_RE.match(unit.text, n.end)
        short = (m.group(1) or m.group(2)) if m else None
        if short is None or short in table:
            continue
        abbr = fold(short)
        initials = fold(_initials(n.surface))
        if sum(c.isupper() for c in short) >= 2 and abbr[:1] == initials[:1] and _subsequence(abbr, initials):
            table[short] = n


def _capitalised_head(surface: str) -> bool:
    return any(w[0].isupper() and fold(w) in HEADS for w in WORD_RE.findall(surface))


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, 1 << 30)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


@lru_cache(maxsize=64)
def _abbreviation_re(abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/.])(?:" + "|".join(map(re.escape, abbreviations)) + r")(?![\w/])")


def _context(unit: _Unit, reader: _Reader) -> list[Name]:
    """Every instrument named in a unit (treaty bodies included), in text order."""
    names: list[Name] = []
    for m in sorted(unit.matches.values(), key=lambda m: m.start):
        inst = m.instrument
        names.append(Name(m.start, m.end, m.text, ref=Ref("international", inst.id, _head_of(inst)), instrument=inst))
    text = unit.text
    if reader.abbreviations:
        for m in _abbreviation_re(tuple(sorted(reader.abbreviations))).finditer(text):
            a = reader.abbreviations[m.group(0)]
            names.append(Name(m.start(), m.end(), m.group(0), ref=a.ref, instrument=a.instrument, short=True))
    covered = sorted((n.start, n.end) for n in names)
    taken_until = 0
    # A law's name holds a head word: read names only in a window before each head word.
    for h in HEAD_SEARCH_RE.finditer(text):
        if h.start() < taken_until or _inside(covered, h.start()):
            continue
        if h.group(0)[0].islower() and fold(h.group(0)) not in LOWER_HEAD_FIRST:
            if NUMBER_TAG_RE.match(text, h.end()):
                pass  # "la loi n° 2004-228"
            elif fold(h.group(0)) not in LOWER_HEAD_AFTER:
                continue
            else:
                before = LAST_WORD_RE.search(text, max(0, h.start() - 30), h.start())
                if before is None or fold(before.group(1)) not in LOWER_NAME_WORDS:
                    continue  # "the act of", "a law that": a lower-case head names a law only after "criminal", "penal"...
        for w in WORD_RE.finditer(text, max(taken_until, h.start() - NAME_WINDOW), h.end()):
            word = w.group(0)
            f = fold(word)
            if not word[0].isupper() and f not in HEADS and f not in LOWER_NAME_WORDS and f not in DETERMINERS:
                continue
            if _inside(covered, w.start()):
                continue
            name = parse_name(text, w.start())
            if name is None or (name.ref is None and name.generic is None) or name.end < h.end():
                continue
            if any(a < name.end and name.start < b for a, b in covered):
                break
            if name.generic is not None and name.generic not in LOWER_GENERICS and not _capitalised_head(name.surface):
                break  # "the law", "a code": words, not short forms of a name
            names.append(name)
            taken_until = name.end
            break
    names.sort(key=lambda n: n.start)
    return names


class _Resolver:
    """Walks the units in order, resolving generic short forms and keeping what was named where."""

    def __init__(self, units: list[_Unit]) -> None:
        self.units = units
        self.history: list[Ref] = []
        self.national: dict[str, _NationalInfo] = {}
        self.intl_surfaces: dict[str, Counter[str]] = {}
        self.instruments: dict[str, Instrument] = {}

    def generic(self, head: str, before: Sequence[Ref] = (), year: str | None = None) -> Ref | None:
        """The most recent instrument with this head word ('*': any; a year must be in its name)."""
        if head in CONSTITUTION_HEADS and year is None:
            return Ref("national", "constitution", head)
        for r in islice(chain(reversed(before), reversed(self.history)), GENERIC_DEPTH):
            if year is not None and (r.kind != "national" or year not in r.key.split()):
                continue
            if head == "*" or r.head == head:
                return r
        return None

    def note(self, name: Name, ref: Ref, explicit: bool) -> None:
        surface = _clean_surface(name.surface)
        if ref.kind == "international" and name.instrument is not None:
            self.instruments[ref.key] = name.instrument
            if name.generic is None:
                self.intl_surfaces.setdefault(ref.key, Counter())[surface] += 1
            return
        info = self.national.setdefault(ref.key, _NationalInfo(ref.kind, ref.head))
        if name.generic is None or ref.key == "constitution":
            info.seen[surface] += 1
            info.order.setdefault(surface, len(info.order))
            if name.short:
                info.short.add(surface)
            elif explicit:
                info.explicit[surface] += 1

    def walk_unit(self, unit: _Unit, names: list[Name]) -> None:
        local: list[Ref] = []
        for n in names:
            ref = n.ref if n.ref is not None else self.generic(n.generic or "*", local, n.year)
            if ref is None:
                continue
            n.ref = ref
            if ref.kind == "international" and n.instrument is None:
                n.instrument = self.instruments.get(ref.key)
            self.note(n, ref, explicit=False)
            unit.mentions.append((n.start, n.end, ref))
            local.append(ref)
        starts = [m[0] for m in unit.mentions]
        for r in unit.refs:
            if r.name is None:
                continue
            if r.name.ref is None and r.name.generic is not None:
                cut = bisect_left(starts, r.start)
                r.name.ref = self.generic(r.name.generic, local[max(0, cut - GENERIC_DEPTH) : cut], r.name.year)
                if r.name.ref is None:
                    later = islice((m[2] for m in unit.mentions[bisect_left(starts, r.end) :]), GENERIC_DEPTH)
                    r.name.ref = next((x for x in later if r.name.generic in ("*", x.head)), None)
                if r.name.ref is not None and r.name.ref.kind == "international":
                    r.name.instrument = self.instruments.get(r.name.ref.key)
            if r.name.ref is not None:
                self.note(r.name, r.name.ref, explicit=True)
        self.history.extend(m[2] for m in unit.mentions)


def _clean_surface(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,;:")
    s = re.sub(r"^(?:[Tt]he|[Ll]a|[Ee]l|[Ll]os|[Ll]as|[Ll]e|[Ll]es)\s", "", s)
    s = re.sub(r"^[Ll]['’]\s?", "", s)
    return s


@dataclass(slots=True)
class _Trail:
    """What the document has cited so far, for R3 and R8, and how it cites each instrument."""

    explicit: dict[tuple[str, str], list[tuple[tuple[int, int], Ref]]]
    families: dict[str, set[str]]
    resolved: dict[tuple[str, str], Ref] = field(default_factory=dict)
    last_article: tuple[int, Ref] | None = None
    last_heading_article: Ref | None = None
    last_heading_number: str | None = None
    headings: dict[str, _Unit] = field(default_factory=dict)
    by_id: dict[str, _Unit] = field(default_factory=dict)
    lang: str = "en"


@lru_cache(maxsize=1)
def _titles() -> dict[str, list[tuple[str, str, frozenset[str]]]]:
    """Official article headings by their first word: (instrument id, article, content words)."""
    out: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    for inst_id, titles in article_titles().items():
        for number, title in titles.items():
            words = [fold(w) for w in WORD_RE.findall(title)]
            need = frozenset(w for w in words if w not in TITLE_STOP)
            if need:
                out.setdefault(words[0], []).append((inst_id, number, need))
    return out


def _by_title(text: str, ref: Reference) -> Ref | None:
    """R1: an article read by its official heading ('Article 2 – Right to life')."""
    tail = TITLE_LEAD_RE.sub("", text[ref.end : ref.end + 140], count=1)
    words = [fold(w) for w in WORD_RE.findall(tail)[:14]]
    if not words:
        return None
    numbered, anywhere = set(), set()
    for inst_id, number, need in _titles().get(words[0], ()):
        if need <= set(words[: len(need) + 4]):
            if any(a == number for a, _ in ref.items):
                numbered.add(inst_id)
            elif len(need) >= 2:
                anywhere.add(inst_id)
    found = numbered or anywhere
    if len(found) != 1:
        return None
    inst = instrument(found.pop())
    return Ref("international", inst.id, _head_of(inst)) if inst is not None else None


def _next_number(prev: str | None, cur: str) -> bool:
    """'13' → '14': the article heading right after the previous one, as in a reprinted text."""
    return prev is not None and prev.isdigit() and cur.isdigit() and int(cur) == int(prev) + 1


LABEL_WORDS = 16
"""Words of a label that introduces a list ('International Covenant on ... (ICESCR):'); a longer
paragraph ending in a colon introduces a quotation more often than a list of articles."""


def _introduced_by(units: list[_Unit], unit: _Unit) -> _Unit | None:
    """The short label that introduces this unit with a colon and names an instrument ("ICESCR:"),
    when only units naming none stand between them in the same section (the items of its list)."""
    if unit.source == "heading":
        return None
    for back in range(1, LOOKBACK + 1):
        j = unit.index - back
        if j < 0:
            return None
        prev = units[j]
        if prev.source == "footnote" and unit.source != "footnote":
            continue  # the notes of a list item
        if prev.source != unit.source or prev.section != unit.section:
            return None
        if prev.text.rstrip().endswith(":") and prev.mentions:
            return prev if len(prev.text.split()) <= LABEL_WORDS else None
        if prev.mentions or prev.text.rstrip().endswith(":"):
            return None
    return None


def _resolve_bare(units: list[_Unit], unit: _Unit, ref: Reference, trail: _Trail) -> Ref | None:
    """Rules R1-R8 of the module docstring, in that order."""
    national_only = ref.family != "article"

    def view(r: Ref) -> Ref:
        return _incorporated(r) if ref.family == "article" else r

    def ok(r: Ref) -> bool:
        fams = trail.families.get(r.key)
        if fams and ref.family not in fams:
            return False  # a law the document cites by section is not where a bare 'Article 8' points
        if not national_only:
            return True
        if r.kind != "national":
            return False
        return ref.family != "rule" or r.head in ("rules", "regulations", "reglas", "reglamento")

    def pick(ms: Iterable[Ref]) -> Ref | None:
        return next((v for v in map(view, ms) if ok(v)), None)

    if not national_only:
        titled = _by_title(unit.text, ref)
        if titled is not None:
            return titled  # R1
    if not unit.sentences:
        unit.sentences = clauses(unit.text)
        unit.starts = [m[0] for m in unit.mentions]
    si = bisect_right(unit.sentences, (ref.start, 1 << 30)) - 1
    sent = unit.sentences[si] if si >= 0 else (0, len(unit.text))
    cut = bisect_left(unit.starts, ref.start)  # mentions before the reference: [0, cut)
    ms = unit.mentions

    def back(stop: int = 0) -> Iterable[Ref]:
        for i in range(cut - 1, -1, -1):
            if ms[i][0] < stop:
                return
            if ms[i][1] <= ref.start:
                yield ms[i][2]

    found = pick(back(sent[0]))
    if found is not None:
        return found  # R2
    intro = _introduced_by(units, unit) if pick(back()) is None else None
    if intro is not None:
        found = pick(m[2] for m in reversed(intro.mentions))
        if found is not None:
            return found  # R2b: "Under the ICESCR:" then "Articles 11 and 15 - ..."
    prev_heading = trail.last_heading_article if unit.source == "heading" else None
    if prev_heading is not None and ok(prev_heading) and _next_number(trail.last_heading_number, ref.items[0][0]):
        return prev_heading  # R8 first: 'Article 13', then 'Article 14' of one text reprinted
    here = (unit.index, ref.start)
    for article, _ in ref.items:
        cands = [c for c in trail.explicit.get((ref.family, article), []) if ok(view(c[1]))]
        if cands:
            prior = [c for c in cands if c[0] < here]
            return view((prior[-1] if prior else cands[0])[1])  # R3
        done = trail.resolved.get((ref.family, article))
        if done is not None and ok(done):
            return done  # R3, a bare citation of the same number resolved before
    found = pick(m[2] for m in islice(ms, bisect_left(unit.starts, ref.end), None) if m[1] <= sent[1])
    if found is not None:
        return found  # R4
    found = pick(back())
    if found is not None:
        return found  # R5
    if national_only:
        return None
    if unit.source == "heading" and trail.last_heading_article is not None:
        return trail.last_heading_article  # R8 (headings in a row: 'Article 2 – ...', 'Article 3 – ...')
    if unit.source != "heading" and unit.section is not None:
        heading = trail.headings.get(unit.section)
        if heading is not None:
            found = pick(m[2] for m in reversed(heading.mentions))
            if found is not None:
                return found  # R6
    if unit.source == "footnote":
        anchor = trail.by_id.get(unit.anchor) if unit.anchor is not None else None
        if anchor is not None:
            found = pick(m[2] for m in reversed(anchor.mentions))
            if found is not None:
                return found  # R7 (the citing paragraph)
    for back in range(1, LOOKBACK + 1):
        j = unit.index - back
        if j < 0:
            break
        prev = units[j]
        if unit.source != "heading" and prev.section != unit.section and prev.source != "heading":
            break
        found = pick(m[2] for m in reversed(prev.mentions))
        if found is not None:
            return found  # R7
        if prev.source == "heading" and unit.source != "heading":
            break
    if trail.last_article is not None and unit.index - trail.last_article[0] <= LOOKBACK:
        return trail.last_article[1]  # R8
    return None


def _merge_national(resolver: _Resolver) -> dict[str, str]:
    """A law named without its year joins the one spelling with a year: 'Trade Union Law' -> '... of 2014'."""
    dated: dict[str, list[str]] = {}
    for k in resolver.national:
        words = k.split()
        if any(w.isdigit() for w in words):
            dated.setdefault(" ".join(w for w in words if not w.isdigit()), []).append(k)
    out: dict[str, str] = {}
    for k in list(resolver.national):
        with_year = [d for d in dated.get(k, []) if d != k]
        if len(with_year) > 1:
            # several laws of that name ('Public Order Act 2004', '... 2009'): the one the document
            # names most, when it is named at least twice as often as the next
            ranked = sorted(((resolver.national[d].seen.total(), d) for d in with_year), reverse=True)
            with_year = [ranked[0][1]] if ranked[0][0] >= 2 * max(1, ranked[1][0]) else []
        if len(with_year) == 1:
            out[k] = with_year[0]
            target = resolver.national[with_year[0]]
            src = resolver.national[k]
            target.explicit.update(src.explicit)
            target.seen.update(src.seen)
            for s, o in src.order.items():
                target.order.setdefault(s, len(target.order) + o)
    return out


def _incorporated(target: Ref) -> Ref:
    """A law that gives effect to a treaty cites the treaty's articles: the UK Human Rights Act 1998."""
    if target.kind != "national":
        return target
    inst = incorporating_laws().get(target.key)
    if inst is None:
        return target
    return Ref("international", inst.id, _head_of(inst))


@lru_cache(maxsize=1)
def incorporating_laws() -> dict[str, Instrument]:
    out: dict[str, Instrument] = {}
    for inst in all_instruments():
        for law in inst.incorporated_by:
            out[national_key(law, "act")] = inst
    return out


def _display(resolver: _Resolver, kind: Kind, key: str) -> tuple[str, list[str]]:
    if kind == "international" and key in resolver.instruments:
        inst = resolver.instruments[key]
        surfaces = resolver.intl_surfaces.get(key, Counter())
        aliases = [s for s, _ in surfaces.most_common() if fold(s) != fold(inst.name)]
        return inst.name, aliases
    info = resolver.national.get(key)
    if info is None or not info.seen:
        return key, []
    # "artículo 267 constitucional" names the constitution without spelling it: not a spelling of its own
    spelt = Counter({s: n for s, n in info.seen.items() if fold(s) not in CONSTITUTION_ADJECTIVES})
    if spelt and len(spelt) < len(info.seen):
        info = replace(info, seen=spelt, explicit=Counter({s: n for s, n in info.explicit.items() if s in spelt}))
    # the spelling cited most, without "new" or "revised" (kept among the aliases)
    pool: Counter[str] = Counter()
    full = Counter({s: n for s, n in info.seen.items() if s not in info.short}) or info.seen
    for surface, n in (info.explicit or full).items():
        pool[QUALIFIER_LEAD_RE.sub("", surface) or surface] += n
    best = max(pool, key=lambda s: (s[:1].isupper(), pool[s], len(s), -info.order.get(s, 0)))
    return best, [s for s in sorted(info.seen, key=lambda s: info.order.get(s, 0)) if s != best]
