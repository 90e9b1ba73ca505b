"""Helpers for the follow tests: samples by name, commands through the real core, alerts as JSON."""
from __future__ import annotations

from pathlib import Path

from bot.app import App
from bot.core.types import Command, CommandKind, Destination, Reply, User
from bot.follow.store import list_alerts

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "samples" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The bundled samples by what they are.
MOSCOW = "002_a026adb04e678f74.txt"  # Putin and Netanyahu in Moscow (terror, economic ties), no Hanukkah
I24 = "001_ab22bda9c27d4d3a.txt"  # i24news, Paris: Putin's Hanukkah wishes ("symbolizes the triumph of light over dark")
UNITED = "000_8d03734dd4606b3e.txt"  # United with Israel, Paris: the same Hanukkah remark, at length
ASSAD = "004_e09814b4417300ca.txt"  # Putin: military support to Assad (no Hanukkah)


def ingest(app: App, name: str) -> list[int]:
    path = SAMPLES / name if (SAMPLES / name).exists() else FIXTURES / name
    return app.ingestor.ingest([str(path)]).added


def command(app: App, kind: CommandKind, args: dict[str, str], *, dest: str = "console:team",
            manage: bool = True, dm: bool = False, user: str = "u1") -> Reply:
    return app.core.handle_sync(Command(kind, args, User(user, user, manage), Destination.from_key(dest), dm))


def follow(app: App, person: str, topic: str | None = None, *, dest: str = "console:team") -> Reply:
    args = {"person": person, **({"topic": topic} if topic else {})}
    reply = command(app, CommandKind.FOLLOW, args, dest=dest)
    assert not reply.error, reply.text
    return reply


def alerts(app: App) -> list[dict]:
    return list_alerts(app.db)
