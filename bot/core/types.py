"""Platform-neutral types that cross the boundary between the core and the chat adapters.

Every string in these types is *plain text*: article text, titles and quotes are
untrusted, and each renderer (console, Discord, Slack) escapes them for its own
markup and disables mentions. Nothing here imports discord or slack.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Awaitable, Callable


class Platform(str, Enum):
    CONSOLE = "console"
    DISCORD = "discord"
    SLACK = "slack"


@dataclass(frozen=True)
class Destination:
    """Where a reply or a scheduled digest goes."""

    platform: Platform
    channel: str
    workspace: str | None = None  # Discord guild id / Slack team id
    thread: str | None = None

    @property
    def key(self) -> str:
        """Stable textual key, e.g. ``discord:123`` (used in the database)."""
        return f"{self.platform.value}:{self.channel}"

    @classmethod
    def from_key(cls, key: str, workspace: str | None = None) -> "Destination":
        platform, _, channel = key.partition(":")
        return cls(Platform(platform), channel, workspace)


@dataclass(frozen=True)
class User:
    id: str
    name: str = ""
    can_manage: bool = False  # platform said: may change this channel's setup


class CommandKind(str, Enum):
    ASK = "ask"
    BRIEF = "brief"
    SUMMARY = "summary"
    STORIES = "stories"
    ARTICLES = "articles"
    SHOW = "show"
    # The CLI's `quotes ID`. Not a chat word yet: the grammar (bot/core/commands.py) has no
    # ARGUMENTS entry for it, so the value cannot be typed (parse lowercases a single word).
    QUOTES = "quotes"
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"
    SUBSCRIPTIONS = "subscriptions"
    FEEDS_ADD = "feeds_add"
    FEEDS_REMOVE = "feeds_remove"
    FEEDS_LIST = "feeds_list"
    SETTINGS = "settings"
    HELP = "help"
    # Following a person (bot.follow): `follow`, `follow remove`, `follow list`, `alerts`, `timeline`.
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"
    FOLLOWS = "follows"
    ALERTS = "alerts"
    TIMELINE = "timeline"


#: Commands that change a channel's or server's setup (need ``User.can_manage``).
MANAGE_COMMANDS = frozenset(
    {
        CommandKind.SUBSCRIBE,
        CommandKind.UNSUBSCRIBE,
        CommandKind.FEEDS_ADD,
        CommandKind.FEEDS_REMOVE,
        CommandKind.SETTINGS,
        CommandKind.FOLLOW,
        CommandKind.UNFOLLOW,
    }
)

#: Setup a user may change for themselves in a direct message (their own follows).
PERSONAL_IN_DM = frozenset({CommandKind.FOLLOW, CommandKind.UNFOLLOW})


@dataclass(frozen=True)
class Command:
    kind: CommandKind
    args: dict[str, str] = field(default_factory=dict)
    user: User = field(default_factory=lambda: User("console", "console", True))
    destination: Destination = field(
        default_factory=lambda: Destination(Platform.CONSOLE, "console")
    )
    is_dm: bool = False
    raw_text: str = ""


@dataclass(frozen=True)
class Source:
    """A citation: one article that reports something."""

    article_id: int
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601


@dataclass(frozen=True)
class Section:
    """One item of a reply: a story, a quote, an article, a line of a list."""

    title: str | None = None
    body: str = ""
    quote: str | None = None
    quote_speaker: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Reply:
    """A neutral answer; each adapter renders it natively and splits it at its limits."""

    text: str = ""
    title: str | None = None
    sections: tuple[Section, ...] = ()
    footer: str | None = None
    ephemeral: bool = False
    error: bool = False
    data: Any = None  # machine-readable payload (the CLI's --json)
    retry_after: float | None = None  # a refusal by the per-user cooldown: seconds until the user may ask again


Handler = Callable[[Command], Awaitable[Reply]]
