"""Benchmark: `ask` latency and digest build time over a large store (target: ask p95 <= 150 ms at 10k articles, SQLite, one core).

    python bench/ask.py --corpus ../shared/corpora [--articles 10000] [--db /tmp/ask-bench.db] [--queries 300]

Articles come from the corpus folders (cnndm, bbc, polnear train/dev texts); when there are
fewer than --articles, texts are reused with a numbered dateline so each one is a new article.
Ingest runs the real pipeline (extraction, cleaning, summary, quotes, stories); the database is
kept and reused on the next run. Prints a table and writes bench/results/ask.json.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.progress import track  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bot.app import build_app  # noqa: E402
from bot.core.commands import parse  # noqa: E402
from bot.ingest.sources import RawDocument  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.store.models import Article, Quote  # noqa: E402


def corpus_texts(root: Path) -> Iterator[tuple[str, str]]:
    for name in ("cnndm", "bbc"):
        path = root / name / "articles.jsonl"
        if path.exists():
            for line in path.open(encoding="utf-8"):
                row = json.loads(line)
                yield f"{name}/{row['id']}", (row.get("title") or "") + "\n\n" + row["text"]
    for split in ("train", "dev"):
        for path in sorted((root / "polnear" / split / "text").glob("*.txt")):
            yield f"polnear/{path.stem}", path.read_text(encoding="utf-8")


def build(app, root: Path, n: int) -> None:  # noqa: ANN001
    with app.db.session() as s:
        have = s.scalar(select(func.count()).select_from(Article)) or 0
    if have >= n:
        return
    texts = list(corpus_texts(root))
    if not texts:
        raise SystemExit(f"no corpus texts under {root}")
    docs = []
    for i in range(have, n):
        name, text = texts[i % len(texts)]
        round_ = i // len(texts)
        body = text if round_ == 0 else f"{text}\n\nThis report was archived in collection number {round_}."
        docs.append(RawDocument(f"{name}#{round_}", "text", body))
    report = app.ingestor.ingest([], progress=None)  # warm-up, nothing to do
    for raw in track(docs, description=f"ingesting {len(docs)} articles"):
        app.ingestor.store(raw, report)
    app.ingestor.after_batch(report)  # as an ingest command does: the related-words model


def questions(app, k: int, rng: random.Random) -> list[str]:  # noqa: ANN001
    with app.db.session() as s:
        speakers = [r[0] for r in s.execute(
            select(Quote.speaker, func.count()).where(Quote.speaker.is_not(None))
            .group_by(Quote.speaker).order_by(func.count().desc()).limit(60))]
        samples = list(s.scalars(select(Quote.content).where(Quote.kind == "direct").limit(3000)))
    topics = ["economy", "election", "police", "Syria", "health care", "taxes", "football", "immigration",
              "the court", "climate", "Qaddafi", "terrorism", "the budget", "Brexit", "music"]
    out = []
    for i in range(k):
        form = i % 5
        who = rng.choice(speakers).split()[-1]
        if form == 0:
            out.append(f"what did {who} say about {rng.choice(topics)}")
        elif form == 1:
            out.append(f"what did {who} say")
        elif form == 2:
            words = rng.choice(samples).split()
            start = rng.randrange(max(1, len(words) - 5))
            out.append('who said "' + " ".join(words[start:start + 5]) + '"')
        elif form == 3:
            out.append(f"what did {rng.choice(['Obama', 'Nobody Atall', who])} say about {rng.choice(topics)}")
        else:
            out.append(f"news about {rng.choice(topics)}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="the corpora folder (with cnndm/, bbc/, polnear/)")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", default="/tmp/newsbrief-ask-bench.db")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--json-out", type=Path, default=Path("bench/results/ask.json"))
    args = ap.parse_args()

    settings = load_settings(Path(__file__).resolve().parent.parent / "config" / "newsbrief.yaml",
                             database_url=f"sqlite:///{args.db}")
    app = build_app(settings)
    t0 = time.perf_counter()
    build(app, args.corpus, args.articles)
    build_s = time.perf_counter() - t0
    with app.db.session() as s:
        n_articles = s.scalar(select(func.count()).select_from(Article))
        n_quotes = s.scalar(select(func.count()).select_from(Quote))
    qs = questions(app, args.queries, random.Random(7))
    distinct = len({text for _, text in corpus_texts(args.corpus)})
    # No warm-up: the first question pays for building the speaker directory, as it does in a
    # bot that has just started. Midway, a few new articles are ingested, so the next question
    # also pays for the rebuild that new quotes cause.
    stamp = time.time_ns()
    fresh = [RawDocument(f"fresh#{stamp}-{i}", "text", text + f"\n\nThis report was filed again as number {stamp}-{i}.")
             for i, (_, text) in enumerate(list(corpus_texts(args.corpus))[:3])]
    times: dict[str, list[float]] = {}
    after_ingest: list[float] = []
    for n, q in enumerate(qs):
        if n == len(qs) // 2:
            # Another process (a worker, an `ingest` command) adds articles, so this process learns
            # of them only when asked: the question pays for rebuilding its speaker index.
            other = build_app(settings)
            report = other.ingestor.ingest([], progress=None)
            for raw in fresh:
                other.ingestor.store(raw, report)
            other.ingestor.after_batch(report)
            t = time.perf_counter()
            app.core.handle_sync(parse(q))
            after_ingest.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        reply = app.core.handle_sync(parse(q))
        ms = (time.perf_counter() - t) * 1000
        times.setdefault(q.split()[0] + (" about" if " about " in q else ""), []).append(ms)
        times.setdefault("all", []).append(ms)
        if after_ingest and len(after_ingest) == 1 and n == len(qs) // 2:
            times["all"].append(after_ingest[0])
        assert not reply.error or "no statements" in reply.text, reply.text
    digest_ms = []
    for _ in range(5):
        t = time.perf_counter()
        brief = app.core.handle_sync(parse("brief --since 7d"))
        digest_ms.append((time.perf_counter() - t) * 1000)
    assert not brief.error, brief.text
    rows = []
    print(f"digest (brief, {len(brief.sections)} stories): median {statistics.median(digest_ms):.0f} ms over 5 builds")
    print(f"{n_articles} articles ({distinct} distinct corpus texts; the rest are repeats with a numbered line "
          f"added), {n_quotes} attributions (built in {build_s:.0f} s)")
    print(f"first question after another process ingested 3 more articles: {after_ingest[0]:.0f} ms "
          f"(counted in the table too; an ingest in the bot's own process refreshes the index itself)")
    print(f"{'questions':<16}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, values in sorted(times.items()):
        values.sort()
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        rows.append({"questions": name, "n": len(values), "p50_ms": statistics.median(values), "p95_ms": p95, "max_ms": values[-1]})
        print(f"{name:<16}{len(values):>6}{statistics.median(values):>10.1f}{p95:>10.1f}{values[-1]:>10.1f}")
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps({"articles": n_articles, "distinct_texts": distinct,
                                           "attributions": n_quotes, "rows": rows,
                                           "first_after_ingest_ms": after_ingest[0] if after_ingest else None,
                                           "digest_ms_median": statistics.median(digest_ms)}, indent=2))


if __name__ == "__main__":
    main()
