"""Recommendations listed in a UPR Working Group report ("98.7 Ratify ... (Maldives) (Portugal);").

A report's closing section prints each recommendation as a numbered item under a
lead paragraph that says what the State did with it ("... enjoy the support of",
"... will be examined by", "... did not enjoy the support of"). The items are
numbered "<paragraph>.<n>" (sometimes "<paragraph>.<n>.<m>", or, in the first
cycle, a plain "<n>." list inside the paragraph) and end with the recommending
States in parentheses.

The finder reads the paragraphs as one stream, so an item that a page break or a
rough reader split into two units is still one record, and two items merged into
one unit are still two: items are cut at their numbers, not at unit boundaries.
Numbers are accepted only in sequence under their lead paragraph, which keeps
"1961 Convention" or "resolution 5/1." from ever opening an item. Structure, not
the lead's wording, decides what is an item: '<N>.1' opening a unit starts a list
even under a lead no rule reads (its items then have no position, and a warning
says so). The report then checks itself (`check_report`): gaps, misprinted or
repeated numbers, missing or out-of-order groups, a count the lead states,
recommendations without a State or with a name no UN Member or observer has.

Public API:
    find_report_recommendations(doc) -> list[Recommendation]
    find_report_recommendations_with_warnings(doc) -> (records, warnings)   (the report checks itself)
    parse_items(text) -> list[ReportItem]         (the same parser on plain text)
    split_states(text) -> tuple[str, list[str]]   (trailing recommending-State parentheses)
    parse_state_list(content, lenient=False) -> list[str] | None
    position_of(lead) -> (found, position)
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.finders.actions import classify_action
from extract.finders.states import closest_state, lookup_state
from extract.structure.units import DocText, TextUnit
from schemas import ExtractWarning, Recommendation, Section
from schemas.records import Position, StateRef

# ---------------------------------------------------------------- patterns (data)

ITEM_DOTTED = re.compile(r"(?<![\w./\-])(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?\.?(?=\s+[\"“‘'(.]?[A-Z])")
"""'140.7 Ratify', '93.1. Consider', '129.1.2 Ratify': an item under report paragraph 140, 93, 129."""

PLAIN_NUMBER = re.compile(r"(?<![\w./\-])(\d{1,3})\.(?=\s+[\"“‘'(]?[A-Z])")
"""'141. All conclusions' (a report paragraph) or '12. Continue' (an item of a first-cycle plain list)."""

CONCLUSIONS_HEADING = re.compile(r"(?i)conclusions\s+and\s*(?:/\s*or\s+)?recommendations\s*(?:\*+\s*)?(?=\d{1,3}\.\s)")
"""The closing section's heading, followed by its first paragraph number (not a contents line, not prose)."""

CONCLUSIONS_TITLE = re.compile(r"(?i)\b(?:conclusions?|recommendations?|recomendaciones|recommandations)\b")

END_OF_LISTS = re.compile(
    r"(?:^|\s)(?:[IVX]{1,4}\.\s+)?(?:Voluntary\s+(?:pledges|commitments)|VOLUNTARY\s+(?:PLEDGES|COMMITMENTS)"
    r"|Annex\s+Composition\s+of|Composition\s+of\s+the\s+delegation)"
)
"""Where the last item of the last list ends when no paragraph number closes it."""

FURNITURE_UNIT = re.compile(
    r"^\s*(?:A/HRC/[\w./*]+\s*(?:Page\s+\d+)?|Page\s+\d+|\d{1,3}|GE\.\d{2}-\s?\d{4,6}\s*(?:\([A-Z]\))?[^\w]*)\s*$"
)
"""A whole unit that is page furniture (running symbol, page number, job number) in a rough reading."""

