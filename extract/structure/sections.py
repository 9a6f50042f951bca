"""Stage 3, `sections`: headings from typography and numbering, levels, and paragraphs.

A heading is a short block that stands alone and looks different from the
body (bold, larger, capitals, underlined or italic) or carries a heading
number. Levels come from a stack of heading styles: a style more prominent
than the current one closes it, a less prominent one nests under it, a style
seen before returns to its level. The cover (title block) is the run of
display lines on page 1 before the body starts whose style never heads a
section later.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.reading.read import Box4, Line
from extract.structure.blocks import DOT_LEADER, Block
from extract.structure.textmap import GluedMarkers, TextMap, roman_value, vocabulary
from schemas import Box, Paragraph, Section, Span

HEADING_NUMBER = re.compile(
    r"^(?:(?P<chapter>(?i:chapter|part|section|cap[ií]tulo|parte|secci[oó]n|chapitre|partie)\s+[\dIVXLC]+[.:]?)"
    r"|\((?P<paren>[a-zA-Z]|[ivx]{1,4}|[IVX]{1,4}|\d{1,2})\)"
    r"|(?P<digits>\d{1,3}(?:\.\d{1,2}){0,3})\.?-?"
    r"|(?P<roman>[IVXLC]{1,6})(?:[.)]-?|(?=\s+[-–—]\s))"  # 'IV.', 'IV)', 'IV - Title'
    r"|(?P<upper>[A-Z])(?:[.)]-?|(?=\s+[-–—]\s))"
    r"|(?P<lroman>[ivx]{1,5})[.)]-?"
    r"|(?P<lower>[a-z])[.)]-?"
    r")(?=\s+\S)",
)
# Bold lead-in sentences and labels that head a list or a box but not a section.
NOT_HEADING = re.compile(
    r"^(?:case stud(?:y|ies)|for (?:more|further) information|contact|source|note|table|figure|box|ends?"
    r"|(?:key\s?words?|palabras\s+claves?|mots[- ]cl[ée]s|t[ií]tulo|title|titre)\s*:"
    r"|(?:recommendation|recomendaci[oó]n|recommandation)s?\s*(?:\d+\s*)?[:.]\s*\S)",
    re.I,
)
# A bold line that says what someone should do and closes on a full stop is an ask, not a title.
MODAL_SENTENCE = re.compile(
    r"\b(?:should|must|shall|urges?|calls? on|deber[ií]a|debe|deben|doit|devrait)\b.*[.;]$", re.I
)
BACK_MATTER = re.compile(
    r"^(?:notes?|end\s?notes?|foot\s?notes?|references?|bibliography|sources|notas(?: finales)?"
    r"|(?:table of )?contents|contenido|[ií]ndice|sommaire|table des mati[eè]res"
    r"|referencias|bibliograf[ií]a|notes de fin|r[ée]f[ée]rences)\s*:?$",
    re.I,
)
# Fixed lines of the UN cover page that are never the title.
UN_BOILERPLATE = re.compile(
    r"^(?:united nations|nations unies|naciones unidas|general assembly|distr\.|original:|advance unedited|"
    r"human rights council|agenda item|\w+ session|[A-Z]$)",
    re.I,
)
URL_OR_DATE = re.compile(
    r"^(?:\S+@\S+|(?:https?://|www\.)\S+|\(?\d{1,2}\s\w+\s\d{4}\)?|\w+\s\d{1,2},?\s\d{4}|\w+\s\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$"
)
# A bold sentence closing on a colon that introduces a list: a lead-in, not a heading.
LEAD_IN = re.compile(
    r"\b(?:as follows|the following|should|must|calls? (?:up)?on|urges?|recommends?|we ask|asks?|"
    r"llama|insta|recomienda|recomendamos|deber[ií]a|solicita|exhorta|demande|appelle|recommande|devrait)\b",
    re.I,
)
# Headings of front matter that never take sub-sections: what follows them is their sibling.
FRONT_MATTER = re.compile(
    r"^(?:executive summary|summary|introduction|background|methodology|r[ée]sum[ée](?: ex[ée]cutif)?"
    r"|resumen(?: ejecutivo)?|introducci[oó]n|antecedentes|metodolog[ií]a)\s*[:.]?$",
    re.I,
)
Style = tuple[int, bool, bool, bool, bool, bool]
"""(size, caps, bold, underlined, centred, italic) of a heading"""
Prominence = tuple[int, bool, bool, int, bool, bool, bool]

TOP_NUMBERING = frozenset({"chapter", "R", "A", "D1"})
"""Numbering that opens a document's series of top headings ('PART I', 'IV.', 'B.', '3.')."""
NUMRANK = {"chapter": 7, "R": 6, "A": 5, "D1": 4, "D2": 3, "D3": 2, "D4": 1, "P": 0, "a": 0, "r": -1}


