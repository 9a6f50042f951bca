"""Loading spaCy pipelines: the memoised charset optimiser compiles the very same patterns."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]

from extract.finders import nlp

REPO = Path(__file__).resolve().parents[1]


def _code(pattern: str, flags: int) -> list[int]:
    return _compiler._code(_parser.parse(pattern, flags), flags)


def test_memoised_charsets_compile_the_same_code_and_are_undone() -> None:
    # repeated letter classes, case-insensitive, as in a tokenizer's exception list (fictional words)
    alts = [f"^{w}[-‐][a-zà-ÿ]+[a-zà-ÿ'’]*$" for w in ("abc", "sous", "près", "ultra")]
    pattern = "|".join(f"(?:{a})" for a in alts) + r"|[^\W\d]+|[\u0400-\u04ff]"
    flags = re.IGNORECASE | re.UNICODE
    plain = _code(pattern, flags)
    original = _compiler._optimize_charset
    with nlp._charsets_memoised():
        assert _compiler._optimize_charset is not original
        memoised = _code(pattern, flags)
        again = _code(pattern, flags)
    assert memoised == plain == again
    assert _compiler._optimize_charset is original


def test_importing_the_module_does_not_import_spacy() -> None:
    """A process whose documents never ask for a pipeline does not pay spaCy's import."""
    code = "import sys, extract.finders.nlp; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"
