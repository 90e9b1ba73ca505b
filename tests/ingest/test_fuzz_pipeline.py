"""Issue 13: generated feeds, HTML and text through the whole pipeline (decode, extract, clean,
summary, quotes, story): no exception escapes and the batch goes on, every file counted."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ingest.enrich import QuoteEnricher, StoryEnricher, SummaryEnricher
from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import Ingestor
from bot.store.db import Database

WORDS = st.sampled_from("the mayor said “we will build” harbour ferry Kask Sova told reporters . , ; : "
                        "\u201c \u201d ' \" & < > — \n \n\n NUL \x00 é ß 中 🙂 <p> </p> <b> ]]> <!-- -->".split(" "))
PROSE = st.lists(WORDS, min_size=0, max_size=80).map(" ".join)
ITEM = st.tuples(PROSE, PROSE, st.sampled_from(["http://127.0.0.1:9/a", "", "javascript:x", "notaurl", "http://[::1"]))

FEED = st.lists(ITEM, max_size=4).map(lambda items: (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>" + "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description></item>"
        for t, d, link in items) + "</channel></rss>"))
HTML = st.tuples(PROSE, PROSE).map(lambda p: f"<html><head><title>{p[0]}</title></head><body><article><p>{p[1]}"
                                             f"</p><figure><figcaption>{p[0]}</figcaption></figure></article>")
DOCUMENT = st.one_of(
    PROSE.map(lambda t: ("txt", t.encode("utf-8", "surrogatepass"))),
    HTML.map(lambda t: ("html", t.encode("utf-8"))),
    FEED.map(lambda t: ("xml", t.encode("utf-8"))),
    st.binary(max_size=300).map(lambda b: ("txt", b)),
    PROSE.map(lambda t: ("txt", t.encode("utf-16"))),
    FEED.map(lambda t: ("rss", t.encode("utf-8")[: len(t) // 2])),  # truncated
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOCUMENT, min_size=1, max_size=5))
def test_generated_documents_never_stop_a_batch(documents: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "in"
        folder.mkdir()
        for i, (ext, data) in enumerate(documents):
            (folder / f"doc{i}.{ext}").write_bytes(data)
        db = Database(f"sqlite:///{root / 'db.sqlite'}")
        ingestor = Ingestor(db, FetchPolicy(timeout=1), [SummaryEnricher("lead", 2), QuoteEnricher(), StoryEnricher()])
        report = ingestor.ingest([str(folder)])  # must not raise
        # Every file is told about: stored, already stored, skipped with a reason, or a feed
        # whose entries are counted themselves (or that has none: a warning says so).
        told = len(report.added) + report.duplicates + len(report.errors) + len(report.warnings)
        assert told >= 1 and report.line().startswith("Ingested: ")
        assert sum(report.skipped.values()) <= len(report.errors)
