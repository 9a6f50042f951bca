"""The one shape of a record finder: a name, what it needs, and records plus warnings.

The pipeline runs an ordered list of finders (`extract.finders.registry`).
Each reads the finders' text view (`DocText`) and the records of the finders
named in `needs`, and returns its records with the warnings worth an
analyst's attention (what it saw but could not read), never raising on a
document it does not understand. A finder may also return revised records
of an earlier finder it completes (the themes finder tags recommendations).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extract.structure.units import DocText
from schemas import ExtractWarning


@dataclass(frozen=True, slots=True)
class FinderOptions:
    """Choices a user makes for a run that some finders honour."""

    nlp: str | None = None  # spaCy pipeline for person names; None = by language


@dataclass(slots=True)
class Found:
    """What one finder returns."""

    records: list[Any] = field(default_factory=list)
    warnings: list[ExtractWarning] = field(default_factory=list)
    revised: dict[str, list[Any]] = field(default_factory=dict)


Earlier = Mapping[str, Sequence[Any]]
"""Records of the finders that ran before, by finder name (and 'sections', the spine's outline)."""


@dataclass(frozen=True, slots=True)
class Finder:
    name: str
    find: Callable[[DocText, Earlier, FinderOptions], Found]
    needs: tuple[str, ...] = ()
    applies: Callable[[DocText], bool] = lambda doc: True
    about: str = ""


@dataclass(slots=True)
class Findings:
    """Every finder's records by name, and all their warnings in the order the finders ran."""

    records: dict[str, list[Any]] = field(default_factory=dict)
    warnings: list[ExtractWarning] = field(default_factory=list)

    def get(self, name: str) -> list[Any]:
        return self.records.get(name, [])


def check_order(finders: Sequence[Finder]) -> None:
    """Every finder's needs are met by a finder before it; a wrong list is a bug, so it raises."""
    seen = {"sections"}
    for f in finders:
        missing = [n for n in f.needs if n not in seen]
        if missing:
            raise ValueError(f"finder {f.name!r} needs {missing} before it")
        if f.name in seen:
            raise ValueError(f"finder {f.name!r} listed twice")
        seen.add(f.name)


def run_finders(doc: DocText, finders: Sequence[Finder], options: FinderOptions | None = None) -> Findings:
    """Run the finders in order; one that does not apply to the document yields no records."""
    options = options or FinderOptions()
    out = Findings(records={"sections": list(doc.sections)})
    for f in finders:
        if not f.applies(doc):
            out.records[f.name] = []
            continue
        found = f.find(doc, out.records, options)
        out.records[f.name] = list(found.records)
        for name, recs in found.revised.items():
            if name not in f.needs:
                raise ValueError(f"finder {f.name!r} revised {name!r}, which it does not declare it needs")
            out.records[name] = list(recs)
        out.warnings.extend(found.warnings)
    return out