FURNITURE_INLINE = (
    re.compile(
        r"(?:\*{1,3}\s*)?(?:The\s+)?c\s*onclusions\s+and(?:/or)?\s+recommendations\s+have\s+not\s+been\s+edited\.?(?:\s*\*{1,3})?"
    ),
    re.compile(r"(?<!\S)\d{1,2}\s+The\s+recommendation\s+as\s+read\s+during\s+the\s+interactive\s+dialogue:.*", re.S),
    re.compile(r"(?<!\S)A/HRC/\d+/\d+(?:/Add\.\d+)?\*?\s+Page\s+\d+(?!\S)"),
    re.compile(r"(?<!\S)\d{1,3}\s+A/HRC/\d+/\d+(?:/Add\.\d+)?\*?(?!\S)"),
    re.compile(r"(?<!\S)A/HRC/\d+/\d+(?:/Add\.\d+)?\*?\s+\d{1,3}(?=\s+\d{1,3}\.)"),
    re.compile(r"(?<!\S)GE\.\d{2}-\s?\d{4,6}(?:\s*\([A-Z]\))?"),
)
"""Running headers, footers and the 'not edited' note that a rough reader leaves inside a paragraph."""
FURNITURE_KEYS = ("A/HRC/", "GE.", "edited", "as read during")
"""Cheap test before the furniture patterns run: most paragraphs hold none of these."""

GROUP_HINT = re.compile(
    r"(?i)\b(?:following|below|listed|enjoys?|enjoyed|examined|made\s+to|agreed\s+on|noted|support(?:ed|s)?|accept(?:ed|s)?)\b"
)
XREF_BEFORE = re.compile(r"(?i)(?:recommendations?|paragraphs?|paras?\.?|and|,|–|-)\s*$")
"""Words that make a following number a reference ('recommendation 93.4', 'paragraphs 53 and 54.')."""

NOT_A_LIST = re.compile(
    r"(?i)\bfollowing\s+(?:comments|observations|replies|responses|clarifications|information|questions)\b"
    r"|\brecommendations?\s+\d{1,3}(?:\.\d{1,3})*\b[^.]{0,80}\babove\b"
)
"""A lead that announces comments or questions, or that speaks of items already listed ('recommendation 98.1 above')."""

STATED_COUNT = re.compile(r"(?i)\b(?:following|these|the)\s+(\d{1,4})\s+recommendations\b")
"""A lead that says how many items follow ('the following 143 recommendations')."""
"""A lead that announces the State's comments or a delegation's questions, not recommendations."""

RECOMMENDATION_WORD = re.compile(r"(?i)\brecommendations?\b|\brecomendaciones\b|\brecommandations\b")

POSITION_RULES: tuple[tuple[re.Pattern[str], Position | None], ...] = (
    (
        re.compile(
            r"(?i)\b(?:did|do|does|would|could)\s+not\s+(?:enjoy|receive|accept|support)|\bnot\s+(?:enjoy|supported|accepted)"
            r"|\b(?:were|are|be|been|was|is)\s+noted\b|\btakes?\s+note\b|\brejected\b|\bno\s+cuentan\s+con\s+el\s+apoyo"
            r"|\bn['’]ont\s+pas\s+recueilli|\bprend\s+note|\btoma\s+nota"
        ),
        "noted",
    ),
    (
        re.compile(
            r"(?i)\bwill\s+(?:be\s+)?examine[d]?\b|\bwill\s+(?:provide\s+)?respon(?:d|ses)\b|\bin\s+due\s+(?:time|course)\b"
            r"|\bwere\s+made\s+to\b|\bserán\s+examinadas\b|\bseront\s+examinées\b"
        ),
        None,
    ),
    (
        re.compile(
            r"(?i)\benjoy(?:s|ed)?\s+(?:the\s+)?support\b|\balready\s+(?:been\s+)?implemented\b"
            r"|\bin\s+the\s+process\s+of\s+(?:being\s+)?implement|\baccepted\b|\bagreed\s+(?:on|to)\b|\bsupports?\b"
            r"|\bcuentan\s+con\s+el\s+apoyo\b|\bont\s+recueilli\s+l['’]adhésion\b|\bacept(?:a|ó|adas)\b"
        ),
        "supported",
    ),
)
"""What a lead paragraph says about its items; first match wins ("did not enjoy" before "enjoy")."""

DEHYPHENATE = re.compile(r"(?<=[^\W\d_])- (?!(?:and|or|nor|to|as|y|o|et|ou)\b)(?=[^\W\d_])")
"""'non- governmental' (a line break after a compound's hyphen) → 'non-governmental'."""

