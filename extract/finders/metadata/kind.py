"""What a document is: a UN review document (which one), a submission (whose), or something else."""

from __future__ import annotations

import re

from extract.finders.metadata.cues import Cues, load_cues
from extract.finders.metadata.symbol import WG6_SYMBOL
from extract.finders.metadata.view import View, ws
from extract.finders.states import lookup_state
from extract.text.fold import fold

OTHER_GENRE_MARKS = 2
PROSE_WORDS = 25
PROSE_PARAGRAPHS = 2
UPR_CONTEXT_CHARS = 60_000
"""A long paper that only mentions the review in passing is read this far."""


def un_issued(v: View, symbol: str | None) -> bool:
    text = " ".join(v.cover[:25])
    hits = sum(1 for p in load_cues().un_cover if p.search(text))
    return hits >= 2 or (symbol is not None and hits >= 1)


def un_kind(v: View, symbol: str | None) -> str:
    text = ws(" ".join(v.cover[:40]))
    for kind, patterns in load_cues().un_kinds:
        if any(p.search(text) for p in patterns):
            return kind
    if symbol:
        m = WG6_SYMBOL.search(symbol)
        if m:
            return load_cues().symbol_suffix.get(m.group(3), "other")
    return "other"


STATE_COMMISSION = re.compile(
    r"^(?:the\s+)?(?P<pre>.+?)\s+human\s+rights\s+commission$|^(?:the\s+)?human\s+rights\s+commission\s+of\s+(?:the\s+)?(?P<post>.+)$",
    re.I,
)
"""'<State> Human Rights Commission', 'Human Rights Commission of <State>': a State's own commission."""


def _state_commission(name: str) -> bool:
    """A human rights commission named for a State or its people (not 'Faith Human Rights Commission')."""
    m = STATE_COMMISSION.match(name.strip())
    if not m:
        return False
    place = re.sub(r"(?i)^national\s+|\s+national$", "", m.group("pre") or m.group("post") or "")
    return lookup_state(place, adjectives=True) is not None


def submission_kind(v: View, orgs: list[str]) -> str:
    cues = load_cues()
    head = " ".join(v.head[:3])
    if (
        any(p.search(n) for n in orgs for p in cues.nhri_names)
        or any(_state_commission(n) for n in orgs)
        or any(p.search(" ".join(v.head[:4])) for p in cues.nhri_self)
    ):
        return "nhri_submission"
    lead = fold(" ".join([*v.cover[:30], *v.titles, *v.furniture, head]))  # accents as printed or not ('Exámen')
    if len(orgs) >= 2 or any(p.search(lead) for p in cues.joint):
        return "joint_submission"
    if _not_a_submission(v, cues):
        return "other"  # a paper or a guide that is not about a review: not a UPR submission
    if orgs or (any(p.search(lead) for p in cues.submission) and _prose(v)):
        return "ngo_submission"
    return "other"  # no author and no running text (an infographic, a form): not a submission


def _prose(v: View) -> bool:
    """Whether the document is written in paragraphs, as every submission is."""
    return sum(1 for p in v.paragraphs if len(p.split()) >= PROSE_WORDS) >= PROSE_PARAGRAPHS


def _not_a_submission(v: View, cues: Cues) -> bool:
    """An academic paper or a guide: several of their marks, and the review named nowhere on the cover.

    Many real submissions never name the review (they were sent to it), so its absence alone
    proves nothing; the marks of another genre ('Abstract', 'Keywords:', a DOI) do.
    """
    text = " ".join([*v.cover, *v.titles, *v.furniture, v.full[:UPR_CONTEXT_CHARS]])
    marks = sum(1 for p in cues.not_submission if p.search(text))
    if marks < OTHER_GENRE_MARKS:
        return False
    front = " ".join([*v.cover[:40], *v.titles, *v.head[:2]])
    return not any(p.search(front) for p in cues.upr_context)
