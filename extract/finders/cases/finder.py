"""The case finder's entry point."""

from __future__ import annotations

from collections.abc import Sequence

from extract.finders import nlp as nlp_mod
from extract.finders.cases.context import _Collector, _Context, _lexicon, _UnitState
from extract.finders.cases.enumerations import find_enumerations
from extract.finders.cases.events import _analyse
from extract.finders.cases.families import find_families
from extract.finders.cases.judgments import add_parties, judgment_parties
from extract.finders.cases.model import _matcher
from extract.finders.cases.people import _cluster, _is_case, _locate, _only_a_case_title, _only_quoted
from extract.finders.cases.records import _records
from extract.finders.cases.rules import rules_for
from extract.finders.cases.windows import _has_cue, windows
from extract.structure.units import DocText
from schemas import Case, LegalArticle


def find_cases(doc: DocText, articles: Sequence[LegalArticle] = (), nlp_name: str | None = None) -> list[Case]:
    """The people (and named groups) whose situation the document describes, one record each.

    `articles` are the document's legal-article records, so events can name the provisions
    they cite; `nlp_name` picks a spaCy pipeline other than the language's default.
    """
    rules = rules_for(doc.language)
    pipeline = nlp_mod.pipeline_name(doc.language, nlp_name)
    nlp = nlp_mod.load(pipeline)
    ctx = _Context(rules, nlp, _matcher(pipeline, rules.code), _lexicon(doc.units))

    units = doc.units
    todo: list[tuple[int, int, int, list[tuple[int, int, int]]]] = []
    for ui, u in enumerate(units):
        if not _has_cue(u.text, rules):
            continue
        for a, b, sents in windows(u.text, rules):
            todo.append((ui, a, b, sents))
    out = _Collector()
    states: dict[int, _UnitState] = {}
    texts = (units[ui].text[a:b] for ui, a, b, _ in todo)
    for (ui, a, _b, sents), sdoc in zip(todo, nlp.pipe(texts, batch_size=64), strict=True):
        _analyse(ui, units[ui], a, sents, sdoc, ctx, states.setdefault(ui, _UnitState()), out)

    find_enumerations(units, rules, ctx.lexicon, out)
    find_families(units, rules, ctx.lexicon, out)
    persons = _cluster(out, units, rules, ctx.lexicon)
    add_parties(persons, judgment_parties(units, rules, ctx.lexicon, doc.state_name), units, out, rules)
    _locate(persons, units, doc, rules)
    for p in persons:  # names completed by a family's surname are printed as given names only
        p.hits += sorted({h for s in p.spellings for h in out.printed.get(s, ())} - set(p.hits))
    quotes: dict[int, list[tuple[int, int]]] = {}
    cases = [
        p
        for p in persons
        if not p.contact
        and _is_case(p, rules, out, units)
        and not _only_a_case_title(p, units)
        and not _only_quoted(p, units, quotes)
    ]
    # a named relative of a case ('X's wife, Y') belongs to the case file too
    names = {n for p in cases for n in (*p.spellings, *p.singles)}
    cases += [
        p
        for p in persons
        if p not in cases
        and p.spellings
        and not p.official
        and not p.contact
        and any(o in names for ev in p.evidence for o in ev.relative_of)
    ]
    persons = sorted(cases, key=lambda p: p.first)
    return _records(persons, out, units, rules, articles)
