"""The `newsbrief` command on a real SQLite file: in-process through typer's CliRunner (``run``), with true
end-to-end runs in separate processes (``run_process``) for the first ingest, a bad config and the console."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli_inprocess import run_cli as run
from tests.cli_inprocess import run_process

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("cli") / "cli.db"
    e = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBRIEF_", "DISCORD_", "SLACK_"))}
    e["NEWSBRIEF_DATABASE_URL"] = f"sqlite:///{db}"
    e["NEWSBRIEF_CONFIG"] = str(ROOT / "config" / "newsbrief.yaml")
    first = run_process(["ingest", "samples/articles"], e)
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
    out = run_process(["articles"], {**env, "NEWSBRIEF_CONFIG": str(cfg)})
    assert out.returncode == 2 and "limits.cooldwn_seconds" in out.stderr and str(cfg) in out.stderr


def test_console_mode_answers_typed_commands(env: dict[str, str]) -> None:
    out = run_process(["run"], env, stdin="help\narticles\nwhat did Putin say about Hanukkah\nquit\n")
    assert out.returncode == 0, out.stderr
    assert "newsbrief console" in out.stdout
    assert "Netanyahu in Moscow" in out.stdout
    assert "triumph of light over dark" in out.stdout


def test_stories_group_the_samples_into_three_events(env: dict[str, str]) -> None:
    stories = json.loads(run(["stories", "--json"], env).stdout)
    titles = {a["id"]: a["title"] for a in json.loads(run(["articles", "--json"], env).stdout)}
    groups = sorted(sorted(titles[i] for i in s["article_ids"]) for s in stories)
    paris = sorted(t for t in titles.values() if t.startswith(("Putin and", "Netanyahu and Putin", "PM: Israel")))
    assert len(stories) == 3 and paris in groups
    assert ["Netanyahu in Moscow"] in groups
    assert all(s["headline"] for s in stories)


def test_digest_shows_every_story_with_sources_and_no_sentence_twice(env: dict[str, str]) -> None:
    data = json.loads(run(["digest", "--json"], env).stdout)
    assert len(data["stories"]) == 3
    assert data["stories"][0]["outlets"] >= 3  # the most reported event comes first
    for story in data["stories"]:
        assert story["sources"] and story["summary"]
        from summarizers.text import sentences

        said = sentences(story["summary"])
        assert len(said) == len(set(said))


def test_ask_putin_hanukkah_on_the_samples(env: dict[str, str]) -> None:
    data = json.loads(run(["ask", "--json", "what did Putin say about Hanukkah"], env).stdout)
    assert data["speaker"] == "Vladimir Putin" and data["quotes"]
    assert all(q["speaker"] == "Vladimir Putin" for q in data["quotes"])
    text = " ".join(q["text"] for q in data["quotes"])
    assert "triumph of light over dark" in text and "international affairs" in text
    assert "soldier" not in text.lower()
    outlets = {s["outlet"] for q in data["quotes"] for s in q["sources"]}
    assert {"United with Israel", "i24news", "The Times of Israel"} <= outlets
    none = json.loads(run(["ask", "--json", "what did Obama say about Hanukkah"], env).stdout)
    assert none["quotes"] == [] and "Obama" in none["answer"]
