"""`newsbrief quotes`: the contract other tools read (fields, offsets, JSONL, errors).

In process through typer's CliRunner; one subprocess test checks the installed entry point
works with no usable database at all.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"start", "end", "text", "kind", "cue", "speaker_start", "speaker_end", "speaker"}

# Invented people and places; curly quotes, accents and an emoji (one Python character, four
# UTF-8 bytes) make character offsets differ from byte offsets.
ARTICLES = {
    "lakeside-gazette.txt": """Bridge over the Vellin to open in May

By: Mira Tanaka, Lakeside Gazette

Mayor Ilse Brandt said on Monday that the new bridge over the Vellin will open in May. 🎉

“We are proud of every worker on this site,” Brandt said. “They never gave up, not even in the floods.”

Councillor Omar Haddad said the budget had doubled since the first plans were drawn.
""",
    "north-bulletin.txt": """Council argues over bridge costs

By: Jonas Ek, North Bulletin

Councillor Omar Haddad told the council on Tuesday that the bridge budget had doubled.

"This is not how public money should be spent," Haddad said.
""",
}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def no_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Settings that cannot be loaded and a database that cannot be opened: --file needs neither."""
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(tmp_path / "no-such-config.yaml"))
    monkeypatch.setenv("NEWSBRIEF_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")


def _check_offsets(text: str, quotes: list[dict]) -> None:
    assert quotes
    for q in quotes:
        assert FIELDS <= set(q)
        assert q["kind"] in ("direct", "reported")
        assert q["text"] == text[q["start"]:q["end"]]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_mention"]


def test_file_json_gives_offsets_into_the_file_as_read(runner: CliRunner, folder: Path, no_database: None) -> None:
    path = folder / "lakeside-gazette.txt"
    out = runner.invoke(app, ["quotes", "--file", str(path), "--json"])
    assert out.exit_code == 0, out.output
    assert len(out.stdout.strip().splitlines()) == 1  # also a valid one-line PRED.jsonl
    row = json.loads(out.stdout)
    assert row["name"] == "lakeside-gazette" and row["file"] == str(path)
    text = path.read_bytes().decode("utf-8")
    _check_offsets(text, row["quotes"])
    by_text = {q["text"]: q for q in row["quotes"]}
    bridge = by_text["the new bridge over the Vellin will open in May"]
    assert (bridge["kind"], bridge["cue"], bridge["speaker"]) == ("reported", "said", "Ilse Brandt")
    proud = next(q for q in row["quotes"] if q["text"].startswith("We are proud"))
    assert proud["kind"] == "direct" and proud["speaker"] == "Ilse Brandt"
    assert text[proud["speaker_start"]:proud["speaker_end"]] == "Brandt"
    assert proud["start"] > text.index("🎉")  # character offsets, not byte offsets


def test_several_files_or_a_folder_print_jsonl(runner: CliRunner, folder: Path, no_database: None) -> None:
    for args in (["--file", str(folder)],
                 ["--file", str(folder / "lakeside-gazette.txt"), "--file", str(folder / "north-bulletin.txt")]):
        out = runner.invoke(app, ["quotes", *args, "--json"])
        assert out.exit_code == 0, out.output
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert [r["name"] for r in rows] == ["lakeside-gazette", "north-bulletin"]
        for r in rows:
            _check_offsets(Path(r["file"]).read_text(encoding="utf-8"), r["quotes"])
        haddad = [q for q in rows[1]["quotes"] if "Haddad" in (q["speaker"] or "")]
        assert any(q["text"] == "This is not how public money should be spent" for q in haddad)


def test_file_without_json_is_a_readable_listing(runner: CliRunner, folder: Path, no_database: None) -> None:
    out = runner.invoke(app, ["quotes", "--file", str(folder / "north-bulletin.txt")])
    assert out.exit_code == 0, out.output
    assert "north-bulletin" in out.stdout and "Omar Haddad" in out.stdout
    assert "“This is not how public money should be spent”" in out.stdout
    assert "{" not in out.stdout


