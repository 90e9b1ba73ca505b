"""How far can story grouping get on ECB+ with the clusterer's features? (analysis, not the product)

    python bench/stories_ceiling.py --corpus ../shared/corpora/ecbplus [--samples 6]

Two measurements on the features the clusterer uses (``bot.stories.features.extract``,
TF-IDF over the texts at hand, unit vectors, cosine):

1. Separability inside a topic: for every pair of articles of one topic, does a higher
   cosine mean the same event? ROC AUC per topic (1.0: a threshold separates the two
   events; 0.5: chance), over all 982 texts read as ingest reads them.
2. Grouping with hindsight: the same random 300-file samples as ``bench/stories.py
   --samples`` clustered offline by average link over all of a sample at once (no arrival
   order, every later article known), at a sweep of thresholds, on the cosines and on
   shared-neighbour similarity (the cosine of two articles' top-k neighbour profiles).
   The best threshold is picked looking at the answers, so the figures are an upper
   bound for these features, not something the incremental clusterer could reach.
3. The same with a learned pair score: logistic regression over the cosine, the cosine of
   each feature kind alone (words, names, numbers and dates) and shared-neighbour similarity
   (k = 3, 4, 6), trained on pairs of odd-topic samples (seeds 100-105) and of the whole odd
   half, reported on samples of the held-out even topics and on the all-topic samples.

JSON goes to bench/results/stories_ceiling.json.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot.stories import StoryClusterer  # noqa: E402
from bot.stories.features import extract  # noqa: E402
from stories import Gold, ingest_doc, load_ecbplus, scores  # noqa: E402  (bench/stories.py)

_IDF_OFFSET = 0.5  # as bot/stories/cluster.py


def cosines(feats: list[dict[str, float]]) -> np.ndarray:
    """Cosine matrix of TF-IDF vectors, IDF over ``feats`` themselves."""
    df = Counter(f for fs in feats for f in fs)
    vocab = {f: k for k, f in enumerate(df)}
    n = len(feats)
    m = np.zeros((n, len(vocab)))
    for i, fs in enumerate(feats):
        for f, x in fs.items():
            m[i, vocab[f]] = x * (math.log((n + 1) / (df[f] + 1)) + _IDF_OFFSET)
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    return m @ m.T


def shared_neighbours(sim: np.ndarray, k: int) -> np.ndarray:
    """Cosine of the articles' profiles of similarity to their k nearest (and themselves)."""
    r = sim.copy()
    np.fill_diagonal(r, 1.0)
    kth = -np.sort(-r, axis=1)[:, min(k, len(r) - 1)][:, None]
    r = np.where(r >= kth, r, 0.0)
    r /= np.linalg.norm(r, axis=1, keepdims=True)
    return r @ r.T


_KIND = {"w": "w", "e": "e", "p": "e", "n": "n", "t": "n"}


