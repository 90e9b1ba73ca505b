"""The per-user cooldown lives in the core, once for every front end."""
from __future__ import annotations

import asyncio

import pytest

from bot.core.cooldown import UserCooldowns
from bot.core.service import CoreLimits, NewsCore
from bot.core.types import Command, CommandKind, Destination, Platform, Reply, User


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _cmd(kind: CommandKind, user: str, platform: Platform = Platform.DISCORD) -> Command:
    return Command(kind, {"question": "q"}, User(user), Destination(platform, "c1"))


def test_one_command_per_window_per_user_on_each_platform() -> None:
    clock = Clock()
    core = NewsCore({CommandKind.ASK: lambda c: Reply(text="ok"), CommandKind.HELP: lambda c: Reply(text="help")},
                    CoreLimits(cooldown_seconds=3), clock=clock)
    assert core.handle_sync(_cmd(CommandKind.ASK, "u1")).text == "ok"
    refused = core.handle_sync(_cmd(CommandKind.ASK, "u1"))
    assert refused.error and refused.ephemeral and refused.retry_after == 3 and "try again in 3 s" in refused.text
    assert core.handle_sync(_cmd(CommandKind.HELP, "u1")).text == "help"  # help is never limited
    assert core.handle_sync(_cmd(CommandKind.ASK, "u2")).text == "ok"  # another user
    assert core.handle_sync(_cmd(CommandKind.ASK, "u1", Platform.SLACK)).text == "ok"  # same id, another platform
    assert core.handle_sync(_cmd(CommandKind.ASK, "cli", Platform.CONSOLE)).text == "ok"
    assert core.handle_sync(_cmd(CommandKind.ASK, "cli", Platform.CONSOLE)).text == "ok"  # console: never limited
    clock.now += 1.2
    assert core.handle_sync(_cmd(CommandKind.ASK, "u1")).retry_after == pytest.approx(1.8)
    clock.now += 1.8
    assert asyncio.run(core.handle(_cmd(CommandKind.ASK, "u1"))).text == "ok"


def test_rate_and_disabled() -> None:
    clock = Clock()
    limit = UserCooldowns(2, 10, clock=clock)
    assert limit.hit("a") == 0 and limit.hit("a") == 0 and limit.hit("a") == 10
    clock.now += 4
    assert limit.hit("a") == 6  # a refusal is not counted
    assert UserCooldowns(1, 0).hit("a") == 0 == UserCooldowns(1, 0).hit("a")
    core = NewsCore({CommandKind.ASK: lambda c: Reply(text="ok")})  # default: no limit
    assert [core.handle_sync(_cmd(CommandKind.ASK, "u")).text for _ in range(3)] == ["ok"] * 3
