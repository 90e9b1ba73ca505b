"""``newsbrief run`` as a real process, for tests of stopping and failing (SIGTERM, Ctrl-C)."""
from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKENS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


def run_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TOKENS and not k.startswith("NEWSBRIEF_")}
    env.update(NEWSBRIEF_DATABASE_URL=f"sqlite:///{tmp_path / 'run.db'}",
               NEWSBRIEF_CONFIG=str(ROOT / "config" / "newsbrief.yaml"), PYTHONUNBUFFERED="1", **extra)
    return env


async def start_run(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", *args, cwd=ROOT, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def wait_for_line(stream: asyncio.StreamReader, needle: str, timeout: float = 60) -> str:
    seen = []
    async with asyncio.timeout(timeout):
        while True:
            line = (await stream.readline()).decode()
            if not line:
                raise AssertionError(f"ended before {needle!r}: {''.join(seen)}")
            seen.append(line)
            if needle in line:
                return "".join(seen)


async def stop_and_time(proc: asyncio.subprocess.Process, sig: int = signal.SIGTERM,
                        limit: float = 20) -> tuple[float, int, str, str]:
    """Send ``sig``; (seconds until the process exited, exit status, rest of stdout, stderr)."""
    started = time.monotonic()
    proc.send_signal(sig)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout=limit)
    except asyncio.TimeoutError:
        proc.kill()
        out, err = await proc.communicate()
    return time.monotonic() - started, proc.returncode or 0, out.decode(), err.decode()
