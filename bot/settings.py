"""The single configuration schema: a YAML file, overridden by environment variables.

Precedence (highest first): environment variables (``NEWSBRIEF_*``; nested keys
with ``__``, e.g. ``NEWSBRIEF_LIMITS__MAX_QUESTION_CHARS=300``), then the YAML
file named by ``NEWSBRIEF_CONFIG`` (default ``config/newsbrief.yaml`` when it
exists), then defaults. Tokens are read only from the environment and are never
printed (``SecretStr``).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

DEFAULT_CONFIG = Path("config/newsbrief.yaml")


class ConfigError(ValueError):
    """Bad configuration: the message names the file and the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FeedConfig(_Section):
    url: str
    name: str | None = None
    interval_minutes: int = Field(30, ge=1, le=24 * 60)


class ChannelConfig(_Section):
    """A destination that gets digests on a schedule, declared in the file."""

    destination: str  # "console:demo", "discord:<channel id>", "slack:<channel id>"
    schedule: str  # "daily 08:00", "every 1 minute", "hourly", or 5-field cron
    timezone: str = "UTC"
    topics: list[str] = []
    method: str | None = None


class LimitsConfig(_Section):
    max_question_chars: int = Field(500, ge=10)
    max_fetch_bytes: int = Field(5_000_000, ge=1024)  # fetched pages and local files alike
    fetch_timeout_seconds: float = Field(15.0, gt=0)  # a whole fetch (all hops and reads)
    feed_max_new_items: int = Field(50, ge=1)  # new entries stored per feed poll, newest first
    fetch_parallel: int = Field(8, ge=1, le=64)  # article pages of a feed fetched at once
    fetch_per_host: int = Field(2, ge=1, le=16)  # ...and at most this many from one host
    max_redirects: int = Field(5, ge=0, le=20)
    cooldown_seconds: float = Field(3.0, ge=0)
    digest_stories: int = Field(8, ge=1, le=50)
    first_digest_window_hours: int = Field(24, ge=1)
    missed_digest_grace_minutes: int = Field(60, ge=0)
    feed_max_failures: int = Field(10, ge=1)


class SummaryConfig(_Section):
    method: str = "newsbrief"
    sentences: int = Field(3, ge=1, le=10)
    max_chars: int = Field(600, ge=80)


class NetworkConfig(_Section):
    #: Hosts or CIDR ranges that may be fetched although private/loopback (tests, intranets).
    allow_private: list[str] = []
    user_agent: str = "newsbrief/0.1 (+https://github.com/newsbrief/newsbrief)"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSBRIEF_", env_nested_delimiter="__", extra="forbid"
    )

    database_url: str = "sqlite:///data/newsbrief.db"
    feeds: list[FeedConfig] = []
    channels: list[ChannelConfig] = []
    summary: SummaryConfig = SummaryConfig()
    limits: LimitsConfig = LimitsConfig()
    network: NetworkConfig = NetworkConfig()
    post_empty_digest: bool = False
    log_level: str = "INFO"

    # Front ends. Tokens come from the environment only (see ``_env_secrets``).
    discord_api_base: str | None = None
    discord_gateway: str | None = None
    discord_shard_count: int | None = Field(None, ge=1)  # several processes: total shards
    discord_shard_ids: list[int] | None = None  # ...and the shards this process runs
    discord_message_content: bool = False  # privileged intent; mentions and DMs work without it
    slack_api_url: str | None = None
    slack_port: int = 3000
    slack_admin_group: str | None = None

    discord_token: SecretStr | None = Field(None, exclude=True)
    slack_bot_token: SecretStr | None = Field(None, exclude=True)
    slack_app_token: SecretStr | None = Field(None, exclude=True)
    slack_signing_secret: SecretStr | None = Field(None, exclude=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (env_settings, init_settings)

    @property
    def has_discord(self) -> bool:
        return self.discord_token is not None

    @property
    def has_slack(self) -> bool:
        return self.slack_bot_token is not None


_TOKEN_ENV = {
    "discord_token": "DISCORD_TOKEN",
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_app_token": "SLACK_APP_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
}
_SECRET_KEYS = set(_TOKEN_ENV)


def _describe(err: ValidationError, origin: str) -> str:
    lines = [f"Invalid configuration in {origin}:"]
    for e in err.errors():
        key = ".".join(str(p) for p in e["loc"]) or "(root)"
        if e["type"] == "extra_forbidden":
            lines.append(f"  - unknown key '{key}' (check its spelling)")
        else:
            lines.append(f"  - {key}: {e['msg']}")
    return "\n".join(lines)


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Read the YAML file, apply environment overrides, validate; raise ConfigError."""
    explicit = path or os.environ.get("NEWSBRIEF_CONFIG")
    cfg_path = Path(explicit) if explicit else DEFAULT_CONFIG
    data: dict[str, Any] = {}
    origin = "environment"
    if cfg_path.exists():
        origin = str(cfg_path)
        try:
            loaded = yaml.safe_load(cfg_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{cfg_path}: not valid YAML: {exc}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"{cfg_path}: the top level must be a mapping of keys")
        data = loaded
    elif explicit:
        raise ConfigError(f"Configuration file not found: {cfg_path}")
    for key in _SECRET_KEYS & set(data):
        raise ConfigError(
            f"{cfg_path}: '{key}' must not be in the file; set {_TOKEN_ENV[key]} in the environment"
        )
    for key, env in _TOKEN_ENV.items():
        if os.environ.get(env):
            data[key] = os.environ[env]
    data.update(overrides)
    try:
        return Settings(**data)
    except ValidationError as err:
        raise ConfigError(_describe(err, origin)) from None
