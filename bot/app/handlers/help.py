"""help: the command list, the same on every front end."""
from __future__ import annotations

from bot.core.commands import HELP_LINES
from bot.core.types import Command, Reply, Section


def help_reply(cmd: Command) -> Reply:
    return Reply(
        title="newsbrief: news briefings and who-said-what",
        text="Ask in plain words, e.g. `what did <person> say about <topic>`, or use a command:",
        sections=tuple(Section(title=usage, body=what) for usage, what in HELP_LINES),
        ephemeral=True,
        data=[{"usage": u, "description": d} for u, d in HELP_LINES],
    )
