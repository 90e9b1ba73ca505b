"""The speaker index follows the store: people added by later ingests are found, and a surname
first seen alone joins the full name that arrives later."""
from __future__ import annotations

from pathlib import Path

from bot.app import build_app
from bot.core.commands import parse
from bot.settings import load_settings


def test_later_ingests_extend_the_index(tmp_path: Path) -> None:
    settings = load_settings(Path(__file__).resolve().parents[2] / "config" / "newsbrief.yaml",
                             database_url=f"sqlite:///{tmp_path / 'db.sqlite'}")
    app = build_app(settings)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(
        "Harbour fees rise\n\nThe port board met on Monday to set next year's fees for the harbour.\n\n"
        "“The fees will rise in spring, and nobody on the board is happy about it,” Kask said on Monday.\n")
    (second / "b.txt").write_text(
        "Kask defends fees\n\nGovernor Ivo Kask defended the harbour plan on Tuesday in a long speech.\n\n"
        "“Nobody will pay more for the ferry, whatever the board decides this year,” Kask said.\n")
    assert app.ingestor.ingest([str(first)]).added
    assert app.core.handle_sync(parse("what did Kask say")).data["quotes"]
    other = build_app(settings)  # another process ingests; this one learns of it when asked
    assert other.ingestor.ingest([str(second)]).added
    data = app.core.handle_sync(parse("what did Ivo Kask say")).data
    texts = " ".join(q["text"] for q in data["quotes"])
    assert data["speaker"] == "Ivo Kask"
    assert "ferry" in texts and "spring" in texts  # the earlier bare "Kask" is Ivo Kask too