SPACES = re.compile(r"\s+")
SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;:.)’])|(?<=[(‘])\s+")
JOINER_CHARS = " \t\n;,.:"
JOINER_WORDS = ("and", "or")


def _strip_joiners(s: str) -> str:
    """Drop trailing separators and a dangling 'and'/'or' ('...(Chile); and' → '...(Chile)')."""
    while True:
        t = s.rstrip(JOINER_CHARS)
        for w in JOINER_WORDS:
            if t.endswith(w) and (len(t) == len(w) or not t[-len(w) - 1].isalnum()):
                t = t[: -len(w)]
                break
        if t == s:
            return t
        s = t


INNER_PARENS = re.compile(r"\s?\(([^()]{1,300}(?:\([^()]{0,60}\)[^()]{0,120})?)\)")
"""A parenthesis inside an item (one level of nesting for 'Iran (Islamic Republic of)'); bounded, so linear."""
FOOTNOTE_MARK = re.compile(r"(?<=\S)\s*(?<![\d.])\d{1,2}(?![\d.])(?=\s|$)")
NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.\-]*")
ACRONYM = re.compile(r"^[A-Z0-9\-]{2,}$")
MAX_NAME_WORDS = 9


# ---------------------------------------------------------------- State lists


def _split_top(content: str, seps: str) -> list[str]:
    """Split at separators outside nested parentheses (one pass, linear)."""
    out, depth, cur = [], 0, []
    for ch in content:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _clean_name(piece: str) -> str:
    s = SPACES.sub(" ", piece).strip(" \t\n.;,:")
    if any(c.isdigit() for c in s):
        s = FOOTNOTE_MARK.sub("", s)  # "Russian 2 Federation": a note marker inside the name
    s = re.sub(r"^(?:and|et|y)\s+", "", s)
    s = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", s)
    return s.replace("( ", "(").replace(" )", ")")


def _looks_like_name(s: str) -> bool:
    """A State-like name: a few capitalised words, no digits, not an acronym like 'CRPD' or 'OP-CAT'."""
    if s.startswith("the ") and any(w[:1].isupper() for w in s.split()[1:]):
        s = s[4:]  # "the former Yugoslav Republic of Macedonia"
        return bool(s) and not any(c.isdigit() for c in s) and len(NAME_WORD.findall(s)) <= MAX_NAME_WORDS
    if not s or not s[0].isupper() or any(c.isdigit() for c in s):
        return False
    if any(c in s for c in '"“”:/[]{}'):
        return False
    words = NAME_WORD.findall(s)
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    return not (len(words) <= 2 and all(ACRONYM.match(w) for w in words))


def _known(name: str) -> bool:
    return lookup_state(name) is not None


BROKEN_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[a-z])")


def _mend_broken_name(piece: str) -> str | None:
    """A State's name a line break cut ('Swit-zerland', 'Guate mala'), joined again when that makes a known name."""
    if "-" in piece:
        joined = BROKEN_HYPHEN.sub("", piece)
        if joined != piece and _known(joined):
            return joined
    words = piece.split(" ")
    if 1 < len(words) <= MAX_NAME_WORDS:
        for i in range(1, len(words)):
            if words[i][:1].islower() and words[i] not in ("and", "of", "the"):
                joined = " ".join([*words[: i - 1], words[i - 1] + words[i], *words[i + 1 :]])
                if _known(joined):
                    return joined
    return None


def _segment_and(piece: str) -> list[str] | None:
    """'Cuba, Ghana and the Netherlands' → the 'and' that joins two States, not the one inside 'Trinidad and Tobago'."""
    parts = re.split(r"\s+and\s+", piece)
    if len(parts) == 1:
        return None
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            cand = _clean_name(" and ".join(parts[i:j]))
            if _known(cand):
                out.append(cand)
                i = j
                break
        else:
            return None
    return out


