"""One grammar for every front end: text (console line, mention, DM) -> Command.

Slash commands arrive with their options already split; adapters build the
Command directly from those, using the same ``CommandKind`` and argument names
listed in ``ARGUMENTS``.
"""
from __future__ import annotations

import re
import shlex

from bot.core.types import Command, CommandKind, Destination, Platform, User
from bot.core.follow_grammar import WORDS as FOLLOW_WORDS, follow_command

#: Argument names each command takes (slash-command options use the same names).
ARGUMENTS: dict[CommandKind, tuple[str, ...]] = {
    CommandKind.ASK: ("question",),
    CommandKind.BRIEF: ("since", "topic", "limit"),
    CommandKind.SUMMARY: ("article", "method", "sentences"),
    CommandKind.STORIES: ("since",),
    CommandKind.ARTICLES: ("limit",),
    CommandKind.SHOW: ("article",),
    CommandKind.SUBSCRIBE: ("schedule", "timezone", "topic", "method"),
    CommandKind.UNSUBSCRIBE: (),
    CommandKind.SUBSCRIPTIONS: (),
    CommandKind.FEEDS_ADD: ("url",),
    CommandKind.FEEDS_REMOVE: ("url",),
    CommandKind.FEEDS_LIST: (),
    CommandKind.SETTINGS: ("method", "sentences"),
    CommandKind.QUOTES: ("article",),
    CommandKind.HELP: (),
    CommandKind.FOLLOW: ("person", "topic"),
    CommandKind.UNFOLLOW: ("follow",),
    CommandKind.FOLLOWS: (),
    CommandKind.ALERTS: (),
    CommandKind.TIMELINE: ("person", "topic"),
}

HELP_LINES: tuple[tuple[str, str], ...] = (
    ("ask QUESTION", "what did X say about Y · who said \"…\" · news about Y · news"),
    ("brief [--topic T] [--since 2d]", "this channel's digest now"),
    ("summary ID|URL [--method M] [--sentences N]", "summarize one article"),
    ("stories [--since 2d]", "stories (events reported by several outlets)"),
    ("articles", "list stored articles"),
    ("show ID", "the cleaned text of an article"),
    ("quotes ID", "who said what in one article"),
    ("subscribe \"daily 08:00\" [--tz Europe/Berlin] [--topic T]", "schedule digests here"),
    ("unsubscribe", "stop scheduled digests here"),
    ("subscriptions", "list this channel's schedule"),
    ("follow PERSON [on TOPIC]", "an alert here when they say something new (follow list · follow remove ID)"),
    ("timeline PERSON [on TOPIC]", "what they said over time, first report first"),
    ("feeds add|remove|list [URL]", "manage the feeds polled for news"),
    ("settings [--method M] [--sentences N]", "this channel's summarizer"),
    ("help", "this list"),
)

_FLAG = re.compile(r"^--?([a-z][a-z-]*)$")
_ALIASES = {"tz": "timezone", "at": "schedule", "n": "sentences", "id": "article"}


_ARTICLE_REF = re.compile(r"\d+|https?://\S+")


class ParseError(ValueError):
    """The text could not be read as a command; the message is shown to the user."""


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # unbalanced quotes in free text: fall back to whitespace
        return text.split()


def _options(tokens: list[str], positional: tuple[str, ...]) -> dict[str, str]:
    args: dict[str, str] = {}
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        m = _FLAG.match(tokens[i])
        if m and i + 1 < len(tokens):
            name = m.group(1).replace("-", "_")
            args[_ALIASES.get(name, name)] = tokens[i + 1]
            i += 2
            continue
        rest.append(tokens[i])
        i += 1
    if rest and positional:
        args.setdefault(positional[0], " ".join(rest))
    return args


def parse(
    text: str,
    *,
    user: User | None = None,
    destination: Destination | None = None,
    is_dm: bool = False,
) -> Command:
    """Read a typed line. Free text that is not a command word is a question."""
    raw = text.strip()
    user = user or User("console", "console", True)
    destination = destination or Destination(Platform.CONSOLE, "console")

    def make(kind: CommandKind, args: dict[str, str]) -> Command:
        return Command(kind, args, user, destination, is_dm, raw)

    if not raw:
        raise ParseError("Empty message: type `help` to see what I can do.")
    head, _, tail = raw.partition(" ")
    word = head.lower().lstrip("/!")
    if word == "newsbrief":  # "/newsbrief ask …" (Slack) or "newsbrief help"
        return parse(tail, user=user, destination=destination, is_dm=is_dm)
    if word == "feeds":
        sub, _, url = tail.strip().partition(" ")
        kind = {
            "add": CommandKind.FEEDS_ADD,
            "remove": CommandKind.FEEDS_REMOVE,
            "rm": CommandKind.FEEDS_REMOVE,
            "list": CommandKind.FEEDS_LIST,
            "": CommandKind.FEEDS_LIST,
        }.get(sub.lower())
        if kind is None:
            raise ParseError("Usage: feeds add URL · feeds remove URL · feeds list")
        return make(kind, {"url": url.strip()} if url.strip() else {})
    if word in FOLLOW_WORDS:  # follow, unfollow, follows, timeline, alerts (bot.core.follow_grammar)
        return make(*follow_command(word, tail))
    aliases = {"summarize": "summary", "digest": "brief", "?": "help", "commands": "help"}
    word = aliases.get(word, word)
    try:
        kind = CommandKind(word)
    except ValueError:
        kind = None
    if kind is None or kind in (CommandKind.FEEDS_ADD, CommandKind.FEEDS_REMOVE, CommandKind.FEEDS_LIST):
        return make(CommandKind.ASK, {"question": raw})
    if kind is CommandKind.ASK:
        return make(kind, {"question": tail.strip()})
    if kind is CommandKind.QUOTES and not _ARTICLE_REF.fullmatch(tail.strip()):
        return make(CommandKind.ASK, {"question": raw})  # "quotes from X about Y" is a question
    return make(kind, _options(_split(tail), ARGUMENTS[kind]))
