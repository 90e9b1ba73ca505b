"""Benchmark story clustering: quality on ECB+ gold event clusters, speed at 10k articles.

    python bench/stories.py --corpus ../shared/corpora/ecbplus \\
        [--scale 10000 --scale-corpora ../shared/corpora/cnndm ../shared/corpora/bbc] [--sweep] [--samples 6]

Quality: all ECB+ texts are clustered from content alone (the corpus has no
dates), in a fixed shuffled arrival order (several seeds, figures averaged),
separately for the odd topics (the half the defaults were tuned on), the even
topics (held out) and all topics. Reports pairwise and B-cubed precision,
recall and F1. ``--samples K`` also scores K random 300-file samples the way
bench/scale.py's ``--check`` sees them: each file read as ingest reads it
(headline, stated date, body; a one-line file's headline is its text), in file
order, as one process ingests the folder; mean and worst of the K samples. Speed: ``--scale N`` articles built from the corpora (copies get
small perturbations and nearby dates, as other outlets' versions would), timed
on one core; per-article ``add`` latency percentiles. JSON goes to
bench/results/stories.json.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.stories import StoryClusterer, StoryDoc  # noqa: E402
from textkit.sentences import sentences as split  # noqa: E402


@dataclass(frozen=True)
class Gold:
    name: str
    topic: int
    cluster: str
    text: str


def load_ecbplus(root: Path) -> list[Gold]:
    rows = [line.split("\t") for line in (root / "clusters.tsv").read_text().splitlines()[1:]]
    return [
        Gold(name, int(topic), cluster.strip(), (root / "text" / f"{name}.txt").read_text(encoding="utf-8"))
        for name, topic, cluster in rows
    ]


def _pairs(counts: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def scores(gold: list[str], pred: list[int]) -> dict[str, float]:
    """Pairwise and B-cubed precision/recall/F1 of ``pred`` against ``gold`` labels."""
    joint = Counter(zip(gold, pred))
    g_sizes, p_sizes = Counter(gold), Counter(pred)
    tp = _pairs(joint)
    p = tp / _pairs(p_sizes) if _pairs(p_sizes) else 1.0
    r = tp / _pairs(g_sizes) if _pairs(g_sizes) else 1.0
    n = len(gold)
    bp = sum(joint[(g, q)] / p_sizes[q] for g, q in zip(gold, pred)) / n
    br = sum(joint[(g, q)] / g_sizes[g] for g, q in zip(gold, pred)) / n

    def f1(a: float, b: float) -> float:
        return 2 * a * b / (a + b) if a + b else 0.0

    return {
        "pair_p": p, "pair_r": r, "pair_f1": f1(p, r), "b3_p": bp, "b3_r": br, "b3_f1": f1(bp, br),
        "stories": len(p_sizes), "gold_stories": len(g_sizes),
    }


def run_quality(items: list[Gold], seeds: list[int], options: dict) -> dict[str, float]:
    """Cluster ``items`` once per seed (shuffled arrival order); mean of the scores."""
    runs = []
    for seed in seeds:
        order = items[:]
        random.Random(seed).shuffle(order)
        clusterer = StoryClusterer(**options)
        assigned = clusterer.assign_all(StoryDoc(i, None, g.text, None) for i, g in enumerate(order))
        runs.append(scores([g.cluster for g in order], [assigned[i] for i in range(len(order))]))
    return {k: statistics.fmean(r[k] for r in runs) for k in runs[0]}


def ingest_doc(doc_id: int, g: Gold) -> StoryDoc:
    """The article as ``newsbrief ingest`` stores it from a file (title and date found in the text)."""
    from bot.ingest.extract import extract_text_document

    d = extract_text_document(g.text, source_name=f"{g.name}.txt")
    return StoryDoc(doc_id, d.title, d.text.strip() or d.title or "", d.published)


def run_samples(items: list[Gold], seeds: list[int], size: int, options: dict) -> dict:
    """Random ``size``-file samples, each clustered in file order (as ingesting a folder does)."""
    runs = []
    for seed in seeds:
        sample = sorted(random.Random(seed).sample(sorted(items, key=lambda g: g.name), size),
                        key=lambda g: f"{g.name}.txt")
        clusterer = StoryClusterer(**options)
        pred = [clusterer.add(ingest_doc(i, g)) for i, g in enumerate(sample)]
        runs.append(scores([g.cluster for g in sample], pred))
    mean = {k: statistics.fmean(r[k] for r in runs) for k in runs[0]}
    worst = {"pair_p": min(r["pair_p"] for r in runs), "pair_f1": min(r["pair_f1"] for r in runs),
             "b3_f1": min(r["b3_f1"] for r in runs)}
    return {"seeds": seeds, "size": size, "mean": mean, "worst": worst, "runs": runs}


def _perturb(text: str, rng: random.Random) -> str:
    """Another outlet's version: some sentences dropped, a few words left out."""
    sentences = split(text)
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    words = " ".join(kept).split(" ")
    return " ".join(w for w in words if rng.random() > 0.05)