def parse_state_list(content: str, lenient: bool = False) -> list[str] | None:
    """The States a parenthesis names ('Maldives', 'Cuba, Ghana and the Netherlands', 'Venezuela; Viet Nam').

    Returns the names as printed (whitespace tidied, a leading 'the' dropped), or None
    when the parenthesis is not a list of States. Names are checked against the State
    table (extract.finders.states); with `lenient`, a name the table lacks is accepted when it
    looks like one (older names such as 'Libyan Arab Jamahiriya', or a misprint).
    """
    if len(content) > 600 or not content.strip():
        return None
    names: list[str] = []
    unknown = 0
    for chunk in _split_top(content, ";,"):
        piece = _clean_name(chunk)
        if not piece:
            continue
        if _known(piece):
            names.append(piece)
            continue
        mended = _mend_broken_name(piece)
        if mended:
            names.append(mended)
            continue
        seg = _segment_and(piece)
        if seg:
            names.extend(seg)
            continue
        if not _looks_like_name(piece):
            return None
        names.append(piece[:1].upper() + piece[1:])
        unknown += 1
    if not names:
        return None
    if unknown and not (lenient or unknown < len(names)):
        return None
    return names


def _matching_open(text: str, close: int) -> int:
    """Index of the '(' that matches the ')' at `close`, or -1 (backward scan, linear)."""
    depth = 0
    for i in range(close, -1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                return i
    return -1


def split_states(text: str) -> tuple[str, list[str]]:
    """Cut the recommending-State parentheses off a recommendation: '... (Maldives) (Portugal);' → text, States.

    Trailing parentheses are read right to left while they name States; a
    parenthesis of States followed by ';' inside the item (first-cycle items that
    join several States' recommendations) is removed too. The last parenthesis is
    read leniently (it is where a report always prints the States).
    """
    rest = text
    states: list[str] = []
    first = True
    while True:
        t = _strip_joiners(rest)
        if not t.endswith(")"):
            break
        op = _matching_open(t, len(t) - 1)
        if op < 0:
            break
        names = parse_state_list(t[op + 1 : -1], lenient=first)
        if names is None:
            break
        states[:0] = names
        rest = t[:op]
        first = False
    rest = _strip_joiners(rest) if states else rest.strip()
    # inner "(States)" of an item that joins several States' wordings (first cycle, "X (A)/Y (B)")
    inner: list[str] = []
    out: list[str] = []
    pos = 0
    for m in INNER_PARENS.finditer(rest):
        names = parse_state_list(m.group(1))
        if names is None:
            continue
        inner.extend(names)
        out.append(rest[pos : m.start()])
        pos = m.end()
    if inner:
        out.append(rest[pos:])
        rest = "".join(out)
    seen: set[str] = set()
    merged = []
    for s in inner + states:
        if s not in seen:
            seen.add(s)
            merged.append(s)
    return rest.strip(), merged


# ---------------------------------------------------------------- lead paragraphs


def position_of(lead: str) -> tuple[bool, Position | None]:
    """(is this a lead paragraph of a list of recommendations?, the position it gives its items)."""
    head = lead[:700]
    if not RECOMMENDATION_WORD.search(head) or not GROUP_HINT.search(head) or NOT_A_LIST.search(head):
        return False, None
    read, position = lead_position(head)
    if read:
        return True, position
    return bool(re.search(r"(?i)\b(?:following|below|listed)\b", head)), None


def lead_position(lead: str) -> tuple[bool, Position | None]:
    """(did a rule read the lead?, the position it gives): unread leads give None and a warning, not a lost group."""
    head = lead[:700]
    for pattern, position in POSITION_RULES:
        if pattern.search(head):
            return True, position
    return False, None


# ---------------------------------------------------------------- the item parser


@dataclass(slots=True)
class ReportItem:
    """One numbered item as cut from the text: offsets into the parsed text."""

    number: str
    start: int
    end: int
    text: str
    states: list[str]
    position: Position | None
    paragraph: int | None = None


@dataclass(slots=True)
class ReportNote:
    """Something the parser saw that an analyst should check: a code, what it is about, and where (offset)."""

    code: str
    message: str
    at: int


@dataclass(slots=True)
class _Marker:
    start: int
    end: int
    dotted: tuple[int, int, int] | None = None
    plain: int | None = None


def _markers(text: str, start: int) -> list[_Marker]:
    ms = [
        _Marker(m.start(), m.end(), dotted=(int(m[1]), int(m[2]), int(m[3] or 0)))
        for m in ITEM_DOTTED.finditer(text, start)
    ]
    ms += [_Marker(m.start(), m.end(), plain=int(m[1])) for m in PLAIN_NUMBER.finditer(text, start)]
    ms.sort(key=lambda m: m.start)
    return ms


@dataclass(slots=True)
class _Open:
    number: str
    start: int  # after the number
    marker: int  # where the number starts
    position: Position | None
    paragraph: int | None


@dataclass(slots=True)
class _State:
    para: int | None = None
    in_group: bool = False
    position: Position | None = None
    last_key: tuple[int, int] = (0, 0)
    plain_next: int | None = None
    items: list[ReportItem] = field(default_factory=list)
    open: _Open | None = None
    lead: str = ""
    lead_at: int = 0
    notes: list[ReportNote] = field(default_factory=list)
    paragraphs: dict[int, bool] = field(default_factory=dict)
    """Report paragraph numbers seen → whether they read as a list's lead."""
    stated: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Paragraph → (count its lead states, offset)."""
    unread: dict[int, ReportNote] = field(default_factory=dict)
    """Paragraph → the note that its list's lead gives no position."""


def _tidy(s: str) -> str:
    s = " ".join(s.split())
    if "- " in s:
        s = DEHYPHENATE.sub("-", s)
    return SPACE_BEFORE_PUNCT.sub("", s).strip()


def _close(st: _State, text: str, end: int) -> None:
    o = st.open
    if o is None:
        return
    st.open = None
    body = text[o.start : end]
    stop = END_OF_LISTS.search(body)
    if stop:
        body = body[: stop.start()]
    body = _tidy(body).lstrip(" .;:,")
    if not body:
        return
    rest, states = split_states(body)
    rest = _strip_joiners(rest).strip() if states else rest.rstrip(" ;,")
    if rest.endswith(".") and not rest.endswith(".."):
        rest = rest[:-1].rstrip()
    st.items.append(ReportItem(o.number, o.marker, end, rest, states, o.position, o.paragraph))


def _lead_text(text: str, start: int, markers: list[_Marker], k: int) -> str:
    nxt = markers[k + 1].start if k + 1 < len(markers) else len(text)
    return text[start : min(nxt, start + 900)]


def _unit_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


def parse_items(text: str, start: int = 0) -> list[ReportItem]:
    """Cut `text` (from `start`) into numbered recommendation items with their positions.

    A report paragraph number opens a lead: if the lead announces a list, the items
    that follow are numbered '<paragraph>.<n>' or '<n>.' in sequence; any other
    paragraph closes the list. Items '<paragraph>.1', '<paragraph>.2' ... under a lead
    that does not read as one still make a list (structure decides, the lead only
    gives the position). Runs in linear time in len(text).
    """
    return parse_report(text, start)[0]


def _open_group(st: _State, text: str, at: int, p: int) -> None:
    """Items numbered under paragraph `p` begin: their position is what the lead says, or None with a note."""
    lead = st.lead if st.para == p else ""
    read, position = lead_position(lead) if lead else (False, None)
    st.para, st.in_group, st.position, st.plain_next = p, True, position, None
    if not read:
        what = "no lead paragraph was found" if not lead else f"its lead was not understood ({_tidy(lead)[:80]!r})"
        st.notes.append(ReportNote("recommendation_lead_unread", f"recommendations {p}.x have no position: {what}", at))


def _plain_list_under_lead(st: _State, text: str, at: int) -> bool:
    head = st.lead[:700]
    return (
        st.para is not None
        and not st.in_group
        and _unit_start(text, at)
        and bool(RECOMMENDATION_WORD.search(head))
        and not NOT_A_LIST.search(head)
    )


def parse_report(text: str, start: int = 0) -> tuple[list[ReportItem], _State]:
    """`parse_items`, also returning the parser's state: notes, paragraphs seen, counts the leads state."""
    st = _State()
    markers = _markers(text, start)
    for k, m in enumerate(markers):
        if m.dotted is not None:
            p, n, sub = m.dotted
            key = (n, sub)
            if XREF_BEFORE.search(text[max(0, m.start - 20) : m.start]):
                continue  # "see recommendation 93.4": a cross-reference, not an item
            if st.in_group and p == st.para:
                if key <= st.last_key:
                    if _unit_start(text, m.start):
                        st.notes.append(
                            ReportNote(
                                "recommendation_number_out_of_order",
                                f"item {text[m.start : m.end].rstrip('.')} follows {p}.{st.last_key[0]}: not taken as an item",
                                m.start,
                            )
                        )
                    continue
            elif st.in_group and st.para is not None and abs(p - st.para) <= 3 and n == st.last_key[0] + 1 > 1:
                # a misprinted paragraph part ("85.75" in the middle of 86.x): still the next item
                st.notes.append(
                    ReportNote(
                        "recommendation_number_misprinted",
                        f"item {p}.{n} stands between {st.para}.{n - 1} and {st.para}.{n + 1}: read as {st.para}.{n}",
                        m.start,
                    )
                )
            elif st.para is not None and p == st.para and not st.in_group and key == (1, 0):
                # items under a lead that did not read as a list's: structure decides, the lead gives the position
                _close(st, text, m.start)
                _open_group(st, text, m.start, p)
            elif (
                st.para is None
                or st.para < p <= st.para + 3
                or (key == (1, 0) and p != st.para and _unit_start(text, m.start))
            ):
                # a list whose lead the reader did not give us (or gave out of order): its position is unknown
                _close(st, text, m.start)
                _open_group(st, text, m.start, p)
            else:
                continue
            _close(st, text, m.start)
            st.last_key = key
            st.plain_next = None
            number = f"{p}.{n}" + (f".{sub}" if sub else "")
            st.open = _Open(number, m.end, m.start, st.position, st.para)
            continue
        n = m.plain
        assert n is not None
        lead = _lead_text(text, m.end, markers, k)
        is_group, position = position_of(lead)
        as_item = (
            st.in_group
            and st.plain_next is not None
            and (
                n == st.plain_next or (st.plain_next < n <= st.plain_next + MAX_SKIPPED and _unit_start(text, m.start))
            )
        )
        as_para = st.para is None or st.para < n <= st.para + 3
        if not as_item and n == 1 and _plain_list_under_lead(st, text, m.start):
            # a numbered list under a recommendations paragraph whose lead did not read as a list's
            _close(st, text, m.start)
            assert st.para is not None
            _open_group(st, text, m.start, st.para)
            st.plain_next = 2
            st.open = _Open("1", m.end, m.start, st.position, st.para)
            continue
        if as_item and not (as_para and is_group):
            _close(st, text, m.start)
            st.plain_next = n + 1
            st.open = _Open(str(n), m.end, m.start, st.position, st.para)
            continue
        if not as_para:
            continue
        _close(st, text, m.start)
        st.para = n
        st.in_group = is_group
        st.position = position
        st.last_key = (0, 0)
        st.plain_next = 1 if is_group else None
        st.lead, st.lead_at = lead, m.start
        st.paragraphs[n] = is_group
        if is_group:
            if not lead_position(lead)[0]:  # told only if items follow (not the closing "All conclusions ...")
                st.unread[n] = ReportNote(
                    "recommendation_lead_unread",
                    f"the recommendations under paragraph {n} have no position: "
                    f"its lead was not understood ({_tidy(lead)[:80]!r})",
                    m.start,
                )
            c = STATED_COUNT.search(lead[:700])
            if c:
                st.stated[n] = (int(c[1]), m.start)
    _close(st, text, len(text))
    return st.items, st


# ---------------------------------------------------------------- DocText → records


@dataclass(slots=True)
class ParagraphStream:
    """The paragraphs of a document joined by newlines, with where each starts (for offsets → units)."""

    text: str
    starts: list[int]
    units: list[TextUnit]
    headings: set[str] = field(default_factory=set)
    """Ids of the section titles put into the stream (not paragraphs: no paragraph id to report)."""

    def units_between(self, a: int, b: int) -> list[TextUnit]:
        """The units that text[a:b] overlaps, in order."""
        i = max(0, bisect.bisect_right(self.starts, a) - 1)
        out = []
        while i < len(self.units) and self.starts[i] < b:
            out.append(self.units[i])
            i += 1
        return out


MAX_SKIPPED = 2
"""A first-cycle list may lose an item to the reader; a number at most this far ahead, opening a paragraph, goes on."""

NUMBER_LIKE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,2}\.?$")


