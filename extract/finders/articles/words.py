"""The words of the law-name grammar and the reference reader, per language (`extract/lang/<code>/articles.json`).

A document cites laws in other languages than its own (an English report quotes a
"Código Penal"), so the grammar reads with the words of every language at once:
each list here is the union over the languages, folded (no case, no accents).
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.lang import load_each
from extract.text.fold import fold

Words = tuple[str, ...]


class ArticleWords(BaseModel):
    """One language's words; every list is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    determiners: Words = Field(default=(), description="articles before a name: 'the', 'la'")
    anaphoric: Words = Field(default=(), description="'this', 'said', 'dicho', 'ledit': a short form pointing back")
    qualifiers: Words = Field(default=(), description="'new', 'revised', 'vigente': not part of a law's identity")
    conjunctions: Words = ()
    connectives: Words = Field(default=(), description="small words inside a name: 'of', 'on', 'sobre', 'du'")
    national_heads: Words = Field(default=(), description="head words of national laws: 'Act', 'Ley', 'Loi'")
    international_heads: Words = Field(default=(), description="head words of treaties: 'Convention', 'Pacto'")
    leading_heads: Words = Field(
        default=(), description="heads that open their name and may be followed by capitals: 'Ley Orgánica'"
    )
    constitution_heads: Words = ()
    lower_name_words: Words = Field(default=(), description="lower-case words of a law's name: 'criminal', 'penal'")
    anaphoric_nouns: Words = Field(default=(), description="'of the text', 'del texto': the instrument just named")
    constitution_fillers: Words = Field(default=(), description="'National Constitution' is still the constitution")
    state_words: Words = Field(default=(), description="words of a State's name: 'Republic', 'Estado'")
    lower_generics: Words = Field(default=(), description="short forms that count in lower case: 'the convention'")
    lead_stop: Words = Field(default=(), description="capitalised words opening a sentence, not a name: 'According'")
    head_connectives: Words = Field(default=(), description="connectives that may follow a head: 'Law on ...'")
    lower_heads_first: Words = Field(default=(), description="lower-case heads that may open a name: 'código'")
    lower_heads_after: Words = Field(default=(), description="lower-case heads closing a name: 'criminal code'")
    lower_heads_before: Words = Field(default=(), description="lower-case heads before a modifier: 'code pénal'")
    title_stop: Words = Field(default=(), description="words ignored in official article headings")
    article_keywords: Words = Field(
        default=(), description="article keywords as printed; a lower-case first letter also matches in capitals"
    )
    section_keywords: Words = Field(default=(), description="section keywords as printed: 'section', 'sec.'")
    section_letter_keywords: Words = Field(
        default=(), description="one-letter section abbreviations read with a dot ('s.', 'ss.') or before a number"
    )
    rule_keywords: Words = Field(default=(), description="rule keywords as printed: 'rule', 'regla'")
    keyword_words: Words = Field(default=(), description="'article', 'section': a name stops before them")
    range_words: Words = Field(default=(), description="'articles 3 to 7', 'arts. 3 al 7'")
    list_and: Words = Field(default=(), description="'... of the Covenant and 10 of the Convention': a list goes on")
    list_end_words: Words = Field(default=(), description="words after the last number of a list: 'article 3, 5 of'")
    cross_reference_words: Words = Field(default=(), description="'article 3 above': a reference inside the text")
    constitution_adjectives: Words = Field(
        default=(), description="'artículo 267 constitucional': the adjective stands for the constitution"
    )
    amendment_words: Words = Field(
        default=(), description="'art. 5 reforma de la Ley X': the amended law is the instrument"
    )
    definition_leads: Words = Field(default=(), description="'(hereinafter the ICCPR)', '(en adelante la LOPNA)'")
    article_abbreviations: Words = Field(
        default=(), description="'A. 3 UDHR': an article keyword kept only with an instrument right after the number"
    )


@cache
def words(field: str) -> frozenset[str]:
    """One list of every language, folded."""
    return frozenset(fold(w) for data in load_each("articles", ArticleWords).values() for w in getattr(data, field))


@cache
def phrases(field: str) -> tuple[str, ...]:
    """One list of every language as written (for regular expressions), longest first."""
    found = {w for data in load_each("articles", ArticleWords).values() for w in getattr(data, field)}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))
