"""Parties to a judgment against the State under review, named by the judgment's title.

Submissions cite regional-court judgments by the victim's name ('Caso Ruiz y otros Vs. Norvalia'),
often the surname alone, and the judgment is that person's case against the State. A note that
strings many such titles together cites precedents, not cases of its own, so only a unit citing a
few judgments gives its parties out; titles against other States are precedents too. The title
is the formal one: a capitalised title word ('Caso', 'Case of') or a capitalised 'Vs.'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from extract.finders.cases.context import _Collector, _Evidence
from extract.finders.cases.names import name_keys, same_person
from extract.finders.cases.people import _Person
from extract.finders.cases.rules import _ARTICLES, _OF_WORDS, _UPPER, LanguageRules
from extract.finders.states import lookup_state
from extract.structure.units import TextUnit

MAX_JUDGMENTS = 2
"""Judgment titles one unit may cite and still document its parties; more make a list of precedents."""

_WORD = rf"[{_UPPER}][\w'’-]+"
_PARTICLE = r"(?:de|del|la|da|dos|van|von)"
_PARTY = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,3}}"
_NOTE = r"(?:\s*\([^()]{0,200}\))?"


@cache
def _title_re(titles: tuple[str, ...], others: tuple[str, ...]) -> re.Pattern[str]:
    """'Caso X (…) y otros (…) Vs. State' or 'X Vs. State'; groups t (title word), party, sep, state."""
    title = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(titles, key=len, reverse=True))
    other = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in sorted(others, key=len, reverse=True))
    lead = rf"(?:(?P<t>{title})\s+)?" if title else ""
    tail = rf"(?:\s*,?\s+(?i:{other}))?" if other else ""
    return re.compile(
        rf"(?<![\w'’-]){lead}(?P<party>{_PARTY}){_NOTE}{tail}{_NOTE}\s*,?\s+"
        rf"(?P<sep>Vs\.?|vs\.?|v\.|versus)\s+(?:the\s+)?(?P<state>{_WORD}(?:\s+{_WORD})?)"
    )


def _party_ok(party: str, rules: LanguageRules, lexicon: frozenset[str]) -> bool:
    words = party.split()
    if words[0].lower() in _ARTICLES or words[0].lower() in _OF_WORDS:
        return False  # 'Caso El Amparo', 'Caso del Caracazo': a place or an event, not a person
    names = [w for w in words if w.lower() not in rules.particles]
    if any(rules.common(w) or w.lower() in lexicon or w.lower() in rules.cue_words for w in names):
        return False
    return lookup_state(party) is None


def _against(state: str, under_review: str | None) -> bool:
    if not under_review:
        return False
    ref, own = lookup_state(state), lookup_state(under_review)
    if ref is None or own is None:
        words = state.split()
        ref = lookup_state(words[0]) if words else None
    return ref is not None and own is not None and ref == own


def judgment_parties(
    units: Sequence[TextUnit], rules: LanguageRules, lexicon: frozenset[str], state_name: str | None
) -> list[tuple[str, int, int]]:
    """(party as printed, unit, offset) of each party to a judgment against `state_name` cited by a
    unit that cites at most MAX_JUDGMENTS judgments."""
    if not rules.judgment_titles or not state_name:
        return []
    pat = _title_re(rules.judgment_titles, rules.judgment_others)
    found: list[tuple[str, int, int]] = []
    for ui, u in enumerate(units):
        titles = [m for m in pat.finditer(u.text) if m.group("t") or m.group("sep")[:1] == "V"]
        if not titles or len(titles) > MAX_JUDGMENTS:
            continue
        for m in titles:
            party = re.sub(r"\s+", " ", m.group("party"))
            if _party_ok(party, rules, lexicon) and _against(m.group("state"), state_name):
                found.append((party, ui, m.start("party")))
    return found


def add_parties(
    persons: list[_Person],
    parties: list[tuple[str, int, int]],
    units: Sequence[TextUnit],
    out: _Collector,
    rules: LanguageRules,
) -> None:
    """Mark the people who are judgment parties, and add a person for a party no sentence named
    ('Caso Ruiz Vs. Norvalia'); a party printed by first and second surname ('Ruiz Mora') is the
    same person as one printed by given names and first surname ('Ana Ruiz')."""
    for party, ui, at in parties:
        keys = name_keys(party, rules.particles)
        if not keys:
            continue
        p = next((q for q in persons if any(_same(party, s, rules) for s in (*q.spellings, *q.singles))), None)
        if p is None:
            p = _Person()
            persons.append(p)
        if party not in p.spellings and party not in p.singles:
            p.spellings.append(party)
        sid = len(out.sentences)
        out.sentences.append((ui, at, at + len(party)))
        out.order.append(0)
        ev = _Evidence(first=(ui, at), occurrences=[(ui, at)])
        ev.events.append((sid, at, party, "litigation"))
        p.evidence.append(ev)
        p.first = min(p.first, (ui, at))
        p.party = True
    _join_surnames([p for p in persons if p.party], persons, rules)
    persons.sort(key=lambda p: p.first)


def _same(a: str, b: str, rules: LanguageRules) -> bool:
    ka, kb = name_keys(a, rules.particles), name_keys(b, rules.particles)
    if len(ka) >= 2 and len(kb) >= 2:
        return same_person(a, b, rules.particles)
    return ka == kb


def _join_surnames(parties: list[_Person], persons: list[_Person], rules: LanguageRules) -> None:
    """'Ruiz Mora' and 'Ana Ruiz', both parties: one person printed by both surnames and by given names."""
    for p in parties:
        if p not in persons:
            continue
        kp = name_keys(p.spellings[0], rules.particles)
        for q in parties:
            if q is p or q not in persons or len(kp) != 2:
                continue
            kq = name_keys(q.spellings[0], rules.particles)
            if len(kq) >= 2 and kq[-1] == kp[0] and kp[1] not in kq:
                q.spellings += [s for s in p.spellings if s not in q.spellings]
                q.singles += [s for s in p.singles if s not in q.singles]
                q.evidence += p.evidence
                q.first = min(q.first, p.first)
                persons.remove(p)
                break
