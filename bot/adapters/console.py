"""Console front end: a prompt that takes the same commands as the chat bots.

Also the destination for scheduled digests of ``console:*`` channels, so
``make run`` shows the schedule firing without any token.
"""
from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import textwrap
from collections.abc import Callable
from typing import TextIO

from bot.core.commands import ParseError, parse
from bot.core.types import Destination, Handler, Platform, Reply, User

PROMPT = "newsbrief> "


def render_text(reply: Reply, width: int = 100) -> str:
    """Plain-text rendering (console and the CLI)."""
    out: list[str] = []
    if reply.title:
        out.append(reply.title)
        out.append("=" * min(len(reply.title), width))
    if reply.text:
        out.append(reply.text)
    for sec in reply.sections:
        out.append("")
        if sec.title:
            out.append(sec.title)
        if sec.quote:
            who = f" — {sec.quote_speaker}" if sec.quote_speaker else ""
            out.append(textwrap.fill(f"“{sec.quote}”{who}", width, initial_indent="  > ", subsequent_indent="    "))
        if sec.body:
            for para in sec.body.split("\n"):
                out.append(textwrap.fill(para, width, initial_indent="  ", subsequent_indent="  ") if para else "")
        for src in sec.sources:
            bits = [b for b in (src.outlet, src.title, src.published[:10] if src.published else None, src.url) if b]
            out.append(f"  [{src.article_id}] " + " · ".join(bits))
    if reply.footer:
        out.append("")
        out.append(reply.footer)
    return "\n".join(out).strip("\n")


class ConsoleAdapter:
    platform = Platform.CONSOLE

    def __init__(self, *, stdin: TextIO | None = None, stdout: TextIO | None = None, interactive: bool = True) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.interactive = interactive
        self._task: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()
        self._at_prompt = False  # the prompt is shown and the user may be typing
        # What the user has typed so far (GNU readline's buffer), when reading a terminal.
        self.typed: Callable[[], str] | None = None
        if stdin is None and sys.stdin.isatty() and interactive:
            with contextlib.suppress(ImportError):
                import readline  # line editing for input(), and its buffer for redrawing

                self.typed = readline.get_line_buffer
        self._edit_lines = self.typed is not None  # read with input(): readline edits the line

    def _write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    async def start(self, handle: Handler) -> None:
        self._task = asyncio.create_task(self._loop(handle))

    async def _loop(self, handle: Handler) -> None:
        user = User("console", "you", can_manage=True)
        dest = Destination(Platform.CONSOLE, "console")
        try:
            while True:
                if self.interactive:
                    self.stdout.write(PROMPT)
                    self.stdout.flush()
                line = await self._readline()
                if not line:  # end of input
                    break
                line = line.strip()
                if not line:
                    continue
                if line.lower() in ("quit", "exit", ":q"):
                    break
                try:
                    cmd = parse(line, user=user, destination=dest, is_dm=True)
                except ParseError as exc:
                    self._write(str(exc))
                    continue
                self._write(render_text(await handle(cmd)))
        finally:
            self.closed.set()

    async def _readline(self) -> str:
        """The next line, read in a daemon thread: a stop (SIGTERM, Ctrl-C) need not wait for
        the user to press Enter, and the blocked read never holds the process's exit."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[str] = loop.create_future()

        def read() -> None:
            try:
                if self._edit_lines:  # a terminal: input() edits the line with readline
                    try:
                        line = input() + "\n"
                    except EOFError:
                        line = ""
                else:
                    line = self.stdin.readline()
            except (OSError, ValueError):  # stdin closed under us
                line = ""
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(lambda: done.done() or done.set_result(line))

        threading.Thread(target=read, name="console-stdin", daemon=True).start()
        self._at_prompt = True
        try:
            return await done
        finally:
            self._at_prompt = False

    async def send(self, destination: Destination, reply: Reply) -> None:
        text = f"[digest for {destination.key}]\n" + render_text(reply)
        if self._at_prompt and self.interactive:
            # A digest arriving while the user types: clear the prompt line, print the digest,
            # and draw the prompt again with what was typed so far.
            typed = self.typed() if self.typed is not None else ""
            self.stdout.write("\r\x1b[K" + text + "\n" + PROMPT + typed)
            self.stdout.flush()
        else:
            self._write("\n" + text)

    async def stop(self) -> None:
        if self._task and not self._task.done():
            self._task.cancel()
        self.closed.set()
