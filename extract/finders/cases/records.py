"""Case records: events with their dates, prison terms and legal articles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.finders.articles import articles_in
from extract.finders.cases.context import _Collector, _Evidence
from extract.finders.cases.names import _search_pattern
from extract.finders.cases.people import _Person
from extract.finders.cases.rules import NO_EVENT_TYPES, TERM_TYPES, LanguageRules
from extract.structure.units import TextUnit
from extract.text.fold import fold_aligned
from schemas import Case, CaseEvent, LegalArticle, Mention


def resolve_dates(text: str, rules: LanguageRules) -> list[tuple[int, int, str]]:
    """Every date of a text as (start, end, ISO 8601 as precise as printed). A day and month
    without a year take the year of the next full date of the same sentence, else of the last one."""
    return [(s, e, iso) for s, e, iso, _ in _dates(text, rules)]


def _dates(text: str, rules: LanguageRules) -> list[tuple[int, int, str, bool]]:
    """resolve_dates, and whether each date's year was taken from another date (inferred)."""
    found: list[tuple[int, int, int | None, int | None, int | None]] = []
    for m in rules.date_re.finditer(text):
        g = m.groupdict()
        y = next((g[k] for k in ("y1", "y2", "y3", "y4", "y5", "y6") if g.get(k)), None)
        mo = next((g[k] for k in ("m1", "m2", "m3") if g.get(k)), None)
        n = g.get("n4") or g.get("n6")
        d = next((g[k] for k in ("d1", "d2", "d4", "d6") if g.get(k)), None)
        year = int(y) if y else None
        if year is not None and year < 100:
            year += 2000 if year < 50 else 1900
        month = rules.months.get(mo.lower().rstrip(".")) if mo else (int(n) if n else None)
        day = 1 if d == "1er" else (int(d) if d else None)
        if rules.date_not_after.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # 'accessed 21 November 2011' dates the reading, not the event
        found.append((m.start(), m.end(), year, month, day))
    out: list[tuple[int, int, str, bool]] = []
    last_year: int | None = None
    for i, (s, e, y, mo, d) in enumerate(found):
        inferred = y is None
        if y is not None:
            last_year = y
        else:
            nxt = next(
                (
                    f[2]
                    for f in found[i + 1 : i + 4]
                    if f[2] is not None and f[0] - e < 200 and not re.search(r"[.;]\s", text[e : f[0]])
                ),
                None,
            )
            y = nxt or last_year
            if y is None:
                continue
        iso = f"{y:04d}"
        if mo:
            iso += f"-{mo:02d}"
            if d:
                iso += f"-{d:02d}"
        out.append((s, e, iso, inferred))
    return out


def prison_term(text: str, rules: LanguageRules, near: int = 0) -> str | None:
    """The prison term printed in a sentence ('5-year prison terms'), the one after `near` first."""
    found = []
    for m in rules.term_re.finditer(text):
        after = text[m.end() : m.end() + 10].lower().lstrip()
        if any(after.startswith(x) for x in rules.term_not_after) or text[m.end() : m.end() + 4].lower() == "-old":
            continue
        before = text[max(0, m.start() - 40) : m.start()].rstrip().rsplit(None, 1)
        lead = before[-1].lower() if before else ""
        if m.group("pen") or m.group("fixed") or lead in rules.term_lead:
            found.append(m)
    if not found:
        return None
    best = min(found, key=lambda m: (m.start() < near, abs(m.start() - near)))
    return best.group(0).strip()


def _clause(text: str, at: int, rules: LanguageRules) -> tuple[int, int]:
    """Bounds of the clause around offset `at` ('...; however, X remains in prison')."""
    lo, hi = 0, len(text)
    for m in rules.clause_re.finditer(text):
        if m.end() <= at:
            lo = m.end()
        elif m.start() > at:
            hi = m.start()
            break
    return lo, hi


def _event_type(etype: str, sentence: str, rules: LanguageRules) -> str:
    if etype == "appeal":
        return "appeal rejected" if rules.appeal_rejected.search(sentence) else "appealed"
    return etype


def _records(
    persons: list[_Person],
    out: _Collector,
    units: list[TextUnit],
    rules: LanguageRules,
    articles: Sequence[LegalArticle],
) -> list[Case]:
    dates: dict[int, list[tuple[int, int, str, bool]]] = {}
    items: list[tuple[tuple[int, int], str, list[str], list[_Evidence], str, list[tuple[int, int, int]]]] = []
    for p in persons:
        items.append((p.first, p.spellings[0], p.names, p.evidence, "person", p.hits))
    for name, gev in out.groups.items():
        if gev.events:
            pat = _search_pattern([name])
            hits = [(ui, m.start(), m.end()) for ui, u in enumerate(units) for m in pat.finditer(fold_aligned(u.text))]
            items.append((gev.first, name, [name], [gev], "group", hits))
    items.sort(key=lambda x: x[0])

    cases: list[Case] = []
    for n, (_, display, names, evs, kind, hits) in enumerate(items, 1):
        mentions: list[Mention] = [units[ui].mention(a, b) for ui, a, b in hits]
        roles: list[str] = []
        for ev in evs:
            roles += [r for r in ev.roles if r not in roles]
        events: list[CaseEvent] = []
        seen: set[tuple[str, int]] = set()
        for sid, at, _matched, etype in sorted({e for ev in evs for e in ev.events}, key=lambda e: (e[0], e[1])):
            ui, cs, ce = out.sentences[sid]
            u = units[ui]
            sentence = u.text[cs:ce]
            etype = _event_type(etype, sentence, rules)
            if etype in NO_EVENT_TYPES or (etype, sid) in seen:
                continue
            seen.add((etype, sid))
            if ui not in dates:
                dates[ui] = _dates(u.text, rules)
            lo, hi = _clause(sentence, at - cs, rules)
            alleged = bool(rules.allegation_re.search(sentence, lo, max(lo, at - cs)))
            near = [d for d in dates[ui] if cs + lo <= d[0] < cs + hi]
            picked = min(near, key=lambda d: abs(d[0] - at)) if near else None
            date = picked[2] if picked else None
            inferred = picked[3] if picked else False
            term = prison_term(sentence, rules, at - cs) if etype in TERM_TYPES else None
            arts = articles_in(u.id, cs, ce, articles) if articles else []
            events.append(
                CaseEvent(
                    type=etype,
                    date=date,
                    date_inferred=inferred,
                    alleged=alleged,
                    text=sentence.strip(),
                    sentence=term,
                    legal_articles=arts,
                    paragraph=None if u.is_footnote else u.id,
                    footnote=u.id if u.is_footnote else None,
                    page=u.page,
                )
            )
        events = _chronological(events)
        legal: list[str] = []
        for e in events:
            legal += [a for a in e.legal_articles if a not in legal]
        aliases = [s for s in dict.fromkeys(names) if s != display]
        cases.append(
            Case(
                id=f"case{n}",
                name=display,
                aliases=aliases,
                kind=kind,
                roles=roles,
                events=events,
                legal_articles=legal,
                mentions=mentions,
            )
        )
    return cases


def _chronological(events: list[CaseEvent]) -> list[CaseEvent]:
    """Events by date; an undated event keeps its place after the dated one before it."""
    keyed = []
    last = ""
    for i, e in enumerate(events):
        if e.date:
            last = e.date
        keyed.append((last if not e.date else e.date, i, e))
    return [e for _, _, e in sorted(keyed, key=lambda k: (k[0], k[1]))]