@dataclass(slots=True)
class Heading:
    block: Block
    title: str
    number: str | None
    numclass: str | None
    style: Style
    level: int = 1


@dataclass(slots=True)
class Built:
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    maps: dict[str, TextMap] = field(default_factory=dict)
    heading_maps: dict[str, TextMap] = field(default_factory=dict)
    title: str | None = None
    cover: list[Block] = field(default_factory=list)
    cover_maps: list[TextMap] = field(default_factory=list)
    back_matter: list[Block] = field(default_factory=list)
    bold: set[str] = field(default_factory=set)
    """ids of paragraphs printed all in bold"""
    depth: dict[str, int] = field(default_factory=dict)
    """list nesting depth of bullet paragraphs (0 = outermost)"""


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _style(b: Block) -> Style:
    return (round(b.size), _caps(b.text), b.bold, b.underline, b.centered, b.italic)


def _numbering(text: str) -> tuple[str | None, str | None, str]:
    """(number, class, title without number) of a heading's text."""
    m = HEADING_NUMBER.match(text)
    if not m:
        return None, None, text
    rest = text[m.end() :].lstrip(" .:-–—\t")
    if m.group("chapter"):
        return m.group("chapter").rstrip(".:"), "chapter", rest
    if m.group("paren"):
        return m.group("paren"), "P", rest
    if m.group("digits"):
        d = m.group("digits")
        depth = d.count(".") + 1
        return d, f"D{min(depth, 4)}", rest
    if m.group("roman"):
        return m.group("roman"), "R", rest
    if m.group("upper"):
        return m.group("upper"), "A", rest
    if m.group("lroman"):
        return m.group("lroman"), "r", rest
    return m.group("lower"), "a", rest


OPENING_QUOTES = "“\"‘‗«„'"
CLOSING_QUOTE = re.compile(r"[”\"’‘»'](?=[\s.,;:!?)]|$)")
QUOTED_LINE_WORDS = 6
NOTE_MARK_AT_END = re.compile(r"(?<=[”\"’‘».])\s*\d{1,3}$")
"""A quoted term may open a title ('“Less lethal” force'); a quoted line of this many words is a quotation."""


def _quoted_line(text: str) -> bool:
    """Opens on a quote mark that closes only at its end, or never: the whole line is someone's words."""
    if text[:1] not in OPENING_QUOTES:
        return False
    text = NOTE_MARK_AT_END.sub("", text)  # '… is obvious.’ 3': the note mark after the quotation
    close = CLOSING_QUOTE.search(text, 1)
    return close is None or close.end() >= len(text.rstrip(" .")) - 1


