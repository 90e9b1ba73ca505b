"""The layers (ARCHITECTURE.md) are enforced: import-linter's contracts in pyproject.toml must all be kept.

bot: cli -> runner -> adapters -> app -> features (ingest, quotes, stories, digest, follow, jobs, ask)
-> store -> core (types, grammar, errors, outputs, cooldown, service), settings; summarizers imports nothing of bot;
textkit (the text toolkit both use) imports neither.
"""
from __future__ import annotations

import ast
from contextlib import chdir
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept(capsys) -> None:  # noqa: ANN001
    with chdir(ROOT):
        code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "3 kept, 0 broken" in out


def _function_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom) and sub.module and sub.module.split(".")[0] in ("bot", "summarizers", "textkit"):
                    found.append(f"{path.relative_to(ROOT)}:{sub.lineno} {sub.module}")
    return found


# Imports inside functions that stay, each for a reason other than a cycle: the command line and `run` load
# only what a command needs (start-up time, optional platforms); the job modules load procrastinate's task
# definitions only where a PostgreSQL job queue is used.
LAZY_ON_PURPOSE = {"bot/cli.py", "bot/runner.py", "bot/jobs/engine.py", "bot/jobs/commands.py", "bot/jobs/tasks.py"}





def test_no_import_inside_a_function_dodges_a_cycle() -> None:
    found = [hit for folder in ("bot", "summarizers", "textkit") for p in sorted((ROOT / folder).rglob("*.py"))
             if str(p.relative_to(ROOT)) not in LAZY_ON_PURPOSE for hit in _function_imports(p)]
    assert not found, found
