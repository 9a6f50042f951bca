"""Lists of named people printed as runs of items: 'the closure of: 1) Ana Ruiz. 2) Tomás PÉREZ ...'.

Each item of such a list is a case of the event printed just before it, but the items are often
separate 'sentences' with no cue of their own, so the window analysis never reads them. A name
grammar that needs no model finds them instead: capitalised given names and surnames, particles
between them ('de la', 'dos'), surnames in capitals. A list is only taken when it is dense (little
prose between names) and long, so a paragraph that merely mentions a few people is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.finders.cases.context import _Collector
from extract.finders.cases.rules import _UPPER, LanguageRules
from extract.finders.cases.windows import sentences
from extract.structure.units import TextUnit

MIN_ITEMS = 4
"""Names in a run, at least, for it to be a list of people."""
MAX_GAP = 140
"""Characters between two listed names, at most (item numbers, places, media, commas)."""
MAX_PROSE = 3
"""Lower-case words in a row between two listed names, at most: more is a sentence, not a list."""
CUE_REACH = 300
"""Characters before a list's first name in which the event it lists people for is printed."""
MAX_WORDS = 5
LEAD_END = re.compile(r"[.!?](?:\s|$)(?!\s*\d)|\n\s*\n")
"""A sentence end between the event word and the list's first name."""
LEAD_REACH = 120
"""Characters between the event word and the list, at most ('la clausura de las 34 emisoras siguientes:')."""
LEAD_NAMES = 3
_CAPITALISED = re.compile(rf"(?<![\w])[{_UPPER}][\w'’-]+")

_WORD = rf"[{_UPPER}][a-zß-öø-ÿ'’-]+"
_CAPS = rf"[{_UPPER}]{{3,}}(?:[-'’][{_UPPER}]+)*"
_PARENS = re.compile(r"\([^()]{0,200}\)")
_ITEM_MARK = re.compile(r"(?<=\s)[.)]?-(?=[^\W\d_])")
"""What is left of an item number once its brackets are blanked: '(16).-Giovanni' reads '     .-Giovanni'."""
_LOWER_RUN = re.compile(r"(?<![\w])[a-zß-öø-ÿ][\w'’-]*")


def _name_regex(rules: LanguageRules) -> re.Pattern[str]:
    parts = "|".join(re.escape(p) for p in sorted(rules.particles, key=len, reverse=True))
    glue = rf"(?:[ \t\n]+(?:(?:{parts})[ \t\n]+)*)" if parts else r"[ \t\n]+"
    return re.compile(rf"(?<![\w'’-])({_WORD}(?:{glue}(?:{_WORD}|{_CAPS})(?![\w'’-])){{1,{MAX_WORDS - 1}}})(?![\w'’-])")


