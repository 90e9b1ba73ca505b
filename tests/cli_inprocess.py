"""Run the ``newsbrief`` command in this process (typer's CliRunner), answering like ``subprocess.run``.

The program's own start-up is the same (``bot.cli.app``); only the interpreter start and imports are shared.
A few tests keep true end-to-end runs in separate processes (``python -m bot.cli``).
"""
from __future__ import annotations

import os
import subprocess
import sys
from contextlib import chdir
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
_OURS = ("NEWSBRIEF_", "DISCORD_", "SLACK_")


def run_cli(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``newsbrief ARGS`` with exactly ``env``'s NEWSBRIEF_/DISCORD_/SLACK_ variables, from the repository root."""
    from bot.cli import app

    overrides: dict[str, str | None] = {k: v for k, v in env.items() if k.startswith(_OURS)}
    overrides.update({k: None for k in os.environ if k.startswith(_OURS) and k not in env})
    with chdir(ROOT):
        result = CliRunner().invoke(app, args, env=overrides, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def run_process(args: list[str], env: dict[str, str], stdin: str | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """A true end-to-end run: a new interpreter, ``python -m bot.cli ARGS``."""
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=timeout)