def _heading_like(b: Block, body_size: float) -> bool | None:
    """Looks like a heading: short, alone, and set apart from the body.

    None means 'a heading only if headings elsewhere share its style' (a
    longer line closing on a full stop, which could also be a bold sentence).
    """
    text = b.text.strip()
    words = text.split()
    # a part numbered I., II. or A. in bold may run long; other headings are short
    part = b.bold and _numbering(text)[1] in ("R", "A", "chapter")
    max_lines, max_words = (5, 40) if b.bold and _numbering(text)[0] else (4, 24)
    if b.kind == "table" or len(b.lines) > max_lines:
        return False
    if not words or len(words) > max_words or len(text) > 8 * max_words:
        return False
    if DOT_LEADER.search(text) or text.endswith((",", ";")):
        return False
    if b.marker and b.number is None and not b.extra.get("lone_bullet"):
        return False  # a bullet item, however bold
    number, _, rest = _numbering(text)
    if not any(c.isalpha() for c in rest):
        return False
    if number and rest[:1].islower() and _numbering(text)[1] != "chapter":
        return False  # "a) prosiga sus esfuerzos …": an item that carries on the sentence above it
    typographic = b.bold or b.size >= body_size + 1.0 or _caps(rest) or b.underline
    italic_alone = b.italic and len(b.lines) <= 2 and len(words) <= 18 and b.size >= body_size - 0.5
    if not (typographic or italic_alone):
        return False
    if (
        number
        and number[:1].isdigit()
        and ((number.isdigit() and len(rest.split()) > 14) or int(number.split(".")[0]) > 30)
    ):
        return False  # a numbered paragraph or list item in bold, not a heading
    if rest.startswith("[") and rest.rstrip(" .:").endswith("]"):
        return False  # an editorial note such as "[English only]"
    numclass = _numbering(text)[1]
    # "I. INICIATIVAS DEL ESTADO:": a part heading in capitals may close on a colon
    part_colon = numclass in ("R", "A", "chapter") and _caps(rest) and not LEAD_IN.search(text)
    if text.endswith(":") and (len(words) > 8 or LEAD_IN.search(text)) and not part_colon:
        b.extra["lead_in"] = True
        return False  # a lead-in sentence
    if URL_OR_DATE.match(rest.strip(" .")):
        return False
    if NOT_HEADING.match(rest) or MODAL_SENTENCE.search(rest) or CONTACT.search(rest):
        return False
    if rest[:1].islower() and not number:
        return False  # a sentence's tail, not a title
    if text.endswith(("”", '"')) and len(words) > 8:
        return False
    if len(words) >= QUOTED_LINE_WORDS and _quoted_line(text):
        return False  # a quotation set apart ('“Send them where …”'), not a title that quotes a term
    if text.endswith(".") and len(words) > 10 and not number:
        return None
    if number and not part and len(words) > 24:
        return None  # a long numbered bold line: a heading only when shorter ones share its style
    return True


# Lines that name the review itself belong to the cover when they come before the body.
UPR_TITLE = re.compile(
    r"universal periodic review|examen peri[oó]dico universal|examen p[ée]riodique universel|\bUPR\b|\bEPU\b"
    r"|submission (?:to|on behalf of|by|from)|submitted by|presentado por|soumis par"
    r"|informe (?:para|sobre|presentado)|rapport (?:pour|sur|soumis)|contribution (?:to|au|de)"
    r"|\b\d{1,2}\s?(?:ª|a|th|st|nd|rd|e|ème|eme|va|na)?\.?\s+(?:session|sesi[oó]n)",
    re.I,
)
# Addresses, telephone numbers, e-mail and web addresses: letterheads and signatures, never headings.
CONTACT = re.compile(
    r"\S+@\S+\.\w|https?://|www\.|\b(?:tel|t[ée]l[ée]?fono|phone|fax|e-?mail|correo)\b\s*[:.]|"
    r"\b(?:contact|contacto|persona de contacto)\s*:|\+?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}",
    re.I,
)
ADDRESS_WORDS = 40
"""An address or contact block is short; a paragraph that mentions a street or a number is not one."""
# A place and a date, as a letter is dated: not a title.
DATELINE = re.compile(r"^[\w .'-]{2,30},\s*(?:le\s+|el\s+|the\s+)?\d{1,2}(?:er|º)?\s+\w+\s+(?:de\s+)?\d{4}\.?$", re.I)


ASK = re.compile(r"\b(?:should|must|shall|deber[ií]a|debe|deben|doit|doivent|devrait)\b", re.I)


def _list_item(blocks: list[Block], i: int) -> bool:
    """A numbered block in a run of numbered paragraphs (n-1 or n+1 beside it) is an item, not a heading."""
    b = blocks[i]
    if not (b.number and b.number.isdigit()):
        return False
    if ASK.search(b.text):
        return True
    n = int(b.number)
    for j in (i - 1, i + 1):
        if 0 <= j < len(blocks):
            o = blocks[j]
            if o.number and o.number.isdigit() and abs(int(o.number) - n) == 1 and not o.heading:
                return _heading_like(o, 0.0) is not True or len(o.lines) > 2
    return False


