"""A scheduled digest that arrives while someone types at the console prompt does not land in
the middle of their line: the line is cleared, the digest printed, the prompt redrawn with what
they had typed."""
from __future__ import annotations

import asyncio
import io

from bot.adapters.console import PROMPT, ConsoleAdapter
from bot.core.types import Destination, Platform, Reply


class _Blocking(io.StringIO):
    """Standard input that never answers (the user is still typing)."""

    def readline(self, *args: object) -> str:
        import time

        time.sleep(5)
        return ""


def test_a_digest_arriving_at_the_prompt_redraws_the_typed_line() -> None:
    out = io.StringIO()
    console = ConsoleAdapter(stdin=_Blocking(), stdout=out)
    console.typed = lambda: "what did Kask sa"

    async def scenario() -> None:
        async def handle(_cmd: object) -> Reply:
            return Reply(text="unused")

        await console.start(handle)
        await asyncio.sleep(0.2)  # the prompt is up
        await console.send(Destination(Platform.CONSOLE, "demo"), Reply(text="Morning digest"))
        await console.stop()

    asyncio.run(scenario())
    text = out.getvalue()
    assert text.startswith(PROMPT)
    assert "\r\x1b[K[digest for console:demo]\nMorning digest\n" + PROMPT + "what did Kask sa" in text


def test_a_digest_between_questions_is_printed_on_its_own_lines() -> None:
    out = io.StringIO()
    console = ConsoleAdapter(stdin=io.StringIO(""), stdout=out, interactive=False)
    asyncio.run(console.send(Destination(Platform.CONSOLE, "demo"), Reply(text="Morning digest")))
    assert out.getvalue() == "\n[digest for console:demo]\nMorning digest\n"
