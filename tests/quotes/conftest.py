"""Fixtures for the quotation tests (articles are written for these tests only)."""
from __future__ import annotations

from typing import Callable

import pytest

from bot.quotes.extract import Attribution


def _find(attributions: list[Attribution], fragment: str) -> Attribution:
    hits = [a for a in attributions if fragment in a.content]
    assert hits, f"no attribution contains {fragment!r}: {[a.content for a in attributions]}"
    return hits[0]


@pytest.fixture
def find() -> Callable[[list[Attribution], str], Attribution]:
    """``find(attributions, fragment)``: the attribution whose content contains ``fragment``."""
    return _find