def _unit_text(u: TextUnit) -> str:
    t = u.text
    if any(k in t for k in FURNITURE_KEYS):
        for pat in FURNITURE_INLINE:
            t = pat.sub(" ", t)
    return _with_number(u.number, t)


def _with_number(number: str | None, t: str) -> str:
    """Put back the printed number the reader kept apart ('140.7', '56' → '56. The following ...')."""
    num = (number or "").strip().rstrip(".")
    if not num or not NUMBER_LIKE.match(num) or t.lstrip().startswith(num):
        return t
    opens = t.lstrip()[:1]
    dot = "." if "." not in num and (opens.isupper() or opens in "\"“‘'(") else ""
    return f"{num}{dot} {t}"


def paragraph_stream(units: list[TextUnit], sections: Sequence[Section] = ()) -> ParagraphStream:
    """The paragraphs joined by newlines, each section title where its section starts.

    A reader may take a numbered item's line for a heading; putting the titles
    (with their numbers) back in reading order lets the item parser see them.
    """
    order = {s.id: i for i, s in enumerate(sections)}
    parts: list[str] = []
    starts: list[int] = []
    kept: list[TextUnit] = []
    headings: set[str] = set()
    pos = 0
    last = order.get(units[0].section or "", -1) if units else -1

    def add(u: TextUnit, t: str) -> None:
        nonlocal pos
        starts.append(pos)
        kept.append(u)
        parts.append(t)
        pos += len(t) + 1

    for u in units:
        here = order.get(u.section or "")
        if here is not None and here > last:
            for s in sections[last + 1 : here + 1]:
                title = _with_number(s.number, s.title)
                hu = TextUnit(id=s.id, source="paragraph", page=s.page_start, text=title, section=s.id, kind="heading")
                headings.add(s.id)
                add(hu, title)
            last = here
        if u.source != "paragraph" or FURNITURE_UNIT.match(u.text):
            continue
        add(u, _unit_text(u))
    return ParagraphStream("\n".join(parts), starts, kept, headings)


