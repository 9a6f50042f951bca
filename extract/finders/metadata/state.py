"""The State under review: from a pre-session symbol, else the State the cover and opening pages name most."""

from __future__ import annotations

import re
from collections import Counter

from extract.finders.metadata.symbol import WG6_SYMBOL
from extract.finders.metadata.view import View
from extract.finders.states import find_states, lookup_state, state_ref
from schemas import StateRef

STATE_CUES: list[re.Pattern[str]] = [
    re.compile(
        r"(?:review|examen|examination|evaluaci[óo]n)\s+(?:peri[óo]dic[ao]\s+universal\s+)?"
        r"(?:of|de|sobre|on|du|de\s+la)\s+(?:the\s+|la\s+|el\s+)?$",
        re.I,
    ),
    re.compile(
        r"(?:universal periodic review|upr|epu|examen peri[óo]dico universal|examen p[ée]riodique universel)"
        r"\s*(?:[:\-–—/]|\bof\b|\bon\b|\bsobre\b|\bde\b)\s*(?:the\s+|la\s+)?$",
        re.I,
    ),
    re.compile(r"(?:pa[íi]s evaluado|state under review|estado examinado|[ée]tat examin[ée])\s*:?\s*$", re.I),
    re.compile(
        r"(?:report|informe|rapport|situation|situaci[óo]n|submission|contribution|advance questions)\s+"
        r"(?:on|in|sobre|en|to|de|concerning|regarding|related to|about)\s+(?:the\s+|la\s+|el\s+)?$",
        re.I,
    ),
]
"""Text just before a State name that says it is the State under review."""

WEIGHT_STATE_LINE = 6.0  # a cover line that is nothing but a State's name
WEIGHT_STATE_CUE = 8.0
WEIGHT_STATE_COVER = 3.0
WEIGHT_STATE_BODY = 1.0
WEIGHT_STATE_ADJECTIVE = 0.3
STATE_BODY_CHARS = 20_000
"""The opening pages say which State is reviewed; reading further only costs time."""


def state_under_review(v: View, symbol: str | None, is_un: bool) -> StateRef | None:
    if symbol:
        m = WG6_SYMBOL.search(symbol)
        if m:
            ref = state_ref(m.group(2))
            if ref:
                return ref
    scores: Counter[str] = Counter()
    for i, line in enumerate(v.cover[:40]):
        t = line.strip().strip("*:.,;–- ")
        t = re.sub(r"\s*\*+$", "", t)
        whole = lookup_state(t)
        if whole is not None:
            scores[whole.iso3] += WEIGHT_STATE_LINE * (1.5 if i < 20 else 1.0)
            continue
        for s, _e, ref in find_states(line):
            w = WEIGHT_STATE_COVER
            if any(p.search(line[:s]) for p in STATE_CUES):
                w = WEIGHT_STATE_CUE
            scores[ref.iso3] += w
    for t in [*v.titles, *v.furniture]:
        for s, _e, ref in find_states(t):
            w = WEIGHT_STATE_CUE if any(p.search(t[:s]) for p in STATE_CUES) else WEIGHT_STATE_COVER
            scores[ref.iso3] += w
    named_up_front = bool(scores)
    body = v.full[:STATE_BODY_CHARS]
    for s, e, ref in find_states(body):
        # a State in brackets after a recommendation number recommends; it is not under review
        cited = body[max(0, s - 2) : s].endswith("(") and body[e : e + 1] in ")," and not named_up_front
        scores[ref.iso3] += WEIGHT_STATE_BODY / 4 if cited else WEIGHT_STATE_BODY
    if not scores:
        for _s, _e, ref in find_states(body, adjectives=True):
            scores[ref.iso3] += WEIGHT_STATE_ADJECTIVE
    if not scores:
        return None
    ranked = scores.most_common(2)
    iso3, top = ranked[0]
    if not named_up_front:
        # only the body names States: the one under review must stand out (a fictional or
        # unknown State leaves only the States that recommend or are compared)
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        if top < 3 * WEIGHT_STATE_BODY or top < 2 * runner:
            return None
    return state_ref(iso3)
