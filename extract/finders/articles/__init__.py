"""Articles (and sections, rules) of law cited in a document, each tied to its instrument.

A reference is read by a small grammar, left to right from a keyword:

    keyword  number [sub...] (separator [keyword] number [sub...])*  [attachment]

- keywords: Article(s), Art(s)., artículo(s), section(s), s., ss., Rule(s);
- subs: "19(3)", "37(a/c)", "19.3", ", paragraph 5,", ", parágrafo 3", "paragraph 3 of
  article 19"; a descriptive parenthesis ("Article 12 (Equality before the law)") is skipped;
- separators: commas, and/y/et/or/and-or, ranges ("222 to 228", "222-228");
- attachment: "of (the) NAME", "de la / del / du NAME", ", NAME", "NAME" right after the
  number ("article 3 ECHR", "s.58 Children Act 2004"), "(NAME)", or NAME right before the
  keyword ("ECHR Articles 2 and 3", "ICCPR Article 9").

A NAME is an international instrument of extract/instruments.py, an abbreviation the
document defines ("the 1998 Human Rights Act (HRA)"), a national law read by a noun-phrase
grammar (capitalised words, connectives and qualifiers around a head word such as Code,
Act, Law, Constitution, Código, Ley, Loi: "Trade Union Law of 2014", "Ley Orgánica de
Procedimientos Administrativos", "Constitution cubaine"), or a generic short form ("the
Convention", "this Code", "del texto decretado") that refers back to an instrument named
earlier.

A reference without an attachment is resolved as a reader would, by the first rule that
gives an answer, and dropped when none does:

    R1  the official heading printed after it names one instrument ("Article 2 – Right to
        life": ECHR; tables in extract/data/instruments.json);
    R2  the nearest instrument named before it in the same sentence; then the instrument
        named in a short label that introduces this unit with a colon ("Under the ICESCR:"),
        with only units naming none between them, when the unit names none before it;
    R3  the instrument the document cites the same article number of explicitly (the
        nearest such citation before, else the first after), or that an earlier bare
        citation of the number was resolved to;
    R4  the first instrument named after it in the same sentence;
    R5  the nearest instrument named before it in the same paragraph or footnote;
    R6  an instrument named in the heading of its section;
    R7  for a footnote, the last instrument named in the paragraph that cites it; then
        the last instrument named in the previous units of the same section (at most
        LOOKBACK units back); a heading looks back LOOKBACK units whatever their section;
    R8  the instrument of the previous article citation, if at most LOOKBACK units back;
        for a heading, first of all (before R7), the instrument of the previous heading
        that cites an article: headings in a row ("Article 2 – ...", "Article 3 – ..."); when
        the heading cites the next number of that heading, even before R3 (a reprinted text).

"This Article" ("este artículo", "ledit article") is one more mention of the single article
cited just before it, in the same unit or the one before.

A treaty body or court counts as a mention of its treaty ("the Committee against Torture
... Articles 2 and/or 3"). A law the document cites by section is never where a bare
"Article" points, nor a law cited by article where a bare "section" points; a law that
gives effect to a treaty (the UK Human Rights Act 1998 and the ECHR) stands for it where an
article points to it only by a short form ("the Act"); named in full, the law keeps its articles.

Sections and rules ("section 58", "Rule 35") are resolved by R2-R5 only, and only to a
national instrument: a bare "section 3" is far more often a part of a report.

National instruments keep the document's own name; spellings of one law are merged on a
key made of its content words without determiners, qualifiers ("new", "revised") and the
name of a State ("Criminal Code of Kazakhstan" = "new Criminal Code" = "Criminal Code");
any constitution of the State is one instrument. The record's name is the spelling the
document uses most in explicit citations, the others are `instrument_aliases`.

The package: `names` (the law-name grammar), `references` (the reference reader),
`resolve` (R1-R8, definitions, aliases) and `words` (the words of every language, from
extract/lang/<code>/articles.json). A bare article no rule resolves is dropped with an
`article_instrument_unresolved` warning.

Public API:
    find_articles(doc) -> list[LegalArticle]
    find_articles_with_warnings(doc) -> (records, warnings)   (article_instrument_unresolved)
    articles_in(unit_id, start, end, articles) -> list[str]
    parse_references(text) -> list[Reference]      (the grammar alone, for tests and tools)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.finders.articles.names import Ref, parse_name
from extract.finders.articles.references import THIS_ARTICLE_RE, Reference, _Reader, cross_reference, parse_references
from extract.finders.articles.resolve import (
    _context,
    _definitions,
    _display,
    _incorporated,
    _merge_national,
    _resolve_bare,
    _Resolver,
    _Trail,
    _Unit,
    _walk,
)
from extract.finders.instruments import find_instruments, instrument
from extract.structure.units import DocText
from schemas import ExtractWarning, LegalArticle, Mention


def find_articles(doc: DocText) -> list[LegalArticle]:
    """Every article, section or rule the document cites, one record per (article, sub, instrument)."""
    return find_articles_with_warnings(doc)[0]


def find_articles_with_warnings(doc: DocText) -> tuple[list[LegalArticle], list[ExtractWarning]]:
    """The records of `find_articles` and a warning for each article reference left without an instrument.

    Only a bare "article N" warns: a bare section or rule is most often a part of the report
    itself, and "article 3 above" points inside the document.
    """
    warnings: list[ExtractWarning] = []
    units = _walk(doc)
    reader = _Reader({})
    resolver = _Resolver(units)
    for u in units:
        u.matches = {m.start: m for m in find_instruments(u.text)}
        names = _context(u, reader)
        _definitions(u, names, reader.abbreviations)
        u.refs = reader.references(u.text, {s: m for s, m in u.matches.items() if m.via != "body"})
        resolver.walk_unit(u, names)

    # R3 needs every explicit citation of the document, before and after.
    explicit: dict[tuple[str, str], list[tuple[tuple[int, int], Ref]]] = {}
    for u in units:
        for r in u.refs:
            if r.name is not None and r.name.ref is not None:
                for article, _ in r.items:
                    explicit.setdefault((r.family, article), []).append(((u.index, r.start), r.name.ref))

    national_keys = _merge_national(resolver)
    families: dict[str, set[str]] = {}
    for u in units:
        for r in u.refs:
            if r.name is not None and r.name.ref is not None:
                families.setdefault(national_keys.get(r.name.ref.key, r.name.ref.key), set()).add(r.family)
    trail = _Trail(explicit, families)
    trail.lang = doc.language
    trail.headings = {u.id: u for u in units if u.source == "heading"}
    trail.by_id = {u.id: u for u in units if u.source != "heading"}
    records: dict[tuple[str, str | None, str, str], list[tuple[_Unit, Reference]]] = {}
    order: list[tuple[str, str | None, str, str]] = []
    last_single: tuple[int, tuple[str, str | None, str, str]] | None = None  # for "this Article"
    for u in units:
        anaphors = [Reference(m.start(), m.end(), "article", []) for m in THIS_ARTICLE_RE.finditer(u.text)]
        for r in sorted([*u.refs, *anaphors], key=lambda r: r.start):
            if not r.items:
                # "under this Article": the one article cited just before, in this unit or the one before
                if last_single is not None and last_single[0] >= u.index - 1:
                    records[last_single[1]].append((u, r))
                continue
            if r.blocked:
                continue
            target = r.name.ref if r.name is not None else None
            if r.name is None:
                if r.shouting or re.match(r"['’]s\b", u.text[r.end : r.end + 3]) or _names_author(u.text, r, doc):
                    continue  # ARTICLE 19, the organisation
                target = _resolve_bare(units, u, r, trail)
                if target is not None:
                    for article, _ in r.items:
                        trail.resolved.setdefault((r.family, article), target)
            if target is None:
                if r.family == "article" and not cross_reference(u.text, r.end):
                    warnings.append(_unresolved(r, u.page))
                continue
            if r.family == "article":
                if r.name is None or r.name.generic is not None:
                    target = _incorporated(target)  # "Article 10 of the Human Rights Act 1998" keeps the Act
                trail.last_article = (u.index, target)
                if u.source == "heading":
                    trail.last_heading_article = target
                    trail.last_heading_number = r.items[-1][0]
            if target.kind == "international" and target.key not in resolver.instruments:
                inst = instrument(target.key)
                if inst is not None:
                    resolver.instruments[inst.id] = inst
            key_ref = national_keys.get(target.key, target.key)
            for article, sub in r.items:
                k = (article, sub, target.kind, key_ref)
                if k not in records:
                    records[k] = []
                    order.append(k)
                records[k].append((u, r))
            if r.family == "article":
                last_single = (u.index, k) if len(r.items) == 1 else None

    out: list[LegalArticle] = []
    for i, k in enumerate(order, 1):
        article, sub, kind, key = k
        name, aliases = _display(resolver, kind, key)
        mentions: list[Mention] = []
        seen: set[tuple[str, int, int]] = set()
        for u, r in records[k]:
            if (u.id, r.start, r.end) in seen:
                continue
            seen.add((u.id, r.start, r.end))
            mentions.append(u.mention(r.start, r.end))
        out.append(
            LegalArticle(
                id=f"art{i}",
                article=article,
                sub=sub,
                instrument=name,
                instrument_kind=kind,
                instrument_aliases=aliases,
                mentions=mentions,
            )
        )
    return out, warnings


def _names_author(text: str, r: Reference, doc: DocText) -> bool:
    """'Article 12 in Scotland believe …': the words open the name of an organisation that wrote the document."""
    here = text[r.start : r.start + 80].casefold()
    return any(here.startswith(o.casefold()) for o in doc.organisations if o[:1].isalpha())


def _unresolved(ref: Reference, page: int) -> ExtractWarning:
    numbers = list(dict.fromkeys(a for a, _ in ref.items))
    what = f"article {numbers[0]}" if len(numbers) == 1 else "articles " + ", ".join(numbers)
    return ExtractWarning(
        code="article_instrument_unresolved",
        message=f"{what} on page {page}: no instrument named or resolvable nearby",
        page=page,
    )


def articles_in(unit_id: str, start: int, end: int, articles: Iterable[LegalArticle]) -> list[str]:
    """Ids of the legal-article records with a mention inside [start, end) of one paragraph or footnote."""
    out = []
    for a in articles:
        for m in a.mentions:
            inside = m.start is not None and m.end is not None and start <= m.start and m.end <= end
            if inside and unit_id in (m.paragraph, m.footnote):
                out.append(a.id)
                break
    return out


__all__ = ["Reference", "articles_in", "find_articles", "find_articles_with_warnings", "parse_name", "parse_references"]
