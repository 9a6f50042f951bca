"""Members of a named family printed by their given names: 'la familia Ruiz, Ana Sofía', 'sus
hermanos Tomás y Pablo', 'Tomás (20 años), Pablo y Ana Ruiz'.

Spanish and French narratives name a family once ('la familia Ruiz') and then its members by their
given names only, or give the surname to the last of a run of given names. Each member is a
person of their own, named in full by the family's surname; the given names are where they are
printed. Only a surname the unit itself prints as a family's is given out, so a run of names in
other prose is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.finders.cases.context import _Collector, _Evidence
from extract.finders.cases.names import _name_like
from extract.finders.cases.rules import _UPPER, LanguageRules
from extract.finders.cases.windows import sentences
from extract.structure.units import TextUnit

_WORD = rf"[{_UPPER}][a-zß-öø-ÿ'’-]+"
_PARENS = re.compile(r"\([^()]{0,80}\)")
_JOIN = re.compile(r"\s*(?:,\s*(?:(?:y|e|and|et)\s+)?|(?:y|e|and|et)\s+)$")
"""What separates two items of a run of given names, read backwards from the next item."""
MAX_GIVEN = 2
"""Given names of one member, at most ('Ana Sofía')."""


def _given(word: str, rules: LanguageRules, lexicon: frozenset[str]) -> bool:
    low = word.lower()
    return (
        _name_like(word)
        and not rules.common(word)
        and low not in lexicon
        and low not in rules.stop_words
        and low not in rules.official_titles
        and low not in rules.cue_words
        and low not in rules.months
        and word not in rules.honorifics
    )


def _family_names(text: str, rules: LanguageRules, lexicon: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, surname) of every family the unit names ('familia Ruiz', 'the Ruiz family')."""
    if not rules.family_words:
        return []
    fw = "|".join(re.escape(w) for w in sorted(rules.family_words, key=len, reverse=True))
    pat = re.compile(rf"(?<!\w)(?:(?i:{fw})\s+(?P<a>{_WORD})|(?P<b>{_WORD})\s+(?i:{fw}))(?!\w)")
    found = []
    for m in pat.finditer(text):
        name = m.group("a") or m.group("b")
        if _given(name, rules, lexicon):
            found.append((m.start(), name))
    return found


def _event_near(text: str, a: int, b: int, at: int, rules: LanguageRules) -> re.Match[str] | None:
    """The event cue of the sentence [a, b), nearest before `at`, else the first after it."""
    cues = [m for m in rules.event_re.finditer(text, a, b) if not rules.is_weak(m.group(0))]
    before = [m for m in cues if m.start() < at]
    return before[-1] if before else (cues[0] if cues else None)


def find_families(units: Sequence[TextUnit], rules: LanguageRules, lexicon: frozenset[str], out: _Collector) -> None:
    """Name every member of a family the unit names by the family's surname (see the module)."""
    for ui, u in enumerate(units):
        families = _family_names(u.text, rules, lexicon)
        if not families:
            continue
        text = _PARENS.sub(lambda m: " " * len(m.group(0)), u.text)
        members: list[tuple[int, int, str]] = []
        for at, surname in families:
            members += _apposed(text, at, surname, rules, lexicon)
        for surname in {s for _, s in families}:
            members += _runs(text, surname, families, rules, lexicon)
        if not members:
            continue
        bounds = sentences(u.text, rules)
        for a, b, full in members:
            _give(ui, u, a, b, full, bounds, rules, out)


def _apposed(
    text: str, at: int, surname: str, rules: LanguageRules, lexicon: frozenset[str]
) -> list[tuple[int, int, str]]:
    """'la familia Ruiz, Ana Sofía.': given names in apposition right after the family."""
    m = re.compile(rf"\s*,\s*((?:{_WORD})(?:\s+{_WORD}){{0,{MAX_GIVEN - 1}}})(?=\s*[.;,)]|\s*$)").match(
        text, text.index(surname, at) + len(surname)
    )
    if m is None or not all(_given(w, rules, lexicon) for w in m.group(1).split()):
        return []
    return [(m.start(1), m.end(1), f"{m.group(1)} {surname}")]


