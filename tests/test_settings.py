from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_example_config_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSBRIEF_CONFIG", raising=False)
    s = load_settings(ROOT / "config" / "newsbrief.yaml")
    assert s.summary.sentences == 3
    assert s.channels and s.channels[0].destination.startswith("console:")


def test_typo_names_the_key_and_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("summary:\n  methd: lexrank\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert "summary.methd" in str(exc.value) and str(cfg) in str(exc.value)


def test_bad_value_is_explained(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("limits:\n  max_question_chars: -4\n")
    with pytest.raises(ConfigError, match="limits.max_question_chars"):
        load_settings(cfg)


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("database_url: sqlite:///from-file.db\nlimits:\n  cooldown_seconds: 9\n  digest_stories: 4\n")
    monkeypatch.setenv("NEWSBRIEF_DATABASE_URL", "sqlite:///from-env.db")
    monkeypatch.setenv("NEWSBRIEF_LIMITS__COOLDOWN_SECONDS", "1.5")
    s = load_settings(cfg)
    assert s.database_url == "sqlite:///from-env.db"
    assert s.limits.cooldown_seconds == 1.5
    assert s.limits.digest_stories == 4  # the file's other keys in that section survive


def test_config_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("summary:\n  sentences: 5\n")
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(cfg))
    assert load_settings().summary.sentences == 5
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match="not found"):
        load_settings()


def test_tokens_only_from_environment_and_never_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("discord_token: abc\n")
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        load_settings(cfg)
    cfg.write_text("{}\n")
    monkeypatch.setenv("DISCORD_TOKEN", "very-secret-token")
    s = load_settings(cfg)
    assert s.has_discord
    assert "very-secret-token" not in repr(s) and "very-secret-token" not in str(s.model_dump())
