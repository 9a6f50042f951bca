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

The package reads in steps: `rules` (a language's word lists, from
`extract/lang/<code>/cases.json`), `windows` (sentences worth the NER), `model`
(spaCy glue), `mentions` (name spans of a window), `lists` (names listed
together), `events` (cues attached to mentions), `people` (spellings merged,
mentions located), `records` (Case records) and `finder` (the entry point).
"""

from __future__ import annotations

from extract.finders.cases.finder import find_cases
from extract.finders.cases.names import name_keys, same_person, translit_key
from extract.finders.cases.records import prison_term, resolve_dates
from extract.finders.cases.rules import CaseRules, LanguageRules, has_rules, rules_for
from extract.finders.cases.windows import sentences, windows

__all__ = [
    "CaseRules",
    "LanguageRules",
    "find_cases",
    "has_rules",
    "name_keys",
    "prison_term",
    "resolve_dates",
    "rules_for",
    "same_person",
    "sentences",
    "translit_key",
    "windows",
]