def _runs(
    text: str, surname: str, families: list[tuple[int, str]], rules: LanguageRules, lexicon: frozenset[str]
) -> list[tuple[int, int, str]]:
    """'Tomás, Pablo y Ana Ruiz' (the last item carries the surname) and 'sus hermanos Tomás y
    Pablo' after the family is named: each given name joined to the surname."""
    found: list[tuple[int, int, str]] = []
    word = re.compile(rf"(?<![\w'’-]){_WORD}(?![\w'’-])")
    for m in re.finditer(rf"(?<![\w'’-])({_WORD})\s+{re.escape(surname)}(?![\w'’-])", text):
        if not _given(m.group(1), rules, lexicon):
            continue
        items = _back(text, m.start(1), word, rules, lexicon)
        if items:
            found += [(a, b, f"{text[a:b]} {surname}") for a, b in items]
            found.append((m.start(1), m.end(), m.group(0)))
    if rules.kin_words:
        kin = "|".join(re.escape(w) for w in sorted(rules.kin_words, key=len, reverse=True))
        first = min(at for at, s in families if s == surname)
        for m in re.finditer(rf"(?<!\w)(?i:{kin})\s+({_WORD})", text[first:]):
            start = first + m.start(1)
            run = [(start, first + m.end(1))]
            rest = text[run[-1][1] :]
            while True:
                j = re.match(rf"\s*(?:,\s*(?:(?:y|e|and|et)\s+)?|(?:y|e|and|et)\s+)({_WORD})", rest)
                if j is None:
                    break
                end = run[-1][1]
                run.append((end + j.start(1), end + j.end(1)))
                rest = text[run[-1][1] :]
            after = text[run[-1][1] :].lstrip()
            if len(run) < 2 or (after[:1].isupper()) or not all(_given(text[a:b], rules, lexicon) for a, b in run):
                continue
            found += [(a, b, f"{text[a:b]} {surname}") for a, b in run]
    return found


def _back(
    text: str, at: int, word: re.Pattern[str], rules: LanguageRules, lexicon: frozenset[str]
) -> list[tuple[int, int]]:
    """The single given names listed before the item at `at`, nearest last."""
    items: list[tuple[int, int]] = []
    pos = at
    while True:
        sep = _JOIN.search(text[max(0, pos - 40) : pos])
        if sep is None:
            break
        end = max(0, pos - 40) + sep.start()
        prev = [w for w in word.finditer(text, max(0, end - 30), end) if w.end() == end]
        if not prev or not _given(prev[0].group(0), rules, lexicon):
            break
        w = prev[0]
        lead = re.search(r"(\S+)\s*$", text[max(0, w.start() - 30) : w.start()])
        if lead and _name_like(lead.group(1)):
            break  # the last word of a longer name ('Ana Ruiz, Tomás y Pablo Pérez'): no run
        items.insert(0, (w.start(), w.end()))
        pos = w.start()
    return items


def _give(
    ui: int,
    u: TextUnit,
    a: int,
    b: int,
    full: str,
    bounds: list[tuple[int, int]],
    rules: LanguageRules,
    out: _Collector,
) -> None:
    """One member: the evidence of the given names as printed moves to the full name, and the
    event of the member's sentence is theirs."""
    printed = u.text[a:b]
    ev = out.evidence.pop(printed, None) if printed != full else None
    target = out.ev(full)
    if ev is not None:
        _merge(target, ev)
    target.occurrences.append((ui, a))
    target.first = min(target.first, (ui, a))
    out.printed.setdefault(full, []).append((ui, a, b))
    if target.events:
        return
    sa, sb = next(((s, e) for s, e in bounds if s <= a < e), (0, len(u.text)))
    cue = _event_near(u.text, sa, sb, a, rules)
    if cue is None:
        return
    sid = len(out.sentences)
    out.sentences.append((ui, sa, sb))
    out.order.append(bounds.index((sa, sb)) if (sa, sb) in bounds else 0)
    matched = cue.group(0)
    target.events.append((sid, cue.start(), matched, rules.event_of(matched) or matched.lower()))
    target.strong += 1


def _merge(into: _Evidence, ev: _Evidence) -> None:
    into.events += ev.events
    into.roles += [r for r in ev.roles if r not in into.roles]
    into.strong += ev.strong
    into.official |= ev.official
    into.relative_of |= ev.relative_of
    into.occurrences += ev.occurrences
    into.first = min(into.first, ev.first)
