"""Run mypy once over the project: the strict modules must be clean, the rest may not get worse.

The strict modules are the ones pyproject's `[tool.mypy]` overrides make strict (the spine and its
types). Every other error is counted against the number in `.ci/mypy-baseline`, so the count can
only go down; `--update` writes the current count there after a clean-up.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / ".ci" / "mypy-baseline"
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error: ")


def strict_modules() -> list[str]:
    """Module patterns of the override that turns the strict flags on."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for override in config["tool"]["mypy"].get("overrides", []):
        if override.get("disallow_untyped_defs"):
            modules = override["module"]
            return [modules] if isinstance(modules, str) else list(modules)
    return []


def is_strict(path: str, patterns: list[str]) -> bool:
    """Whether a reported file belongs to one of the strict module patterns ('a.b.*' or 'a.b')."""
    module = path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    for pattern in patterns:
        if pattern.endswith(".*"):
            base = pattern[:-2]
            if module == base or module.startswith(base + "."):
                return True
        elif module == pattern:
            return True
    return False


def main(argv: list[str]) -> int:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--no-pretty", "--show-absolute-path"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.stderr.strip():
        print(proc.stderr.strip())
    if proc.returncode not in (0, 1):  # 2: mypy itself failed (bad config, crash)
        print(proc.stdout)
        print(f"mypy did not run cleanly (exit {proc.returncode})")
        return 2
    patterns = strict_modules()
    strict: list[str] = []
    rest: list[str] = []
    for line in proc.stdout.splitlines():
        m = ERROR.match(line)
        if not m:
            continue
        path = Path(m["path"]).resolve().relative_to(ROOT).as_posix()
        line = path + line[len(m["path"]) :]
        (strict if is_strict(path, patterns) else rest).append(line)
    baseline = int(BASELINE.read_text(encoding="utf-8").split()[0])
    if "--update" in argv:
        BASELINE.write_text(f"{len(rest)}\n", encoding="utf-8")
        print(f"{BASELINE.relative_to(ROOT)} now holds {len(rest)} (was {baseline})")
        baseline = len(rest)
    failed = False
    if strict:
        print("\n".join(strict))
        print(f"mypy: {len(strict)} error(s) in the strict modules ({', '.join(patterns)}): they must have none")
        failed = True
    if len(rest) > baseline:
        print("\n".join(rest))
        print(f"mypy: {len(rest)} errors outside the strict modules, more than the {baseline} of .ci/mypy-baseline")
        failed = True
    elif len(rest) < baseline:
        print(
            f"mypy: {len(rest)} errors outside the strict modules, fewer than the {baseline} of .ci/mypy-baseline: "
            "lower it (python .ci/mypy_ratchet.py --update)"
        )
    if not failed:
        print(f"mypy: strict modules clean; {len(rest)} errors elsewhere (baseline {baseline})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
