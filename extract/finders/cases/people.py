"""Document level: spellings merged into people, every mention located, officials and contacts told apart."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extract.finders.cases.context import _Collector, _Evidence
from extract.finders.cases.mentions import _civil_role
from extract.finders.cases.names import (
    _accents,
    _is_full,
    _name_like,
    _same_token,
    _search_pattern,
    _surname_of,
    name_keys,
    same_person,
)
from extract.finders.cases.rules import _ARTICLES, _UPPER, NO_EVENT_TYPES, LanguageRules
from extract.structure.units import DocText, TextUnit
from extract.text.fold import fold_aligned
from extract.text.quotes import quote_at, quoted_spans


@dataclass(slots=True)
class _Person:
    spellings: list[str] = field(default_factory=list)
    singles: list[str] = field(default_factory=list)
    evidence: list[_Evidence] = field(default_factory=list)
    first: tuple[int, int] = (10**9, 0)
    names: list[str] = field(default_factory=list)
    """the spellings searched for: full ones and the surnames no other person claims"""
    hits: list[tuple[int, int, int]] = field(default_factory=list)
    """(unit, start, end) of every printed mention"""
    official: bool = False
    contact: bool = False
    party: bool = False
    """a party to a judgment against the State under review (see judgments)"""


def _cluster(out: _Collector, units: list[TextUnit], rules: LanguageRules, lexicon: frozenset[str]) -> list[_Person]:
    """Merge the spellings of one person; a surname alone joins the nearest full name before it,
    looked up in the whole text when no analysed sentence printed it."""
    full = {n: ev for n, ev in out.evidence.items() if _is_full(n, rules)}
    single = {n: ev for n, ev in out.evidence.items() if not _is_full(n, rules) and name_keys(n, rules.particles)}
    for s, ev in list(single.items()):
        key = name_keys(s, rules.particles)[-1]
        known = any(any(_same_token(key, k) for k in name_keys(f, rules.particles)[1:]) for f in full)
        if (ev.events or ev.roles) and not known:
            found = _full_name_for(s, ev.first, units, rules, lexicon)
            if found is not None and found[0] not in full:
                name, at, official = found
                full[name] = _Evidence(first=at, occurrences=[at], official=official)
    persons: list[_Person] = []
    for s in sorted(full, key=lambda s: (-len(name_keys(s, rules.particles)), full[s].first)):
        target = next((p for p in persons if any(same_person(s, t, rules.particles) for t in p.spellings)), None)
        if target is None:
            target = _Person()
            persons.append(target)
        target.spellings.append(s)
        target.evidence.append(full[s])
        target.first = min(target.first, full[s].first)
    for s, ev in single.items():
        key = [k for k in name_keys(s, rules.particles) if len(k) > 1]
        if not key:
            continue
        # a surname: one of the last two words of a full spelling, initials aside
        cands = [p for p in persons if any(_surname_of(key[-1], t, rules) for t in p.spellings)]
        if not cands:
            continue
        before = [p for p in cands if p.first <= ev.first]
        p = max(before, key=lambda q: q.first) if before else cands[0]
        p.singles.append(s)
        p.evidence.append(ev)
    for p in persons:
        # the fullest spelling first: most name words, then accents kept, then most printed, then first
        p.spellings.sort(
            key=lambda s: (-len(name_keys(s, rules.particles)), -_accents(s), -len(full[s].occurrences), full[s].first)
        )
    persons.sort(key=lambda p: p.first)
    return persons


def _full_name_for(
    surname: str, at: tuple[int, int], units: list[TextUnit], rules: LanguageRules, lexicon: frozenset[str]
) -> tuple[str, tuple[int, int], bool] | None:
    """The full name a surname stands for: capitalised words printed before the same surname,
    nearest before `at` (else first after), and whether a title precedes it."""
    key = fold_aligned(surname.split()[-1])
    if len(key) < 3:
        return None
    pat = re.compile(
        rf"((?:[{_UPPER}][\w'’-]+[ \t]+(?:(?:de|del|la|van|von|al|el|bin|da|dos)[ \t]+)?){{1,3}})"
        + re.escape(surname.split()[-1])
        + r"(?![\w])"
    )
    best: tuple[str, tuple[int, int], bool] | None = None
    for ui, u in enumerate(units):
        for m in pat.finditer(u.text):
            words = m.group(1).split()
            while words and (
                rules.common(words[0])
                or words[0] in rules.honorifics
                or words[0].lower() in rules.official_titles
                or words[0].lower() in rules.cue_words
                or words[0].lower() in lexicon
                or words[0].lower() in rules.stop_words
            ):
                words = words[1:]
            if not words or any(rules.common(w) or w.lower() in rules.cue_words or not _name_like(w) for w in words):
                continue
            name = " ".join([*words, surname.split()[-1]])
            start = m.end() - len(name)
            if u.text[start : m.end()] != name:
                name = u.text[m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip())) : m.end()]
                start = m.end() - len(name)
            before = u.text[max(0, start - 40) : start].lower().split()
            official = any(w.strip(",") in rules.official_titles for w in before[-2:]) and not any(
                w in rules.former for w in before[-3:-1]
            )
            cand = (name, (ui, start), official)
            if (ui, start) <= at:
                best = cand
            elif best is None:
                return cand
    return best


def _only_a_case_title(p: _Person, units: list[TextUnit]) -> bool:
    """Named only in notes as a party to a cited judgment, with nothing said of them: a
    precedent, not a case the document documents ('Caso X vs. Venezuela' in a list)."""
    if p.party:
        return False
    said = any(e[3] not in NO_EVENT_TYPES for ev in p.evidence for e in ev.events)
    roles = any(ev.roles for ev in p.evidence)
    in_body = any(units[u].source == "paragraph" for u, _, _ in p.hits)
    return not said and not roles and not in_body


def _only_quoted(p: _Person, units: list[TextUnit], quotes: dict[int, list[tuple[int, int]]]) -> bool:
    """Every printed mention inside quotation marks: the document quotes what someone else said
    of the person ('a letter reads: "X has executed 300 ..."'), and says nothing of its own."""
    if not p.hits:
        return False
    for ui, a, _ in p.hits:
        if ui not in quotes:
            quotes[ui] = quoted_spans(units[ui].text)
        if quote_at(quotes[ui], a) is None:
            return False
    return True


def _is_case(
    p: _Person, rules: LanguageRules, out: _Collector | None = None, units: list[TextUnit] | None = None
) -> bool:
    """Enough said about this person: an event or a victim's role. An official (a title in office
    before the name, an official role after it) acts in office in most sentences that name them:
    they are a case only with two event sentences of which one says they suffered it ('Judge X was
    detained', 'the arrest of Judge X'), or with a victim's role."""
    if not p.spellings:
        return False
    sentences = {e[0] for ev in p.evidence for e in ev.events if e[3] not in NO_EVENT_TYPES}
    strong = sum(ev.strong for ev in p.evidence)
    any_event = any(ev.events for ev in p.evidence)
    roles = {r for ev in p.evidence for r in ev.roles}
    if p.official:
        said = len(sentences) >= 2 and strong >= 1
        if out is not None and units is not None:
            return bool(roles - rules.weak_roles) or (said and _suffered(p, out, units, rules))
        return said
    if strong >= 1 or any_event:
        return True
    return bool(roles - rules.weak_roles)


def _suffered(p: _Person, out: _Collector, units: list[TextUnit], rules: LanguageRules) -> bool:
    """Whether one of the person's events names them as the one who suffered it: a passive
    auxiliary right before the cue ('X was arrested'), or the cue before the name with only
    'of' or 'against', articles and titles between ('the detention of Judge X')."""
    for ev in p.evidence:
        for sid, at, matched, etype in ev.events:
            if etype in NO_EVENT_TYPES:
                continue
            ui, a, b = out.sentences[sid]
            text = units[ui].text
            for hu, s, e in p.hits:
                if hu != ui or not a <= s < b:
                    continue
                if e <= at and _passive_before(text[e:at], rules):
                    return True
                if at + len(matched) <= s and _object_after(text[at + len(matched) : s], rules):
                    return True
    return False


def _passive_before(between: str, rules: LanguageRules) -> bool:
    """'X was arrested', 'X, ..., fue detenida', or a possessive: 'X's arrest', 'X and his son's arrest'."""
    words = re.findall(r"[\w'’-]+|[.;:]", between)
    if len(between) > 150 or any(w in ".;:" for w in words):
        return False
    if len(words) <= 4 and re.search(r"(?:['’]s|s['’])\s*$", between):
        return True
    return bool(words) and words[-1].lower() in rules.passive_auxiliaries


def _object_after(between: str, rules: LanguageRules) -> bool:
    """'the detention of Judge X', 'an investigation into the responsibility of X': the last plain
    word before the name (titles and capitalised words aside) links the event to it."""
    words = [w for w in re.findall(r"[\w'’.-]+|[;:]", between)]
    if len(words) > 7 or any(w in ";:" for w in words):
        return False
    plain = [
        w.lower()
        for w in words
        if not (
            w.lower() in _ARTICLES
            or w.lower().rstrip(".") in rules.official_titles
            or w in rules.honorifics
            or w[:1].isupper()
        )
    ]
    if not plain:
        return True  # 'detained Judge X'
    return plain[-1] in rules.suffered_links and len(plain) <= 3


def _locate(persons: list[_Person], units: list[TextUnit], doc: DocText, rules: LanguageRules) -> None:
    """Every printed mention of each person, and what the text around them says: a title
    before or an official role after the name ('Minister of State for Immigration, X',
    'X, Special Rapporteur'), or contact details ('Main contact: X')."""
    owner: dict[str, int] = {}
    for i, p in enumerate(persons):
        for s in p.singles:
            owner[s] = -1 if owner.get(s, i) != i else i
    # one search per person over the whole text; NUL between units keeps matches inside one
    joined = "\x00".join(fold_aligned(u.text) for u in units)
    starts = [0]
    for u in units[:-1]:
        starts.append(starts[-1] + len(u.text) + 1)
    cover = [fold_aligned(line.text) for line in doc.cover]
    titles = fold_aligned(" ".join(t for t in (doc.title, doc.pdf_title) if t))
    for i, p in enumerate(persons):
        p.names = [*p.spellings, *(s for s in p.singles if owner.get(s) == i)]
        p.official = any(ev.official for ev in p.evidence)
        if not any(ev.events or ev.roles or ev.relative_of for ev in p.evidence):
            continue  # nothing said about them: never a case, no need to look further
        pat = _search_pattern(p.names)
        if pat is None:
            continue
        if titles and pat.search(titles):
            p.contact = True  # named in the document's title: the submitting organisation
        for m in pat.finditer(joined):
            ui = bisect_right(starts, m.start()) - 1
            a, b = m.start() - starts[ui], m.end() - starts[ui]
            text = units[ui].text
            p.hits.append((ui, a, b))
            p.official = p.official or _official_text(text, a, b, rules)
            p.contact = p.contact or _contact_text(text, a, b, rules)
        for j, line in enumerate(cover):
            if pat.search(line):
                near = " ".join(cover[max(0, j - 2) : j + 3])
                p.contact = p.contact or bool(rules.contact_re.search(near) or _EMAIL.search(near))


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _official_text(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    """A title just before the name (only capitalised words, 'of', 'for' or a comma between)
    or an official role in apposition after it, unless 'former'."""
    before = text[max(0, s - 90) : s]
    for m in rules.official_re.finditer(before):
        between = before[m.end() :]
        words = between.replace(",", " ").split()
        if len(words) > 6 or re.search(r"[.;:()\[\]]", between):
            continue
        if all(w[0].isupper() or w.lower() in rules.title_connectors for w in words):
            prev = before[: m.start()].split()[-1:]
            return not (prev and prev[0].lower().strip("(,") in rules.former)
    after = text[e : e + 80]
    m = re.match(r"\s*(?:,|—|–|-|\()\s*(?:the\s+|a\s+|an\s+|el\s+|la\s+|le\s+|then\s+)?", after)
    if m and after[m.end() :].split(" ", 1)[0].lower() not in rules.former:
        om = rules.official_roles.match(after, m.end())
        return om is not None and not _civil_role(after, m.end(), rules)
    return _office_held(after, rules)


def _office_held(after: str, rules: LanguageRules) -> bool:
    """'X took over as acting president', 'X asumió como presidente interino': an office link right
    after the name, then the office, with only modifiers, articles or capitalised words between."""
    link = rules.office_link_re.match(after, len(after) - len(after.lstrip()))
    if link is None:
        return False
    rest = after[link.end() :]
    words = rest.split()
    for i in range(min(len(words), 5) + 1):
        if i and not (
            words[i - 1][:1].isupper()
            or words[i - 1].lower() in rules.office_modifiers
            or words[i - 1].lower() in rules.title_connectors
            or words[i - 1].lower() in _ARTICLES
        ):
            return False
        tail = " " + " ".join(words[i:])
        om = rules.official_roles.match(tail, 1)
        if om is not None and not _civil_role(tail, 1, rules):
            return True
    return False


def _contact_text(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    """'Main contact: X', 'Prepared by X', or an e-mail address right after the name."""
    before = text[max(0, s - 50) : s]
    cue = list(rules.contact_re.finditer(before))
    if cue and not re.search(r"[.;]\s", before[cue[-1].end() :]):
        return True
    return bool(_EMAIL.search(text[e : e + 100]))
