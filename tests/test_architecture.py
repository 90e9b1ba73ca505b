"""The core stays platform-neutral: only the adapters may import discord or slack."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEUTRAL = ["bot/core", "bot/app", "bot/ask", "bot/ingest", "bot/quotes", "bot/stories", "bot/digest", "bot/follow",
           "bot/store", "summarizers"]
PLATFORM = ("discord", "slack_bolt", "slack_sdk")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("folder", NEUTRAL)
def test_core_packages_do_not_import_chat_platforms(folder: str) -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & set(PLATFORM))
        for p in (ROOT / folder).rglob("*.py")
        if _imports(p) & set(PLATFORM)
    }
    assert not offenders


def test_summarizers_do_not_depend_on_the_bot() -> None:
    offenders = [str(p) for p in (ROOT / "summarizers").rglob("*.py") if "bot" in _imports(p)]
    assert not offenders


def test_nothing_downloads_models_or_data_at_run_time() -> None:
    for folder in ("bot", "summarizers"):
        for p in (ROOT / folder).rglob("*.py"):
            text = p.read_text(encoding="utf-8")
            for call in ("nltk." + "download", "from_" + "pretrained("):
                assert call not in text, p
