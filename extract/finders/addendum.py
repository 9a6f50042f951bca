"""Positions a State gives in a Working Group report's addendum (its responses to the recommendations).

Addenda print positions in two ways, often both:

* list statements: "The Government accepts the following recommendations: 98.3,
  98.4, ..." / "... takes note of recommendations 87.2-10, 87.13" (ranges and
  the short form "87.17-18" expanded);
* per-recommendation responses: "87.11  The activities ... have already started",
  "Rec. 18 We consider ...", or, in the first cycle, "13. The State accepts the
  recommendation and ..." (the response itself says the position).

One record per recommendation number that gets a position (supported or noted);
its text is the response printed for it (with its reason), or the statement that
lists it. A response that supports only part, or accepts and notes, gives a
record without a position and a warning naming its number.

Public API:
    find_addendum_positions(doc) -> list[Recommendation]
    parse_number_list(text, start=0) -> (numbers, end)
    response_position(text) -> Position | None
    response_reading(text) -> (Position | None, 'partial' | 'mixed' | None)
    find_addendum_positions_with_warnings(doc) -> (records, warnings)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extract.finders.wgreport import ParagraphStream, paragraph_stream
from extract.structure.units import DocText
from schemas import ExtractWarning, Recommendation
from schemas.records import Position

# ---------------------------------------------------------------- patterns (data)

NOTED = re.compile(
    r"(?i)\b(?:can\s?not|could\s+not|does\s+not|do\s+not|did\s+not|is\s+unable\s+to|are\s+unable\s+to|is\s+not\s+in\s+a\s+position\s+to)"
    r"\s+(?:accept|support)\b|\btakes?\s+note\b|\bnotes?\s+(?:the\s+|these\s+|this\s+|following\s+)*recommendations?\b"
    r"|\b(?:is|are|were|was|been)\s+noted\b|\brejects?\b|\bnot\s+(?:accepted|supported)\b"
    r"|\bno\s+(?:acepta|apoya)\b|\btoma\s+nota\b|\bn['’]accepte\s+pas\b|\bprend\s+note\b"
)
"""A response or statement that notes (does not support) a recommendation."""

SUPPORTED = re.compile(
    r"(?i)\baccepts?\b|\baccepted\b|\bsupports?\b|\bsupported\b|\bagrees?\s+(?:to|with)\s+(?:the|this|these)\s+recommendations?"
    r"|\bconsiders?\s+(?:that\s+)?(?:this|these|the)\s+recommendations?\s+(?:(?:is|are|as|has|have|been|already)\s+)*implemented"
    r"|\bacepta\b|\bapoya\b|\baccepte\b|\bsoutient\b"
)
"""A response or statement that supports a recommendation (checked outside the NOTED matches)."""

PARTIAL = re.compile(
    r"(?i)\b(?:supported|accepted|supports?|accepts?|noted)\s+(?:in\s+part|partially|partly)\b"
    r"|\b(?:partially|partly)\s+(?:supported|accepted|supports?|accepts?|implemented\s+and\s+accepted)\b"
    r"|\bacept(?:a|ó|ada|adas)\s+parcialmente\b|\bparcialmente\s+aceptadas?\b"
    r"|\baccept(?:e|ée|ées)\s+(?:en\s+partie|partiellement)\b|\bpartiellement\s+accept(?:ée|ées)\b"
)
"""A response that supports part of a recommendation: no position of its own, kept and flagged."""

OPENING = re.compile(
    r"(?i)^\W{0,3}(?:(?P<supported>supported|accepted|acceptée?s?|aceptadas?|apoyadas?)"
    r"|(?P<noted>noted|rejected|not\s+(?:supported|accepted)|notée?s?|rechazadas?))\b"
)
"""A table's position column read into the response ('140.3 Noted  The Constitution ...'): the first word decides."""

