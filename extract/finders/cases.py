"""Cases: the named people whose situation a submission documents, and what happened to them.

A person is a case when the text describes their situation: an event word
(arrested, sentenced, killed...) or a victim's role (prisoner of conscience,
human rights defender...) is attached to one of their mentions. Names come from
spaCy's statistical NER where the language has a trained pipeline, and from
token patterns (a capitalised run after an honorific or a role word, names
listed with a recognised name) everywhere; the patterns alone serve languages
without a model, so Spanish text never goes through the English NER.

Only sentences that hold both a cue word and a capitalised pair go through
spaCy (about a tenth of a submission's words): NER is the costly step of the
whole pipeline, and a name without a cue nearby is not a case anyway. Other
mentions of a case are then found by plain search for its spellings.

Attachment is by proximity inside a sentence: every cue goes to the nearest
mention (names joined by "and" or commas share it; he/she/they resume the last
name or list), which fits the report style of submissions ("X was arrested on
...", "journalist X", "the detention of X"). Officials (a name printed after
President, Judge, Minister...) become cases only with events in two sentences,
so a judge who was herself detained stays while the president who denounced
her does not.

Spellings of one person are merged with a transliteration-aware fold
(Dorzhiyev/Dorzhiev, Maks/Max, accents) and a fuzzy comparison; a surname alone
joins the full name printed before it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from extract import DATA_DIR
from extract.finders import nlp as nlp_mod
from extract.finders.states import lookup_state, state_word
from extract.structure.units import DocText, TextUnit
from schemas import Case, CaseEvent, LegalArticle, Mention

RULES_PATH = DATA_DIR / "case_rules.json"

STRONG_REACH = 30
"""Tokens between a strong event word and the mention it attaches to, at most."""
WEAK_REACH = 6
"""Tokens for weak cues: nouns such as 'detention' or 'trial' that also occur in general prose."""
ROLE_REACH = 3
"""Tokens between a role word and a name: 'journalist X', 'X, a journalist'."""
MAX_NAME_TOKENS = 6
MODAL_REACH = 6
"""Tokens before an event word within which 'should', 'could'... make it a demand, not an event."""
PRONOUN_REACH = 3
"""Sentences after a name within which he/she still refer to it (they/both: the next sentence)."""
NO_EVENT_TYPES = frozenset({"litigation"})
"""Cue types that show a case is described without being an event of their own."""
TERM_TYPES = frozenset({"sentenced", "convicted", "imprisoned", "detained", "sentence commuted", "appeal rejected"})
"""Event types whose sentence may carry a prison term."""

_NAME_LIKE_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "MISC"})
"""Entity labels the small models give unfamiliar personal names; LAW, WORK_OF_ART or DATE they do not."""
_PARTY_SEPARATORS = frozenset({"v", "v.", "vs", "vs.", "versus", "c.", "contra"})
_CONNECTORS = frozenset({",", "and", "&", "or", "y", "e", "et", "ou"})
_HYPHENS = frozenset({"-", "‐", "‑"})
_QUOTES = frozenset({'"', "“", "”", "«", "»", "'", "‘", "’"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_OF_WORDS = frozenset({"of", "de", "del", "du", "des", "d'", "d’"})
_ARTICLES = frozenset({"the", "la", "el", "le", "los", "las", "les", "l'", "l’"})
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAPS_PAIR = re.compile(rf"(?<![\w'’])([{_UPPER}][\w'’-]*)(?=\.?[ \t\u00a0]+[\"“]?([{_UPPER}][\w'’-]*))")


# ---------------------------------------------------------------- rules


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive alternation of literal phrases, longest first (linear time)."""
    parts = []
    for p in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        esc = re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]").replace("’", "['’]")
        parts.append(esc)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _norm_phrase(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower().replace("’", "'"))


@dataclass(frozen=True)
class LanguageRules:
    """The word lists of one language (extract/data/case_rules.json), compiled once."""

    code: str
    honorifics: frozenset[str]
    official_titles: frozenset[str]
    former: frozenset[str]
    official_roles: re.Pattern[str]
    roles: dict[str, str]
    role_re: re.Pattern[str]
    weak_roles: frozenset[str]
    relatives: frozenset[str]
    events: dict[str, str]
    event_re: re.Pattern[str]
    weak: frozenset[str]
    appeal_rejected: re.Pattern[str]
    speech_re: re.Pattern[str]
    institution_heads: frozenset[str]
    named_after: frozenset[str]
    """words printed before a person's name when a body or place is named after them ('Escuela X')"""
    non_person: frozenset[str]
    particles: frozenset[str]
    pron_sg: frozenset[str]
    pron_pl: frozenset[str]
    group_numbers: frozenset[str]
    date_re: re.Pattern[str]
    months: dict[str, int]
    term_re: re.Pattern[str]
    term_lead: frozenset[str]
    term_not_after: tuple[str, ...]
    clause_re: re.Pattern[str]
    abbreviations: frozenset[str]
    stop_words: frozenset[str]
    """function words and imperative verbs: never the first word of a name"""
    agent_verbs: frozenset[str]
    agent_gap: frozenset[str]
    date_not_after: re.Pattern[str]
    relative_re: re.Pattern[str]
    locatives: frozenset[str]
    modals: frozenset[str]
    title_connectors: frozenset[str]
    number_words: frozenset[str]
    contact_re: re.Pattern[str]
    official_re: re.Pattern[str]
    cue_words: frozenset[str]
    """single words that are event or role cues: never part of a name"""
    auxiliaries: frozenset[str] = frozenset()
    """'was', 'were', 'fue': what stands between a subject and its participle ('X, ..., was arrested')"""
    passive_auxiliaries: frozenset[str] = frozenset()
    """'was', 'fue', 'été' right before a participle: it is passive, its subject the name before it"""
    relative_pronouns: frozenset[str] = frozenset()
    """'who', 'which', 'que': a clause, never a description in apposition"""
    civil_body_re: re.Pattern[str] = re.compile(r"(?!x)x")
    """'organization', 'NGO', 'union': a body whose president or coordinator is no State official"""

    def common(self, word: str) -> bool:
        """A word never part of a person's name: an institution, place or function word, a State
        or its people ('Cuba', 'venezolano'), or a compound of such words ('Etats-unien')."""
        low = word.lower().strip(".'’")
        if low in self.non_person or state_word(low):
            return True
        return "-" in low and any(part in self.non_person or state_word(part) for part in low.split("-") if part)

    def role_of(self, text: str) -> str | None:
        return self.roles.get(_norm_phrase(text))

    def event_of(self, text: str) -> str | None:
        return self.events.get(_norm_phrase(text))

    def is_weak(self, text: str) -> bool:
        return _norm_phrase(text) in self.weak


def _date_regex(months: Iterable[str], code: str) -> re.Pattern[str]:
    mon = "|".join(re.escape(m).replace(r"\.", r"\.?") for m in sorted(months, key=len, reverse=True))
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    year = r"(?:1[89]\d\d|20\d\d)"
    if code == "es":
        pats = [
            rf"(?P<d1>{day})\s+de\s+(?P<m1>{mon})(?:\s+(?:de|del)\s+(?:año\s+)?(?P<y1>{year}))?",
            rf"(?P<m2>{mon})\s+(?:de|del)\s+(?:año\s+)?(?P<y2>{year})",
            rf"(?P<m3>{mon})\s+(?P<y3>{year})",
            rf"(?P<d4>{day})[./-](?P<n4>1[0-2]|0?[1-9])[./-](?P<y4>{year}|\d\d)",
            rf"(?:año|en|desde|durante)\s+(?:el\s+)?(?:año\s+)?(?P<y5>{year})",
        ]
    elif code == "fr":
        pats = [
            rf"(?P<d1>{day}|1er)\s+(?P<m1>{mon})(?:\s+(?P<y1>{year}))?",
            rf"(?P<m2>{mon})\s+(?P<y2>{year})",
            rf"(?P<d4>{day})[./-](?P<n4>1[0-2]|0?[1-9])[./-](?P<y4>{year}|\d\d)",
            rf"(?:en|depuis|année)\s+(?P<y5>{year})",
        ]
    else:
        pats = [
            rf"(?P<d1>{day})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{mon})(?:,?\s+(?P<y1>{year}))?",
            rf"(?P<m2>{mon})\s+(?P<d2>{day})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>{year}))?(?!\d)",
            rf"(?P<m3>{mon}),?\s+(?:of\s+)?(?P<y3>{year})",
            rf"(?P<y6>{year})-(?P<n6>1[0-2]|0[1-9])-(?P<d6>[12]\d|3[01]|0[1-9])",
            rf"(?P<d4>{day})[./](?P<n4>1[0-2]|0?[1-9])[./](?P<y4>{year}|\d\d)",
            rf"(?:in|since|during|by|until|from|of|early|late|mid|mid-)\s+(?P<y5>{year})",
        ]
    return re.compile(r"(?<![\w/.-])(?:" + "|".join(pats) + r")(?![\w/])", re.IGNORECASE)


def _term_regex(block: dict) -> re.Pattern[str]:
    """A prison term: number, unit, optional second part and penalty words ('5-year prison terms',
    'two and a half years' imprisonment', '4 años y seis meses de prisión')."""
    words = sorted(block.get("numbers", []), key=len, reverse=True)
    num = r"\d+(?:[.,]\d+)?(?:\s?[-–]\s?\d+)?" + "".join("|" + re.escape(w).replace(r"\-", "[-\\s]") for w in words)
    unit = "|".join(re.escape(u) for u in sorted(block.get("term_units", []), key=len, reverse=True))
    join = "|".join(
        re.escape(j).replace(r"\ ", r"\s+") for j in sorted(block.get("term_joiners", []), key=len, reverse=True)
    )
    pen = "|".join(
        re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]").replace("’", "['’]")
        for p in sorted(block.get("penalties", []), key=len, reverse=True)
    )
    fixed = "|".join(
        re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]").replace("’", "['’]")
        for f in sorted(block.get("fixed_terms", []), key=len, reverse=True)
    )
    one = rf"(?:{num})(?:\s+(?:{join})(?=\s))?[\s-]+(?:{unit})"
    pat = rf"(?<!\w)(?P<term>{one}(?:['’]s?)?(?:,?\s+(?:{join})\s+{one})?)(?:['’]s?)?(?P<pen>\s+(?:{pen}))?(?!\w)"
    if fixed:
        pat += rf"|(?<!\w)(?P<fixed>{fixed})(?!\w)"
    return re.compile(pat, re.IGNORECASE)


@cache
def _raw_rules() -> dict:
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


def has_rules(language: str | None) -> bool:
    """Whether the case finder has rules of its own for a language (others get no cases, not wrong ones)."""
    return bool(language) and language in _raw_rules() and not str(language).startswith("_")


@cache
def rules_for(language: str | None) -> LanguageRules:
    """The compiled rules of a language (English when the file has no block for it)."""
    raw = _raw_rules()
    code = (language or "en").lower()[:2]
    if code not in raw or code.startswith("_"):
        code = "en"
    b = raw[code]

    def low(xs: Iterable[str]) -> frozenset[str]:
        return frozenset(x.lower() for x in xs)

    clause = "|".join(
        re.escape(c) if not c[0].isalpha() else r"(?<!\w)" + re.escape(c).replace(r"\ ", r"\s+") + r"(?!\w)"
        for c in b["clause_breaks"]
    )
    return LanguageRules(
        code=code,
        honorifics=frozenset(b["honorifics"]),
        official_titles=low(b["official_titles"]),
        former=low(b["former"]),
        official_roles=_phrase_regex(b["official_roles"]),
        roles={_norm_phrase(k): v for k, v in b["roles"].items()},
        role_re=_phrase_regex(b["roles"]),
        weak_roles=frozenset(b["weak_roles"]),
        relatives=low(b["relatives"]),
        events={_norm_phrase(k): v for k, v in b["events"].items()},
        event_re=_phrase_regex(b["events"]),
        weak=frozenset(_norm_phrase(w) for w in b["weak_events"]),
        appeal_rejected=re.compile("|".join(re.escape(w) for w in b["appeal_rejected"]), re.IGNORECASE),
        speech_re=_phrase_regex(b["speech"]),
        institution_heads=low(b["institution_heads"]),
        named_after=low(b.get("named_after", [])),
        non_person=frozenset(w.lower() for blk in raw.values() if isinstance(blk, dict) for w in blk["non_person"])
        - low(b["particles"]),
        particles=low(b["particles"]),
        pron_sg=low(b["pronouns_singular"]),
        pron_pl=low(b["pronouns_plural"]),
        group_numbers=frozenset(b.get("group_numbers", [])),
        date_re=_date_regex(b["months"], code),
        months={k.lower().rstrip("."): v for k, v in b["months"].items()},
        term_re=_term_regex(b),
        term_lead=low(b.get("term_lead", [])),
        term_not_after=tuple(x.lower() for x in b.get("term_not_after", [])),
        clause_re=re.compile(clause, re.IGNORECASE),
        abbreviations=frozenset(b["abbreviations"]),
        stop_words=low(b["stop_words"]),
        agent_verbs=low(b["agent_verbs"]),
        agent_gap=low(b["agent_gap"]),
        date_not_after=re.compile(
            r"(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in b["date_not_after"]) + r")[\s:,]*$",
            re.IGNORECASE,
        ),
        relative_re=_phrase_regex(b["relatives"]),
        locatives=low(b["locatives"]),
        modals=low(b["modals"]),
        title_connectors=low(b["title_connectors"]),
        number_words=low(w for w in b["numbers"] if len(w) > 2),
        contact_re=_phrase_regex(b["contact_cues"]),
        official_re=_phrase_regex(b["official_titles"]),
        cue_words=frozenset(k for k in [*b["events"], *b["roles"]] if " " not in k and "." not in k),
        auxiliaries=low(b.get("auxiliaries", [])),
        relative_pronouns=low(b.get("relative_pronouns", [])),
        passive_auxiliaries=low(b.get("passive_auxiliaries", [])),
        civil_body_re=_phrase_regex(b.get("civil_bodies", [])),
    )


