"""Quotation marks of a text: what a document quotes from others is no evidence of its own.

One primitive for every finder: the case finder keeps a person named only in a quotation from
being a case, the follow-up finder keeps a quoted recommendation from being read as a verdict.
"""

from __future__ import annotations

from bisect import bisect_right

PAIRS = {"“": "”", "«": "»", "„": "“"}
"""Opening mark → closing mark. Single quotes are left out by default: their closing mark is also
the apostrophe ('the State’s'), so a finder that needs them passes them (SINGLE_PAIRS)."""
SINGLE_PAIRS = {**PAIRS, "‘": "’", "„": "‟"}
_STRAIGHT = '"'


def quoted_spans(text: str, pairs: dict[str, str] = PAIRS) -> list[tuple[int, int]]:
    """Closed quotations of `text` as (start, end) offsets, quote marks included, outermost first
    among nested ones; a quotation left open by the text (a long quote running to the end of a
    note) is not one, since where it ends cannot be told."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for i, ch in enumerate(text):
        if stack and ch == stack[-1][0]:
            spans.append((stack.pop()[1], i + 1))
        elif ch in pairs:
            stack.append((pairs[ch], i))
        elif ch == _STRAIGHT:
            if straight is None:
                straight = i
            else:
                spans.append((straight, i + 1))
                straight = None
    return sorted(spans)


def quote_at(spans: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """The innermost quotation holding offset `at`, or None."""
    best: tuple[int, int] | None = None
    for s, e in spans[: bisect_right(spans, (at, 10**12))]:
        if s < at < e and (best is None or s >= best[0]):
            best = (s, e)
    return best
