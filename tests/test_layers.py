"""Imports go down the layers only: running → outputs → finders → structure → reading → (text, lang).

Read statically with `ast` (nothing is imported), lazy imports inside functions included, so a
cycle cannot hide behind a function-level import. `schemas` and the `extract` package root
(DATA_DIR) are usable by every layer; `cli.py` may import anything and is not checked.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXTRACT = REPO / "extract"

RANK = {"running": 5, "outputs": 4, "finders": 3, "structure": 2, "reading": 1, "text": 0, "lang": 0}
"""A layer may import its own layer and the ones ranked below it."""
ALLOWED_BELOW = {"text": {"text"}, "lang": {"lang", "text"}}
"""The primitives import no other layer; the language data may use them (it folds month names)."""
ROOT = "extract"  # the package root: DATA_DIR only, importable from anywhere, imports no layer


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> str | None:
    """The layer of an `extract...` module, ROOT for the package itself, None outside extract."""
    parts = module.split(".")
    if parts[0] != "extract":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in RANK else ROOT


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """Absolute names an import statement reaches (for `from a import b`, also `a.b`: b may be a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".")
        base = base[: len(base) - node.level + (1 if is_package else 0)]
        prefix = ".".join([*base, node.module] if node.module else base)
    else:
        prefix = node.module or ""
    return [f"{prefix}.{alias.name}" if alias.name != "*" else prefix for alias in node.names]


def _allowed(source: str, target: str) -> bool:
    if target == ROOT:
        return True
    if source == ROOT:
        return False
    if source in ALLOWED_BELOW:
        return target in ALLOWED_BELOW[source]
    return RANK[target] <= RANK[source]


def _imports() -> Iterator[tuple[Path, str, int, str]]:
    """(file, its module, line, imported name) of every import under extract/, lazy ones included."""
    for path in sorted(EXTRACT.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name in _targets(node, module, path.name == "__init__.py"):
                    yield path, module, node.lineno, name


def violations() -> list[str]:
    found: list[str] = []
    for path, module, lineno, name in _imports():
        source, target = _layer(module), _layer(name)
        assert source is not None
        if target is None or target == source or _allowed(source, target):
            continue
        rel = path.relative_to(REPO).as_posix()
        found.append(f"{rel}:{lineno}: {source} → {target} ({module} imports {name})")
    return found


def cycles() -> list[list[str]]:
    """Groups of extract modules that import each other, directly or round a loop."""
    modules = {_module_name(p) for p in EXTRACT.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for _, module, _, name in _imports():
        while name and name not in modules:  # `from a.b import f` reaches module a.b
            name = name.rpartition(".")[0]
        if name and name != module:
            graph[module].add(name)
    return _loops(graph)


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one node, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            v, edges = work[-1]
            w = next(edges, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    group.append(w)
                    if w == v:
                        break
                if len(group) > 1:
                    out.append(sorted(group))
    return out


def test_imports_only_go_down_the_layers() -> None:
    bad = violations()
    assert not bad, "imports that go up or across the layers:\n" + "\n".join(bad)


def test_no_import_cycle_between_modules() -> None:
    assert not cycles(), "modules that import each other:\n" + "\n".join(" ↔ ".join(c) for c in cycles())


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"a"}}
    assert _loops(graph) == [["a", "b", "c"]]


def test_every_subpackage_is_a_known_layer() -> None:
    """A new folder under extract/ must be given a place in RANK (and in this check)."""
    folders = {p.parent.name for p in EXTRACT.glob("*/__init__.py")}
    assert folders <= set(RANK), sorted(folders - set(RANK))


@pytest.mark.parametrize(
    ("source", "target", "ok"),
    [
        ("running", "outputs", True),
        ("finders", "structure", True),
        ("reading", "text", True),
        ("reading", "lang", True),
        ("structure", "finders", False),
        ("outputs", "running", False),
        ("text", "lang", False),
        ("lang", "text", True),
        ("text", "reading", False),
        ("lang", "reading", False),
        ("finders", ROOT, True),
        (ROOT, "text", False),
    ],
)
def test_the_rule(source: str, target: str, ok: bool) -> None:
    assert _allowed(source, target) is ok


def test_relative_and_lazy_imports_are_resolved() -> None:
    tree = ast.parse("def f():\n    from ..structure import blocks\n    from . import base\n")
    names = [
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for name in _targets(node, "extract.finders.states", False)
    ]
    assert names == ["extract.structure.blocks", "extract.finders.base"]
