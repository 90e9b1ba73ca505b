"""Wording shared by every reply: counted nouns ("1 story", "3 stories")."""
from __future__ import annotations

__all__ = ["counted"]


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it needs: ``counted(1, "story", "stories")`` -> "1 story";
    the plural defaults to the singular plus "s"."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