def _is_body(b: Block, body_size: float) -> bool:
    """Running text in the body's own size: where the cover ends."""
    if b.heading or b.kind == "table" or abs(b.size - body_size) > 0.6 or b.centered:
        return False
    if b.bold and len(b.lines) < 3:
        return False  # a bold title run over two lines is display type; a bold paragraph is body
    width = b.extra.get("right", 0.0) - b.extra.get("left", 0.0)
    filled = width > 0 and max(ln.x1 - ln.x0 for ln in b.lines) >= 0.6 * width
    return (len(b.lines) >= 2 and filled) or len(b.text.split()) >= 20


FOOT_NOTICE_SMALLER = 1.5
"""Points below the body size at which an unnumbered bold line at a page's foot is a notice."""
FOOT_NOTICE_TEXT = 12
"""Words of a block of running text: after a heading, at least one such block follows on its page."""


def _page_foot_notice(blocks: list[Block], i: int, body_size: float) -> bool:
    """A line in type smaller than the body with no running text after it on its page ('WINNER OF
    THE ... PRIZE', a registration notice under a rule): the page's foot, not a heading."""
    b = blocks[i]
    if b.size > body_size - FOOT_NOTICE_SMALLER or _numbering(b.text)[0] is not None:
        return False
    after = itertools.takewhile(lambda o: o.page == b.page, blocks[i + 1 :])
    return not any(len(o.text.split()) >= FOOT_NOTICE_TEXT for o in after)


def _drop_trailing(blocks: list[Block]) -> None:
    """Headings after which the document says nothing more (a closing signature) are not sections."""
    for b in reversed(blocks):
        if b.heading:
            b.heading = False
            b.extra["signature"] = True
            continue
        if len(b.text.split()) >= 8 and not CONTACT.search(b.text) and not _names_only(b.text):
            return


NAMES_LOWER_SHARE = 0.2
"""Below this share of words in lower case, a block is a list of names (signatories), not running text."""


def _names_only(text: str) -> bool:
    """'Hna. E. Russián, Lic. S. Colmenares, Dr. J. Espinosa': names and titles, as a signature lists them."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", text)]
    return bool(words) and sum(w[0].islower() for w in words) < NAMES_LOWER_SHARE * len(words)


BARE_LABEL = re.compile(
    r"^(?:chapter|part|section|cap[ií]tulo|parte|secci[oó]n|chapitre|partie)\s+[\dIVXLC]+[.:]?$", re.I
)
FORM_LABELS = 3
"""Bare numbered labels ('SECTION I', 'Sección II.') in one document from which they are a form's fields."""
LETTERHEAD_WORDS = 40
"""Words of a block above which a page-1 block is running text rather than a letterhead line."""


def _not_headings(blocks: list[Block]) -> None:
    """Drop the heading mark from lines that only look like headings.

    The numbered fields of a submission form ('SECTION I' … 'SECTION VI', nothing
    after the number), a label over an address ('Contact details of the NGO:'), and
    a bold-italic heading quoted with the italic text it heads when no other heading
    is in italics (a statute's heading cited in the body).
    """
    marked = [b for b in blocks if b.heading]
    bare = [b for b in marked if BARE_LABEL.match(b.text.strip())]
    if len(bare) >= FORM_LABELS:
        for b in bare:
            b.heading = False
            b.extra["form_label"] = True
    italic_heads = [b for b in marked if b.italic]
    for i, b in enumerate(blocks):
        if not b.heading:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is None:
            continue
        if b.text.rstrip().endswith(":") and CONTACT.search(nxt.text) and len(nxt.text.split()) <= ADDRESS_WORDS:
            b.heading = False  # a label over an address (a paragraph that cites one is no address)
        elif (
            len(italic_heads) == 1
            and b is italic_heads[0]
            and nxt.italic
            and not nxt.bold
            and not nxt.heading
            and nxt.page == b.page
        ):
            b.heading = False  # the heading of a quoted text


