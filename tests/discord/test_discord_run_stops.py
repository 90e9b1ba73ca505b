"""Issue 13: `newsbrief run` with Discord stops within 5 s of SIGTERM (connected to the loopback
stand-in); a token Discord rejects ends it with one line, exit status 1 and no traceback."""
from __future__ import annotations

import time
from pathlib import Path

from aiohttp import web
from fake_discord import FakeDiscord

from tests.run_process import run_env, start_run, stop_and_time, wait_for_line

TOKEN = "MTIz.fake-discord-token-secret"


def discord_env(tmp_path: Path, api: str, gateway: str, level: str = "INFO") -> dict[str, str]:
    return run_env(tmp_path, DISCORD_TOKEN=TOKEN, NEWSBRIEF_DISCORD_API_BASE=api,
                   NEWSBRIEF_DISCORD_GATEWAY=gateway, NEWSBRIEF_LOG_LEVEL=level)


async def test_connected_discord_stops_within_5_s_of_sigterm(fake: FakeDiscord, tmp_path: Path) -> None:
    proc = await start_run(discord_env(tmp_path, fake.api_base, fake.gateway_url))
    await wait_for_line(proc.stderr, "Discord bot ready")  # type: ignore[arg-type]
    took, code, out, err = await stop_and_time(proc)
    assert took < 5, f"{took:.1f} s"
    assert code == 0 and "Traceback" not in err
    assert "secret" not in out + err


async def test_a_rejected_token_is_one_line_exit_1_and_no_traceback(tmp_path: Path) -> None:
    async def unauthorized(_request: web.Request) -> web.Response:
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_route("*", "/api/v10/{tail:.*}", unauthorized)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        started = time.monotonic()
        proc = await start_run(discord_env(tmp_path, f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/gw", "WARNING"))
        _out, err = await proc.communicate()
        took = time.monotonic() - started
    finally:
        await runner.cleanup()
    text = err.decode()
    assert proc.returncode == 1 and took < 30
    assert "Traceback" not in text and "secret" not in text
    lines = [x for x in text.splitlines() if x.startswith("newsbrief: ")]
    assert len(lines) == 1 and "Discord rejected DISCORD_TOKEN" in lines[0] and "Reset Token" in lines[0]
    assert not [x for x in text.splitlines() if " ERROR " in x], text  # the reason is said once
