"""Language data: one folder per language, `extract/lang/<code>/`, read by one validated loader.

A language is declared by its folder holding a `language.json` (name, script,
function words for detection, sentence abbreviations, month names); the
finders keep their own word lists beside it (`cases.json`, `recommendations.json`
...), each validated by the model the finder gives. Adding a language is a new
folder plus tests: no code names the languages, and a finder whose file a
language lacks simply has no rules for it (it finds nothing rather than wrong
things).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.text.fold import fold

LANG_DIR = Path(__file__).parent

M = TypeVar("M", bound=BaseModel)


class LanguageData(BaseModel):
    """What every layer may need of a language: detection, sentences, dates."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 (or -3) code, the folder's name")
    name: str
    script: Literal["latin", "cyrillic", "greek", "arabic"] = "latin"
    function_words: tuple[str, ...] = Field(default=(), description="commonest words, for detection")
    abbreviations: frozenset[str] = Field(
        default=frozenset(), description="words a full stop after which does not end a sentence ('Dr', 'art')"
    )
    months: tuple[tuple[str, ...], ...] = Field(
        default=(), description="per month, January first, its names: the full name, then short forms and variants"
    )

    @field_validator("months")
    @classmethod
    def _twelve(cls, v: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        if v and len(v) != 12:
            raise ValueError(f"12 month names expected, got {len(v)}")
        return v


class LanguageDataError(ValueError):
    """A language file that does not validate: a packaging bug, reported with its path."""


def _read(path: Path, model: type[M]) -> M:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data = {k: v for k, v in data.items() if not k.startswith("_")}  # "_about" notes are for people
        return model.model_validate(data)
    except (OSError, ValueError) as e:
        raise LanguageDataError(f"{path}: {e}") from e


@cache
def languages() -> tuple[str, ...]:
    """The codes of every language the tool has data for, sorted."""
    return tuple(sorted(p.parent.name for p in LANG_DIR.glob("*/language.json")))


@cache
def read_languages() -> tuple[str, ...]:
    """The languages the finders read (a folder with finder data beside language.json), not only detect."""
    return tuple(
        code for code in languages() if any(p.name != "language.json" for p in (LANG_DIR / code).glob("*.json"))
    )


@cache
def language(code: str) -> LanguageData | None:
    """A language's shared data, or None for a language the tool does not know."""
    path = LANG_DIR / code / "language.json"
    if not code.isalpha() or not path.is_file():
        return None
    data = _read(path, LanguageData)
    if data.code != code:
        raise LanguageDataError(f"{path}: code {data.code!r} differs from its folder")
    return data


_loaded: dict[tuple[str, str, type], BaseModel | None] = {}


def load(code: str, name: str, model: type[M]) -> M | None:
    """`extract/lang/<code>/<name>.json` validated by `model`; None when the language has no such file."""
    key = (code, name, model)
    if key not in _loaded:
        path = LANG_DIR / code / f"{name}.json"
        _loaded[key] = _read(path, model) if code.isalpha() and path.is_file() else None
    return _loaded[key]  # type: ignore[return-value]


def load_each(name: str, model: type[M]) -> dict[str, M]:
    """Every language's `<name>.json`, by code (languages without one left out)."""
    out: dict[str, M] = {}
    for code in languages():
        data = load(code, name, model)
        if data is not None:
            out[code] = data
    return out


def abbreviations(code: str) -> frozenset[str]:
    """The sentence abbreviations of a language (empty for an unknown one)."""
    data = language(code)
    return data.abbreviations if data else frozenset()


def month_numbers() -> dict[str, int]:
    """Every known month name, casefolded and without accents, → 1..12 (names shared by languages agree)."""
    out: dict[str, int] = {}
    for code in languages():
        data = language(code)
        for i, names in enumerate(data.months if data else (), start=1):
            for m in names:
                out.setdefault(fold(m), i)
    return out