# ---------------------------------------------------------------- names: folding and comparison

_FOLD_TABLE: dict[int, str] = {}
for _cp in range(0xC0, 0x250):
    _base = unicodedata.normalize("NFKD", chr(_cp))[:1]
    if _base.isascii() and _base.isalpha() and _base != chr(_cp):
        _FOLD_TABLE[_cp] = _base
_FOLD_TABLE.update({ord("’"): "'", ord("‘"): "'", ord("\u00a0"): " ", ord("‐"): "-", ord("‑"): "-"})


def fold_chars(text: str) -> str:
    """Accents off, quotes and hyphens plain, one character for one, so offsets stay valid."""
    return text.translate(_FOLD_TABLE)


_TRANSLIT = (
    (re.compile(r"x"), "ks"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),
    (re.compile(r"^ie"), "e"),
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), ""),
    (re.compile(r"ck|q|c(?=[aou])"), "k"),
    (re.compile(r"([a-z])\1"), r"\1"),
)


@cache
def translit_key(token: str) -> str:
    """A spelling key that ignores the usual romanisation variants (Dorzhiyev/Dorzhiev, Maks/Max)."""
    s = re.sub(r"[^a-z]", "", fold_chars(token).lower())
    for pat, rep in _TRANSLIT:
        s = pat.sub(rep, s)
    return s


def _same_token(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    if min(len(a), len(b)) < 4:
        return False
    return fuzz.ratio(a, b) >= 85


def name_keys(name: str, particles: frozenset[str] = frozenset()) -> list[str]:
    """The comparable tokens of a name: no particles, quotes or dots, transliteration-folded."""
    return list(_name_keys(name, particles))


@cache
def _name_keys(name: str, particles: frozenset[str]) -> tuple[str, ...]:
    keys = []
    for t in re.findall(r"[^\W\d_][\w'’.-]*", name):
        if t.lower() in particles:
            continue
        for part in re.split(r"[-'’.]", t):
            if part.lower() in particles or part.lower() in {"al", "el", "o", "d"}:
                continue
            k = translit_key(part)
            if k:
                keys.append(k)
    return tuple(keys)


def same_person(a: str, b: str, particles: frozenset[str] = frozenset()) -> bool:
    """Whether two spellings of two name words or more name the same person."""
    ka, kb = name_keys(a, particles), name_keys(b, particles)
    if len(ka) < 2 or len(kb) < 2:
        return False
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if all(any(_same_token(s, t) for t in long_) for s in short):
        # every word of the shorter spelling is in the longer one, and they start alike, or the
        # shorter one is the longer one's surnames ('Ibáñez Mora', 'Rodrigo Ibáñez Mora')
        tail = long_[len(long_) - len(short) :]
        return _same_token(short[0], long_[0]) or all(_same_token(x, y) for x, y in zip(short, tail, strict=True))
    return _same_token(ka[0], kb[0]) and _same_token(ka[-1], kb[-1])


# ---------------------------------------------------------------- sentences and windows


# A sentence ends at a full stop before a capital or bullet, or before a bullet; the bullet branch
# only starts right after a printed character, so a long run of spaces is scanned once, not once
# per space (which made this quadratic).
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*[ \t\u00a0]+(?=[\"“(\[]?[\w•▪●])|(?<![\s;:])[;:]?\s*(?=[•▪●]\s)")


def sentences(text: str, rules: LanguageRules) -> list[tuple[int, int]]:
    """Sentence bounds by punctuation, not after abbreviations or initials (a cheap splitter)."""
    out = []
    start = _skip_bullet(text, 0)
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if m.end() <= start:
            continue
        if text[m.end() : m.end() + 1] in "•▪●":
            if m.end() > start and text[start : m.end()].strip():
                out.append((start, m.end()))
            start = _skip_bullet(text, m.end())
            continue
        prev = re.search(r"([\w.]+)$", text[max(start, dot - 24) : dot])
        word = prev.group(1) if prev else ""
        if text[dot] == "." and (word in rules.abbreviations or (len(word) == 1 and word.isupper())):
            continue
        nxt = text[m.end() : m.end() + 1]
        if nxt.islower():
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _skip_bullet(text: str, i: int) -> int:
    """Past a list bullet and its spaces: the sentence starts at the first word."""
    m = re.match(r"\s*[•▪●]\s*", text[i : i + 8])
    return i + m.end() if m else i


def _has_name_shape(text: str, rules: LanguageRules) -> bool:
    """Two capitalised words in a row, not both institution words; or an honorific before one."""
    for m in _CAPS_PAIR.finditer(text):
        a, b = m.group(1), m.group(2)
        if a in rules.honorifics or a + "." in rules.honorifics:
            return True
        if not rules.common(a) or not rules.common(b):
            return True
    return False


def _has_cue(text: str, rules: LanguageRules) -> bool:
    return bool(rules.event_re.search(text) or rules.role_re.search(text) or rules.relative_re.search(text))


def windows(text: str, rules: LanguageRules) -> list[tuple[int, int, list[tuple[int, int, int]]]]:
    """Runs of sentences worth NER: a cue and a name shape, plus the sentence before one that
    only resumes a name with a pronoun. Returns (start, end, [(start, end, sentence index)])."""
    sents = sentences(text, rules)
    pick = [False] * len(sents)
    pron = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(rules.pron_sg | rules.pron_pl)) + r")(?!\w)",
        re.IGNORECASE,
    )
    for i, (a, b) in enumerate(sents):
        s = text[a:b]
        if not _has_cue(s, rules):
            continue
        if _has_name_shape(s, rules):
            pick[i] = True
        if pron.search(s):
            pick[i] = True
            j = i - 1
            while j >= 0 and j >= i - 2:
                if _has_name_shape(text[sents[j][0] : sents[j][1]], rules):
                    pick[j] = True
                    break
                j -= 1
    out: list[tuple[int, int, list[tuple[int, int, int]]]] = []
    for i, (a, b) in enumerate(sents):
        if not pick[i]:
            continue
        if out and i > 0 and pick[i - 1]:
            out[-1][2].append((a, b, i))
            out[-1] = (out[-1][0], b, out[-1][2])
        else:
            out.append((a, b, [(a, b, i)]))
    return out


