"""Benchmark: word similarity learned from stored articles (build time, size, load time, neighbours).

    python bench/related.py --corpus ../shared/corpora [--sizes 1000 10000]

Texts come from polnear/train/text, cnndm, bbc and ecbplus (4308 distinct texts); a size above that
reuses texts with a numbered line appended (as bench/ask.py does), so the distinct count is printed.
For each size the model is built the way the ingest side does it (RelatedModelStore.rebuild over a
temporary SQLite store: read the articles, build, serialize, store), then loaded back the way a
question does. Neighbours are printed for a PolNeAR-only model (US politics 2016) and for the
largest one. OpenBLAS runs one thread (the bot's ingest worker shares its cores).
Writes bench/results/related.json.
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.quotes.related import RelatedModelStore, RelatedWords  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.models import Article  # noqa: E402

PROBES = ("gun guns firearms jobs employment wall border charges indictment emails server immigration "
          "taxes economy terrorism abortion police").split()


def corpus_texts(root: Path) -> list[tuple[str, str, str]]:
    """(name, title, text) of every distinct text, in a fixed shuffled order."""
    out = []
    for path in sorted((root / "polnear" / "train" / "text").glob("*.txt")):
        out.append((f"polnear/{path.stem}", "", path.read_text(encoding="utf-8")))
    for name in ("cnndm", "bbc"):
        path = root / name / "articles.jsonl"
        if path.exists():
            for line in path.open(encoding="utf-8"):
                row = json.loads(line)
                out.append((f"{name}/{row['id']}", row.get("title") or "", row["text"]))
    for path in sorted((root / "ecbplus" / "text").glob("*.txt")):
        out.append((f"ecbplus/{path.stem}", "", path.read_text(encoding="utf-8")))
    random.Random(1).shuffle(out)
    return out


def neighbours(model: RelatedWords, k: int = 8) -> dict[str, list[tuple[str, float]]]:
    return {w: [(x, round(s, 2)) for x, s in model.related(w, k)] for w in PROBES}


def show(title: str, near: dict[str, list[tuple[str, float]]], model: RelatedWords) -> None:
    print(f"\n{title}")
    for w, pairs in near.items():
        print(f"  {w:<12}({model.count(w):>5}) " + ", ".join(f"{x} {s:.2f}" for x, s in pairs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--json-out", type=Path, default=Path("bench/results/related.json"))
    args = ap.parse_args()
    texts = corpus_texts(args.corpus)
    if not texts:
        raise SystemExit(f"no corpus texts under {args.corpus}")
    result: dict = {"distinct_texts": len(texts), "sizes": []}

    polnear = [t for n, _, t in texts if n.startswith("polnear/")]
    t = time.perf_counter()
    pol = RelatedWords.build(polnear)
    pol_s = time.perf_counter() - t
    print(f"PolNeAR train: {len(polnear)} texts, {len(pol)} words, built in {pol_s:.1f} s, "
          f"{len(pol.to_bytes()) / 1e6:.2f} MB")
    result["polnear"] = {"texts": len(polnear), "vocabulary": len(pol), "build_s": round(pol_s, 2),
                         "neighbours": neighbours(pol)}
    show("PolNeAR neighbours (count in corpus):", result["polnear"]["neighbours"], pol)

    print(f"\n{'articles':>9}{'distinct':>10}{'words':>8}{'pairs':>10}{'build s':>9}{'rebuild s':>11}"
          f"{'MB':>7}{'load ms':>9}{'related ms':>12}")
    model = None
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Database(f"sqlite:///{tmp}/related.db")
            with db.session() as s:
                for i in range(size):
                    name, title, text = texts[i % len(texts)]
                    round_ = i // len(texts)
                    body = text if round_ == 0 else f"{text}\n\nThis report was archived in collection number {round_}."
                    s.add(Article(source=f"{name}#{round_}", title=title, text=body, content_hash=f"{i}"))
            store = RelatedModelStore(db)
            t = time.perf_counter()
            store.rebuild()
            rebuild_s = time.perf_counter() - t
            loads = []
            for _ in range(5):
                fresh = RelatedModelStore(db)
                t = time.perf_counter()
                model = fresh.latest()
                loads.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            cached = store.latest()
            cached_ms = (time.perf_counter() - t) * 1000
            db.dispose()
        assert model is not None and cached is not None
        qs = []
        for w in PROBES:
            model._cache.clear()
            t = time.perf_counter()
            model.related_stems(w, 8)
            qs.append((time.perf_counter() - t) * 1000)
        size_mb = len(model.to_bytes()) / 1e6
        row = {"articles": size, "distinct": min(size, len(texts)), "vocabulary": len(model),
               "pairs": model.info.get("pairs"), "build_s": model.info.get("build_seconds"),
               "rebuild_s": round(rebuild_s, 2), "size_mb": round(size_mb, 2),
               "load_ms_median": round(statistics.median(loads), 1), "cached_latest_ms": round(cached_ms, 2),
               "related_ms_median": round(statistics.median(qs), 2)}
        result["sizes"].append(row)
        print(f"{size:>9}{row['distinct']:>10}{row['vocabulary']:>8}{row['pairs']:>10}{row['build_s']:>9.1f}"
              f"{rebuild_s:>11.1f}{size_mb:>7.2f}{row['load_ms_median']:>9.1f}{row['related_ms_median']:>12.2f}")
    if model is not None:
        result["largest_neighbours"] = neighbours(model)
        show(f"Neighbours in the {args.sizes[-1]}-article model:", result["largest_neighbours"], model)
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
