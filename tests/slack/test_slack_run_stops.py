"""Issue 13: `newsbrief run` in Slack Socket Mode stops within 5 s of SIGTERM (connected to the
loopback stand-in), and a Slack it cannot reach or that refuses a token ends it with one line
and exit status 1, without a traceback."""
from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

from aiohttp import web
from slack_fake import FakeSlack

from tests.run_process import run_env, start_run, stop_and_time, wait_for_line


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def slack_env(tmp_path: Path, api: str) -> dict[str, str]:
    return run_env(tmp_path, SLACK_BOT_TOKEN="xoxb-test-secret-123", SLACK_APP_TOKEN="xapp-test-secret-456",
                   NEWSBRIEF_SLACK_API_URL=api, NEWSBRIEF_LOG_LEVEL="INFO")


async def test_socket_mode_stops_within_5_s_of_sigterm(fake_slack: FakeSlack, tmp_path: Path) -> None:
    proc = await start_run(slack_env(tmp_path, f"{fake_slack.url}/api/"))
    await wait_for_line(proc.stderr, "connected in Socket Mode")  # type: ignore[arg-type]
    took, code, out, err = await stop_and_time(proc)
    assert took < 5, f"{took:.1f} s"
    assert code == 0 and "Traceback" not in err
    assert "secret" not in out + err  # no token in the log


async def test_an_unreachable_slack_is_one_line_and_exit_1(tmp_path: Path) -> None:
    started = time.monotonic()
    proc = await start_run(slack_env(tmp_path, f"http://127.0.0.1:{closed_port()}/api/"))
    out, err = await proc.communicate()
    assert time.monotonic() - started < 30
    assert proc.returncode == 1
    text = err.decode()
    assert "Traceback" not in text and "secret" not in text
    line = [x for x in text.splitlines() if x.startswith("newsbrief: ")]
    assert len(line) == 1 and "cannot reach Slack" in line[0] and "slack_api_url" in line[0]


async def test_a_rejected_app_token_names_it(fake_slack: FakeSlack, tmp_path: Path) -> None:
    fake_slack.queued["apps.connections.open"] = [(200, {"ok": False, "error": "invalid_auth"}, {})]
    proc = await start_run(slack_env(tmp_path, f"{fake_slack.url}/api/"))
    _out, err = await proc.communicate()
    text = err.decode()
    assert proc.returncode == 1 and "Traceback" not in text
    assert "Slack rejected SLACK_APP_TOKEN (invalid_auth)" in text


async def test_sigterm_while_slack_is_still_being_reached_stops_within_5_s(tmp_path: Path) -> None:
    """A Slack that accepts connections but never answers: start-up is still waiting when SIGTERM comes."""
    released = asyncio.Event()  # set at the end: the hanging requests finish, so the server closes at once

    async def hang(_request: web.Request) -> web.Response:
        await released.wait()
        return web.Response()

    app = web.Application()
    app.router.add_route("*", "/api/{method}", hang)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        proc = await start_run(slack_env(tmp_path, f"http://127.0.0.1:{runner.addresses[0][1]}/api/"))
        await wait_for_line(proc.stderr, "starting slack")  # type: ignore[arg-type]
        took, code, _out, err = await stop_and_time(proc)
        assert took < 5, f"{took:.1f} s"
        assert "Traceback" not in err
    finally:
        released.set()  # (a request still hanging would hold cleanup for aiohttp's 60 s shutdown timeout)
        await runner.shutdown()
        await runner.cleanup()
