"""The installed `newsbrief` command, as a user runs it (separate processes, real SQLite file)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("cli") / "cli.db"
    e = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBRIEF_", "DISCORD_", "SLACK_"))}
    e["NEWSBRIEF_DATABASE_URL"] = f"sqlite:///{db}"
    e["NEWSBRIEF_CONFIG"] = str(ROOT / "config" / "newsbrief.yaml")
    first = run(["ingest", "samples/articles"], e)
    assert first.returncode == 0, first.stderr
    assert "5 added" in first.stdout
    return e


def test_ingest_again_stores_nothing_twice(env: dict[str, str]) -> None:
    again = run(["ingest", "samples/articles", "--json"], env)
    assert json.loads(again.stdout)["duplicates"] == 5


def test_articles_json_lists_the_samples_with_real_titles(env: dict[str, str]) -> None:
    out = json.loads(run(["articles", "--json"], env).stdout)
    assert len(out) == 5
    titles = [a["title"] for a in out]
    assert "Netanyahu in Moscow" in titles
    assert "Netanyahu and Putin agree to expand and deepen military coordination" in titles
    assert all(a["source"].startswith("samples/articles/") for a in out)


def test_show_prints_clean_text(env: dict[str, str]) -> None:
    for article_id in range(1, 6):
        text = json.loads(run(["show", str(article_id), "--json"], env).stdout)["text"]
        for furniture in ("Leave a Reply", "Donate to Israel", "mailing list", "(AP)", "Sign the Petition", "Most Popular"):
            assert furniture not in text


def test_summarize_every_module(env: dict[str, str]) -> None:
    import summarizers

    for method in summarizers.available():
        out = run(["summarize", "2", "--method", method, "--json"], env)
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["method"] == method and data["summary"]


def test_errors_are_one_line_messages_with_exit_codes(env: dict[str, str]) -> None:
    missing = run(["show", "999"], env)
    assert missing.returncode == 1 and "no article #999" in missing.stdout.lower()
    bad = run(["summarize", "1", "--method", "nope"], env)
    assert bad.returncode == 1 and "Unknown summarizer" in bad.stdout
    nothing = run(["ingest", "no/such/folder"], env)
    assert nothing.returncode == 1 and "no such file or folder" in nothing.stderr


def test_bad_config_names_the_key(env: dict[str, str], tmp_path: Path) -> None:
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("limits:\n  cooldwn_seconds: 3\n")
    out = run(["articles"], {**env, "NEWSBRIEF_CONFIG": str(cfg)})
    assert out.returncode == 2 and "limits.cooldwn_seconds" in out.stderr and str(cfg) in out.stderr


def test_console_mode_answers_typed_commands(env: dict[str, str]) -> None:
    out = run(["run"], env, stdin="help\narticles\nwhat did Putin say about Hanukkah\nquit\n")
    assert out.returncode == 0, out.stderr
    assert "newsbrief console" in out.stdout
    assert "Netanyahu in Moscow" in out.stdout
    assert "triumph of light over dark" in out.stdout
