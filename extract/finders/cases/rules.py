"""Word lists of one language compiled for the case finder, and the tokens every language shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract import lang
from extract.finders.states import state_word

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
    """The word lists of one language (extract/lang/<code>/cases.json), compiled once."""

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
    institution_bodies: frozenset[str]
    given_names: frozenset[str]
    """given names that also follow a first given name ('Ana María X'): no surname there (all languages pooled)"""
    """a body's word a few lower-case words after a name: the body carries it ('the X press association')"""
    non_person: frozenset[str]
    particles: frozenset[str]
    pron_sg: frozenset[str]
    pron_pl: frozenset[str]
    pronoun_re: re.Pattern[str]
    """any pronoun of pron_sg or pron_pl as a whole word (compiled once, not per paragraph)"""
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
    list_events: dict[str, str] = field(default_factory=dict)
    """events that make a list of names printed after them a list of cases, and only that"""
    list_event_re: re.Pattern[str] = re.compile(r"(?!x)x")
    family_words: frozenset[str] = frozenset()
    """'familia', 'family': printed next to a surname, they name a family whose members follow"""
    suffered_links: frozenset[str] = frozenset()
    """'of', 'against', 'de': between an event cue and the name of the one who suffered it"""
    allegation_re: re.Pattern[str] = re.compile(r"(?!x)x")
    """'reportedly', 'habría', 'presuntamente': before an event in its clause, the event is alleged"""
    kin_words: frozenset[str] = frozenset()
    """'hermanos', 'brothers': before a run of given names of the family named before"""
    office_link_re: re.Pattern[str] = re.compile(r"(?!x)x")
    doubled_pronouns: frozenset[str] = frozenset()
    """'le', 'les': object pronouns a clause may double with its object printed after 'a'"""
    doubling_markers: frozenset[str] = frozenset()
    doubling_determiners: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    """'condenado', 'detenido': common nouns for a person, antecedents a pronoun may point to"""
    """'as', 'took over as', 'como': after a name, they introduce the office the person holds"""
    office_modifiers: frozenset[str] = frozenset()
    """'acting', 'interino': words between an office link and the office ('as acting president')"""
    judgment_titles: tuple[str, ...] = ()
    """'Caso', 'Case of': the capitalised word a judgment's title starts with ('Caso X Vs. State')"""
    judgment_others: tuple[str, ...] = ()
    """'y otros', 'and others': after the first party of a judgment's title"""

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

    def list_event_of(self, text: str) -> str | None:
        return self.list_events.get(_norm_phrase(text))

    def is_weak(self, text: str) -> bool:
        return _norm_phrase(text) in self.weak


Words = tuple[str, ...]