def _trim(name: str, rules: LanguageRules, lexicon: frozenset[str]) -> tuple[int, int] | None:
    """Bounds of the name without leading or trailing common words ('Radio', 'Monseñor') in
    `name`; None if what is left is no name."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
    words = [name[a:b] for a, b in spans]
    lo, hi = 0, len(words)

    def title(w: str) -> bool:
        low = w.lower().strip(".")
        return (
            w in rules.honorifics or low in rules.official_titles or low in rules.cue_words or low in rules.stop_words
        )

    def plain(w: str) -> bool:
        return not (rules.common(w) or w.lower().strip(".") in lexicon or title(w))

    while lo < hi and not plain(words[lo]):
        lo += 1
    # after a given name, a surname may be a common word too ('Rafael Sierra García', 'Félix Romero Lago'):
    # only titles and cue words are cut from the end, and most of the name must be no common word
    while lo < hi and (title(words[hi - 1]) or words[hi - 1].lower() in rules.particles):
        hi -= 1
    named = [w for w in words[lo:hi] if w.lower() not in rules.particles]
    if len(named) < 2 or any(title(w) for w in named) or 2 * sum(plain(w) for w in named) <= len(named):
        return None
    return spans[lo][0], spans[hi - 1][1]


def _prose(gap: str) -> bool:
    run = best = 0
    pos = 0
    for m in _LOWER_RUN.finditer(gap):
        between = gap[pos : m.start()]
        run = run + 1 if not re.search(r"[^\s]", between) else 1
        best = max(best, run)
        pos = m.end()
    return best > MAX_PROSE


def _cue_before(text: str, at: int, rules: LanguageRules) -> re.Match[str] | None:
    window = text[max(0, at - CUE_REACH) : at]
    found = [m for rx in (rules.event_re, rules.list_event_re) for m in rx.finditer(window)]
    if not found:
        return None
    return max(found, key=lambda m: m.start())


def find_enumerations(
    units: Sequence[TextUnit], rules: LanguageRules, lexicon: frozenset[str], out: _Collector
) -> None:
    """Give every name of a long, dense list of people the event printed just before the list.
    A list may run on over paragraphs, where the layout made each numbered item one."""
    name_re = _name_regex(rules)
    chain: list[tuple[int, int, int, str]] = []
    tail = ""
    for ui, u in enumerate(units):
        if u.is_footnote:
            continue
        text = _ITEM_MARK.sub(lambda m: " " * len(m.group(0)), _PARENS.sub(lambda m: " " * len(m.group(0)), u.text))
        pos = 0
        for a, b, name in _names(text, u.text, name_re, rules, lexicon):
            gap = tail + " " + text[pos:a] if pos == 0 else text[pos:a]
            if not (chain and len(" ".join(gap.split())) <= MAX_GAP and not _prose(gap)):
                _close(chain, units, rules, out)
                chain = []
            chain.append((ui, a, b, name))
            pos = b
        tail = text[pos:] if chain and chain[-1][0] == ui else text
        if len(" ".join(tail.split())) > MAX_GAP:
            _close(chain, units, rules, out)
            chain = []
    _close(chain, units, rules, out)


def _names(
    text: str, printed: str, name_re: re.Pattern[str], rules: LanguageRules, lexicon: frozenset[str]
) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for m in name_re.finditer(text):
        if text[m.end() : m.end() + 2].lstrip(" ").startswith(":"):
            continue  # 'Puerto Norte:' labels the items that follow, a place
        prev = text[max(0, m.start() - 30) : m.start()].split()
        if prev and prev[-1].lower().strip(",") in rules.official_titles:
            continue
        bounds = _trim(m.group(1), rules, lexicon)
        if bounds is not None:
            a, b = m.start(1) + bounds[0], m.start(1) + bounds[1]
            found.append((a, b, " ".join(printed[a:b].split())))
    return found


def _close(
    chain: list[tuple[int, int, int, str]], units: Sequence[TextUnit], rules: LanguageRules, out: _Collector
) -> None:
    if len({n for *_, n in chain}) < MIN_ITEMS:
        return
    ui, first = chain[0][0], chain[0][1]
    u = units[ui]
    cue = _cue_before(u.text, first, rules)
    if cue is None:
        return
    at = max(0, first - CUE_REACH) + cue.start()
    lead = u.text[at + len(cue.group(0)) : first]
    if LEAD_END.search(lead) or len(lead) > LEAD_REACH or len(_CAPITALISED.findall(lead)) > LEAD_NAMES:
        # the event word ends an earlier sentence, or names and organisations come between it and the
        # list: the list (signatories, members) is not the people the event happened to
        return
    bounds = sentences(u.text, rules)
    idx, (a, b) = next(((i, s) for i, s in enumerate(bounds) if s[0] <= at < s[1]), (0, (0, len(u.text))))
    sid = len(out.sentences)
    out.sentences.append((ui, a, b))
    out.order.append(idx)
    matched = cue.group(0)
    etype = rules.event_of(matched) or rules.list_event_of(matched) or matched.lower()
    for nui, s, _e, name in chain:
        ev = out.ev(name)
        ev.events.append((sid, at, matched, etype))
        ev.strong += 1
        ev.occurrences.append((nui, s))
        ev.first = min(ev.first, (nui, s))