def _repeated_cover(blocks: list[Block], lead: list[Block], body_size: float) -> list[tuple[Block, Block]]:
    """The opening lines of later pages that repeat the first page's display lines style for style: the
    title page of the same report in another language, whose lines are no headings either."""
    named = [k for k, b in enumerate(lead) if UPR_TITLE.search(b.text)]
    lead = lead[: named[-1] + 1] if named else []  # the title lines end with the one naming the review
    if len(lead) < 2:
        return []
    styles = [_style(b) for b in lead]
    pages: dict[int, list[Block]] = {}
    for b in blocks:
        pages.setdefault(b.page, []).append(b)
    out: list[tuple[Block, Block]] = []
    for page, on_page in pages.items():
        head = on_page[: len(lead)]
        if page == lead[0].page or len(head) < len(lead) or [_style(b) for b in head] != styles:
            continue
        if any(_is_body(b, body_size) for b in head) or not any(UPR_TITLE.search(b.text) for b in head):
            continue
        out.extend(zip(head, lead, strict=True))
    return out


def _title_heading(blocks: list[Block], first_page: int) -> Block | None:
    """The first heading, on page 1 under letterhead lines only, that names the report itself is its title."""
    for b in blocks:
        if b.page != first_page:
            return None
        if b.heading:
            if _numbering(b.text)[0] is None and UPR_TITLE.search(b.text):
                b.heading = False
                b.extra["cover"] = True
                return b
            return None
        if len(b.text.split()) >= LETTERHEAD_WORDS:
            return None
    return None


def _bullet(b: Block | None) -> bool:
    return b is not None and bool(b.marker) and b.number is None


def _lone_bullets(blocks: list[Block]) -> None:
    """A bold bullet with no bullet beside it, over a numbered paragraph or another bold line, is a list of
    one: some writers mark their sub-headings so ('• The Right to life' over '4.12 In Scotland …')."""
    for i, b in enumerate(blocks):
        if _bullet(b) and b.bold and len(b.lines) <= 2:
            prev = blocks[i - 1] if i > 0 else None
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            heads = nxt is not None and (nxt.number is not None or (nxt.bold and len(nxt.lines) <= 2))
            led = prev is not None and prev.text.rstrip().endswith(":")  # 'The Government should:' / '• Amend …'
            if heads and not led and not _bullet(prev) and not _bullet(nxt):
                b.extra["lone_bullet"] = True


def _bullet_mark(b: Block, text: str) -> int:
    """How many characters of a bullet-marked heading's text its bullet takes (0 for other blocks)."""
    return len(b.marker) if b.extra.get("lone_bullet") and b.marker and text.startswith(b.marker) else 0


TAIL_GAP = 0.5
"""A heading's second line sits closer than half a line below its first; a sub-heading stands apart."""


def _join_bullet_heading_tails(blocks: list[Block]) -> None:
    """'• Convention on the Rights of Persons with Disabilities' over 'Article 28 - Adequate standard of
    living', in one type on one page: the bullet marks one heading set on two lines."""
    for b, nxt in itertools.pairwise(blocks):
        if (
            b.heading
            and b.extra.get("lone_bullet")
            and nxt.heading
            and not nxt.marker
            and nxt.page == b.page
            and _style(nxt) == _style(b)
            and not b.text.rstrip().endswith((".", ":", ";", ","))
            # set as the next line of the same heading, not as a heading of its own under it
            and nxt.lines[0].top - b.lines[-1].bottom <= TAIL_GAP * (b.lines[-1].bottom - b.lines[-1].top)
        ):
            nxt.heading = False
            nxt.extra["heading_tail"] = True
            b.extra["has_tail"] = True