def pair_features(feats: list[dict[str, float]]) -> np.ndarray:
    """(n, n, 7): cosine; cosine of words, names, numbers and dates alone; shared neighbours k=3, 4, 6."""
    sim = cosines(feats)
    kinds = [cosines([{f: x for f, x in fs.items() if _KIND[f[0]] == k} for fs in feats]) for k in "wen"]
    return np.stack([sim, *kinds, *(shared_neighbours(sim, k) for k in (3, 4, 6))], -1)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    """Newton steps on L2-regularised log loss; weights with the bias last."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = l2 * np.r_[np.ones(len(w) - 1), 0.0]
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        w -= np.linalg.solve(hess, grad)
    return w


def average_link(sim: np.ndarray, threshold: float) -> list[int]:
    """Agglomerate while the best mean pairwise similarity of two clusters reaches ``threshold``."""
    n = len(sim)
    w = sim.astype(float).copy()
    np.fill_diagonal(w, -np.inf)
    size = np.ones(n)
    label = list(range(n))
    while n > 1:
        i, j = np.unravel_index(int(np.argmax(w)), w.shape)
        if w[i, j] < threshold:
            break
        w[i, :] = (w[i, :] * size[i] + w[j, :] * size[j]) / (size[i] + size[j])
        w[:, i] = w[i, :]
        w[i, i] = -np.inf
        w[j, :] = -np.inf
        w[:, j] = -np.inf
        size[i] += size[j]
        label = [i if x == j else x for x in label]
    return label


def auc(score: np.ndarray, positive: np.ndarray) -> float:
    order = np.argsort(score, kind="stable")
    rank = np.empty(len(score))
    rank[order] = np.arange(len(score))
    p, q = int(positive.sum()), int((~positive).sum())
    if not p or not q:
        return float("nan")
    return float((rank[positive].sum() - p * (p - 1) / 2) / (p * q))


def topic_separability(items: list[Gold], feats: list[dict[str, float]]) -> dict[int, dict]:
    sim = cosines(feats)
    by_topic = defaultdict(list)
    for i, g in enumerate(items):
        by_topic[g.topic].append(i)
    out = {}
    for topic, ids in sorted(by_topic.items()):
        pairs = [(a, b) for x, a in enumerate(ids) for b in ids[x + 1:]]
        s = np.array([sim[a, b] for a, b in pairs])
        same = np.array([items[a].cluster == items[b].cluster for a, b in pairs])
        out[topic] = {"auc": auc(s, same), "pairs": len(pairs), "same_event_pairs": int(same.sum())}
    return out


def _mean(runs: list[dict]) -> dict:
    return {"pair_p": statistics.fmean(r["pair_p"] for r in runs), "pair_r": statistics.fmean(r["pair_r"] for r in runs),
            "pair_f1": statistics.fmean(r["pair_f1"] for r in runs), "worst_p": min(r["pair_p"] for r in runs),
            "worst_f1": min(r["pair_f1"] for r in runs)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="ECB+ folder (clusters.tsv, text/)")
    ap.add_argument("--samples", type=int, default=6)
    ap.add_argument("--sample-size", type=int, default=300)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "stories_ceiling.json")
    args = ap.parse_args(argv)

    items = load_ecbplus(args.corpus)
    docs = {g.name: ingest_doc(i, g) for i, g in enumerate(items)}
    feats = {name: extract(d) for name, d in docs.items()}
    result: dict = {}

    sep = topic_separability(items, [feats[g.name] for g in items])
    result["topic_auc"] = sep
    ranked = sorted(sep.items(), key=lambda kv: kv[1]["auc"])
    print("same-event vs other-event pairs inside a topic, ROC AUC of the cosine (hardest first):")
    print("  " + ", ".join(f"{t}: {v['auc']:.2f}" for t, v in ranked[:12]))
    print(f"  topics under 0.85: {sum(v['auc'] < 0.85 for v in sep.values())} of {len(sep)}")

    seeds = [14] + [s for s in range(args.samples + 1) if s != 14][: args.samples - 1]  # as bench/stories.py
    samples = [sorted(random.Random(seed).sample(sorted(items, key=lambda g: g.name), args.sample_size),
                      key=lambda g: f"{g.name}.txt") for seed in seeds]
    sims = [cosines([feats[g.name] for g in s]) for s in samples]
    gold = [[g.cluster for g in s] for s in samples]

    runs = []
    for s in samples:
        clusterer = StoryClusterer()
        runs.append(scores([g.cluster for g in s], [clusterer.add(docs[g.name]) for g in s]))
    result["incremental"] = _mean(runs)

    def sweep(name: str, make, thresholds: list[float]) -> list[dict]:  # noqa: ANN001
        rows = []
        for t in thresholds:
            rs = [scores(gl, average_link(make(sim), t)) for gl, sim in zip(gold, sims)]
            rows.append({"method": name, "threshold": t, **_mean(rs)})
        return rows

    rows = sweep("cosine", lambda sim: sim, [0.16, 0.18, 0.2, 0.22, 0.25, 0.28, 0.3, 0.35])
    for k in (3, 4, 5):
        rows += sweep(f"shared-{k}", lambda sim, k=k: shared_neighbours(sim, k),
                      [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5])
    result["offline"] = rows

    def sample_of(subset: list[Gold], seed: int, size: int) -> list[Gold]:
        return sorted(random.Random(seed).sample(sorted(subset, key=lambda g: g.name), size),
                      key=lambda g: f"{g.name}.txt")

    odd = [g for g in items if g.topic % 2]
    even = [g for g in items if not g.topic % 2]
    xs, ys = [], []
    for s in [sample_of(odd, seed, 250) for seed in range(100, 106)] + [odd]:
        m, iu = pair_features([feats[g.name] for g in s]), np.triu_indices(len(s), 1)
        keep = m[iu][:, 0] > 0.05  # pairs with nothing in common teach nothing
        xs.append(m[iu][keep])
        ys.append(np.array([s[i].cluster == s[j].cluster for i, j in zip(*iu)], float)[keep])
    w = fit_logistic(np.vstack(xs), np.concatenate(ys))
    result["learned_weights"] = w.tolist()
    learned = {}
    for name, subset_samples in [("even topics (held out), 250 files", [sample_of(even, seed, 250) for seed in seeds]),
                                 ("all topics, 300 files", samples)]:
        probs = [1 / (1 + np.exp(-(pair_features([feats[g.name] for g in s]) @ w[:-1] + w[-1])))
                 for s in subset_samples]
        inc_runs = []
        for s in subset_samples:
            clusterer = StoryClusterer()
            inc_runs.append(scores([g.cluster for g in s], [clusterer.add(docs[g.name]) for g in s]))
        result.setdefault("incremental_by_split", {})[name] = _mean(inc_runs)
        learned[name] = [{"threshold": t, **_mean([scores([g.cluster for g in s], average_link(p, t))
                                                   for s, p in zip(subset_samples, probs)])}
                         for t in (0.4, 0.5, 0.6, 0.7, 0.8)]
    result["learned"] = learned

    print(f"\n{len(seeds)} samples of {args.sample_size} files (seeds {seeds}), mean pairwise P / R / F1 (worst P, F1):")
    inc = result["incremental"]
    print(f"  incremental clusterer (the product)   {inc['pair_p']:.3f} {inc['pair_r']:.3f} {inc['pair_f1']:.3f}"
          f"   ({inc['worst_p']:.3f}, {inc['worst_f1']:.3f})")
    for label, pick in [("offline, best F1", max(rows, key=lambda r: r["pair_f1"])),
                        ("offline, best F1 with P >= 0.95",
                         max((r for r in rows if r["pair_p"] >= 0.95), key=lambda r: r["pair_f1"], default=None)),
                        ("offline, best P with F1 >= 0.90",
                         max((r for r in rows if r["pair_f1"] >= 0.90), key=lambda r: r["pair_p"], default=None))]:
        if pick is None:
            print(f"  {label:<37} none")
            continue
        print(f"  {label:<37} {pick['pair_p']:.3f} {pick['pair_r']:.3f} {pick['pair_f1']:.3f}"
              f"   ({pick['worst_p']:.3f}, {pick['worst_f1']:.3f})  {pick['method']} at {pick['threshold']}")
    print("\nlearned pair score (trained on odd topics), offline average link, P / R / F1 (worst P, F1):")
    for name, rs in learned.items():
        r = result["incremental_by_split"][name]
        print(f"  {name:<37} {r['pair_p']:.3f} {r['pair_r']:.3f} {r['pair_f1']:.3f}"
              f"   ({r['worst_p']:.3f}, {r['worst_f1']:.3f})  incremental clusterer (the product)")
        for r in rs:
            print(f"  {name:<37} {r['pair_p']:.3f} {r['pair_r']:.3f} {r['pair_f1']:.3f}"
                  f"   ({r['worst_p']:.3f}, {r['worst_f1']:.3f})  at {r['threshold']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