STATEMENT_VERB = re.compile(
    r"(?i)\b(?:accepts?|accepted|supports?|supported|takes?\s+note\s+of|notes|noted|rejects?"
    r"|(?:does|do|can|could)\s?not\s+(?:accept|support))\b"
)
STATEMENT_NOUN = re.compile(r"(?i)[^.;:\d]{0,80}?\brecommendations?\b")
STATEMENT_GAP = re.compile(r"\s*:?\s*(?=\d)|[^.;:\d]{0,120}:\s*(?=\d)")
"""'... accepts the following recommendations: ' — verb, noun, then the list (never '142 recommendations')."""

NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,2}")
PARAGRAPH_AFTER = re.compile(r"\.\s+[A-Z]")
DASH = re.compile(r"\s*[-–—]\s*")
SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\.(?=\s))\s*(?:and\s+)?")
RESPONSE_HEAD = re.compile(r"(?:\b(?:Recs?|Recommendations?)\.?\s*)?(?<![\w.,/\-])\d{1,3}(?:\.\d{1,3}){0,2}")
"""Where a per-recommendation response may start: '87.11', '98.18-19', 'Rec. 18', 'Recs. 6–13'."""

PLAIN_RESPONSE = re.compile(r"(?<![\w.,/\-])(\d{1,3})\.(?:(?:\s*,)?\s*\d{1,3}\.)*,?(?=\s+[A-Z])")
"""First-cycle responses numbered like the report's items: '13. The State accepts', '5., 6., 7. The Government', '43., 44. 45. It'."""

HEADING_BREAK = re.compile(r"\n\s*(?:[IVX]{1,4}\.|[A-H]\.)\s+[A-Z]")
"""A roman- or letter-numbered heading ends a response."""

MAX_RANGE = 400
RESPONSE_CHARS = 3000


# ---------------------------------------------------------------- number lists


def _expand(first: str, last: str) -> list[str]:
    """'122.17'-'18' → 122.17, 122.18; '1'-'5' → 1..5; a range too long or backwards yields its ends only."""
    a = first.split(".")
    b = last.split(".")
    if len(b) < len(a):
        b = a[: len(a) - len(b)] + b
    if len(a) != len(b) or a[:-1] != b[:-1]:
        return [first, ".".join(b)]
    lo, hi = int(a[-1]), int(b[-1])
    if hi < lo or hi - lo > MAX_RANGE:
        return [first, ".".join(b)]
    head = ".".join(a[:-1])
    return [f"{head}.{n}" if head else str(n) for n in range(lo, hi + 1)]


def parse_number_list(text: str, start: int = 0) -> tuple[list[str], int]:
    """Recommendation numbers listed from `start`: '140.7, 140.8', '1–5, 14– 16', '122.17-18', '140.145, 146'.

    Stops before anything else, and before a number that opens a new response
    (a number followed by a capitalised word after a full stop). Linear in the
    length of the list.
    """
    out: list[str] = []
    pos = start
    prefix = ""
    while True:
        m = NUMBER.match(text, pos)
        if not m:
            break
        first = m.group()
        if "." not in first and prefix and len(first) <= 3 and out:
            first = f"{prefix}.{first}"  # '140.145, 146' → 140.146
        end = m.end()
        d = DASH.match(text, end)
        m2 = NUMBER.match(text, d.end()) if d else None
        if m2:
            out.extend(_expand(first, m2.group()))
            end = m2.end()
        else:
            out.append(first)
        if "." in first:
            prefix = first.rsplit(".", 1)[0]
        pos = end
        sep = SEPARATOR.match(text, pos)
        if not sep or not NUMBER.match(text, sep.end()):
            break
        if "." in text[pos : sep.end()] and _opens_response(text, sep.end()):
            break
        pos = sep.end()
    return out, pos


def _opens_response(text: str, pos: int) -> bool:
    """Whether the number list at `pos` is followed by a capitalised word (a response, not a list)."""
    nums, end = _parse_head(text, pos)
    if not nums:
        return False
    rest = text[end : end + 3].lstrip()
    return rest[:1].isupper() or rest[:1] in '“"('