def find_headings(blocks: list[Block], body_size: float) -> tuple[list[Heading], list[Block]]:
    """Mark heading blocks and the cover; return the headings in order and the cover blocks."""
    _lone_bullets(blocks)
    verdicts = [(b, _heading_like(b, body_size)) for b in blocks]
    verdicts = [(b, v and not _list_item(blocks, i)) for i, (b, v) in enumerate(verdicts)]
    candidates = [b for i, (b, v) in enumerate(verdicts) if v and not _page_foot_notice(blocks, i, body_size)]
    sure_styles = {_style(b) for b in candidates}
    candidates += [b for b, v in verdicts if v is None and _style(b) in sure_styles]
    for b in candidates:
        b.heading = True
    _not_headings(blocks)
    # the cover: display blocks on page 1 before the first body paragraph
    cover: list[Block] = []
    first_page = blocks[0].page if blocks else 1
    lead: list[Block] = []
    for b in blocks:
        if b.page != first_page or _is_body(b, body_size):
            break
        lead.append(b)
    if lead:
        # a style that heads sections later (with or without a number, alike) is not a title style;
        # a first page with no running text at all is a cover page: only numbered headings survive
        cover_page = len(lead) < len(blocks) and blocks[len(lead)].page != first_page
        again = _repeated_cover(blocks, lead, body_size)
        later = Counter(
            (_style(b), _numbering(b.text)[0] is None)
            for b in candidates
            if b not in lead and not any(b is o for o, _ in again)
        )
        for k, b in enumerate(lead):
            number, numclass, _ = _numbering(b.text)
            nxt = lead[k + 1] if k + 1 < len(lead) else None
            # a display line straight above a heading at least as prominent heads nothing: a title line
            stacked = (
                nxt is not None
                and nxt.heading
                and _prominence(_style(nxt), _numbering(nxt.text)[1]) >= _prominence(_style(b), numclass)
            )
            titled = bool(UPR_TITLE.search(b.text))  # the cover names the review itself
            recurs = not cover_page and later[(_style(b), True)] > 0
            if b.heading and (number or (recurs and not stacked and not titled)):
                continue
            b.heading = False
            b.extra["cover"] = True
            cover.append(b)
        for b, twin in again:
            if twin.extra.get("cover"):
                b.heading = False
                b.extra["cover"] = True
                b.extra["cover_again"] = True
    for b in blocks:  # the review's own name set again over the first page of text, after a cover page
        if _is_body(b, body_size):
            break
        if b.heading and b.page != first_page and UPR_TITLE.search(b.text) and _numbering(b.text)[0] is None:
            b.heading = False
            b.extra["cover"] = True
            cover.append(b)
    titled_block = _title_heading(blocks, first_page)
    if titled_block is not None:
        cover.append(titled_block)
    _drop_trailing(blocks)
    _join_bullet_heading_tails(blocks)
    headings: list[Heading] = []
    for b in blocks:
        if not b.heading:
            continue
        text = b.text.strip()
        number, numclass, title = _numbering(text[_bullet_mark(b, text) :].strip())
        numclass = _letter_or_roman(number, numclass, headings)
        headings.append(Heading(b, title, number, numclass, _style(b)))
    _assign_levels(headings)
    return headings, cover


def _letter_or_roman(number: str | None, numclass: str | None, before: list[Heading]) -> str | None:
    """'C' after 'B' is a letter, 'V' after 'IV' a roman numeral: the series decides."""
    if number is None or len(number) != 1 or numclass not in ("R", "r"):
        return numclass
    letter_class = "A" if numclass == "R" else "a"
    last_letter = next((h.number for h in reversed(before) if h.numclass == letter_class), None)
    last_roman = next((h.number for h in reversed(before) if h.numclass == numclass), None)
    if last_letter and len(last_letter) == 1 and ord(number) == ord(last_letter) + 1:
        return letter_class
    if last_roman and roman_value(number.lower()) == (roman_value(last_roman.lower()) or 0) + 1:
        return numclass
    if number in "IiVvXx" and last_roman is not None:
        return numclass
    if number in "Ii":
        return numclass
    return letter_class  # a series numbered from L (50) or C (100) is lettered, not roman


def _prominence(style: Style, numclass: str | None) -> Prominence:
    size, caps, bold, underline, centered, italic = style
    # roman and letter numbering outrank underlining and centring (which vary more between writers)
    return (size, caps, bold, NUMRANK.get(numclass or "", 3), underline, centered, not italic)


