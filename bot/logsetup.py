"""Logging for the command line: one line per record; tracebacks only with ``--verbose``."""
from __future__ import annotations

import logging
import sys


class _OneLine(logging.Formatter):
    """Drops tracebacks (the exception's own message stays in the line that logged it)."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info = record.exc_text = None
            record.stack_info = None
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            record.msg = f"{record.getMessage()} ({type(exc).__name__}{': ' + first[:300] if first else ''}; --verbose shows the traceback)"
            record.args = None
        return super().format(record)


def configure_logging(level: str | int = "INFO", *, verbose: bool = False) -> None:
    """Root logging to stderr at ``level``; ``verbose``: with full tracebacks."""
    handler = logging.StreamHandler(sys.stderr)
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    handler.setFormatter(logging.Formatter(fmt) if verbose else _OneLine(fmt))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Alembic's chatter ("Context impl SQLiteImpl.", "Will assume transactional DDL.") only with
    # --verbose; bot.store.db says in one line when a migration changed something.
    logging.getLogger("alembic").setLevel(logging.NOTSET if verbose else logging.WARNING)
    if not verbose:
        # trafilatura logs every page it cannot parse at ERROR; the skip line already says so.
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