def _parse_head(text: str, pos: int) -> tuple[list[str], int]:
    out: list[str] = []
    m = NUMBER.match(text, pos)
    if not m:
        return out, pos
    end = m.end()
    d = DASH.match(text, end)
    m2 = NUMBER.match(text, d.end()) if d else None
    if m2:
        return _expand(m.group(), m2.group()), m2.end()
    return [m.group()], end


# ---------------------------------------------------------------- positions


def response_position(text: str) -> Position | None:
    """The position a response states: 'accepts' → supported, 'cannot accept'/'takes note' → noted; both → None."""
    return response_reading(text)[0]


def response_reading(text: str) -> tuple[Position | None, str | None]:
    """(position, why none) of a response: why is 'partial' (supported in part) or 'mixed' (accepts and notes)."""
    if PARTIAL.search(text[:RESPONSE_CHARS]):
        return None, "partial"
    m = OPENING.match(text)
    if m:
        return ("supported" if m["supported"] else "noted"), None
    position = _response_position(text)
    if position is None and NOTED.search(text[:RESPONSE_CHARS]) and SUPPORTED.search(text[:RESPONSE_CHARS]):
        return None, "mixed"
    return position, None


def _response_position(text: str) -> Position | None:
    head = text[:RESPONSE_CHARS]
    noted_spans = [(m.start(), m.end()) for m in NOTED.finditer(head)]
    supported = any(not any(a <= m.start() < b for a, b in noted_spans) for m in SUPPORTED.finditer(head))
    if noted_spans and supported:
        return None
    if noted_spans:
        return "noted"
    return "supported" if supported else None


def _statement_position(verb: str) -> Position:
    v = verb.lower()
    if "not" in v or "note" in v or v.startswith("reject"):
        return "noted"
    return "supported"


# ---------------------------------------------------------------- the finder


@dataclass(slots=True)
class _Entry:
    number: str
    position: Position | None
    text: str
    start: int
    end: int
    why: str | None = None


def _sentence_start(text: str, pos: int) -> int:
    """Back to the last '. ', ': ' or line break: a statement's clause starts there even before a number or abbreviation."""
    i = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind(": ", 0, pos))
    return i + 1 if i >= 0 else 0


def _statements(text: str) -> tuple[list[tuple[int, int, list[str], Position | None, str]], set[str]]:
    out = []
    listed: set[str] = set()
    for v in STATEMENT_VERB.finditer(text):
        noun = STATEMENT_NOUN.match(text, v.end())
        gap = STATEMENT_GAP.match(text, noun.end()) if noun else None
        if gap is None:
            continue
        nums, end = parse_number_list(text, gap.end())
        if not nums or (len(nums) == 1 and "." not in nums[0] and PARAGRAPH_AFTER.match(text, end)):
            continue  # "Accepted recommendations 3. The Government ...": a heading, then a paragraph number
        s0 = _sentence_start(text, v.start())
        lead = " ".join(text[s0 : gap.end()].split()).rstrip(" :")
        lead = re.sub(r"^\d{1,3}\.\s+", "", lead)
        pos: Position | None = None if PARTIAL.search(lead) else _statement_position(v.group())
        out.append((s0, end, nums, pos, lead))
        listed.update(nums)
    return out, listed


def _boundary_ok(text: str, start: int) -> bool:
    """A response number starts a unit, a line, or follows a full stop or a wide gap."""
    before = text[max(0, start - 3) : start]
    return start == 0 or before.endswith(("\n", "  ")) or re.search(r"[.;:]\s$", before) is not None


def _responses(text: str, listed: set[str], blocked: list[tuple[int, int]]) -> list[tuple[int, int, list[str]]]:
    """(head start, text start, numbers) of each per-recommendation response, in order."""
    heads = []
    for m in RESPONSE_HEAD.finditer(text):
        s = m.start()
        if any(a <= s < b for a, b in blocked) or not _boundary_ok(text, s):
            continue
        num_start = NUMBER.search(text, s, m.end() + 1)
        if not num_start:
            continue
        nums, end = parse_number_list(text, num_start.start())
        rest = text[end : end + 3].lstrip(" .")
        if not nums or not (rest[:1].isupper() or rest[:1] in '“"('):
            continue
        has_rec = m.group().lower().startswith("rec")
        if not has_rec and not all("." in n for n in nums):
            continue
        if listed and not set(nums) <= listed:
            continue
        heads.append((s, end, nums))
    return heads