# ---------------------------------------------------------------- spaCy side


def _name_like(text: str) -> bool:
    """A capitalised word (not all capitals, which is how headings are printed) or an initial."""
    if not text or not text[0].isupper() or not text[0].isalpha():
        return False
    if len(text) == 2 and text[1] == ".":
        return True
    if not any(c.islower() for c in text):
        return False
    if len(text) > 2 and text[1] in "'’" and text[2].islower():
        return False  # French elision: "L’administration", "D’après"
    return all(c.isalpha() or c in "'’.-" for c in text)


if not Token.has_extension("upr_name_like"):
    Token.set_extension("upr_name_like", getter=lambda t: _name_like(t.text))


@cache
def _matcher(pipeline: str, language: str) -> Matcher:
    """Token patterns: an honorific and name words; runs of name words joined by particles or hyphens;
    'the <Place> Five' style group names."""
    nlp = nlp_mod.load(pipeline)
    rules = rules_for(language)
    m = Matcher(nlp.vocab)
    name_tok = {"_": {"upr_name_like": True}}
    glue = {"LOWER": {"IN": sorted(rules.particles | _HYPHENS | _QUOTES)}, "OP": "*"}
    tail: list[dict] = []
    for _ in range(MAX_NAME_TOKENS - 2):
        tail += [glue, {**name_tok, "OP": "?"}]
    m.add("RUN", [[name_tok, glue, name_tok, *tail]], greedy="LONGEST")
    m.add("HON", [[{"ORTH": {"IN": sorted(rules.honorifics)}}, name_tok, *tail]], greedy="LONGEST")
    if rules.group_numbers:
        m.add("GROUP", [[{"LOWER": "the"}, name_tok, {"ORTH": {"IN": sorted(rules.group_numbers)}}]], greedy="LONGEST")
    return m


# ---------------------------------------------------------------- per-window analysis


@dataclass(slots=True)
class _Mention:
    """A name or a pronoun, as token indices of its window's Doc."""

    start: int
    end: int
    text: str
    sent: int
    """global sentence id"""
    pronoun_of: tuple[str, ...] = ()
    official: bool = False
    honorific: str | None = None
    citation: bool = False
    speaker: bool = False


@dataclass(slots=True)
class _Evidence:
    """What the document says about one spelling."""

    events: list[tuple[int, int, str, str]] = field(default_factory=list)
    """(sentence id, cue offset in the unit, cue as printed, event type)"""
    roles: list[str] = field(default_factory=list)
    strong: int = 0
    official: bool = False
    relative_of: set[str] = field(default_factory=set)
    first: tuple[int, int] = (10**9, 0)
    occurrences: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _UnitState:
    """Pronoun antecedents carried from one window of a unit to the next."""

    last_single: str | None = None
    last_group: tuple[str, ...] = ()
    recent: list[str] = field(default_factory=list)
    last_sent: int = -10
    """sentence id of the last name"""


@dataclass
class _Collector:
    """Everything the windows of one document found."""

    sentences: list[tuple[int, int, int]] = field(default_factory=list)
    """(unit index, start, end) per sentence id"""
    order: list[int] = field(default_factory=list)
    """index of each sentence id among its unit's sentences"""
    evidence: dict[str, _Evidence] = field(default_factory=dict)
    groups: dict[str, _Evidence] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)
    """words after the first of the full names met so far: printed alone, they still name someone"""

    def ev(self, name: str) -> _Evidence:
        return self.evidence.setdefault(name, _Evidence())


def _strip(doc: Doc, start: int, end: int, rules: LanguageRules) -> tuple[int, int, bool, str | None]:
    """Name bounds inside a candidate span, without titles, articles and possessives."""
    official = False
    honorific = None
    while start < end:
        t = doc[start]
        low = t.text.lower()
        if t.text in rules.honorifics:
            honorific = t.text
        elif low in rules.official_titles or low.rstrip(".") in rules.official_titles:
            official = not (start > 0 and doc[start - 1].lower_ in rules.former)
        elif low not in _ARTICLES and low not in rules.particles:
            break
        start += 1
    while end > start and (
        doc[end - 1].text in _POSSESSIVES
        or doc[end - 1].text in _HYPHENS
        or doc[end - 1].text in _QUOTES
        or doc[end - 1].lower_ in rules.particles
    ):
        end -= 1
    return start, end, official, honorific


def _is_glue(t: Token, rules: LanguageRules) -> bool:
    return t.lower_ in rules.particles or t.text in _HYPHENS or t.text in _QUOTES


def _nickname_quotes(doc: Doc, start: int, end: int) -> set[int]:
    """Quote marks around a nickname inside a name ('Rodrigo "Rigo" Mora'); other quotes end a name."""
    ok: set[int] = set()
    for i in range(start + 1, end - 3):
        if (
            doc[i].text in _QUOTES
            and doc[i + 2].text in _QUOTES
            and doc[i - 1]._.upr_name_like
            and doc[i + 1]._.upr_name_like
            and doc[i + 3]._.upr_name_like
        ):
            ok.update((i, i + 2))
    return ok


