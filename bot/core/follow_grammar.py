"""The chat words for following and timelines (``bot.core.commands.parse`` hands them here).

    follow <person> [on <topic>]        follow add <person> [--topic T]
    follow list | follows               follow remove ID | unfollow ID|<person>
    timeline <person> [on <topic>]      alerts
"""
from __future__ import annotations

import re
import shlex

from bot.core.types import CommandKind

WORDS = frozenset({"follow", "unfollow", "follows", "following", "timeline", "alerts"})
USAGE = ('Usage: follow <person> [on <topic>] · follow list · follow remove ID · '
         'timeline <person> [on <topic>]')

_ON = re.compile(r"\s+(?:on|about|regarding)\s+", re.I)
_FLAG = re.compile(r"\s--?(topic|on|about)\s+(?P<v>\"[^\"]*\"|'[^']*'|\S.*?)(?=\s--?\w|$)", re.I)


def _unquote(value: str) -> str:
    value = value.strip()
    try:
        parts = shlex.split(value)
    except ValueError:
        return value.strip("\"'“”")
    return " ".join(parts) if parts else ""


def person_and_topic(text: str) -> dict[str, str]:
    """ "Jane Smith on housing" / "\"Smith\" --topic housing" -> {"person", "topic"}."""
    text = " " + text.strip()
    args: dict[str, str] = {}
    m = _FLAG.search(text)
    if m:
        args["topic"] = _unquote(m.group("v"))
        text = text[:m.start()] + text[m.end():]
    text = text.strip()
    if "topic" not in args:
        quoted = re.match(r"^([\"“'])(?P<p>.+?)[\"”']\s*(?:(?:on|about|regarding)\s+(?P<t>.+))?$", text, re.I)
        if quoted:
            args["person"] = quoted.group("p").strip()
            if quoted.group("t"):
                args["topic"] = _unquote(quoted.group("t"))
            return args
        parts = _ON.split(text, maxsplit=1)
        if len(parts) == 2:
            text, args["topic"] = parts[0], _unquote(parts[1])
    args["person"] = _unquote(text)
    return {k: v for k, v in args.items() if v}


def follow_command(word: str, tail: str) -> tuple[CommandKind, dict[str, str]]:
    """(kind, args) for a line that starts with one of ``WORDS``."""
    tail = tail.strip()
    if word == "timeline":
        return CommandKind.TIMELINE, person_and_topic(tail)
    if word == "alerts":
        return CommandKind.ALERTS, {}
    if word in ("follows", "following"):
        return CommandKind.FOLLOWS, {}
    if word == "unfollow":
        return CommandKind.UNFOLLOW, {"follow": _unquote(tail)} if tail else {}
    sub, _, rest = tail.partition(" ")
    sub = sub.lower()
    if sub in ("list", "ls", "") and not rest.strip():
        return CommandKind.FOLLOWS, {}
    if sub in ("remove", "rm", "delete", "stop"):
        return CommandKind.UNFOLLOW, {"follow": _unquote(rest)} if rest.strip() else {}
    if sub == "add":
        tail = rest
    return CommandKind.FOLLOW, person_and_topic(tail)