def scale_docs(n: int, corpora: list[Path], ecb: list[Gold], seed: int = 0) -> list[StoryDoc]:
    """``n`` dated articles: the corpora's texts, then perturbed copies dated near their original."""
    base: list[tuple[str | None, str]] = [(None, g.text) for g in ecb]
    for root in corpora:
        for line in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            base.append((row.get("title"), row["text"]))
    rng = random.Random(seed)
    start = datetime(2015, 3, 1)
    dated = [(t, x, start + timedelta(hours=rng.randrange(24 * 60))) for t, x in base]
    docs = [StoryDoc(i, t, x, d) for i, (t, x, d) in enumerate(dated[:n])]
    while len(docs) < n:
        title, text, when = dated[rng.randrange(len(dated))]
        docs.append(StoryDoc(len(docs), title, _perturb(text, rng), when + timedelta(hours=rng.randrange(-24, 48))))
    docs.sort(key=lambda d: (d.published, d.id))
    return docs


def run_scale(docs: list[StoryDoc], options: dict) -> dict[str, float]:
    clusterer = StoryClusterer(**options)
    latencies = []
    cpu = time.process_time()
    start = time.perf_counter()
    for doc in docs:
        t0 = time.perf_counter()
        clusterer.add(doc)
        latencies.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu
    latencies.sort()
    return {
        "articles": len(docs), "seconds": total, "cpu_seconds": cpu, "stories": len(clusterer.stories()),
        "add_ms_mean": 1000 * total / len(docs),
        "add_ms_p50": 1000 * latencies[len(latencies) // 2],
        "add_ms_p95": 1000 * latencies[int(len(latencies) * 0.95)],
        "add_ms_max": 1000 * latencies[-1],
    }


def _row(name: str, s: dict[str, float]) -> str:
    return (
        f"{name:<10} {s['pair_p']:6.3f} {s['pair_r']:6.3f} {s['pair_f1']:6.3f}   "
        f"{s['b3_p']:6.3f} {s['b3_r']:6.3f} {s['b3_f1']:6.3f}   {s['stories']:6.1f} / {s['gold_stories']}"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="ECB+ folder (clusters.tsv, text/)")
    ap.add_argument("--seeds", type=int, default=5, help="arrival orders to average over")
    ap.add_argument("--scale", type=int, default=0, help="also time clustering of this many articles")
    ap.add_argument("--scale-corpora", type=Path, nargs="*", default=[], help="folders with articles.jsonl")
    ap.add_argument("--sweep", action="store_true", help="threshold sweep on the tuning (odd) topics")
    ap.add_argument("--samples", type=int, default=0, help="also score this many random 300-file samples")
    ap.add_argument("--sample-size", type=int, default=300)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "stories.json")
    args = ap.parse_args(argv)

    items = load_ecbplus(args.corpus)
    seeds = list(range(args.seeds))
    splits = {
        "tune(odd)": [g for g in items if g.topic % 2],
        "held(even)": [g for g in items if not g.topic % 2],
        "all": items,
    }
    defaults = StoryClusterer()
    result: dict = {
        "corpus": str(args.corpus), "seeds": seeds, "quality": {},
        "defaults": {
            "threshold": defaults.threshold, "settled_threshold": defaults.settled_threshold,
            "sure_threshold": defaults.sure_threshold, "year_gate": defaults.year_gate,
        },
    }
    if args.sweep:
        print("threshold sweep (threshold/settled_threshold), tuning half")
        for t in [0.22, 0.24, 0.26, 0.28, 0.30]:
            options = {"threshold": t, "settled_threshold": round(t - 0.06, 2)}
            s = run_quality(splits["tune(odd)"], seeds, options)
            result.setdefault("sweep_tune", []).append({**options, **s})
            print(_row(f"{t:.2f}/{t - 0.06:.2f}", s))
    print(f"ECB+ ({len(items)} articles, content only, mean of {len(seeds)} arrival orders)")
    print(f"{'split':<10} {'pair P':>6} {'R':>6} {'F1':>6}   {'B3 P':>6} {'R':>6} {'F1':>6}   stories / gold")
    for name, subset in splits.items():
        s = run_quality(subset, seeds, {})
        result["quality"][name] = s
        print(_row(name, s))
    if args.samples:
        # seed 14 is bench/scale.py's --check sample
        sample_seeds = [14] + [s for s in range(args.samples + 1) if s != 14][: args.samples - 1]
        r = run_samples(items, sample_seeds, args.sample_size, {})
        result["samples"] = r
        m, w = r["mean"], r["worst"]
        print(f"\n{len(sample_seeds)} samples of {args.sample_size} files as ingest reads them, file order "
              f"(seeds {sample_seeds}):")
        print(_row("mean", m))
        print(f"worst      pair P {w['pair_p']:.3f}  pair F1 {w['pair_f1']:.3f}  B3 F1 {w['b3_f1']:.3f}")
        print(_row("seed 14", r["runs"][0]))
    if args.scale:
        docs = scale_docs(args.scale, args.scale_corpora, items)
        s = run_scale(docs, {})
        result["scale"] = s
        print(
            f"\nscale: {s['articles']} articles in {s['seconds']:.1f} s wall, {s['cpu_seconds']:.1f} s CPU "
            f"({s['stories']} stories); add latency ms "
            f"mean {s['add_ms_mean']:.2f} p50 {s['add_ms_p50']:.2f} p95 {s['add_ms_p95']:.2f} max {s['add_ms_max']:.1f}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
