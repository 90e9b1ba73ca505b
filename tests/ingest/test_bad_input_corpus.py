"""Issue 13, bad files: one bad file never stops a batch; every skip is counted and named.

A folder of good articles next to a binary file, UTF-16 texts with and without a BOM, an
empty file, NULs, an oversized text, truncated and hostile XML and UTF-16 feeds, on SQLite
and PostgreSQL."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.ingest.decode import decode_bytes, xml_as_utf8
from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import Ingestor
from bot.store.db import Database
from bot.store.models import Article
from tests.conftest import ROOT, SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>
<description>&lol9;</description></item></channel></rss>"""
XXE = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&x;</title><link>http://example.com/x</link>
<description>&x;</description></item></channel></rss>"""

NUL_ARTICLE = ("The regional water board said on Monday that reservoir levels had recovered after the wet "
               "winter.\x00 \u201cWe are in a far better place than a year ago,\u201d said board chair Lena Ortiz. "
               "Farmers welcomed the news but asked for\x00 clearer rules on summer irrigation quotas.\n")


def feed(items: int, *, encoding: str = "utf-8") -> str:
    body = "".join(
        f"<item><title>Harbour story {i}</title><link>http://news.invalid/{i}</link>"
        f"<pubDate>Tue, 0{1 + i % 9} Dec 2015 10:00:00 GMT</pubDate><description><![CDATA[<p>"
        f"The harbour authority of Port {i} said on Tuesday that a new ferry line will open in May, "
        f"connecting the island of Isle {i} to the mainland twice a day. Mayor Ann Keller{i} said "
        f"it was a great day for the {i} people who live there, and critics asked for an early boat.</p><p>The ferry will carry up to 300 passengers and 40 cars.</p>]]>"
        "</description></item>" for i in range(items))
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
            f"<title>Harbour News</title>{body}</channel></rss>")


def bad_folder(root: Path, *, big_mb: int = 12) -> Path:
    folder = root / "batch"
    folder.mkdir()
    for path in SAMPLE_FILES[:3]:
        shutil.copy(path, folder / path.name)
    (folder / "ls.txt").write_bytes(Path(sys.executable).resolve().read_bytes()[:200_000])
    (folder / "utf16_bom.txt").write_bytes(SAMPLE_FILES[3].read_text(encoding="utf-8").encode("utf-16"))
    (folder / "utf16_nobom.txt").write_bytes(SAMPLE_FILES[4].read_text(encoding="utf-8").encode("utf-16-le"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nuls.txt").write_text(NUL_ARTICLE, encoding="utf-8")
    with (folder / "big.txt").open("w", encoding="utf-8") as fh:
        chunk = SAMPLE_FILES[0].read_text(encoding="utf-8") + "\n\n"
        for _ in range(big_mb * 1_000_000 // len(chunk) + 1):
            fh.write(chunk)
    (folder / "laughs.xml").write_text(LAUGHS, encoding="utf-8")
    (folder / "xxe.xml").write_text(XXE, encoding="utf-8")
    (folder / "truncated.xml").write_text(feed(3)[:300], encoding="utf-8")
    (folder / "feed_utf16.rss").write_bytes(feed(2, encoding="utf-16").encode("utf-16"))
    return folder


def stored(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {url or Path(src).name: text
                for src, url, text in s.execute(select(Article.source, Article.url, Article.text))}


def test_utf16_with_and_without_bom_and_binary_are_told_apart() -> None:
    text = "Café owners in Lyon said on Friday that prices will rise.\n"
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be"),
                 text.encode("utf-8-sig"), text.encode("utf-32"), text.encode("cp1252")):
        assert decode_bytes(data).text.strip() == text.strip(), data[:8]
    elf = decode_bytes(Path(sys.executable).resolve().read_bytes()[:4096])
    assert elf.reason == "binary" and "\n" not in (elf.error or "")
    noise = decode_bytes(bytes(range(256)) * 40)
    assert noise.reason == "binary"
    assert decode_bytes(b"  \n\x00 ").reason == "empty"
    assert "\x00" not in decode_bytes(NUL_ARTICLE.encode()).text
    # A UTF-16 feed becomes UTF-8 with a declaration that says so.
    assert xml_as_utf8(feed(1, encoding="utf-16").encode("utf-16")).startswith(b'<?xml version="1.0" encoding="utf-8"?>')


def test_a_batch_of_bad_files_goes_on_and_names_every_skip(any_db: Database, tmp_path: Path) -> None:
    folder = bad_folder(tmp_path)
    started = time.monotonic()
    report = Ingestor(any_db, FetchPolicy(timeout=2)).ingest([str(folder)])
    took = time.monotonic() - started
    texts = stored(any_db)
    # 3 good articles, both UTF-16 texts (readable), the text with NULs, the UTF-16 feed's 2 entries.
    assert len(report.added) == 8, report
    for path in SAMPLE_FILES[:3]:
        assert path.name in texts
    assert "Netanyahu" in texts["utf16_bom.txt"] + texts["utf16_nobom.txt"] or all(
        t.isprintable() or "\n" in t for t in (texts["utf16_bom.txt"][:200], texts["utf16_nobom.txt"][:200]))
    for name in ("utf16_bom.txt", "utf16_nobom.txt"):
        assert texts[name][:40] in SAMPLE_FILES[3].read_text() + SAMPLE_FILES[4].read_text()
    assert "\x00" not in texts["nuls.txt"] and "Lena Ortiz" in texts["nuls.txt"]
    assert {"http://news.invalid/0", "http://news.invalid/1"} <= set(texts)
    for name in ("ls.txt", "empty.txt", "big.txt", "laughs.xml", "xxe.xml", "truncated.xml"):
        assert name not in texts
    skipped = {line.split(": ", 1)[0].rsplit("/", 1)[-1]: line for line in report.errors}
    assert "binary" in skipped["ls.txt"] and "empty" in skipped["empty.txt"]
    assert "too large" in skipped["big.txt"]
    assert "laughs.xml" in skipped
    assert not any("root:" in text for text in texts.values())  # XXE: no local file read
    assert all("\n" not in line and "root:" not in line for line in report.errors)
    assert report.skipped["binary"] == 1 and report.skipped["too large"] == 1 and report.skipped["empty"] == 1
    line = report.line()
    assert line.startswith("Ingested: 8 added, ") and "1 binary" in line and "1 too large" in line
    assert f"{len(report.errors)} skipped (" in line
    assert took < 60
    again = Ingestor(any_db, FetchPolicy(timeout=2)).ingest([str(folder)])
    assert not again.added and again.duplicates >= 8 and again.skipped["binary"] == 1


def test_the_cli_prints_the_summary_and_no_traceback(tmp_path: Path) -> None:
    folder = bad_folder(tmp_path, big_mb=6)
    env = {**os.environ, "NEWSBRIEF_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "NEWSBRIEF_CONFIG": str(ROOT / "config" / "newsbrief.yaml")}
    for var in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        env.pop(var, None)
    run = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", str(folder)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert run.stdout.strip().splitlines()[-1].startswith("Ingested: 8 added, ")
    assert "skipped" in run.stderr and "ls.txt" in run.stderr


def test_a_file_above_the_size_cap_is_refused_before_it_is_read(sqlite_db: Database, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(SAMPLE_FILES[0].read_text() * 400)
    policy = FetchPolicy(max_bytes=big.stat().st_size - 1)
    report = Ingestor(sqlite_db, policy).ingest([str(big)])
    assert not report.added and report.skipped["too large"] == 1
    assert "limits.max_fetch_bytes" in report.errors[0]
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_rss_file_is_read_as_a_feed(sqlite_db: Database, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "news.xml"
    path.write_bytes(feed(3, encoding="utf-16").encode(encoding))
    report = Ingestor(sqlite_db, FetchPolicy(timeout=1)).ingest([str(path)])
    assert len(report.added) == 3 and not report.errors, report