def _section_units(doc: DocText) -> tuple[list[TextUnit], str] | None:
    """The units from the conclusions section on, and that section's id, when the reader found its heading."""
    ids = [s.id for s in doc.sections if CONCLUSIONS_TITLE.search(s.title or "")]
    if not ids:
        return None
    for i, u in enumerate(doc.units):
        if u.section in ids:
            return doc.units[i:], u.section or ids[0]
    return None


def _start_offset(text: str) -> int:
    """Just after the conclusions heading (0 when the text has none: then every paragraph is read)."""
    m = CONCLUSIONS_HEADING.search(text)
    return m.end() if m else 0


def find_report_recommendations(doc: DocText, id_prefix: str = "rec") -> list[Recommendation]:
    """Every numbered recommendation of a Working Group report, one record per item (sub-items too)."""
    return find_report_recommendations_with_warnings(doc, id_prefix)[0]


def find_report_recommendations_with_warnings(
    doc: DocText, id_prefix: str = "rec"
) -> tuple[list[Recommendation], list[ExtractWarning]]:
    """The report's recommendations, and what its own numbering, counts and States say is wrong with them.

    `page` is the page of the unit the item starts in; `bbox` is a placeholder the
    pipeline replaces from the units' spans (their ids are in `paragraphs`).
    """
    found = _section_units(doc)
    units, section = found if found else (doc.units, None)
    stream = paragraph_stream(units, doc.sections)
    start = 0 if found else _start_offset(stream.text)
    items, st = parse_report(stream.text, start)
    if not items and start:
        items, st = parse_report(stream.text, 0)
    out: list[Recommendation] = []
    lang = doc.language or "en"
    for i, it in enumerate(items, 1):
        us = stream.units_between(it.start, it.end)
        page = us[0].page if us else 1
        out.append(
            Recommendation(
                id=f"{id_prefix}{i}",
                text=it.text,
                number=it.number,
                section=section or (us[0].section if us else None),
                action=classify_action(it.text, lang),
                recommending_states=it.states,
                recommending_state_refs=_state_refs(it.states),
                position=it.position,
                page=max(1, page),
                bbox=(0.0, 0.0, 0.0, 0.0),
                origin="report",
                paragraphs=[u.id for u in us if u.id not in stream.headings],
            )
        )
    return out, check_report(items, st, stream)