def _plain_responses(text: str) -> list[tuple[int, int, list[str]]]:
    """First-cycle responses numbered '13.' in sequence, each stating its own position."""
    heads = []
    last = 0
    for m in PLAIN_RESPONSE.finditer(text):
        if not _boundary_ok(text, m.start()):
            continue
        nums = re.findall(r"\d{1,3}", m.group())
        first = int(nums[0])
        if first <= last:
            continue
        heads.append((m.start(), m.end(), nums))
        last = int(nums[-1])
    return heads


def _cut(text: str, start: int, stop: int) -> str:
    body = text[start:stop]
    br = HEADING_BREAK.search(body)
    if br:
        body = body[: br.start()]
    return " ".join(body.split()).strip(" .;:")


def find_addendum_positions(doc: DocText, id_prefix: str = "add") -> list[Recommendation]:
    """One record per recommendation number that the addendum gives a position (origin 'addendum')."""
    return find_addendum_positions_with_warnings(doc, id_prefix)[0]


def find_addendum_positions_with_warnings(
    doc: DocText, id_prefix: str = "add"
) -> tuple[list[Recommendation], list[ExtractWarning]]:
    """The addendum's records, and a warning naming each number whose response gives no single position.

    A response that supports part of a recommendation, or both accepts and notes,
    is kept (position None, its text the response and its reason) rather than dropped.
    """
    stream: ParagraphStream = paragraph_stream(doc.units, doc.sections)
    text = stream.text
    statements, listed = _statements(text)
    blocked = [(s, e) for s, e, *_ in statements]
    heads = _responses(text, listed, blocked) if statements else _plain_responses(text)
    stops = sorted({s for s, *_ in heads} | {s for s, *_ in statements} | {len(text)})

    entries: dict[str, _Entry] = {}
    for s0, end, nums, pos, lead in statements:
        for n in nums:
            entries.setdefault(n, _Entry(n, pos, lead, s0, end, None if pos else "partial"))
    for s, body_start, nums in heads:
        stop = stops[bisect.bisect_right(stops, s)] if bisect.bisect_right(stops, s) < len(stops) else len(text)
        body = _cut(text, body_start, stop)
        if not body:
            continue
        own, why = response_reading(body)
        for n in nums:
            e = entries.get(n)
            if e is None:
                entries[n] = _Entry(n, own, body, s, stop, why)
            else:
                e.text, e.start, e.end = body, s, stop
                if why == "partial":  # listed as accepted, but the response says only in part
                    e.position, e.why = None, why
    out: list[Recommendation] = []
    unread: dict[str, list[str]] = {}
    # responses without a position go last, so the ids of the others do not depend on them
    for e in sorted(entries.values(), key=lambda e: e.position is None):
        if e.position is None:
            if e.why is None:
                continue
            unread.setdefault(e.why, []).append(e.number)
        us = stream.units_between(e.start, e.end)
        out.append(
            Recommendation(
                id=f"{id_prefix}{len(out) + 1}",
                text=e.text,
                number=e.number,
                section=us[0].section if us else None,
                position=e.position,
                page=max(1, us[0].page) if us else 1,
                bbox=(0.0, 0.0, 0.0, 0.0),
                origin="addendum",
                paragraphs=[u.id for u in us if u.id not in stream.headings],
            )
        )
    warnings = [
        ExtractWarning(
            code=f"addendum_position_{why}",
            message=f"{UNREAD[why]}: {', '.join(nums[:12])}{' …' if len(nums) > 12 else ''}; kept without a position",
        )
        for why, nums in unread.items()
    ]
    return out, warnings


UNREAD = {
    "partial": "the addendum supports only part of recommendation(s)",
    "mixed": "the addendum's response both accepts and notes recommendation(s)",
}
