"""Issue 13: `newsbrief run` in console mode stops within 5 s of SIGTERM or Ctrl-C, without
waiting for the next input line; tracebacks only with --verbose."""
from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.run_process import run_env, start_run, stop_and_time, wait_for_line


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_console_mode_stops_within_5_s_while_waiting_for_input(tmp_path: Path, sig: int) -> None:
    proc = await start_run(run_env(tmp_path))
    await wait_for_line(proc.stdout, "newsbrief console")  # type: ignore[arg-type]
    took, code, _out, err = await stop_and_time(proc, sig)
    assert took < 5, f"{took:.1f} s"
    assert code == 0 and "Traceback" not in err


async def test_a_question_in_flight_does_not_hold_the_stop(tmp_path: Path) -> None:
    proc = await start_run(run_env(tmp_path))
    await wait_for_line(proc.stdout, "newsbrief console")  # type: ignore[arg-type]
    proc.stdin.write(b"stories\n")  # type: ignore[union-attr]
    await proc.stdin.drain()  # type: ignore[union-attr]
    took, code, _out, err = await stop_and_time(proc)
    assert took < 5 and code == 0 and "Traceback" not in err
