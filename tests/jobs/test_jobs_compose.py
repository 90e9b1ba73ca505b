"""docker-compose.yml's worker service: scales (no fixed ports or names), same database as the bot."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_worker_service_scales_and_shares_the_bots_database() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    worker = services["worker"]
    assert worker["command"][:2] == ["newsbrief", "worker"]
    assert "ports" not in worker and "container_name" not in worker  # --scale worker=4 works
    assert worker["environment"]["NEWSBRIEF_DATABASE_URL"] == services["bot"]["environment"]["NEWSBRIEF_DATABASE_URL"]
    assert worker["depends_on"]["db"]["condition"] == "service_healthy"
    known = {f"NEWSBRIEF_{name.upper()}" for name in Settings.model_fields} | {"NEWSBRIEF_CONFIG"}
    assert set(worker["environment"]) <= known
