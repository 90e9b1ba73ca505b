"""Expanding what the user typed (files, folders, URLs) into raw documents."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.ingest.decode import Decoded, decode_bytes, xml_as_utf8

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}


@dataclass(frozen=True)
class RawDocument:
    """One document before extraction: where it came from and its bytes."""

    source: str  # file path, article URL or feed URL
    kind: str  # "text" | "html"
    content: str
    url: str | None = None
    feed_url: str | None = None
    title: str | None = None  # hints from a feed entry
    author: str | None = None
    published: datetime | None = None


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def expand_paths(values: list[str]) -> tuple[list[Path], list[str], list[str]]:
    """Split arguments into files (folders expanded, sorted), URLs, and errors."""
    files: list[Path] = []
    urls: list[str] = []
    errors: list[str] = []
    for value in values:
        if is_url(value):
            urls.append(value)
            continue
        path = Path(value)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
            )
            if not found:
                errors.append(f"{value}: no .txt, .html or feed files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif "://" in value:
            errors.append(f"{value}: only http and https URLs can be fetched")
        else:
            errors.append(f"{value}: no such file or folder")
    return files, urls, errors


def read_file(path: Path, max_bytes: int) -> tuple[bytes, Decoded]:
    """A local file's bytes (UTF-16/32 feeds made UTF-8) and text (see ``decode``), refused above
    ``max_bytes`` (the cap fetched pages have) before any of it is read; raises OSError."""
    size = path.stat().st_size
    if size > max_bytes:
        return b"", Decoded(error=f"too large ({size:,} bytes, limit {max_bytes:,}; see limits.max_fetch_bytes)",
                            reason="too large")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        return b"", Decoded(error=f"too large (over {max_bytes:,} bytes)", reason="too large")
    data = xml_as_utf8(data)
    return data, decode_bytes(data)


def kind_of(path: Path, content: str) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    head = content[:500].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if head.startswith(("<?xml", "<rss", "<feed")):
        return "feed"
    return "text"