def test_bad_files_are_one_clear_line(runner: CliRunner, tmp_path: Path, no_database: None) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owner Rosa Lind said prices will rise.".encode("latin-1"))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (tmp_path / "empty-folder").mkdir()
    cases = {
        str(tmp_path / "missing.txt"): "no such file",
        str(tmp_path / "latin1.txt"): "not UTF-8",
        str(tmp_path / "image.txt"): "binary",
        str(tmp_path / "empty-folder"): "without .txt files",
    }
    for path, message in cases.items():
        out = runner.invoke(app, ["quotes", "--file", path, "--json"])
        assert out.exit_code == 1, (path, out.output)
        assert out.stdout == ""
        assert message in out.stderr and path in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def test_exactly_one_of_id_or_file(runner: CliRunner, folder: Path, no_database: None) -> None:
    for args in ([], ["1", "--file", str(folder / "north-bulletin.txt")]):
        out = runner.invoke(app, ["quotes", *args])
        assert out.exit_code == 2 and "exactly one" in out.stderr


@pytest.fixture()
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSBRIEF_DATABASE_URL", f"sqlite:///{tmp_path / 'quotes.db'}")
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(ROOT / "config" / "newsbrief.yaml"))


def test_stored_quotes_of_an_ingested_article(runner: CliRunner, folder: Path, database: None) -> None:
    ingested = runner.invoke(app, ["ingest", str(folder), "--json"])
    assert ingested.exit_code == 0, ingested.output
    assert len(json.loads(ingested.stdout)["added"]) == 2
    listed = {a["title"]: a["id"] for a in json.loads(runner.invoke(app, ["articles", "--json"]).stdout)}
    article_id = listed["Bridge over the Vellin to open in May"]

    out = runner.invoke(app, ["quotes", str(article_id), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["article_id"] == article_id and data["title"] == "Bridge over the Vellin to open in May"
    text = json.loads(runner.invoke(app, ["show", str(article_id), "--json"]).stdout)["text"]
    _check_offsets(text, data["quotes"])
    speakers = " | ".join(q["speaker"] or "" for q in data["quotes"])
    assert "Ilse Brandt" in speakers and "Omar Haddad" in speakers
    # Speaker offsets are not stored; extraction is deterministic, so they are recomputed.
    assert all(q["speaker_start"] is not None for q in data["quotes"])

    # The stored quotes are what `quotes --file` finds in the article's text.
    cleaned = folder.parent / "cleaned.txt"
    cleaned.write_text(text, encoding="utf-8")
    fresh = json.loads(runner.invoke(app, ["quotes", "--file", str(cleaned), "--json"]).stdout)["quotes"]
    keys = ("start", "end", "kind", "cue", "speaker_start", "speaker_end", "speaker")
    assert [[q[k] for k in keys] for q in data["quotes"]] == [[q[k] for k in keys] for q in fresh]

    plain = runner.invoke(app, ["quotes", str(article_id)])
    assert plain.exit_code == 0 and "Ilse Brandt" in plain.stdout and "We are proud of every worker" in plain.stdout


def test_unknown_article_is_an_error(runner: CliRunner, database: None) -> None:
    out = runner.invoke(app, ["quotes", "999", "--json"])
    assert out.exit_code == 1
    assert "no article #999" in json.loads(out.stdout)["error"].lower()
    plain = runner.invoke(app, ["quotes", "999"])
    assert plain.exit_code == 1 and "no article #999" in plain.stdout.lower()


def test_installed_command_needs_no_database(folder: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBRIEF_", "DISCORD_", "SLACK_"))}
    env["NEWSBRIEF_CONFIG"] = str(tmp_path / "no-such-config.yaml")
    env["NEWSBRIEF_DATABASE_URL"] = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    out = subprocess.run([sys.executable, "-m", "bot.cli", "quotes", "--file", str(folder), "--json"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["name"] for r in rows] == ["lakeside-gazette", "north-bulletin"] and all(r["quotes"] for r in rows)