def _assign_levels(headings: list[Heading]) -> None:
    first_style: dict[str, Style] = {}
    for h in headings:
        key = h.numclass or str(h.style)
        first_style.setdefault(key, h.style)
    stack: list[tuple[str, Prominence]] = []
    seen_level: dict[str, int] = {}
    front: set[str] = set()  # keys of front-matter headings on the stack
    # unnumbered headings before a numbered series ('Summary', then 'PART I: CONTEXT') are front matter:
    # their type does not fix the level of the same type's headings inside the series
    tops = [i for i, h in enumerate(headings) if h.numclass in TOP_NUMBERING]
    series, last = (tops[0], tops[-1]) if tops else (None, None)
    # a front-matter type that heads nothing inside the series is back matter after it ('Annex', level 1)
    front_keys = {str(h.style) for h in headings[:series] if h.numclass is None} if series is not None else set()
    inside = {str(h.style) for h in headings[series:last] if h.numclass is None} if series is not None else set()
    for i, h in enumerate(headings):
        before_series = series is not None and i < series and h.numclass is None
        after_series = last is not None and i > last and h.numclass is None
        if after_series and str(h.style) in front_keys - inside:
            stack.clear()
        key = h.numclass or str(h.style)
        prom = _prominence(first_style[key], h.numclass)
        same_type = h.numclass is not None and first_style[stack[-1][0]] == h.style if stack else False
        if stack and stack[-1][0] in front and (h.numclass is None or same_type) and key != stack[-1][0]:
            # an executive summary or an introduction heads no sub-sections of its own, nor does it
            # head a numbered series printed in its own type
            stack.pop()
        keys = [k for k, _ in stack]
        if key in keys:
            del stack[keys.index(key) + 1 :]
        elif key in seen_level:
            # a style met before goes back to its level, whatever came between
            del stack[seen_level[key] - 1 :]
            stack.append((key, prom))
        else:
            while stack and stack[-1][1] <= prom:
                stack.pop()
            stack.append((key, prom))
        h.level = len(stack)
        if not before_series:
            seen_level.setdefault(key, h.level)
        if FRONT_MATTER.match(h.title) and h.numclass is None:
            front.add(key)
        else:
            front.discard(key)
    _no_sole_parent(headings)


MIN_UNDER_SOLE = 2
"""Headings under a first heading, at least, for the rule that it cannot hold them all to apply."""


def _no_sole_parent(headings: list[Heading]) -> None:
    """A first heading in a type no other heading uses cannot hold the whole document ('Contexto' in bold,
    then every other heading in bold italic): it is their sibling, and they move up a level."""
    if len(headings) <= MIN_UNDER_SOLE or headings[0].level != 1:
        return
    first, rest = headings[0], headings[1:]
    if first.numclass is not None or any(h.level < 2 for h in rest):
        return
    if any(h.style == first.style for h in rest):
        return
    for h in rest:
        h.level -= 1


INDENT_STEP = 6.0  # points: bullets indented within this of each other are one level


def _indent_depths(blocks: list[Block]) -> dict[int, int]:
    """Bullet indents of the document (in INDENT_STEP units) → nesting depth."""
    steps = sorted({round(b.indent / INDENT_STEP) for b in blocks if b.kind == "bullet"})
    depths: dict[int, int] = {}
    level = -1
    prev: int | None = None
    for st in steps:
        if prev is None or st - prev > 1:
            level += 1
        depths[st] = level
        prev = st
    return depths


def _clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" \t-–—")


def _textmap(
    lines: Iterable[Line], vocab: Counter[str], table: bool = False, glued: GluedMarkers | None = None
) -> TextMap:
    tm = TextMap()
    prev: Line | None = None
    for ln in lines:
        joiner = None
        if table and prev is not None:
            joiner = " | " if abs(ln.bottom - prev.bottom) < 0.4 * ln.size else "\n"
        tm.add_line(ln, vocab=vocab, joiner=joiner, glued=glued)
        prev = ln
    tm.strip()
    return tm


def _page_boxes(tm: TextMap) -> list[Box]:
    return [Box(page=p, bbox=b) for p, b in tm.page_boxes()]


def _spans(tm: TextMap) -> list[Span]:
    return [Span(start=s.start, end=s.end, page=s.page, bbox=_rounded(s.bbox)) for s in tm.spans]