class CaseRules(BaseModel):
    """The case finder's word lists of one language, as written in `extract/lang/<code>/cases.json`.

    Phrases are matched case-insensitively on word boundaries, longest first."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    honorifics: Words = Field(description="words printed before a name ('Mr.', 'Dr.'), case as printed")
    official_titles: Words = Field(description="titles printed before a name: officials need stronger evidence")
    former: Words = Field(description="words that turn an official title into a past one")
    official_roles: Words = Field(description="official roles printed in apposition after a name")
    roles: dict[str, str] = Field(description="phrase -> victim's role label")
    relatives: Words = Field(description="words that make a named person a relative of a case")
    events: dict[str, str] = Field(description="phrase -> event type")
    weak_events: Words = Field(description="event phrases also common in general prose: attach only nearby")
    speech: Words = Field(description="verbs of saying: a named person before them is a source, not a subject")
    institution_heads: Words = Field(description="words after a name that make it an adjective ('the X government')")
    named_after: Words = Field(default=(), description="words before a name when a body or place bears it")
    given_names: Words = Field(
        default=(), description="given names printed second in a compound given name ('José', 'María')"
    )
    institution_bodies: Words = Field(
        default=(), description="body words a few lower-case words after a name the body bears ('association')"
    )
    non_person: Words = Field(description="lower-case words never part of a person's name (all languages pooled)")
    particles: Words = Field(description="lower-case words allowed inside a name")
    pronouns_singular: Words = Field(description="words that refer back to the last named person")
    pronouns_plural: Words = Field(description="words that refer back to the last list of names")
    group_numbers: Words = Field(default=(), description="numbers of group names ('the X Five')")
    months: dict[str, int] = Field(description="month name or abbreviation -> number")
    numbers: Words = Field(default=(), description="number words of prison terms")
    term_units: Words = Field(default=(), description="units of a prison term ('years')")
    term_joiners: Words = Field(default=(), description="words joining two parts of a term ('and')")
    penalties: Words = Field(default=(), description="words after a term that make it a prison term")
    term_lead: Words = Field(default=(), description="words before a bare term that make it a prison term")
    term_not_after: Words = Field(default=(), description="words after a term that make it no prison term")
    appeal_rejected: Words = Field(description="words that make an appeal a rejected one")
    clause_breaks: Words = Field(description="punctuation and words that end a clause (dates belong to a clause)")
    locatives: Words = Field(description="words before a name that make it a place ('held at X')")
    title_connectors: Words = Field(description="lower-case words inside a capitalised title ('of', 'for')")
    contact_cues: Words = Field(description="words before a name that make it the submission's contact")
    stop_words: Words = Field(description="function words and imperative verbs: never the first word of a name")
    modals: Words = Field(description="words before an event that make it a demand, not an event")
    fixed_terms: Words = Field(default=(), description="prison terms without a number ('life imprisonment')")
    weak_roles: Words = Field(description="role labels that alone do not make a case")
    agent_verbs: Words = Field(description="event verbs whose subject did it rather than suffered it")
    agent_gap: Words = Field(description="words allowed between a subject and its verb")
    auxiliaries: Words = Field(default=(), description="'was', 'fue': between a subject and its participle")
    relative_pronouns: Words = Field(default=(), description="'who', 'que': a clause, never a description")
    passive_auxiliaries: Words = Field(default=(), description="words right before a participle making it passive")
    civil_bodies: Words = Field(
        default=(), description="words naming a civil-society body (its president is no official)"
    )
    date_not_after: Words = Field(description="words before a date that make it no event's ('accessed')")
    list_events: dict[str, str] = Field(
        default_factory=dict,
        description="phrase -> event type, only for a long list of names printed after it ('closure of')",
    )
    family_words: Words = Field(default=(), description="words next to a surname naming a family ('familia')")
    suffered_links: Words = Field(
        default=(), description="words between an event and the name of the one who suffered it ('of')"
    )
    allegations: Words = Field(
        default=(), description="words before an event in its clause that report it as alleged ('reportedly')"
    )
    kin_words: Words = Field(
        default=(), description="plural kin words before a run of a named family's given names ('hermanos')"
    )
    office_links: Words = Field(
        default=(), description="words after a name introducing the office held ('took over as')"
    )
    office_modifiers: Words = Field(
        default=(), description="words between an office link and the office ('acting', 'interim')"
    )
    judgment_titles: Words = Field(
        default=(), description="capitalised words a judgment's title starts with ('Caso', 'Case of'), as printed"
    )
    judgment_others: Words = Field(
        default=(), description="words after a judgment's first party naming the others ('y otros')"
    )
    doubled_pronouns: Words = Field(
        default=(), description="object pronouns doubled by an object printed after a marker ('le ... al condenado')"
    )
    doubling_markers: Words = Field(default=(), description="words introducing a doubled object ('a', 'al')")
    doubling_determiners: Words = Field(
        default=(), description="determiners between a doubling marker and its noun ('su', 'los')"
    )
    person_nouns: Words = Field(
        default=(), description="common nouns for a person ('condenado'): a pronoun's antecedent, no name"
    )
    date_patterns: Words = Field(
        description="regular expressions of a date with {day}, {mon} and {year} placeholders and the groups "
        "d1 m1 y1, m2 d2 y2, m3 y3, d4 n4 y4, y5, y6 n6 d6 (day, month name, month number, year)"
    )


def _date_regex(patterns: Iterable[str], months: Iterable[str]) -> re.Pattern[str]:
    mon = "|".join(re.escape(m).replace(r"\.", r"\.?") for m in sorted(months, key=len, reverse=True))
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    year = r"(?:1[89]\d\d|20\d\d)"
    pats = [p.replace("{day}", day).replace("{mon}", mon).replace("{year}", year) for p in patterns]
    return re.compile(r"(?<![\w/.-])(?:" + "|".join(pats) + r")(?![\w/])", re.IGNORECASE)


def _term_regex(b: CaseRules) -> re.Pattern[str]:
    """A prison term: number, unit, optional second part and penalty words ('5-year prison terms',
    'two and a half years' imprisonment', '4 años y seis meses de prisión')."""
    words = sorted(b.numbers, key=len, reverse=True)
    num = r"\d+(?:[.,]\d+)?(?:\s?[-–]\s?\d+)?" + "".join("|" + re.escape(w).replace(r"\-", "[-\\s]") for w in words)
    unit = "|".join(re.escape(u) for u in sorted(b.term_units, key=len, reverse=True))
    join = "|".join(re.escape(j).replace(r"\ ", r"\s+") for j in sorted(b.term_joiners, key=len, reverse=True))
    pen = "|".join(
        re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]").replace("’", "['’]")
        for p in sorted(b.penalties, key=len, reverse=True)
    )
    fixed = "|".join(
        re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]").replace("’", "['’]")
        for f in sorted(b.fixed_terms, key=len, reverse=True)
    )
    one = rf"(?:{num})(?:\s+(?:{join})(?=\s))?[\s-]+(?:{unit})"
    pat = rf"(?<!\w)(?P<term>{one}(?:['’]s?)?(?:,?\s+(?:{join})\s+{one})?)(?:['’]s?)?(?P<pen>\s+(?:{pen}))?(?!\w)"
    if fixed:
        pat += rf"|(?<!\w)(?P<fixed>{fixed})(?!\w)"
    return re.compile(pat, re.IGNORECASE)


def _data(code: str) -> CaseRules | None:
    return lang.load(code, "cases", CaseRules)


def has_rules(language: str | None) -> bool:
    """Whether the language has a cases.json (others get no cases, not wrong ones)."""
    return bool(language) and _data(str(language)) is not None


@cache
def rules_for(language: str | None) -> LanguageRules:
    """The compiled rules of a language (English's for a language without a cases.json)."""
    code = (language or "en").lower()[:2]
    b = _data(code)
    if b is None:
        code = "en"
        b = _data(code)
    if b is None:
        raise lang.LanguageDataError("extract/lang/en/cases.json is missing")

    def low(xs: Iterable[str]) -> frozenset[str]:
        return frozenset(x.lower() for x in xs)

    clause = "|".join(
        re.escape(c) if not c[0].isalpha() else r"(?<!\w)" + re.escape(c).replace(r"\ ", r"\s+") + r"(?!\w)"
        for c in b.clause_breaks
    )
    return LanguageRules(
        code=code,
        honorifics=frozenset(b.honorifics),
        official_titles=low(b.official_titles),
        former=low(b.former),
        official_roles=_phrase_regex(b.official_roles),
        roles={_norm_phrase(k): v for k, v in b.roles.items()},
        role_re=_phrase_regex(b.roles),
        weak_roles=frozenset(b.weak_roles),
        relatives=low(b.relatives),
        events={_norm_phrase(k): v for k, v in b.events.items()},
        event_re=_phrase_regex(b.events),
        weak=frozenset(_norm_phrase(w) for w in b.weak_events),
        appeal_rejected=re.compile("|".join(re.escape(w) for w in b.appeal_rejected), re.IGNORECASE),
        speech_re=_phrase_regex(b.speech),
        institution_heads=low(b.institution_heads),
        named_after=low(b.named_after),
        institution_bodies=low(b.institution_bodies),
        given_names=frozenset(
            w.lower() for other in lang.load_each("cases", CaseRules).values() for w in other.given_names
        ),
        non_person=frozenset(
            w.lower() for other in lang.load_each("cases", CaseRules).values() for w in other.non_person
        )
        - low(b.particles),
        particles=low(b.particles),
        pron_sg=low(b.pronouns_singular),
        pron_pl=low(b.pronouns_plural),
        pronoun_re=re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(p) for p in sorted(low(b.pronouns_singular) | low(b.pronouns_plural)))
            + r")(?!\w)",
            re.IGNORECASE,
        ),
        group_numbers=frozenset(b.group_numbers),
        date_re=_date_regex(b.date_patterns, b.months),
        months={k.lower().rstrip("."): v for k, v in b.months.items()},
        term_re=_term_regex(b),
        term_lead=low(b.term_lead),
        term_not_after=tuple(x.lower() for x in b.term_not_after),
        clause_re=re.compile(clause, re.IGNORECASE),
        abbreviations=lang.abbreviations(code),  # the language's own list (language.json), shared by all finders
        stop_words=low(b.stop_words),
        agent_verbs=low(b.agent_verbs),
        agent_gap=low(b.agent_gap),
        date_not_after=re.compile(
            r"(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in b.date_not_after) + r")[\s:,]*$",
            re.IGNORECASE,
        ),
        relative_re=_phrase_regex(b.relatives),
        locatives=low(b.locatives),
        modals=low(b.modals),
        title_connectors=low(b.title_connectors),
        number_words=low(w for w in b.numbers if len(w) > 2),
        contact_re=_phrase_regex(b.contact_cues),
        official_re=_phrase_regex(b.official_titles),
        cue_words=frozenset(k for k in [*b.events, *b.roles] if " " not in k and "." not in k),
        auxiliaries=low(b.auxiliaries),
        relative_pronouns=low(b.relative_pronouns),
        passive_auxiliaries=low(b.passive_auxiliaries),
        civil_body_re=_phrase_regex(b.civil_bodies),
        list_events={_norm_phrase(k): v for k, v in b.list_events.items()},
        list_event_re=_phrase_regex(b.list_events),
        family_words=low(b.family_words),
        kin_words=low(b.kin_words),
        allegation_re=_phrase_regex(b.allegations),
        suffered_links=low(b.suffered_links),
        office_link_re=_phrase_regex(b.office_links),
        office_modifiers=low(b.office_modifiers),
        judgment_titles=tuple(b.judgment_titles),
        judgment_others=tuple(b.judgment_others),
        doubled_pronouns=low(b.doubled_pronouns),
        doubling_markers=low(b.doubling_markers),
        doubling_determiners=low(b.doubling_determiners),
        person_nouns=low(b.person_nouns),
    )
