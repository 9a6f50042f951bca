"""What the windows of one document are read with and what they find."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher

from extract.finders.cases.rules import LanguageRules
from extract.structure.units import TextUnit


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
    quote: tuple[int, int] | None = None
    """the quotation (unit offsets) the name is printed in, if any"""


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
    last_quote: tuple[int, int] | None = None
    """the quotation the last name is printed in: a pronoun outside it does not resume it"""
    group_quoted: bool = False
    quotes: list[tuple[int, int]] | None = None
    """the unit's closed quotations, found once"""


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
    printed: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    """(unit, start, end) where a name completed from the text around it is printed ('Ana' of the Ruiz family)"""

    def ev(self, name: str) -> _Evidence:
        return self.evidence.setdefault(name, _Evidence())


@dataclass(frozen=True, slots=True)
class _Marks:
    """Where the cues of one window are, to tell a description of a name from a clause of its own."""

    events: frozenset[int]
    """token indices inside event cues"""
    role_ends: frozenset[int]
    """token indices right after a role cue ('journalist' | Y)"""
    nlp: Language


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
