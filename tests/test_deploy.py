"""docker-compose.yml and the Dockerfile stay true to the app (no Docker engine runs in CI)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.settings import Settings, _TOKEN_ENV

ROOT = Path(__file__).resolve().parent.parent


def _known_env_vars() -> set[str]:
    known = {f"NEWSBRIEF_{name.upper()}" for name in Settings.model_fields} | {"NEWSBRIEF_CONFIG"}
    return known | set(_TOKEN_ENV.values())


def test_every_variable_compose_sets_is_one_the_app_reads() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    env = compose["services"]["bot"]["environment"]
    unknown = set(env) - _known_env_vars()
    assert not unknown, f"docker-compose sets variables the app ignores: {unknown}"
    assert env["NEWSBRIEF_DATABASE_URL"].startswith("postgresql://")
    assert compose["services"]["bot"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert any(v.endswith(":/app/data") for v in compose["services"]["bot"]["volumes"])


def test_compose_database_url_matches_the_postgres_service() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    pg = compose["services"]["db"]["environment"]
    url = compose["services"]["bot"]["environment"]["NEWSBRIEF_DATABASE_URL"]
    assert url == f"postgresql://{pg['POSTGRES_USER']}:{pg['POSTGRES_PASSWORD']}@db:5432/{pg['POSTGRES_DB']}"


def test_dockerfile_copies_every_package_and_runs_the_bot() -> None:
    docker = (ROOT / "Dockerfile").read_text()
    for folder in ("bot", "summarizers", "textkit", "config"):
        assert re.search(rf"^COPY {folder} ", docker, re.M), folder
    assert "[postgres]" in docker and 'CMD ["newsbrief", "run"]' in docker
