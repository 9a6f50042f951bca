"""The metadata cues each language keeps in `extract/lang/<code>/metadata.json`, validated and merged.

A document's language is only known once it is read, and covers mix languages
(an English masthead over a Spanish title), so every language's cues apply to
every document: they are merged, not chosen.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.lang import load_each


class MetadataWords(BaseModel):
    """One language's cues; patterns are case-insensitive regular expressions, written to be linear."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ordinals: dict[str, int] = Field(default_factory=dict, description="spelt-out ordinals ('fourth': 4)")
    tens: dict[str, int] = Field(
        default_factory=dict, description="tens a compound ordinal starts with ('forty' of 'forty-eighth')"
    )
    un_cover: tuple[str, ...] = Field(default=(), description="what a UN cover prints (masthead, organ)")
    un_kinds: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="UN document kind → its cover phrases (kinds ordered in doc_kinds.json)"
    )
    other_kinds: tuple[str, ...] = Field(default=(), description="documents neither a submission nor a UN report")
    joint: tuple[str, ...] = Field(default=(), description="a submission by several organisations says so")
    submission: tuple[str, ...] = Field(default=(), description="words that mark a stakeholder's submission")
    nhri_names: tuple[str, ...] = Field(default=(), description="names of human rights institutions, ombudsmen")
    nhri_self: tuple[str, ...] = Field(default=(), description="how such an institution describes itself")
    organisation_words: tuple[str, ...] = Field(
        default=(), description="words an organisation's name usually contains ('foundation')"
    )
    member_lists: tuple[str, ...] = Field(
        default=(),
        description="what introduces the list of a joint submission's members ('composed of', 'las organizaciones ...:')",
    )
    authoring: tuple[str, ...] = Field(
        default=(),
        description="verbs that make a list's organisations the document's authors ('submitted', 'elaborado')",
    )
    upr_context: tuple[str, ...] = Field(
        default=(),
        description="what only a UPR document speaks of (the review, the Council, OHCHR): a submission names one",
    )
    not_submission: tuple[str, ...] = Field(
        default=(), description="what papers and guides print and submissions do not ('abstract', 'keywords:', 'doi')"
    )
    not_authors: tuple[str, ...] = Field(
        default=(), description="words that make such a list supporters or sources, not authors ('endorsed by')"
    )


@cache
def merged() -> MetadataWords:
    """Every language's cues in one: lists joined in language order (duplicates once), tables united."""
    each = list(load_each("metadata", MetadataWords).values())

    def join(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x for w in each for x in getattr(w, name)))

    kinds: dict[str, tuple[str, ...]] = {}
    for w in each:
        for kind, patterns in w.un_kinds.items():
            kinds[kind] = tuple(dict.fromkeys([*kinds.get(kind, ()), *patterns]))
    return MetadataWords(
        ordinals={k: v for w in each for k, v in w.ordinals.items()},
        tens={k: v for w in each for k, v in w.tens.items()},
        un_kinds=kinds,
        **{
            name: join(name)
            for name in (
                "un_cover",
                "other_kinds",
                "joint",
                "submission",
                "nhri_names",
                "nhri_self",
                "organisation_words",
                "member_lists",
                "not_authors",
                "authoring",
                "upr_context",
                "not_submission",
            )
        },
    )