def _valid_runs(doc: Doc, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    """Split [start, end) at words that are never part of a name; keep the name-shaped pieces."""
    quotes = _nickname_quotes(doc, start, end)
    runs: list[tuple[int, int]] = []
    cur: int | None = None
    for i in range(start, end + 1):
        ok = False
        if i < end:
            t = doc[i]
            low = t.text.lower().strip(".")
            ok = (
                t._.upr_name_like
                and not rules.common(low)
                and t.text not in rules.honorifics
                and t.lower_ not in rules.cue_words
                and t.lower_ not in rules.number_words
            ) or (cur is not None and _is_glue(t, rules) and (t.text not in _QUOTES or i in quotes))
        if ok and cur is None:
            cur = i
        elif not ok and cur is not None:
            s, e = cur, i
            while e > s and _is_glue(doc[e - 1], rules):
                e -= 1
            if e > s:
                runs.append((s, e))
            cur = None
    return runs


def _merge_adjacent_runs(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join pattern runs that touch: the matcher caps a run's length, so an institution's title and
    the name printed right after it ('Tribunal ... de Control Ana Lucía | Ferro Ibarra') come apart."""
    out: list[tuple[int, int, str]] = []
    for sp in sorted(spans, key=lambda x: x[0]):
        if out and sp[2] == "run" and out[-1][2] == "run" and out[-1][1] == sp[0]:
            out[-1] = (out[-1][0], sp[1], "run")
        else:
            out.append(sp)
    return out


def _name_count(doc: Doc, s: int, e: int) -> int:
    """Name words of a span, initials not counted."""
    return sum(1 for t in doc[s:e] if t._.upr_name_like and not (len(t.text) == 2 and t.text[1] == "."))


def _title_like(doc: Doc, s: int, e: int) -> bool:
    """A heading printed in title case ('Dr. X Remains Behind Bars Without Trial'): most long words capitalised."""
    words = [t.text for t in doc[s:e] if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _official_context(doc: Doc, s: int, e: int, rules: LanguageRules) -> bool:
    """A title printed just before the name ('President X', 'the Home Secretary, X',
    'el alcalde de Valencia X') unless it is a former one, or an official role in apposition."""
    j, steps = s - 1, 0
    while j >= 0 and steps < 5:
        t = doc[j]
        low = t.text.lower()
        two = f"{doc[j - 1].lower_} {low}" if j > 0 else ""
        if two in rules.official_titles:
            return not (j > 1 and doc[j - 2].lower_ in rules.former)
        if low in rules.official_titles or low.rstrip(".") in rules.official_titles:
            return not (j > 0 and doc[j - 1].lower_ in rules.former)
        if rules.role_of(low) or low in rules.relatives:
            return False
        if (t.is_punct and t.text != ",") or (t.text == "," and steps > 0):
            return False
        j -= 1
        steps += 1
    tail = doc[e : min(len(doc), e + 6)].text
    m = re.match(r"\s*,\s*(?:the\s+|a\s+|an\s+|el\s+|la\s+|le\s+)?", tail)
    if m and tail[m.end() :].split(" ", 1)[0].lower() not in rules.former:
        om = rules.official_roles.match(tail, m.end())
        return om is not None and not _civil_role(doc[e : min(len(doc), e + 16)].text, m.end(), rules)
    return False


CIVIL_REACH = 90
"""Characters after an official-sounding role in which its body is named ('president of the ... organization')."""


def _civil_role(text: str, at: int, rules: LanguageRules) -> bool:
    """'X, president of the human rights organization Y': the role is held in a civil-society body,
    so X is no official of the State (a minister or a State's president has no such word)."""
    clause = re.split(r"[,;.()]", text[at : at + CIVIL_REACH], maxsplit=1)[0]
    return rules.civil_body_re.search(clause) is not None


def _is_citation(doc: Doc, s: int, e: int, unit: TextUnit) -> bool:
    """A name printed as an author: in a note 'Smith, J.', 'Smith (2010)', 'by Jane Smith'; anywhere,
    'by Jane Smith' right after a quoted title ('“Title” by X')."""
    before_text = doc.text[max(0, doc[s].idx - 12) : doc[s].idx]
    if re.search(r"[”\"’»]\s*,?\s*(?:by|por|par|de)\s+$", before_text, re.IGNORECASE):
        return True
    if re.match(
        r"\s*\(\s*(?:19|20)\d\d[a-z]?\s*\)\s*[,.:]?\s*[“\"‘«]", doc.text[doc[e - 1].idx + len(doc[e - 1]) :][:40]
    ):
        return True  # 'X (2006), “Title”': a reference, wherever the list of references stands
    if not unit.is_footnote:
        return False
    after = doc[e : min(len(doc), e + 3)].text
    if re.match(r"\s*,\s*[A-Z]\.", after) or re.match(r"\s*\(\s*(?:19|20)\d\d", after):
        return True
    before = doc[max(0, s - 2) : s].text.lower()
    return bool(re.search(r"(?<!\w)(?:by|por|par|eds?\.?|see|ver|voir)\s*$", before))


def _named_after(doc: Doc, s: int, rules: LanguageRules) -> bool:
    """An institution or place word printed right before the name, or before 'of'/'de' and the name."""
    j = s - 1
    if j >= 0 and doc[j].lower_ in _OF_WORDS:
        j -= 1
    return j >= 0 and doc[j].lower_ in rules.named_after


def _is_agent(doc: Doc, end: int, cue: int, matched: str, rules: LanguageRules) -> bool:
    """Whether the name ending at `end` is the subject of the active verb at `cue`."""
    if _norm_phrase(matched) not in rules.agent_verbs:
        return False
    between = [t.lower_ for t in doc[end:cue]]
    return all(w in rules.agent_gap for w in between)


def _gap(a: int, b: int, m: _Mention) -> int:
    if b <= m.start:
        return m.start - b
    if a >= m.end:
        return a - m.end
    return 0


def _joined(doc: Doc, end: int, start: int, rules: LanguageRules) -> bool:
    """Only list punctuation, 'and' or an honorific between two names."""
    between = doc[end:start]
    return 0 < len(between) <= 4 and all(
        t.lower_ in _CONNECTORS or t.text in _POSSESSIVES or t.text in rules.honorifics for t in between
    )


APPOSITION_MAX = 18
"""Tokens of a description set off by commas after a name ('X, owner of a TV station known for ..., and Y')."""
DESCRIPTOR_MAX = 6
"""Tokens of a description printed before a listed name ('and his 16 year-old daughter Y')."""
LIST_LOOKAHEAD = 3
"""Names skipped inside a description when looking for the next name of a list ('X, of Z, and Y')."""
_SEPARATORS = _CONNECTORS | {";"}
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_STOPS = frozenset({".", "!", "?", ":"})


@dataclass(frozen=True, slots=True)
class _Marks:
    """Where the cues of one window are, to tell a description of a name from a clause of its own."""

    events: frozenset[int]
    """token indices inside event cues"""
    role_ends: frozenset[int]
    """token indices right after a role cue ('journalist' | Y)"""
    nlp: Language


def _tagged(nlp: Language, doc: Doc) -> bool:
    """Part-of-speech tags on `doc`, added once and only when asked for (the tagger costs as much as the NER)."""
    if "upr_tagged" not in doc.user_data:
        doc.user_data["upr_tagged"] = nlp_mod.tag(nlp, doc)
    return bool(doc.user_data["upr_tagged"])


def _describes(doc: Doc, i: int, j: int, rules: LanguageRules, marks: _Marks) -> bool:
    """Whether doc[i:j] can be a description of a name: short, with no event, speech, relative
    pronoun, auxiliary or (where the pipeline can tell) finite verb, so not a clause of its own."""
    if not 0 < j - i <= APPOSITION_MAX:
        return False
    for k in range(i, j):
        t = doc[k]
        if (
            k in marks.events
            or t.text in _STOPS
            or t.lower_ in rules.relative_pronouns
            or t.lower_ in rules.auxiliaries
        ):
            return False
    if rules.speech_re.search(doc[i:j].text):
        return False
    if _tagged(marks.nlp, doc):
        return not any(t.tag_ in _FINITE_TAGS or "Fin" in t.morph.get("VerbForm") for t in doc[i:j])
    return True


def _linked(doc: Doc, end: int, start: int, rules: LanguageRules, marks: _Marks | None) -> bool:
    """Two names of one list, descriptions and all: 'X and Y', 'X, a journalist, and Y',
    'X, owner of Z; and Y', 'X and his daughter Y' (each name is a subject or object of the clause)."""
    if _joined(doc, end, start, rules):
        return True
    if marks is None or start - end < 2:
        return False
    j = start
    if doc[j - 1].text == ",":
        j -= 1  # 'and his daughter, Y'
    k = j
    if j in marks.role_ends or doc[j - 1].lower_ in rules.relatives:
        while k - 1 > end and j - (k - 1) <= DESCRIPTOR_MAX and doc[k - 1].lower_ not in _SEPARATORS:
            k -= 1
        if not _describes(doc, k, j, rules, marks):
            return False
    elif j != start:
        return False
    sep = k
    while sep - 1 >= end and doc[sep - 1].lower_ in _SEPARATORS:
        sep -= 1
    if sep == k:
        return False  # no list punctuation or conjunction before the second name
    if sep == end:
        return k < start  # 'X and his daughter Y'
    # 'X, <description>, and Y': the description opens with a comma right after X
    return doc[end].text == "," and _describes(doc, end + 1, sep, rules, marks)


def _group_of(
    best: _Mention, ms: list[_Mention], doc: Doc, rules: LanguageRules, marks: _Marks | None = None
) -> list[_Mention]:
    """The mention and the names listed with it ('X and Y were sentenced', 'X, a journalist, and Y were
    arrested'); a name inside a description of a listed one ('X, of Z, and Y') is not in the list."""
    if best.pronoun_of:
        return [best]
    named = [m for m in ms if not m.pronoun_of]
    i = named.index(best)
    group = [best]
    lo = hi = i
    while True:
        prev = next(
            (
                k
                for k in range(lo - 1, max(-1, lo - 1 - LIST_LOOKAHEAD), -1)
                if _linked(doc, named[k].end, named[lo].start, rules, marks)
            ),
            None,
        )
        if prev is None:
            break
        group.insert(0, named[prev])
        lo = prev
    while True:
        nxt = next(
            (
                k
                for k in range(hi + 1, min(len(named), hi + 1 + LIST_LOOKAHEAD))
                if _linked(doc, named[hi].end, named[k].start, rules, marks)
            ),
            None,
        )
        if nxt is None:
            break
        group.append(named[nxt])
        hi = nxt
    return group


ROLE_APPOSITION_GAP = 8
"""Tokens between a role and the comma of the name set off after it ('a prisoner charged with ..., X,')."""


def _role_apposition(doc: Doc, rs: int, re_: int, marks: _Marks) -> bool:
    """'One female prisoner charged with terrorist offences, X, is held ...': a name set off by commas
    right after a noun phrase headed by a role names that person, whatever the model read it as."""
    if rs < 2 or doc[rs - 1].text != "," or re_ >= len(doc) or doc[re_].text not in {",", ".", ";", "(", ")"}:
        return False
    for j in range(rs - 1, max(0, rs - 1 - ROLE_APPOSITION_GAP) - 1, -1):
        if j in marks.role_ends:
            return True
        if j < rs - 1 and (doc[j].text in {",", ";", ":", "."} or doc[j].is_sent_start):
            return False
    return False


_BY = frozenset({"by", "par", "por"})


def _by_a_count(doc: Doc, b: int) -> bool:
    """'beaten by 233 to 187', 'battu par 211 voix': the cue counts votes."""
    return b + 1 < len(doc) and doc[b].lower_ in _BY and doc[b + 1].like_num


def _passive(doc: Doc, a: int, rules: LanguageRules) -> bool:
    """Whether the participle at `a` follows a passive auxiliary ('was reportedly beaten', 'fue detenido')."""
    j = a - 1
    while j >= 0 and (doc[j].lower_ in rules.agent_gap or doc[j].lower_.endswith("ly") or doc[j].lower_ == "not"):
        j -= 1
    return j >= 0 and doc[j].lower_ in rules.passive_auxiliaries


def _named_kin(best: _Mention, ms: list[_Mention], doc: Doc, rules: LanguageRules) -> _Mention | None:
    """The relative named right after a possessive ('his son, Y', 'su hija Y'), when `best` is that possessive."""
    if not best.pronoun_of or best.end >= len(doc) or doc[best.end].lower_ not in rules.relatives:
        return None
    return next((m for m in ms if not m.pronoun_of and best.end < m.start <= best.end + 3), None)


def _apposition_head(
    best: _Mention, ms: list[_Mention], doc: Doc, cue: int, rules: LanguageRules, marks: _Marks
) -> _Mention:
    """The subject a participle after an apposition belongs to: in 'X, of the group Z, was attacked'
    the nearest name, Z, sits inside the description of X, and X was attacked."""
    c = cue - 1
    while c > best.end and (doc[c].lower_ in rules.auxiliaries or doc[c].lower_ in rules.agent_gap):
        c -= 1
    if c < best.end or doc[c].text != ",":
        return best
    if best.end < c and doc[best.end].text == "," and _set_off(doc, best.end + 1, c, rules, marks):
        return best  # best is itself the described name: 'X, a journalist, was arrested'
    # the outermost name whose set-off phrase runs to the verb: a place inside it is no subject
    for h in sorted((m for m in ms if not m.pronoun_of and m.end < best.start), key=lambda m: m.start):
        if doc[h.end].text == "," and _set_off(doc, h.end + 1, c, rules, marks):
            return h
    return best


def _set_off(doc: Doc, i: int, j: int, rules: LanguageRules, marks: _Marks) -> bool:
    """What commas set off after a name: a description, which a relative clause may close
    ('X, a student in Y, Z, who is active in human rights, was beaten')."""
    if _describes(doc, i, j, rules, marks):
        return True
    for k in range(i + 2, j):
        if doc[k].lower_ in rules.relative_pronouns and doc[k - 1].text == ",":
            clause = doc[k:j]
            return (
                _describes(doc, i, k - 1, rules, marks)
                and len(clause) <= APPOSITION_MAX
                and not any(t.text in _STOPS or t.i in marks.events for t in clause)
            )
    return False


@dataclass(frozen=True)
class _Context:
    """What every window of one document is read with."""

    rules: LanguageRules
    nlp: Language
    matcher: Matcher
    lexicon: frozenset[str]
    """words the document prints in lower case: a capitalised one of them is a common word"""


def _lexicon(units: Sequence[TextUnit]) -> frozenset[str]:
    return frozenset(w for u in units for w in _LOWER_WORD.findall(u.text))


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zß-öø-ÿ][\w'’-]*")


def _common_edge(doc: Doc, s: int, e: int, ctx: _Context) -> tuple[int, int]:
    """Bounds of a pattern run without leading common words ('Penas Crueles', 'Observatorio Cívico
    Ana Ruiz') or demonyms ('Briton X'); (s, s) when every word is a common one."""
    words = [i for i in range(s, e) if doc[i]._.upr_name_like]
    if words and all(doc[i].lower_ in ctx.lexicon for i in words):
        return s, s
    while s < e and (doc[s].lower_ in ctx.lexicon or _demonym(doc[s].text) or _is_glue(doc[s], ctx.rules)):
        s += 1
    return s, e


def _capitalised_cue_beside(doc: Doc, s: int, e: int) -> bool:
    """A capitalised word right before or after the run ('the Detained Fast Track'): the run
    belongs to a title, since cue words in running prose are lower case."""
    before = doc[s - 1] if s > 0 else None
    after = doc[e] if e < len(doc) else None
    return any(t is not None and t.is_alpha and t.text[0].isupper() for t in (before, after))


_LIST_CONJUNCTIONS = frozenset({"and", "y", "e", "et"})


def _in_title(doc: Doc, s: int, e: int, rules: LanguageRules) -> bool:
    """Whether [s, e) is part of a longer capitalised title holding an institution word
    ('Convención contra la Tortura y Otros Tratos o Penas Crueles', 'Juzgado Tercero de Control')."""
    for step, i in ((-1, s - 1), (1, e)):
        while 0 <= i < len(doc):
            t = doc[i]
            if t.lower_ in _PARTY_SEPARATORS:
                break  # 'Caso X vs. Venezuela': the other party is not part of the name
            far = i + step
            if t.lower_ in _LIST_CONJUNCTIONS and 0 <= far < len(doc) and doc[far].text[:1].islower():
                break  # 'X y la de la Juez ...': a list goes on, a title would not ('Tortura y Otros Tratos')
            if t.text[:1].isupper() and t.is_alpha:
                if rules.common(t.text) and not state_word(t.text) and t.lower_ not in rules.cue_words:
                    return True  # a State beside a name ('de Malí X') makes no title; 'Corte' does
            elif t.lower_ not in rules.title_connectors and t.text not in _HYPHENS:
                break
            i += step
    return False


@cache
def _demonym(word: str) -> bool:
    return lookup_state(word, adjectives=True) is not None and lookup_state(word) is None


def _candidates(
    doc: Doc,
    ctx: _Context,
    cue_at: tuple[set[int], set[int], set[int], set[int]],
    sent_starts: set[int],
    sent_spans: list[tuple[int, int]],
    marks: _Marks | None = None,
) -> list[tuple[int, int, bool, str | None]]:
    """Name spans of a window: NER persons, honorific runs, and (with a model) the pattern runs
    that a cue or a recognised name vouches for; without a model, every pattern run.

    `cue_at` holds the token indices where strong cues start, where weak event words start,
    and where role words end."""
    cue_starts, weak_starts, cue_ends, event_ends = cue_at
    rules, nlp, matcher = ctx.rules, ctx.nlp, ctx.matcher
    person_labels = nlp_mod.person_labels(nlp)
    with_model = bool(person_labels)
    ner = [(e.start, e.end) for e in doc.ents if e.label_ in person_labels]
    ner_of = {i: (s, e) for s, e in ner for i in range(s, e)}
    other = {i: e.label_ for e in doc.ents if e.label_ not in person_labels for i in range(e.start, e.end)}

    def proper(i: int) -> bool:
        return _tagged(nlp, doc) and nlp_mod.is_proper_noun(doc[i])

    def title_like(i: int) -> bool:
        return any(a <= i < b and _title_like(doc, a, b) for a, b in sent_spans)

    spans: list[tuple[int, int, str]] = []
    grown: set[tuple[int, int]] = set()
    for mid, s, e in matcher(doc):
        label = doc.vocab.strings[mid]
        hits = {ner_of[i] for i in range(s, e) if i in ner_of} if with_model else set()
        if label == "HON":
            if len(hits) == 1:
                hit = hits.pop()
                grown.add(hit)
                spans.append((s, max(hit[1], s + 2), "hon"))
            elif with_model and title_like(s):
                spans.append((s, s + 2, "hon"))
            else:
                spans.append((s, e, "hon"))
        elif label == "RUN":
            if len(hits) > 1:
                continue  # two names the model told apart
            if not hits:
                spans.append((s, e, "run"))
                continue
            # the model drew this name's bounds: grow them by the run to the right (a second
            # surname), and to the left over a first name the model missed ('Timur X') but not
            # over a sentence's first word unless it is tagged a proper noun ('Provide X Y')
            hit = hits.pop()
            left = hit[0]
            if s < hit[0] and (s not in sent_starts or proper(s)):
                left = s
            grown.add(hit)
            spans.append((left, max(e, hit[1]), "ner"))
    spans += [(s, e, "ner") for s, e in ner if (s, e) not in grown]
    spans = _merge_adjacent_runs(spans)

    accepted: list[tuple[int, int, bool, str | None]] = []
    pending: list[tuple[int, int, bool, str | None]] = []
    in_titles: set[tuple[int, int, bool, str | None]] = set()
    taken: set[int] = set()
    for s, e, how in sorted(spans, key=lambda x: (x[2] != "hon", x[2] != "ner", x[0])):
        s2, e2, official, honorific = _strip(doc, s, e, rules)
        if (
            how == "ner"
            and e2 - s2 >= 2
            and (doc[s2].lower_ in rules.stop_words or (s2 in sent_starts and not proper(s2)))
        ):
            s2 += 1  # 'While Mora', 'Close X': a sentence's first word the model took into the name
        for rs, re_ in _valid_runs(doc, s2, e2, rules):
            titled = False
            if how == "run":
                rs, re_ = _common_edge(doc, rs, re_, ctx)
                if rs >= re_:
                    continue
                titled = _in_title(doc, rs, re_, rules)
            elif all(doc[i].lower_ in ctx.lexicon for i in range(rs, re_) if doc[i]._.upr_name_like):
                continue  # 'Undue Delay', 'Long Term': common words the model took for a name
            if lookup_state(doc[rs:re_].text) is not None:
                continue
            n = _name_count(doc, rs, re_)
            if n == 0 or n > MAX_NAME_TOKENS or any(i in taken for i in range(rs, re_)):
                continue
            hon = honorific if rs == s2 else None
            if n == 1 and how == "run":
                continue
            if n == 1 and how == "ner" and not any(i in ner_of for i in range(rs, re_)):
                continue
            item = (rs, re_, official, hon)
            if how == "run" and titled:
                # printed right after an institution's title ('la Corte Primera ... X, Y y Z'): a name
                # only when listed with names found on their own
                in_titles.add(item)
                pending.append(item)
                continue
            if how == "run" and with_model:
                labels = {other[i] for i in range(rs, re_) if i in other}
                # a cue beside the run vouches for it: 'journalist X', 'X was arrested', 'the
                # detention of X', 'the X litigation'; right beside it, even where the model read
                # an organisation or a place (unknown foreign names often are)
                near = any(rs - k in cue_ends for k in (0, 1, 2)) or any(re_ + k in cue_starts for k in (0, 1, 2, 3))
                beside = (
                    rs in event_ends
                    or (rs - 1 in event_ends and doc[rs - 1].lower_ in rules.title_connectors)
                    or re_ in weak_starts
                    or re_ in cue_starts
                    or rs in cue_ends
                ) and not _capitalised_cue_beside(doc, rs, re_)
                appositive = marks is not None and _role_apposition(doc, rs, re_, marks)
                vouched = not title_like(rs) and (
                    (near and not labels) or ((beside or appositive) and labels <= _NAME_LIKE_LABELS)
                )
                if not vouched:
                    pending.append(item)
                    continue
            accepted.append(item)
            taken.update(range(rs, re_))
    # names listed with an accepted name are names too ('X, Y and Z')
    changed = True
    while changed and pending:
        changed = False
        for item in list(pending):
            rs, re_ = item[0], item[1]
            if any(i in taken for i in range(rs, re_)):
                pending.remove(item)
                continue
            m = None if item in in_titles else marks  # a titled run joins a plain list only
            if any(_linked(doc, a[1], rs, rules, m) or _linked(doc, re_, a[0], rules, m) for a in accepted):
                accepted.append(item)
                taken.update(range(rs, re_))
                pending.remove(item)
                changed = True
    return sorted(accepted)


def _analyse(
    ui: int,
    unit: TextUnit,
    offset: int,
    sent_bounds: list[tuple[int, int, int]],
    doc: Doc,
    ctx: _Context,
    state: _UnitState,
    out: _Collector,
) -> None:
    """Find the mentions of one window and attach its cues to them."""
    rules, matcher = ctx.rules, ctx.matcher
    tok_sent = [0] * len(doc)
    sent_first: dict[int, int] = {}
    sent_starts: set[int] = set()
    sent_spans: list[tuple[int, int]] = []
    for a, b, idx in sent_bounds:
        sid = len(out.sentences)
        out.sentences.append((ui, a, b))
        out.order.append(idx)
        span = doc.char_span(a - offset, b - offset, alignment_mode="expand")
        if span is not None and len(span):
            first = next((t.i for t in span if not (t.is_punct or t.is_space or t.text in "•▪●")), span.start)
            sent_starts.add(first)
            sent_spans.append((span.start, span.end))
            sent_first[sid] = span.start
            for i in range(span.start, span.end):
                tok_sent[i] = sid

    cues: list[tuple[str, int, int, str, int]] = []  # kind, token start, token end, text, unit char offset
    terms = [(m.start(), m.end()) for m in rules.term_re.finditer(doc.text) if m.group("pen") or m.group("fixed")]
    for kind, pattern in (("event", rules.event_re), ("role", rules.role_re)):
        for m in pattern.finditer(doc.text):
            in_term = any(a <= m.start() < b for a, b in terms)
            if kind == "event" and in_term and rules.event_of(m.group(0)) in {"imprisoned", "detained", "died"}:
                continue  # 'imprisonment' in 'three years' imprisonment' is the term, not an event
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and len(span):
                cues.append((kind, span.start, span.end, m.group(0), offset + m.start()))
    cue_starts = {c[1] for c in cues if c[0] == "role" or not rules.is_weak(c[3])}
    weak_starts = {c[1] for c in cues if c[0] == "event" and rules.is_weak(c[3])}
    cue_ends = {c[2] for c in cues if c[0] == "role"}
    for m in rules.relative_re.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            cue_ends.add(span.end)

    names: list[_Mention] = []
    event_ends = {c[2] for c in cues if c[0] == "event"}
    marks = _Marks(
        events=frozenset(i for c in cues if c[0] == "event" for i in range(c[1], c[2])),
        role_ends=frozenset(c[2] for c in cues if c[0] == "role"),
        nlp=ctx.nlp,
    )
    spans = _candidates(doc, ctx, (cue_starts, weak_starts, cue_ends, event_ends), sent_starts, sent_spans, marks)
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    # a surname printed alone after the full name was given ('Verell was sentenced')
    known = out.surnames | {t.text for s, e, _, _ in spans if _name_count(doc, s, e) >= 2 for t in doc[s + 1 : e]}
    spans += [
        (i, i + 1, False, None)
        for i, t in enumerate(doc)
        if i not in covered and t.text in known and t._.upr_name_like and len(t.text) > 2
    ]
    spans.sort()
    for s, e, official, hon in spans:
        nxt = doc[e].lower_ if e < len(doc) else ""
        owned = doc[e + 1].lower_ if e + 1 < len(doc) and doc[e].text in _POSSESSIVES else ""
        if nxt in rules.institution_heads or owned in rules.named_after:
            continue  # 'the Valdt government', 'Valdt's regime': an adjective, not a mention of the man
        if _named_after(doc, s, rules):
            continue  # 'el gobierno de X', 'la escuela X', 'Prix X': a body or place named for the person
        if s > 0 and doc[s - 1].lower_ in rules.locatives:
            continue  # 'held at Northgate House': a place
        text = doc[s:e].text
        mn = _Mention(s, e, text, tok_sent[s], honorific=hon)
        mn.official = official or _official_context(doc, s, e, rules)
        mn.citation = _is_citation(doc, s, e, unit)
        names.append(mn)
        if _name_count(doc, s, e) >= 2:
            out.surnames.update(t.text for t in doc[s + 1 : e] if t._.upr_name_like and len(t.text) > 2)
        ev = out.ev(text)
        ev.official |= mn.official
        at = (ui, offset + doc[s].idx)
        ev.occurrences.append(at)
        ev.first = min(ev.first, at)

    # authors are printed in lists: 'A and B (2006)', 'by A and B' make both of them authors
    for _ in range(2):
        for a, b in pairwise(names):
            if (a.citation or b.citation) and _joined(doc, a.end, b.start, rules):
                a.citation = b.citation = True

    # pronouns resume the last name, or the last list of names
    mentions: list[_Mention] = []
    ni = 0
    prev: _Mention | None = None
    for i, t in enumerate(doc):
        while ni < len(names) and names[ni].start <= i:
            cur = names[ni]
            mentions.append(cur)
            if prev is not None and _linked(doc, prev.end, cur.start, rules, marks):
                state.last_group = (*state.last_group, cur.text)
            else:
                state.last_group = (cur.text,)
            state.last_single = cur.text
            state.last_sent = out.order[cur.sent]
            if cur.text not in state.recent[-1:]:
                state.recent.append(cur.text)
            prev = cur
            ni += 1
        if prev is not None and i < prev.end:
            continue
        low = t.lower_
        distance = out.order[tok_sent[i]] - state.last_sent
        if distance > PRONOUN_REACH:
            continue
        if low in rules.pron_sg and state.last_single:
            mentions.append(_Mention(i, i + 1, t.text, tok_sent[i], pronoun_of=(state.last_single,)))
        elif low in rules.pron_pl and distance <= 1:
            group = state.last_group if len(state.last_group) >= 2 else tuple(dict.fromkeys(state.recent[-2:]))
            if len(group) >= 2:
                mentions.append(_Mention(i, i + 1, t.text, tok_sent[i], pronoun_of=group))

    # a speaker or a source ('Ms. X stated that...', 'according to X') takes no cue after it
    speech_at = {}
    for m in rules.speech_re.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            speech_at[span.start] = span.end
    for m in mentions:
        if m.pronoun_of:
            continue
        j = m.end
        while j < len(doc) and (doc[j].lower_ in rules.agent_gap or doc[j].text in _POSSESSIVES):
            j += 1
        if j in speech_at or any(
            speech_at.get(k) in (m.start, m.start - 1) for k in range(max(0, m.start - 4), m.start)
        ):
            m.speaker = True
    by_sent: dict[int, list[_Mention]] = {}
    for m in mentions:
        if not m.speaker:
            by_sent.setdefault(m.sent, []).append(m)
    for kind, a, b, matched, at in cues:
        ms = by_sent.get(tok_sent[a], [])
        if not ms:
            continue
        best = min(ms, key=lambda m: (_gap(a, b, m), m.start > a))
        if best.start >= b and _passive(doc, a, rules):
            # 'X, ..., was beaten and expelled for wearing the word Y': the subject comes before
            before = [m for m in ms if m.end <= a]
            if before:
                best = max(before, key=lambda m: m.end)
        gap = _gap(a, b, best)
        if kind == "role":
            if gap > ROLE_REACH:
                continue
            role = rules.role_of(matched) or matched.lower()
            for m in _group_of(best, ms, doc, rules):  # a role is one name's: 'X, a journalist, and Y'
                if not m.citation:
                    for nm in m.pronoun_of or (m.text,):
                        if role not in out.ev(nm).roles:
                            out.ev(nm).roles.append(role)
            continue
        weak = rules.is_weak(matched)
        if _by_a_count(doc, b):
            continue  # 'defeated/beaten by 233 votes to 187': a vote, not a person's fate
        if any(t.lower_ in rules.modals for t in doc[max(sent_first.get(tok_sent[a], 0), a - MODAL_REACH) : a]):
            continue  # 'should be sentenced', 'should drop all charges': asked for, not what happened
        if best.end <= a and _is_agent(doc, best.end, a, matched, rules):
            # 'X had accused the president', 'X arrested Y': X did it; the event is the one after
            after = [m for m in ms if m.start >= b]
            if not after:
                continue
            best = min(after, key=lambda m: m.start)
            gap = _gap(a, b, best)
        if gap > (WEAK_REACH if weak else STRONG_REACH):
            continue
        kin = _named_kin(best, ms, doc, rules)
        if kin is not None:
            best = kin  # 'the killing of his son, Y': the event is the son's, and he is named
        elif best.end <= a and not best.pronoun_of:
            best = _apposition_head(best, ms, doc, a, rules, marks)
        etype = rules.event_of(matched) or matched.lower()
        for m in _group_of(best, ms, doc, rules, marks):
            if m.citation:
                continue
            for nm in m.pronoun_of or (m.text,):
                ev = out.ev(nm)
                ev.events.append((tok_sent[a], at, matched, etype))
                ev.strong += 0 if weak else 1

    # relatives: "X's wife, Y" makes Y part of X's case
    for m in names:
        j = m.start - 1
        while j >= 0 and doc[j].text in {",", "("}:
            j -= 1
        if j >= 1 and doc[j].lower_ in rules.relatives:
            k = j - 1
            if doc[k].text in _POSSESSIVES:
                k -= 1
            owner = next((o for o in names if o.end - 1 == k and o is not m), None)
            if owner is not None:
                out.ev(m.text).relative_of.add(owner.text)

    for mid, s, e in matcher(doc):
        if doc.vocab.strings[mid] != "GROUP":
            continue
        name = doc[s + 1 : e].text
        gev = out.groups.setdefault(name, _Evidence())
        gev.first = min(gev.first, (ui, offset + doc[s + 1].idx))
        for kind, a, b, matched, at in cues:
            if kind == "event" and tok_sent[a] == tok_sent[s] and min(abs(a - e), abs(s - b)) <= STRONG_REACH:
                gev.events.append((tok_sent[a], at, matched, rules.event_of(matched) or matched.lower()))
                gev.strong += 0 if rules.is_weak(matched) else 1


# ---------------------------------------------------------------- document level


@dataclass(slots=True)
class _Person:
    spellings: list[str] = field(default_factory=list)
    singles: list[str] = field(default_factory=list)
    evidence: list[_Evidence] = field(default_factory=list)
    first: tuple[int, int] = (10**9, 0)
    names: list[str] = field(default_factory=list)
    """the spellings searched for: full ones and the surnames no other person claims"""
    hits: list[tuple[int, int, int]] = field(default_factory=list)
    """(unit, start, end) of every printed mention"""
    official: bool = False
    contact: bool = False


def _articles_in(unit_id: str, start: int, end: int, articles: Sequence[LegalArticle]) -> list[str]:
    """Ids of the legal articles mentioned in unit_id[start:end]; the articles finder's helper when present."""
    try:
        from extract.finders.articles import articles_in
    except ImportError:
        articles_in = None
    if articles_in is not None:
        return list(articles_in(unit_id, start, end, list(articles)))
    out = []
    for a in articles:
        for m in a.mentions:
            if (m.paragraph or m.footnote) == unit_id and m.start is not None and start <= m.start < end:
                out.append(a.id)
                break
    return out


def resolve_dates(text: str, rules: LanguageRules) -> list[tuple[int, int, str]]:
    """Every date of a text as (start, end, ISO 8601 as precise as printed). A day and month
    without a year take the year of the next full date of the same sentence, else of the last one."""
    found: list[tuple[int, int, int | None, int | None, int | None]] = []
    for m in rules.date_re.finditer(text):
        g = m.groupdict()
        y = next((g[k] for k in ("y1", "y2", "y3", "y4", "y5", "y6") if g.get(k)), None)
        mo = next((g[k] for k in ("m1", "m2", "m3") if g.get(k)), None)
        n = g.get("n4") or g.get("n6")
        d = next((g[k] for k in ("d1", "d2", "d4", "d6") if g.get(k)), None)
        year = int(y) if y else None
        if year is not None and year < 100:
            year += 2000 if year < 50 else 1900
        month = rules.months.get(mo.lower().rstrip(".")) if mo else (int(n) if n else None)
        day = 1 if d == "1er" else (int(d) if d else None)
        if rules.date_not_after.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # 'accessed 21 November 2011' dates the reading, not the event
        found.append((m.start(), m.end(), year, month, day))
    out: list[tuple[int, int, str]] = []
    last_year: int | None = None
    for i, (s, e, y, mo, d) in enumerate(found):
        if y is not None:
            last_year = y
        else:
            nxt = next(
                (
                    f[2]
                    for f in found[i + 1 : i + 4]
                    if f[2] is not None and f[0] - e < 200 and not re.search(r"[.;]\s", text[e : f[0]])
                ),
                None,
            )
            y = nxt or last_year
            if y is None:
                continue
        iso = f"{y:04d}"
        if mo:
            iso += f"-{mo:02d}"
            if d:
                iso += f"-{d:02d}"
        out.append((s, e, iso))
    return out


def prison_term(text: str, rules: LanguageRules, near: int = 0) -> str | None:
    """The prison term printed in a sentence ('5-year prison terms'), the one after `near` first."""
    found = []
    for m in rules.term_re.finditer(text):
        after = text[m.end() : m.end() + 10].lower().lstrip()
        if any(after.startswith(x) for x in rules.term_not_after) or text[m.end() : m.end() + 4].lower() == "-old":
            continue
        before = text[max(0, m.start() - 40) : m.start()].rstrip().rsplit(None, 1)
        lead = before[-1].lower() if before else ""
        if m.group("pen") or m.group("fixed") or lead in rules.term_lead:
            found.append(m)
    if not found:
        return None
    best = min(found, key=lambda m: (m.start() < near, abs(m.start() - near)))
    return best.group(0).strip()


def _clause(text: str, at: int, rules: LanguageRules) -> tuple[int, int]:
    """Bounds of the clause around offset `at` ('...; however, X remains in prison')."""
    lo, hi = 0, len(text)
    for m in rules.clause_re.finditer(text):
        if m.end() <= at:
            lo = m.end()
        elif m.start() > at:
            hi = m.start()
            break
    return lo, hi


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

    persons = _cluster(out, units, rules, ctx.lexicon)
    _locate(persons, units, doc, rules)
    cases = [p for p in persons if not p.contact and _is_case(p, rules) and not _only_a_case_title(p, units)]
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


def _is_full(name: str, rules: LanguageRules) -> bool:
    """Two name words or more, initials not counted."""
    return sum(1 for k in name_keys(name, rules.particles) if len(k) > 1) >= 2


def _cluster(out: _Collector, units: list[TextUnit], rules: LanguageRules, lexicon: frozenset[str]) -> list[_Person]:
    """Merge the spellings of one person; a surname alone joins the nearest full name before it,
    looked up in the whole text when no analysed sentence printed it."""
    full = {n: ev for n, ev in out.evidence.items() if _is_full(n, rules)}
    single = {n: ev for n, ev in out.evidence.items() if not _is_full(n, rules) and name_keys(n, rules.particles)}
    for s, ev in list(single.items()):
        key = name_keys(s, rules.particles)[-1]
        known = any(any(_same_token(key, k) for k in name_keys(f, rules.particles)[1:]) for f in full)
        if (ev.events or ev.roles) and not known:
            found = _full_name_for(s, ev.first, units, rules, lexicon)
            if found is not None and found[0] not in full:
                name, at, official = found
                full[name] = _Evidence(first=at, occurrences=[at], official=official)
    persons: list[_Person] = []
    for s in sorted(full, key=lambda s: (-len(name_keys(s, rules.particles)), full[s].first)):
        target = next((p for p in persons if any(same_person(s, t, rules.particles) for t in p.spellings)), None)
        if target is None:
            target = _Person()
            persons.append(target)
        target.spellings.append(s)
        target.evidence.append(full[s])
        target.first = min(target.first, full[s].first)
    for s, ev in single.items():
        key = [k for k in name_keys(s, rules.particles) if len(k) > 1]
        if not key:
            continue
        # a surname: one of the last two words of a full spelling, initials aside
        cands = [p for p in persons if any(_surname_of(key[-1], t, rules) for t in p.spellings)]
        if not cands:
            continue
        before = [p for p in cands if p.first <= ev.first]
        p = max(before, key=lambda q: q.first) if before else cands[0]
        p.singles.append(s)
        p.evidence.append(ev)
    for p in persons:
        # the fullest spelling first: most name words, then accents kept, then most printed, then first
        p.spellings.sort(
            key=lambda s: (-len(name_keys(s, rules.particles)), -_accents(s), -len(full[s].occurrences), full[s].first)
        )
    persons.sort(key=lambda p: p.first)
    return persons


def _full_name_for(
    surname: str, at: tuple[int, int], units: list[TextUnit], rules: LanguageRules, lexicon: frozenset[str]
) -> tuple[str, tuple[int, int], bool] | None:
    """The full name a surname stands for: capitalised words printed before the same surname,
    nearest before `at` (else first after), and whether a title precedes it."""
    key = fold_chars(surname.split()[-1])
    if len(key) < 3:
        return None
    pat = re.compile(
        rf"((?:[{_UPPER}][\w'’-]+[ \t]+(?:(?:de|del|la|van|von|al|el|bin|da|dos)[ \t]+)?){{1,3}})"
        + re.escape(surname.split()[-1])
        + r"(?![\w])"
    )
    best: tuple[str, tuple[int, int], bool] | None = None
    for ui, u in enumerate(units):
        for m in pat.finditer(u.text):
            words = m.group(1).split()
            while words and (
                rules.common(words[0])
                or words[0] in rules.honorifics
                or words[0].lower() in rules.official_titles
                or words[0].lower() in rules.cue_words
                or words[0].lower() in lexicon
                or words[0].lower() in rules.stop_words
            ):
                words = words[1:]
            if not words or any(rules.common(w) or w.lower() in rules.cue_words or not _name_like(w) for w in words):
                continue
            name = " ".join([*words, surname.split()[-1]])
            start = m.end() - len(name)
            if u.text[start : m.end()] != name:
                name = u.text[m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip())) : m.end()]
                start = m.end() - len(name)
            before = u.text[max(0, start - 40) : start].lower().split()
            official = any(w.strip(",") in rules.official_titles for w in before[-2:]) and not any(
                w in rules.former for w in before[-3:-1]
            )
            cand = (name, (ui, start), official)
            if (ui, start) <= at:
                best = cand
            elif best is None:
                return cand
    return best


def _surname_of(key: str, spelling: str, rules: LanguageRules) -> bool:
    words = [k for k in name_keys(spelling, rules.particles)[1:] if len(k) > 1]
    return any(_same_token(key, k) for k in words[-2:])


def _accents(s: str) -> int:
    return sum(1 for c in s if ord(c) > 127 and c.isalpha())


def _only_a_case_title(p: _Person, units: list[TextUnit]) -> bool:
    """Named only in notes as a party to a cited judgment, with nothing said of them: a
    precedent, not a case the document documents ('Caso X vs. Venezuela' in a list)."""
    said = any(e[3] not in NO_EVENT_TYPES for ev in p.evidence for e in ev.events)
    roles = any(ev.roles for ev in p.evidence)
    in_body = any(units[u].source == "paragraph" for u, _, _ in p.hits)
    return not said and not roles and not in_body


def _is_case(p: _Person, rules: LanguageRules) -> bool:
    """Enough said about this person: an event or a victim's role; officials need two event sentences."""
    if not p.spellings:
        return False
    sentences = {e[0] for ev in p.evidence for e in ev.events if e[3] not in NO_EVENT_TYPES}
    strong = sum(ev.strong for ev in p.evidence)
    any_event = any(ev.events for ev in p.evidence)
    roles = {r for ev in p.evidence for r in ev.roles}
    if p.official:
        return len(sentences) >= 2 and strong >= 1
    if strong >= 1 or any_event:
        return True
    return bool(roles - rules.weak_roles)


def _locate(persons: list[_Person], units: list[TextUnit], doc: DocText, rules: LanguageRules) -> None:
    """Every printed mention of each person, and what the text around them says: a title
    before or an official role after the name ('Minister of State for Immigration, X',
    'X, Special Rapporteur'), or contact details ('Main contact: X')."""
    owner: dict[str, int] = {}
    for i, p in enumerate(persons):
        for s in p.singles:
            owner[s] = -1 if owner.get(s, i) != i else i
    # one search per person over the whole text; NUL between units keeps matches inside one
    joined = "\x00".join(fold_chars(u.text) for u in units)
    starts = [0]
    for u in units[:-1]:
        starts.append(starts[-1] + len(u.text) + 1)
    cover = [fold_chars(line.text) for line in doc.cover]
    titles = fold_chars(" ".join(t for t in (doc.title, doc.pdf_title) if t))
    for i, p in enumerate(persons):
        p.names = [*p.spellings, *(s for s in p.singles if owner.get(s) == i)]
        p.official = any(ev.official for ev in p.evidence)
        if not any(ev.events or ev.roles or ev.relative_of for ev in p.evidence):
            continue  # nothing said about them: never a case, no need to look further
        pat = _search_pattern(p.names)
        if pat is None:
            continue
        if titles and pat.search(titles):
            p.contact = True  # named in the document's title: the submitting organisation
        for m in pat.finditer(joined):
            ui = bisect_right(starts, m.start()) - 1
            a, b = m.start() - starts[ui], m.end() - starts[ui]
            text = units[ui].text
            p.hits.append((ui, a, b))
            p.official = p.official or _official_text(text, a, b, rules)
            p.contact = p.contact or _contact_text(text, a, b, rules)
        for j, line in enumerate(cover):
            if pat.search(line):
                near = " ".join(cover[max(0, j - 2) : j + 3])
                p.contact = p.contact or bool(rules.contact_re.search(near) or _EMAIL.search(near))


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _official_text(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    """A title just before the name (only capitalised words, 'of', 'for' or a comma between)
    or an official role in apposition after it, unless 'former'."""
    before = text[max(0, s - 90) : s]
    for m in rules.official_re.finditer(before):
        between = before[m.end() :]
        words = between.replace(",", " ").split()
        if len(words) > 6 or re.search(r"[.;:()\[\]]", between):
            continue
        if all(w[0].isupper() or w.lower() in rules.title_connectors for w in words):
            prev = before[: m.start()].split()[-1:]
            return not (prev and prev[0].lower().strip("(,") in rules.former)
    after = text[e : e + 80]
    m = re.match(r"\s*(?:,|—|–|-|\()\s*(?:the\s+|a\s+|an\s+|el\s+|la\s+|le\s+|then\s+)?", after)
    if m and after[m.end() :].split(" ", 1)[0].lower() not in rules.former:
        om = rules.official_roles.match(after, m.end())
        return om is not None and not _civil_role(after, m.end(), rules)
    return False


def _contact_text(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    """'Main contact: X', 'Prepared by X', or an e-mail address right after the name."""
    before = text[max(0, s - 50) : s]
    cue = list(rules.contact_re.finditer(before))
    if cue and not re.search(r"[.;]\s", before[cue[-1].end() :]):
        return True
    return bool(_EMAIL.search(text[e : e + 100]))


def _search_pattern(spellings: Iterable[str]) -> re.Pattern[str] | None:
    alts = []
    for s in sorted(set(spellings), key=len, reverse=True):
        toks = fold_chars(s).split()
        if toks:
            alts.append(r"[\s]+".join(re.escape(t) for t in toks))
    if not alts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])")


def _event_type(etype: str, sentence: str, rules: LanguageRules) -> str:
    if etype == "appeal":
        return "appeal rejected" if rules.appeal_rejected.search(sentence) else "appealed"
    return etype


def _records(
    persons: list[_Person],
    out: _Collector,
    units: list[TextUnit],
    rules: LanguageRules,
    articles: Sequence[LegalArticle],
) -> list[Case]:
    dates: dict[int, list[tuple[int, int, str]]] = {}
    items: list[tuple[tuple[int, int], str, list[str], list[_Evidence], str, list[tuple[int, int, int]]]] = []
    for p in persons:
        items.append((p.first, p.spellings[0], p.names, p.evidence, "person", p.hits))
    for name, gev in out.groups.items():
        if gev.events:
            pat = _search_pattern([name])
            hits = [(ui, m.start(), m.end()) for ui, u in enumerate(units) for m in pat.finditer(fold_chars(u.text))]
            items.append((gev.first, name, [name], [gev], "group", hits))
    items.sort(key=lambda x: x[0])

    cases: list[Case] = []
    for n, (_, display, names, evs, kind, hits) in enumerate(items, 1):
        mentions: list[Mention] = [units[ui].mention(a, b) for ui, a, b in hits]
        roles: list[str] = []
        for ev in evs:
            roles += [r for r in ev.roles if r not in roles]
        events: list[CaseEvent] = []
        seen: set[tuple[str, int]] = set()
        for sid, at, _matched, etype in sorted({e for ev in evs for e in ev.events}, key=lambda e: (e[0], e[1])):
            ui, cs, ce = out.sentences[sid]
            u = units[ui]
            sentence = u.text[cs:ce]
            etype = _event_type(etype, sentence, rules)
            if etype in NO_EVENT_TYPES or (etype, sid) in seen:
                continue
            seen.add((etype, sid))
            if ui not in dates:
                dates[ui] = resolve_dates(u.text, rules)
            lo, hi = _clause(sentence, at - cs, rules)
            near = [d for d in dates[ui] if cs + lo <= d[0] < cs + hi]
            date = min(near, key=lambda d: abs(d[0] - at))[2] if near else None
            term = prison_term(sentence, rules, at - cs) if etype in TERM_TYPES else None
            arts = _articles_in(u.id, cs, ce, articles) if articles else []
            events.append(
                CaseEvent(
                    type=etype,
                    date=date,
                    text=sentence.strip(),
                    sentence=term,
                    legal_articles=arts,
                    paragraph=None if u.is_footnote else u.id,
                    footnote=u.id if u.is_footnote else None,
                    page=u.page,
                )
            )
        events = _chronological(events)
        legal: list[str] = []
        for e in events:
            legal += [a for a in e.legal_articles if a not in legal]
        aliases = [s for s in dict.fromkeys(names) if s != display]
        cases.append(
            Case(
                id=f"case{n}",
                name=display,
                aliases=aliases,
                kind=kind,
                roles=roles,
                events=events,
                legal_articles=legal,
                mentions=mentions,
            )
        )
    return cases


def _chronological(events: list[CaseEvent]) -> list[CaseEvent]:
    """Events by date; an undated event keeps its place after the dated one before it."""
    keyed = []
    last = ""
    for i, e in enumerate(events):
        if e.date:
            last = e.date
        keyed.append((last if not e.date else e.date, i, e))
    return [e for _, _, e in sorted(keyed, key=lambda k: (k[0], k[1]))]