def build(
    blocks: list[Block],
    body_size: float,
    endnote_blocks: set[int] | None = None,
    glued: GluedMarkers | None = None,
) -> Built:
    """Sections and paragraphs with ids, parents, pages and exact text maps."""
    endnote_blocks = endnote_blocks or set()
    headings, cover = find_headings(blocks, body_size)
    vocab = vocabulary([ln for b in blocks for ln in b.lines])
    out = Built(cover=cover)
    by_block = {id(h.block): h for h in headings}
    depths = _indent_depths(blocks)
    cover_text: dict[int, str] = {}  # cover block → its text with markers cut out
    stack: list[tuple[int, Section]] = []  # (level, section)
    current: Section | None = None
    in_back_matter = False
    n_sec = n_par = 0
    tails = {id(b): nxt for b, nxt in itertools.pairwise(blocks) if b.extra.get("has_tail")}
    for b in blocks:
        if id(b) in endnote_blocks or b.extra.get("heading_tail"):
            continue  # a heading's second line was read with its first
        h = by_block.get(id(b))
        if h is not None:
            lines = [*b.lines, *tails[id(b)].lines] if id(b) in tails else b.lines
            tm = _textmap(lines, vocab, glued=glued)
            tm.drop_prefix(_bullet_mark(b, tm.text))  # the bullet marks the heading; it is not its title
            title = _clean_title(_numbering(tm.text)[2]) or _clean_title(tm.text)
            if BACK_MATTER.match(title):
                in_back_matter = True
                current = None
                out.back_matter.append(b)
                continue
            in_back_matter = False
            n_sec += 1
            while stack and stack[-1][0] >= h.level:
                stack.pop()
            parent = stack[-1][1].id if stack else None
            first = (
                tm.page_boxes()[0]
                if tm.spans
                else (b.page, (b.lines[0].x0, b.lines[0].top, b.lines[0].x1, b.lines[0].bottom))
            )
            sec = Section(
                id=f"s{n_sec}",
                title=title,
                number=h.number,
                level=max(1, len(stack) + 1),
                parent=parent,
                page_start=b.page,
                page_end=lines[-1].page,
                bbox=first[1],
            )
            out.sections.append(sec)
            out.heading_maps[sec.id] = tm
            stack.append((h.level, sec))
            current = sec
            continue
        if b.extra.get("cover"):
            tm = _textmap(b.lines, vocab)
            out.cover_maps.append(tm)
            cover_text[id(b)] = tm.text
            continue
        table = b.kind == "table"
        tm = _textmap(b.lines, vocab, table=table, glued=glued)
        if b.marker and not table:
            k = len(b.marker) if tm.text.startswith(b.marker) else 0
            tm.drop_prefix(k)
        if not tm.chars:
            continue
        n_par += 1
        boxes = _page_boxes(tm)
        kind = b.kind
        if kind == "body" and b.extra.get("lead_in"):
            kind = "heading_note"
        par = Paragraph(
            id=f"p{n_par}",
            section=None if in_back_matter else (current.id if current else None),
            page=boxes[0].page if boxes else b.page,
            bbox=boxes[0].bbox if boxes else (b.lines[0].x0, b.lines[0].top, b.lines[0].x1, b.lines[0].bottom),
            text=tm.text,
            kind=kind,  # type: ignore[arg-type]
            number=b.number,
            boxes=boxes if len(boxes) > 1 else [],
            spans=_spans(tm),
        )
        out.paragraphs.append(par)
        out.maps[par.id] = tm
        if b.bold:
            out.bold.add(par.id)
        if b.kind == "bullet":
            out.depth[par.id] = depths.get(round(b.indent / INDENT_STEP), 0)
        for level_sec in [s for _, s in stack]:
            level_sec.page_end = max(level_sec.page_end, max(sp.page for sp in tm.spans) if tm.spans else par.page)
    out.title = _title(cover, cover_text)
    return out


def _title(cover: list[Block], texts: dict[int, str]) -> str | None:
    """The largest display text of the cover, UN boilerplate aside (`texts`: markers cut out)."""
    cands = [
        b
        for b in cover
        if not UN_BOILERPLATE.match(b.text.strip())
        and len(b.text.strip()) > 2
        and not CONTACT.search(b.text)
        and not DATELINE.match(b.text.strip())
        and not URL_OR_DATE.match(b.text.strip(" ."))
        and len(re.findall(r"[^\W\d_]{3,}", b.text)) >= 1  # not OCR debris or a logo's letters
    ]
    if not cands:
        return None
    top = max(b.size for b in cands)
    parts = [re.sub(r"[*†]+$", "", texts.get(id(b), b.text).strip()) for b in cands if b.size >= top - 0.5]
    title = " – ".join(p for p in parts if p)
    return re.sub(r"\s+", " ", title)[:300] or None


def _rounded(b: Box4) -> Box4:
    x0, top, x1, bottom = b
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
