"""Bytes -> text for files and pages: BOMs, UTF-16 without a BOM, UTF-8, then charset-normalizer.

Binary content (executables, images, archives, anything with control bytes in
its text) is refused with a one-line reason instead of becoming a garbage
article; NUL characters never reach the database (PostgreSQL refuses them).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

#: Longest BOMs first: UTF-32-LE's BOM starts with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Signatures of common binary formats, named in the skip reason.
_MAGIC = (
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

#: Control characters that never occur in text (tab, newlines, form feed and escape excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
#: Above this share of control characters (after decoding) the content is binary.
_MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding it was read with, or ``error``: why there is no text (one line)."""

    text: str = ""
    encoding: str | None = None
    error: str | None = None
    reason: str | None = None  # short category of the error: "binary", "empty", "encoding"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE without a BOM: text in the Latin range has a NUL in every other byte."""
    if len(data) < 4:
        return None
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    if nul_odd > 0.3 and nul_even < 0.05:
        encoding = "utf-16-le"
    elif nul_even > 0.3 and nul_odd < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None


def strip_nuls(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text


def _is_binary_text(text: str) -> bool:
    sample = text[:20_000]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` (a file or a page body); ``declared`` is a charset the server named."""
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        return Decoded(error="the file is empty", reason="empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError:
                return Decoded(error=f"starts with a {encoding.upper()} byte order mark but is not {encoding.upper()}",
                               reason="encoding")
    for magic, what in _MAGIC:
        if data.startswith(magic) and (what != "a Windows executable" or b"\x00" in data[:512]):
            return Decoded(error=f"binary content ({what}), not text", reason="binary")
    text = _utf16_without_bom(data)
    if text is not None:
        return _checked(text, "utf-16")
    candidates = ["utf-8"]
    if declared:
        try:
            candidates.insert(0, codecs.lookup(declared).name)
        except LookupError:
            pass
    for encoding in candidates:
        try:
            return _checked(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    if data.count(0) > len(data) // 100:
        return Decoded(error="binary content (NUL bytes), not text", reason="binary")
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return Decoded(error="binary content (no text encoding fits), not text", reason="binary")
    try:
        return _checked(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError):
        return _checked(data.decode(best.encoding, errors="replace"), best.encoding)


def _checked(text: str, encoding: str) -> Decoded:
    if _is_binary_text(text):
        return Decoded(error="binary content (control characters), not text", reason="binary")
    text = strip_nuls(text)
    if not text.strip():
        return Decoded(error="the file is empty", reason="empty")
    return Decoded(text=text, encoding=encoding)


_XML_DECL = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", re.IGNORECASE)


def xml_as_utf8(data: bytes) -> bytes:
    """Feed bytes in UTF-16/32 (with or without BOM) as UTF-8 with a matching declaration,
    so that feed detection and feedparser read them; other bytes are returned unchanged."""
    utf16 = any(data.startswith(bom) for bom, enc in _BOMS if enc != "utf-8") or _utf16_without_bom(data[:64]) is not None
    if not utf16:
        return data
    decoded = decode_bytes(data)
    if decoded.error:
        return data
    text = _XML_DECL.sub(r"\1\2utf-8\2", decoded.text.lstrip("\ufeff"), count=1)
    return text.encode("utf-8")
