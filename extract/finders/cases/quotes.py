"""Quotation marks of a unit's text: what a submission quotes from others is no evidence of its own."""

from __future__ import annotations

from bisect import bisect_right

_PAIRS = {"“": "”", "«": "»", "„": "“"}
_STRAIGHT = '"'


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Closed quotations of `text` as (start, end) offsets, quote marks included, outermost first
    among nested ones; a quotation left open by the text (a long quote running to the end of a
    note) is not one, since where it ends cannot be told."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for i, ch in enumerate(text):
        if stack and ch == stack[-1][0]:
            spans.append((stack.pop()[1], i + 1))
        elif ch in _PAIRS:
            stack.append((_PAIRS[ch], i))
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