# ---------------------------------------------------------------- the report checks itself


def _page_at(stream: ParagraphStream, at: int) -> int | None:
    us = stream.units_between(at, at + 1)
    return max(1, us[0].page) if us else None


def _shown(values: Sequence[str], limit: int = 12) -> str:
    return ", ".join(values[:limit]) + (f" … ({len(values)} in all)" if len(values) > limit else "")


def _missing(numbers: Sequence[int]) -> list[int]:
    have = set(numbers)
    return [n for n in range(1, max(numbers) + 1) if n not in have]


def check_report(items: Sequence[ReportItem], st: _State, stream: ParagraphStream) -> list[ExtractWarning]:
    """Warnings naming the numbers: gaps, a missing or out-of-order group, a stated count, States missing or unknown."""
    out = [ExtractWarning(code=n.code, message=n.message, page=_page_at(stream, n.at)) for n in st.notes]
    groups: dict[int | None, list[ReportItem]] = {}
    for it in items:
        groups.setdefault(it.paragraph, []).append(it)
    for para, its in groups.items():
        if para is not None and para in st.unread:
            n = st.unread[para]
            out.append(ExtractWarning(code=n.code, message=n.message, page=_page_at(stream, n.at)))
        where = f"under paragraph {para}" if para is not None else "in the list"
        tops = [
            int(it.number.split(".")[1] if "." in it.number else it.number) for it in its if it.number.count(".") < 2
        ]
        missing = _missing(tops) if tops else []
        if missing:
            names = [f"{para}.{n}" if "." in its[0].number else str(n) for n in missing]
            out.append(
                ExtractWarning(
                    code="recommendation_numbering_gap",
                    message=f"the recommendations {where} lack {_shown(names)}: not found or not printed",
                    page=_page_at(stream, its[0].start),
                )
            )
        stated = st.stated.get(para) if para is not None else None
        if stated and stated[0] != len(tops):
            out.append(
                ExtractWarning(
                    code="recommendation_count_differs",
                    message=f"paragraph {para} announces {stated[0]} recommendations; {len(tops)} were found",
                    page=_page_at(stream, stated[1]),
                )
            )
    order = [p for p in groups if p is not None]
    for a, b in itertools.pairwise(order):
        if b <= a:
            out.append(
                ExtractWarning(
                    code="recommendation_group_out_of_order",
                    message=f"the recommendations under paragraph {b} come after those under paragraph {a}",
                    page=_page_at(stream, groups[b][0].start),
                )
            )
            continue
        lost = [str(n) for n in range(a + 1, b) if st.paragraphs.get(n, True)]
        if lost:
            out.append(
                ExtractWarning(
                    code="recommendation_group_missing",
                    message=f"between the recommendations under paragraphs {a} and {b}, paragraph(s) {', '.join(lost)} "
                    "gave no recommendation: not found, or a list whose items were not read",
                    page=_page_at(stream, groups[b][0].start),
                )
            )
    stateless = [it.number for it in items if not it.states]
    if stateless:
        out.append(
            ExtractWarning(
                code="recommendation_without_state",
                message=f"no recommending State found for {_shown(stateless)}",
                page=_page_at(stream, next(it.start for it in items if not it.states)),
            )
        )
    for it in items:
        for name in it.states:
            if lookup_state(name) is not None:
                continue
            guess = closest_state(name)
            hint = f" (perhaps {guess.name}, {guess.iso3})" if guess else ""
            out.append(
                ExtractWarning(
                    code="recommending_state_unknown",
                    message=f"recommendation {it.number}: {name!r} matches no UN Member or observer State{hint}",
                    page=_page_at(stream, it.start),
                )
            )
    return out


def _state_refs(names: Sequence[str]) -> list[StateRef]:
    """Each printed State that names a UN member or observer, normalised; a name that does not is
    warned about by `check_report` and left out here (never guessed)."""
    refs: list[StateRef] = []
    for name in names:
        ref = lookup_state(name)
        if ref is not None and ref not in refs:
            refs.append(ref)
    return refs
