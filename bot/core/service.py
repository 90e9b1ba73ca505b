"""The platform-neutral command core: Command -> Reply, for every front end.

Adapters call ``NewsCore.handle``. Permission checks happen here again (the
platform may have checked already), CPU-heavy work runs in a worker thread so
the chat gateways' heartbeats never stall, and every failure becomes a short
reply for the user while the details go to the log.
"""
from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.cooldown import UserCooldowns
from bot.core.errors import PermissionDenied, UserError
from bot.core.types import MANAGE_COMMANDS, PERSONAL_IN_DM, Command, CommandKind, Platform, Reply

log = logging.getLogger(__name__)

SyncHandler = Callable[[Command], Reply]


@dataclass(frozen=True)
class CoreLimits:
    max_question_chars: int = 500
    cooldown_seconds: float = 0.0  # per user on chat platforms: ``cooldown_rate`` commands per this many seconds
    cooldown_rate: int = 1


#: Never rate limited: help, and the console and command line (one person at the keyboard).
NO_COOLDOWN = frozenset({CommandKind.HELP})
NO_COOLDOWN_PLATFORMS = frozenset({Platform.CONSOLE})


class NewsCore:
    def __init__(self, handlers: dict[CommandKind, SyncHandler], limits: CoreLimits = CoreLimits(), *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.handlers = handlers
        self.limits = limits
        self.cooldowns = UserCooldowns(limits.cooldown_rate, limits.cooldown_seconds, clock=clock)

    def cooldown(self, cmd: Command) -> Reply | None:
        """The refusal when the user is going too fast (``retry_after`` set; adapters render it), else None."""
        if cmd.kind in NO_COOLDOWN or cmd.destination.platform in NO_COOLDOWN_PLATFORMS:
            return None
        wait = self.cooldowns.hit((cmd.destination.platform, cmd.user.id))
        if not wait:
            return None
        return Reply(text=f"You're going a bit fast: try again in {math.ceil(wait)} s.", error=True, ephemeral=True,
                     retry_after=wait)

    def _check(self, cmd: Command) -> None:
        if cmd.kind in MANAGE_COMMANDS and not cmd.user.can_manage and not (cmd.is_dm and cmd.kind in PERSONAL_IN_DM):
            raise PermissionDenied(
                "Only people who can manage this server or channel can change its setup."
            )
        question = cmd.args.get("question", "")
        if cmd.kind is CommandKind.ASK:
            if not question.strip():
                raise UserError('Ask me something, e.g. "what did <person> say about <topic>".')
            if len(question) > self.limits.max_question_chars:
                raise UserError(
                    f"That question is {len(question)} characters long; "
                    f"please keep it under {self.limits.max_question_chars}."
                )

    def handle_sync(self, cmd: Command) -> Reply:
        refusal = self.cooldown(cmd)
        if refusal is not None:
            return refusal
        return self._run(cmd)

    def _run(self, cmd: Command) -> Reply:
        handler = self.handlers.get(cmd.kind)
        try:
            if handler is None:
                raise UserError(f"'{cmd.kind.value}' is not available here. Type `help`.")
            self._check(cmd)
            return handler(cmd)
        except UserError as exc:
            return Reply(text=str(exc), error=True, ephemeral=True)
        except Exception:
            log.exception("command %s failed (user %s)", cmd.kind.value, cmd.user.id)
            return Reply(
                text="Sorry, something went wrong while doing that. The details are in the bot's log.",
                error=True,
                ephemeral=True,
            )

    async def handle(self, cmd: Command) -> Reply:
        """Run the command in a worker thread (unless the cooldown refuses it at once); never raises."""
        refusal = self.cooldown(cmd)
        if refusal is not None:
            return refusal
        return await asyncio.to_thread(self._run, cmd)
