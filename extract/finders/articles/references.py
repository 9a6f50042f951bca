"""The reference reader: "article 19(3)", "arts. 84 y 85", "section 44 of the Act".

Reads a keyword, its numbers and subs, and what the reference attaches to (see the package docstring).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extract.finders.articles.names import (
    ANAPHORIC_NOUNS,
    CLOSE_QUOTES,
    HEADS,
    OPEN_QUOTES,
    Name,
    Ref,
    _head_of,
    parse_name,
    skip_determiners,
)
from extract.finders.articles.words import phrases, words
from extract.finders.instruments import (
    InstrumentMatch,
    find_instruments,
)
from extract.text.fold import fold

Family = Literal["article", "section", "rule"]

_CONSTITUTION = next(iter(sorted(words("constitution_heads"))), "constitution")
MAX_RANGE = 30  # a longer range ("articles 1 to 300") is kept as its two ends

# ------------------------------------------------------------------ tables

# A keyword followed by a number. "s" alone only before a space and at most three digits ("s 16",
# not the possessive "country‘s 2008" however its apostrophe is printed).


def _any(field: str) -> str:
    """An alternation of one word list of every language (longest first)."""
    return "|".join(map(re.escape, phrases(field)))


def _keywords(field: str) -> str:
    """Keywords of every language as printed; a lower-case first letter matches either case."""
    return "|".join(
        f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" if w[0].islower() else re.escape(w) for w in phrases(field)
    )


_LETTERS = "|".join(map(re.escape, phrases("section_letter_keywords")))
_ONE_LETTER = "|".join(re.escape(w) for w in phrases("section_letter_keywords") if len(w) == 1)

KEYWORD_RE = re.compile(
    r"(?<![\w/.\-])"
    r"(?:(?P<art>" + _keywords("article_keywords") + r")"
    r"|(?P<sec>" + _keywords("section_keywords") + r"|(?<!['’‘`´])(?:" + _LETTERS + r")\."
    r"|(?<!['’‘`´])(?:" + _ONE_LETTER + r")(?=\s\d{1,3}(?!\d)))"
    r"|(?P<rule>" + _keywords("rule_keywords") + r")"
    r"|(?P<abbr>" + _any("article_abbreviations") + r"))"
    r"(?::\s{1,3}|\s{0,3})(?=\d)"
)
NUMBER_SIGN = re.compile(r"#(?=\s?\d)")
NUM_RE = re.compile(r"(\d{1,4})(?:\s?(bis|ter|quater)|([A-Za-z]|-[A-Z]))?(?![\w])")
SUB_PAREN_RE = re.compile(
    r"\s?\(\s?((?:\d{1,3}[a-z]?|[a-z]{1,2}|[ivxl]{1,6})(?:\s?[/,]\s?(?:\d{1,3}|[a-z]{1,2}|[ivxl]{1,6})){0,5})\s?\)"
)
SUB_SIBLING_RE = re.compile(
    r"\s{0,3}(?:,(?:\s{1,3}(?:and|or|y|o|et|ou))?|\s(?:and|or|y|o|et|ou))\s{1,3}\(\s?(\d{1,3}[a-z]?|[a-z]{1,2}|[ivxl]{1,6})\s?\)(?![\w(])"
)
SUB_DOT_RE = re.compile(r"\.(\d{1,3})(?![\d.]|\.\d)")
SUB_WORD_RE = re.compile(
    r",?\s{1,3}(?:paragraphs?|paras?\.|párrafos?|parágrafos?|apartados?|incisos?|numerales?|alinéas?|paragraphes?|al\.|§)"
    r"\s{0,3}(\d{1,3}|[a-z])(?![\w])(?:\s?,(?=\s{1,3}(?:of|de|del|du)\s))?"
)
DESC_PAREN_RE = re.compile(r"\s{0,3}\(([^()\n]{3,160})\)")
SEP_RE = re.compile(
    r"\s{0,3}(?:,\s{0,3}(?:(?:and|y|e|et|or|o|ou)\s{1,3})?|\s(?:and/or|and|y|e|et|or|o|ou|&)\s{1,3})"
    r"(?:(?:[Aa]rt[ií]culos?|[Aa]rticles?|[Aa]rts?\.|[Ss]ections?|ss?\.|s|[Rr]ules?)\s{0,3})?(?=\d)"
)
RANGE_RE = re.compile(r"\s{0,3}(?:-|–|" + _any("range_words") + r")\s{0,3}(?=\d)")
OF_RE = re.compile(r",?\s{1,3}(?:of|under|de|del|du|des)\s{1,3}|,?\s{1,3}de\s?l['’]\s{0,2}|,?\s{1,3}d['’]\s{0,2}")
KEYWORD_AFTER_NAME_RE = re.compile(r"(?:['’]s)?\s{1,3}(?:[Aa]rt[ií]culos?|[Aa]rticles?|[Aa]rts?\.)\s{0,3}\d")
COMMA_RE = re.compile(r"\s{0,3}[,;:]\s{1,3}")
GAP_RE = re.compile(r"\s{1,3}")
PRE_GAP_RE = re.compile(r"(?:['’]s)?\s{1,3}$")
# What may follow the last number of a list when the list continued by a comma or
# "and": anything else ("Article 174, 15 activists") means the number was not an item.
LIST_END_RE = re.compile(r"\s{0,3}(?:$|[,;.:)\]]|\(|[A-Z]|(?:" + _any("list_end_words") + r")(?![\w]))")
# "this Article", "the said article", "este artículo", "ledit article": the article just cited.
THIS_ARTICLE_RE = re.compile(
    r"(?<![\w])(?:(?:[Tt]his|[Tt]hat|[Tt]he said|[Tt]he same|[Ss]aid)\s[Aa]rticle|(?:[Ee]ste|[Dd]icho|[Ee]l mismo|[Ee]l citado)\s"
    r"art[íi]culo|(?:[Cc]et|[Ll]edit|[Ll]e même)\sarticle)(?!\s{0,3}\d)(?![\w])"
)
# After a citation and its name, another list with its own name: "... of the ICCPR and 10 and 11 of the ECHR".
CONTINUE_RE = re.compile(r"\s{0,3}(?:[,;]\s{0,3})?(?:" + _any("list_and") + r")?\s{1,3}(?=\d)")
PARA_BEFORE_RE = re.compile(
    r"(?<![\w])(?:[Pp]aragraphs?|[Pp]aras?\.|[Pp]árrafos?|[Pp]arágrafos?|[Ii]ncisos?|[Nn]umeral|[Aa]linéas?|[Pp]aragraphes?)"
    r"\s{0,3}(\d{1,3}|[a-z])\s{1,3}(?:of|de|del|du)\s{1,3}(?:the\s{1,3}|l['’]\s?)?$"
)
# A head word and a short name the document defined: "la loi Alpina", "the Alpina Law" is not read.
HEADED_SHORT_RE = re.compile(r"([^\W\d_]+)\s{1,3}([^\W\d_][^\W_]*(?:-[^\W_]+)?)(?![\w])")
COMMA_ONLY_RE = re.compile(r"\s{0,3},\s{0,3}")
# "artículo 267 constitucional", "los artículos 57 y 58 constitucionales": the State's constitution.
CONSTITUTION_ADJ_RE = re.compile(r"\s{1,3}(" + _any("constitution_adjectives") + r")(?![\w])", re.IGNORECASE)
# "Art. 32-A reforma de la LOPNA", "article 35 of the reform of the Law": the amended law.
AMENDMENT_RE = re.compile(r",?\s{1,3}(?:" + _any("amendment_words") + r")\s{1,3}", re.IGNORECASE)


@dataclass(slots=True)
class Reference:
    """One reference phrase: its items and how it attaches to an instrument."""

    start: int
    end: int
    family: Family
    items: list[tuple[str, str | None]]
    name: Name | None = None
    blocked: bool = False  # attached to something that is not an instrument ("section 3 of this report")
    shouting: bool = False  # "ARTICLE 19" in capitals: the organisation, when nothing attaches


def _parse_items(text: str, pos: int) -> tuple[list[tuple[str, str | None]], int]:
    """The numbers of a reference and their subs, from just after the keyword."""
    items: list[tuple[str, str | None]] = []
    first = True
    comma = False
    last = pos
    while True:
        m = NUM_RE.match(text, pos)
        if not m:
            break
        num = m.group(1) + (m.group(2) or m.group(3) or "")
        if not first:
            n = int(m.group(1))
            if len(m.group(1)) == 4 and 1800 <= n <= 2099 and not all(len(a) >= 4 for a, _ in items):
                break
            if comma and not LIST_END_RE.match(text, _skip_subs(text, m.end())):
                break  # "Article 174, 15 activists": not an item
        p = m.end()
        subs: list[str] = []
        sp = SUB_PAREN_RE.match(text, p)
        if sp:
            parts = [s.strip() for s in re.split(r"[/,]", sp.group(1))]
            p = sp.end()
            nested = SUB_PAREN_RE.match(text, p)
            if nested and len(parts) == 1:
                parts = [f"{parts[0]}({nested.group(1).strip()})"]
                p = nested.end()
            subs = parts
            # "2(1)(a) and (c)": a sibling of the last sub, printed alone
            while (sib := SUB_SIBLING_RE.match(text, p)) is not None:
                last_sub = subs[-1]
                cut = last_sub.rfind("(")
                subs.append(f"{last_sub[:cut]}({sib.group(1)})" if cut > 0 else sib.group(1))
                p = sib.end()
        else:
            sd = SUB_DOT_RE.match(text, p)
            if sd:
                subs = [sd.group(1)]
                p = sd.end()
            else:
                sw = SUB_WORD_RE.match(text, p)
                if sw:
                    subs = [sw.group(1)]
                    p = sw.end()
        if subs:
            items.extend((num, s) for s in subs)
        else:
            items.append((num, None))
        pos = last = p
        first = False
        rm = RANGE_RE.match(text, pos)
        if rm and not subs:
            m2 = NUM_RE.match(text, rm.end())
            if m2 and m2.group(1).isdigit():
                lo, hi = int(m.group(1)), int(m2.group(1))
                if lo < hi:
                    if hi - lo <= MAX_RANGE:
                        items.extend((str(k), None) for k in range(lo + 1, hi + 1))
                    else:
                        items.append((str(hi), None))
                    pos = last = m2.end()
        desc = DESC_PAREN_RE.match(text, pos)
        if desc and not SUB_PAREN_RE.match(text, pos):
            nxt = SEP_RE.match(text, desc.end())
            if nxt:
                pos = desc.end()
        sep = SEP_RE.match(text, pos)
        if not sep:
            break
        comma = COMMA_ONLY_RE.fullmatch(sep.group(0)) is not None
        pos = sep.end()
    return items, last


def _skip_subs(text: str, pos: int) -> int:
    for rx in (SUB_PAREN_RE, SUB_DOT_RE):
        m = rx.match(text, pos)
        if m:
            return m.end()
    return pos


class _Reader:
    """Reads names for one document: the instrument table, abbreviations the document defines."""

    def __init__(self, abbreviations: dict[str, Name] | None = None) -> None:
        self.abbreviations = abbreviations or {}

    def name_at(self, text: str, pos: int, matches: dict[int, InstrumentMatch], strong: bool = False) -> Name | None:
        """The name starting at `pos` (after determiners), or None.

        `strong` asks for a name that can follow a number with nothing between
        ("article 3 ECHR"): a table instrument, a defined abbreviation or a law whose
        name carries a head word and a capital.
        """
        p, anaphoric = skip_determiners(text, pos)
        while p < len(text) and text[p].isspace():
            p += 1
        if p + 1 < len(text) and text[p] in OPEN_QUOTES and text[p + 1] not in OPEN_QUOTES:
            # 'art. 5 de la “Ley Orgánica de Puertos”': the name inside the quotation marks
            inner = self.name_at(text, p + 1, matches, strong)
            close = text[inner.end : inner.end + 1] if inner is not None else ""
            if inner is not None and inner.ref is not None and close and close in CLOSE_QUOTES:
                return inner
        hit = matches.get(p)
        if hit is not None and hit.via != "body":
            inst = hit.instrument
            return Name(
                hit.start, hit.end, hit.text, ref=Ref("international", inst.id, _head_of(inst)), instrument=inst
            )
        headed = HEADED_SHORT_RE.match(text, p)
        if headed:
            head, short = (headed.group(1), headed.group(2))
            if short not in self.abbreviations:
                head, short = short, head
            if fold(head) in HEADS and short in self.abbreviations:
                a = self.abbreviations[short]  # "la loi Alpina", "the Radio Act": a short name the document gave
                return Name(p, headed.end(), headed.group(0), ref=a.ref, instrument=a.instrument, short=True)
        word = re.match(r"[A-Z][A-Za-z]{1,9}(?![\w])", text[p : p + 12])
        if word and word.group(0) in self.abbreviations:
            a = self.abbreviations[word.group(0)]
            return Name(p, p + len(word.group(0)), word.group(0), ref=a.ref, instrument=a.instrument, short=True)
        if anaphoric and not strong:
            nm = re.match(r"[^\W\d_]+", text[p : p + 30])
            if not nm or fold(nm.group(0)) in ANAPHORIC_NOUNS:
                end = p + nm.end() if nm else p
                return Name(pos, end, text[pos:end].strip(), generic="*")  # "in its article 9", "of the same"
            if nm.group(0)[0].islower() and fold(nm.group(0)) not in HEADS:
                return None  # "section 3 of this report"
        name = parse_name(text, p)
        if name is None:
            nm = re.match(r"[^\W\d_]+", text[p : p + 30])
            if nm and not strong and fold(nm.group(0)) in ANAPHORIC_NOUNS:
                return Name(p, p + nm.end(), nm.group(0), generic="*")
            return None
        if name.ref is None and name.generic is None:
            return None if strong else name
        if strong and name.ref is None:
            return None
        if strong and not any(c.isupper() for c in name.surface):
            return None
        if name.generic is not None and anaphoric:
            name.start = pos
            name.surface = text[pos : name.end]
        return name

    def references(self, text: str, matches: dict[int, InstrumentMatch]) -> list[Reference]:
        text = NUMBER_SIGN.sub(" ", text)  # 'artículos # 83 y # 84': the sign reads as a space, offsets kept
        out: list[Reference] = []
        done = 0
        ends = _ends(matches)
        for km in KEYWORD_RE.finditer(text):
            if km.start() < done:
                continue  # "s 16 and s 12": the second keyword was read with the first
            family: Family = (
                "article" if km.group("art") or km.group("abbr") else "section" if km.group("sec") else "rule"
            )
            items, pos = _parse_items(text, km.end())
            if family == "rule":
                items = [(a, b) for a, b in items if len(a.rstrip("abcdefghijklmnopqrstuvwxyz")) <= 3]
            if not items:
                continue  # "Regulations 2004" is a name with its year, not rule 2004
            ref = Reference(km.start(), pos, family, items, shouting=km.group(0).strip().isupper())
            para = PARA_BEFORE_RE.search(text, max(done, km.start() - 60), km.start())
            if para and len(items) == 1 and items[0][1] is None:
                ref.items = [(items[0][0], para.group(1))]  # "paragraph 3 of article 19"
                ref.start = para.start()
            self._attach(text, ref, matches, ends, km.start())
            if km.group("abbr") and not _named_right_after(text, pos, ref):
                continue  # "A. 3" is an article only as in "A. 3 UDHR"
            done = ref.end
            out.append(ref)
            while ref.name is not None and (more := CONTINUE_RE.match(text, ref.end)):
                items, pos = _parse_items(text, more.end())
                nxt = Reference(more.end(), pos, family, items)
                self._attach(text, nxt, matches, ends, more.end())
                if not items or nxt.name is None or nxt.blocked:
                    break  # only a list with a name of its own continues the citation
                out.append(nxt)
                done = nxt.end
                ref = nxt
        return out

    def _attach(
        self,
        text: str,
        ref: Reference,
        matches: dict[int, InstrumentMatch],
        ends: dict[int, InstrumentMatch],
        kw_start: int,
    ) -> None:
        pos = ref.end
        adj = CONSTITUTION_ADJ_RE.match(text, pos)
        if adj:
            ref.name = Name(
                adj.start(1), adj.end(1), adj.group(1), ref=Ref("national", "constitution", _CONSTITUTION), short=True
            )
            ref.end = adj.end(1)
            return
        amend = AMENDMENT_RE.match(text, pos)
        if amend:
            name = self.name_at(text, amend.end(), matches, strong=True)
            if name is not None and name.ref is not None:
                ref.name, ref.end = name, name.end
                return
        of = OF_RE.match(text, pos)
        if of:
            name = self.name_at(text, of.end(), matches)
            if name is not None and (name.ref is not None or name.generic is not None):
                ref.name, ref.end = name, max(name.end, ref.end)
                return
            if name is not None or _lower_noun(text, of.end()):
                ref.blocked = True  # "section 4 of this report", "article 3 of the Guidelines draft"
                return
        desc = DESC_PAREN_RE.match(text, pos)
        if desc:
            inner = self.name_at(text, desc.start(1), matches, strong=True)
            if inner is not None and inner.end == desc.end(1):
                ref.name, ref.end = inner, desc.end()
                return
            after = OF_RE.match(text, desc.end())
            if after:
                name = self.name_at(text, after.end(), matches)
                if name is not None and (name.ref is not None or name.generic is not None):
                    ref.name, ref.end = name, name.end
                    return
        for rx in (COMMA_RE, GAP_RE):
            g = rx.match(text, pos)
            if g:
                name = self.name_at(text, g.end(), matches, strong=True)
                if name is not None and name.ref is not None:
                    if KEYWORD_AFTER_NAME_RE.match(text, name.end):
                        break  # "UDHR Article 8, ICCPR Article 2": that name heads the next citation
                    ref.name, ref.end = name, name.end
                    return
        # a name just before the keyword: "ECHR Articles 2 and 3", "ICCPR Article 9"
        head = text[max(0, kw_start - 12) : kw_start]
        gap = PRE_GAP_RE.search(head)
        if gap:
            end = kw_start - len(gap.group(0))
            m = ends.get(end)
            if m is not None and m.via != "body":
                inst = m.instrument
                ref.name = Name(
                    m.start, m.end, m.text, ref=Ref("international", inst.id, _head_of(inst)), instrument=inst
                )
                ref.start = m.start
                return
            word = re.search(r"(?<![\w])[A-Z][A-Za-z]{1,9}$", text[max(0, end - 12) : end])
            if word and word.group(0) in self.abbreviations:
                a = self.abbreviations[word.group(0)]
                ref.name = Name(
                    end - len(word.group(0)), end, word.group(0), ref=a.ref, instrument=a.instrument, short=True
                )
                ref.start = ref.name.start


def _named_right_after(text: str, end: int, ref: Reference) -> bool:
    """The instrument follows the number with nothing but spaces between: "A. 3 UDHR"."""
    return ref.name is not None and ref.name.ref is not None and not text[end : ref.name.start].strip()


def _ends(matches: dict[int, InstrumentMatch]) -> dict[int, InstrumentMatch]:
    return {m.end: m for m in matches.values()}


def _lower_noun(text: str, pos: int) -> bool:
    """'of the report', 'of his book': a lower-case noun phrase that is not an instrument."""
    m = re.match(
        r"(?:(?:the|this|that|its|his|her|their|la|el|le|su|sus|les|los|las)\s{1,3})?[a-zà-ÿ]{3,}", text[pos : pos + 40]
    )
    return bool(m)


CROSS_REFERENCE_RE = re.compile(
    r"[\s,]{0,3}(?:" + "|".join(map(re.escape, phrases("cross_reference_words"))) + r")(?![\w])", re.IGNORECASE
)


def cross_reference(text: str, end: int) -> bool:
    """'article 3 above': a reference into the document's own text, not to a law."""
    return CROSS_REFERENCE_RE.match(text, end) is not None


def parse_references(text: str) -> list[Reference]:
    """The reference grammar alone over one text (no document context, no resolution)."""
    matches = {m.start: m for m in find_instruments(text, bodies=False)}
    return _Reader().references(text, matches)
